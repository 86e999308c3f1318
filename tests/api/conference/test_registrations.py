"""Organisers' registrations: the CSV export and check-in."""

from conference.models import Registration
from tests.factories import RegistrationFactory

C = "/api/v1/conferences/devconf"


def test_registrations_export_csv(registration, client_for):
    response = client_for("organiser").get(f"{C}/registrations/export/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == (
        "Check-in code,Name,E-mail,Organisation,Ticket type,State,Registered,Confirmed,Checked in"
    )
    assert len(lines) == 2
    assert "Ann Attendee,ann@example.org" in lines[1]


def test_check_in_then_again(registration, client_for):
    registration = registration
    client = client_for("organiser")
    url = f"{C}/registrations/{registration.pk}/check-in/"
    first = client.post(url).json()
    assert (first["checked_in_now"], first["registration"]["state"]) == (True, "checked_in")
    second = client.post(url).json()
    assert (second["checked_in_now"], second["registration"]["state"]) == (False, "checked_in")


def test_check_in_of_pending_registration_is_400(registration, client_for):
    pending = RegistrationFactory(
        ticket_type=registration.ticket_type,
        name="Pat",
        state=Registration.State.PENDING,
    )
    response = client_for("organiser").post(f"{C}/registrations/{pending.pk}/check-in/")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Pat cannot be checked in: the registration is “Pending e-mail confirmation”."
    )
