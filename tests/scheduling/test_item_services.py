"""Writes to the working copy: placing, moving, resizing, unscheduling, silencing."""

from datetime import UTC, datetime, timedelta

import pytest

from scheduling import selectors, services
from scheduling.models import Schedule, ScheduleItem
from scheduling.services import ScheduleRefused, StaleItem
from tests.factories import RoomFactory, SubmissionFactory


@pytest.fixture
def rooms(conference):
    return [
        RoomFactory(conference=conference, name="Hall", position=0),
        RoomFactory(conference=conference, name="Side", position=1),
    ]


@pytest.fixture
def talks(conference, speaker):
    return [
        SubmissionFactory(conference=conference, speaker=speaker, title=f"T{n}", state="confirmed")
        for n in range(3)
    ]


def at(conference, hour, minute=0, day=0):
    return datetime.combine(
        conference.start_date + timedelta(days=day), datetime.min.time(), tzinfo=UTC
    ).replace(hour=hour, minute=minute)


def place(conference, talk, room, hour, minute=0, minutes=30):
    start = at(conference, hour, minute)
    return services.create_item(
        conference=conference,
        room_id=room.pk,
        submission_id=talk.pk,
        start=start,
        end=start + timedelta(minutes=minutes),
    )


def test_create_item_places_a_talk_and_bumps_the_revision(conference, rooms, talks):
    item = place(conference, talks[0], rooms[0], 2)

    assert (item.kind, item.room, item.submission, item.version) == (
        "talk",
        rooms[0],
        talks[0],
        1,
    )
    assert Schedule.objects.get(conference=conference).revision == 1


def test_a_keynote_submission_becomes_a_keynote_item(conference, rooms, speaker):
    keynote = SubmissionFactory(
        conference=conference, speaker=speaker, format="keynote", state="accepted"
    )

    assert place(conference, keynote, rooms[0], 2).kind == "keynote"


def test_a_second_item_in_a_taken_room_is_refused(conference, rooms, talks):
    place(conference, talks[0], rooms[0], 2)

    with pytest.raises(ScheduleRefused) as refused:
        place(conference, talks[1], rooms[0], 2, 15)

    assert refused.value.code == "room_overlap"
    assert refused.value.messages == ["Hall is taken by “T0” then."]
    assert ScheduleItem.objects.count() == 1


def test_the_next_slot_in_the_same_room_is_free(conference, rooms, talks):
    place(conference, talks[0], rooms[0], 2)

    assert place(conference, talks[1], rooms[0], 2, 30).start == at(conference, 2, 30)


def test_an_all_rooms_break_is_refused_over_a_talk_and_a_talk_under_a_break(
    conference, rooms, talks
):
    place(conference, talks[0], rooms[1], 2)
    with pytest.raises(ScheduleRefused) as refused:
        services.create_item(
            conference=conference,
            kind="break",
            title="Lunch",
            room_id=None,
            start=at(conference, 2),
            end=at(conference, 3),
        )
    assert refused.value.code == "room_overlap"

    services.create_item(
        conference=conference,
        kind="break",
        title="Lunch",
        room_id=None,
        start=at(conference, 3),
        end=at(conference, 4),
    )
    with pytest.raises(ScheduleRefused) as refused:
        place(conference, talks[1], rooms[0], 3, 30)
    assert refused.value.messages == ["Hall is taken by “Lunch” then."]


def test_a_talk_is_scheduled_once(conference, rooms, talks):
    place(conference, talks[0], rooms[0], 2)

    with pytest.raises(ScheduleRefused) as refused:
        place(conference, talks[0], rooms[1], 5)

    assert refused.value.code == "already_scheduled"


@pytest.mark.parametrize("state", ["submitted", "rejected", "withdrawn", "cancelled", "draft"])
def test_only_accepted_or_confirmed_talks_are_placed(conference, rooms, speaker, state):
    talk = SubmissionFactory(conference=conference, speaker=speaker, state=state)

    with pytest.raises(ScheduleRefused) as refused:
        place(conference, talk, rooms[0], 2)

    assert refused.value.code == "talk"


def test_talks_of_another_conference_or_rooms_of_another_are_refused(
    conference, rooms, talks, speaker
):
    elsewhere = SubmissionFactory(speaker=speaker, state="confirmed")
    foreign_room = RoomFactory()

    with pytest.raises(ScheduleRefused) as refused_talk:
        place(conference, elsewhere, rooms[0], 2)
    with pytest.raises(ScheduleRefused) as refused_room:
        place(conference, talks[0], foreign_room, 2)

    assert (refused_talk.value.code, refused_room.value.code) == ("talk", "room")


@pytest.mark.parametrize(
    ("minute", "minutes", "message"),
    [
        (7, 30, "Times go in steps of 5 minutes."),
        (0, 0, "An item must end after it starts."),
        (0, 13 * 60, "An item lasts at most 12 hours."),
    ],
)
def test_times_are_checked(conference, rooms, talks, minute, minutes, message):
    with pytest.raises(ScheduleRefused) as refused:
        place(conference, talks[0], rooms[0], 2, minute, minutes)

    assert refused.value.messages == [message]


