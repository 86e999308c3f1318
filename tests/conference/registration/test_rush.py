"""The registration rush (issue 20): the seat is taken in a short transaction, the e-mail after it.

The concurrency test needs PostgreSQL (row locks; skipped on SQLite). The after-commit test runs
on both.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conference.models import OutboxMail, Registration
from conference.registration import emails, services
from tests.factories import RegistrationFactory, TicketTypeFactory

State = Registration.State


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the gap between counting the seats and taking one, as a slow database would."""
    count = services.seat_counts

    def slow(**kwargs):
        counts = count(**kwargs)
        time.sleep(0.01)
        return counts

    monkeypatch.setattr(services, "seat_counts", slow)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_twenty_people_for_five_seats_on_separate_connections(transactional_db, slow_count):
    ticket_type = TicketTypeFactory(quota=5)
    conference = ticket_type.conference
    pending = [
        services.register(
            conference=conference,
            ticket_type=ticket_type,
            name=f"Person {n}",
            email=f"person{n}@example.org",
        ).registration
        for n in range(20)
    ]
    # Two of them press the button twice, at the same moment as everybody else.
    attempts = pending + pending[:2]
    start = threading.Barrier(len(attempts))
    errors = []

    def confirm(registration) -> None:
        try:
            start.wait(timeout=30)
            services.confirm_registration(
                registration=Registration.objects.select_related("conference").get(
                    pk=registration.pk
                )
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=confirm, args=(r,)) for r in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    states = list(
        Registration.objects.filter(ticket_type=ticket_type).values_list("state", flat=True)
    )
    assert sorted(states) == [State.CONFIRMED] * 5 + [State.WAITLISTED] * 15
    mails = OutboxMail.objects.filter(to__startswith="person")
    # One e-mail per registration and outcome, none for the repeated presses.
    assert mails.filter(kind="registration.confirmed").count() == 5
    assert mails.filter(kind="registration.waitlisted").count() == 15
    assert services.seats_taken(ticket_type=ticket_type) == 5


def test_the_e_mail_is_queued_after_the_seat_is_committed(transactional_db, monkeypatch):
    ticket_type = TicketTypeFactory(quota=1)
    registration = services.register(
        conference=ticket_type.conference,
        ticket_type=ticket_type,
        name="Ada",
        email="ada@example.org",
    ).registration
    seen = []
    queue = emails.queue_registration_mail

    def queue_and_look(**kwargs):
        # What another connection sees when the e-mail is written: the seat, committed.
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT state FROM conference_registration WHERE id = %s", [registration.pk]
                )
                seen.append((cursor.fetchone()[0], kwargs["kind"]))
        finally:
            other.close()
        return queue(**kwargs)

    monkeypatch.setattr(services, "queue_registration_mail", queue_and_look)

    services.confirm_registration(registration=registration)

    assert seen == [(State.CONFIRMED, "confirmed")]
    assert OutboxMail.objects.filter(kind="registration.confirmed").count() == 1


def test_inside_a_callers_transaction_the_e_mail_goes_with_it(db):
    """A caller's rollback takes back both the seat and the e-mail (the outbox stays whole)."""
    ticket_type = TicketTypeFactory(quota=1)
    registration = services.register(
        conference=ticket_type.conference,
        ticket_type=ticket_type,
        name="Ada",
        email="ada@example.org",
    ).registration

    with pytest.raises(RuntimeError), transaction.atomic():
        services.confirm_registration(registration=registration)
        raise RuntimeError

    registration.refresh_from_db()
    assert registration.state == State.PENDING
    assert not OutboxMail.objects.filter(kind="registration.confirmed").exists()


def test_a_confirmed_registration_is_returned_without_a_lock(db, django_assert_num_queries):
    registration = RegistrationFactory(state=State.CONFIRMED)

    with django_assert_num_queries(0):
        again = services.confirm_registration(registration=registration)

    assert again.state == State.CONFIRMED


def test_confirm_holds_the_lock_for_three_statements(db):
    """Lock, count, take, inside a savepoint here (a transaction of its own in a view); the
    e-mail comes after it."""
    ticket_type = TicketTypeFactory(quota=3)
    RegistrationFactory(ticket_type=ticket_type)
    registration = services.register(
        conference=ticket_type.conference,
        ticket_type=ticket_type,
        name="Ada",
        email="ada@example.org",
    ).registration
    registration = Registration.objects.select_related("conference").get(pk=registration.pk)

    with CaptureQueriesContext(connection) as captured:
        services.confirm_registration(registration=registration)

    statements = [" ".join(q["sql"].split()[:2]) for q in captured.captured_queries]
    assert [s.split()[0] for s in statements] == [
        "SAVEPOINT",
        "SELECT",  # the ticket type, FOR UPDATE
        "SELECT",  # seats taken and waiting
        "UPDATE",  # the registration, if still pending
        "RELEASE",
        "INSERT",  # the e-mail, its own outbox (its send task is published after commit)
    ]
    if connection.features.has_select_for_update:  # SQLite locks the whole database instead
        assert captured.captured_queries[1]["sql"].endswith("FOR UPDATE")


def test_a_known_address_outside_any_transaction_gets_its_link_again(transactional_db):
    """Without a caller's transaction the insert that meets the unique index rolls back its own
    transaction (no savepoint); the resend then runs in a transaction of its own."""
    ticket_type = TicketTypeFactory(quota=1)
    conference = ticket_type.conference
    first = services.register(
        conference=conference, ticket_type=ticket_type, name="Ada", email="ada@example.org"
    )
    later = timezone.now() + timedelta(minutes=3)

    with CaptureQueriesContext(connection) as captured:
        again = services.register(
            conference=conference,
            ticket_type=ticket_type,
            name="Ada L.",
            email="ADA@example.org",
            now=later,
        )

    assert (again.created, again.mailed) == (False, True)
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.get().link_sent_at == later
    assert list(OutboxMail.objects.order_by("pk").values_list("kind", "to")) == [
        ("registration.confirm", "ada@example.org"),
        ("registration.confirm", "ada@example.org"),
    ]
    assert not any(q["sql"].startswith("SAVEPOINT") for q in captured.captured_queries)
