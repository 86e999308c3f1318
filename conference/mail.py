"""Sending e-mail: every message is stored in the outbox, then sent by a task after commit.

A message is queued until it is sent, or failed after MAX_ATTEMPTS. A failed send is tried again
after a back-off (1, 2, 4, 8 minutes); a task that never ran (lost with a worker or a flushed
broker) is dispatched again after LOST_AFTER. `retry_mail` (beat, every minute) does both.

A held message waits for an organiser, who releases it (`release_held_mail`) or discards it
(`discard_held_mail`: kept, never sent). Sending is rate-limited to MAIL_RATE_PER_MINUTE: a
released or composed batch is spread over the minutes after it (each message's next_attempt_at
is its minute, with no attempt yet; `retry_mail` hands it to a worker then), and a worker that
finds the last minute's budget spent puts the message back for later instead of sending it.
"""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.dispatch import dispatch, publish_on_commit
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
# The rate limit's window: MAIL_RATE_PER_MINUTE messages per RATE_WINDOW.
RATE_WINDOW = timedelta(minutes=1)

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


def hold_reason_in_effect() -> str:
    """The reason of the enclosing `held_mail()` block, or "" outside one."""
    return _hold_reason.get()


@dataclass(frozen=True)
class MailBatch:
    """What a release (or a composed batch) did: how many messages, how many were handed to a
    worker at once, how many wait for a later minute of the rate limit, and in how many minutes
    the last one is due."""

    count: int
    now: int
    later: int
    minutes: int = 0


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    subject: str
    body: str


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

    Side effects: one OutboxMail row; unless held, a task_send_mail published after commit
    (dispatch.publish_on_commit: the row is its own outbox, `retry_mail` its sweep).
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
    # The row is its own outbox (next_attempt_at): its task is published straight from it.
    from conference.tasks import task_send_mail

    publish_on_commit(task_send_mail, mail.pk, on_failure=lambda: _due_now(mail.pk))
    return mail


def _due_now(mail_id: int) -> None:
    """The send task of a queued message could not be published: it is a message not yet tried
    and due (as a spread batch's are), which `retry_mail` (every minute) dispatches at its next
    run, through the task outbox."""
    OutboxMail.objects.filter(pk=mail_id, status=OutboxMail.Status.QUEUED, attempts=1).update(
        attempts=0, next_attempt_at=timezone.now()
    )


@transaction.atomic
def queue_mail_batch(
    *,
    conference: Conference,
    messages: Iterable[OutgoingMail],
    kind: str = "",
    hold: str = "",
) -> MailBatch:
    """Store many messages in one go: held (with a `hold` reason, or inside `held_mail()`), else
    queued and spread over the minutes that the rate limit gives them.

    Side effects: one OutboxMail per message (one INSERT); unless held, a task_send_mail
    dispatched for each message of the current minute.
    """
    reason = (hold or _hold_reason.get())[:200]
    now = timezone.now()
    rows = [
        OutboxMail(
            conference=conference,
            kind=kind,
            to=message.to,
            subject=message.subject[:255],
            body=message.body,
            status=OutboxMail.Status.HELD if reason else OutboxMail.Status.QUEUED,
            held_reason=reason,
            # Not tried, due now: if anything below went wrong, the sweep would still send it.
            next_attempt_at=None if reason else now,
        )
        for message in messages
    ]
    created = OutboxMail.objects.bulk_create(rows)
    if reason:
        return MailBatch(count=len(created), now=0, later=0)
    return _send_spread([mail.pk for mail in created], now=now)


