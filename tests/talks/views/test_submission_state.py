from django.core import mail
from django.urls import reverse

from talks.models import Submission


def _url(submission, action):
    return reverse("talks:submission_state", args=[submission.pk, action])


def test_submission_state_get_asks_first(client, speaker, submission):
    client.force_login(speaker)

    response = client.get(_url(submission, "withdraw"))

    assert response.status_code == 200
    assert response.context["allowed"] is True
    assert Submission.objects.get(pk=submission.pk).state == "submitted"


def test_submission_state_withdraws(client, speaker, submission):
    client.force_login(speaker)

    response = client.post(_url(submission, "withdraw"), follow=True)

    assert Submission.objects.get(pk=submission.pk).state == "withdrawn"
    assert [str(m) for m in response.context["messages"]] == ["“Speaker's talk” is withdrawn."]


def test_submission_state_confirms_an_accepted_talk(client, speaker, submission):
    Submission.objects.filter(pk=submission.pk).update(state="accepted")
    client.force_login(speaker)

    response = client.post(_url(submission, "confirm"))

    assert response.status_code == 302
    assert Submission.objects.get(pk=submission.pk).state == "confirmed"


def test_submission_state_submits_a_draft_and_mails(
    client, speaker, submission, django_capture_on_commit_callbacks
):
    Submission.objects.filter(pk=submission.pk).update(state="draft")
    client.force_login(speaker)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(submission, "submit"))

    assert Submission.objects.get(pk=submission.pk).state == "submitted"
    assert [m.subject for m in mail.outbox] == ["We received “Speaker's talk”"]


def test_submission_state_confirming_a_rejected_talk_is_refused(client, speaker, submission):
    Submission.objects.filter(pk=submission.pk).update(state="rejected")
    client.force_login(speaker)

    page = client.get(_url(submission, "confirm"))
    response = client.post(_url(submission, "confirm"))

    assert page.context["allowed"] is False
    assert "This cannot be done now: the submission is Rejected." in page.content.decode()
    assert response.status_code == 400
    assert response.context["error"] == "A submission that is rejected cannot become confirmed."
    assert Submission.objects.get(pk=submission.pk).state == "rejected"


def test_submission_state_unknown_action_is_404(client, speaker, submission):
    client.force_login(speaker)

    assert client.post(_url(submission, "accept")).status_code == 404
    assert Submission.objects.get(pk=submission.pk).state == "submitted"


def test_submission_state_requires_login(client, submission):
    response = client.get(_url(submission, "confirm"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
