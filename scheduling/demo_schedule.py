"""The demo conference's first schedule: accept most talks, place them, publish v1.

Called by the seed_demo command; does nothing once the conference has a release, so running
the command again changes nothing. A quarter of the talks stay submitted (for the review demo)
and some accepted ones stay unconfirmed (so the editor shows its warnings).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from conference.models import Conference, RoomAvailability
from scheduling import services
from scheduling.days import conference_days, local_instant, round_up_minutes
from scheduling.enums import ItemKind
from scheduling.models import Release, ScheduleItem
from talks.enums import PUBLIC_STATES, Format, State
from talks.models import speakers_prefetch
from talks.services import change_submission_state

DAY_START, DAY_END = time(9), time(18)
BREAKS = [
    (time(10, 30), time(11), "Coffee break"),
    (time(12, 30), time(13, 30), "Lunch"),
    (time(15, 30), time(16), "Coffee break"),
]
STEP_MINUTES = 15
STEP = timedelta(minutes=STEP_MINUTES)


def seed_demo_schedule(*, conference: Conference, organiser) -> Release | None:
    """Accept, confirm and place the demo's talks and publish v1. Returns the release, or None
    if the conference had one already."""
    if conference.releases.exists():
        return None
    rooms = list(conference.rooms.all())
    days = conference_days(conference)
    for room in rooms:
        for day in days:
            RoomAvailability.objects.get_or_create(
                room=room, date=day, defaults={"starts_at": DAY_START, "ends_at": DAY_END}
            )
    talks = list(conference.submissions.order_by("pk").prefetch_related(speakers_prefetch()))
    for index, talk in enumerate(talks):
        if talk.state == State.SUBMITTED and index % 4 != 3:
            change_submission_state(submission=talk, to_state=State.ACCEPTED, user=organiser)
        if talk.state == State.ACCEPTED and index % 3 != 2:
            # The submitter (the first speaker) confirms.
            submitter = talk.speakers.all()[0]
            change_submission_state(submission=talk, to_state=State.CONFIRMED, user=submitter)

    tz = conference.tzinfo
    breaks = []
    for day in days:
        for start, end, title in BREAKS:
            item = services.create_item(
                conference=conference,
                kind=ItemKind.BREAK,
                title=title,
                room_id=None,
                start=local_instant(day, start, tz),
                end=local_instant(day, end, tz),
            )
            breaks.append((item.start, item.end))

    busy: dict[object, list[tuple[datetime, datetime]]] = {}
    placed = {item.submission_id for item in ScheduleItem.objects.filter(conference=conference)}
    schedulable = [t for t in talks if t.state in PUBLIC_STATES]
    schedulable.sort(key=lambda t: (t.format != Format.KEYNOTE, t.track_id or 0, t.pk))
    for talk in schedulable:
        if talk.pk in placed:
            continue
        length = timedelta(minutes=round_up_minutes(talk.duration, STEP_MINUTES))
        speakers = [s.pk for s in talk.speakers.all()]
        slot = _first_free_slot(rooms, days, tz, length, speakers, busy, breaks)
        if slot is None:
            continue
        room, start = slot
        services.create_item(
            conference=conference,
            room_id=room.pk,
            submission_id=talk.pk,
            start=start,
            end=start + length,
        )
        for key in [("room", room.pk), *(("speaker", pk) for pk in speakers)]:
            busy.setdefault(key, []).append((start, start + length))
    return services.publish_release(
        conference=conference, user=organiser, comment="The first schedule of the demo."
    )


def _free(intervals, start, end) -> bool:
    return all(end <= other_start or other_end <= start for other_start, other_end in intervals)


def _first_free_slot(rooms, days, tz, length, speakers, busy, breaks):
    for day in days:
        start = local_instant(day, DAY_START, tz)
        day_end = local_instant(day, DAY_END, tz)
        while start + length <= day_end:
            end = start + length
            if _free(breaks, start, end) and all(
                _free(busy.get(("speaker", pk), []), start, end) for pk in speakers
            ):
                for room in rooms:
                    if _free(busy.get(("room", room.pk), []), start, end):
                        return room, start
            start += STEP
    return None
