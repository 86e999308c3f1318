from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from conference.models import Registration
from tests.factories import RegistrationFactory

State = Registration.State


@pytest.fixture
def url(conference):
    return reverse("registrations:check_in", args=[conference.slug])


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_check_in_by_code(client, organiser, ticket_type, url):
    registration = RegistrationFactory(
        ticket_type=ticket_type, name="Ada", check_in_code="ABCD2345"
    )
    client.force_login(organiser)

    response = client.post(url, {"code": " abcd-2345 "}, follow=True)

    registration.refresh_from_db()
    assert registration.state == State.CHECKED_IN
    assert registration.checked_in_by == organiser
    assert _messages(response) == ["Checked in: Ada (Standard)."]


def test_check_in_twice_says_when_in_the_conference_time_zone(client, organiser, ticket_type, url):
    at = datetime(2026, 5, 2, 1, 5, tzinfo=ZoneInfo("UTC"))  # 09:05 in Shanghai
    registration = RegistrationFactory(
        ticket_type=ticket_type,
        name="Ada",
        check_in_code="ABCD2345",
        state=State.CHECKED_IN,
        checked_in_at=at,
    )
    client.force_login(organiser)

    response = client.post(url, {"code": "ABCD2345"}, follow=True)

    registration.refresh_from_db()
    assert (registration.state, registration.checked_in_at, registration.checked_in_by) == (
        State.CHECKED_IN,
        at,
        None,
    )
    assert _messages(response) == ["Ada is already checked in at 09:05."]


def test_check_in_unknown_code(client, organiser, ticket_type, url):
    client.force_login(organiser)

    response = client.post(url, {"code": "zzzz9999"}, follow=True)

    assert _messages(response) == ["No registration has the code ZZZZ9999."]


def test_check_in_code_of_another_conference_is_unknown(client, organiser, url):
    other = RegistrationFactory(check_in_code="ABCD2345")
    client.force_login(organiser)

    response = client.post(url, {"code": "ABCD2345"}, follow=True)

    other.refresh_from_db()
    assert other.state == State.CONFIRMED
    assert _messages(response) == ["No registration has the code ABCD2345."]


def test_check_in_of_a_waiting_registration_is_refused(client, organiser, ticket_type, url):
    RegistrationFactory(
        ticket_type=ticket_type, name="Bo", check_in_code="ABCD2345", state=State.WAITLISTED
    )
    client.force_login(organiser)

    response = client.post(url, {"code": "ABCD2345"}, follow=True)

    assert _messages(response) == [
        "Bo cannot be checked in: the registration is “On the waiting list”."
    ]


def test_check_in_search_by_name_or_email(client, organiser, ticket_type, url):
    ada = RegistrationFactory(ticket_type=ticket_type, name="Ada Lovelace", email="ada@example.org")
    RegistrationFactory(ticket_type=ticket_type, name="Bob", email="bob@example.org")
    client.force_login(organiser)

    by_name = client.get(url, {"q": "lovelace"})
    by_email = client.get(url, {"q": "ADA@EXAMPLE"})

    assert by_name.context["matches"] == [ada]
    assert by_email.context["matches"] == [ada]


def test_check_in_one_from_the_search(client, organiser, conference, ticket_type, url):
    ada = RegistrationFactory(ticket_type=ticket_type, name="Ada")
    client.force_login(organiser)

    response = client.post(
        reverse("registrations:check_in_one", args=[conference.slug, ada.pk]), {"q": "Ada"}
    )

    ada.refresh_from_db()
    assert ada.state == State.CHECKED_IN
    assert response["Location"] == f"{url}?q=Ada"


def test_check_in_one_of_another_conference_is_404(client, organiser, conference):
    other = RegistrationFactory()
    client.force_login(organiser)

    response = client.post(reverse("registrations:check_in_one", args=[conference.slug, other.pk]))

    other.refresh_from_db()
    assert response.status_code == 404
    assert other.state == State.CONFIRMED


def test_check_in_page_loads_the_scanner_script(client, organiser, url):
    client.force_login(organiser)

    body = client.get(url).content.decode()

    assert "conference/js/check_in.js" in body
    assert 'name="code"' in body and "autofocus" in body
