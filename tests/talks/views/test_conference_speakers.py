import pytest
from django.urls import reverse

from tests.factories import SpeakerProfileFactory, SubmissionFactory, UserFactory


def test_conference_speakers_lists_speakers_of_accepted_talks(client, conference):
    ada = SpeakerProfileFactory(name="Ada").user
    bob = UserFactory(username="bob")
    talk = SubmissionFactory(conference=conference, speaker=bob, title="Duo", state="confirmed")
    talk.speakers.add(ada, through_defaults={"position": 1})
    SubmissionFactory(conference=conference, speaker=ada, title="Solo", state="accepted")
    SubmissionFactory(conference=conference, title="Pending")
    SubmissionFactory(state="accepted", title="Elsewhere")

    response = client.get(reverse("talks:conference_speakers", args=[conference.slug]))

    assert [(e["name"], [t.title for t in e["talks"]]) for e in response.context["speakers"]] == [
        ("Ada", ["Duo", "Solo"]),
        ("bob", ["Duo"]),
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_conference_speakers_query_count(client, conference, count, django_assert_num_queries):
    for _ in range(count):
        SubmissionFactory(
            conference=conference, speaker=SpeakerProfileFactory().user, state="accepted"
        )

    # conference, talks, speakers with their profiles
    with django_assert_num_queries(3):
        response = client.get(reverse("talks:conference_speakers", args=[conference.slug]))

    assert len(response.context["speakers"]) == count
