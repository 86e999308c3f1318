from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from conference.models import Registration, TicketType
from tests.factories import RegistrationFactory, TicketTypeFactory


def _data(**overrides):
    data = {
        "name": "Early bird",
        "description": "Until May.",
        "price": "99.50",
        "currency": "CNY",
        "quota": 50,
        "sale_starts_at": "2026-04-01T10:00",
        "sale_ends_at": "2026-05-01T00:00",
        "is_visible": "on",
        "position": 0,
    }
    data.update(overrides)
    return data


def test_ticket_type_create(client, organiser, conference):
    client.force_login(organiser)

    response = client.post(reverse("setup:ticket_type_create", args=[conference.slug]), _data())

    ticket_type = TicketType.objects.get()
    assert response.status_code == 302
    assert (
        ticket_type.name,
        ticket_type.price,
        ticket_type.currency,
        ticket_type.quota,
        ticket_type.is_visible,
    ) == ("Early bird", Decimal("99.50"), "CNY", 50, True)
    assert ticket_type.sale_starts_at == datetime(2026, 4, 1, 2, 0, tzinfo=ZoneInfo("UTC"))


def test_ticket_type_create_hidden(client, organiser, conference):
    client.force_login(organiser)
    data = _data()
    del data["is_visible"]

    client.post(reverse("setup:ticket_type_create", args=[conference.slug]), data)

    assert TicketType.objects.get().is_visible is False


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"sale_ends_at": "2026-03-01T00:00"},
            {"sale_ends_at": ["The sale must end after it starts."]},
        ),
        (
            {"currency": "yuan"},
            {"currency": ["Ensure this value has at most 3 characters (it has 4)."]},
        ),
        ({"price": "-1"}, {"price": ["Ensure this value is greater than or equal to 0."]}),
        ({"quota": "-5"}, {"quota": ["Ensure this value is greater than or equal to 0."]}),
    ],
)
def test_ticket_type_create_refuses_bad_input(client, organiser, conference, overrides, errors):
    client.force_login(organiser)

    response = client.post(
        reverse("setup:ticket_type_create", args=[conference.slug]), _data(**overrides)
    )

    assert response.context["form"].errors == errors
    assert TicketType.objects.count() == 0


def test_ticket_type_edit_raising_the_quota_promotes(client, organiser, conference):
    ticket_type = TicketTypeFactory(conference=conference, quota=1)
    RegistrationFactory(ticket_type=ticket_type)
    waiting = RegistrationFactory(
        ticket_type=ticket_type,
        state="waitlisted",
        confirmed_at=None,
        waitlisted_at=datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")),
    )
    client.force_login(organiser)

    client.post(
        reverse("setup:ticket_type_edit", args=[conference.slug, ticket_type.pk]),
        _data(quota=2, sale_starts_at="", sale_ends_at=""),
    )

    waiting.refresh_from_db()
    assert waiting.state == Registration.State.CONFIRMED


def test_ticket_type_edit_refuses_a_quota_below_the_seats_taken(client, organiser, conference):
    ticket_type = TicketTypeFactory(conference=conference, quota=3)
    RegistrationFactory.create_batch(2, ticket_type=ticket_type)
    client.force_login(organiser)

    response = client.post(
        reverse("setup:ticket_type_edit", args=[conference.slug, ticket_type.pk]), _data(quota=1)
    )

    assert response.context["form"].errors == {
        "quota": ["2 seats are taken already: the quota cannot be lower than that."]
    }
    ticket_type.refresh_from_db()
    assert ticket_type.quota == 3


def test_ticket_type_delete_with_registrations_is_refused(client, organiser, conference):
    ticket_type = TicketTypeFactory(conference=conference)
    RegistrationFactory(ticket_type=ticket_type)
    client.force_login(organiser)

    response = client.post(
        reverse("setup:ticket_type_delete", args=[conference.slug, ticket_type.pk]), follow=True
    )

    assert TicketType.objects.count() == 1
    assert [str(m) for m in response.context["messages"]] == [
        "People registered for this ticket type: hide it instead of deleting it."
    ]


def test_ticket_type_delete(client, organiser, conference):
    ticket_type = TicketTypeFactory(conference=conference)
    client.force_login(organiser)

    client.post(reverse("setup:ticket_type_delete", args=[conference.slug, ticket_type.pk]))

    assert TicketType.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_ticket_type_list_query_count(
    client, organiser, conference, count, django_assert_num_queries
):
    for ticket_type in TicketTypeFactory.create_batch(count, conference=conference):
        RegistrationFactory(ticket_type=ticket_type)
    client.force_login(organiser)

    # session, user, conference, membership, ticket types with counts
    with django_assert_num_queries(5):
        response = client.get(reverse("setup:ticket_types", args=[conference.slug]))

    assert [t.seats_taken for t in response.context["ticket_types"]] == [1] * count
