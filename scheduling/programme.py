"""A release's snapshot read back as objects for pages and exports. No database access.

The snapshot (built by scheduling.services.releases.build_snapshot) is plain JSON; `Programme`
turns it into rooms, tracks, speakers and entries with aware datetimes in the conference's time
zone, and answers what the public pages ask: the days, the entries of a day, a grid of a day,
one talk, one speaker, a filtered list.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from django.utils.translation import get_language

from conference.language import pick
from conference.text import fold
from scheduling.days import clock, day_bounds, minutes_between, parse_instant
from scheduling.enums import TALK_KINDS, ItemKind
from talks.enums import Format, Language, Level


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


@dataclass(frozen=True)
class Room:
    id: int
    name: str
    capacity: int = 0


@dataclass(frozen=True)
class Track:
    id: int
    name: str
    slug: str
    colour: str
    name_zh: str = ""  # releases published before the Chinese names have none

    @property
    def local_name(self) -> str:
        """The name in the active language, else in the other one."""
        return pick(self.name, self.name_zh, get_language())


@dataclass
class Speaker:
    id: int
    name: str
    biography: str = ""
    affiliation: str = ""
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Talk:
    id: int
    title: str
    abstract: str
    format: str
    level: str
    language: str
    duration: int
    track: Track | None
    speakers: list[Speaker]

    @property
    def format_label(self) -> str:
        return _label(Format, self.format)

    @property
    def level_label(self) -> str:
        return _label(Level, self.level)

    @property
    def language_label(self) -> str:
        return _label(Language, self.language)

    @property
    def speaker_names(self) -> str:
        return ", ".join(speaker.name for speaker in self.speakers)


@dataclass
class Entry:
    """One item of the agenda. start and end are UTC instants (aware datetimes in one zone
    compare and subtract as wall-clock times, which goes wrong across a clock change); the
    local_ properties give the conference's wall-clock time."""

    id: int
    kind: str
    title: str
    room: Room | None  # None: every room
    start: datetime
    end: datetime
    tz: ZoneInfo
    talk: Talk | None = None

    @property
    def is_talk(self) -> bool:
        return self.kind in TALK_KINDS and self.talk is not None

    @property
    def kind_label(self) -> str:
        return _label(ItemKind, self.kind)

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.tz)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(self.tz)

    @property
    def date(self) -> date:
        return self.local_start.date()

    @property
    def start_label(self) -> str:
        return clock(self.start, self.tz)

    @property
    def end_label(self) -> str:
        return clock(self.end, self.tz)

    @property
    def minutes(self) -> int:
        return minutes_between(self.start, self.end)

    @property
    def room_name(self) -> str:
        return self.room.name if self.room else ""


@dataclass
class GridCell:
    entries: list[Entry]
    rowspan: int = 1
    colspan: int = 1


@dataclass
class GridRow:
    label: str
    cells: list[GridCell | None]  # None: an empty room at this time


@dataclass
class Filters:
    track: str = ""  # a track slug
    room: int | None = None
    format: str = ""
    level: str = ""
    search: str = ""

    @property
    def active(self) -> bool:
        return bool(self.track or self.room or self.format or self.level or self.search)


