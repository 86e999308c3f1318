"""build_problem reads a small conference exactly."""

from datetime import UTC, date, datetime, time

import numpy as np
import pytest

from scheduling.models import SpeakerAvailability
from scheduling.solver import Fixed, Room, Talk, Weights, build_problem, solve
from talks.models import SubmissionEmbedding
from tests.factories import (
    ConferenceFactory,
    FavouriteFactory,
    RoomAvailabilityFactory,
    RoomFactory,
    ScheduleItemFactory,
    SpeakerAvailabilityFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)

DAY = date(2027, 5, 10)


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def embed(submission, vector) -> None:
    values = np.asarray(vector, dtype="<f4")
    SubmissionEmbedding.objects.create(
        submission=submission, vector=values.tobytes(), dimension=len(values)
    )


@pytest.fixture
def small(db):
    conference = ConferenceFactory(
        slug="solver", timezone="UTC", start_date=DAY, end_date=date(2027, 5, 11)
    )
    nlp = TrackFactory(conference=conference, name="NLP", slug="nlp")
    hall = RoomFactory(conference=conference, name="Hall", capacity=300, position=0)
    side = RoomFactory(conference=conference, name="Side", capacity=40, position=1)
    RoomAvailabilityFactory(room=side, date=DAY, starts_at="10:00", ends_at="12:00")
    ann, bob = UserFactory(username="ann"), UserFactory(username="bob")
    moving = SubmissionFactory(
        conference=conference, speaker=ann, track=nlp, state="confirmed", duration=30
    )
    waiting = SubmissionFactory(
        conference=conference, speaker=bob, track=nlp, state="accepted", duration=45
    )
    pinned = SubmissionFactory(conference=conference, speaker=bob, state="confirmed")
    keynote = SubmissionFactory(conference=conference, speaker=ann, state="confirmed")
    SubmissionFactory(conference=conference, state="submitted")  # not on the programme
    SubmissionFactory(conference=conference, state="withdrawn")
    ScheduleItemFactory(
        conference=conference,
        submission=moving,
        room=hall,
        start=utc(DAY, 9),
        end=utc(DAY, 9, 30),
    )
    ScheduleItemFactory(
        conference=conference,
        submission=pinned,
        room=hall,
        start=utc(DAY, 11),
        end=utc(DAY, 11, 30),
    )
    ScheduleItemFactory(
        conference=conference,
        submission=keynote,
        kind="keynote",
        room=hall,
        start=utc(DAY, 14),
        end=utc(DAY, 15),
    )
    ScheduleItemFactory(
        conference=conference,
        submission=None,
        kind="break",
        title="Lunch",
        room=None,
        start=utc(DAY, 12),
        end=utc(DAY, 13),
    )
    SpeakerAvailabilityFactory(
        conference=conference,
        user=bob,
        windows=[{"start": "2027-05-10T10:00:00Z", "end": "2027-05-10T16:00:00Z"}],
    )
    embed(moving, [1, 0, 0])
    embed(waiting, [0.6, 0.8, 0])
    embed(pinned, [0, 0, 1])  # unlike both: below the floor
    for _ in range(2):
        fan = UserFactory()
        FavouriteFactory(user=fan, submission=moving)
        FavouriteFactory(user=fan, submission=waiting)
    return {
        "conference": conference,
        "hall": hall,
        "side": side,
        "ann": ann,
        "bob": bob,
        "nlp": nlp,
        "moving": moving,
        "waiting": waiting,
        "pinned": pinned,
        "keynote": keynote,
    }


def test_build_problem_reads_talks_rooms_windows_and_fixed_items(small):
    s = small

    problem = build_problem(
        conference=s["conference"], weights=Weights(), keep_fixed=frozenset({s["pinned"].pk})
    )

    # 4 stars by 2 people, no registrations: each of the two starred talks draws both.
    assert problem.talks == [
        Talk(
            id=s["moving"].pk,
            duration=30,
            speakers=frozenset({s["ann"].pk}),
            track=s["nlp"].pk,
            audience=2,
            current=(s["hall"].pk, utc(DAY, 9)),
            title=s["moving"].title,
        ),
        Talk(
            id=s["waiting"].pk,
            duration=45,
            speakers=frozenset({s["bob"].pk}),
            track=s["nlp"].pk,
            audience=2,
            title=s["waiting"].title,
        ),
    ]
    assert problem.rooms == [
        Room(s["hall"].pk, 300, 0, "Hall"),
        Room(s["side"].pk, 40, 1, "Side"),
    ]
    # Hall has no availability entered: 09:00-18:00 on both days; Side only what was entered.
    assert problem.windows == {
        s["hall"].pk: [
            (utc(DAY, 9), utc(DAY, 18)),
            (utc(date(2027, 5, 11), 9), utc(date(2027, 5, 11), 18)),
        ],
        s["side"].pk: [(utc(DAY, 10), utc(DAY, 12))],
    }
    assert sorted(problem.fixed, key=lambda f: f.start) == [
        Fixed(
            start=utc(DAY, 11),
            end=utc(DAY, 11, 30),
            room=s["hall"].pk,
            submission=s["pinned"].pk,
            speakers=frozenset({s["bob"].pk}),
            audience=0,
            title=s["pinned"].title,
        ),
        Fixed(start=utc(DAY, 12), end=utc(DAY, 13), room=None, title="Lunch"),
        Fixed(
            start=utc(DAY, 14),
            end=utc(DAY, 15),
            room=s["hall"].pk,
            submission=s["keynote"].pk,
            speakers=frozenset({s["ann"].pk}),
            audience=0,
            title=s["keynote"].title,
        ),
    ]
    assert problem.speaker_windows == {s["bob"].pk: [(utc(DAY, 10), utc(DAY, 16))]}
    low, high = sorted([s["moving"].pk, s["waiting"].pk])
    assert problem.similar == {(low, high): pytest.approx(0.6)}
    assert problem.co_favourites == {(low, high): 2}
    assert problem.half_days[:2] == [
        (utc(DAY, 0), utc(DAY, 13)),
        (utc(DAY, 13), utc(date(2027, 5, 11), 0)),
    ]


