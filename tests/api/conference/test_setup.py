"""Organisers set a conference up through the API: tracks, rooms, ticket types."""

import pytest

from conference.models import Registration, Room, TicketType, Track
from tests.factories import (
    ConferenceFactory,
    RegistrationFactory,
    RoomFactory,
    TicketTypeFactory,
    TrackFactory,
)

C = "/api/v1/conferences/devconf/setup"


@pytest.fixture
def organiser_client(client_for):
    return client_for("organiser")


def test_create_track_takes_its_slug_from_the_name_and_keeps_it(organiser_client):
    created = organiser_client.post(
        f"{C}/tracks/",
        {"name": "Natural Language Processing", "description": "Text", "position": 4},
        format="json",
    )
    pk = created.json()["id"]
    renamed = organiser_client.patch(
        f"{C}/tracks/{pk}/", {"name": "Language", "slug": "hacked"}, format="json"
    )

    assert created.status_code == 201
    assert created.json() == {
        "id": pk,
        "name": "Natural Language Processing",
        "slug": "natural-language-processing",
        "description": "Text",
        "colour": Track._meta.get_field("colour").default,
        "position": 4,
    }
    assert renamed.status_code == 200
    assert (renamed.json()["name"], renamed.json()["slug"]) == (
        "Language",
        "natural-language-processing",
    )


def test_track_names_are_unique_per_conference(conference, tracks, organiser_client):
    response = organiser_client.post(f"{C}/tracks/", {"name": "NLP"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Track with this Conference and Name already exists."]
    }
    assert Track.objects.filter(conference=conference, name="NLP").count() == 1


def test_lists_hold_this_conferences_objects_in_order(tracks, organiser_client):
    other = ConferenceFactory(slug="elsewhere")
    TrackFactory(conference=other, name="Elsewhere")
    foreign_room = RoomFactory(conference=other)
    Track.objects.filter(name="Vision").update(position=1)

    tracks = organiser_client.get(f"{C}/tracks/").json()
    foreign = organiser_client.get(f"{C}/rooms/{foreign_room.pk}/")

    # By position, then name.
    assert [row["name"] for row in tracks] == ["NLP", "Speech", "Vision"]
    assert foreign.status_code == 404
    assert Room.objects.filter(pk=foreign_room.pk).exists()


def test_delete_track_holding_submissions_is_refused_with_the_reason(
    tracks, submissions, organiser_client
):
    vision = tracks[1]

    response = organiser_client.delete(f"{C}/tracks/{vision.pk}/")

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "“Vision” holds 1 submission: choose a track to move them to."
    )
    submissions["public"].refresh_from_db()
    assert submissions["public"].track == vision


def test_delete_track_with_reassign_to_moves_its_submissions(tracks, submissions, organiser_client):
    _nlp, vision, speech = tracks

    response = organiser_client.delete(f"{C}/tracks/{vision.pk}/?reassign_to={speech.pk}")

    assert response.status_code == 204
    submissions["public"].refresh_from_db()
    assert submissions["public"].track == speech
    assert not Track.objects.filter(pk=vision.pk).exists()


def test_delete_track_takes_reassign_to_in_the_body(tracks, submissions, organiser_client):
    _nlp, vision, speech = tracks

    response = organiser_client.delete(
        f"{C}/tracks/{vision.pk}/", {"reassign_to": speech.pk}, format="json"
    )

    assert response.status_code == 204
    assert not Track.objects.filter(pk=vision.pk).exists()


@pytest.mark.parametrize("target", ["same", "foreign", "junk"])
def test_delete_track_refuses_a_bad_reassign_to(tracks, submissions, organiser_client, target):
    vision = tracks[1]
    pk = {"same": vision.pk, "foreign": TrackFactory().pk, "junk": "abc"}[target]

    response = organiser_client.delete(f"{C}/tracks/{vision.pk}/?reassign_to={pk}")

    assert response.status_code == 400
    assert response.json()["errors"] == {"reassign_to": ["Pick another track of this conference."]}
    assert Track.objects.filter(pk=vision.pk).exists()


