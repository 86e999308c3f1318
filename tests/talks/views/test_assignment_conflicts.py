"""Conflicts of interest are enforced: a conflicted reviewer never sees the submission in her
lists, and its review page (HTML and API) is a 404 to her; organisers still see everything."""

import pytest
from django.urls import reverse

from talks.models import AssignmentSettings, ReviewAssignment
from tests.api.conftest import token_client
from tests.factories import SpeakerProfileFactory, SubmissionFactory, UserFactory

API = "/api/v1/conferences/devconf/review/submissions"


@pytest.fixture
def talks(conference, reviewer):
    """A co-speaker's talk, a colleague's (same affiliation), an unrelated one."""
    SpeakerProfileFactory(user=reviewer, affiliation="ACME Corp.")
    colleague = SpeakerProfileFactory(
        user=UserFactory(username="colleague"), affiliation="acme corp"
    ).user
    made = {
        "co_speaker": SubmissionFactory(conference=conference, title="Ours", speakers=[reviewer]),
        "affiliation": SubmissionFactory(
            conference=conference, title="Colleague's", speaker=colleague
        ),
        "free": SubmissionFactory(conference=conference, title="Unrelated"),
    }
    for talk in made.values():
        ReviewAssignment.objects.create(submission=talk, reviewer=reviewer)
    return made


def review_url(conference, talk):
    return reverse("talks:submission_review", args=[conference.slug, talk.pk])


@pytest.mark.parametrize("kind", ["co_speaker", "affiliation"])
def test_conflicted_reviewer_gets_404_in_html_and_api(client, conference, reviewer, talks, kind):
    client.force_login(reviewer)
    talk = talks[kind]

    assert client.get(review_url(conference, talk)).status_code == 404
    assert client.post(review_url(conference, talk), {"score": "5"}).status_code == 404
    api = token_client(reviewer)
    assert api.get(f"{API}/{talk.pk}/").status_code == 404
    assert api.put(f"{API}/{talk.pk}/review/", {"score": 5}, format="json").status_code == 404
    assert client.get(review_url(conference, talks["free"])).status_code == 200
    assert api.get(f"{API}/{talks['free'].pk}/").status_code == 200


def test_conflicted_submissions_leave_every_list(client, conference, reviewer, talks):
    client.force_login(reviewer)
    slug = conference.slug

    listed = client.get(reverse("talks:review_list", args=[slug])).context["submissions"]
    assigned = client.get(reverse("talks:review_assigned", args=[slug])).context["submissions"]
    queue = client.get(reverse("talks:track_review_queue", args=[slug])).context["page"]
    api = token_client(reviewer).get(f"{API}/").json()["results"]

    assert [s.title for s in listed] == ["Unrelated"]
    assert [s.title for s in assigned] == ["Unrelated"]
    assert [s.title for s in queue.object_list] == ["Unrelated"]
    assert [s["title"] for s in api] == ["Unrelated"]


def test_the_affiliation_check_can_be_turned_off(client, conference, reviewer, talks):
    AssignmentSettings.objects.create(conference=conference, conflict_same_affiliation=False)
    client.force_login(reviewer)

    assert client.get(review_url(conference, talks["affiliation"])).status_code == 200
    assert client.get(review_url(conference, talks["co_speaker"])).status_code == 404


def test_organisers_still_see_every_submission(client, conference, organiser, talks):
    client.force_login(organiser)
    for talk in talks.values():
        assert client.get(review_url(conference, talk)).status_code == 200


def test_the_speaker_keeps_her_own_page(client, conference, reviewer, talks):
    client.force_login(reviewer)
    own = reverse("talks:submission_detail", args=[talks["co_speaker"].pk])
    assert client.get(own).status_code == 200


def test_assigning_a_conflicted_reviewer_by_hand_is_refused(
    client, conference, organiser, reviewer, talks
):
    talk = talks["co_speaker"]
    ReviewAssignment.objects.filter(submission=talk).delete()
    client.force_login(organiser)

    response = client.post(
        reverse("talks:submission_reviewers", args=[conference.slug, talk.pk]),
        {"reviewers": [str(reviewer.pk)]},
        follow=True,
    )

    assert "reviewer cannot review this submission." in response.content.decode()
    assert not ReviewAssignment.objects.filter(submission=talk).exists()
