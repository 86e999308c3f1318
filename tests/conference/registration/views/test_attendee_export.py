import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from conference.models import Answer, Registration
from conference.registration.export import escape_cell
from tests.factories import RegistrationFactory


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_attendee_export_has_answers_and_local_times(
    client, organiser, conference, ticket_type, questions
):
    ada = RegistrationFactory(
        ticket_type=ticket_type,
        name="Ada",
        email="ada@example.org",
        organisation="ACME",
        created_at=datetime(2026, 5, 1, 23, 30, tzinfo=ZoneInfo("UTC")),
        confirmed_at=datetime(2026, 5, 2, 0, 0, tzinfo=ZoneInfo("UTC")),
    )
    Answer.objects.create(registration=ada, question=questions[0], value="Vegan")
    Answer.objects.create(registration=ada, question=questions[2], value="CTO")
    bob = RegistrationFactory(
        ticket_type=ticket_type,
        name="Bob",
        email="bob@example.org",
        state=Registration.State.WAITLISTED,
        confirmed_at=None,
        created_at=datetime(2026, 5, 3, 1, 0, tzinfo=ZoneInfo("UTC")),
    )
    client.force_login(organiser)

    response = client.get(reverse("registrations:attendee_export", args=[conference.slug]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="devconf-attendees.csv"'
    assert _rows(response) == [
        [
            "Check-in code",
            "Name",
            "E-mail",
            "Organisation",
            "Ticket type",
            "State",
            "Registered",
            "Confirmed",
            "Checked in",
            "Diet",
            "First time here?",
            "Your role",
        ],
        [
            ada.check_in_code,
            "Ada",
            "ada@example.org",
            "ACME",
            "Standard",
            "Confirmed",
            "2026-05-02 07:30",
            "2026-05-02 08:00",
            "",
            "Vegan",
            "",
            "CTO",
        ],
        [
            bob.check_in_code,
            "Bob",
            "bob@example.org",
            "",
            "Standard",
            "On the waiting list",
            "2026-05-03 09:00",
            "",
            "",
            "",
            "",
            "",
        ],
    ]


def test_attendee_export_escapes_formulas(client, organiser, conference, ticket_type, questions):
    registration = RegistrationFactory(
        ticket_type=ticket_type, name='=HYPERLINK("http://evil")', organisation="+1 Corp"
    )
    Answer.objects.create(registration=registration, question=questions[2], value="@SUM(A1)")
    client.force_login(organiser)

    response = client.get(reverse("registrations:attendee_export", args=[conference.slug]))

    row = _rows(response)[1]
    assert (row[1], row[3], row[11]) == ('\'=HYPERLINK("http://evil")', "'+1 Corp", "'@SUM(A1)")


def test_escape_cell():
    assert [escape_cell(v) for v in ["=1+1", "+1", "-1", "@x", "\tx", "a=b", "", None, 42]] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "a=b",
        "",
        "",
        "42",
    ]
