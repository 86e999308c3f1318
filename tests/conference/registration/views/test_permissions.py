"""Organiser-only registration pages: anonymous, attendees, reviewers and strangers are refused."""

import pytest
from django.urls import reverse

from tests.factories import ConferenceFactory, MembershipFactory, RegistrationFactory

PAGES = [
    ("get", "registrations:dashboard", False),
    ("get", "registrations:attendee_list", False),
    ("get", "registrations:attendee_export", False),
    ("get", "registrations:check_in", False),
    ("post", "registrations:check_in", False),
    ("post", "registrations:check_in_one", True),
]


@pytest.fixture
def attendee_registration(ticket_type):
    return RegistrationFactory(ticket_type=ticket_type, email="speaker@example.org")


def _request(client, conference, registration, method, name, with_pk):
    args = [conference.slug, registration.pk] if with_pk else [conference.slug]
    return getattr(client, method)(
        reverse(name, args=args), {"code": registration.check_in_code} if method == "post" else {}
    )


@pytest.mark.parametrize(("method", "name", "with_pk"), PAGES)
def test_registration_pages_refuse_anonymous(
    client, conference, attendee_registration, method, name, with_pk
):
    response = _request(client, conference, attendee_registration, method, name, with_pk)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("method", "name", "with_pk"), PAGES)
@pytest.mark.parametrize("who", ["attendee", "reviewer", "stranger"])
def test_registration_pages_refuse_non_organisers(
    client, conference, speaker, reviewer, attendee_registration, method, name, with_pk, who
):
    user = {
        "attendee": speaker,
        "reviewer": reviewer,
        "stranger": MembershipFactory(conference=ConferenceFactory()).user,
    }[who]
    client.force_login(user)

    response = _request(client, conference, attendee_registration, method, name, with_pk)

    assert response.status_code == 403
    attendee_registration.refresh_from_db()
    assert attendee_registration.state == "confirmed"


@pytest.mark.parametrize(("method", "name", "with_pk"), [p for p in PAGES if p[0] == "get"])
def test_registration_pages_open_to_organisers(
    client, conference, organiser, attendee_registration, method, name, with_pk
):
    client.force_login(organiser)

    assert (
        _request(client, conference, attendee_registration, method, name, with_pk).status_code
        == 200
    )
