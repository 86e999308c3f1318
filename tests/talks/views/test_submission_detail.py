import pytest
from django.urls import reverse

from tests.factories import SubmissionFactory


def test_submission_detail_shows_own_submission(client, speaker, submission):
    client.force_login(speaker)

    response = client.get(reverse("talks:submission_detail", args=[submission.pk]))

    assert response.status_code == 200
    assert response.context["submission"] == submission
    assert "Speaker&#x27;s talk" in response.content.decode()


def test_submission_detail_of_another_speaker_is_404(client, other_speaker, submission):
    client.force_login(other_speaker)

    response = client.get(reverse("talks:submission_detail", args=[submission.pk]))

    assert response.status_code == 404


def test_submission_edit_of_another_speaker_is_404(client, other_speaker, submission):
    client.force_login(other_speaker)

    response = client.post(
        reverse("talks:submission_edit", args=[submission.pk]),
        {"title": "Hijacked", "abstract": "x", "format": "talk"},
    )

    submission.refresh_from_db()
    assert response.status_code == 404
    assert submission.title == "Speaker's talk"


def test_submission_edit_saves_changes(client, speaker, submission):
    client.force_login(speaker)

    response = client.post(
        reverse("talks:submission_edit", args=[submission.pk]),
        {"title": "New title", "abstract": "New abstract", "format": "lightning"},
    )

    submission.refresh_from_db()
    assert response.status_code == 302
    assert (submission.title, submission.format, submission.duration) == (
        "New title",
        "lightning",
        10,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_submission_list_query_count(client, speaker, conference, count, django_assert_num_queries):
    SubmissionFactory.create_batch(count, conference=conference, speaker=speaker)
    SubmissionFactory(conference=conference)  # someone else's: not listed
    client.force_login(speaker)

    # session, user, submissions with conference and track joined
    with django_assert_num_queries(3):
        response = client.get(reverse("talks:submission_list"))

    assert len(response.context["submissions"]) == count
