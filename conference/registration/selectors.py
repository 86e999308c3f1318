"""Reads of attendee registration: ticket types with seats left, tokens, dashboard figures."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.utils import timezone

from conference.models import Answer, Conference, Question, Registration, TicketType
from conference.models.registration import hash_token
from conference.prepared import PreparedQuery
from conference.text import fold

State = Registration.State


def _with_counts(queryset: QuerySet[TicketType]) -> QuerySet[TicketType]:
    def count(*states):
        return Count("registrations", filter=Q(registrations__state__in=states))

    return queryset.annotate(
        seats_taken=count(*Registration.SEAT_STATES),
        pending_count=count(State.PENDING),
        confirmed_count=count(*Registration.SEAT_STATES),
        waiting_count=count(State.WAITLISTED),
        cancelled_count=count(State.CANCELLED),
        checked_in_count=count(State.CHECKED_IN),
    )


def _set_seats_left(ticket_types: list[TicketType]) -> list[TicketType]:
    """`seats_left` of each ticket type from its annotated `seats_taken`."""
    for ticket_type in ticket_types:
        ticket_type.seats_left = max(ticket_type.quota - ticket_type.seats_taken, 0)
    return ticket_types


def _for_sale(conference_id: int) -> QuerySet[TicketType]:
    return TicketType.objects.filter(conference_id=conference_id, is_visible=True)


def _for_sale_with_seats(conference_id: int) -> QuerySet[TicketType]:
    # A subquery per ticket type reads the (ticket type, state) index for the seats only, where
    # a join would walk every registration (the pending and the waiting too).
    taken = (
        Registration.objects.filter(ticket_type=OuterRef("pk"), state__in=Registration.SEAT_STATES)
        .values("ticket_type")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return _for_sale(conference_id).annotate(seats_taken=Coalesce(Subquery(taken), 0))


# Read by every visit of the registration form (compiled once: conference/prepared.py).
_FOR_SALE = PreparedQuery(_for_sale)
_FOR_SALE_WITH_SEATS = PreparedQuery(_for_sale_with_seats)


def ticket_types_for_sale(*, conference: Conference, seats: bool = True) -> list[TicketType]:
    """The visible ticket types, each with `seats_taken` and `seats_left`, in one query.

    `seats=False`: without the counts (a posted form only checks the choice against the list;
    counting every registration of the ticket type would be work for nothing)."""
    ticket_types = (_FOR_SALE_WITH_SEATS if seats else _FOR_SALE).list(conference.pk)
    for ticket_type in ticket_types:
        ticket_type.conference = conference
    return _set_seats_left(ticket_types) if seats else ticket_types


def ticket_type_stats(*, conference: Conference) -> list[TicketType]:
    """Every ticket type with its counts per state and `seats_left`, for the dashboard.

    `confirmed_count` counts everyone who holds a seat, the checked-in included.
    """
    return _set_seats_left(list(_with_counts(conference.ticket_types.all())))


_QUESTIONS = PreparedQuery(
    lambda conference_id: Question.objects.filter(conference_id=conference_id)
)


def question_list(*, conference: Conference) -> list[Question]:
    """The conference's registration questions, in their order."""
    questions = _QUESTIONS.list(conference.pk)
    for question in questions:
        question.conference = conference
    return questions


# Every request of a manage link (compiled once: conference/prepared.py).
_BY_TOKEN_HASH = PreparedQuery(
    lambda token_hash: Registration.objects.select_related("conference", "ticket_type").filter(
        token_hash=token_hash
    )
)


def registration_by_token(*, token: str, now: datetime | None = None) -> Registration:
    """The registration a manage link points at; a forged or expired token is a 404."""
    try:
        registration = _BY_TOKEN_HASH.get(hash_token(token))
    except Registration.DoesNotExist:
        raise Http404 from None
    if (now or timezone.now()) >= registration.link_expires_at():
        raise Http404
    return registration


def waiting_position(*, registration: Registration) -> int | None:
    """1 for the first person waiting; None when not on the waiting list."""
    if registration.state != State.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        ticket_type_id=registration.ticket_type_id, state=State.WAITLISTED
    ).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def attendee_list(
    *, conference: Conference, state: str = "", query: str = ""
) -> QuerySet[Registration]:
    registrations = conference.registrations.select_related("ticket_type").order_by(
        "created_at", "pk"
    )
    if state:
        registrations = registrations.filter(state=state)
    if query:
        registrations = registrations.filter(_matches(query) | Q(check_in_code=query.upper()))
    return registrations


def _matches(query: str) -> Q:
    """Name or e-mail containing `query`, case and accents ignored: "muller" finds "Müller"."""
    query = query.strip()
    folded = fold(query)
    if not folded:
        # Nothing but accents: `contains ""` would match everybody.
        return Q(email__icontains=query) if query else Q(pk__in=[])
    # Both sides are folded, so a plain `contains` is right on SQLite and PostgreSQL alike.
    return Q(search_name__contains=folded) | Q(email__icontains=query)


def attendees_with_answers(*, conference: Conference) -> QuerySet[Registration]:
    return attendee_list(conference=conference).prefetch_related(
        Prefetch("answers", queryset=Answer.objects.only("registration_id", "question_id", "value"))
    )


def check_in_matches(*, conference: Conference, query: str, code: str) -> list[Registration]:
    """Registrations whose code is `code`, or whose name or e-mail contains `query`, case and
    accents ignored (max 20)."""
    if not query:
        return []
    matches = conference.registrations.select_related("ticket_type").filter(
        Q(check_in_code=code) | _matches(query)
    )
    return list(matches.order_by("name", "pk")[:20])


def registration_for_organiser(*, conference: Conference, pk: int) -> Registration:
    registration = (
        conference.registrations.select_related("conference", "ticket_type").filter(pk=pk).first()
    )
    if registration is None:
        raise Http404
    return registration


def registration_by_code(*, conference: Conference, code: str) -> Registration | None:
    return (
        conference.registrations.select_related("conference", "ticket_type")
        .filter(check_in_code=code)
        .first()
    )


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


def registrations_per_day(*, conference: Conference) -> list[DayCount]:
    """Registrations created per day in the conference's time zone, days without any included."""
    rows = (
        conference.registrations.annotate(day=TruncDate("created_at", tzinfo=conference.tzinfo))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by("day")
    )
    counts = {row["day"]: row["count"] for row in rows}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    return [
        DayCount(day=first + timedelta(days=offset), count=counts.get(first + timedelta(offset), 0))
        for offset in range((last - first).days + 1)
    ]
