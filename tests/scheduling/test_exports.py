"""The exports of a hard conference validate against the frab XSD and the c3voc JSON schema,
and carry exactly the data: escaped markup, non-ASCII names, breaks, three days, a daylight-
saving change, a room without talks."""

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.scheduling.builders import SCRIPT_TITLE, UMLAUT_TITLE

# The schemas live beside the repository (../shared/formats), never inside the application.
FORMATS = Path(__file__).resolve().parents[2] / ".." / "shared" / "formats"


def schema_file(name: str) -> Path:
    path = FORMATS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have shared/formats beside the clone.")
        pytest.skip(f"{path} is absent (no shared/formats beside this checkout) and CI is unset.")
    return path


def fetch(client, conference, kind, version=None):
    if version:
        url = reverse("scheduling:release_export", args=[conference.slug, version, kind])
    else:
        url = reverse("scheduling:export", args=[conference.slug, kind])
    return client.get(url)


def test_schedule_xml_validates_against_frab_xsd(client, hard):
    import xmlschema

    schema = xmlschema.XMLSchema(str(schema_file("schedule.xml.xsd")))
    response = fetch(client, hard["conference"], "xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    schema.validate(response.content.decode())


def test_schedule_json_validates_against_c3voc_schema(client, hard):
    from jsonschema import Draft6Validator

    schema = json.loads(schema_file("schedule.schema.json").read_text())
    response = fetch(client, hard["conference"], "json")

    assert response.status_code == 200
    validator = Draft6Validator(schema, format_checker=Draft6Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_versioned_exports_validate_too(client, hard):
    import xmlschema
    from jsonschema import Draft6Validator

    xsd = xmlschema.XMLSchema(str(schema_file("schedule.xml.xsd")))
    schema = json.loads(schema_file("schedule.schema.json").read_text())

    xsd.validate(fetch(client, hard["conference"], "xml", "v1").content.decode())
    Draft6Validator(schema, format_checker=Draft6Validator.FORMAT_CHECKER).validate(
        fetch(client, hard["conference"], "json", "v1").json()
    )


def test_schedule_xml_escapes_markup_and_keeps_text(client, hard):
    body = fetch(client, hard["conference"], "xml").content

    assert b"<script>" not in body
    assert b"&lt;script&gt;alert('x')&lt;/script&gt; &amp; Friends" in body
    root = ET.fromstring(body)
    titles = [e.text for e in root.iter("title")]
    assert titles[0] == "KI-Entwicklerkonferenz — 大模型应用开发者大会 & Friends"
    assert SCRIPT_TITLE in titles
    assert UMLAUT_TITLE in titles
    persons = [p.text for p in root.iter("person")]
    assert persons == [
        "Zoë Müller-Łukasiewicz",
        "王小明",
        "<script>alert(1)</script>",
        "Zoë Müller-Łukasiewicz",
    ]
    # The vertical tab in the abstract cannot exist in XML 1.0: it is dropped.
    abstracts = [e.text for e in root.iter("abstract") if e.text]
    assert abstracts[0] == "Ein Abstract mit <Tags>, & und  einem Steuerzeichen."


def test_schedule_xml_days_cross_the_clock_change(client, hard):
    root = ET.fromstring(fetch(client, hard["conference"], "xml").content)

    days = [(d.get("index"), d.get("date"), d.get("start"), d.get("end")) for d in root.iter("day")]
    assert days == [
        ("1", "2026-10-24", "2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00"),
        ("2", "2026-10-25", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"),
        ("3", "2026-10-26", "2026-10-26T00:00:00+01:00", "2026-10-27T00:00:00+01:00"),
    ]
    sunday = root.findall("day")[1]
    events = [
        (
            room.get("name"),
            e.findtext("title"),
            e.findtext("date"),
            e.findtext("start"),
            e.findtext("duration"),
        )
        for room in sunday.findall("room")
        for e in room.findall("event")
    ]
    assert events == [
        ("Großer Saal", "Nachtaufbau <Technik>", "2026-10-25T01:00:00+02:00", "01:00", "04:00"),
        ("会议室 A", UMLAUT_TITLE, "2026-10-25T10:00:00+01:00", "10:00", "00:30"),
    ]


def test_schedule_xml_lists_every_room_and_repeats_all_room_breaks(client, hard):
    root = ET.fromstring(fetch(client, hard["conference"], "xml").content)
    saturday = root.findall("day")[0]

    rooms = {
        room.get("name"): [e.findtext("title") for e in room.findall("event")]
        for room in saturday.findall("room")
    }
    assert rooms == {
        "Großer Saal": [SCRIPT_TITLE, "Kaffee & Kuchen ☕"],
        "会议室 A": ["Kaffee & Kuchen ☕"],
        "Room <Empty> & Co": ["Kaffee & Kuchen ☕"],
    }
    monday_rooms = {room.get("name"): len(room.findall("event")) for room in root.findall("day")[2]}
    assert monday_rooms == {"Großer Saal": 1, "会议室 A": 0, "Room <Empty> & Co": 0}


def test_schedule_json_carries_exact_values(client, hard):
    talk = hard["talks"][0]
    speaker = talk.speakers.get()
    response = fetch(client, hard["conference"], "json")
    data = response.json()
    conference = data["schedule"]["conference"]

    assert response["Access-Control-Allow-Origin"] == "*"
    assert data["schedule"]["version"] == "v1"
    assert (conference["acronym"], conference["daysCount"], conference["time_zone_name"]) == (
        "ai_dev_conf",
        3,
        "Europe/Berlin",
    )
    assert [room["name"] for room in conference["rooms"]] == [
        "Großer Saal",
        "会议室 A",
        "Room <Empty> & Co",
    ]
    sunday = conference["days"][1]
    assert (sunday["day_start"], sunday["day_end"]) == (
        "2026-10-25T00:00:00+02:00",
        "2026-10-26T00:00:00+01:00",
    )
    assert sunday["rooms"]["Room <Empty> & Co"] == []
    event = conference["days"][0]["rooms"]["Großer Saal"][0]
    assert event == {
        "guid": event["guid"],
        "id": talk.pk,
        "code": event["code"],
        "date": "2026-10-24T10:00:00+02:00",
        "start": "10:00",
        "end": "2026-10-24T10:30:00+02:00",
        "duration": "00:30",
        "room": "Großer Saal",
        "slug": f"ai_dev_conf-{talk.pk:04d}-scriptalertxscript-friends",
        "url": f"http://testserver/c/ai-dev-conf/schedule/talks/{talk.pk}/",
        "title": SCRIPT_TITLE,
        "subtitle": "",
        "track": "NLP & Sprache",
        "type": "talk",
        "language": "de",
        "abstract": "Ein Abstract mit <Tags>, & und \x0b einem Steuerzeichen.",
        "description": "",
        "do_not_record": False,
        "persons": [
            {
                "guid": event["persons"][0]["guid"],
                "code": event["persons"][0]["code"],
                "name": "Zoë Müller-Łukasiewicz",
                "public_name": "Zoë Müller-Łukasiewicz",
                "biography": "Forscht an <Sprachmodellen> & mehr.",
                "url": f"http://testserver/c/ai-dev-conf/schedule/speakers/{speaker.pk}/",
            }
        ],
        "links": [],
        "attachments": [],
    }


def test_json_guids_are_stable_across_releases(client, hard):
    from scheduling import services

    services.publish_release(conference=hard["conference"])
    first = fetch(client, hard["conference"], "json", "v1").json()
    second = fetch(client, hard["conference"], "json", "v2").json()

    def guids(data):
        return sorted(
            e["guid"]
            for day in data["schedule"]["conference"]["days"]
            for events in day["rooms"].values()
            for e in events
        )

    assert guids(first) == guids(second)
    assert len(set(guids(first))) == 7  # 1 talk + 3 break copies + blocker + talk + keynote


def test_schedule_ics_has_every_item_in_utc(client, hard):
    response = fetch(client, hard["conference"], "ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == sorted(
        [
            SCRIPT_TITLE,
            "Kaffee & Kuchen ☕",
            UMLAUT_TITLE,
            "Nachtaufbau <Technik>",
            "Keynote: Große Modelle",
        ]
    )
    night = events["Nachtaufbau <Technik>"]
    assert night.decoded("dtstart").isoformat() == "2026-10-24T23:00:00+00:00"
    assert night.decoded("dtend").isoformat() == "2026-10-25T03:00:00+00:00"
    assert (
        str(events[SCRIPT_TITLE]["location"]) == "Großer Saal, Messe Berlin, Halle 7 <Eingang Süd>"
    )
    assert (
        str(events["Kaffee & Kuchen ☕"]["location"])
        == "Every room, Messe Berlin, Halle 7 <Eingang Süd>"
    )


def test_talk_ics_is_one_event(client, hard):
    talk = hard["talks"][1]
    response = client.get(reverse("scheduling:talk_ics", args=[hard["conference"].slug, talk.pk]))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["summary"]), e.decoded("dtstart").isoformat()) for e in events] == [
        (UMLAUT_TITLE, "2026-10-25T09:00:00+00:00")
    ]
    assert "王小明, <script>alert(1)</script>" in str(events[0]["description"])


def test_exports_answer_304_to_a_client_that_has_the_release(client, hard):
    first = fetch(client, hard["conference"], "json")

    again = client.get(
        reverse("scheduling:export", args=[hard["conference"].slug, "json"]),
        HTTP_IF_NONE_MATCH=first["ETag"],
    )

    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_exports_404_before_anything_is_published(client, conference):
    response = fetch(client, conference, "json")

    assert response.status_code == 404


def test_unknown_export_kind_is_404(client, hard):
    assert fetch(client, hard["conference"], "pdf").status_code == 404
