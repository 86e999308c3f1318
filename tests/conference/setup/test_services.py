from datetime import time, timedelta

import pytest
from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from conference.models import Invitation, Membership, OutboxMail, Registration
from conference.models.registration import hash_token
from conference.setup import services
from tests.factories import (
    MembershipFactory,
    RegistrationFactory,
    RoomFactory,
    TicketTypeFactory,
    TrackFactory,
    UserFactory,
)

State = Registration.State


def test_create_track_makes_a_unique_slug(conference):
    TrackFactory(conference=conference, name="Old NLP", slug="nlp")

    first = services.create_track(conference=conference, name="NLP", description="Text.")
    chinese = services.create_track(conference=conference, name="自然语言处理")
    other = services.create_track(conference=conference, name="计算机视觉")

    assert (first.slug, chinese.slug, other.slug) == ("nlp-2", "track", "track-2")


def test_create_track_with_a_taken_name_is_refused(conference):
    TrackFactory(conference=conference, name="NLP")

    with pytest.raises(ValidationError) as error:
        services.create_track(conference=conference, name="NLP")

    assert error.value.messages == ["Track with this Conference and Name already exists."]


def test_update_track_keeps_the_slug(conference):
    track = TrackFactory(conference=conference, name="NLP", slug="nlp")

    services.update_track(track=track, name="Language", colour="#123456")

    track.refresh_from_db()
    assert (track.name, track.slug, track.colour) == ("Language", "nlp", "#123456")


def test_add_room_availability(conference):
    room = RoomFactory(conference=conference)

    window = services.add_room_availability(
        room=room, date=conference.start_date, starts_at=time(9), ends_at=time(12, 30)
    )

    assert list(room.availabilities.values_list("date", "starts_at", "ends_at")) == [
        (conference.start_date, time(9), time(12, 30))
    ]
    assert str(window) == f"{room.name}: {conference.start_date} 09:00–12:30"


@pytest.mark.parametrize(
    ("day", "starts_at", "ends_at", "errors"),
    [
        (0, time(12), time(9), {"ends_at": ["The window must end after it starts."]}),
        (-1, time(9), time(12), {"date": ["Pick a day of the conference."]}),
        (3, time(9), time(12), {"date": ["Pick a day of the conference."]}),
    ],
)
def test_add_room_availability_refuses_bad_windows(conference, day, starts_at, ends_at, errors):
    room = RoomFactory(conference=conference)

    with pytest.raises(ValidationError) as error:
        services.add_room_availability(
            room=room,
            date=conference.start_date + timedelta(days=day),
            starts_at=starts_at,
            ends_at=ends_at,
        )

    assert error.value.message_dict == errors
    assert room.availabilities.count() == 0


def test_add_room_availability_refuses_overlaps(conference):
    room = RoomFactory(conference=conference)
    day = conference.start_date
    services.add_room_availability(room=room, date=day, starts_at=time(9), ends_at=time(12))

    with pytest.raises(ValidationError) as error:
        services.add_room_availability(room=room, date=day, starts_at=time(11), ends_at=time(14))
    touching = services.add_room_availability(
        room=room, date=day, starts_at=time(12), ends_at=time(14)
    )

    assert error.value.messages == ["This window overlaps another one of the room on that day."]
    assert touching.pk is not None


