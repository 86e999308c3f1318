import pytest
from django.core import mail
from django.urls import reverse

from talks.models import Submission


@pytest.fixture
def url(conference, submission):
    return reverse("talks:submission_decide", args=[conference.slug, submission.pk])


def test_submission_decide_accepts_and_mails(
    client, organiser, submission, url, django_capture_on_commit_callbacks
):
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"state": "accepted"}, follow=True)

    assert Submission.objects.get(pk=submission.pk).state == "accepted"
    assert [str(m) for m in response.context["messages"]] == ["“Speaker's talk” is now accepted."]
    assert [m.subject for m in mail.outbox] == ["“Speaker's talk” is accepted at DevConf"]


def test_submission_decide_invalid_transition_changes_nothing(client, organiser, submission, url):
    Submission.objects.filter(pk=submission.pk).update(state="rejected")
    client.force_login(organiser)

    response = client.post(url, {"state": "cancelled"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "A submission that is rejected cannot become cancelled."
    ]
    assert Submission.objects.get(pk=submission.pk).state == "rejected"


def test_submission_decide_only_takes_organiser_decisions(client, organiser, submission, url):
    client.force_login(organiser)

    assert client.post(url, {"state": "withdrawn"}).status_code == 404
    assert Submission.objects.get(pk=submission.pk).state == "submitted"


def test_submission_decide_refuses_reviewers(client, reviewer, submission, url):
    client.force_login(reviewer)

    assert client.post(url, {"state": "accepted"}).status_code == 403
    assert Submission.objects.get(pk=submission.pk).state == "submitted"
