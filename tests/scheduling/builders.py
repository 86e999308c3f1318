"""Conferences with schedules for the scheduling tests, built through the services."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from conference.models import Conference, Room, RoomAvailability, Track
from scheduling import services
from scheduling.days import local_instant
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)

SCRIPT_TITLE = "<script>alert('x')</script> & Friends"
UMLAUT_TITLE = "Über Ökosysteme: 机器学习 & <b>HTML</b>"


def at(conference: Conference, day: date, hour: int, minute: int = 0) -> datetime:
    return local_instant(day, time(hour, minute), conference.tzinfo)


def hard_conference() -> dict:
    """Three days in Europe/Berlin across the end of summer time (Sunday 25 October 2026),
    non-ASCII names, markup and ampersands in titles, an all-rooms break, a blocker across the
    clock change, and a room without talks. Published as v1."""
    conference = ConferenceFactory(
        slug="ai-dev-conf",
        name="KI-Entwicklerkonferenz — 大模型应用开发者大会 & Friends",
        timezone="Europe/Berlin",
        start_date=date(2026, 10, 24),
        end_date=date(2026, 10, 26),
        venue="Messe Berlin, Halle 7 <Eingang Süd>",
    )
    nlp = TrackFactory(conference=conference, name="NLP & Sprache", slug="nlp", colour="#1f77b4")
    vision = TrackFactory(conference=conference, name="视觉", slug="vision", colour="#ff7f0e")
    hall = RoomFactory(conference=conference, name="Großer Saal", capacity=500, position=0)
    small = RoomFactory(conference=conference, name="会议室 A", capacity=80, position=1)
    empty = RoomFactory(conference=conference, name="Room <Empty> & Co", capacity=40, position=2)
    zoe = SpeakerProfileFactory(
        user=UserFactory(username="zoe", email="zoe@example.org"),
        name="Zoë Müller-Łukasiewicz",
        bio="Forscht an <Sprachmodellen> & mehr.",
    ).user
    wang = SpeakerProfileFactory(
        user=UserFactory(username="wang", email="wang@example.org"), name="王小明"
    ).user
    sly = SpeakerProfileFactory(
        user=UserFactory(username="sly", email="sly@example.org"),
        name="<script>alert(1)</script>",
    ).user
    first = SubmissionFactory(
        conference=conference,
        speaker=zoe,
        title=SCRIPT_TITLE,
        abstract="Ein Abstract mit <Tags>, & und \x0b einem Steuerzeichen.",
        state="confirmed",
        track=nlp,
        language="de",
        level="beginner",
    )
    second = SubmissionFactory(
        conference=conference,
        speaker=wang,
        speakers=[sly],
        title=UMLAUT_TITLE,
        state="confirmed",
        track=vision,
        language="zh",
    )
    keynote = SubmissionFactory(
        conference=conference,
        speaker=zoe,
        title="Keynote: Große Modelle",
        format="keynote",
        duration=45,
        state="confirmed",
    )
    saturday, sunday, monday = date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26)
    items = {
        "first": services.create_item(
            conference=conference,
            room_id=hall.pk,
            submission_id=first.pk,
            start=at(conference, saturday, 10),
            end=at(conference, saturday, 10, 30),
        ),
        "coffee": services.create_item(
            conference=conference,
            kind="break",
            title="Kaffee & Kuchen ☕",
            room_id=None,
            start=at(conference, saturday, 10, 30),
            end=at(conference, saturday, 11),
        ),
        "second": services.create_item(
            conference=conference,
            room_id=small.pk,
            submission_id=second.pk,
            start=at(conference, sunday, 10),
            end=at(conference, sunday, 10, 30),
        ),
        # 01:00 summer time to 04:00 winter time: four real hours on the clock-change night.
        "night": services.create_item(
            conference=conference,
            kind="blocker",
            title="Nachtaufbau <Technik>",
            room_id=hall.pk,
            start=at(conference, sunday, 1),
            end=at(conference, sunday, 4),
        ),
        "keynote": services.create_item(
            conference=conference,
            room_id=hall.pk,
            submission_id=keynote.pk,
            start=at(conference, monday, 9),
            end=at(conference, monday, 9, 45),
        ),
    }
    release = services.publish_release(conference=conference)
    return {
        "conference": conference,
        "tracks": (nlp, vision),
        "rooms": (hall, small, empty),
        "speakers": (zoe, wang, sly),
        "talks": (first, second, keynote),
        "items": items,
        "release": release,
    }


def sized_conference(
    talks: int, *, rooms: int = 10, days: int = 3, slug: str = "big"
) -> Conference:
    """A conference of `talks` scheduled talks in `rooms` rooms over `days` days, published."""
    start = date(2026, 6, 1)
    conference = ConferenceFactory(
        slug=slug,
        timezone="Asia/Shanghai",
        start_date=start,
        end_date=start + timedelta(days=days - 1),
    )
    tracks = [TrackFactory(conference=conference, slug=f"t{n}") for n in range(5)]
    room_list = [RoomFactory(conference=conference, position=n) for n in range(rooms)]
    slots_per_day = max(1, -(-talks // (rooms * days)))
    for n in range(talks):
        day, rest = divmod(n, rooms * slots_per_day)
        slot, room = divmod(rest, rooms)
        speaker = SpeakerProfileFactory().user
        submission = SubmissionFactory(
            conference=conference,
            speaker=speaker,
            state="confirmed",
            track=tracks[n % len(tracks)],
        )
        begin = datetime.combine(start + timedelta(days=day), time(1), tzinfo=UTC) + timedelta(
            minutes=30 * slot
        )
        services.create_item(
            conference=conference,
            room_id=room_list[room].pk,
            submission_id=submission.pk,
            start=begin,
            end=begin + timedelta(minutes=30),
        )
    services.publish_release(conference=conference)
    return conference


__all__ = ["Room", "RoomAvailability", "Track", "at", "hard_conference", "sized_conference"]
