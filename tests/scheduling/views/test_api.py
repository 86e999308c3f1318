"""The editor's JSON endpoints: permissions, changes, refusals, optimistic concurrency."""

import json
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from scheduling.models import ScheduleItem
from tests.factories import PASSWORD, MembershipFactory, RoomFactory, SubmissionFactory


@pytest.fixture
def hall(conference):
    return RoomFactory(conference=conference, name="Hall", capacity=100)


@pytest.fixture
def side(conference):
    return RoomFactory(conference=conference, name="Side", capacity=10, position=1)


@pytest.fixture
def talk(conference, speaker):
    return SubmissionFactory(
        conference=conference, speaker=speaker, title="Alpha", state="confirmed"
    )


@pytest.fixture
def editor(client, organiser):
    client.login(username="organiser", password=PASSWORD)
    return client


def at(conference, hour, minute=0):
    return datetime.combine(conference.start_date, datetime.min.time(), tzinfo=UTC).replace(
        hour=hour, minute=minute
    )


def iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


def post(client, conference, body):
    return client.post(
        reverse("scheduling:api_items", args=[conference.slug]),
        json.dumps(body),
        content_type="application/json",
    )


def patch(client, conference, item_id, body, method="patch"):
    return getattr(client, method)(
        reverse("scheduling:api_item", args=[conference.slug, item_id]),
        json.dumps(body),
        content_type="application/json",
    )


def place_body(conference, talk, room, hour=2):
    return {
        "submission": talk.pk,
        "room": room.pk,
        "start": iso(at(conference, hour)),
        "end": iso(at(conference, hour, 30)),
    }


def test_state_is_for_organisers_only(client, conference, reviewer, speaker):
    url = reverse("scheduling:api_state", args=[conference.slug])

    anonymous = client.get(url)
    client.login(username="reviewer", password=PASSWORD)
    reviewer_answer = client.get(url)
    client.login(username="speaker", password=PASSWORD)
    speaker_answer = client.get(url)

    assert (anonymous.status_code, anonymous.json()) == (
        401,
        {"detail": "Log in first.", "errors": {}},
    )
    assert (reviewer_answer.status_code, reviewer_answer.json()) == (
        403,
        {"detail": "You may not do this here.", "errors": {}},
    )
    assert speaker_answer.status_code == 403


def test_create_answers_201_with_the_item_and_the_whole_state(editor, conference, hall, talk):
    response = post(editor, conference, place_body(conference, talk, hall))

    assert response.status_code == 201
    data = response.json()
    item = ScheduleItem.objects.get()
    assert data["item"] == {
        "id": item.pk,
        "version": 1,
        "kind": "talk",
        "title": "Alpha",
        "room": hall.pk,
        "start": iso(at(conference, 2)),
        "end": iso(at(conference, 2, 30)),
        "minutes": 30,
        "day": conference.start_date.isoformat(),
        "label": "10:00–10:30",
        "submission": talk.pk,
        "track": None,
        "colour": "",
        "speakers": "speaker",
        "state": "confirmed",
        "stars": 0,
        "silenced": [],
    }
    assert [i["id"] for i in data["state"]["items"]] == [item.pk]
    assert data["state"]["unscheduled"] == []
    assert data["conflicts"] == []


def test_create_with_minutes_instead_of_end(editor, conference, hall, talk):
    body = {"submission": talk.pk, "room": hall.pk, "start": iso(at(conference, 2)), "minutes": 45}

    response = post(editor, conference, body)

    assert response.json()["item"]["label"] == "10:00–10:45"


def test_a_taken_room_is_refused_with_400(editor, conference, hall, talk, speaker):
    post(editor, conference, place_body(conference, talk, hall))
    other = SubmissionFactory(conference=conference, title="Beta", state="accepted")

    response = post(editor, conference, place_body(conference, other, hall))

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Hall is taken by “Alpha” then.",
        "errors": {"non_field_errors": ["Hall is taken by “Alpha” then."]},
    }
    assert ScheduleItem.objects.count() == 1


def test_a_talk_placed_meanwhile_in_another_window_is_409(editor, conference, hall, side, talk):
    post(editor, conference, place_body(conference, talk, hall))

    response = post(editor, conference, place_body(conference, talk, side, hour=5))

    assert response.status_code == 409
    assert set(response.json()) == {"detail", "errors"}


def test_bad_requests_are_400_in_the_rest_apis_error_format(editor, conference, hall, talk):
    url = reverse("scheduling:api_items", args=[conference.slug])

    not_json = editor.post(url, "nope", content_type="application/json")
    not_an_object = editor.post(url, "[1]", content_type="application/json")
    bad_room = post(editor, conference, {**place_body(conference, talk, hall), "room": "x"})
    no_end = post(editor, conference, {"submission": talk.pk, "start": iso(at(conference, 2))})

    assert [r.status_code for r in (not_json, not_an_object, bad_room, no_end)] == [400] * 4
    assert not_json.json() == {"detail": "The request is not JSON.", "errors": {}}
    assert bad_room.json() == {
        "detail": "The input is not valid.",
        "errors": {"room": ["A valid integer is required."]},
    }
    assert no_end.json()["errors"] == {"end": ["Give an end or minutes."]}
    assert not ScheduleItem.objects.exists()


