import socket
from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from conference.mail import (
    MAX_ATTEMPTS,
    queue_mail,
    resend_mail,
    retry_mail,
    send_outbox_mail,
)
from conference.models import OutboxMail, OutboxTask
from tests.private_redis import celery_broker


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses every connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def refusing_transport(settings):
    settings.EMAIL_BACKEND = "tests.conference.test_mail.RefusingBackend"


def _make_due(mail: OutboxMail) -> None:
    OutboxMail.objects.filter(pk=mail.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    # The task that tried it was published long ago: not on its way any more.
    OutboxTask.objects.update(published_at=timezone.now() - timedelta(minutes=5))


def test_queue_mail_sends_after_commit(conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_mail(
            to="ada@example.org", subject="Hello", body="Body", conference=conference
        )

    stored.refresh_from_db()
    assert (stored.status, stored.attempts, stored.next_attempt_at) == ("sent", 1, None)
    assert stored.sent_at is not None
    assert [(m.to, m.subject, m.body) for m in django_mail.outbox] == [
        (["ada@example.org"], "Hello", "Body")
    ]


def test_queue_mail_sends_nothing_before_commit(conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_mail(to="ada@example.org", subject="Hello", body="Body", conference=conference)

    assert django_mail.outbox == []
    assert OutboxMail.objects.get().status == "queued"
    # The message is its own outbox: no task row, one publish waiting for the commit.
    assert OutboxTask.objects.count() == 0
    assert len(callbacks) == 1
    callbacks[0]()
    assert OutboxMail.objects.get().status == "sent"
    assert [m.to for m in django_mail.outbox] == [["ada@example.org"]]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_send_task_that_could_not_be_published_is_due_at_the_next_retry(
    conference, django_capture_on_commit_callbacks, caplog
):
    with (
        celery_broker(f"redis://127.0.0.1:{_closed_port()}/0"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        stored = queue_mail(to="a@example.org", subject="S", body="B", conference=conference)

    stored.refresh_from_db()
    # Not tried, due now: what a spread batch's message waiting for its minute looks like.
    assert (stored.status, stored.attempts) == ("queued", 0)
    assert stored.next_attempt_at <= timezone.now()
    assert OutboxTask.objects.count() == 0
    assert f"publishing conference.send_mail[{stored.pk}] failed" in caplog.text

    with django_capture_on_commit_callbacks(execute=True):
        assert retry_mail() == 1
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == ("sent", 1)
    assert list(OutboxTask.objects.values_list("task", "args")) == [
        ("conference.send_mail", [stored.pk])
    ]


def test_send_outbox_mail_is_idempotent(conference):
    stored = OutboxMail.objects.create(to="a@example.org", subject="S", body="B")

    assert send_outbox_mail(mail_id=stored.pk) is True
    assert send_outbox_mail(mail_id=stored.pk) is False
    assert send_outbox_mail(mail_id=987654) is False
    assert len(django_mail.outbox) == 1


def test_send_outbox_mail_records_a_failure_and_backs_off(conference, refusing_transport):
    stored = OutboxMail.objects.create(to="a@example.org", subject="S", body="B", attempts=2)
    before = timezone.now()

    assert send_outbox_mail(mail_id=stored.pk) is False

    stored.refresh_from_db()
    assert (stored.status, stored.error) == (
        "queued",
        "ConnectionRefusedError: [Errno 111] Connection refused",
    )
    # The second attempt failed: the third waits two minutes.
    waited = stored.next_attempt_at - before
    assert timedelta(minutes=2) <= waited < timedelta(minutes=2, seconds=5)


def test_failing_transport_fails_the_mail_after_the_last_attempt(
    conference, refusing_transport, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_mail(to="a@example.org", subject="S", body="B", conference=conference)
    for _attempt in range(MAX_ATTEMPTS - 1):
        stored.refresh_from_db()
        assert stored.status == "queued"
        _make_due(stored)
        with django_capture_on_commit_callbacks(execute=True):
            assert retry_mail() == 1

    stored.refresh_from_db()
    assert (stored.status, stored.attempts, stored.next_attempt_at) == ("failed", 5, None)
    assert stored.error == (
        "Gave up after 5 attempts: ConnectionRefusedError: [Errno 111] Connection refused"
    )
    # The first publish came straight from the message; each retry through the task outbox.
    assert OutboxTask.objects.filter(task="conference.send_mail").count() == MAX_ATTEMPTS - 1
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_mail() == 0


def test_retry_mail_leaves_mail_that_is_not_due(conference, django_capture_on_commit_callbacks):
    stored = OutboxMail.objects.create(
        to="a@example.org",
        subject="S",
        body="B",
        attempts=1,
        next_attempt_at=timezone.now() + timedelta(minutes=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert retry_mail() == 0

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == ("queued", 1)


def test_retry_mail_sends_a_mail_whose_task_was_lost(
    conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        stored = queue_mail(to="a@example.org", subject="S", body="B", conference=conference)
    # The task was published, then lost with its worker.
    OutboxTask.objects.update(published_at=timezone.now() - timedelta(minutes=11))
    _make_due(stored)

    with django_capture_on_commit_callbacks(execute=True):
        assert retry_mail() == 1

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == ("sent", 2)
    assert len(django_mail.outbox) == 1


def test_retry_mail_waits_for_a_task_still_in_the_outbox(
    conference, django_capture_on_commit_callbacks
):
    from conference.dispatch import dispatch
    from conference.tasks import task_send_mail

    # A retry's task waits unpublished (the broker was away): it is not lost, no attempt is spent.
    stored = OutboxMail.objects.create(
        to="a@example.org",
        subject="S",
        body="B",
        attempts=2,
        next_attempt_at=timezone.now() - timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=False):
        dispatch(task_send_mail, stored.pk)

    with django_capture_on_commit_callbacks(execute=True):
        assert retry_mail() == 0

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == ("queued", 2)


def test_retry_mail_fails_a_mail_lost_too_often(conference, django_capture_on_commit_callbacks):
    stored = OutboxMail.objects.create(
        to="a@example.org",
        subject="S",
        body="B",
        attempts=MAX_ATTEMPTS,
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert retry_mail() == 0

    stored.refresh_from_db()
    assert (stored.status, stored.error) == (
        "failed",
        "Gave up after 5 attempts: no worker sent it",
    )
    assert django_mail.outbox == []


def test_resend_mail_queues_a_failed_mail_and_sends_it(
    conference, django_capture_on_commit_callbacks
):
    stored = OutboxMail.objects.create(
        to="a@example.org", subject="S", body="B", status="failed", attempts=5, error="refused"
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert resend_mail(mail=stored) is True

    stored.refresh_from_db()
    assert (stored.status, stored.attempts, stored.error) == ("sent", 1, "")
    assert [m.to for m in django_mail.outbox] == [["a@example.org"]]


def test_resend_mail_refuses_a_mail_that_did_not_fail(
    conference, django_capture_on_commit_callbacks
):
    stored = OutboxMail.objects.create(to="a@example.org", subject="S", body="B", status="sent")

    with django_capture_on_commit_callbacks(execute=True):
        assert resend_mail(mail=stored) is False

    assert (OutboxTask.objects.count(), django_mail.outbox) == (0, [])
