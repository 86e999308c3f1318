import pytest
from django.urls import reverse

from conference.models import Registration
from tests.factories import RegistrationFactory

State = Registration.State


def _url(registration):
    return reverse("registrations:ticket", args=[registration.manage_token])


def test_ticket_downloads_the_pdf(client, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type)

    response = client.get(_url(registration))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="devconf-ticket-{registration.check_in_code}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("state", [State.PENDING, State.WAITLISTED, State.CANCELLED])
def test_ticket_of_a_registration_without_a_seat_is_404(client, ticket_type, state):
    registration = RegistrationFactory(ticket_type=ticket_type, state=state)

    assert client.get(_url(registration)).status_code == 404


def test_ticket_with_a_forged_token_is_404(client, db):
    assert client.get(reverse("registrations:ticket", args=["nope"])).status_code == 404


def test_manage_links_the_ticket(client, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type)

    body = client.get(reverse("registrations:manage", args=[registration.manage_token])).content

    assert f'href="{_url(registration)}"'.encode() in body
