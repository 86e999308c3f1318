import pytest
from django.core import mail
from django.urls import reverse

from talks.models import Submission
from tests.factories import SubmissionFactory


@pytest.fixture
def url(conference):
    return reverse("talks:bulk_decide", args=[conference.slug])


def test_bulk_decide_accepts_the_ticked(
    client, organiser, conference, url, django_capture_on_commit_callbacks
):
    ticked = SubmissionFactory.create_batch(2, conference=conference)
    untouched = SubmissionFactory(conference=conference)
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "submissions": [s.pk for s in ticked],
                "action": "accepted",
                "filters": "state=submitted",
            },
        )

    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{reverse('talks:review_list', args=[conference.slug])}?state=submitted"
    )
    assert sorted(Submission.objects.values_list("pk", "state")) == sorted(
        [(ticked[0].pk, "accepted"), (ticked[1].pk, "accepted"), (untouched.pk, "submitted")]
    )
    assert len(mail.outbox) == 2


def test_bulk_decide_rejects(client, organiser, conference, url):
    ticked = SubmissionFactory(conference=conference)
    client.force_login(organiser)

    client.post(url, {"submissions": [ticked.pk], "action": "rejected"})

    assert Submission.objects.get().state == "rejected"


def test_bulk_decide_with_one_bad_changes_nothing(client, organiser, conference, url):
    fine = SubmissionFactory(conference=conference, title="Fine")
    done = SubmissionFactory(conference=conference, title="Done", state="confirmed")
    client.force_login(organiser)

    response = client.post(
        url, {"submissions": [fine.pk, done.pk], "action": "accepted"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was changed:",
        "“Done”: A submission that is confirmed cannot become accepted.",
    ]
    assert Submission.objects.get(pk=fine.pk).state == "submitted"


def test_bulk_decide_refuses_other_conferences_submissions(client, organiser, conference, url):
    foreign = SubmissionFactory()
    client.force_login(organiser)

    response = client.post(url, {"submissions": [foreign.pk], "action": "accepted"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        f"Select a valid choice. {foreign.pk} is not one of the available choices."
    ]
    assert Submission.objects.get().state == "submitted"


def test_bulk_decide_with_nothing_ticked(client, organiser, url):
    client.force_login(organiser)

    response = client.post(url, {"action": "accepted"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Tick at least one submission."]


def test_bulk_decide_refuses_reviewers(client, reviewer, conference, url):
    submission = SubmissionFactory(conference=conference)
    client.force_login(reviewer)

    assert (
        client.post(url, {"submissions": [submission.pk], "action": "accepted"}).status_code == 403
    )
    assert Submission.objects.get().state == "submitted"
