"""A past conference's schedule (frab/pretalx schedule.xml, schedule.json, c3voc submission
JSON) as labelled examples: parsing, errors naming the line or event, the command, the upload
page, and our own exports read back."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from modeldemo.datasets import read_labelled_file
from modeldemo.schedule_import import (
    is_schedule_file,
    parse_schedule_json,
    parse_schedule_xml,
    plain_text,
)
from talks.models import LabelledExample
from tests.factories import MembershipFactory, TrackFactory

SCHEDULE_XML = b"""<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>1.0</version>
  <conference><title>FOSDEM 2024</title><track name="Go"/></conference>
  <day index="1" date="2024-02-03">
    <room name="UD2.218A">
      <event id="101" guid="6d0f7c2e-4b1e-4a8e-9c1d-0e0b8d2f1a01">
        <title>Go &amp; generics</title>
        <subtitle/>
        <track>Go</track>
        <abstract>&lt;p&gt;Type parameters in &lt;b&gt;real&lt;/b&gt; code.&lt;/p&gt;</abstract>
        <description>Long description.</description>
        <persons><person id="1">Ann</person></persons>
      </event>
      <event id="102" guid="6d0f7c2e-4b1e-4a8e-9c1d-0e0b8d2f1a02">
        <title>Lunch</title>
        <track></track>
        <abstract/>
      </event>
    </room>
    <room name="K.3.201">
      <event id="103" guid="6d0f7c2e-4b1e-4a8e-9c1d-0e0b8d2f1a03">
        <title>Postgres vacuum</title>
        <track>Databases</track>
        <abstract></abstract>
        <description>When autovacuum falls behind.</description>
      </event>
    </room>
  </day>
