"""Browser journey: register, confirm by the e-mailed link, see the QR code, cancel; the next
person on the waiting list gets the seat and an e-mail."""

import re

import pytest
from django.core import mail as django_mail

from conference.models import OutboxMail, Registration
from tests.factories import ConferenceFactory, TicketTypeFactory

pytestmark = pytest.mark.e2e


def _link(base_url: str, email: str) -> str:
    """The manage link of the latest e-mail to `email`, pointed at the live server."""
    body = OutboxMail.objects.filter(to=email).latest("pk").body
    path = re.search(r"https?://[^/\s]+(/registration/[0-9a-f]+/)", body).group(1)
    return base_url + path


def _register(page, base_url: str, name: str, email: str) -> None:
    page.goto(f"{base_url}/c/aidev/")
    page.click("text=Register to attend")
    page.check("input[name=ticket_type]")
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_organisation", "ACME")
    page.check("input[name^=question_][value=Vegetarian]")
    page.click("form.registration-form button[type=submit]")
    page.wait_for_selector("text=We have e-mailed you the link")


def test_attendee_registers_confirms_and_cancels(live_server, page, transactional_db):
    conference = ConferenceFactory(slug="aidev", name="AI Dev Conf")
    ticket_type = TicketTypeFactory(conference=conference, name="Standard", quota=1)
    conference.questions.create(
        label="Lunch", kind="choice", choices="Regular\nVegetarian", required=True
    )

    # Ada registers: pending, no seat yet.
    _register(page, live_server.url, "Ada Lovelace", "ada@example.org")
    assert Registration.objects.get(email="ada@example.org").state == "pending"

    # She follows the e-mailed link and confirms: the seat is hers, with a QR code.
    page.goto(_link(live_server.url, "ada@example.org"))
    page.click("text=Confirm my registration")
    page.wait_for_selector("text=Your registration is confirmed")
    assert page.inner_text(".state") == "Confirmed"
    code = Registration.objects.get(email="ada@example.org").check_in_code
    assert page.inner_text(".ticket .code") == code
    assert page.locator(".ticket .qr svg").count() == 1

    # Bob comes later: the only seat is taken, so he waits.
    _register(page, live_server.url, "Bob Byte", "bob@example.org")
    page.goto(_link(live_server.url, "bob@example.org"))
    page.click("text=Confirm my registration")
    page.wait_for_selector("text=you are on the waiting list")
    assert page.inner_text(".waiting-position") == "1"

    # Ada cancels: Bob is promoted at once and e-mailed.
    page.goto(_link(live_server.url, "ada@example.org"))
    page.click("text=Cancel my registration")
    page.wait_for_selector("text=Your registration is cancelled.")
    assert page.inner_text(".state") == "Cancelled"
    assert page.locator(".ticket").count() == 0

    bob = Registration.objects.get(email="bob@example.org")
    assert bob.state == "confirmed"
    promoted = OutboxMail.objects.get(to="bob@example.org", kind="registration.promoted")
    assert promoted.subject == "AI Dev Conf: a seat is yours"
    assert bob.check_in_code in promoted.body
    assert "AI Dev Conf: a seat is yours" in [m.subject for m in django_mail.outbox]
    assert ticket_type.registrations.filter(state="confirmed").count() == 1

    page.goto(_link(live_server.url, "bob@example.org"))
    assert page.inner_text(".ticket .code") == bob.check_in_code
