"""The solver on small exact instances: plain Problems, no database."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from scheduling.solver import Fixed, Problem, Room, Talk, Weights, solve

OFF = Weights(**dict.fromkeys(Weights().as_dict(), 0))


def t(hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 4, 20, hour, minute, tzinfo=UTC)


def problem(**kwargs) -> Problem:
    defaults = {
        "rooms": [Room(1, 100, 0, "Hall"), Room(2, 100, 1, "Side")],
        "windows": {1: [(t(9), t(12))], 2: [(t(9), t(12))]},
        "weights": OFF,
    }
    return Problem(**{**defaults, **kwargs})


def test_solve_finds_the_one_forced_placement():
    # Hall is taken 11:00-12:00 by a fixed item, Side opens only 11:00-12:00, and the speaker
    # can only 11:00-11:30: one place is left.
    p = problem(
        talks=[Talk(10, 30, frozenset({7}))],
        windows={1: [(t(9), t(12))], 2: [(t(11), t(12))]},
        fixed=[Fixed(t(11), t(12), room=1, title="Workshop")],
        speaker_windows={7: [(t(11), t(11, 30))]},
    )

    solution = solve(p, time_limit_s=5)

    assert solution.status == "optimal"
    assert solution.placements == {10: (2, t(11))}
    assert solution.unplaced == {}
    assert solution.clash is None
    assert solution.seconds_to_feasible is not None


def test_solve_keeps_rooms_and_speakers_apart_and_off_breaks():
    talks = [Talk(i, 60, frozenset({1 if i < 3 else i})) for i in range(1, 5)]
    p = problem(talks=talks, fixed=[Fixed(t(10), t(11), room=None, title="Break")])

    solution = solve(p, time_limit_s=5)

    assert solution.status == "optimal"
    assert set(solution.placements) == {1, 2, 3, 4}
    starts = sorted(start for _room, start in solution.placements.values())
    assert starts == [t(9), t(9), t(11), t(11)]
    # Talks 1 and 2 share speaker 1: never at once.
    assert solution.placements[1][1] != solution.placements[2][1]
    assert len(set(solution.placements.values())) == 4


def test_solve_reports_the_minimal_clash_and_leaves_it_unplaced_when_allowed():
    # Speaker 7 is available 9:00-10:00 only, with three 30-minute talks; talk 4 is free.
    p = problem(
        talks=[
            Talk(1, 30, frozenset({7})),
            Talk(2, 30, frozenset({7})),
            Talk(3, 30, frozenset({7})),
            Talk(4, 30, frozenset({8})),
        ],
        speaker_windows={7: [(t(9), t(10))]},
    )

    solution = solve(p, time_limit_s=5)

    assert solution.status == "infeasible"
    assert solution.clash == [
        {
            "talks": [1, 2, 3],
            "rule": "speaker_availability",
            "text": "Their speakers' availability leaves too little time for these 3 talks.",
        }
    ]
    assert len(solution.unplaced) == 1
    assert set(solution.placements) | set(solution.unplaced) == {1, 2, 3, 4}

    again = solve(replace(p, optional=frozenset({1, 2, 3})), time_limit_s=5)

    assert again.status == "optimal"
    assert again.clash is None
    assert 4 in again.placements
    assert len(again.unplaced) == 1
    (left,) = again.unplaced
    assert left in {1, 2, 3}
    assert again.unplaced[left].startswith("Left unplaced, as allowed")


def test_solve_names_speaker_overlap_when_one_speaker_cannot_fit_both_talks():
    p = problem(
        talks=[Talk(1, 60, frozenset({7})), Talk(2, 60, frozenset({7}))],
        windows={1: [(t(9), t(10, 30))], 2: [(t(9), t(10, 30))]},
    )

    solution = solve(p, time_limit_s=5)

    assert solution.status == "infeasible"
    assert [(c["talks"], c["rule"]) for c in solution.clash] == [([1, 2], "speaker_overlap")]


def test_solve_names_room_size_and_room_hours_for_a_talk_that_fits_nowhere():
    p = problem(
        talks=[
            Talk(1, 30, min_seats=500),
            Talk(2, 240),
            Talk(3, 30),
        ],
    )

    solution = solve(p, time_limit_s=5)

    assert solution.status == "infeasible"
    assert [(c["talks"], c["rule"]) for c in solution.clash] == [
        ([1], "room_size"),
        ([2], "room_hours"),
    ]
    assert solution.unplaced == {
        1: "No room seats the 500 people this talk needs.",
        2: "No room is open for 240 minutes in a row outside the fixed items.",
    }
    assert set(solution.placements) == {3}


def test_solve_leaves_fixed_items_untouched_and_works_around_them():
    # A pinned talk of speaker 7 in Hall 9:00-10:00; the movable talk of the same speaker can
    # only use Hall (Side closed) and must not overlap it.
    pinned = Fixed(t(9), t(10), room=1, submission=99, speakers=frozenset({7}), track=1)
    p = problem(
        talks=[Talk(1, 60, frozenset({7}), track=1, current=(1, t(9)))],
        windows={1: [(t(9), t(11))]},
        fixed=[pinned],
    )

    solution = solve(p, time_limit_s=5)

    assert solution.placements == {1: (1, t(10))}
    assert 99 not in solution.placements
    assert p.fixed == [pinned]


def test_solve_starts_from_the_current_placement():
    p = problem(talks=[Talk(1, 30, current=(2, t(10, 15)))], weights=OFF)

    solution = solve(p, time_limit_s=5)

    # Every place costs nothing: the warm start is kept.
    assert solution.placements == {1: (2, t(10, 15))}


@pytest.mark.parametrize(("same_track", "expected"), [(1, t(9)), (10, t(9, 30))])
def test_solve_a_higher_same_track_weight_moves_the_talk_off_its_preferred_time(
    same_track, expected
):
    # Talk 1 can only be at 9:00; talk 2 (same track) prefers 9:00-9:30 but may go at 9:30.
    p = problem(
        talks=[
            Talk(1, 30, frozenset({1}), track=5),
            Talk(2, 30, frozenset({2}), track=5, preferred=((t(9), t(9, 30)),)),
        ],
        windows={1: [(t(9), t(10))], 2: [(t(9), t(10))]},
        speaker_windows={1: [(t(9), t(9, 30))]},
        weights=replace(OFF, same_track=same_track, preferred_times=5),
    )

    solution = solve(p, time_limit_s=5)

    assert solution.status == "optimal"
    assert solution.placements[2][1] == expected
    if expected == t(9):
        assert solution.soft["same_track"] == 1
        assert solution.explanations[2] == ["parallel with 1 talk of the same track"]
    else:
        assert solution.soft["preferred_times"] == 1
        assert solution.explanations[2] == ["outside its speakers' preferred times"]


def test_solve_explains_an_audience_bigger_than_the_room():
    p = problem(
        talks=[Talk(1, 60, audience=180), Talk(2, 60, audience=150)],
        rooms=[Room(1, 120, 0), Room(2, 300, 1)],
        windows={1: [(t(9), t(10))], 2: [(t(9), t(10))]},
        weights=replace(OFF, capacity=6),
    )

    solution = solve(p, time_limit_s=5)

    assert solution.placements == {1: (2, t(9)), 2: (1, t(9))}
    assert solution.soft["capacity"] == 30
    assert solution.explanations == {2: ["expected 150 people, room seats 120"]}


def _busy_problem() -> Problem:
    from bench.solver import make_instance

    return make_instance(talks=40, rooms=6, seed=3)


def test_solve_reports_progress_and_keeps_to_its_time_limit():
    seen = []

    solution = solve(_busy_problem(), time_limit_s=2, on_progress=seen.append)

    assert seen
    assert seen[-1].total == 40
    assert seen[-1].hard_conflicts_left == 0
    assert seen[-1].placed == 40
    assert solution.status in {"optimal", "feasible"}
    assert len(solution.placements) == 40
    assert solution.seconds < 30


def test_solve_stops_when_asked():
    calls = []

    def should_stop() -> bool:
        calls.append(1)
        return len(calls) > 1

    solution = solve(_busy_problem(), time_limit_s=60, should_stop=should_stop)

    # Stopped on its second question, right after the warm start: that schedule stands.
    assert solution.status == "stopped"
    assert len(solution.placements) == 40
    assert solution.seconds < 30


def test_solve_stopped_before_it_starts_has_no_solution():
    solution = solve(_busy_problem(), time_limit_s=60, should_stop=lambda: True)

    assert solution.status == "no_solution"
    assert solution.placements == {}
    assert len(solution.unplaced) == 40


def test_solve_names_room_hours_when_the_rooms_cannot_hold_the_talks():
    p = problem(
        talks=[Talk(1, 30), Talk(2, 30), Talk(3, 30)],
        windows={1: [(t(9), t(9, 30))], 2: [(t(9), t(9, 30))]},
    )

    solution = solve(p, time_limit_s=5)

    assert solution.status == "infeasible"
    assert solution.clash == [
        {
            "talks": [1, 2, 3],
            "rule": "room_hours",
            "text": "The rooms' opening hours, less the fixed items, cannot hold these 3 talks.",
        }
    ]
    assert len(solution.placements) == 2


def test_solve_explains_similar_and_co_starred_talks_in_parallel():
    # One half-hour in two rooms: the two talks cannot avoid each other.
    p = problem(
        talks=[Talk(1, 30), Talk(2, 30)],
        windows={1: [(t(9), t(9, 30))], 2: [(t(9), t(9, 30))]},
        similar={(1, 2): 0.8},
        co_favourites={(1, 2): 4},
        weights=Weights(),
    )

    solution = solve(p, time_limit_s=5)

    assert solution.status == "optimal"
    assert solution.soft["similar_topics"] == 0.8
    assert solution.soft["co_favourites"] == 4
    expected = [
        "parallel with 1 talk on a similar topic",
        "parallel with 1 talk that the same attendees starred",
    ]
    assert solution.explanations == {1: expected, 2: expected}
