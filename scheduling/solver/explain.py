"""The soft costs of a finished schedule, exactly, and a sentence for each talk that bears one.

The model optimises close stand-ins for some terms (talks of a track counted per half-hour);
what the organiser sees is measured here on the schedule itself, in plain units:

- same_track: pairs of talks of one track that overlap in time;
- similar_topics: the summed similarity of similar pairs that overlap;
- co_favourites: attendees who starred both talks of an overlapping pair, summed;
- capacity: people expected beyond the seats, summed over talks;
- track_room: rooms beyond the first that a track uses in a half-day, summed;
- travel: back-to-back talks of a speaker, counted by how many rooms apart they are;
- preferred_times: talks outside their speakers' preferred times.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from scheduling.solver.problem import TERMS, Problem


@dataclass(frozen=True)
class Placed:
    id: int
    room: int | None
    start: datetime
    end: datetime
    track: int | None
    speakers: frozenset[int]
    fixed: bool


def placed_items(problem: Problem, placements: dict[int, tuple[int, datetime]]) -> list[Placed]:
    items = []
    for talk in problem.talks:
        if talk.id in placements:
            room, start = placements[talk.id]
            end = start + timedelta(minutes=talk.duration)
            items.append(Placed(talk.id, room, start, end, talk.track, talk.speakers, False))
    for item in problem.fixed:
        if item.submission is not None:
            items.append(
                Placed(
                    item.submission,
                    item.room,
                    item.start,
                    item.end,
                    item.track,
                    item.speakers,
                    True,
                )
            )
    return items


def _overlap(a: Placed, b: Placed) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate(
    problem: Problem, placements: dict[int, tuple[int, datetime]]
) -> tuple[dict[str, float], dict[int, list[str]]]:
    """(term -> cost, submission id -> sentences) of the placements with the fixed items."""
    items = placed_items(problem, placements)
    by_id = {item.id: item for item in items}
    soft = dict.fromkeys(TERMS, 0.0)
    notes: dict[int, dict[str, int | float]] = defaultdict(lambda: defaultdict(int))

    by_track = defaultdict(list)
    for item in items:
        if item.track is not None:
            by_track[item.track].append(item)
    for group in by_track.values():
        group.sort(key=lambda item: item.start)
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if second.start >= first.end:
                    break
                if first.fixed and second.fixed:
                    continue
                soft["same_track"] += 1
                notes[first.id]["same_track"] += 1
                notes[second.id]["same_track"] += 1

    for pairs, term in (
        (problem.similar, "similar_topics"),
        (problem.co_favourites, "co_favourites"),
    ):
        for (a, b), value in pairs.items():
            first, second = by_id.get(a), by_id.get(b)
            if first and second and not (first.fixed and second.fixed) and _overlap(first, second):
                soft[term] += value
                notes[a][term] += 1
                notes[b][term] += 1

    capacity = {room.id: room.capacity for room in problem.rooms}
    audience = {talk.id: talk.audience for talk in problem.talks}
    for talk_id, (room, _start) in placements.items():
        seats = capacity.get(room, 0)
        expected = audience.get(talk_id, 0)
        if seats and expected > seats:
            soft["capacity"] += expected - seats
            notes[talk_id]["capacity"] = expected
            notes[talk_id]["seats"] = seats

    for half_start, half_end in problem.half_days:
        rooms_of = defaultdict(set)
        members = defaultdict(list)
        for item in items:
            if (
                item.track is not None
                and item.room is not None
                and half_start <= item.start < half_end
            ):
                rooms_of[item.track].add(item.room)
                members[item.track].append(item)
        for track, rooms in rooms_of.items():
            extra = len(rooms) - 1
            if extra > 0:
                soft["track_room"] += extra
                for item in members[track]:
                    if not item.fixed:
                        notes[item.id]["track_room"] = len(rooms)

    rank = {
        room.id: index
        for index, room in enumerate(sorted(problem.rooms, key=lambda r: (r.position, r.id)))
    }
    gap = timedelta(minutes=problem.travel_gap_minutes)
    by_speaker = defaultdict(list)
    for item in items:
        for speaker in item.speakers:
            by_speaker[speaker].append(item)
    seen = set()
    for group in by_speaker.values():
        group.sort(key=lambda item: item.start)
        for first, second in zip(group, group[1:], strict=False):
            key = (first.id, second.id)
            if key in seen or (first.fixed and second.fixed):
                continue
            seen.add(key)
            if second.start - first.end < gap and first.room != second.room:
                distance = abs(rank.get(first.room, 0) - rank.get(second.room, 0))
                soft["travel"] += distance
                for item in (first, second):
                    notes[item.id]["travel"] = max(notes[item.id]["travel"], distance)

    for talk in problem.talks:
        if talk.preferred and talk.id in placements:
            item = by_id[talk.id]
            if not any(a <= item.start and item.end <= b for a, b in talk.preferred):
                soft["preferred_times"] += 1
                notes[talk.id]["preferred_times"] = 1

    explanations = {}
    for talk in problem.talks:
        if talk.id in placements and talk.id in notes:
            explanations[talk.id] = sentences(notes[talk.id])
    return {term: round(value, 4) for term, value in soft.items()}, explanations


def sentences(note: dict) -> list[str]:
    out = []
    if note.get("same_track"):
        count = note["same_track"]
        out.append(
            ngettext(
                "parallel with %(count)s talk of the same track",
                "parallel with %(count)s talks of the same track",
                count,
            )
            % {"count": count}
        )
    if note.get("similar_topics"):
        count = note["similar_topics"]
        out.append(
            ngettext(
                "parallel with %(count)s talk on a similar topic",
                "parallel with %(count)s talks on similar topics",
                count,
            )
            % {"count": count}
        )
    if note.get("co_favourites"):
        count = note["co_favourites"]
        out.append(
            ngettext(
                "parallel with %(count)s talk that the same attendees starred",
                "parallel with %(count)s talks that the same attendees starred",
                count,
            )
            % {"count": count}
        )
    if note.get("capacity"):
        out.append(
            _("expected %(expected)s people, room seats %(seats)s")
            % {"expected": note["capacity"], "seats": note["seats"]}
        )
    if note.get("track_room"):
        out.append(
            _("its track uses %(count)s rooms in this half-day") % {"count": note["track_room"]}
        )
    if note.get("travel"):
        count = note["travel"]
        out.append(
            ngettext(
                "back to back with another talk of its speaker, %(count)s room away",
                "back to back with another talk of its speaker, %(count)s rooms away",
                count,
            )
            % {"count": count}
        )
    if note.get("preferred_times"):
        out.append(_("outside its speakers' preferred times"))
    return out
