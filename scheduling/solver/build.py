"""Read a conference's working copy into a solver Problem (reads only, few queries)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time

import numpy as np

from conference.models import Conference, RoomAvailability
from scheduling import days as day_utils
from scheduling.conflicts import expected_audience
from scheduling.enums import ItemKind
from scheduling.models import Favourite
from scheduling.selectors import (
    EDITOR_DAY_ENDS,
    EDITOR_DAY_STARTS,
    audience_basis,
    schedule_items,
    speaker_preferred_windows,
    speaker_windows,
    star_counts,
)
from scheduling.solver.pairs import top_pairs
from scheduling.solver.problem import Fixed, Problem, Room, Talk, Weights
from talks.enums import Format, Level
from talks.models import Submission, SubmissionEmbedding, speakers_prefetch

# Half-days split at this local time (after a usual lunch break starts).
HALF_DAY_SPLIT = time(13)
# Similarity pairs: each talk's most similar others, above a floor (MiniLM cosine).
SIMILAR_PER_TALK = 3
SIMILAR_FLOOR = 0.5
# Co-favourite pairs: each talk's strongest partners; people with very many stars are read
# only as far as this many (their pairs say little and grow quadratically).
CO_FAVOURITES_PER_TALK = 3
STARS_PER_PERSON = 60
# Without stars: a talk's share of the registered people (or of the seats, with none
# registered), by format and level. A keynote draws the whole conference.
FORMAT_PRIOR = {
    Format.KEYNOTE: 1.0,
    Format.WORKSHOP: 0.5,
    Format.PANEL: 1.0,
    Format.LIGHTNING: 1.0,
    Format.CASE_STUDY: 1.0,
    Format.TALK: 1.0,
}
LEVEL_PRIOR = {Level.BEGINNER: 1.2, Level.INTERMEDIATE: 1.0, Level.ADVANCED: 0.8}


def build_problem(
    *,
    conference: Conference,
    weights: Weights,
    room_ids: list[int] | None = None,
    days: list[date] | None = None,
    keep_fixed: frozenset[int] = frozenset(),
    granularity_minutes: int = 5,
    optional: frozenset[int] = frozenset(),
) -> Problem:
    """The conference's accepted and confirmed talks as a Problem.

    Fixed (never moved): breaks and blockers, keynote items, the talks in `keep_fixed`, and
    every item outside the chosen rooms or days (the solver does not touch what it was told not
    to use). Every other talk of the working copy is movable, its place the warm start. A room
    with no availability entered is open 09:00–18:00 local on each chosen day.
    """
    tz = conference.tzinfo
    chosen_days = sorted(days) if days else day_utils.conference_days(conference)
    rooms = [
        room for room in conference.rooms.all() if room_ids is None or room.pk in set(room_ids)
    ]
    room_set = {room.pk for room in rooms}

    windows: dict[int, list] = defaultdict(list)
    entered: set[int] = set()
    for window in RoomAvailability.objects.filter(room__conference=conference):
        entered.add(window.room_id)
        if window.room_id in room_set and window.date in chosen_days:
            windows[window.room_id].append(
                (
                    day_utils.local_instant(window.date, window.starts_at, tz),
                    day_utils.local_instant(window.date, window.ends_at, tz),
                )
            )
    for room in rooms:
        if room.pk not in entered:
            windows[room.pk] = [
                (
                    day_utils.local_instant(day, EDITOR_DAY_STARTS, tz),
                    day_utils.local_instant(day, EDITOR_DAY_ENDS, tz),
                )
                for day in chosen_days
            ]

    stars = star_counts(conference=conference)
    starring, registrations = audience_basis(conference=conference)
    capacities = [room.capacity for room in rooms if room.capacity]
    biggest = max(capacities, default=0)

    def audience(submission: Submission) -> int:
        expected = expected_audience(
            stars=stars.get(submission.pk, 0), starring_people=starring, registrations=registrations
        )
        if expected is not None:
            return expected
        people = registrations or (sum(capacities) * 0.6 if capacities else 0)
        factor = FORMAT_PRIOR.get(submission.format, 1.0) * LEVEL_PRIOR.get(submission.level, 1.0)
        if submission.format == Format.KEYNOTE:
            return round(people)
        return round(people * factor / max(1, len(rooms)))

    fixed: list[Fixed] = []
    current: dict[int, tuple[int, object]] = {}
    fixed_ids: set[int] = set()
    chosen = set(chosen_days)
    for item in schedule_items(conference=conference):
        submission = item.submission if item.submission_id else None
        movable = (
            item.kind == ItemKind.TALK
            and submission is not None
            and submission.pk not in keep_fixed
            and item.room_id in room_set
            and day_utils.local_day(item.start, tz) in chosen
        )
        if movable:
            current[submission.pk] = (item.room_id, item.start)
            continue
        if submission is not None:
            fixed_ids.add(submission.pk)
        fixed.append(
            Fixed(
                start=item.start,
                end=item.end,
                room=item.room_id,
                submission=submission.pk if submission else None,
                speakers=frozenset(user.pk for user in submission.speakers.all())
                if submission
                else frozenset(),
                track=submission.track_id if submission else None,
                audience=audience(submission) if submission else 0,
                title=item.display_title,
            )
        )

    submissions = list(
        Submission.objects.public()
        .filter(conference=conference)
        .exclude(pk__in=fixed_ids)
        .prefetch_related(speakers_prefetch())
        .order_by("pk")
    )
    preferred = speaker_preferred_windows(conference=conference)
    talks = []
    for submission in submissions:
        expected = audience(submission)
        speakers = frozenset(user.pk for user in submission.speakers.all())
        talks.append(
            Talk(
                id=submission.pk,
                duration=submission.duration,
                speakers=speakers,
                track=submission.track_id,
                audience=expected,
                preferred=tuple(sorted({w for pk in speakers for w in preferred.get(pk, [])})),
                min_seats=biggest if submission.format == Format.KEYNOTE else 0,
                current=current.get(submission.pk),
                title=submission.title,
            )
        )

    ids = [talk.id for talk in talks] + sorted(fixed_ids)
    half_days = []
    for day in chosen_days:
        start, end = day_utils.day_bounds(day, tz)
        split = day_utils.local_instant(day, HALF_DAY_SPLIT, tz)
        half_days += [(start, split), (split, end)]
    return Problem(
        talks=talks,
        rooms=[Room(room.pk, room.capacity, room.position, room.name) for room in rooms],
        windows={room_id: sorted(spans) for room_id, spans in windows.items() if spans},
        fixed=fixed,
        speaker_windows=speaker_windows(conference=conference),
        similar=similar_pairs(submission_ids=ids, movable={talk.id for talk in talks}),
        co_favourites=co_favourite_pairs(submission_ids=ids),
        weights=weights,
        optional=frozenset(optional),
        granularity_minutes=granularity_minutes,
        half_days=half_days,
    )


def similar_pairs(*, submission_ids: list[int], movable: set[int]) -> dict[tuple[int, int], float]:
    """(lower id, higher id) -> cosine similarity of the stored embeddings, each computed once;
    pairs of two fixed talks are left out (nothing can change them)."""
    rows = list(
        SubmissionEmbedding.objects.filter(submission_id__in=submission_ids)
        .order_by("submission_id")
        .values_list("submission_id", "vector", "dimension")
    )
    if len(rows) < 2:
        return {}
    dimension = rows[0][2]
    rows = [row for row in rows if row[2] == dimension]
    ids = [row[0] for row in rows]
    vectors = np.stack([np.frombuffer(bytes(row[1]), dtype="<f4") for row in rows])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1, norms)
    matrix = vectors @ vectors.T
    scores = {}
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            value = float(matrix[i, j])
            if value >= SIMILAR_FLOOR and (ids[i] in movable or ids[j] in movable):
                scores[(ids[i], ids[j])] = round(value, 4)
    return top_pairs(scores, SIMILAR_PER_TALK)


def co_favourite_pairs(*, submission_ids: list[int]) -> dict[tuple[int, int], int]:
    """(lower id, higher id) -> how many people starred both."""
    starred = defaultdict(list)
    rows = (
        Favourite.objects.filter(submission_id__in=submission_ids)
        .order_by("user_id", "created_at", "pk")
        .values_list("user_id", "submission_id")
    )
    for user_id, submission_id in rows:
        if len(starred[user_id]) < STARS_PER_PERSON:
            starred[user_id].append(submission_id)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for talk_ids in starred.values():
        talk_ids = sorted(talk_ids)
        for i, first in enumerate(talk_ids):
            for second in talk_ids[i + 1 :]:
                counts[(first, second)] += 1
    return {pair: int(value) for pair, value in top_pairs(counts, CO_FAVOURITES_PER_TALK).items()}