def test_a_talk_needs_a_room_and_a_break_a_title(conference, talks):
    with pytest.raises(ScheduleRefused) as no_room:
        services.create_item(
            conference=conference,
            submission_id=talks[0].pk,
            room_id=None,
            start=at(conference, 2),
            end=at(conference, 3),
        )
    with pytest.raises(ScheduleRefused) as no_title:
        services.create_item(
            conference=conference,
            kind="break",
            room_id=None,
            start=at(conference, 2),
            end=at(conference, 3),
        )

    assert (no_room.value.code, no_title.value.code) == ("room", "title")


def test_move_item_changes_room_time_and_version(conference, rooms, talks):
    item = place(conference, talks[0], rooms[0], 2)

    moved = services.move_item(
        conference=conference,
        item_id=item.pk,
        version=1,
        room_id=rooms[1].pk,
        start=at(conference, 4),
        end=at(conference, 5),
    )

    assert (moved.room, moved.start, moved.end, moved.version) == (
        rooms[1],
        at(conference, 4),
        at(conference, 5),
        2,
    )
    assert Schedule.objects.get(conference=conference).revision == 2


def test_two_editors_one_gets_stale(conference, rooms, talks):
    """Both loaded version 1; the first move wins, the second is refused and changes nothing."""
    item = place(conference, talks[0], rooms[0], 2)
    services.move_item(
        conference=conference,
        item_id=item.pk,
        version=1,
        room_id=rooms[1].pk,
        start=at(conference, 4),
        end=at(conference, 4, 30),
    )

    with pytest.raises(StaleItem) as stale:
        services.move_item(
            conference=conference,
            item_id=item.pk,
            version=1,
            room_id=rooms[0].pk,
            start=at(conference, 6),
            end=at(conference, 6, 30),
        )

    assert stale.value.item.version == 2
    item.refresh_from_db()
    assert (item.room, item.start, item.version) == (rooms[1], at(conference, 4), 2)


def test_moving_onto_a_taken_room_is_refused_but_a_move_within_its_own_slot_is_not(
    conference, rooms, talks
):
    first = place(conference, talks[0], rooms[0], 2)
    place(conference, talks[1], rooms[1], 2)

    with pytest.raises(ScheduleRefused):
        services.move_item(
            conference=conference,
            item_id=first.pk,
            version=1,
            room_id=rooms[1].pk,
            start=at(conference, 2),
            end=at(conference, 2, 30),
        )
    longer = services.move_item(
        conference=conference,
        item_id=first.pk,
        version=1,
        room_id=rooms[0].pk,
        start=at(conference, 2),
        end=at(conference, 3),
    )
    assert longer.duration_minutes == 60


def test_delete_item_unschedules_and_a_stale_delete_is_refused(conference, rooms, talks):
    item = place(conference, talks[0], rooms[0], 2)
    services.move_item(
        conference=conference,
        item_id=item.pk,
        version=1,
        room_id=rooms[0].pk,
        start=at(conference, 3),
        end=at(conference, 3, 30),
    )

    with pytest.raises(StaleItem):
        services.delete_item(conference=conference, item_id=item.pk, version=1)
    services.delete_item(conference=conference, item_id=item.pk, version=2)

    assert not ScheduleItem.objects.exists()
    assert [t.title for t in selectors.unscheduled_talks(conference=conference)] == [
        "T0",
        "T1",
        "T2",
    ]
    with pytest.raises(StaleItem) as gone:
        services.delete_item(conference=conference, item_id=item.pk, version=2)
    assert gone.value.item is None


def test_silence_warning_only_for_warnings(conference, rooms, talks):
    item = place(conference, talks[0], rooms[0], 2)

    silenced = services.silence_warning(
        conference=conference, item_id=item.pk, version=1, code="track_parallel"
    )
    with pytest.raises(ScheduleRefused):
        services.silence_warning(
            conference=conference, item_id=item.pk, version=2, code="room_overlap"
        )
    shown = services.silence_warning(
        conference=conference, item_id=item.pk, version=2, code="track_parallel", silenced=False
    )

    assert (silenced.silenced, silenced.version) == (["track_parallel"], 2)
    assert (shown.silenced, shown.version) == ([], 3)


def test_working_copy_conflicts_read_the_database(conference, rooms, speaker, other_speaker):
    """A speaker in two rooms at once, the second talk unconfirmed, in a too-small room."""
    first = SubmissionFactory(conference=conference, speaker=speaker, title="A", state="confirmed")
    second = SubmissionFactory(
        conference=conference,
        speaker=other_speaker,
        speakers=[speaker],
        title="B",
        state="accepted",
    )
    place(conference, first, rooms[0], 2)
    place(conference, second, rooms[1], 2, 15)

    conflicts = selectors.current_conflicts(conference=conference)

    assert [(c.code, c.severity) for c in conflicts] == [
        ("speaker_overlap", "error"),
        ("unconfirmed", "warning"),
    ]
    assert conflicts[0].message == "speaker speaks in “A” and “B” at the same time."
