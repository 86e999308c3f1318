"""Past programmes as labelled examples: frab/pretalx schedule.xml, c3voc/pretalx schedule.json
and c3voc submission JSON. Each talk becomes (title + abstract, its track).

No Django here (datasets.py, the import command and the upload page use it). The XML goes
through the standard library's expat parser, which never fetches anything; a document type
declaration (and so every entity declaration) is refused outright. Events without a track
(breaks, blockers) are counted and left out; anything else wrong is an error naming the line
(XML) or the event (JSON), and the caller imports nothing then.
"""

from __future__ import annotations

import json
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from xml.parsers import expat

from modeldemo.datasets import LABEL_MAX_LENGTH, ParsedFile, join_text_fields

# Direct children of <event> that the import reads.
XML_FIELDS = {"title", "subtitle", "abstract", "description", "track"}


class _TextOnly(HTMLParser):
    """The text of an HTML fragment (FOSDEM's abstracts are HTML), paragraphs as spaces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in {"p", "br", "li", "div", "ul", "ol", "h1", "h2", "h3", "h4"}:
            self.parts.append(" ")


def plain_text(value) -> str:
    """Markup stripped, entities decoded, whitespace collapsed."""
    text = "" if value is None else str(value)
    if "<" in text:
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    else:
        text = unescape(text)
    return " ".join(text.split())


def _track_name(value) -> str:
    if isinstance(value, dict):  # schedule2 and some generators: {"name": ..., "color": ...}
        value = value.get("name")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _add_event(parsed: ParsedFile, event: dict, *, number: int | None, where: str) -> None:
    # Titles are text (ours may hold "<b>" literally); abstracts are often HTML (FOSDEM's).
    title = " ".join(str(event.get("title") or "").split())
    abstract = plain_text(event.get("abstract")) or plain_text(event.get("description"))
    label = _track_name(event.get("track"))
    if not title:
        parsed.errors.append((number, f"{where}: no title"))
    elif not label:
        parsed.skipped.append((number, f"{where}: no track"))
    elif len(label) > LABEL_MAX_LENGTH:
        parsed.errors.append((number, f"{where}: track longer than {LABEL_MAX_LENGTH}"))
    else:
        parsed.rows.append((join_text_fields([title, abstract]), label))
        parsed.line_numbers.append(number or 0)
        parsed.records.append(
            {"id": event.get("id") or event.get("guid") or "", "title": title, "track": label}
        )


# --- schedule.xml ----------------------------------------------------------------------------


class _XmlReader:
    """Collects the <event>s of a frab schedule.xml with the line each starts on."""

    def __init__(self):
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.depth = 0
        self.root = None
        self.day = ""
        self.room = ""
        self.event: dict | None = None
        self.event_depth = 0
        self.field: str | None = None
        self.buffer: list[str] = []
        self.events: list[dict] = []

    def _doctype(self, *args):
        raise ValueError("a document type declaration (DTD) is not accepted")

    def _start(self, name, attrs):
        self.depth += 1
        if self.root is None:
            self.root = name
        if self.event is None:
            if name == "day":
                self.day = attrs.get("index") or attrs.get("date") or ""
            elif name == "room":
                self.room = attrs.get("name") or ""
            elif name == "event":
                self.event = {
                    "line": self.parser.CurrentLineNumber,
                    "id": attrs.get("id") or attrs.get("guid") or "",
                    "day": self.day,
                    "room": self.room,
                }
                self.event_depth = self.depth
        elif self.depth == self.event_depth + 1 and name in XML_FIELDS:
            self.field = name
            self.buffer = []

    def _text(self, data):
        if self.field is not None:
            self.buffer.append(data)

    def _end(self, name):
        if self.field is not None and self.depth == self.event_depth + 1:
            self.event[self.field] = "".join(self.buffer)
            self.field = None
        elif self.event is not None and self.depth == self.event_depth:
            self.events.append(self.event)
            self.event = None
        self.depth -= 1


def parse_schedule_xml(data: bytes) -> ParsedFile:
    parsed = ParsedFile()
    reader = _XmlReader()
    try:
        reader.parser.Parse(data, True)
    except expat.ExpatError as error:
        parsed.errors.append(
            (error.lineno, f"not well-formed XML ({expat.errors.messages[error.code]})")
        )
        return parsed
    except ValueError as error:
        parsed.errors.append((reader.parser.CurrentLineNumber, str(error)))
        return parsed
    if reader.root != "schedule":
        parsed.errors.append((1, f"the root element is <{reader.root}>, not <schedule>"))
        return parsed
    for event in reader.events:
        where = f"event {event['id'] or '?'}"
        if event["room"]:
            where += f" in {event['room']}"
        _add_event(parsed, event, number=event["line"], where=where)
    return parsed


# --- schedule.json and submission JSON -------------------------------------------------------


def _json_events(data) -> list[tuple[str, dict]] | None:
    """[(where, event)] of the shapes we know, or None when `data` is none of them."""
    if isinstance(data, list):
        if data and all(isinstance(item, dict) for item in data) and _is_submission(data[0]):
            return [(f"submission {i}", item) for i, item in enumerate(data, start=1)]
        return None
    if not isinstance(data, dict):
        return None
    if _is_submission(data):
        return [("submission 1", data)]
    schedule = data.get("schedule", data)
    if not isinstance(schedule, dict):
        return None
    conference = schedule.get("conference", {})
    for holder in (data, schedule, conference if isinstance(conference, dict) else {}):
        events = holder.get("events")
        if isinstance(events, list):  # schedule2: one flat list
            return [(f"event {i}", event) for i, event in enumerate(events, start=1)]
    days = conference.get("days") if isinstance(conference, dict) else None
    if not isinstance(days, list):
        return None
    found = []
    for day_number, day in enumerate(days, start=1):
        rooms = day.get("rooms", {}) if isinstance(day, dict) else {}
        if not isinstance(rooms, dict):
            continue
        for room, events in rooms.items():
            for number, event in enumerate(events if isinstance(events, list) else [], start=1):
                found.append((f"day {day.get('index', day_number)}, {room}, event {number}", event))
    return found


def _is_submission(item: dict) -> bool:
    return "title" in item and ("speakers" in item or "track" in item) and "days" not in item


def looks_like_schedule_json(data) -> bool:
    return _json_events(data) is not None


def parse_schedule_json(data) -> ParsedFile:
    parsed = ParsedFile()
    events = _json_events(data)
    if events is None:
        parsed.errors.append(
            (None, "neither a schedule.json (schedule → conference → days) nor submission JSON")
        )
        return parsed
    for where, event in events:
        if not isinstance(event, dict):
            parsed.errors.append((None, f"{where}: not a JSON object"))
            continue
        if event.get("id") or event.get("guid"):
            where += f" (id {event.get('id') or event.get('guid')})"
        _add_event(parsed, event, number=None, where=where)
    return parsed


# --- files -----------------------------------------------------------------------------------


def read_schedule_file(path: str | Path) -> ParsedFile:
    """A schedule.xml (by its .xml name or its first byte) or a JSON schedule/submission file."""
    path = Path(path)
    raw = path.read_bytes()
    if path.suffix.lower() == ".xml" or raw.lstrip()[:1] == b"<":
        parsed = parse_schedule_xml(raw)
    else:
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            parsed = ParsedFile()
            parsed.errors.append((getattr(error, "lineno", None), f"not valid JSON ({error})"))
            return parsed
        parsed = parse_schedule_json(data)
    if not parsed.errors and not parsed.rows:
        parsed.errors.append((None, "no event with a track found"))
    return parsed


def is_schedule_file(path: str | Path) -> bool:
    """Whether `path` (by name and content) is a schedule rather than JSONL or CSV: any .xml,
    and a .json file that holds one JSON document of a schedule's or a submission's shape."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return True
    if suffix != ".json":
        return False
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False  # several lines of JSON: JSONL
    return looks_like_schedule_json(data)
