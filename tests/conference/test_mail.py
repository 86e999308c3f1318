import pytest
from django.core import mail as django_mail

from conference.mail import queue_mail, send_outbox_mail
from conference.models import OutboxMail


def test_queue_mail_sends_after_commit(conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_mail(
            to="ada@example.org", subject="Hello", body="Body", conference=conference
        )

    stored.refresh_from_db()
    assert stored.status == "sent"
    assert stored.sent_at is not None
    assert [(m.to, m.subject, m.body) for m in django_mail.outbox] == [
        (["ada@example.org"], "Hello", "Body")
    ]


def test_queue_mail_sends_nothing_before_commit(conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        queue_mail(to="ada@example.org", subject="Hello", body="Body", conference=conference)

    assert django_mail.outbox == []
    assert OutboxMail.objects.get().status == "queued"


def test_send_outbox_mail_is_idempotent(conference):
    stored = OutboxMail.objects.create(to="a@example.org", subject="S", body="B")

    assert send_outbox_mail(mail_id=stored.pk) is True
    assert send_outbox_mail(mail_id=stored.pk) is False
    assert send_outbox_mail(mail_id=987654) is False
    assert len(django_mail.outbox) == 1


def test_send_outbox_mail_records_failures(conference, settings, monkeypatch):
    stored = OutboxMail.objects.create(to="a@example.org", subject="S", body="B")

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("conference.mail.django_send_mail", broken)
    with pytest.raises(OSError):
        send_outbox_mail(mail_id=stored.pk)

    stored.refresh_from_db()
    assert (stored.status, stored.error) == ("failed", "connection refused")
