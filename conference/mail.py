"""Sending e-mail: every message is stored in the outbox, then sent by a task after commit."""

from django.conf import settings
from django.core.mail import send_mail as django_send_mail
from django.utils import timezone

from conference.models import Conference, OutboxMail


def queue_mail(
    *, to: str, subject: str, body: str, conference: Conference | None = None, kind: str = ""
) -> OutboxMail:
    """Store a message and send it from the default queue once the transaction commits.

    Side effects: one OutboxMail row; a task_send_mail on commit.
    """
    from conference.tasks import task_send_mail

    mail = OutboxMail.objects.create(
        conference=conference, kind=kind, to=to, subject=subject[:255], body=body
    )
    task_send_mail.delay_on_commit(mail.pk)
    return mail


def send_outbox_mail(*, mail_id: int) -> bool:
    """Send one stored message unless it was sent already. Returns True if it was sent now."""
    mail = OutboxMail.objects.filter(pk=mail_id).first()
    if mail is None or mail.status == OutboxMail.Status.SENT:
        return False
    try:
        django_send_mail(
            mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to], fail_silently=False
        )
    except Exception as error:  # noqa: BLE001 - any transport error is recorded, then re-raised
        OutboxMail.objects.filter(pk=mail.pk).update(
            status=OutboxMail.Status.FAILED, error=str(error)[:2000]
        )
        raise
    OutboxMail.objects.filter(pk=mail.pk).update(
        status=OutboxMail.Status.SENT, sent_at=timezone.now(), error=""
    )
    return True
