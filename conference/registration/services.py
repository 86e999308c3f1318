"""Writes of attendee registration: register, confirm, cancel, promote, check in.

A registration takes a seat when its e-mail address is confirmed; a pending one holds none (why:
docs/registration.md). Whoever changes who holds a seat of a ticket type first locks that ticket
type's row (SELECT ... FOR UPDATE), then the registrations, always in that order. So counting the
seats taken and taking one cannot interleave between two requests, and quotas never oversell.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import Answer, Conference, Question, Registration, TicketType
from conference.models.registration import PENDING_LINK_VALID_FOR, hash_token
from conference.prepared import PreparedQuery
from conference.registration.emails import RESEND_MINUTES, queue_registration_mail

State = Registration.State
RESEND_INTERVAL = timedelta(minutes=RESEND_MINUTES)
# A pending registration is deleted this long after its confirmation link expired: its address
# was never confirmed, so nothing about the person is worth keeping; the week's grace lets
# an organiser still find somebody who writes in about a lost e-mail.
PENDING_KEPT_AFTER_EXPIRY = timedelta(days=7)


@dataclass(frozen=True)
class RegisterResult:
    registration: Registration
    # False when the e-mail address was registered already.
    created: bool
    # False when the address was registered already and its link went out under
    # RESEND_INTERVAL ago, so no e-mail was sent this time.
    mailed: bool = True


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    # True when this call checked the person in; False when they were checked in before.
    checked_in_now: bool


def normalise_email(email: str) -> str:
    # Lower-cased whole: "Ada@Example.org" and "ada@example.org" are one person here.
    return email.strip().lower()


def normalise_code(code: str) -> str:
    """A check-in code as typed or scanned: any case, spaces and dashes allowed."""
    return "".join(code.split()).replace("-", "").upper()


def validate_answers(
    *,
    conference: Conference,
    answers: Mapping[Question, str],
    questions: list[Question] | None = None,
) -> None:
    """Raise ValidationError unless every required question is answered and choices are valid.

    `questions`: the conference's questions when the caller has them already (else read)."""
    errors = []
    for question in conference.questions.all() if questions is None else questions:
        value = (answers.get(question) or "").strip()
        if question.required and not value:
            errors.append(_("Please answer “%(question)s”.") % {"question": question.label})
        elif value and question.kind == Question.Kind.CHOICE and value not in question.choice_list:
            errors.append(
                _("“%(value)s” is not a choice of “%(question)s”.")
                % {"value": value, "question": question.label}
            )
        elif value and question.kind == Question.Kind.YES_NO and value not in ("yes", "no"):
            errors.append(_("Answer “%(question)s” with yes or no.") % {"question": question.label})
    if errors:
        raise ValidationError(errors)


def validate_ticket_type_for_sale(
    *, conference: Conference, ticket_type: TicketType | None, now: datetime
) -> None:
    if ticket_type is None or ticket_type.conference_id != conference.pk:
        raise ValidationError(_("This ticket type does not exist."))
    if not ticket_type.is_visible:
        raise ValidationError(_("This ticket type is not available."))
    if ticket_type.sale_starts_at and now < ticket_type.sale_starts_at:
        raise ValidationError(_("Registration for this ticket type has not opened yet."))
    if ticket_type.sale_ends_at and now >= ticket_type.sale_ends_at:
        raise ValidationError(_("Registration for this ticket type has closed."))


def register(
    *,
    conference: Conference,
    ticket_type: TicketType | None,
    name: str,
    email: str,
    organisation: str = "",
    answers: Mapping[Question, str] | None = None,
    questions: list[Question] | None = None,
    now: datetime | None = None,
) -> RegisterResult:
    """Create a pending registration (no seat yet) and e-mail it the link to confirm.

    If the address already has an active registration for this conference nothing is created
    and `created` is False: the link is e-mailed again (a pending one's 48 hours start anew),
    unless it was e-mailed under RESEND_INTERVAL ago (`mailed` is False).
    Raises ValidationError, saving nothing, for an unknown, hidden or off-sale ticket type or a
    required question left unanswered. `questions`: all the conference's questions, when the
    caller (the form) has them already.

    Side effects: a Registration and its Answers; one OutboxMail. Each in one transaction (a
    savepoint inside a caller's): the new registration with its answers and e-mail, or, for a
    known address, the link's new time with its e-mail.
    """
    now = now or timezone.now()
    answers = answers or {}
    validate_ticket_type_for_sale(conference=conference, ticket_type=ticket_type, now=now)
    validate_answers(conference=conference, answers=answers, questions=questions)
    email = normalise_email(email)

    registration = Registration(
        conference=conference,
        ticket_type=ticket_type,
        name=name.strip(),
        email=email,
        organisation=organisation.strip(),
        created_at=now,
        link_sent_at=now,
    )
    registration.token_hash = hash_token(registration.manage_token)
    # Uniqueness is left to the database: its unique indexes answer without extra queries; the
    # conference and ticket type are the objects at hand (no query to check that they exist).
    registration.full_clean(
        exclude=["conference", "ticket_type"], validate_unique=False, validate_constraints=False
    )
    try:
        # The insert comes first: an address registered already (or twice at once) meets the
        # unique index and rolls back this transaction, which wrote nothing else yet; only then
        # is its registration looked up. No savepoint is needed around the insert.
        with transaction.atomic():
            registration.save()
            Answer.objects.bulk_create(
                Answer(registration=registration, question=question, value=value.strip())
                for question, value in answers.items()
                if value and value.strip() and question.conference_id == conference.pk
            )
            queue_registration_mail(registration=registration, kind="confirm")
    except IntegrityError:
        with transaction.atomic():
            existing = _active_registration(conference=conference, email=email)
            if existing is None:
                raise
            mailed = resend_link(registration=existing, now=now)
        return RegisterResult(registration=existing, created=False, mailed=mailed)
    return RegisterResult(registration=registration, created=True)


