"""The Django admin shows states read-only: they change only through the services."""

import pytest
from django.urls import reverse

from conference.models import OutboxMail, Registration
from talks.enums import State
from talks.models import Submission
from tests.factories import (
    RegistrationFactory,
    SubmissionFactory,
    TicketTypeFactory,
    TrackFactory,
    UserFactory,
)


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def test_an_admin_post_cannot_change_a_submissions_state_or_track(admin_client, conference):
    submission = SubmissionFactory(conference=conference, title="Vector search")
    track = TrackFactory(conference=conference, name="NLP")

    response = admin_client.post(
        change_url(submission),
        {
            "conference": conference.pk,
            "title": "Vector search",
            "abstract": submission.abstract,
            "format": submission.format,
            "duration": submission.duration,
            "state": State.ACCEPTED,
            "track": track.pk,
            "track_source": "organiser",
        },
    )

    assert response.status_code == 403
    submission.refresh_from_db()
    assert (submission.state, submission.track_id, submission.version) == (
        State.SUBMITTED,
        None,
        1,
    )
    assert not submission.log.exists()


def test_the_submission_page_of_the_admin_shows_the_state_as_text(admin_client, conference):
    submission = SubmissionFactory(conference=conference)

    response = admin_client.get(change_url(submission))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="state"' not in body
    assert 'name="track"' not in body
    assert "Submitted" in body
    assert 'name="_save"' not in body


def test_submissions_cannot_be_added_or_deleted_in_the_admin(admin_client, conference):
    submission = SubmissionFactory(conference=conference)

    added = admin_client.get(reverse("admin:talks_submission_add"))
    deleted = admin_client.post(
        reverse("admin:talks_submission_delete", args=[submission.pk]), {"post": "yes"}
    )

    assert (added.status_code, deleted.status_code) == (403, 403)
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_an_admin_post_cannot_change_a_registrations_state(admin_client, conference):
    registration = RegistrationFactory(
        ticket_type=TicketTypeFactory(conference=conference), state=Registration.State.WAITLISTED
    )

    changed = admin_client.post(change_url(registration), {"state": "confirmed"})
    deleted = admin_client.post(
        reverse("admin:conference_registration_delete", args=[registration.pk]), {"post": "yes"}
    )

    assert (changed.status_code, deleted.status_code) == (403, 403)
    registration.refresh_from_db()
    assert registration.state == Registration.State.WAITLISTED


def test_an_admin_post_cannot_change_an_outbox_mails_status(admin_client, conference):
    mail = OutboxMail.objects.create(
        conference=conference,
        to="ada@example.org",
        subject="Hello",
        body="Hi",
        status=OutboxMail.Status.FAILED,
    )

    response = admin_client.post(
        change_url(mail),
        {"to": "ada@example.org", "subject": "Hello", "body": "Hi", "status": "sent"},
    )

    assert response.status_code == 403
    mail.refresh_from_db()
    assert mail.status == OutboxMail.Status.FAILED


def test_a_ticket_types_quota_is_read_only_in_the_admin(admin_client, conference):
    ticket_type = TicketTypeFactory(conference=conference, name="Standard", quota=2)

    response = admin_client.post(
        change_url(ticket_type),
        {
            "name": "Standard (all days)",
            "description": "",
            "price": "0.00",
            "currency": "CNY",
            "quota": 500,
            "position": 0,
            "is_visible": "on",
        },
    )

    assert response.status_code == 302
    ticket_type.refresh_from_db()
    assert (ticket_type.name, ticket_type.quota) == ("Standard (all days)", 2)


@pytest.mark.parametrize(
    "model",
    [
        "talks_submission",
        "talks_speakerprofile",
        "talks_nearduplicate",
        "conference_registration",
        "conference_outboxmail",
        "conference_tickettype",
    ],
)
def test_the_read_only_lists_still_open(admin_client, conference, model):
    SubmissionFactory(conference=conference)
    RegistrationFactory(ticket_type=TicketTypeFactory(conference=conference))

    response = admin_client.get(reverse(f"admin:{model}_changelist"))

    assert response.status_code == 200
