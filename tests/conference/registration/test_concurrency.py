"""Quotas under real concurrency: many people confirming at once for the last seats.

Needs PostgreSQL (row locks); SQLite serialises whole-database writes and refuses concurrent
writers instead, so the test is skipped there.
"""

import threading
import time

import pytest
from django.db import connection, connections
from django.urls import reverse

from conference.models import Registration
from conference.registration import services
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    RegistrationFactory,
    TicketTypeFactory,
)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks (set DATABASE_URL); SQLite allows one writer at a time",
)

PEOPLE = 24


@pytest.fixture
def slow_seat_count(monkeypatch):
    """Widen the race window between counting the seats and taking one, as a slow database would.

    Without the row lock, this makes concurrent confirmations oversell nearly every time.
    """
    count = services.seats_taken

    def slow(**kwargs):
        taken = count(**kwargs)
        time.sleep(0.02)
        return taken

    monkeypatch.setattr(services, "seats_taken", slow)


def test_parallel_confirmations_never_oversell(transactional_db, client, slow_seat_count):
    conference = ConferenceFactory(slug="rush")
    ticket_type = TicketTypeFactory(conference=conference, quota=8)
    RegistrationFactory.create_batch(3, ticket_type=ticket_type)  # 5 seats remain
    start = threading.Barrier(PEOPLE)
    errors = []

    def person(number: int) -> None:
        try:
            registration = services.register(
                conference=conference,
                ticket_type=ticket_type,
                name=f"Person {number}",
                email=f"person{number}@example.org",
            ).registration
            start.wait(timeout=30)
            services.confirm_registration(registration=registration)
        except Exception as error:  # noqa: BLE001 - reported below, with the thread's number
            errors.append((number, error))
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=person, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    mine = Registration.objects.filter(ticket_type=ticket_type, email__startswith="person")
    assert mine.filter(state="confirmed").count() == 5
    assert mine.filter(state="waitlisted").count() == PEOPLE - 5
    waiting_times = list(mine.filter(state="waitlisted").values_list("waitlisted_at", flat=True))
    assert None not in waiting_times

    client.force_login(MembershipFactory(conference=conference).user)
    stats = client.get(reverse("registrations:dashboard", args=[conference.slug])).context[
        "ticket_types"
    ]
    assert [(t.confirmed_count, t.waiting_count, t.seats_left) for t in stats] == [
        (8, PEOPLE - 5, 0)
    ]


def test_parallel_cancellations_promote_each_waiting_once(transactional_db, slow_seat_count):
    ticket_type = TicketTypeFactory(quota=6)
    holders = RegistrationFactory.create_batch(6, ticket_type=ticket_type)
    waiting = [
        services.confirm_registration(
            registration=services.register(
                conference=ticket_type.conference,
                ticket_type=ticket_type,
                name=f"Waiting {number}",
                email=f"waiting{number}@example.org",
            ).registration
        )
        for number in range(10)
    ]
    start = threading.Barrier(len(holders))
    errors = []

    def leave(registration) -> None:
        try:
            start.wait(timeout=30)
            services.cancel_registration(registration=registration)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=leave, args=(holder,)) for holder in holders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    states = dict(
        Registration.objects.filter(pk__in=[w.pk for w in waiting]).values_list("email", "state")
    )
    # First come, first served: the six who waited longest got the six seats.
    assert [states[f"waiting{number}@example.org"] for number in range(10)] == ["confirmed"] * 6 + [
        "waitlisted"
    ] * 4
    assert services.seats_taken(ticket_type=ticket_type) == 6
