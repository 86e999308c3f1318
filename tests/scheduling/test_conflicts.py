"""Conflict detection is a pure function: these tests build the facts by hand, no database."""

from datetime import UTC, datetime, timedelta

import pytest

from scheduling.conflicts import (
    ItemFacts,
    ScheduleContext,
    expected_audience,
    find_conflicts,
    within,
)

DAY = (datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 2, tzinfo=UTC))


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, 1, hour, minute, tzinfo=UTC)


def talk(item_id, start, minutes=30, room=1, speakers=(), **extra) -> ItemFacts:
    return ItemFacts(
        id=item_id,
        kind="talk",
        room_id=room,
        start=start,
        end=start + timedelta(minutes=minutes),
        title=f"Talk {item_id}",
        submission_id=100 + item_id,
        speaker_ids=frozenset(speakers),
        state=extra.pop("state", "confirmed"),
        **extra,
    )


def context(**extra) -> ScheduleContext:
    defaults = {
        "room_names": {1: "Hall", 2: "Room B"},
        "room_capacities": {1: 300, 2: 40},
        "conference_days": [DAY],
        "speaker_names": {7: "Ada", 8: "Bo"},
    }
    return ScheduleContext(**{**defaults, **extra})


def codes(conflicts):
    return [(c.code, c.severity, c.item_ids, c.silenced) for c in conflicts]


def test_no_conflicts_for_a_clean_schedule():
    items = [talk(1, at(10), speakers=[7]), talk(2, at(10), room=2, speakers=[8])]

    assert find_conflicts(items=items, context=context()) == []


def test_two_items_in_one_room_at_once_is_an_error():
    items = [talk(1, at(10)), talk(2, at(10, 15))]

    conflicts = find_conflicts(items=items, context=context())

    assert codes(conflicts) == [("room_overlap", "error", (1, 2), False)]
    assert conflicts[0].message == "“Talk 1” and “Talk 2” are in Hall at the same time."


def test_back_to_back_items_do_not_overlap():
    items = [talk(1, at(10)), talk(2, at(10, 30))]

    assert find_conflicts(items=items, context=context()) == []


def test_an_all_rooms_break_clashes_with_every_room():
    coffee = ItemFacts(
        id=3, kind="break", room_id=None, start=at(10), end=at(10, 30), title="Coffee"
    )
    items = [talk(1, at(10, 15), room=2), coffee]

    assert codes(find_conflicts(items=items, context=context())) == [
        ("room_overlap", "error", (1, 3), False)
    ]


def test_a_speaker_in_two_places_at_once_is_an_error():
    items = [talk(1, at(10), speakers=[7]), talk(2, at(10, 20), room=2, speakers=[7, 8])]

    conflicts = find_conflicts(items=items, context=context())

    assert codes(conflicts) == [("speaker_overlap", "error", (1, 2), False)]
    assert conflicts[0].message == "Ada speaks in “Talk 1” and “Talk 2” at the same time."


def test_a_speaker_outside_their_availability_is_a_warning():
    items = [talk(1, at(10), speakers=[7]), talk(2, at(14), speakers=[7])]
    ctx = context(speaker_windows={7: [(at(9), at(12))]})

    conflicts = find_conflicts(items=items, context=ctx)

    assert codes(conflicts) == [("speaker_unavailable", "warning", (2,), False)]
    assert conflicts[0].message == "Ada is not available for all of “Talk 2”."


def test_touching_availability_windows_join():
    ctx = context(speaker_windows={7: [(at(9), at(10, 15)), (at(10, 15), at(11))]})

    assert find_conflicts(items=[talk(1, at(10), speakers=[7])], context=ctx) == []


def test_a_talk_outside_its_rooms_availability_is_an_error():
    ctx = context(room_windows={1: [(at(9), at(12))]})
    items = [talk(1, at(11, 45)), talk(2, at(11), room=2)]

    assert codes(find_conflicts(items=items, context=ctx)) == [
        ("room_unavailable", "error", (1,), False)
    ]


def test_an_item_outside_the_conference_days_is_an_error():
    late = talk(1, at(23, 45))  # ends at 00:15 the next day
    before = talk(2, at(10) - timedelta(days=1), room=2)

    assert codes(find_conflicts(items=[late, before], context=context())) == [
        ("outside_conference", "error", (2,), False),
        ("outside_conference", "error", (1,), False),
    ]


