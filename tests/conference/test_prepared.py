"""conference/prepared.py: reads compiled once per process give what the ORM gives."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.sql.compiler import SQLCompiler
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from conference.models import Conference, Registration, TicketType
from conference.prepared import PreparedQuery
from tests.factories import ConferenceFactory, RegistrationFactory, TicketTypeFactory


def _plan(query):
    return query._plans[("default", connection.vendor)]


def _compiles(monkeypatch) -> list[int]:
    """Counts SQLCompiler.as_sql calls (Django compiling a query) in the returned list."""
    calls = [0]
    as_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        calls[0] += 1
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return calls


def test_later_calls_run_the_kept_sql_with_their_own_arguments(db, monkeypatch):
    first = ConferenceFactory(slug="first", name="First")
    second = ConferenceFactory(slug="second", name="Second")
    by_slug = PreparedQuery(lambda slug: Conference.objects.filter(slug=slug))
    compiles = _compiles(monkeypatch)

    assert by_slug.get("first") == first
    assert compiles[0] == 2  # the arguments and the probe, compared
    with CaptureQueriesContext(connection) as queries:
        found = by_slug.get("second")
    assert compiles[0] == 2  # nothing compiled again
    assert (found.pk, found.name, found.start_date) == (second.pk, "Second", second.start_date)
    assert found._state.adding is False and found._state.db == "default"
    assert len(queries) == 1 and "'second'" in queries[0]["sql"]
    with pytest.raises(Conference.DoesNotExist):
        by_slug.get("third")


def test_related_objects_annotations_and_converters_as_the_orm_makes_them(db):
    conference = ConferenceFactory(slug="devconf", timezone="Asia/Shanghai")
    other = TicketTypeFactory(conference=conference, name="Other", quota=3)
    ticket_type = TicketTypeFactory(conference=conference, name="Standard", quota=5)
    RegistrationFactory(ticket_type=ticket_type)
    RegistrationFactory(ticket_type=ticket_type)
    RegistrationFactory(ticket_type=ticket_type, state=Registration.State.WAITLISTED)
    registration = RegistrationFactory(ticket_type=other, state=Registration.State.PENDING)

    by_hash = PreparedQuery(
        lambda token_hash: Registration.objects.select_related("conference", "ticket_type").filter(
            token_hash=token_hash
        )
    )
    with pytest.raises(Registration.DoesNotExist):
        by_hash.get("0" * 64)
    found = by_hash.get(registration.token_hash)
    with CaptureQueriesContext(connection) as queries:
        names = (found.conference.slug, found.ticket_type.name, found.conference.tzinfo.key)
    assert names == ("devconf", "Other", "Asia/Shanghai") and len(queries) == 0
    assert found.created_at == Registration.objects.get(pk=registration.pk).created_at
    assert found.created_at.tzinfo is not None

    def with_seats(conference_id):
        taken = (
            Registration.objects.filter(
                ticket_type=OuterRef("pk"), state__in=Registration.SEAT_STATES
            )
            .values("ticket_type")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return TicketType.objects.filter(conference_id=conference_id).annotate(
            seats_taken=Coalesce(Subquery(taken), 0)
        )

    seats = PreparedQuery(with_seats)
    assert [(t.name, t.seats_taken, t.is_visible) for t in seats.list(conference.pk)] == [
        ("Other", 0, True),
        ("Standard", 2, True),
    ]
    assert _plan(seats) is not None
    listed = seats.list(conference.pk)
    assert [type(t.is_visible) for t in listed] == [bool, bool]  # SQLite's 1 converted
    assert seats.list(conference.pk + 1000) == []


def test_a_constant_equal_to_an_argument_stays_a_constant(db):
    conference = ConferenceFactory()
    for quota in (5, 100, 7):
        TicketTypeFactory(conference=conference, quota=quota)
    either = PreparedQuery(
        lambda quota: TicketType.objects.filter(quota=quota) | TicketType.objects.filter(quota=100)
    )
    assert sorted(t.quota for t in either.list(100)) == [100]
    assert _plan(either) is not None
    assert sorted(t.quota for t in either.list(5)) == [5, 100]
    assert sorted(t.quota for t in either.list(7)) == [7, 100]


@pytest.mark.parametrize(
    ("build", "argument", "expected"),
    [
        # the lookup changes the value ("%first%"): run by the ORM each time
        (lambda part: Conference.objects.filter(slug__contains=part), "irs", ["first"]),
        # written into the SQL (LIMIT), not a parameter
        (lambda n: Conference.objects.order_by("slug")[:n], 1, ["first"]),
        # neither an int nor a string
        (lambda day: Conference.objects.filter(start_date=day), date(2031, 5, 1), ["first"]),
    ],
)
def test_what_cannot_be_kept_runs_through_the_orm(db, build, argument, expected):
    ConferenceFactory(slug="first", start_date=date(2031, 5, 1), end_date=date(2031, 5, 2))
    ConferenceFactory(slug="second", start_date=date(2031, 6, 1), end_date=date(2031, 6, 2))
    query = PreparedQuery(build)
    assert [c.slug for c in query.list(argument)] == expected
    assert _plan(query) is None
    assert [c.slug for c in query.list(argument)] == expected


def test_two_matching_rows_are_an_error_as_with_get(db):
    ConferenceFactory(name="Same", slug="a")
    ConferenceFactory(name="Same", slug="b")
    by_name = PreparedQuery(lambda name: Conference.objects.filter(name=name))
    with pytest.raises(Conference.MultipleObjectsReturned):
        by_name.get("Same")


def test_a_values_list_gives_the_orms_tuples(db):
    ticket_type = TicketTypeFactory(quota=5)
    for state in ("confirmed", "confirmed", "waitlisted", "pending"):
        RegistrationFactory(ticket_type=ticket_type, state=state)
    other = TicketTypeFactory(quota=5)
    RegistrationFactory(ticket_type=other, state="checked_in")

    def counts(ticket_type_id):
        return (
            Registration.objects.filter(ticket_type_id=ticket_type_id)
            .order_by()
            .values_list("state")
            .annotate(n=Count("pk"))
            .order_by("state")
        )

    by_state = PreparedQuery(counts)
    assert by_state.list(ticket_type.pk) == [("confirmed", 2), ("pending", 1), ("waitlisted", 1)]
    assert by_state.list(ticket_type.pk) == list(counts(ticket_type.pk))
    assert _plan(by_state) is not None and _plan(by_state).instances is None
    assert by_state.list(other.pk) == [("checked_in", 1)]


@pytest.mark.django_db(transaction=True)
def test_a_lock_outside_a_transaction_is_refused_as_the_orm_refuses_it():
    ticket_type = TicketTypeFactory()
    locked = PreparedQuery(lambda pk: TicketType.objects.select_for_update().filter(pk=pk))
    with transaction.atomic():
        assert locked.get(ticket_type.pk) == ticket_type
    assert _plan(locked).locks is True
    with pytest.raises(TransactionManagementError):
        locked.get(ticket_type.pk)