def test_a_move_is_checked_as_by_the_rest_api(editor, conference, hall, talk):
    item_id = post(editor, conference, place_body(conference, talk, hall)).json()["item"]["id"]

    response = patch(
        editor,
        conference,
        item_id,
        {"version": "x", "room": hall.pk, "start": "1900-01-01T10:00:00Z", "end": "soon"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "version": ["A valid integer is required."],
        "end": [
            "Datetime has wrong format. Use one of these formats instead: "
            "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
        ],
    }


def test_times_without_an_offset_are_in_the_conferences_zone(editor, conference, hall, talk):
    body = {**place_body(conference, talk, hall), "start": "2026-01-01T10:00"}
    body["start"] = f"{conference.start_date.isoformat()}T10:00"
    body["end"] = f"{conference.start_date.isoformat()}T10:30"

    response = post(editor, conference, body)

    assert response.status_code == 201
    assert response.json()["item"]["label"] == "10:00–10:30"


def test_two_editors_the_second_gets_409_and_the_current_item(
    conference, organiser, hall, side, talk
):
    """Two organisers load version 1; the first move wins; the second is told to reload."""
    MembershipFactory(conference=conference, user__username="second")
    first, second = Client(), Client()
    first.login(username="organiser", password=PASSWORD)
    second.login(username="second", password=PASSWORD)
    item_id = post(first, conference, place_body(conference, talk, hall)).json()["item"]["id"]

    moved = patch(
        first, conference, item_id, {**place_body(conference, talk, side, 3), "version": 1}
    )
    stale = patch(
        second, conference, item_id, {**place_body(conference, talk, hall, 6), "version": 1}
    )

    assert moved.status_code == 200
    assert moved.json()["item"]["version"] == 2
    assert stale.status_code == 409
    assert stale.json()["detail"] == "This item was changed or removed in another window."
    assert (stale.json()["item"]["version"], stale.json()["item"]["room"]) == (2, side.pk)
    item = ScheduleItem.objects.get()
    assert (item.room, item.start) == (side, at(conference, 3))


def test_delete_unschedules_and_answers_the_state(editor, conference, hall, talk):
    item_id = post(editor, conference, place_body(conference, talk, hall)).json()["item"]["id"]

    stale = patch(editor, conference, item_id, {"version": 7}, method="delete")
    done = patch(editor, conference, item_id, {"version": 1}, method="delete")

    assert stale.status_code == 409
    assert done.status_code == 200
    assert [t["title"] for t in done.json()["state"]["unscheduled"]] == ["Alpha"]
    assert not ScheduleItem.objects.exists()


def test_conflicts_come_back_after_each_change(editor, conference, hall, side, speaker):
    first = SubmissionFactory(conference=conference, speaker=speaker, title="A", state="confirmed")
    second = SubmissionFactory(conference=conference, speaker=speaker, title="B", state="accepted")
    post(editor, conference, place_body(conference, first, hall))

    response = post(editor, conference, place_body(conference, second, side))

    item_ids = sorted(i["id"] for i in response.json()["state"]["items"])
    assert response.json()["conflicts"] == [
        {
            "code": "speaker_overlap",
            "severity": "error",
            "items": item_ids,
            "message": "speaker speaks in “A” and “B” at the same time.",
            "silenced": False,
            "day": conference.start_date.isoformat(),
        },
        {
            "code": "unconfirmed",
            "severity": "warning",
            "items": [item_ids[1]],
            "message": "The speakers of “B” have not confirmed yet.",
            "silenced": False,
            "day": conference.start_date.isoformat(),
        },
    ]


def test_silence_a_warning(editor, conference, hall, speaker):
    pending = SubmissionFactory(conference=conference, speaker=speaker, title="P", state="accepted")
    item_id = post(editor, conference, place_body(conference, pending, hall)).json()["item"]["id"]
    url = reverse("scheduling:api_silence", args=[conference.slug, item_id])

    response = editor.post(
        url,
        json.dumps({"version": 1, "code": "unconfirmed", "silenced": True}),
        content_type="application/json",
    )
    refused = editor.post(
        url,
        json.dumps({"version": 2, "code": "speaker_overlap"}),
        content_type="application/json",
    )

    assert response.json()["conflicts"][0]["silenced"] is True
    assert response.json()["item"]["silenced"] == ["unconfirmed"]
    assert refused.status_code == 400


def test_breaks_span_every_room(editor, conference, hall, side):
    response = post(
        editor,
        conference,
        {
            "kind": "break",
            "title": "Lunch <3",
            "room": None,
            "start": iso(at(conference, 4)),
            "minutes": 60,
        },
    )

    assert response.status_code == 201
    assert (response.json()["item"]["room"], response.json()["item"]["title"]) == (None, "Lunch <3")


def test_the_api_refuses_other_methods(editor, conference):
    assert editor.get(reverse("scheduling:api_items", args=[conference.slug])).status_code == 405


def test_state_query_count_is_fixed(
    editor, conference, hall, speaker, django_assert_max_num_queries
):
    for n in range(3):
        post(
            editor,
            conference,
            place_body(
                conference,
                SubmissionFactory(conference=conference, state="confirmed"),
                hall,
                hour=1 + n,
            ),
        )
    url = reverse("scheduling:api_state", args=[conference.slug])

    with django_assert_max_num_queries(16):
        response = editor.get(url)

    assert len(response.json()["items"]) == 3


@pytest.mark.parametrize("start", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:00-12:00"])
def test_times_far_outside_any_conference_are_400(editor, conference, hall, talk, start):
    response = post(editor, conference, {**place_body(conference, talk, hall), "start": start})

    assert response.status_code == 400
