"""Time on the solver's grid, and where each talk could go at all.

The model counts time in whole grid steps (`granularity_minutes`) from the earliest window. A
window's start is rounded up and its end down, a duration up, so nothing placed on the grid
ever leaves its window. Interval lists here are sorted, disjoint, half-open [a, b) of steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from scheduling.solver.problem import Problem, Talk

Steps = list[tuple[int, int]]


def merge(intervals) -> Steps:
    merged: Steps = []
    for a, b in sorted(intervals):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def intersect(first: Steps, second: Steps) -> Steps:
    out: Steps = []
    i = j = 0
    while i < len(first) and j < len(second):
        a, b = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if a < b:
            out.append((a, b))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return out


def subtract(base: Steps, holes: Steps) -> Steps:
    out: Steps = []
    holes = merge(holes)
    for a, b in base:
        start = a
        for ha, hb in holes:
            if hb <= start or ha >= b:
                continue
            if ha > start:
                out.append((start, ha))
            start = max(start, hb)
        if start < b:
            out.append((start, b))
    return out


def starts_within(free: Steps, length: int) -> Steps:
    """The starts s (as [first, last + 1) ranges) with [s, s + length) inside `free`."""
    return [(a, b - length + 1) for a, b in free if b - a >= length]


@dataclass
class Candidates:
    """Where a talk may start in each room: room id -> start ranges (steps)."""

    by_room: dict[int, Steps]
    # Why it has none, when it has none: a rule of problem.RULES.
    reason: str = ""


class Grid:
    def __init__(self, problem: Problem):
        self.problem = problem
        self.step = problem.granularity_minutes
        firsts = [a for windows in problem.windows.values() for a, _ in windows]
        firsts += [item.start for item in problem.fixed]
        self.origin = min(firsts) if firsts else datetime(2000, 1, 1).astimezone()
        self.origin = self.origin.replace(second=0, microsecond=0)
        self.room_free: dict[int, Steps] = {}
        self.room_ids = [room.id for room in problem.rooms if room.id in problem.windows]
        for room_id in self.room_ids:
            opening = merge(self.window(a, b) for a, b in problem.windows[room_id])
            busy = [
                self.span(item.start, item.end)
                for item in problem.fixed
                if item.room is None or item.room == room_id
            ]
            self.room_free[room_id] = subtract(opening, busy)
        self.speaker_busy: dict[int, Steps] = {}
        for item in problem.fixed:
            for speaker in item.speakers:
                self.speaker_busy.setdefault(speaker, []).append(self.span(item.start, item.end))
        self.capacity = {room.id: room.capacity for room in problem.rooms}
        self._candidates: dict[tuple[Talk, bool], Candidates] = {}

    # --- conversions ---------------------------------------------------------------------

    def minutes(self, instant: datetime) -> float:
        return (instant - self.origin).total_seconds() / 60

    def up(self, instant: datetime) -> int:
        return -int(-self.minutes(instant) // self.step)

    def down(self, instant: datetime) -> int:
        return int(self.minutes(instant) // self.step)

    def window(self, start: datetime, end: datetime) -> tuple[int, int]:
        """The grid steps wholly inside [start, end)."""
        return self.up(start), self.down(end)

    def span(self, start: datetime, end: datetime) -> tuple[int, int]:
        """The grid steps that [start, end) touches at all."""
        return self.down(start), self.up(end)

    def length(self, minutes: int) -> int:
        return max(1, -(-minutes // self.step))

    def instant(self, steps: int) -> datetime:
        return self.origin + timedelta(minutes=steps * self.step)

    # --- where a talk can go ---------------------------------------------------------------

    def speaker_allowed(self, talk: Talk, *, availability: bool = True) -> Steps | None:
        """The steps its speakers can all be on stage; None: no limit."""
        allowed: Steps | None = None
        if availability:
            for speaker in sorted(talk.speakers):
                windows = self.problem.speaker_windows.get(speaker)
                if windows:
                    mine = merge(self.window(a, b) for a, b in windows)
                    allowed = mine if allowed is None else intersect(allowed, mine)
        busy = [span for speaker in talk.speakers for span in self.speaker_busy.get(speaker, [])]
        if busy:
            everything = [(-(10**9), 10**9)] if allowed is None else allowed
            allowed = subtract(everything, busy)
        return allowed

    def candidates(self, talk: Talk, *, availability: bool = True) -> Candidates:
        key = (talk, availability)
        if key not in self._candidates:
            self._candidates[key] = self._find_candidates(talk, availability=availability)
        return self._candidates[key]

    def _find_candidates(self, talk: Talk, *, availability: bool) -> Candidates:
        length = self.length(talk.duration)
        sized = [
            room_id
            for room_id in self.room_ids
            if not (
                talk.min_seats
                and self.capacity[room_id]
                and self.capacity[room_id] < talk.min_seats
            )
        ]
        if not sized:
            return Candidates({}, "room_size" if self.room_ids else "room_hours")
        open_rooms = [r for r in sized if starts_within(self.room_free[r], length)]
        if not open_rooms:
            return Candidates({}, "room_hours")
        allowed = self.speaker_allowed(talk, availability=availability)
        by_room = {}
        for room_id in open_rooms:
            free = self.room_free[room_id]
            if allowed is not None:
                free = intersect(free, allowed)
            starts = starts_within(free, length)
            if starts:
                by_room[room_id] = starts
        if not by_room:
            return Candidates({}, "speaker_availability")
        return Candidates(by_room)

    def preferred_starts(self, talk: Talk) -> Steps:
        preferred = merge(self.window(a, b) for a, b in talk.preferred)
        return starts_within(preferred, self.length(talk.duration))
