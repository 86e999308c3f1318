"""Publishing releases: numbering, frozen snapshots, changelogs and speakers' e-mails."""

from datetime import UTC, datetime, timedelta

import pytest

from conference.models import OutboxMail
from scheduling import services
from scheduling.models import Release
from scheduling.services.releases import compute_changelog, describe_changelog
from talks.models import Submission
from tests.factories import RoomFactory, SpeakerProfileFactory, SubmissionFactory, UserFactory


@pytest.fixture
def setup(conference):
    hall = RoomFactory(conference=conference, name="Hall", position=0)
    side = RoomFactory(conference=conference, name="Side", position=1)
    ada = SpeakerProfileFactory(
        user=UserFactory(username="ada", email="ada@example.org"), name="Ada"
    ).user
    bo = SpeakerProfileFactory(
        user=UserFactory(username="bo", email="bo@example.org"), name="Bo"
    ).user
    cy = SpeakerProfileFactory(
        user=UserFactory(username="cy", email="cy@example.org"), name="Cy"
    ).user
    talks = {
        "keep": SubmissionFactory(
            conference=conference, speaker=ada, title="Keep", state="confirmed"
        ),
        "move": SubmissionFactory(
            conference=conference, speaker=bo, title="Move", state="confirmed"
        ),
        "drop": SubmissionFactory(
            conference=conference, speaker=cy, title="Drop", state="confirmed"
        ),
        "cancel": SubmissionFactory(
            conference=conference, speaker=cy, title="Cancel", state="confirmed"
        ),
    }
    day = datetime.combine(conference.start_date, datetime.min.time(), tzinfo=UTC)
    items = {}
    for hour, (key, room) in enumerate(
        [("keep", hall), ("move", hall), ("drop", side), ("cancel", side)], start=1
    ):
        items[key] = services.create_item(
            conference=conference,
            room_id=room.pk,
            submission_id=talks[key].pk,
            start=day + timedelta(hours=hour),
            end=day + timedelta(hours=hour, minutes=30),
        )
    return {"hall": hall, "side": side, "talks": talks, "items": items, "day": day}


def test_first_release_is_v1_with_every_talk_added(conference, organiser, setup):
    release = services.publish_release(conference=conference, user=organiser, comment=" Hi ")

    assert (release.number, release.version, release.comment, release.published_by) == (
        1,
        "v1",
        "Hi",
        organiser,
    )
    assert [e["title"] for e in release.changelog["added"]] == ["Keep", "Move", "Drop", "Cancel"]
    assert release.changelog["moved"] == release.changelog["removed"] == []
    assert release.changelog["cancelled"] == []
    assert release.revision == 4


def test_second_release_lists_added_moved_removed_and_cancelled(conference, setup):
    services.publish_release(conference=conference)
    talks, items, day = setup["talks"], setup["items"], setup["day"]
    services.move_item(
        conference=conference,
        item_id=items["move"].pk,
        version=1,
        room_id=setup["side"].pk,
        start=day + timedelta(hours=6),
        end=day + timedelta(hours=6, minutes=45),
    )
    services.delete_item(conference=conference, item_id=items["drop"].pk, version=1)
    Submission.objects.filter(pk=talks["cancel"].pk).update(state="cancelled")
    new = SubmissionFactory(conference=conference, title="New", state="accepted")
    services.create_item(
        conference=conference,
        room_id=setup["hall"].pk,
        submission_id=new.pk,
        start=day + timedelta(hours=8),
        end=day + timedelta(hours=8, minutes=30),
    )

    release = services.publish_release(conference=conference)

    def iso(hours, minutes=0):
        return (day + timedelta(hours=hours, minutes=minutes)).isoformat().replace("+00:00", "Z")

    assert release.version == "v2"
    assert release.changelog == {
        "added": [
            {
                "talk": new.pk,
                "title": "New",
                "start": iso(8),
                "end": iso(8, 30),
                "room": "Hall",
                "speakers": [new.speakers.get().pk],
            }
        ],
        "moved": [
            {
                "talk": talks["move"].pk,
                "title": "Move",
                "speakers": [talks["move"].speakers.get().pk],
                "from": {"start": iso(2), "end": iso(2, 30), "room": "Hall"},
                "to": {"start": iso(6), "end": iso(6, 45), "room": "Side"},
            }
        ],
        "removed": [
            {
                "talk": talks["drop"].pk,
                "title": "Drop",
                "start": iso(3),
                "end": iso(3, 30),
                "room": "Side",
                "speakers": [talks["drop"].speakers.get().pk],
            }
        ],
        "cancelled": [
            {
                "talk": talks["cancel"].pk,
                "title": "Cancel",
                "start": iso(4),
                "end": iso(4, 30),
                "room": "Side",
                "speakers": [talks["cancel"].speakers.get().pk],
            }
        ],
    }
    # The cancelled talk stays in the working copy (an error there) but not in the release.
    assert [i["title"] for i in release.snapshot["items"]] == ["Keep", "Move", "New"]


