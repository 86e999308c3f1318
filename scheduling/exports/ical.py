"""iCalendar files: the whole schedule, one talk, or a person's starred talks.

Times are written in UTC (a calendar shows them in its own zone); the icalendar package escapes
commas, semicolons and line breaks and folds long lines.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from scheduling.exports.common import GENERATOR, Links, clean_text, entry_url, talk_guid
from scheduling.programme import Entry, Programme


def calendar_bytes(
    *,
    programme: Programme,
    entries: list[Entry],
    links: Links,
    name: str,
    stamp: datetime,
    venue: str = "",
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{GENERATOR['name']}//{GENERATOR['version']}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", clean_text(name))
    calendar.add("x-wr-timezone", programme.timezone)
    for entry in entries:
        calendar.add_component(_event(programme, entry, links, stamp, venue))
    return calendar.to_ical()


def _event(programme: Programme, entry: Entry, links: Links, stamp: datetime, venue: str) -> Event:
    event = Event()
    if entry.talk:
        uid = talk_guid(programme, entry.talk.id)
    else:
        uid = f"item-{entry.id}-{programme.slug}"
    event.add("uid", f"{uid}@{GENERATOR['name']}")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", entry.start.astimezone(UTC))
    event.add("dtend", entry.end.astimezone(UTC))
    # A later release replaces the copy a calendar already has.
    event.add("sequence", programme.number)
    event.add("summary", clean_text(entry.title))
    location = entry.room.name if entry.room else _("Every room")
    event.add("location", clean_text(f"{location}, {venue}" if venue else location))
    event.add("url", entry_url(links, entry))
    if entry.talk:
        talk = entry.talk
        lines = []
        if talk.speakers:
            lines.append(talk.speaker_names)
        lines.append(talk.abstract)
        lines.append(entry_url(links, entry))
        event.add("description", clean_text("\n\n".join(lines)))
        if talk.track:
            event.add("categories", [clean_text(talk.track.name)])
    return event