def test_build_problem_fixes_what_lies_outside_the_chosen_rooms_and_days(small):
    s = small

    problem = build_problem(
        conference=s["conference"],
        weights=Weights(),
        room_ids=[s["side"].pk],
        days=[DAY],
    )

    assert [talk.id for talk in problem.talks] == [s["waiting"].pk]
    assert {f.submission for f in problem.fixed} == {
        s["moving"].pk,
        s["pinned"].pk,
        s["keynote"].pk,
        None,
    }
    assert list(problem.windows) == [s["side"].pk]


def test_build_problem_then_solve_places_within_the_rules(small):
    s = small
    problem = build_problem(
        conference=s["conference"], weights=Weights(), keep_fixed=frozenset({s["pinned"].pk})
    )

    solution = solve(problem, time_limit_s=5)

    assert solution.status == "optimal"
    assert solution.unplaced == {}
    # The warm start costs nothing: talk 1 stays. Bob's talk goes within his window, off
    # his pinned talk and the lunch break, not in parallel with talk 1 (same track).
    assert solution.placements[s["moving"].pk] == (s["hall"].pk, utc(DAY, 9))
    room, start = solution.placements[s["waiting"].pk]
    end = start + (utc(DAY, 0, 45) - utc(DAY, 0))
    assert start.date() == DAY
    assert utc(DAY, 10) <= start and end <= utc(DAY, 16)
    for busy_start, busy_end in [(utc(DAY, 11), utc(DAY, 11, 30)), (utc(DAY, 12), utc(DAY, 13))]:
        assert end <= busy_start or busy_end <= start
    # Hall: the track keeps its room (Side would be a second room in the morning).
    assert room == s["hall"].pk
    assert solution.soft["same_track"] == 0
    assert solution.soft["track_room"] == 0


def test_a_speakers_preferred_window_reaches_the_solver_and_moves_her_talk(small):
    s = small
    SpeakerAvailability.objects.filter(user=s["bob"]).update(
        windows=[
            {"start": "2027-05-10T10:00:00Z", "end": "2027-05-10T14:00:00Z"},
            {"start": "2027-05-10T14:00:00Z", "end": "2027-05-10T16:00:00Z", "preferred": True},
        ]
    )
    problem = build_problem(
        conference=s["conference"], weights=Weights(), keep_fixed=frozenset({s["pinned"].pk})
    )
    waiting = next(talk for talk in problem.talks if talk.id == s["waiting"].pk)

    solution = solve(problem, time_limit_s=5)

    assert waiting.preferred == ((utc(DAY, 14), utc(DAY, 16)),)
    # The hall is the keynote's from 14:00 to 15:00: 15:00 is the one preferred slot left.
    assert solution.placements[s["waiting"].pk] == (s["hall"].pk, utc(DAY, 15))
    assert solution.soft["preferred_times"] == 0


def test_build_problem_without_stars_guesses_the_audience_from_format_and_seats(db):
    conference = ConferenceFactory(timezone="UTC", start_date=DAY, end_date=DAY)
    RoomFactory(conference=conference, capacity=300, position=0)
    RoomFactory(conference=conference, capacity=40, position=1)
    talk = SubmissionFactory(conference=conference, state="confirmed", level="advanced")
    keynote = SubmissionFactory(conference=conference, state="accepted", format="keynote")

    problem = build_problem(conference=conference, weights=Weights())

    by_id = {t.id: t for t in problem.talks}
    # No one registered: 60% of the 340 seats = 204 people; a talk shares them between the
    # 2 rooms (× 0.8 for advanced), a keynote draws all and needs the biggest room.
    assert (by_id[talk.pk].audience, by_id[talk.pk].min_seats) == (82, 0)
    assert (by_id[keynote.pk].audience, by_id[keynote.pk].min_seats) == (204, 300)
