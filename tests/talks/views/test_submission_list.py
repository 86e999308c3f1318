import pytest
from django.urls import reverse

from tests.factories import SubmissionFactory, UserFactory


def test_submission_list_shows_own_and_co_spoken(client, speaker, conference):
    mine = SubmissionFactory(conference=conference, speaker=speaker, title="Mine")
    theirs = SubmissionFactory(conference=conference, title="Theirs, with me")
    theirs.speakers.add(speaker, through_defaults={"position": 1})
    SubmissionFactory(conference=conference, speaker=UserFactory(), title="Not mine")
    client.force_login(speaker)

    response = client.get(reverse("talks:submission_list"))

    assert set(response.context["submissions"]) == {mine, theirs}
    assert "Not mine" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_submission_list_query_count(client, speaker, conference, count, django_assert_num_queries):
    SubmissionFactory.create_batch(count, conference=conference, speaker=speaker)
    SubmissionFactory(conference=conference)  # someone else's: not listed
    client.force_login(speaker)

    # session, user, submissions with conference and track joined, their conferences' latest
    # releases (none here; tests/scheduling/views/test_speaker_area.py counts with one)
    with django_assert_num_queries(4):
        response = client.get(reverse("talks:submission_list"))

    assert len(response.context["submissions"]) == count
