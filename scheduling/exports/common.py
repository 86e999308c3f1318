"""What every export needs: stable identifiers, slugs and the addresses of public pages.

Identifiers must not change between releases (media tools and calendars key on them), so
GUIDs are UUIDv5 of the conference slug and the talk's (or room's, or person's) id, never of
the host the file was fetched from.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import slugify

from scheduling.programme import Entry, Programme, Room

# A fixed namespace of our own for the UUIDv5 identifiers.
NAMESPACE = uuid.UUID("8c4d0f8e-3b8a-5d0e-9c64-2f7b1f6e9a51")
# Breaks and blockers have no talk id: their event ids sit above every talk's.
NON_TALK_ID_OFFSET = 1_000_000_000
# Characters XML 1.0 cannot carry at all, not even escaped.
XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
GENERATOR = {"name": "conference-planner", "version": "0.1.0"}


@dataclass(frozen=True)
class Links:
    """Absolute addresses of the public pages the exports point at."""

    base_url: str  # ends with "/"
    agenda_url: str
    talk_url: Callable[[int], str]
    speaker_url: Callable[[int], str]


def clean_text(value: str | None) -> str:
    return XML_INVALID.sub("", value or "")


def acronym(slug: str) -> str:
    """The conference slug as both formats' acronym: [a-z0-9_], at least 4 characters (the JSON
    schema allows a hyphen only as the first character, or before a year)."""
    value = re.sub(r"[^a-z0-9_]", "_", slug.lower())
    return value.ljust(4, "_")


def code(number: int) -> str | None:
    """pretalx-style 6-character code ([0-9A-Z]{6}) from an id, or None if it will not fit."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if number < 0 or number >= 36**6:
        return None
    out = ""
    for _ in range(6):
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out


def talk_guid(programme: Programme, talk_id: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{programme.slug}/talk/{talk_id}"))


def room_guid(programme: Programme, room_id: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{programme.slug}/room/{room_id}"))


def person_guid(person_id: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"person/{person_id}"))


@dataclass(frozen=True)
class Placed:
    """One event as the formats see it: an entry in one room. A break that spans every room
    becomes one event per room (the formats know no such thing), each with its own id, GUID
    and slug, so that the apps show it in every room's column."""

    entry: Entry
    room: Room
    room_index: int

    @property
    def spans_rooms(self) -> bool:
        return self.entry.room is None


def placed_entries(programme: Programme, entries: list[Entry]) -> list[Placed]:
    index = {room.id: position for position, room in enumerate(programme.rooms)}
    placed = []
    for entry in entries:
        if entry.room is None:
            placed.extend(Placed(entry, room, i) for i, room in enumerate(programme.rooms))
        elif entry.room.id in index:
            placed.append(Placed(entry, entry.room, index[entry.room.id]))
    return placed


def event_guid(programme: Programme, placed: Placed) -> str:
    entry = placed.entry
    if entry.talk:
        return talk_guid(programme, entry.talk.id)
    return str(uuid.uuid5(NAMESPACE, f"{programme.slug}/item/{entry.id}/room/{placed.room.id}"))


def event_id(placed: Placed) -> int:
    """A talk's id is its submission's; other items get 10^9 + item id × 1000 + room index."""
    entry = placed.entry
    if entry.talk:
        return entry.talk.id
    return NON_TALK_ID_OFFSET + entry.id * 1000 + placed.room_index


def event_slug(programme: Programme, placed: Placed) -> str:
    """Unique, lowercase ASCII, ends with a letter or digit, and matches both formats: the
    XSD's "[a-z0-9_]{4,}-[a-z0-9\\-_]{4,}" and the JSON schema's "^[a-z0-9_-]+[a-z0-9]$"."""
    entry = placed.entry
    if entry.talk:
        number = f"{entry.talk.id:04d}"
    else:
        number = f"b{entry.id:04d}" + (f"-r{placed.room_index}" if placed.spans_rooms else "")
    title = slugify(entry.title)[:50]
    return f"{acronym(programme.slug)}-{number}-{title}".strip("-_")


def duration(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def entry_url(links: Links, entry: Entry) -> str:
    if entry.talk:
        return links.talk_url(entry.talk.id)
    return f"{links.agenda_url}#item-{entry.id}"


def entry_type(entry: Entry) -> str:
    return entry.talk.format if entry.talk else entry.kind
