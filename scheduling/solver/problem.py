"""What the automatic scheduler works on and what it returns: plain data, no database.

`scheduling.solver.build.build_problem` reads a conference into a `Problem`; the benchmark and
the tests build one by hand. `scheduling.solver.model.solve` turns it into a `Solution`.

Every datetime is an aware UTC instant. Intervals are [start, end).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

Interval = tuple[datetime, datetime]

# The soft terms, in the order the configure page shows them.
TERMS = (
    "same_track",
    "similar_topics",
    "co_favourites",
    "capacity",
    "track_room",
    "travel",
    "preferred_times",
)

STATUSES = ("optimal", "feasible", "infeasible", "stopped", "no_solution")

# The hard rules a clash can name (Solution.clash[...]["rule"]).
RULES = (
    "speaker_availability",  # a speaker's windows leave no time for the talk(s)
    "speaker_overlap",  # a speaker's talks cannot all fit beside each other
    "room_hours",  # the rooms' opening hours (less fixed items) leave no slot long enough
    "room_size",  # no open room seats the talk's hard minimum
)


@dataclass(frozen=True)
class Weights:
    """How much each soft term counts, 0..10; 0 turns the term off."""

    same_track: int = 5
    similar_topics: int = 3
    co_favourites: int = 3
    capacity: int = 6
    track_room: int = 2
    travel: int = 2
    preferred_times: int = 2

    def as_dict(self) -> dict[str, int]:
        return {term: getattr(self, term) for term in TERMS}


WEIGHT_HELP: dict[str, str] = {
    "same_track": _(
        "Keeps talks of one track out of parallel, so that people who follow a track miss "
        "nothing of it (default 5)."
    ),
    "similar_topics": _(
        "Keeps talks on similar topics out of parallel; similarity comes from the talks' "
        "abstracts (default 3)."
    ),
    "co_favourites": _("Keeps talks that the same attendees starred out of parallel (default 3)."),
    "capacity": _(
        "Puts each talk in a room that seats its expected audience, the biggest audiences in "
        "the biggest rooms (default 6)."
    ),
    "track_room": _(
        "Keeps a track in one room for a half-day, so its audience need not move (default 2)."
    ),
    "travel": _("Avoids giving a speaker back-to-back talks in rooms far apart (default 2)."),
    "preferred_times": _(
        "Puts talks in the times their speakers prefer, where they said so (default 2)."
    ),
}


@dataclass(frozen=True)
class Talk:
    """A talk to place. `current` is its place in the working copy (the warm start)."""

    id: int  # the submission's id
    duration: int  # minutes
    speakers: frozenset[int] = frozenset()
    track: int | None = None
    audience: int = 0  # expected people
    min_seats: int = 0  # hard: never in a room with fewer seats (keynotes)
    current: tuple[int, datetime] | None = None  # (room id, start)
    preferred: tuple[Interval, ...] = ()  # the speakers' preferred times; empty: no wish
    title: str = ""


@dataclass(frozen=True)
class Room:
    id: int
    capacity: int = 0  # 0: unknown, never too small
    position: int = 0  # order in the venue: rooms far apart in it are far to walk
    name: str = ""


@dataclass(frozen=True)
class Fixed:
    """Something that stays where it is: a break, a blocker, a keynote, a pinned talk.

    `room` None: it spans every room (breaks, blockers). A fixed talk keeps its speakers busy
    and counts for the soft terms of the talks around it.
    """

    start: datetime
    end: datetime
    room: int | None = None
    submission: int | None = None
    speakers: frozenset[int] = frozenset()
    track: int | None = None
    audience: int = 0
    title: str = ""


@dataclass
class Problem:
    talks: list[Talk]
    rooms: list[Room]
    # room id -> the windows in which it may be used (opening hours of the chosen days). A
    # room missing here is never used.
    windows: dict[int, list[Interval]]
    fixed: list[Fixed] = field(default_factory=list)
    # speaker id -> windows; absent or empty: the speaker said nothing, every time is fine.
    speaker_windows: dict[int, list[Interval]] = field(default_factory=dict)
    # (lower id, higher id) -> cosine similarity 0..1, only the most similar pairs.
    similar: dict[tuple[int, int], float] = field(default_factory=dict)
    # (lower id, higher id) -> how many attendees starred both, only the strongest pairs.
    co_favourites: dict[tuple[int, int], int] = field(default_factory=dict)
    weights: Weights = field(default_factory=Weights)
    # Talks that may be left unplaced (the organiser accepted a clash); any other talk left
    # unplaced is a hard conflict.
    optional: frozenset[int] = frozenset()
    granularity_minutes: int = 5
    # Half-days for the track_room term (morning, afternoon of each day).
    half_days: list[Interval] = field(default_factory=list)
    # Two talks of one speaker closer than this are back to back (travel term).
    travel_gap_minutes: int = 15

    def talk(self, talk_id: int) -> Talk:
        return next(talk for talk in self.talks if talk.id == talk_id)


@dataclass(frozen=True)
class Progress:
    seconds: float
    objective: float | None
    hard_conflicts_left: int  # required talks not placed yet
    placed: int
    total: int


@dataclass
class Solution:
    status: str  # one of STATUSES
    placements: dict[int, tuple[int, datetime]]  # submission id -> (room id, start UTC)
    unplaced: dict[int, str]  # submission id -> why, a translated sentence
    # The model's soft cost in points (model.POINTS × the weights; lower is better), the figure
    # the progress reports show. Some terms are stand-ins there (a track counted per half-hour).
    objective: float | None
    # term -> its cost in the returned schedule, measured exactly in plain units (explain.py).
    soft: dict[str, float]
    explanations: dict[int, list[str]]  # submission id -> sentences about its soft costs
    # When infeasible: minimal sets of talks that cannot all be placed, each with its rule:
    # [{"talks": [submission ids], "rule": one of RULES, "text": sentence}]
    clash: list[dict] | None
    seconds_to_feasible: float | None  # when every required talk was first placed
    # (seconds, objective, hard conflicts left) for every improving solution
    history: list[tuple[float, float, int]] = field(default_factory=list)
    seconds: float = 0.0
