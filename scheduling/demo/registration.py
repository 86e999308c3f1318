"""Load the demo's ticket types, questions and registrations (scheduling.demo.attendees)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from conference.models import Conference, Question, TicketType
from conference.registration.services import (
    cancel_registration,
    check_in_registration,
    confirm_registration,
    register,
)
from scheduling.demo import attendees


def seed_ticket_types(*, conference: Conference, now: datetime) -> None:
    """The ticket types and questions (once each, by name and label)."""
    for position, ticket in enumerate(attendees.TICKET_TYPES):
        TicketType.objects.get_or_create(
            conference=conference,
            name=ticket["name"],
            defaults={
                "description": ticket["description"],
                "price": Decimal(ticket["price"]),
                "quota": ticket["quota"],
                "sale_starts_at": now + timedelta(days=ticket["sale_starts_days"]),
                "sale_ends_at": now + timedelta(days=ticket["sale_ends_days"]),
                "position": position,
            },
        )
    for position, question in enumerate(attendees.QUESTIONS):
        Question.objects.get_or_create(
            conference=conference,
            label=question["label"],
            defaults={**question, "position": position},
        )


def seed_registrations(*, conference: Conference, organiser, now: datetime) -> int:
    """Register the demo's attendees at the times they came, once. Returns how many.

    The first forty take the early-bird seats; later ones buy standard or student tickets, a
    few join the early-bird waiting list, some cancel, the newest have not confirmed their
    e-mail yet, and some have collected their badges (checked in) in the last days.
    Side effects: as register, confirm_registration, cancel_registration and
    check_in_registration (their e-mails included).
    """
    if conference.registrations.exists():
        return 0
    tz = conference.tzinfo
    tickets = {ticket.name: ticket for ticket in conference.ticket_types.all()}
    questions = {question.label: question for question in conference.questions.all()}
    people = attendees.registrants()
    today = timezone.localtime(now, tz).date()
    latest = now - timedelta(minutes=5)
    registrations = []
    waiting_every = (len(people) - attendees.TICKET_TYPES[0]["quota"]) // (
        attendees.WAITING_FOR_EARLY_BIRD + 1
    )
    for index, person in enumerate(people):
        day = today - timedelta(days=person["days_ago"])
        at = datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(
            minutes=person["minute"]
        )
        at = min(at, latest - timedelta(minutes=len(people) - index))
        later = index - attendees.TICKET_TYPES[0]["quota"]
        if later < 0 or (
            later % waiting_every == 0 and later // waiting_every < attendees.WAITING_FOR_EARLY_BIRD
        ):
            ticket = tickets[attendees.EARLY_BIRD]
        elif person["student"]:
            ticket = tickets[attendees.STUDENT]
        else:
            ticket = tickets[attendees.STANDARD]
        answers = {}
        if person["lunch"]:
            answers[questions[attendees.LUNCH]] = person["lunch"]
        if ticket.name == attendees.STUDENT:
            answers[questions[attendees.UNIVERSITY]] = person["university"]
        result = register(
            conference=conference,
            ticket_type=ticket,
            name=person["name"],
            email=person["email"],
            organisation="" if ticket.name == attendees.STUDENT else person["organisation"],
            answers=answers,
            now=at,
        )
        registration = result.registration
        if index < len(people) - attendees.PENDING:
            registration = confirm_registration(
                registration=registration, now=at + timedelta(minutes=3)
            )
        registrations.append((registration, at))
    _cancel_and_check_in(registrations, organiser=organiser, now=latest)
    return len(registrations)


def _cancel_and_check_in(registrations, *, organiser, now: datetime) -> None:
    standard = [
        (registration, at)
        for registration, at in registrations
        if registration.ticket_type.name == attendees.STANDARD
        and registration.state == registration.State.CONFIRMED
    ]
    # Spread over the list: every n-th standard registration cancels a week after it came.
    step = max(len(standard) // attendees.CANCELLED, 1)
    cancelled = standard[step // 2 :: step][: attendees.CANCELLED]
    for registration, at in cancelled:
        cancel_registration(registration=registration, now=min(at + timedelta(days=7), now))
    gone = {registration.pk for registration, _at in cancelled}
    seated = [
        registration
        for registration, _at in registrations
        if registration.pk not in gone and registration.holds_seat
    ]
    # Badge collection at the venue's desk over the last four days, a few each day.
    step = max(len(seated) // attendees.CHECKED_IN, 1)
    for number, registration in enumerate(seated[::step][: attendees.CHECKED_IN]):
        at = now - timedelta(days=3 - number % 4, hours=number % 7)
        check_in_registration(registration=registration, by=organiser, now=at)