def _active_registration(*, conference: Conference, email: str) -> Registration | None:
    return (
        Registration.objects.select_related("conference", "ticket_type")
        .filter(conference=conference, email=email, state__in=Registration.ACTIVE_STATES)
        .first()
    )


def resend_link(*, registration: Registration, now: datetime | None = None) -> bool:
    """E-mail the registration's link again; a pending one gets 48 more hours to confirm.

    At most one e-mail per RESEND_INTERVAL: the public form must not become a way to flood
    somebody's inbox. Returns whether an e-mail was queued. Side effects: one OutboxMail;
    link_sent_at.
    """
    now = now or timezone.now()
    if now - registration.link_sent_at < RESEND_INTERVAL:
        return False
    registration.link_sent_at = now
    registration.save(update_fields=["link_sent_at"])
    kind = "confirm" if registration.state == State.PENDING else "resend"
    queue_registration_mail(registration=registration, kind=kind, again=True)
    return True


def change_registration_name(*, registration: Registration, name: str) -> Registration:
    """The attendee corrects the name on their registration (and so on their ticket).

    Raises ValidationError for an empty name or a cancelled registration.
    Side effects: the registration's name.
    """
    name = name.strip()
    if not name:
        raise ValidationError(_("Enter your name."))
    if registration.state == State.CANCELLED:
        raise ValidationError(_("This registration is cancelled: its name can no longer change."))
    registration.name = name
    registration.full_clean(validate_unique=False, validate_constraints=False)
    registration.save(update_fields=["name"])
    return registration


def _lock(registration: Registration) -> tuple[TicketType, Registration]:
    """Lock the ticket type, then the registration (always in this order: no deadlocks).

    Registration locks name of=("self",): a plain FOR UPDATE with select_related would also lock
    the joined conference row and so serialise every registration of the conference.
    """
    ticket_type = TicketType.objects.select_for_update().get(pk=registration.ticket_type_id)
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=registration.pk)
    )
    locked.ticket_type = ticket_type
    return ticket_type, locked


def seats_taken(*, ticket_type: TicketType) -> int:
    return Registration.objects.filter(
        ticket_type=ticket_type, state__in=Registration.SEAT_STATES
    ).count()


def promote_waiting_registrations(
    *, ticket_type: TicketType, now: datetime | None = None
) -> list[Registration]:
    """Give every free seat of the ticket type to the longest-waiting registrations.

    The caller must hold the ticket type's row lock (select_for_update) in its transaction.
    Side effects: the promoted registrations become confirmed; one OutboxMail each.
    """
    now = now or timezone.now()
    free = ticket_type.quota - seats_taken(ticket_type=ticket_type)
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.select_for_update(of=("self",))
        .select_related("conference")
        .filter(ticket_type=ticket_type, state=State.WAITLISTED)
        .order_by("waitlisted_at", "pk")[:free]
    )
    for registration in waiting:
        registration.ticket_type = ticket_type
        registration.state = State.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["state", "confirmed_at"])
        queue_registration_mail(registration=registration, kind="promoted")
    return waiting


def _seat_and_waiting_counts(ticket_type_id: int):
    return (
        Registration.objects.filter(
            ticket_type_id=ticket_type_id,
            state__in=(*Registration.SEAT_STATES, State.WAITLISTED),
        )
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
    )


# Read under the ticket type's row lock by every confirmation (compiled once).
_SEAT_AND_WAITING_COUNTS = PreparedQuery(_seat_and_waiting_counts)


def seat_counts(*, ticket_type: TicketType) -> tuple[int, int]:
    """(seats taken, registrations waiting) of the ticket type, in one query."""
    counts = dict(_SEAT_AND_WAITING_COUNTS.list(ticket_type.pk))
    taken = sum(counts.get(state, 0) for state in Registration.SEAT_STATES)
    return taken, counts.get(State.WAITLISTED, 0)