@transaction.atomic
def release_held_mail(
    *,
    conference: Conference,
    ids: Iterable[int] | None = None,
    reason: str | None = None,
) -> MailBatch:
    """Queue the conference's held messages (those of `ids`, else all; only those held for
    `reason` if given), oldest first, spread over the minutes the rate limit gives them.

    Messages of another conference or no longer held are left alone (the count tells). Two
    organisers releasing at once release each message once: the rows are locked.
    Side effects: the messages queued; a task_send_mail dispatched for each of this minute.
    """
    pks = list(
        _held(conference=conference, ids=ids, reason=reason)
        .select_for_update()
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    return _send_spread(pks, now=timezone.now())


@transaction.atomic
def discard_held_mail(
    *,
    conference: Conference,
    ids: Iterable[int] | None = None,
    reason: str | None = None,
) -> int:
    """Mark the conference's held messages (of `ids`, else all; only those held for `reason` if
    given) discarded: kept in the outbox for the record, never sent. Returns how many.

    Side effects: the messages' status and discarded_at.
    """
    return _held(conference=conference, ids=ids, reason=reason).update(
        status=OutboxMail.Status.DISCARDED, discarded_at=timezone.now(), next_attempt_at=None
    )


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
        if _rate_spent(mail):
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
    # No more than the rate limit leaves of this minute: the rest would only be put back.
    limit = SWEEP_BATCH
    if rate := mail_rate_per_minute():
        limit = max(min(limit, rate - _sent_since(now - RATE_WINDOW)), 0)
    with transaction.atomic():
        due = list(
            OutboxMail.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMail.Status.QUEUED, next_attempt_at__lte=now)
            .exclude(pk__in=on_the_way)
            .order_by("next_attempt_at", "pk")[:limit]
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


def mail_rate_per_minute() -> int:
    """MAIL_RATE_PER_MINUTE; 0 (or less) is no limit."""
    return max(int(getattr(settings, "MAIL_RATE_PER_MINUTE", 60) or 0), 0)


def _held(*, conference: Conference, ids: Iterable[int] | None, reason: str | None):
    held = OutboxMail.objects.filter(conference=conference, status=OutboxMail.Status.HELD)
    if ids is not None:
        held = held.filter(pk__in=list(ids))
    if reason is not None:
        held = held.filter(held_reason=reason)
    return held


def _sent_since(moment: datetime) -> int:
    return OutboxMail.objects.filter(status=OutboxMail.Status.SENT, sent_at__gte=moment).count()


def _send_spread(pks: list[int], *, now: datetime) -> MailBatch:
    """Queue the messages `pks` in their order: those that fit in this minute's rate budget are
    dispatched now, the others get the minute that is theirs (next_attempt_at, no attempt yet)
    and the sweep dispatches them then.

    The budget counts what was sent in the last minute and every message already queued (a batch
    released earlier waits in the minutes ahead), so two batches do not share the same minutes.
    Two releases at the very same moment may still overlap; the worker's check
    (`_rate_spent`) keeps the mail server's rate even then.
    """
    if not pks:
        return MailBatch(count=0, now=0, later=0)
    rate = mail_rate_per_minute()
    minutes: dict[int, list[int]] = {}
    if rate:
        ahead = (
            _sent_since(now - RATE_WINDOW)
            + OutboxMail.objects.filter(status=OutboxMail.Status.QUEUED).exclude(pk__in=pks).count()
        )
        for position, pk in enumerate(pks, start=ahead):
            minutes.setdefault(position // rate, []).append(pk)
    else:
        minutes[0] = pks
    for minute, group in sorted(minutes.items()):
        if minute == 0:
            continue
        OutboxMail.objects.filter(pk__in=group).update(
            status=OutboxMail.Status.QUEUED,
            attempts=0,
            error="",
            next_attempt_at=now + RATE_WINDOW * minute,
        )
    current = minutes.get(0, [])
    if current:
        OutboxMail.objects.filter(pk__in=current).update(
            status=OutboxMail.Status.QUEUED,
            attempts=1,
            error="",
            next_attempt_at=now + LOST_AFTER,
        )
        for pk in current:
            _dispatch_send(pk)
    return MailBatch(
        count=len(pks), now=len(current), later=len(pks) - len(current), minutes=max(minutes)
    )


def _rate_spent(mail: OutboxMail) -> bool:
    """True if the last minute's rate budget is spent; the message is then put back, this
    dispatch not counted as an attempt, and the sweep hands it out when the budget allows."""
    rate = mail_rate_per_minute()
    if not rate:
        return False
    now = timezone.now()
    window = OutboxMail.objects.filter(
        status=OutboxMail.Status.SENT, sent_at__gte=now - RATE_WINDOW
    )
    if window.count() < rate:
        return False
    oldest = window.order_by("sent_at").values_list("sent_at", flat=True).first() or now
    logger.info("mail %s waits: %d sent in the last minute", mail.pk, rate)
    OutboxMail.objects.filter(pk=mail.pk).update(
        attempts=max(mail.attempts - 1, 0), next_attempt_at=oldest + RATE_WINDOW
    )
    return True


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
