"""A first schedule by hand, the warm start: fast, feasible, already fair on the soft terms.

The working copy's placements that still fit are kept; the other talks go one by one, those
with the least free time first, each where it adds the least soft cost (the model's points:
same track running then, similar or co-starred talks running then, seats short, a new room for
its track in that half-day, outside preferred times, a far room right after its speaker's
other talk), the earlier start on a tie. Candidate starts: the first of each free stretch and
then every half-hour in it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from scheduling.solver.grid import Grid, Steps, merge, subtract
from scheduling.solver.problem import Problem, Talk

BUCKET_MINUTES = 30


def greedy(
    problem: Problem, grid: Grid, talks: list[Talk], points: dict[str, int]
) -> dict[int, tuple[int, int]]:
    """talk id -> (room, start step) for every talk it could place."""
    weights = problem.weights
    room_busy: dict[int, Steps] = defaultdict(list)
    speaker_busy: dict[int, Steps] = defaultdict(list)
    placed: dict[int, tuple[int, int]] = {}
    cands = {talk.id: grid.candidates(talk).by_room for talk in talks}
    capacity = {room.id: room.capacity for room in problem.rooms}
    rank = {
        room.id: index
        for index, room in enumerate(sorted(problem.rooms, key=lambda r: (r.position, r.id)))
    }
    bucket = max(1, BUCKET_MINUTES // grid.step)
    halves = sorted(grid.window(a, b) for a, b in problem.half_days)
    half_starts = [a for a, _b in halves]
    gap = -(-problem.travel_gap_minutes // grid.step)

    def half_of(step: int) -> int | None:
        index = bisect_right(half_starts, step) - 1
        if index >= 0 and step < halves[index][1]:
            return index
        return None

    track_load: dict[tuple[int, int], int] = defaultdict(int)  # (track, bucket) -> talks
    track_rooms: dict[tuple[int, int], set] = defaultdict(set)  # (track, half) -> rooms
    spans: dict[int, tuple[int, int, int | None]] = {}  # talk/fixed id -> (start, end, room)
    speaker_spans: dict[int, list] = defaultdict(list)  # speaker -> [(start, end, room)]
    partners: dict[int, list[tuple[int, int]]] = defaultdict(list)  # id -> [(other, points)]
    top = float(max(problem.co_favourites.values(), default=1))
    for weight, pairs, term, scale in (
        (weights.similar_topics, problem.similar, "similar_topics", 1.0),
        (weights.co_favourites, problem.co_favourites, "co_favourites", top),
    ):
        if weight:
            for (a, b), value in pairs.items():
                cost = round(weight * points[term] * value / scale)
                partners[a].append((b, cost))
                partners[b].append((a, cost))

    def occupy(item_id, track, start, end, room, speakers) -> None:
        spans[item_id] = (start, end, room)
        if track is not None:
            first = start // bucket
            for k in range(first, first + -(-(end - start) // bucket)):
                track_load[(track, k)] += 1
            half = half_of(start)
            if half is not None and room is not None:
                track_rooms[(track, half)].add(room)
        for speaker in speakers:
            speaker_spans[speaker].append((start, end, room))

    for item in problem.fixed:
        if item.submission is not None:
            start, end = grid.span(item.start, item.end)
            occupy(item.submission, item.track, start, end, item.room, item.speakers)

    def take(talk: Talk, room_id: int, start: int) -> None:
        length = grid.length(talk.duration)
        placed[talk.id] = (room_id, start)
        room_busy[room_id] = merge(room_busy[room_id] + [(start, start + length)])
        for speaker in talk.speakers:
            speaker_busy[speaker] = merge(speaker_busy[speaker] + [(start, start + length)])
        occupy(talk.id, talk.track, start, start + length, room_id, talk.speakers)

    def free_starts(talk: Talk, room_id: int) -> Steps:
        length = grid.length(talk.duration)
        busy = room_busy[room_id] + [s for sp in talk.speakers for s in speaker_busy[sp]]
        # A start s is blocked by a busy [a, b) when s is in (a - length, b).
        blocked = [(a - length + 1, b) for a, b in busy]
        return subtract(cands[talk.id].get(room_id, []), blocked)

    def time_cost(talk: Talk, start: int, preferred: Steps) -> int:
        """What a start costs in any room: same track, partners, preferred times."""
        length = grid.length(talk.duration)
        end = start + length
        total = 0
        if talk.track is not None and weights.same_track:
            first = start // bucket
            for k in range(first, first + -(-length // bucket)):
                total += weights.same_track * points["same_track"] * track_load[(talk.track, k)]
        for other, points_each in partners.get(talk.id, ()):
            span = spans.get(other)
            if span and span[0] < end and start < span[1]:
                total += points_each
        if weights.preferred_times and talk.preferred:
            if not any(a <= start < b for a, b in preferred):
                total += weights.preferred_times * points["preferred_times"]
        return total

    def room_cost(talk: Talk, room_id: int, start: int) -> int:
        """What the room adds: seats short, a new room for the track, a walk."""
        length = grid.length(talk.duration)
        end = start + length
        total = 0
        seats = capacity.get(room_id) or 0
        if weights.capacity and seats and talk.audience > seats:
            total += weights.capacity * points["capacity"] * (talk.audience - seats)
        if talk.track is not None and weights.track_room:
            half = half_of(start)
            rooms = track_rooms.get((talk.track, half), ())
            if rooms and room_id not in rooms:
                total += weights.track_room * points["track_room"]
        if weights.travel:
            for speaker in talk.speakers:
                for other_start, other_end, other_room in speaker_spans.get(speaker, ()):
                    near = other_end + gap > start and end + gap > other_start
                    if near and other_room is not None and other_room != room_id:
                        distance = abs(rank.get(other_room, 0) - rank[room_id])
                        total += weights.travel * points["travel"] * distance
        return total

    for talk in talks:
        if talk.current and talk.current[0] in cands[talk.id]:
            room_id, at = talk.current
            step = grid.down(at)
            if any(a <= step < b for a, b in free_starts(talk, room_id)):
                take(talk, room_id, step)

    def freedom(talk: Talk) -> int:
        return sum(b - a for ranges in cands[talk.id].values() for a, b in ranges)

    for talk in sorted(talks, key=lambda t: (freedom(t), -t.duration, t.id)):
        if talk.id in placed:
            continue
        preferred = grid.preferred_starts(talk) if talk.preferred else []
        by_start: dict[int, int] = {}
        best = None
        for room_id in cands[talk.id]:
            for a, b in free_starts(talk, room_id):
                options = [a] + list(range(-(-a // bucket) * bucket, b, bucket))
                for start in options:
                    if not a <= start < b:
                        continue
                    if start not in by_start:
                        by_start[start] = time_cost(talk, start, preferred)
                    cost = by_start[start] + room_cost(talk, room_id, start)
                    key = (cost, start, rank[room_id])
                    if best is None or key < best[0]:
                        best = (key, room_id, start)
        if best:
            take(talk, best[1], best[2])
    return placed