</schedule>
"""


def _schedule_json(events_by_room: dict) -> dict:
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "demo",
                "title": "Demo",
                "days": [{"index": 1, "date": "2024-02-03", "rooms": events_by_room}],
            },
        },
    }


# --- parsing ---------------------------------------------------------------------------------


def test_schedule_xml_gives_title_and_abstract_labelled_with_the_track():
    parsed = parse_schedule_xml(SCHEDULE_XML)

    assert parsed.errors == []
    assert parsed.rows == [
        ("Go & generics. Type parameters in real code.", "Go"),
        ("Postgres vacuum. When autovacuum falls behind.", "Databases"),
    ]
    assert parsed.line_numbers == [7, 22]
    assert parsed.skipped == [(15, "event 102 in UD2.218A: no track")]


def test_schedule_xml_event_without_title_is_an_error_naming_line_and_event():
    data = SCHEDULE_XML.replace(b"<title>Postgres vacuum</title>", b"<title> </title>")

    parsed = parse_schedule_xml(data)

    assert parsed.errors == [(22, "event 103 in K.3.201: no title")]


def test_schedule_xml_not_well_formed_names_the_line():
    data = SCHEDULE_XML.replace(b"</abstract>\n        <description>When", b"\n<description>When")

    parsed = parse_schedule_xml(data)

    assert len(parsed.errors) == 1
    line, problem = parsed.errors[0]
    assert (line, problem.startswith("not well-formed XML (mismatched tag)")) == (27, True)
    assert parsed.rows == []


def test_schedule_xml_refuses_a_dtd_so_no_entity_is_ever_expanded():
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE schedule [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<schedule><day><room name="r">'
        b"<event id='1'><title>&b;</title><track>T</track></event></room></day></schedule>"
    )

    parsed = parse_schedule_xml(bomb)

    assert parsed.errors == [(2, "a document type declaration (DTD) is not accepted")]
    assert parsed.rows == []


def test_schedule_xml_must_be_a_schedule():
    parsed = parse_schedule_xml(b"<rss><channel/></rss>")

    assert parsed.errors == [(1, "the root element is <rss>, not <schedule>")]


def test_schedule_json_reads_days_and_rooms_and_names_a_bad_event():
    data = _schedule_json(
        {
            "Hall A": [
                {"id": 7, "title": "Serving LLMs", "abstract": "vLLM.", "track": "AI"},
                {"id": 8, "title": "Coffee", "abstract": "", "track": None},
            ],
            "Hall B": [{"id": 9, "title": "", "abstract": "x", "track": "AI"}, "oops"],
        }
    )

    parsed = parse_schedule_json(data)

    assert parsed.rows == [("Serving LLMs. vLLM.", "AI")]
    assert parsed.skipped == [(None, "day 1, Hall A, event 2 (id 8): no track")]
    assert parsed.errors == [
        (None, "day 1, Hall B, event 1 (id 9): no title"),
        (None, "day 1, Hall B, event 2: not a JSON object"),
    ]


def test_schedule_json_track_may_be_an_object_and_events_a_flat_list():
    data = {
        "schedule": {
            "conference": {"title": "x"},
            "events": [{"guid": "g1", "title": "Rust", "abstract": "", "track": {"name": "Rust"}}],
        }
    }

    assert parse_schedule_json(data).rows == [("Rust", "Rust")]


def test_c3voc_submission_json_one_or_a_list():
    one = {
        "guid": "0f1e2d3c-4b5a-4968-8776-655443322110",
        "title": "Mesh networks",
        "abstract": "Freifunk in practice.",
        "language": "en",
        "speakers": [],
        "track": "Networks",
    }

    assert parse_schedule_json(one).rows == [("Mesh networks. Freifunk in practice.", "Networks")]
    assert parse_schedule_json([one, {**one, "title": "B"}]).rows[1] == (
        "B. Freifunk in practice.",
        "Networks",
    )


def test_unknown_json_shape_is_an_error():
    assert parse_schedule_json({"hello": "world"}).errors == [
        (None, "neither a schedule.json (schedule → conference → days) nor submission JSON")
    ]


def test_plain_text_strips_markup_and_collapses_space():
    assert plain_text("<p>One</p><p>Two &amp; <em>three</em></p>\n\n") == "One Two & three"
    assert plain_text("AT&amp;T") == "AT&T"
    assert plain_text(None) == ""


def test_jsonl_named_json_stays_jsonl(tmp_path):
    path = tmp_path / "past.json"
    path.write_text(
        '{"title": "A", "abstract": "x", "label": "L"}\n'
        '{"title": "B", "abstract": "y", "label": "M"}\n'
    )

    parsed = read_labelled_file(path, text_fields=["title", "abstract"], label_field="label")

    assert is_schedule_file(path) is False
    assert parsed.rows == [("A. x", "L"), ("B. y", "M")]


# --- the command and the upload page ---------------------------------------------------------


def test_import_examples_reads_a_schedule_xml_by_its_extension(db, tmp_path, capsys):
    path = tmp_path / "fosdem-2024.xml"
    path.write_bytes(SCHEDULE_XML)

    call_command("import_examples", str(path))

    assert sorted(LabelledExample.objects.values_list("label", "dataset", "source")) == [
        ("Databases", "fosdem-2024.xml", "import"),
        ("Go", "fosdem-2024.xml", "import"),
    ]
    out = capsys.readouterr().out
    assert "Left out 1 event(s) without a track." in out
    assert "Imported 2 examples into data set 'fosdem-2024.xml'" in out


def test_import_examples_schedule_json_with_a_bad_event_imports_nothing(db, tmp_path, capsys):
    path = tmp_path / "schedule.json"
    path.write_text(
        json.dumps(
            _schedule_json(
                {
                    "Hall A": [
                        {"id": 1, "title": "Good", "abstract": "", "track": "AI"},
                        {"id": 2, "title": "", "abstract": "", "track": "AI"},
                    ]
                }
            )
        )
    )

    with pytest.raises(CommandError, match=r"^1 bad line\(s\); nothing was imported\.$"):
        call_command("import_examples", str(path))

    assert LabelledExample.objects.count() == 0
    assert capsys.readouterr().err.splitlines() == [
        "schedule.json: day 1, Hall A, event 2 (id 2): no title"
    ]


def test_upload_page_imports_a_schedule_and_goes_on_to_the_mapping(client, conference):
    TrackFactory(conference=conference, name="Golang", slug="golang")
    organiser = MembershipFactory(conference=conference).user
    client.force_login(organiser)
    upload = SimpleUploadedFile("fosdem.xml", SCHEDULE_XML, content_type="application/xml")

    response = client.post(
        reverse("modeldemo:examples_upload", args=[conference.slug]),
        {
            "file": upload,
            "dataset": "FOSDEM 2024",
            "text_fields": "title,abstract",
            "label_field": "label",
            "format": "auto",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "modeldemo:label_mapping", args=[conference.slug, "FOSDEM 2024"]
    )
    assert sorted(LabelledExample.objects.values_list("label", flat=True)) == ["Databases", "Go"]


def test_upload_page_shows_the_bad_lines_of_a_schedule(client, conference):
    client.force_login(MembershipFactory(conference=conference).user)
    data = SCHEDULE_XML.replace(b"<title>Go &amp; generics</title>", b"<title></title>")

    response = client.post(
        reverse("modeldemo:examples_upload", args=[conference.slug]),
        {
            "file": SimpleUploadedFile("bad.xml", data),
            "text_fields": "title,abstract",
            "label_field": "label",
            "format": "auto",
        },
    )

    assert response.status_code == 200
    assert "line 7: event 101 in UD2.218A: no title" in response.content.decode()
    assert LabelledExample.objects.count() == 0


# --- our own exports read back ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_our_schedule_export_round_trips_through_the_importer(client, db, kind):
    from tests.scheduling.builders import hard_conference

    hard = hard_conference()
    conference = hard["conference"]
    response = client.get(reverse("scheduling:export", args=[conference.slug, kind]))
    assert response.status_code == 200

    if kind == "xml":
        parsed = parse_schedule_xml(response.content)
    else:
        parsed = parse_schedule_json(json.loads(response.content))

    talks = conference.submissions.filter(track__isnull=False).select_related("track")
    expected = sorted(
        (
            f"{' '.join(s.title.split())}. {plain_text(s.abstract.replace(chr(11), ''))}",
            s.track.name,
        )
        for s in talks
    )
    assert parsed.errors == []
    assert sorted(parsed.rows) == expected
    assert len(expected) == 2
    # Breaks (in every room) and the keynote without a track are left out, not errors.
    assert len(parsed.skipped) >= 2