def test_update_ticket_type_raising_the_quota_promotes_the_waiting(
    conference, django_capture_on_commit_callbacks
):
    ticket_type = TicketTypeFactory(conference=conference, quota=1)
    RegistrationFactory(ticket_type=ticket_type)
    now = timezone.now()
    first, second, third = (
        RegistrationFactory(
            ticket_type=ticket_type,
            state=State.WAITLISTED,
            confirmed_at=None,
            waitlisted_at=now - timedelta(minutes=minutes),
            email=f"w{minutes}@example.org",
        )
        for minutes in (30, 20, 10)
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.update_ticket_type(ticket_type=ticket_type, quota=3)

    states = [
        r.state
        for r in Registration.objects.filter(pk__in=[first.pk, second.pk, third.pk]).order_by(
            "waitlisted_at"
        )
    ]
    assert states == [State.CONFIRMED, State.CONFIRMED, State.WAITLISTED]
    assert [(m.to, m.subject) for m in django_mail.outbox] == [
        (["w30@example.org"], "DevConf: a seat is yours"),
        (["w20@example.org"], "DevConf: a seat is yours"),
    ]


def test_update_ticket_type_refuses_a_quota_below_the_seats_taken(conference):
    ticket_type = TicketTypeFactory(conference=conference, quota=5)
    RegistrationFactory.create_batch(3, ticket_type=ticket_type)

    with pytest.raises(ValidationError) as error:
        services.update_ticket_type(ticket_type=ticket_type, quota=2)

    assert error.value.message_dict == {
        "quota": ["3 seats are taken already: the quota cannot be lower than that."]
    }
    ticket_type.refresh_from_db()
    assert ticket_type.quota == 5


def test_delete_ticket_type_with_registrations_is_refused(conference):
    ticket_type = TicketTypeFactory(conference=conference)
    RegistrationFactory(ticket_type=ticket_type, state=State.CANCELLED)

    with pytest.raises(ValidationError) as error:
        services.delete_ticket_type(ticket_type=ticket_type)

    assert error.value.messages == [
        "People registered for this ticket type: hide it instead of deleting it."
    ]


def test_create_question_choice_needs_two_choices(conference):
    with pytest.raises(ValidationError) as error:
        services.create_question(
            conference=conference, label="Diet", kind="choice", choices="Vegan"
        )

    assert error.value.message_dict == {"choices": ["Give at least two choices, one per line."]}


def test_invite_member_mails_a_link_and_stores_only_its_hash(conference, organiser):
    invitation = services.invite_member(
        conference=conference, email="Grace@Example.org", role="reviewer", invited_by=organiser
    )

    mail = OutboxMail.objects.get()
    assert (mail.to, mail.kind, mail.subject) == (
        "grace@example.org",
        "team.invitation",
        "DevConf: you are invited to the team",
    )
    link = next(line for line in mail.body.splitlines() if "/invitations/" in line)
    token = link.rsplit("/invitations/", 1)[1].strip("/")
    assert link == f"http://127.0.0.1:8000/team/invitations/{token}/"
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert "as: Reviewer" in mail.body


def test_invite_member_replaces_an_open_invitation(conference, organiser):
    first = services.invite_member(
        conference=conference, email="g@example.org", role="reviewer", invited_by=organiser
    )

    second = services.invite_member(
        conference=conference, email="g@example.org", role="organiser", invited_by=organiser
    )

    assert list(Invitation.objects.all()) == [second]
    assert not Invitation.objects.filter(pk=first.pk).exists()


def test_invite_member_refuses_a_team_member(conference, organiser, reviewer):
    with pytest.raises(ValidationError) as error:
        services.invite_member(
            conference=conference,
            email="REVIEWER@example.org",
            role="organiser",
            invited_by=organiser,
        )

    assert error.value.messages == ["reviewer@example.org is in the team already."]


def test_accept_invitation_makes_a_member_once(conference, organiser):
    invitation = services.invite_member(
        conference=conference, email="g@example.org", role="reviewer", invited_by=organiser
    )
    grace = UserFactory(username="grace")

    membership = services.accept_invitation(invitation=invitation, user=grace)

    assert (membership.user, membership.role, membership.conference) == (
        grace,
        "reviewer",
        conference,
    )
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.accepted_at is not None) == (grace, True)
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=UserFactory())
    assert Membership.objects.filter(conference=conference).count() == 2


def test_accept_invitation_does_not_demote_an_organiser(conference, organiser):
    invitation = services.invite_member(
        conference=conference, email="x@example.org", role="reviewer", invited_by=organiser
    )

    membership = services.accept_invitation(invitation=invitation, user=organiser)

    assert membership.role == "organiser"


def test_accept_invitation_promotes_a_reviewer(conference, organiser, reviewer):
    invitation = services.invite_member(
        conference=conference, email="x@example.org", role="organiser", invited_by=organiser
    )

    membership = services.accept_invitation(invitation=invitation, user=reviewer)

    assert membership.role == "organiser"


def test_remove_member_keeps_the_last_organiser(conference, organiser, reviewer):
    services.remove_member(membership=reviewer.memberships.get())

    with pytest.raises(ValidationError) as error:
        services.remove_member(membership=organiser.memberships.get())

    assert error.value.messages == ["The last organiser cannot be removed: invite another first."]
    assert list(Membership.objects.values_list("user__username", flat=True)) == ["organiser"]


def test_remove_member_with_another_organiser(conference, organiser):
    MembershipFactory(conference=conference)

    services.remove_member(membership=organiser.memberships.get())

    assert not organiser.memberships.exists()
