from datetime import UTC, datetime

from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from conference.models import OutboxMail, OutboxTask
from tests.factories import ConferenceFactory, MembershipFactory


def test_outbox_lists_the_conferences_mail(client, organiser, conference):
    OutboxMail.objects.create(
        conference=conference, to="a@example.org", subject="<b>Hi</b>", body="B"
    )
    OutboxMail.objects.create(
        conference=ConferenceFactory(), to="z@example.org", subject="No", body=""
    )
    client.force_login(organiser)

    response = client.get(reverse("conference:outbox", args=[conference.slug]))

    assert response.status_code == 200
    assert [m.to for m in response.context["mails"]] == ["a@example.org"]
    assert "&lt;b&gt;Hi&lt;/b&gt;" in response.content.decode()


def test_outbox_is_for_organisers_only(client, reviewer, speaker, conference):
    url = reverse("conference:outbox", args=[conference.slug])
    stranger = MembershipFactory(conference=ConferenceFactory()).user

    assert client.get(url).status_code == 302
    for user in (reviewer, speaker, stranger):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_outbox_shows_attempts_next_attempt_and_the_last_error(client, organiser, conference):
    OutboxMail.objects.create(
        conference=conference,
        to="a@example.org",
        subject="Hi",
        body="B",
        status="failed",
        attempts=5,
        error="Gave up after 5 attempts: ConnectionRefusedError: refused",
    )
    OutboxMail.objects.create(
        conference=conference,
        to="b@example.org",
        subject="Hi",
        body="B",
        attempts=2,
        next_attempt_at=datetime(2026, 5, 1, 2, 30, tzinfo=UTC),
        error="SMTPServerDisconnected: gone",
    )
    client.force_login(organiser)

    response = client.get(reverse("conference:outbox", args=[conference.slug]))

    body = response.content.decode()
    assert "Gave up after 5 attempts: ConnectionRefusedError: refused" in body
    assert "SMTPServerDisconnected: gone" in body
    # Shown in the conference's zone (DevConf's factory default), not UTC.
    shown = timezone.localtime(datetime(2026, 5, 1, 2, 30, tzinfo=UTC), conference.tzinfo).strftime(
        "%Y-%m-%d %H:%M"
    )
    assert f'<td class="next-attempt">{shown}</td>' in body
    assert '<td class="attempts">5</td>' in body
    # Only the failed one can be sent again.
    assert body.count("Send again") == 1


def test_outbox_send_again_queues_and_sends_a_failed_mail(
    client, organiser, conference, django_capture_on_commit_callbacks
):
    failed = OutboxMail.objects.create(
        conference=conference, to="a@example.org", subject="S", body="B", status="failed"
    )
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("conference:outbox_resend", args=[conference.slug, failed.pk]), follow=True
        )

    failed.refresh_from_db()
    assert response.redirect_chain == [(reverse("conference:outbox", args=[conference.slug]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "The e-mail to a@example.org is queued again."
    ]
    assert (failed.status, failed.attempts) == ("sent", 1)
    assert [m.to for m in django_mail.outbox] == [["a@example.org"]]


def test_outbox_send_again_refuses_a_mail_that_did_not_fail(client, organiser, conference):
    sent = OutboxMail.objects.create(
        conference=conference, to="a@example.org", subject="S", body="B", status="sent"
    )
    client.force_login(organiser)

    response = client.post(
        reverse("conference:outbox_resend", args=[conference.slug, sent.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Only a failed e-mail can be sent again."
    ]
    assert OutboxTask.objects.count() == 0


def test_outbox_send_again_is_for_organisers_of_that_conference(
    client, organiser, reviewer, speaker, conference
):
    failed = OutboxMail.objects.create(
        conference=conference, to="a@example.org", subject="S", body="B", status="failed"
    )
    other = OutboxMail.objects.create(
        conference=ConferenceFactory(), to="z@example.org", subject="S", body="B", status="failed"
    )
    url = reverse("conference:outbox_resend", args=[conference.slug, failed.pk])

    assert client.post(url).status_code == 302  # to the log-in page
    for user in (reviewer, speaker):
        client.force_login(user)
        assert client.post(url).status_code == 403
    client.force_login(organiser)
    assert client.get(url).status_code == 405
    other_url = reverse("conference:outbox_resend", args=[conference.slug, other.pk])
    assert client.post(other_url).status_code == 404
    assert list(OutboxMail.objects.values_list("status", flat=True)) == ["failed", "failed"]
    assert OutboxTask.objects.count() == 0
