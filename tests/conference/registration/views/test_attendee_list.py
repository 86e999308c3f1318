import pytest
from django.urls import reverse

from conference.models import Registration
from tests.factories import RegistrationFactory, TicketTypeFactory


@pytest.fixture
def url(conference):
    return reverse("registrations:attendee_list", args=[conference.slug])


def test_attendee_list_shows_the_conferences_registrations(client, organiser, ticket_type, url):
    ada = RegistrationFactory(ticket_type=ticket_type, name="Ada <i>L</i>")
    bob = RegistrationFactory(
        ticket_type=ticket_type, name="Bob", state=Registration.State.WAITLISTED
    )
    RegistrationFactory(name="Stranger")  # another conference's
    client.force_login(organiser)

    response = client.get(url)

    assert list(response.context["registrations"]) == [ada, bob]
    body = response.content.decode()
    assert "Ada &lt;i&gt;L&lt;/i&gt;" in body
    assert "Stranger" not in body


def test_attendee_list_filters_by_state_and_text(client, organiser, ticket_type, url):
    RegistrationFactory(ticket_type=ticket_type, name="Ada")
    bob = RegistrationFactory(
        ticket_type=ticket_type, name="Bob", state=Registration.State.WAITLISTED
    )
    RegistrationFactory(ticket_type=ticket_type, name="Bobby")
    client.force_login(organiser)

    response = client.get(url, {"state": "waitlisted", "q": "bob"})

    assert list(response.context["registrations"]) == [bob]


@pytest.mark.parametrize("count", [1, 3])
def test_attendee_list_query_count(
    client, organiser, conference, url, count, django_assert_num_queries
):
    ticket_type = TicketTypeFactory(conference=conference)
    RegistrationFactory.create_batch(count, ticket_type=ticket_type)
    client.force_login(organiser)

    # session, user, conference, membership, registrations with ticket types joined
    with django_assert_num_queries(5):
        response = client.get(url)

    assert len(response.context["registrations"]) == count
