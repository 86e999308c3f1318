"""Sending e-mail: every message is stored in the outbox, then sent by a task after commit.

A message is queued until it is sent, or failed after MAX_ATTEMPTS. A failed send is tried again
after a back-off (1, 2, 4, 8 minutes); a task that never ran (lost with a worker or a flushed
broker) is dispatched again after LOST_AFTER. `retry_mail` (beat, every minute) does both.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.dispatch import dispatch
from conference.models import Conference, OutboxMail, OutboxTask

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# The first retry waits this long, each later one twice as long as the one before. It is at
# least IN_FLIGHT, so a retry is never mistaken for a task still on its way.
RETRY_AFTER = timedelta(minutes=1)
# A dispatched message not tried by then counts as lost and is dispatched again.
LOST_AFTER = timedelta(minutes=10)
# A send task still unpublished, or published this recently, is on its way: after a broker
# outage the sweep publishes the waiting tasks and must not count them as lost as well.
IN_FLIGHT = timedelta(minutes=1)
SWEEP_BATCH = 200
SEND_MAIL_TASK = "conference.send_mail"

# Set inside `held_mail()`: why every message queued there waits in the outbox for an organiser.
_hold_reason: ContextVar[str] = ContextVar("hold_reason", default="")


@contextmanager
def held_mail(reason: str) -> Iterator[None]:
    """Hold every message queued inside the block in the outbox (bulk decisions, releases)."""
    token = _hold_reason.set(reason)
    try:
        yield
    finally:
        _hold_reason.reset(token)


def queue_mail(
    *,
    to: str,
    subject: str,
    body: str,
    conference: Conference | None = None,
    kind: str = "",
    hold: str = "",
) -> OutboxMail:
    """Store a message and send it from the default queue once the transaction commits, or,
    with a `hold` reason (or inside `held_mail()`), keep it held until an organiser releases it.

    Side effects: one OutboxMail row; unless held, a task_send_mail dispatched through the task
    outbox.
    """
    reason = hold or _hold_reason.get()
    if reason:
        return OutboxMail.objects.create(
            conference=conference,
            kind=kind,
            to=to,
            subject=subject[:255],
            body=body,
            status=OutboxMail.Status.HELD,
            held_reason=reason[:200],
        )
    mail = OutboxMail.objects.create(
        conference=conference,
        kind=kind,
        to=to,
        subject=subject[:255],
        body=body,
        attempts=1,
        next_attempt_at=timezone.now() + LOST_AFTER,
    )
    _dispatch_send(mail.pk)
    return mail


def send_outbox_mail(*, mail_id: int) -> bool:
    """Send one queued message. Returns True if it was sent now.

    A message already sent, failed, gone, or being sent by another worker is left alone. A
    transport error is recorded (error, next attempt, or failed after MAX_ATTEMPTS), not raised.
    """
    with transaction.atomic():
        mail = (
            OutboxMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, status=OutboxMail.Status.QUEUED)
            .first()
        )
        if mail is None:
            return False
        try:
            message = EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
            for filename, content, mimetype in _attachments(mail):
                message.attach(filename, content, mimetype)
            message.send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - any transport error is recorded
            _record_failure(mail, f"{type(error).__name__}: {error}")
            return False
        OutboxMail.objects.filter(pk=mail.pk).update(
            status=OutboxMail.Status.SENT, sent_at=timezone.now(), error="", next_attempt_at=None
        )
    return True


@transaction.atomic
def resend_mail(*, mail: OutboxMail) -> bool:
    """Queue a failed message again with a fresh set of attempts. Returns False unless failed.

    Side effects: the mail's status, attempts, error and next attempt; a task_send_mail
    dispatched.
    """
    queued = OutboxMail.objects.filter(pk=mail.pk, status=OutboxMail.Status.FAILED).update(
        status=OutboxMail.Status.QUEUED,
        attempts=1,
        error="",
        next_attempt_at=timezone.now() + LOST_AFTER,
    )
    if queued:
        _dispatch_send(mail.pk)
    return bool(queued)


def retry_mail() -> int:
    """Dispatch again every queued message whose next attempt is due; give up after the last.

    Run by beat every minute and when a worker starts. Returns how many were dispatched.
    """
    now = timezone.now()
    on_the_way = _mail_ids_on_the_way(now)
    dispatched = 0
    with transaction.atomic():
        due = list(
            OutboxMail.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMail.Status.QUEUED, next_attempt_at__lte=now)
            .exclude(pk__in=on_the_way)
            .order_by("next_attempt_at")[:SWEEP_BATCH]
        )
        for mail in due:
            if mail.attempts >= MAX_ATTEMPTS:
                # The last dispatch was lost too: nothing will send it without a person.
                _give_up(mail, mail.error or _("no worker sent it"))
                continue
            OutboxMail.objects.filter(pk=mail.pk).update(
                attempts=F("attempts") + 1, next_attempt_at=now + LOST_AFTER
            )
            _dispatch_send(mail.pk)
            dispatched += 1
    return dispatched


def _attachments(mail: OutboxMail) -> list[tuple[str, bytes, str]]:
    """Files made when the message is sent (the outbox keeps text only): the PDF ticket of a
    registration's e-mails."""
    if not mail.kind.startswith("registration."):
        return []
    from conference.registration.emails import registration_attachments

    return registration_attachments(mail=mail)


def _dispatch_send(mail_id: int) -> None:
    from conference.tasks import task_send_mail

    dispatch(task_send_mail, mail_id)


def _record_failure(mail: OutboxMail, error: str) -> None:
    logger.warning("mail %s to %s failed (attempt %d): %s", mail.pk, mail.to, mail.attempts, error)
    if mail.attempts >= MAX_ATTEMPTS:
        _give_up(mail, error)
        return
    OutboxMail.objects.filter(pk=mail.pk).update(
        error=error[:2000],
        next_attempt_at=timezone.now() + RETRY_AFTER * 2 ** max(mail.attempts - 1, 0),
    )


def _give_up(mail: OutboxMail, reason: str) -> None:
    message = _("Gave up after %(n)d attempts: %(reason)s") % {"n": mail.attempts, "reason": reason}
    OutboxMail.objects.filter(pk=mail.pk).update(
        status=OutboxMail.Status.FAILED, error=message[:2000], next_attempt_at=None
    )


def _mail_ids_on_the_way(now) -> set[int]:
    rows = OutboxTask.objects.filter(task=SEND_MAIL_TASK).filter(
        Q(published_at__isnull=True) | Q(published_at__gt=now - IN_FLIGHT)
    )
    return {args[0] for args in rows.values_list("args", flat=True) if args}
