"""Writes to the working copy: place, move, resize, unschedule, silence a warning.

Every write locks the conference's Schedule row first, so that two editors cannot both put
something into one free slot, and bumps its revision. Every change to an existing item names
the version the editor saw: a stale one raises StaleItem and changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import Conference, Room
from scheduling.days import MAX_YEAR, MIN_YEAR
from scheduling.enums import (
    ALL_ROOM_KINDS,
    GRANULARITY_MINUTES,
    MAX_ITEM_MINUTES,
    SILENCEABLE,
    TALK_KINDS,
    ItemKind,
)
from scheduling.models import Schedule, ScheduleItem
from talks.enums import PUBLIC_STATES, Format
from talks.models import Submission


class StaleItem(Exception):
    """The item changed (or went) since the editor loaded it. `item` is its current state."""

    def __init__(self, item: ScheduleItem | None = None):
        super().__init__("stale")
        self.item = item


class ScheduleRefused(ValidationError):
    """A change the schedule cannot take: a room already in use, bad times, a talk that is
    not accepted. `code` tells which (room_overlap, already_scheduled, times, room, talk,
    kind, title)."""


def lock_schedule(*, conference: Conference) -> Schedule:
    """The conference's Schedule row, locked until the transaction ends (call it inside one)."""
    try:
        with transaction.atomic():
            Schedule.objects.get_or_create(conference=conference)
    except IntegrityError:  # created concurrently: it is there now
        pass
    return Schedule.objects.select_for_update().get(conference=conference)


def _bump(schedule: Schedule) -> None:
    Schedule.objects.filter(pk=schedule.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )


