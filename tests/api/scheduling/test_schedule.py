"""The published schedule and moving items through the API (scheduling's services)."""

from datetime import timedelta

import pytest

from conference.models import OutboxMail
from scheduling.models import ScheduleItem
from scheduling.services import publish_release
from tests.factories import ScheduleItemFactory, SubmissionFactory

C = "/api/v1/conferences/devconf"


def test_published_schedule_is_latest_release(schedule, client_for):
    body = client_for("anonymous").get(f"{C}/schedule/").json()
    assert (body["number"], body["version"], body["comment"]) == (1, "v1", "First")
    items = body["snapshot"]["items"]
    assert [(i["id"], i["title"], i["room"]) for i in items] == [
        (schedule["item"].pk, "Accepted talk", schedule["room"].pk)
    ]


def test_working_copy_changes_are_not_public_until_released(conference, schedule, client_for):
    item = schedule["item"]
    ScheduleItem.objects.filter(pk=item.pk).update(
        start=item.start + timedelta(hours=2), end=item.end + timedelta(hours=2)
    )
    client = client_for("anonymous")
    published = client.get(f"{C}/schedule/").json()["snapshot"]["items"][0]["start"]
    assert published == item.start.isoformat().replace("+00:00", "Z")
    publish_release(conference=conference, comment="Second")
    releases = client.get(f"{C}/schedule/releases/").json()["results"]
    assert [(r["version"], r["comment"]) for r in releases] == [("v2", "Second"), ("v1", "First")]


def test_no_release_yet_is_404(db, client_for):
    from tests.factories import ConferenceFactory

    ConferenceFactory(slug="fresh")
    response = client_for("anonymous").get("/api/v1/conferences/fresh/schedule/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def _move(schedule, **changes):
    item = schedule["item"]
    return {
        "version": item.version,
        "room": schedule["room"].pk,
        "start": (item.start + timedelta(hours=1)).isoformat(),
        "end": (item.end + timedelta(hours=1)).isoformat(),
        **changes,
    }


def test_move_item_bumps_version(conference, schedule, client_for):
    item = schedule["item"]
    response = client_for("organiser").post(
        f"{C}/schedule/items/{item.pk}/move/", _move(schedule), format="json"
    )
    assert response.status_code == 200
    body = response.json()
    # The same instant, written in the conference's zone (Asia/Shanghai) as its pages show it.
    moved_start = (item.start + timedelta(hours=1)).astimezone(conference.tzinfo)
    assert (body["version"], body["start"]) == (2, moved_start.isoformat())
    assert body["start"].endswith("+08:00")


def test_move_with_stale_version_is_409(schedule, client_for):
    client = client_for("organiser")
    url = f"{C}/schedule/items/{schedule['item'].pk}/move/"
    assert client.post(url, _move(schedule), format="json").status_code == 200
    stale = client.post(url, _move(schedule), format="json")
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": "The item changed meanwhile (now version 2); nothing was done.",
        "errors": {},
    }


@pytest.mark.parametrize(
    ("changes", "status", "errors"),
    [
        ({"version": "x"}, 400, {"version": ["A valid integer is required."]}),
        ({"start": "yesterday"}, 400, None),
        ({"start": "1900-01-01T10:00:00Z"}, 400, {"start": ["Give a time of the conference."]}),
        ({"room": 999999}, 400, {"non_field_errors": ["There is no such room."]}),
        ({"room": None}, 400, {"non_field_errors": ["Talks take place in one room."]}),
    ],
)
def test_move_rejects_bad_input(schedule, client_for, changes, status, errors):
    url = f"{C}/schedule/items/{schedule['item'].pk}/move/"
    response = client_for("organiser").post(url, _move(schedule, **changes), format="json")
    assert response.status_code == status
    if errors is not None:
        assert response.json()["errors"] == errors


def test_move_unknown_item_is_404(schedule, client_for):
    response = client_for("organiser").post(
        f"{C}/schedule/items/999999/move/", _move(schedule), format="json"
    )
    assert response.status_code == 404


def test_organiser_publishes_the_moved_item_as_the_next_release(
    users, submissions, schedule, client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    organiser = client_for("organiser")
    moved = organiser.post(
        f"{C}/schedule/items/{schedule['item'].pk}/move/", _move(schedule), format="json"
    )
    assert moved.status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(
            f"{C}/schedule/releases/",
            {"comment": "Moved <b>one</b> talk", "confirm_conflicts": "all"},
            format="json",
        )

    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["version"], body["comment"]) == (2, "v2", "Moved <b>one</b> talk")
    assert [e["talk"] for e in body["changelog"]["moved"]] == [submissions["public"].pk]
    assert client_for("anonymous").get(f"{C}/schedule/").json()["version"] == "v2"
    # The speaker's e-mail waits in the outbox for an organiser, as from the publish page.
    assert mail.outbox == []
    assert list(
        OutboxMail.objects.filter(status="held").values_list("to", "status", "held_reason")
    ) == [(users["speaker"].email, "held", "schedule release")]


def test_publish_with_hold_mail_false_sends_at_once(
    users, submissions, schedule, client_for, django_capture_on_commit_callbacks
):
    from django.core import mail

    organiser = client_for("organiser")
    organiser.post(
        f"{C}/schedule/items/{schedule['item'].pk}/move/", _move(schedule), format="json"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(
            f"{C}/schedule/releases/",
            {"hold_mail": False, "confirm_conflicts": "all"},
            format="json",
        )

    assert response.status_code == 201
    assert [m.to for m in mail.outbox] == [[users["speaker"].email]]


def test_publish_with_open_conflicts_needs_their_confirmation(conference, schedule, client_for):
    # A second talk in the same room at the same time: the room is double-booked.
    ScheduleItemFactory(
        submission=SubmissionFactory(conference=conference, state="confirmed", title="Other"),
        room=schedule["room"],
        start=schedule["item"].start,
        end=schedule["item"].end,
    )
    organiser = client_for("organiser")

    refused = organiser.post(f"{C}/schedule/releases/", {"comment": "Second"}, format="json")

    assert refused.status_code == 409
    body = refused.json()
    assert body["detail"] == "The schedule has conflicts: confirm that you publish it with them."
    # The room's two talks, and the world's accepted talk not confirmed by its speaker yet.
    assert sorted((c["code"], c["severity"]) for c in body["conflicts"]) == [
        ("room_overlap", "error"),
        ("unconfirmed", "warning"),
    ]
    assert client_for("anonymous").get(f"{C}/schedule/").json()["version"] == "v1"
    wrong = organiser.post(
        f"{C}/schedule/releases/", {"confirm_conflicts": "0" * 16}, format="json"
    )
    assert wrong.status_code == 409
    assert wrong.json()["detail"] == (
        "The conflicts changed since the page was loaded: check them again."
    )

    published = organiser.post(
        f"{C}/schedule/releases/",
        {"comment": "Second", "confirm_conflicts": body["confirm_conflicts"]},
        format="json",
    )

    assert published.status_code == 201
    assert published.json()["version"] == "v2"


def test_publish_refuses_a_long_comment_and_publishes_nothing(schedule, client_for):
    response = client_for("organiser").post(
        f"{C}/schedule/releases/", {"comment": "x" * 2001}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "comment": ["Ensure this field has no more than 2000 characters."]
    }
    assert client_for("anonymous").get(f"{C}/schedule/").json()["version"] == "v1"
