from django.urls import reverse

from conference.models import Registration
from tests.factories import RegistrationFactory

State = Registration.State


def _url(registration):
    return reverse("registrations:change_name", args=[registration.manage_token])


def test_change_name_saves_it_and_returns_to_the_page(client, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, name="Ada")

    response = client.post(_url(registration), {"name": "  Ada Lovelace "}, follow=True)

    registration.refresh_from_db()
    assert registration.name == "Ada Lovelace"
    assert response.redirect_chain == [
        (reverse("registrations:manage", args=[registration.manage_token]), 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Your name is changed; your ticket shows the new one."
    ]


def test_change_name_to_blank_is_refused(client, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, name="Ada")

    response = client.post(_url(registration), {"name": "   "})

    assert response.status_code == 400
    assert response.context["name_form"].errors == {"name": ["This field is required."]}
    registration.refresh_from_db()
    assert registration.name == "Ada"


def test_change_name_of_a_cancelled_registration_is_refused(client, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, name="Ada", state=State.CANCELLED)

    response = client.post(_url(registration), {"name": "Bob"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "This registration is cancelled: its name can no longer change."
    ]
    assert response.context["name_form"] is None
    registration.refresh_from_db()
    assert registration.name == "Ada"


def test_change_name_needs_the_token(client, db):
    assert (
        client.post(reverse("registrations:change_name", args=["x"]), {"name": "B"}).status_code
        == 404
    )


def test_change_name_is_post_only(client, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type)

    assert client.get(_url(registration)).status_code == 405
