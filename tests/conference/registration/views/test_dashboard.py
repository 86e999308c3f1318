from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from conference.models import Registration
from tests.factories import RegistrationFactory, TicketTypeFactory

State = Registration.State
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def url(conference):
    return reverse("registrations:dashboard", args=[conference.slug])


def test_dashboard_counts_per_ticket_type(client, organiser, conference, url):
    standard = TicketTypeFactory(conference=conference, name="Standard", quota=5, position=1)
    workshop = TicketTypeFactory(conference=conference, name="Workshop", quota=1, position=2)
    RegistrationFactory.create_batch(2, ticket_type=standard, state=State.CONFIRMED)
    RegistrationFactory(ticket_type=standard, state=State.CHECKED_IN)
    RegistrationFactory(ticket_type=standard, state=State.PENDING)
    RegistrationFactory.create_batch(2, ticket_type=standard, state=State.CANCELLED)
    RegistrationFactory(ticket_type=workshop, state=State.CONFIRMED)
    RegistrationFactory.create_batch(3, ticket_type=workshop, state=State.WAITLISTED)
    client.force_login(organiser)

    response = client.get(url)

    rows = [
        (
            t.name,
            t.quota,
            t.confirmed_count,
            t.checked_in_count,
            t.waiting_count,
            t.pending_count,
            t.cancelled_count,
            t.seats_left,
        )
        for t in response.context["ticket_types"]
    ]
    assert rows == [
        ("Standard", 5, 3, 1, 0, 1, 2, 2),
        ("Workshop", 1, 1, 0, 3, 0, 0, 0),
    ]
    assert response.context["total"] == 10


def test_dashboard_charts_registrations_per_local_day(client, organiser, conference, url):
    ticket_type = TicketTypeFactory(conference=conference)
    # 23:30 UTC on 1 May is 07:30 on 2 May in Shanghai.
    for moment in [
        datetime(2026, 5, 1, 23, 30, tzinfo=ZoneInfo("UTC")),
        datetime(2026, 5, 2, 9, 0, tzinfo=SHANGHAI),
        datetime(2026, 5, 4, 9, 0, tzinfo=SHANGHAI),
    ]:
        RegistrationFactory(ticket_type=ticket_type, created_at=moment)
    client.force_login(organiser)

    response = client.get(url)

    bars = response.context["chart"]["bars"]
    assert [(bar.label, bar.count) for bar in bars] == [("05-02", 2), ("05-03", 0), ("05-04", 1)]
    # The count axis runs 0, 1, 2 over the 164 units of the plot.
    assert [bar.height for bar in bars] == [164.0, 0.0, 82.0]
    assert [tick.value for tick in response.context["chart"]["ticks"]] == [0, 1, 2]
    body = response.content.decode()
    assert "<title>05-02: 2</title>" in body
    assert 'height="164.0"' in body


def test_dashboard_without_registrations(client, organiser, url):
    client.force_login(organiser)

    response = client.get(url)

    assert response.context["chart"]["bars"] == []
    assert "Nobody has registered yet." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count(
    client, organiser, conference, url, count, django_assert_num_queries
):
    for ticket_type in TicketTypeFactory.create_batch(count, conference=conference):
        RegistrationFactory.create_batch(2, ticket_type=ticket_type)
    client.force_login(organiser)

    # session, user, conference, membership, registrations per day, ticket types with counts
    with django_assert_num_queries(6):
        response = client.get(url)

    assert len(response.context["ticket_types"]) == count
