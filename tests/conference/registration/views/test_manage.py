from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.models import OutboxMail, Registration
from tests.factories import RegistrationFactory

State = Registration.State


def _url(registration, action=""):
    name = f"registrations:{action}" if action else "registrations:manage"
    return reverse(name, args=[registration.manage_token])


def test_manage_shows_the_registration_with_its_qr_code(client, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, name="Ada <b>L</b>")

    response = client.get(_url(registration))

    assert response.status_code == 200
    assert response.context["registration"] == registration
    body = response.content.decode()
    assert "Ada &lt;b&gt;L&lt;/b&gt;" in body
    assert '<svg viewBox="0 0 ' in body and f"<title>{registration.check_in_code}</title>" in body
    assert "Cancel my registration" in body


def test_manage_of_a_pending_registration_offers_to_confirm(client, ticket_type):
    registration = RegistrationFactory(
        ticket_type=ticket_type, state=State.PENDING, confirmed_at=None
    )

    body = client.get(_url(registration)).content.decode()

    assert "Confirm my registration" in body
    assert "<svg" not in body


def test_manage_shows_the_place_on_the_waiting_list(client, ticket_type):
    now = timezone.now()
    RegistrationFactory(
        ticket_type=ticket_type, state=State.WAITLISTED, waitlisted_at=now - timedelta(minutes=5)
    )
    registration = RegistrationFactory(
        ticket_type=ticket_type, state=State.WAITLISTED, waitlisted_at=now
    )

    response = client.get(_url(registration))

    assert response.context["waiting_position"] == 2
    assert "Leave the waiting list" in response.content.decode()
    assert response.context["qr_svg"] is None


def test_manage_forged_token_is_404(client, ticket_type):
    RegistrationFactory(ticket_type=ticket_type)

    assert client.get(reverse("registrations:manage", args=["f" * 64])).status_code == 404
    assert client.post(reverse("registrations:cancel", args=["f" * 64])).status_code == 404


def test_manage_token_of_one_registration_shows_only_that_one(client, ticket_type):
    mine, theirs = RegistrationFactory.create_batch(2, ticket_type=ticket_type)

    response = client.get(_url(mine))

    assert response.context["registration"] == mine
    assert theirs.email not in response.content.decode()


def test_manage_expired_pending_link_is_404(client, ticket_type):
    registration = RegistrationFactory(
        ticket_type=ticket_type,
        state=State.PENDING,
        confirmed_at=None,
        link_sent_at=timezone.now() - timedelta(hours=49),
    )

    assert client.get(_url(registration)).status_code == 404
    assert client.post(_url(registration, "confirm")).status_code == 404
    registration.refresh_from_db()
    assert registration.state == State.PENDING


def test_manage_link_expires_a_month_after_the_conference(client, conference, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type)
    conference.start_date = timezone.localdate() - timedelta(days=40)
    conference.end_date = timezone.localdate() - timedelta(days=31)
    conference.save()

    assert client.get(_url(registration)).status_code == 404


def test_confirm_takes_the_seat_and_shows_the_qr_code(client, ticket_type):
    registration = RegistrationFactory(
        ticket_type=ticket_type, state=State.PENDING, confirmed_at=None
    )

    response = client.post(_url(registration, "confirm"), follow=True)

    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED
    assert response.redirect_chain == [(_url(registration), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Your registration is confirmed. See you there!"
    ]
    assert registration.check_in_code in response.content.decode()


def test_confirm_when_full_puts_on_the_waiting_list(client, ticket_type):
    RegistrationFactory.create_batch(2, ticket_type=ticket_type)
    registration = RegistrationFactory(
        ticket_type=ticket_type, state=State.PENDING, confirmed_at=None
    )

    response = client.post(_url(registration, "confirm"), follow=True)

    registration.refresh_from_db()
    assert registration.state == State.WAITLISTED
    assert [str(m) for m in response.context["messages"]] == [
        "All seats are taken: you are on the waiting list."
    ]
    assert response.context["waiting_position"] == 1


def test_confirm_needs_post(client, ticket_type):
    registration = RegistrationFactory(
        ticket_type=ticket_type, state=State.PENDING, confirmed_at=None
    )

    assert client.get(_url(registration, "confirm")).status_code == 405


def test_cancel_frees_the_seat_for_the_first_waiting(client, ticket_type):
    mine, _other = RegistrationFactory.create_batch(2, ticket_type=ticket_type)
    waiting = RegistrationFactory(
        ticket_type=ticket_type,
        state=State.WAITLISTED,
        waitlisted_at=timezone.now(),
        confirmed_at=None,
    )

    response = client.post(_url(mine, "cancel"), follow=True)

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.state, waiting.state) == (State.CANCELLED, State.CONFIRMED)
    assert [str(m) for m in response.context["messages"]] == ["Your registration is cancelled."]
    assert OutboxMail.objects.filter(to=waiting.email, kind="registration.promoted").count() == 1
    assert "Cancel my registration" not in response.content.decode()


def test_cancel_after_check_in_says_why(client, ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, state=State.CHECKED_IN)

    response = client.post(_url(registration, "cancel"), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "You were checked in already: this registration is used."
    ]


@pytest.mark.parametrize("action", ["confirm", "cancel"])
def test_actions_need_the_token_of_that_registration(client, ticket_type, action):
    registration = RegistrationFactory(
        ticket_type=ticket_type, state=State.PENDING, confirmed_at=None
    )

    response = client.post(reverse(f"registrations:{action}", args=[registration.token_hash]))

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.state == State.PENDING