# The rush's critical section starts here (compiled once: conference/prepared.py).
_LOCKED_TICKET_TYPE = PreparedQuery(lambda pk: TicketType.objects.select_for_update().filter(pk=pk))


def confirm_registration(
    *, registration: Registration, now: datetime | None = None
) -> Registration:
    """The attendee confirmed their e-mail address: take a seat, or join the waiting list.

    Idempotent: a registration that is no longer pending is returned unchanged.
    Side effects: the registration's state; one OutboxMail (confirmed or waitlisted), queued
    after the seat's transaction (a savepoint inside a caller's) so that the ticket type's row
    lock is held only while the seats are counted and one is taken; waiting registrations may
    be promoted first if seats were free (see promote_waiting_registrations).
    """
    now = now or timezone.now()
    if registration.state != State.PENDING:
        # States never go back to pending: no lock needed to know there is nothing to do.
        return registration
    with transaction.atomic():
        # The critical section, three statements: lock the ticket type's row, count, take.
        ticket_type = _LOCKED_TICKET_TYPE.get(registration.ticket_type_id)
        taken, waiting = seat_counts(ticket_type=ticket_type)
        if waiting and taken < ticket_type.quota:
            # Seats freed outside the services (e.g. in the admin) go to those already waiting
            # first: rare, so this path may be slower.
            taken += len(promote_waiting_registrations(ticket_type=ticket_type, now=now))
        if taken < ticket_type.quota:
            changes = {"state": State.CONFIRMED, "confirmed_at": now}
            kind = "confirmed"
        else:
            changes = {"state": State.WAITLISTED, "waitlisted_at": now}
            kind = "waitlisted"
        # The row lock on the registration comes second (the order every service keeps); the
        # condition makes a second confirmation of the same registration change nothing.
        changed = Registration.objects.filter(pk=registration.pk, state=State.PENDING).update(
            **changes
        )
    if not changed:
        registration.refresh_from_db()
        return registration
    for field, value in changes.items():
        setattr(registration, field, value)
    registration.ticket_type = ticket_type
    # One INSERT, the e-mail (its own outbox: conference/mail.py), committed on its own.
    queue_registration_mail(registration=registration, kind=kind)
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, now: datetime | None = None) -> Registration:
    """Cancel a pending, confirmed or waiting registration; a freed seat goes to the waiting list.

    Idempotent for a cancelled registration. Raises ValidationError for a checked-in one.
    Side effects: the registration's state; one OutboxMail; the first waiting registration is
    promoted in the same transaction when a seat was freed.
    """
    now = now or timezone.now()
    ticket_type, registration = _lock(registration)
    if registration.state == State.CANCELLED:
        return registration
    if registration.state == State.CHECKED_IN:
        raise ValidationError(_("You were checked in already: this registration is used."))
    freed_seat = registration.holds_seat
    registration.state = State.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["state", "cancelled_at"])
    queue_registration_mail(registration=registration, kind="cancelled")
    if freed_seat:
        promote_waiting_registrations(ticket_type=ticket_type, now=now)
    return registration


@transaction.atomic
def check_in_registration(
    *, registration: Registration, by, now: datetime | None = None
) -> CheckInResult:
    """Check a confirmed attendee in. A second check-in changes nothing.

    Raises ValidationError for a registration that holds no seat (pending, waiting, cancelled).
    Side effects: the registration's state, checked_in_at and checked_in_by.
    """
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("conference", "ticket_type")
        .get(pk=registration.pk)
    )
    if registration.state == State.CHECKED_IN:
        return CheckInResult(registration=registration, checked_in_now=False)
    if registration.state != State.CONFIRMED:
        raise ValidationError(
            _("%(name)s cannot be checked in: the registration is “%(state)s”.")
            % {"name": registration.name, "state": registration.get_state_display()}
        )
    registration.state = State.CHECKED_IN
    registration.checked_in_at = now or timezone.now()
    registration.checked_in_by = by
    registration.save(update_fields=["state", "checked_in_at", "checked_in_by"])
    return CheckInResult(registration=registration, checked_in_now=True)


def purge_expired_pending(*, now: datetime | None = None) -> int:
    """Delete pending registrations whose link expired over PENDING_KEPT_AFTER_EXPIRY ago.

    Pending registrations hold no seat, so no quota changes. Registering again with the same
    address starts afresh. Side effects: the registrations and their answers are deleted.
    Returns the number of registrations deleted.
    """
    now = now or timezone.now()
    cutoff = now - PENDING_LINK_VALID_FOR - PENDING_KEPT_AFTER_EXPIRY
    _total, deleted = Registration.objects.filter(
        state=State.PENDING, link_sent_at__lt=cutoff
    ).delete()
    return deleted.get(Registration._meta.label, 0)