def test_old_releases_stay_frozen(conference, setup):
    first = services.publish_release(conference=conference)
    Submission.objects.filter(pk=setup["talks"]["keep"].pk).update(title="Renamed")
    services.publish_release(conference=conference)

    first.refresh_from_db()
    assert [i["title"] for i in first.snapshot["items"]][0] == "Keep"
    assert [i["title"] for i in Release.objects.get(version="v2").snapshot["items"]][0] == "Renamed"


def test_publishing_mails_speakers_whose_slot_changed(conference, setup, mailoutbox):
    services.publish_release(conference=conference)
    assert sorted(OutboxMail.objects.values_list("to", flat=True)) == [
        "ada@example.org",
        "bo@example.org",
        "cy@example.org",
    ]
    OutboxMail.objects.all().delete()
    services.move_item(
        conference=conference,
        item_id=setup["items"]["move"].pk,
        version=1,
        room_id=setup["hall"].pk,
        start=setup["day"] + timedelta(hours=7),
        end=setup["day"] + timedelta(hours=7, minutes=30),
    )
    Submission.objects.filter(pk=setup["talks"]["cancel"].pk).update(state="withdrawn")

    services.publish_release(conference=conference)

    # Bo's talk moved; Cy withdrew theirs (no mail for that), Ada's did not change.
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.subject, mail.kind) == (
        "bo@example.org",
        "DevConf: your slot in schedule v2",
        "schedule.release",
    )
    assert "- Move: Moved\n  Before: " in mail.body
    assert "Now: " in mail.body
    assert "Times are in Asia/Shanghai." in mail.body


def test_compute_changelog_is_pure_and_talk_keyed():
    room = [{"id": 1, "name": "Hall"}]

    def snap(*slots):
        return {
            "rooms": room,
            "items": [
                {
                    "room": 1,
                    "start": s,
                    "end": e,
                    "talk": {"id": t, "title": f"T{t}", "speakers": []},
                }
                for t, s, e in slots
            ],
        }

    before = snap(
        (1, "2026-01-01T10:00:00Z", "2026-01-01T10:30:00Z"),
        (2, "2026-01-01T11:00:00Z", "2026-01-01T11:30:00Z"),
    )
    after = snap((1, "2026-01-01T10:00:00Z", "2026-01-01T10:45:00Z"))

    changelog = compute_changelog(previous=before, current=after, states={2: "accepted"})

    assert [e["talk"] for e in changelog["moved"]] == [1]
    assert [e["talk"] for e in changelog["removed"]] == [2]
    assert changelog["added"] == changelog["cancelled"] == []
    lines = describe_changelog(changelog=changelog, tz=UTC)
    assert [(line["kind"], line["before"], line["after"]) for line in lines] == [
        ("moved", "2026-01-01 10:00–10:30, Hall", "2026-01-01 10:00–10:45, Hall"),
        ("removed", "2026-01-01 11:00–11:30, Hall", ""),
    ]


def test_a_deleted_talk_counts_as_cancelled():
    before = {
        "rooms": [],
        "items": [
            {
                "room": None,
                "start": "2026-01-01T10:00:00Z",
                "end": "2026-01-01T10:30:00Z",
                "talk": {"id": 9, "title": "Gone", "speakers": []},
            }
        ],
    }

    changelog = compute_changelog(previous=before, current={"rooms": [], "items": []}, states={})

    assert [e["talk"] for e in changelog["cancelled"]] == [9]