def test_a_room_smaller_than_the_expected_audience_is_a_warning():
    items = [
        talk(1, at(10), room=2, expected_audience=41),
        talk(2, at(11), room=2, expected_audience=40),
    ]

    conflicts = find_conflicts(items=items, context=context())

    assert codes(conflicts) == [("room_too_small", "warning", (1,), False)]
    assert conflicts[0].message == "About 41 people are expected at “Talk 1”; Room B seats 40."


def test_a_room_of_unknown_size_is_never_too_small():
    ctx = context(room_capacities={1: 0})

    assert find_conflicts(items=[talk(1, at(10), expected_audience=999)], context=ctx) == []


def test_two_talks_of_one_track_in_parallel_is_a_warning():
    items = [talk(1, at(10), track_id=5), talk(2, at(10), room=2, track_id=5)]

    assert codes(find_conflicts(items=items, context=context())) == [
        ("track_parallel", "warning", (1, 2), False)
    ]


def test_an_unconfirmed_talk_is_a_warning_and_a_withdrawn_one_an_error():
    items = [talk(1, at(10), state="accepted"), talk(2, at(11), state="withdrawn")]

    conflicts = find_conflicts(items=items, context=context())

    assert codes(conflicts) == [
        ("not_accepted", "error", (2,), False),
        ("unconfirmed", "warning", (1,), False),
    ]
    assert conflicts[0].message == "“Talk 2” is no longer accepted (withdrawn)."


def test_a_silenced_warning_is_still_listed_but_marked():
    items = [
        talk(1, at(10), track_id=5, silenced=frozenset({"track_parallel"})),
        talk(2, at(10), room=2, track_id=5),
    ]

    assert codes(find_conflicts(items=items, context=context())) == [
        ("track_parallel", "warning", (1, 2), True)
    ]


def test_an_error_cannot_be_silenced():
    items = [talk(1, at(10), silenced=frozenset({"room_overlap"})), talk(2, at(10))]

    assert codes(find_conflicts(items=items, context=context())) == [
        ("room_overlap", "error", (1, 2), False)
    ]


def test_breaks_have_no_speakers_tracks_or_audience():
    coffee = ItemFacts(id=3, kind="break", room_id=2, start=at(10), end=at(10, 30), title="Coffee")
    items = [talk(1, at(10), speakers=[7], track_id=5), coffee]
    ctx = context(room_windows={2: [(at(12), at(13))]})

    assert find_conflicts(items=items, context=ctx) == []


def test_conflicts_come_errors_first_then_by_time():
    items = [
        talk(1, at(9), state="accepted"),
        talk(2, at(11), speakers=[7]),
        talk(3, at(11), room=2, speakers=[7]),
    ]

    assert [c.code for c in find_conflicts(items=items, context=context())] == [
        "speaker_overlap",
        "unconfirmed",
    ]


def test_overlaps_across_a_clock_change_compare_instants():
    # 02:30 CEST (00:30 UTC) and 02:15 CET (01:15 UTC) on 25 October 2026 do not overlap,
    # though their wall-clock times do.
    first = talk(1, datetime(2026, 10, 25, 0, 30, tzinfo=UTC), minutes=30)
    second = talk(2, datetime(2026, 10, 25, 1, 15, tzinfo=UTC), minutes=30)
    ctx = context(
        conference_days=[
            (datetime(2026, 10, 24, 22, tzinfo=UTC), datetime(2026, 10, 25, 23, tzinfo=UTC))
        ]
    )

    assert find_conflicts(items=[first, second], context=ctx) == []


@pytest.mark.parametrize(
    ("stars", "starring", "registrations", "expected"),
    [
        (40, 200, 1000, 200),  # a fifth of those who star, of everybody registered
        (1, 3, 10, 4),  # rounded up
        (5, 10, 0, 5),  # nobody registered yet: those who star are the audience
        (0, 10, 100, 0),
        (3, 0, 100, None),  # nobody starred anything: no basis for a guess
    ],
)
def test_expected_audience(stars, starring, registrations, expected):
    assert (
        expected_audience(stars=stars, starring_people=starring, registrations=registrations)
        == expected
    )


def test_within_needs_the_whole_interval_covered():
    windows = [(at(9), at(10)), (at(11), at(12))]

    assert within((at(9), at(10)), windows) is True
    assert within((at(9, 30), at(11, 30)), windows) is False
    assert within((at(11), at(12, 5)), windows) is False
    assert within((at(11, 30), at(11, 45)), windows) is True