class Programme:
    def __init__(self, snapshot: dict, *, version: str = "", number: int = 0):
        self.version = version
        self.number = number
        conference = snapshot.get("conference", {})
        self.name: str = conference.get("name", "")
        self.slug: str = conference.get("slug", "")
        self.timezone: str = conference.get("timezone", "UTC")
        self.venue: str = conference.get("venue", "")
        self.description: str = conference.get("description", "")
        self.tz = ZoneInfo(self.timezone)
        self.start_date = date.fromisoformat(conference["start_date"])
        self.end_date = date.fromisoformat(conference["end_date"])
        self.rooms = [Room(r["id"], r["name"], r.get("capacity") or 0) for r in snapshot["rooms"]]
        self.tracks = [
            Track(t["id"], t["name"], t["slug"], t["colour"], t.get("name_zh", ""))
            for t in snapshot["tracks"]
        ]
        rooms = {room.id: room for room in self.rooms}
        tracks = {track.id: track for track in self.tracks}
        self.speakers = {
            s["id"]: Speaker(s["id"], s["name"], s.get("biography", ""), s.get("affiliation", ""))
            for s in snapshot["speakers"]
        }
        self.entries: list[Entry] = []
        for raw in snapshot["items"]:
            talk = None
            if raw.get("talk"):
                t = raw["talk"]
                talk = Talk(
                    id=t["id"],
                    title=t["title"],
                    abstract=t.get("abstract", ""),
                    format=t.get("format", ""),
                    level=t.get("level", ""),
                    language=t.get("language", ""),
                    duration=t.get("duration", 0),
                    track=tracks.get(t.get("track")),
                    speakers=[
                        self.speakers[s] for s in t.get("speakers", []) if s in self.speakers
                    ],
                )
            entry = Entry(
                id=raw["id"],
                kind=raw["kind"],
                title=talk.title if talk else raw.get("title", ""),
                room=rooms.get(raw.get("room")),
                start=parse_instant(raw["start"]),
                end=parse_instant(raw["end"]),
                tz=self.tz,
                talk=talk,
            )
            self.entries.append(entry)
            if talk:
                for speaker in talk.speakers:
                    speaker.entries.append(entry)
        position = {room.id: index for index, room in enumerate(self.rooms)}
        self.entries.sort(key=lambda e: (e.start, position.get(e.room.id if e.room else -1, -1)))
        self.talks = {entry.talk.id: entry for entry in self.entries if entry.talk}

    @cached_property
    def days(self) -> list[date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=offset) for offset in range(max(count, 0))]

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """[local midnight, next local midnight) as UTC instants."""
        return day_bounds(day, self.tz)

    def entries_on(self, day: date, entries: list[Entry] | None = None) -> list[Entry]:
        start, end = self.day_bounds(day)
        return [e for e in (self.entries if entries is None else entries) if start <= e.start < end]

    def day_counts(self, entries: list[Entry] | None = None) -> list[tuple[date, int]]:
        """Each day with how many of `entries` (all by default) it has, as entries_on counts
        them: one pass, not one per day."""
        starts = [self.day_bounds(day)[0] for day in self.days]
        counts = [0] * len(starts)
        end = self.day_bounds(self.days[-1])[1] if self.days else None
        for entry in self.entries if entries is None else entries:
            index = bisect_right(starts, entry.start) - 1
            if index >= 0 and entry.start < end:
                counts[index] += 1
        return list(zip(self.days, counts, strict=True))

    def speaker_list(self) -> list[Speaker]:
        return sorted(
            (s for s in self.speakers.values() if s.entries), key=lambda s: s.name.casefold()
        )

    def filter(self, filters: Filters) -> list[Entry]:
        """Entries that pass the filters. They apply to talks; breaks stay for orientation
        unless a search or a room is asked for. A search keeps the talks whose title, abstract,
        speakers' names or track contain it, case and accents ignored (conference.text.fold,
        as the team's search); Chinese is found by substring."""
        needle = fold(filters.search).strip()
        haystacks = self._haystacks if needle else {}
        kept = []
        for entry in self.entries:
            talk = entry.talk
            if talk is None:
                if not (needle or filters.room):
                    kept.append(entry)
                continue
            if filters.track and (talk.track is None or talk.track.slug != filters.track):
                continue
            if filters.room and (entry.room is None or entry.room.id != filters.room):
                continue
            if filters.format and talk.format != filters.format:
                continue
            if filters.level and talk.level != filters.level:
                continue
            if needle and needle not in haystacks[entry.id]:
                continue
            kept.append(entry)
        return kept

    @cached_property
    def _haystacks(self) -> dict[int, str]:
        # Folded once per programme (a process keeps it while its release is read): a search
        # is then one substring test per talk, without building 1,000 strings.
        return {entry.id: _haystack(entry) for entry in self.entries if entry.talk}

    def grid(self, day: date, entries: list[Entry] | None = None) -> list[GridRow]:
        """The day as table rows, one per stretch between consecutive start or end times, each
        room's cell spanning the rows its entry lasts (rowspan), an all-rooms break spanning
        every room (colspan). Works without JavaScript or positioning styles."""
        day_entries = self.entries_on(day, entries)
        if not day_entries:
            return []
        columns = {room.id: index for index, room in enumerate(self.rooms)}
        width = len(self.rooms) or 1
        edges = sorted({e.start for e in day_entries} | {e.end for e in day_entries})
        row_of = {edge: index for index, edge in enumerate(edges)}
        count = len(edges) - 1
        # taken[row][column]: the cell covering it, or None.
        taken: list[list[GridCell | None]] = [[None] * width for _ in range(count)]
        starts: dict[tuple[int, int], GridCell] = {}
        for entry in day_entries:
            first, last = row_of[entry.start], row_of[entry.end]
            if entry.room is None:
                cols = list(range(width))
            elif entry.room.id in columns:
                cols = [columns[entry.room.id]]
            else:
                continue
            holder = taken[first][cols[0]]
            if holder is not None:  # an overlap (an error the editor shows): share the cell
                holder.entries.append(entry)
                continue
            cell = GridCell([entry], rowspan=last - first, colspan=len(cols))
            starts[(first, cols[0])] = cell
            for row in range(first, last):
                for col in cols:
                    if taken[row][col] is None:
                        taken[row][col] = cell
        rows = []
        for index in range(count):
            cells: list[GridCell | None] = []
            for col in range(width):
                if (index, col) in starts:
                    cells.append(starts[(index, col)])
                elif taken[index][col] is None:
                    cells.append(None)
            rows.append(GridRow(label=clock(edges[index], self.tz), cells=cells))
        return rows


def _haystack(entry: Entry) -> str:
    talk = entry.talk
    parts = [entry.title, talk.abstract, talk.speaker_names]
    if talk.track:
        parts += [talk.track.name, talk.track.name_zh]
    # ASCII needs no decomposition: lower() is fold() there, at a hundredth of the cost.
    return " ".join(part.lower() if part.isascii() else fold(part) for part in parts)