def test_delete_track_of_an_empty_track_answers_204(conference, organiser_client):
    empty = TrackFactory(conference=conference, name="Empty")

    response = organiser_client.delete(f"{C}/tracks/{empty.pk}/")

    assert response.status_code == 204
    assert not Track.objects.filter(pk=empty.pk).exists()


def test_room_delete_is_refused_while_items_are_scheduled_in_it(
    conference, schedule, organiser_client
):
    room = schedule["room"]
    empty = RoomFactory(conference=conference, name="Empty")

    refused = organiser_client.delete(f"{C}/rooms/{room.pk}/")
    deleted = organiser_client.delete(f"{C}/rooms/{empty.pk}/")

    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        "1 item is scheduled in this room: move it to another room first."
    )
    assert deleted.status_code == 204
    assert list(Room.objects.filter(conference=conference)) == [room]


def test_ticket_type_quota_never_drops_below_the_seats_taken(conference, organiser_client):
    ticket_type = TicketTypeFactory(conference=conference, name="Workshop", quota=2)
    RegistrationFactory.create_batch(2, ticket_type=ticket_type)

    listed = {row["name"]: row for row in organiser_client.get(f"{C}/ticket-types/").json()}
    response = organiser_client.patch(
        f"{C}/ticket-types/{ticket_type.pk}/", {"quota": 1}, format="json"
    )

    assert (listed["Workshop"]["quota"], listed["Workshop"]["seats_taken"]) == (2, 2)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "quota": ["2 seats are taken already: the quota cannot be lower than that."]
    }
    ticket_type.refresh_from_db()
    assert ticket_type.quota == 2


def test_raising_a_quota_serves_the_waiting_list(conference, organiser_client):
    ticket_type = TicketTypeFactory(conference=conference, name="Workshop", quota=1)
    RegistrationFactory(ticket_type=ticket_type)
    waiting = RegistrationFactory(
        ticket_type=ticket_type, state=Registration.State.WAITLISTED, confirmed_at=None
    )

    response = organiser_client.patch(
        f"{C}/ticket-types/{ticket_type.pk}/", {"quota": 2}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["quota"], response.json()["seats_taken"]) == (2, 2)
    waiting.refresh_from_db()
    assert waiting.state == Registration.State.CONFIRMED


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"name": "X"}, {"quota": ["This field is required."]}),
        (
            {"name": "X", "quota": 5, "currency": "cny"},
            {"currency": ["Use a three-letter code such as CNY."]},
        ),
        (
            {"name": "X", "quota": -1},
            {"quota": ["Ensure this value is greater than or equal to 0."]},
        ),
        (
            {
                "name": "X",
                "quota": 5,
                "sale_starts_at": "2026-12-02T10:00:00Z",
                "sale_ends_at": "2026-12-01T10:00:00Z",
            },
            {"sale_ends_at": ["The sale must end after it starts."]},
        ),
        (
            {"name": "X", "quota": 5, "sale_starts_at": "0013-01-01T10:00:00Z"},
            {"sale_starts_at": ["Give a date between the years 2000 and 2100."]},
        ),
    ],
)
def test_ticket_type_bad_input_is_400_and_creates_nothing(organiser_client, body, errors):
    before = TicketType.objects.count()

    response = organiser_client.post(f"{C}/ticket-types/", body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert TicketType.objects.count() == before


def test_ticket_type_delete(conference, registration, organiser_client):
    unused = TicketTypeFactory(conference=conference, name="Unused")
    used = registration.ticket_type

    deleted = organiser_client.delete(f"{C}/ticket-types/{unused.pk}/")
    refused = organiser_client.delete(f"{C}/ticket-types/{used.pk}/")

    assert deleted.status_code == 204
    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        "People registered for this ticket type: hide it instead of deleting it."
    )
    assert list(TicketType.objects.filter(conference=conference)) == [used]


def test_put_is_not_offered(tracks, organiser_client):
    response = organiser_client.put(f"{C}/tracks/{tracks[0].pk}/", {"name": "NLP"}, format="json")

    assert response.status_code == 405
