"""Conflict detection: a pure function over schedule items, no database, no Django models.

`find_conflicts` takes plain facts (ItemFacts for the items, ScheduleContext for rooms,
availabilities and the conference days) and returns every conflict, each with a code, a
severity and the items involved. The services build the facts from the database; the tests
build them by hand.

All datetimes are aware and compared as instants, so a day with a daylight-saving change is no
special case: an interval is [start, end), and two intervals overlap when each starts before
the other ends.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from scheduling.enums import SEVERITIES, TALK_KINDS, ConflictCode, Severity
from talks.enums import PUBLIC_STATES, State

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class ItemFacts:
    id: int
    kind: str
    room_id: int | None  # None: the item spans every room
    start: datetime
    end: datetime
    title: str
    submission_id: int | None = None
    track_id: int | None = None
    speaker_ids: frozenset[int] = frozenset()
    state: str = ""  # the submission's state, for talks
    expected_audience: int | None = None
    silenced: frozenset[str] = frozenset()

    @property
    def is_talk(self) -> bool:
        return self.kind in TALK_KINDS


@dataclass(frozen=True)
class ScheduleContext:
    room_names: dict[int, str] = field(default_factory=dict)
    room_capacities: dict[int, int] = field(default_factory=dict)
    # Rooms absent here have no availability entered and are always available.
    room_windows: dict[int, list[Interval]] = field(default_factory=dict)
    # Each conference day from local midnight to the next, as instants.
    conference_days: list[Interval] = field(default_factory=list)
    # Speakers absent here (or with no windows) said nothing and are always available.
    speaker_windows: dict[int, list[Interval]] = field(default_factory=dict)
    speaker_names: dict[int, str] = field(default_factory=dict)
    # States a scheduled talk may be in; any other is an error (withdrawn, cancelled, ...).
    schedulable_states: frozenset[str] = frozenset(PUBLIC_STATES)
    unconfirmed_states: frozenset[str] = frozenset({"accepted"})


@dataclass(frozen=True)
class Conflict:
    code: str
    severity: str
    item_ids: tuple[int, ...]
    message: str
    silenced: bool = False

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "items": list(self.item_ids),
            "message": self.message,
            "silenced": self.silenced,
        }


def overlaps(a: Interval, b: Interval) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def within(interval: Interval, windows: list[Interval]) -> bool:
    """Whether the interval lies inside the union of the windows (touching windows join)."""
    start, end = interval
    for window_start, window_end in sorted(windows):
        if window_start > start:
            return False
        if window_end > start:
            start = window_end
        if start >= end:
            return True
    return False


def find_conflicts(*, items: list[ItemFacts], context: ScheduleContext) -> list[Conflict]:
    """Every conflict among the items, errors first, then by time.

    Rules and severities (scheduling.enums.SEVERITIES): two items in one room at once, a speaker
    in two places at once, a talk outside the conference days, a talk that is no longer
    accepted, a talk outside its room's availability (errors); a speaker outside their
    availability, a room smaller than the expected audience, two talks of one track in
    parallel, a talk whose speaker has not confirmed (warnings). A warning is silenced when any
    item it involves silenced its code.
    """
    by_id = {item.id: item for item in items}
    found: list[Conflict] = []

    def add(code: str, item_ids: list[int], message: str) -> None:
        severity = SEVERITIES[code]
        silenced = severity == Severity.WARNING and any(
            code in by_id[item_id].silenced for item_id in item_ids
        )
        found.append(Conflict(str(code), str(severity), tuple(item_ids), message, silenced))

    for first, second in _overlapping_pairs(items):
        _pair_rules(first, second, context, add)
    for item in items:
        _item_rules(item, context, add)

    def sort_key(conflict: Conflict):
        first = min((by_id[i] for i in conflict.item_ids), key=lambda item: item.start)
        return (conflict.severity != Severity.ERROR, first.start, conflict.code, conflict.item_ids)

    return sorted(found, key=sort_key)


def _overlapping_pairs(items: list[ItemFacts]):
    """Pairs of items whose times overlap, by a sweep over the start times."""
    ordered = sorted(items, key=lambda item: (item.start, item.id))
    active: list[ItemFacts] = []
    for item in ordered:
        active = [other for other in active if other.end > item.start]
        for other in active:
            yield other, item
        active.append(item)


def _pair_rules(first: ItemFacts, second: ItemFacts, context: ScheduleContext, add) -> None:
    ids = sorted([first.id, second.id])
    same_room = first.room_id is None or second.room_id is None or first.room_id == second.room_id
    if same_room:
        room_id = first.room_id if first.room_id is not None else second.room_id
        add(
            ConflictCode.ROOM_OVERLAP,
            ids,
            _("“%(first)s” and “%(second)s” are in %(room)s at the same time.")
            % {
                "first": first.title,
                "second": second.title,
                "room": context.room_names.get(room_id, _("every room")),
            },
        )
    if not (first.is_talk and second.is_talk):
        return
    for speaker_id in sorted(first.speaker_ids & second.speaker_ids):
        add(
            ConflictCode.SPEAKER_OVERLAP,
            ids,
            _("%(speaker)s speaks in “%(first)s” and “%(second)s” at the same time.")
            % {
                "speaker": context.speaker_names.get(speaker_id, speaker_id),
                "first": first.title,
                "second": second.title,
            },
        )
    if first.track_id is not None and first.track_id == second.track_id and not same_room:
        add(
            ConflictCode.TRACK_PARALLEL,
            ids,
            _("“%(first)s” and “%(second)s” are in the same track at the same time.")
            % {"first": first.title, "second": second.title},
        )


def _item_rules(item: ItemFacts, context: ScheduleContext, add) -> None:
    interval = (item.start, item.end)
    if not any(
        day_start <= item.start and item.end <= day_end
        for day_start, day_end in context.conference_days
    ):
        add(
            ConflictCode.OUTSIDE_CONFERENCE,
            [item.id],
            _("“%(title)s” is not within one day of the conference.") % {"title": item.title},
        )
    if not item.is_talk:
        return
    if item.state not in context.schedulable_states:
        add(
            ConflictCode.NOT_ACCEPTED,
            [item.id],
            _("“%(title)s” is no longer accepted (%(state)s).")
            % {"title": item.title, "state": _state_label(item.state)},
        )
    elif item.state in context.unconfirmed_states:
        add(
            ConflictCode.UNCONFIRMED,
            [item.id],
            _("The speakers of “%(title)s” have not confirmed yet.") % {"title": item.title},
        )
    windows = context.room_windows.get(item.room_id)
    if windows is not None and not within(interval, windows):
        add(
            ConflictCode.ROOM_UNAVAILABLE,
            [item.id],
            _("%(room)s is not available for all of “%(title)s”.")
            % {"room": context.room_names.get(item.room_id, item.room_id), "title": item.title},
        )
    for speaker_id in sorted(item.speaker_ids):
        speaker_windows = context.speaker_windows.get(speaker_id)
        if speaker_windows and not within(interval, speaker_windows):
            add(
                ConflictCode.SPEAKER_UNAVAILABLE,
                [item.id],
                _("%(speaker)s is not available for all of “%(title)s”.")
                % {
                    "speaker": context.speaker_names.get(speaker_id, speaker_id),
                    "title": item.title,
                },
            )
    capacity = context.room_capacities.get(item.room_id) or 0
    if item.expected_audience is not None and capacity and item.expected_audience > capacity:
        add(
            ConflictCode.ROOM_TOO_SMALL,
            [item.id],
            _("About %(expected)s people are expected at “%(title)s”; %(room)s seats %(capacity)s.")
            % {
                "expected": item.expected_audience,
                "title": item.title,
                "room": context.room_names.get(item.room_id, item.room_id),
                "capacity": capacity,
            },
        )


def _state_label(state: str) -> str:
    try:
        return str(State(state).label).lower()
    except ValueError:
        return state


def expected_audience(*, stars: int, starring_people: int, registrations: int) -> int | None:
    """How many people a talk will draw: its share of the people who star talks, scaled to
    everybody registered. None when nobody has starred anything yet (no basis for a guess).

    expected = ceil(stars × max(registrations, starring_people) / starring_people)
    """
    if starring_people <= 0:
        return None
    attendees = max(registrations, starring_people)
    return -(-stars * attendees // starring_people)


def item_conflicts(conflicts: list[Conflict]) -> dict[int, list[Conflict]]:
    """{item id: its conflicts}, for marking items on the grid."""
    by_item: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        for item_id in conflict.item_ids:
            by_item[item_id].append(conflict)
    return dict(by_item)
