"""The demo conference's schedule: place the accepted talks over three days, publish v1, then
leave two moves unpublished in the working copy.

Called by the seed_demo command; does nothing once the conference has a release, so running
the command again changes nothing. Every day opens with keynotes in the hall, while nothing
else runs; workshops go to the workshop rooms, panels to the two largest rooms, and the other
talks to the four talk rooms, each track starting from a room of its own. Each talk goes to the
day with the fewest minutes placed so far, so the three days fill evenly. A few accepted talks
are left unscheduled for the editor's list.
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

DAY_START, DAY_END = time(9), time(18)
BREAKS = [
    (time(10, 30), time(11), "Coffee break"),
    (time(12, 30), time(13, 30), "Lunch"),
    (time(15, 30), time(16), "Coffee break"),
]
STEP_MINUTES = 15
STEP = timedelta(minutes=STEP_MINUTES)
# Accepted (not yet confirmed) talks left for the organiser to place in the editor.
LEFT_UNSCHEDULED = 3
# After v1: this many talks move to another day, unpublished.
MOVED_AFTER_RELEASE = 2


def seed_demo_schedule(
    *, conference: Conference, organiser, workshop_rooms: tuple[str, ...] = ()
) -> Release | None:
    """Place the demo's accepted and confirmed talks, publish v1 and move two talks after it.

    Returns the release, or None if the conference had one already.
    Side effects: room availabilities, breaks and talk items, Release v1 (with its e-mails to
    the speakers), two moved items in the working copy.
    """
    if conference.releases.exists():
        return None
    rooms = list(conference.rooms.all())
    days = conference_days(conference)
    for room in rooms:
        for day in days:
            RoomAvailability.objects.get_or_create(
                room=room, date=day, defaults={"starts_at": DAY_START, "ends_at": DAY_END}
            )
    tz = conference.tzinfo
    # Intervals in which no talk may start anywhere: breaks, then keynotes.
    plenary: list[tuple[datetime, datetime]] = []
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
            plenary.append((item.start, item.end))

    talks = list(
        conference.submissions.filter(state__in=PUBLIC_STATES)
        .order_by("pk")
        .prefetch_related(speakers_prefetch())
    )
    waiting = [t.pk for t in talks if t.state == State.ACCEPTED][-LEFT_UNSCHEDULED:]
    order = {Format.KEYNOTE: 0, Format.WORKSHOP: 1, Format.PANEL: 2}
    talks.sort(key=lambda t: (order.get(t.format, 3), t.track_id or 0, t.pk))
    track_ids = sorted({t.track_id or 0 for t in talks})
    hall = rooms[0]
    workshop = [room for room in rooms if room.name in workshop_rooms]
    talk_rooms = [room for room in rooms if room not in workshop]
    board = _Board(days=days, tz=tz, plenary=plenary)
    for talk in talks:
        if talk.pk in waiting:
            continue
        if talk.format == Format.KEYNOTE:
            candidates = [hall]
        elif talk.format == Format.WORKSHOP:
            candidates = workshop or talk_rooms
        elif talk.format == Format.PANEL:
            candidates = talk_rooms[:2]
        else:
            # Each track starts from a room of its own, so a room keeps to a theme.
            home = track_ids.index(talk.track_id or 0) % len(talk_rooms)
            candidates = talk_rooms[home:] + talk_rooms[:home]
        length = timedelta(minutes=round_up_minutes(talk.duration, STEP_MINUTES))
        speakers = [s.pk for s in talk.speakers.all()]
        slot = board.first_free(candidates, length, speakers)
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
        board.take(room, start, start + length, speakers, plenary=talk.format == Format.KEYNOTE)
    release = services.publish_release(
        conference=conference, user=organiser, comment="The first schedule of the demo."
    )
    _move_after_release(conference=conference, board=board, talk_rooms=talk_rooms)
    return release


def _move_after_release(*, conference: Conference, board: _Board, talk_rooms: list) -> None:
    """Move a few talks of the first day to the last one: changes the editor shows as not
    yet published."""
    first_day = board.days[0]
    items = [
        item
        for item in ScheduleItem.objects.filter(
            conference=conference,
            kind=ItemKind.TALK,
            room__in=talk_rooms,
            submission__format=Format.TALK,
        )
        .select_related("room")
        .prefetch_related(speakers_prefetch("submission__speakers"))
        .order_by("-start", "room__position")
        if item.start.astimezone(board.tz).date() == first_day
    ][:MOVED_AFTER_RELEASE]
    for item in items:
        speakers = [s.pk for s in item.submission.speakers.all()]
        slot = board.first_free(
            [item.room, *talk_rooms], item.end - item.start, speakers, days=board.days[-1:]
        )
        if slot is None:
            continue
        room, start = slot
        services.move_item(
            conference=conference,
            item_id=item.pk,
            version=item.version,
            room_id=room.pk,
            start=start,
            end=start + (item.end - item.start),
        )
        board.take(room, start, start + (item.end - item.start), speakers)


class _Board:
    """Who and what is busy when, while the demo's talks are placed."""

    def __init__(self, *, days, tz, plenary):
        self.days, self.tz, self.plenary = days, tz, plenary
        self.busy: dict[tuple, list[tuple[datetime, datetime]]] = {}
        self.minutes = {day: 0 for day in days}

    def take(self, room, start, end, speakers, *, plenary: bool = False) -> None:
        for key in [("room", room.pk), *(("speaker", pk) for pk in speakers)]:
            self.busy.setdefault(key, []).append((start, end))
        if plenary:
            self.plenary.append((start, end))
        day = start.astimezone(self.tz).date()
        self.minutes[day] += int((end - start).total_seconds() // 60)

    def first_free(self, rooms, length, speakers, *, days=None):
        """(room, start) of the earliest free slot on the least-filled day, or None."""
        for day in sorted(days or self.days, key=lambda d: (self.minutes[d], d)):
            start = local_instant(day, DAY_START, self.tz)
            day_end = local_instant(day, DAY_END, self.tz)
            while start + length <= day_end:
                end = start + length
                if _free(self.plenary, start, end) and all(
                    _free(self.busy.get(("speaker", pk), []), start, end) for pk in speakers
                ):
                    for room in rooms:
                        if _free(self.busy.get(("room", room.pk), []), start, end):
                            return room, start
                start += STEP
        return None


def _free(intervals, start, end) -> bool:
    return all(end <= other_start or other_end <= start for other_start, other_end in intervals)
