"""The frab/c3voc formats: schedule.xml and schedule.json, as pretalx writes them.

Both validate against the c3voc schemas (shared/formats at development time; the application
itself never reads them). Text goes through ElementTree and json, which escape it; characters
that XML 1.0 cannot carry at all are dropped.
"""

from __future__ import annotations

import json
import re
from datetime import date
from xml.etree import ElementTree as ET

from django.utils.text import slugify

from scheduling.exports.common import (
    GENERATOR,
    Links,
    Placed,
    acronym,
    clean_text,
    code,
    duration,
    entry_type,
    entry_url,
    event_guid,
    event_id,
    event_slug,
    person_guid,
    placed_entries,
    room_guid,
)
from scheduling.programme import Programme

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
TIMESLOT = "00:05"
# The JSON schema's pattern for time_zone_name; other zone names are left out (it is optional).
TIME_ZONE_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
ROOM_SLUG = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")
XML_TRACK_SLUG = re.compile(r"^[a-z][a-z0-9-]+$")


def _days(programme: Programme) -> list[tuple[int, date, list[Placed]]]:
    return [
        (index, day, placed_entries(programme, programme.entries_on(day)))
        for index, day in enumerate(programme.days, start=1)
    ]


def _persons(placed: Placed) -> list:
    return placed.entry.talk.speakers if placed.entry.talk else []


# --- schedule.xml ----------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: clean_text(str(v)) for k, v in attrs.items()})
    if text is not None:
        element.text = clean_text(text)
    return element


def schedule_xml(*, programme: Programme, links: Links) -> bytes:
    root = ET.Element("schedule")
    _sub(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _sub(root, "url", links.agenda_url)
    _sub(root, "version", programme.version or "working copy")
    conference = _sub(root, "conference")
    _sub(conference, "title", programme.name)
    _sub(conference, "acronym", acronym(programme.slug))
    _sub(conference, "start", programme.start_date.isoformat())
    _sub(conference, "end", programme.end_date.isoformat())
    _sub(conference, "days", str(len(programme.days)))
    _sub(conference, "timeslot_duration", TIMESLOT)
    _sub(conference, "base_url", links.base_url)
    _sub(conference, "url", links.agenda_url)
    _sub(conference, "time_zone_name", programme.timezone)
    for track in programme.tracks:
        attrs = {"name": track.name, "color": track.colour}
        if XML_TRACK_SLUG.match(track.slug):
            attrs["slug"] = track.slug
        _sub(conference, "track", **attrs)
    for index, day, placed in _days(programme):
        start, end = programme.day_bounds(day)
        day_element = _sub(
            root,
            "day",
            index=index,
            date=day.isoformat(),
            start=start.astimezone(programme.tz).isoformat(),
            end=end.astimezone(programme.tz).isoformat(),
        )
        for room in programme.rooms:
            room_element = _sub(
                day_element, "room", name=room.name, guid=room_guid(programme, room.id)
            )
            for event in (p for p in placed if p.room.id == room.id):
                _xml_event(room_element, programme, event, links)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _xml_event(parent: ET.Element, programme: Programme, placed: Placed, links: Links) -> None:
    entry, talk = placed.entry, placed.entry.talk
    attrs = {"guid": event_guid(programme, placed), "id": event_id(placed)}
    if talk and code(talk.id):
        attrs["code"] = code(talk.id)
    event = _sub(parent, "event", **attrs)
    _sub(event, "room", placed.room.name)
    _sub(event, "title", entry.title)
    _sub(event, "subtitle", "")
    _sub(event, "type", entry_type(entry))
    _sub(event, "date", entry.local_start.isoformat())
    _sub(event, "start", entry.start_label)
    _sub(event, "duration", duration(entry.minutes))
    _sub(event, "abstract", talk.abstract if talk else "")
    _sub(event, "slug", event_slug(programme, placed))
    _sub(event, "track", talk.track.name if talk and talk.track else "")
    _sub(event, "language", talk.language if talk else "")
    _sub(event, "description", "")
    persons = _sub(event, "persons")
    for speaker in _persons(placed):
        _sub(persons, "person", speaker.name, id=speaker.id, guid=person_guid(speaker.id))
    _sub(event, "links")
    _sub(event, "attachments")
    _sub(event, "url", entry_url(links, entry))


# --- schedule.json ---------------------------------------------------------------------------


def schedule_data(*, programme: Programme, links: Links) -> dict:
    conference = {
        "acronym": acronym(programme.slug),
        "title": programme.name,
        "start": programme.start_date.isoformat(),
        "end": programme.end_date.isoformat(),
        "daysCount": len(programme.days),
        "timeslot_duration": TIMESLOT,
        "url": links.agenda_url,
        "tracks": [_json_track(track) for track in programme.tracks],
        "rooms": [_json_room(programme, room) for room in programme.rooms],
        "days": [],
    }
    if TIME_ZONE_NAME.search(programme.timezone):
        conference["time_zone_name"] = programme.timezone
    for index, day, placed in _days(programme):
        start, end = programme.day_bounds(day)
        conference["days"].append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.astimezone(programme.tz).isoformat(),
                "day_end": end.astimezone(programme.tz).isoformat(),
                "rooms": {
                    room.name: [
                        _json_event(programme, p, links) for p in placed if p.room.id == room.id
                    ]
                    for room in programme.rooms
                },
            }
        )
    return {
        "$schema": SCHEMA_URL,
        "generator": {**GENERATOR, "url": links.base_url},
        "schedule": {
            "url": links.agenda_url,
            "version": programme.version or "working copy",
            "base_url": links.base_url,
            "conference": conference,
        },
    }


def schedule_json(*, programme: Programme, links: Links) -> bytes:
    # Compact: json's C encoder does not indent, and the file is half the size without it.
    return json.dumps(
        schedule_data(programme=programme, links=links), ensure_ascii=False, separators=(",", ":")
    ).encode()


def _json_track(track) -> dict:
    data = {"name": track.name, "color": track.colour}
    if ROOM_SLUG.match(track.slug.lower()):
        data["slug"] = track.slug.lower()
    return data


def _json_room(programme: Programme, room) -> dict:
    data = {"name": room.name, "guid": room_guid(programme, room.id), "capacity": room.capacity}
    slug = slugify(room.name)
    if ROOM_SLUG.match(slug):
        data["slug"] = slug
    return data


def _json_event(programme: Programme, placed: Placed, links: Links) -> dict:
    entry, talk = placed.entry, placed.entry.talk
    event = {
        "guid": event_guid(programme, placed),
        "id": event_id(placed),
        "date": entry.local_start.isoformat(),
        "start": entry.start_label,
        "end": entry.local_end.isoformat(),
        "duration": duration(entry.minutes),
        "room": placed.room.name,
        "slug": event_slug(programme, placed),
        "url": entry_url(links, entry),
        "title": entry.title,
        "subtitle": "",
        "track": talk.track.name if talk and talk.track else None,
        "type": entry_type(entry),
        "language": (talk.language or None) if talk else None,
        "abstract": talk.abstract if talk else "",
        "description": "",
        "do_not_record": False,
        "persons": [
            {
                "guid": person_guid(speaker.id),
                "code": code(speaker.id) or str(speaker.id),
                "name": speaker.name,
                "public_name": speaker.name,
                "biography": speaker.biography or None,
                "url": links.speaker_url(speaker.id),
            }
            for speaker in _persons(placed)
        ],
        "links": [],
        "attachments": [],
    }
    if talk and code(talk.id):
        event["code"] = code(talk.id)
    return event
