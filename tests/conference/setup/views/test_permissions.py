"""Every set-up page is for the conference's organisers: everybody else is refused."""

import pytest
from django.urls import reverse

from conference.models import Invitation
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    QuestionFactory,
    RoomAvailabilityFactory,
    RoomFactory,
    TicketTypeFactory,
    TrackFactory,
)


@pytest.fixture
def objects(conference, organiser):
    room = RoomFactory(conference=conference)
    return {
        "track": TrackFactory(conference=conference).pk,
        "room": room.pk,
        "window": RoomAvailabilityFactory(room=room).pk,
        "ticket_type": TicketTypeFactory(conference=conference).pk,
        "question": QuestionFactory(conference=conference).pk,
        "member": organiser.memberships.get().pk,
        "invitation": Invitation.objects.create(
            conference=conference, email="x@example.org", role="reviewer", token_hash="c" * 64
        ).pk,
    }


# (method, url name, the objects whose pks follow the slug)
PAGES = [
    ("get", "setup:conference", []),
    ("post", "setup:conference", []),
    ("get", "setup:tracks", []),
    ("get", "setup:track_create", []),
    ("post", "setup:track_create", []),
    ("get", "setup:track_edit", ["track"]),
    ("post", "setup:track_delete", ["track"]),
    ("get", "setup:rooms", []),
    ("post", "setup:room_create", []),
    ("get", "setup:room_edit", ["room"]),
    ("post", "setup:room_delete", ["room"]),
    ("post", "setup:room_availability_add", ["room"]),
    ("post", "setup:room_availability_delete", ["room", "window"]),
    ("get", "setup:ticket_types", []),
    ("post", "setup:ticket_type_create", []),
    ("get", "setup:ticket_type_edit", ["ticket_type"]),
    ("post", "setup:ticket_type_delete", ["ticket_type"]),
    ("get", "setup:questions", []),
    ("post", "setup:question_create", []),
    ("get", "setup:question_edit", ["question"]),
    ("post", "setup:question_delete", ["question"]),
    ("get", "setup:team", []),
    ("post", "setup:team", []),
    ("post", "setup:member_remove", ["member"]),
    ("post", "setup:invitation_revoke", ["invitation"]),
]
DATA = {"name": "Hijack", "email": "evil@example.org", "role": "organiser", "quota": 1}


def _request(client, conference, objects, method, name, keys):
    url = reverse(name, args=[conference.slug, *(objects[key] for key in keys)])
    return getattr(client, method)(url, DATA if method == "post" else {})


def _unchanged(conference, objects, members=1):
    conference.refresh_from_db()
    return (
        conference.name == "DevConf"
        and conference.tracks.count() == 1
        and conference.rooms.count() == 1
        and conference.ticket_types.count() == 1
        and conference.questions.count() == 1
        and conference.memberships.count() == members
        and conference.invitations.count() == 1
    )


@pytest.mark.parametrize(("method", "name", "keys"), PAGES)
def test_setup_pages_refuse_anonymous(client, conference, objects, method, name, keys):
    response = _request(client, conference, objects, method, name, keys)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert _unchanged(conference, objects)


@pytest.mark.parametrize(("method", "name", "keys"), PAGES)
@pytest.mark.parametrize("who", ["attendee", "reviewer", "stranger"])
def test_setup_pages_refuse_non_organisers(
    client, conference, speaker, objects, method, name, keys, who
):
    if who == "reviewer":  # of this very conference
        user = MembershipFactory(conference=conference, role="reviewer").user
    elif who == "stranger":  # an organiser of another conference
        user = MembershipFactory(conference=ConferenceFactory()).user
    else:
        user = speaker
    client.force_login(user)

    response = _request(client, conference, objects, method, name, keys)

    assert response.status_code == 403
    assert _unchanged(conference, objects, members=2 if who == "reviewer" else 1)


@pytest.mark.parametrize(("method", "name", "keys"), [p for p in PAGES if p[0] == "get"])
def test_setup_pages_open_to_organisers(client, conference, organiser, objects, method, name, keys):
    client.force_login(organiser)

    assert _request(client, conference, objects, method, name, keys).status_code == 200