def _check_times(conference: Conference, start: datetime, end: datetime) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise ScheduleRefused(_("Times need their time zone."), code="times")
    if not (MIN_YEAR <= start.year <= MAX_YEAR and MIN_YEAR <= end.year <= MAX_YEAR):
        raise ScheduleRefused(_("Give a time of the conference."), code="times")
    if end <= start:
        raise ScheduleRefused(_("An item must end after it starts."), code="times")
    if end - start > timedelta(minutes=MAX_ITEM_MINUTES):
        raise ScheduleRefused(
            _("An item lasts at most %(hours)s hours.") % {"hours": MAX_ITEM_MINUTES // 60},
            code="times",
        )
    tz = conference.tzinfo
    for moment in (start, end):
        local = moment.astimezone(tz)
        if local.minute % GRANULARITY_MINUTES or local.second or local.microsecond:
            raise ScheduleRefused(
                _("Times go in steps of %(minutes)s minutes.") % {"minutes": GRANULARITY_MINUTES},
                code="times",
            )


def _room(conference: Conference, room_id: int | None, kind: str) -> Room | None:
    if room_id is None:
        if kind not in ALL_ROOM_KINDS:
            raise ScheduleRefused(_("Talks take place in one room."), code="room")
        return None
    room = Room.objects.filter(conference=conference, pk=room_id).first()
    if room is None:
        raise ScheduleRefused(_("There is no such room."), code="room")
    return room


def _check_room_free(
    conference: Conference,
    room: Room | None,
    start: datetime,
    end: datetime,
    exclude_pk: int | None = None,
) -> None:
    """Refuse a second item in a room at once; an all-rooms item takes every room."""
    clashes = ScheduleItem.objects.filter(conference=conference, start__lt=end, end__gt=start)
    if room is not None:
        clashes = clashes.filter(Q(room=room) | Q(room__isnull=True))
    if exclude_pk is not None:
        clashes = clashes.exclude(pk=exclude_pk)
    clash = clashes.select_related("submission", "room").first()
    if clash is not None:
        raise ScheduleRefused(
            _("%(room)s is taken by “%(title)s” then.")
            % {
                "room": room.name if room else (clash.room.name if clash.room else _("Every room")),
                "title": clash.display_title,
            },
            code="room_overlap",
        )


def _talk(conference: Conference, submission_id: int | None) -> Submission:
    submission = (
        Submission.objects.filter(conference=conference, pk=submission_id).first()
        if submission_id
        else None
    )
    if submission is None:
        raise ScheduleRefused(_("There is no such talk."), code="talk")
    if submission.state not in PUBLIC_STATES:
        raise ScheduleRefused(_("Only accepted and confirmed talks can be scheduled."), code="talk")
    return submission


@transaction.atomic
def create_item(
    *,
    conference: Conference,
    kind: str = "",
    room_id: int | None,
    start: datetime,
    end: datetime,
    submission_id: int | None = None,
    title: str = "",
) -> ScheduleItem:
    """Put a talk (or keynote) into a room, or add a break or blocker.

    A talk's kind defaults to keynote for keynote submissions, else talk. Raises
    ScheduleRefused when the room is taken then, the talk is already scheduled or not accepted,
    or the times are off the 5-minute grid.
    Side effects: one ScheduleItem; the working copy's revision goes up.
    """
    schedule = lock_schedule(conference=conference)
    _check_times(conference, start, end)
    submission = None
    if submission_id or kind in TALK_KINDS:
        submission = _talk(conference, submission_id)
        if kind not in TALK_KINDS:
            kind = ItemKind.KEYNOTE if submission.format == Format.KEYNOTE else ItemKind.TALK
        title = ""
        if ScheduleItem.objects.filter(submission=submission).exists():
            raise ScheduleRefused(
                _("“%(title)s” is already scheduled.") % {"title": submission.title},
                code="already_scheduled",
            )
    elif kind not in ALL_ROOM_KINDS:
        raise ScheduleRefused(_("Unknown kind of item."), code="kind")
    title = title.strip()
    if submission is None and not title:
        raise ScheduleRefused(_("Give the break or blocker a title."), code="title")
    room = _room(conference, room_id, kind)
    _check_room_free(conference, room, start, end)
    item = ScheduleItem(
        conference=conference,
        room=room,
        kind=kind,
        submission=submission,
        title=title[:200],
        start=start,
        end=end,
    )
    item.full_clean(exclude=["conference", "room", "submission"], validate_constraints=False)
    item.save()
    _bump(schedule)
    return item


def _current(conference: Conference, item_id: int, version: int) -> ScheduleItem:
    item = (
        ScheduleItem.objects.select_related("submission", "room")
        .filter(conference=conference, pk=item_id)
        .first()
    )
    if item is None or item.version != version:
        raise StaleItem(item)
    return item


@transaction.atomic
def move_item(
    *,
    conference: Conference,
    item_id: int,
    version: int,
    room_id: int | None,
    start: datetime,
    end: datetime,
) -> ScheduleItem:
    """Move an item to another room or time, or change its length.

    `version` is the version the editor saw: if the item changed since (or is gone), StaleItem
    is raised and nothing changes. ScheduleRefused as for create_item.
    Side effects: the item's room, times and version; the working copy's revision goes up.
    """
    schedule = lock_schedule(conference=conference)
    item = _current(conference, item_id, version)
    _check_times(conference, start, end)
    room = _room(conference, room_id, item.kind)
    _check_room_free(conference, room, start, end, exclude_pk=item.pk)
    # Conditional on the version too: the lock already serialises writers, this keeps the
    # rule visible where the row changes.
    updated = ScheduleItem.objects.filter(pk=item.pk, version=version).update(
        room=room, start=start, end=end, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise StaleItem(item)
    _bump(schedule)
    item.refresh_from_db()
    return item


@transaction.atomic
def delete_item(*, conference: Conference, item_id: int, version: int) -> None:
    """Unschedule a talk (it goes back to the unscheduled list) or remove a break.

    StaleItem if the item changed since the editor loaded it.
    Side effects: the item is deleted; the working copy's revision goes up.
    """
    schedule = lock_schedule(conference=conference)
    item = _current(conference, item_id, version)
    deleted, _count = ScheduleItem.objects.filter(pk=item.pk, version=version).delete()
    if not deleted:
        raise StaleItem(item)
    _bump(schedule)


@transaction.atomic
def silence_warning(
    *, conference: Conference, item_id: int, version: int, code: str, silenced: bool = True
) -> ScheduleItem:
    """Silence (or show again) one kind of warning for one item. Errors cannot be silenced.

    Side effects: the item's silenced codes and version; the working copy's revision goes up.
    """
    if code not in SILENCEABLE:
        raise ScheduleRefused(_("Only warnings can be silenced."), code="code")
    schedule = lock_schedule(conference=conference)
    item = _current(conference, item_id, version)
    codes = set(item.silenced or ())
    codes = codes | {code} if silenced else codes - {code}
    ScheduleItem.objects.filter(pk=item.pk, version=version).update(
        silenced=sorted(codes), version=F("version") + 1, updated_at=timezone.now()
    )
    _bump(schedule)
    item.refresh_from_db()
    return item
