from django.core import mail
from django.urls import reverse

from tests.factories import SubmissionFactory


def test_send_reminders_mails_accepted_speakers(
    client, organiser, conference, django_capture_on_commit_callbacks
):
    SubmissionFactory.create_batch(2, conference=conference, state="accepted")
    SubmissionFactory(conference=conference, state="confirmed")
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("talks:send_reminders", args=[conference.slug]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Reminders sent for 2 unconfirmed talks."
    ]
    assert len(mail.outbox) == 2


def test_send_reminders_refuses_reviewers(client, reviewer, conference):
    SubmissionFactory(conference=conference, state="accepted")
    client.force_login(reviewer)

    response = client.post(reverse("talks:send_reminders", args=[conference.slug]))

    assert response.status_code == 403
    assert mail.outbox == []
