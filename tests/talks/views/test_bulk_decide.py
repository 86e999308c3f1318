import pytest
from django.urls import reverse

from conference.models import OutboxMail
from talks.models import Submission
from tests.factories import SubmissionFactory


@pytest.fixture
def url(conference):
    return reverse("talks:bulk_decide", args=[conference.slug])


def _confirmed(submissions, action, **extra):
    return {
        "ids": ",".join(str(s.pk) for s in submissions),
        "action": action,
        "confirm": "1",
        **extra,
    }


def test_bulk_decide_asks_first_then_accepts_the_ticked(
    client, organiser, conference, url, django_capture_on_commit_callbacks
):
    ticked = SubmissionFactory.create_batch(2, conference=conference)
    untouched = SubmissionFactory(conference=conference)
    client.force_login(organiser)

    asked = client.post(
        url,
        {"submissions": [s.pk for s in ticked], "action": "accepted", "filters": "state=submitted"},
    )
    assert "<h1>Accept 2 submissions?</h1>" in asked.content.decode()
    assert set(Submission.objects.values_list("state", flat=True)) == {"submitted"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _confirmed(ticked, "accepted", filters="state=submitted"))

    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{reverse('talks:review_list', args=[conference.slug])}?state=submitted"
    )
    assert sorted(Submission.objects.values_list("pk", "state")) == sorted(
        [(ticked[0].pk, "accepted"), (ticked[1].pk, "accepted"), (untouched.pk, "submitted")]
    )
    # Held for an organiser to release, not sent.
    assert list(OutboxMail.objects.values_list("status", flat=True)) == ["held", "held"]


def test_bulk_decide_rejects(client, organiser, conference, url):
    ticked = SubmissionFactory(conference=conference)
    client.force_login(organiser)

    client.post(url, _confirmed([ticked], "rejected"))

    assert Submission.objects.get().state == "rejected"


def test_bulk_decide_with_one_bad_changes_nothing(client, organiser, conference, url):
    fine = SubmissionFactory(conference=conference, title="Fine")
    done = SubmissionFactory(conference=conference, title="Done", state="confirmed")
    client.force_login(organiser)

    response = client.post(url, _confirmed([fine, done], "accepted"), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Nothing was changed:",
        "“Done”: A submission that is confirmed cannot become accepted.",
    ]
    assert Submission.objects.get(pk=fine.pk).state == "submitted"
    assert OutboxMail.objects.count() == 0


def test_bulk_decide_with_none_allowed_says_so(client, organiser, conference, url):
    done = SubmissionFactory(conference=conference, state="confirmed")
    client.force_login(organiser)

    response = client.post(url, {"submissions": [done.pk], "action": "accepted"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "None of these submissions can become accepted."
    ]


def test_bulk_decide_refuses_other_conferences_submissions(client, organiser, conference, url):
    foreign = SubmissionFactory()
    client.force_login(organiser)

    response = client.post(url, {"submissions": [foreign.pk], "action": "accepted"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f"Select a valid choice. {foreign.pk} is not one of the available choices."
    ]
    response = client.post(url, _confirmed([foreign], "accepted"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Some of these submissions are gone; nothing was changed."
    ]
    assert Submission.objects.get().state == "submitted"


def test_bulk_decide_with_nothing_ticked(client, organiser, url):
    client.force_login(organiser)

    response = client.post(url, {"action": "accepted"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Tick at least one submission."]


def test_bulk_decide_with_bad_ids(client, organiser, url):
    client.force_login(organiser)

    response = client.post(url, {"action": "accepted", "ids": "1,x", "confirm": "1"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "The list of submissions is not valid."
    ]


def test_bulk_decide_refuses_reviewers(client, reviewer, conference, url):
    submission = SubmissionFactory(conference=conference)
    client.force_login(reviewer)

    assert client.post(url, _confirmed([submission], "accepted")).status_code == 403
    assert Submission.objects.get().state == "submitted"
