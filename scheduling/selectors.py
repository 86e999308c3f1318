"""Reads of the schedule: the working copy with its conflicts, releases, stars, availability."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from conference.models import Conference, Registration, RoomAvailability
from conference.text import fold
from scheduling import days
from scheduling.conflicts import (
    Conflict,
    ItemFacts,
    ScheduleContext,
    expected_audience,
    find_conflicts,
)
from scheduling.enums import GRANULARITY_MINUTES, TALK_KINDS
from scheduling.models import (
    CalendarFeed,
    Favourite,
    Release,
    Schedule,
    ScheduleItem,
    SpeakerAvailability,
)
from scheduling.rules import schedule_speaker_talks
from talks.enums import PUBLIC_STATES, State
from talks.models import Submission, speakers_prefetch
from talks.selectors import profiles_changed_at_expression, speaker_display_name

# The editor's grid shows at least these local hours, widened to the rooms and items of the day.
EDITOR_DAY_STARTS = time(9)
EDITOR_DAY_ENDS = time(18)


# --- the working copy ------------------------------------------------------------------------


def schedule_items(*, conference: Conference) -> QuerySet[ScheduleItem]:
    """Every item of the working copy with its room, talk, track and speakers (4 queries)."""
    return (
        ScheduleItem.objects.filter(conference=conference)
        .select_related("room", "submission__track")
        .prefetch_related(speakers_prefetch("submission__speakers"))
        .order_by("start", "room__position", "pk")
    )


def schedule_item(*, conference: Conference, pk: int) -> ScheduleItem:
    return get_object_or_404(
        ScheduleItem.objects.select_related("room", "submission"), pk=pk, conference=conference
    )


def schedule_revision(*, conference: Conference) -> int:
    return (
        Schedule.objects.filter(conference=conference).values_list("revision", flat=True).first()
        or 0
    )


def unscheduled_talks(
    *, conference: Conference, track_id: int | None = None, search: str = ""
) -> list[Submission]:
    """Accepted and confirmed talks without a slot, by title, with their speakers; `search`
    in the title, abstract or speakers' names."""
    qs = (
        Submission.objects.public()
        .filter(conference=conference)
        .exclude(schedule_items__isnull=False)
        .select_related("track")
        .prefetch_related(speakers_prefetch())
        .order_by("title", "pk")
    )
    if track_id:
        qs = qs.filter(track_id=track_id)
    if search:
        # Case and accents ignored ("muller" finds "Müller"): the folded columns that the
        # talks services keep, over title, abstract and speakers' names.
        folded = fold(search)
        qs = qs.filter(Q(search_text__contains=folded) | Q(search_names__contains=folded))
    return list(qs)


def schedulable_talk(*, conference: Conference, pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.public().select_related("track"), pk=pk, conference=conference
    )


def star_counts(*, conference: Conference) -> dict[int, int]:
    """{submission id: how many people starred it} (one query)."""
    rows = (
        Favourite.objects.filter(submission__conference=conference)
        .values("submission_id")
        .annotate(count=Count("pk"))
    )
    return {row["submission_id"]: row["count"] for row in rows}


def audience_basis(*, conference: Conference) -> tuple[int, int]:
    """(people who starred at least one talk, registrations holding a seat): two queries."""
    starring = (
        Favourite.objects.filter(submission__conference=conference)
        .values("user_id")
        .distinct()
        .count()
    )
    registrations = Registration.objects.filter(
        conference=conference, state__in=Registration.SEAT_STATES
    ).count()
    return starring, registrations


def room_windows(*, conference: Conference) -> dict[int, list[tuple[datetime, datetime]]]:
    """{room id: its availability windows as UTC instants}; rooms without any are absent."""
    tz = conference.tzinfo
    windows: dict[int, list] = {}
    for window in RoomAvailability.objects.filter(room__conference=conference):
        windows.setdefault(window.room_id, []).append(
            (
                days.local_instant(window.date, window.starts_at, tz),
                days.local_instant(window.date, window.ends_at, tz),
            )
        )
    return windows


def speaker_preferred_windows(
    *, conference: Conference
) -> dict[int, list[tuple[datetime, datetime]]]:
    """The windows speakers marked as preferred (a subset of their availability), by user id."""
    preferred: dict[int, list] = {}
    for row in SpeakerAvailability.objects.filter(conference=conference):
        parsed = [
            (days.parse_instant(window["start"]), days.parse_instant(window["end"]))
            for window in row.windows
            if window.get("preferred")
        ]
        if parsed:
            preferred[row.user_id] = parsed
    return preferred


def speaker_windows(*, conference: Conference) -> dict[int, list[tuple[datetime, datetime]]]:
    windows: dict[int, list] = {}
    for row in SpeakerAvailability.objects.filter(conference=conference):
        parsed = [
            (days.parse_instant(window["start"]), days.parse_instant(window["end"]))
            for window in row.windows
        ]
        if parsed:
            windows[row.user_id] = parsed
    return windows


def item_facts(
    *, items: list[ScheduleItem], stars: dict[int, int], starring: int, registrations: int
) -> list[ItemFacts]:
    facts = []
    for item in items:
        submission = item.submission if item.kind in TALK_KINDS else None
        facts.append(
            ItemFacts(
                id=item.pk,
                kind=item.kind,
                room_id=item.room_id,
                start=item.start,
                end=item.end,
                title=item.display_title,
                submission_id=submission.pk if submission else None,
                track_id=submission.track_id if submission else None,
                speaker_ids=frozenset(s.pk for s in submission.speakers.all())
                if submission
                else frozenset(),
                state=submission.state if submission else "",
                expected_audience=expected_audience(
                    stars=stars.get(submission.pk, 0),
                    starring_people=starring,
                    registrations=registrations,
                )
                if submission
                else None,
                silenced=frozenset(item.silenced or ()),
            )
        )
    return facts


def schedule_context(
    *, conference: Conference, items: list[ScheduleItem], rooms: list | None = None
) -> ScheduleContext:
    rooms = list(conference.rooms.all()) if rooms is None else rooms
    speaker_names = {}
    for item in items:
        if item.submission_id and item.kind in TALK_KINDS:
            for user in item.submission.speakers.all():
                speaker_names[user.pk] = speaker_display_name(user=user)
    return ScheduleContext(
        room_names={room.pk: room.name for room in rooms},
        room_capacities={room.pk: room.capacity for room in rooms},
        room_windows=room_windows(conference=conference),
        conference_days=days.conference_day_bounds(conference),
        speaker_windows=speaker_windows(conference=conference),
        speaker_names=speaker_names,
        schedulable_states=frozenset(PUBLIC_STATES),
        unconfirmed_states=frozenset({State.ACCEPTED}),
    )


def current_conflicts(*, conference: Conference) -> list[Conflict]:
    return working_copy(conference=conference)["conflicts"]


def working_copy(*, conference: Conference) -> dict:
    """The working copy as the editor needs it: items, stars, conflicts, rooms.

    A fixed number of queries whatever the number of items.
    """
    items = list(schedule_items(conference=conference))
    stars = star_counts(conference=conference)
    starring, registrations = audience_basis(conference=conference)
    facts = item_facts(items=items, stars=stars, starring=starring, registrations=registrations)
    rooms = list(conference.rooms.all())
    context = schedule_context(conference=conference, items=items, rooms=rooms)
    return {
        "items": items,
        "stars": stars,
        "facts": {fact.id: fact for fact in facts},
        "conflicts": find_conflicts(items=facts, context=context),
        "rooms": rooms,
        "tracks": list(conference.tracks.all()),
        "revision": schedule_revision(conference=conference),
    }


def editor_day(*, conference: Conference, day: date, items: list[ScheduleItem], step: int) -> dict:
    """The editor grid's frame for one day: its first and last instant, and a label for every
    5-minute row (local wall-clock times, so a daylight-saving change shows as it happens)."""
    tz = conference.tzinfo
    start = days.local_instant(day, EDITOR_DAY_STARTS, tz)
    end = days.local_instant(day, EDITOR_DAY_ENDS, tz)
    day_start, day_end = days.day_bounds(day, tz)
    for window in RoomAvailability.objects.filter(room__conference=conference, date=day):
        start = min(start, days.local_instant(day, window.starts_at, tz))
        end = max(end, days.local_instant(day, window.ends_at, tz))
    for item in items:
        if day_start <= item.start < day_end:
            start = min(start, item.start)
            end = max(end, min(item.end, day_end))
    # Whole hours of local time, as the grid's edges.
    local_start = start.astimezone(tz)
    start = days.local_instant(day, time(local_start.hour), tz)
    local_end = end.astimezone(tz)
    if local_end.minute or local_end.second:
        end = min(end + timedelta(minutes=60 - local_end.minute), day_end)
    minutes = days.minutes_between(start, end)
    labels = [
        [offset, days.clock(start + timedelta(minutes=offset), tz)]
        for offset in range(0, minutes, 5)
    ]
    return {
        "date": day.isoformat(),
        "start": days.iso_utc(start),
        "end": days.iso_utc(end),
        "minutes": minutes,
        "step": step,
        "labels": labels,
    }


# --- releases --------------------------------------------------------------------------------


def latest_release(
    *, conference: Conference, profiles_changed: bool = False, speaker=None
) -> Release | None:
    """The latest release. Its snapshot, conflicts and changelog are loaded when first read
    (one more query each): pages read the programme back from a per-process cache instead,
    most of the time, and at 1,000 talks the three JSON columns took ~5 ms a request to parse.

    In the same query, since the public pages ask them on every request: with
    `profiles_changed`, `profiles_changed_at` (when any speaker profile last changed,
    talks.selectors.profiles_changed_at); with `speaker` (a logged-in user), `is_speaker`
    (scheduling.rules.is_schedule_speaker)."""
    releases = Release.objects.filter(conference=conference)
    if profiles_changed:
        releases = releases.annotate(profiles_changed_at=profiles_changed_at_expression())
    if speaker is not None:
        talks = schedule_speaker_talks(user=speaker, conference=OuterRef("conference"))
        releases = releases.annotate(is_speaker=Exists(talks))
    return releases.defer("snapshot", "conflicts", "changelog").order_by("-number").first()


def latest_releases(*, conference_ids) -> dict[int, Release]:
    """{conference id: its latest release, snapshot included}; conferences without one are
    absent (one query, whatever the number of conferences)."""
    newest = (
        Release.objects.filter(conference=OuterRef("conference"))
        .order_by("-number")
        .values("number")[:1]
    )
    releases = Release.objects.filter(
        conference_id__in=list(conference_ids), number=Subquery(newest)
    ).select_related("conference")
    return {release.conference_id: release for release in releases}


def release_by_version(*, conference: Conference, version: str) -> Release:
    return get_object_or_404(
        Release.objects.defer("snapshot"), conference=conference, version=version
    )


def release_list(*, conference: Conference) -> QuerySet[Release]:
    """Releases, newest first, without their (large) snapshots."""
    return (
        Release.objects.filter(conference=conference)
        .defer("snapshot")
        .select_related("published_by")
        .order_by("-number")
    )


def conferences_with_releases() -> QuerySet[Conference]:
    return Conference.objects.filter(releases__isnull=False).distinct().order_by("start_date")


# --- people ----------------------------------------------------------------------------------


def favourite_ids(*, user, conference: Conference) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Favourite.objects.filter(user=user, submission__conference=conference).values_list(
            "submission_id", flat=True
        )
    )


def calendar_feed_user(*, token: str):
    """The person whose feed token this is, or None."""
    user_id, _, _ = token.partition("-")
    if not user_id.isdigit():
        return None
    feed = CalendarFeed.objects.select_related("user").filter(user_id=int(user_id)).first()
    if feed is None or not feed.matches(token) or not feed.user.is_active:
        return None
    return feed.user


def calendar_feed_of(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def availability_of(*, user, conference: Conference) -> SpeakerAvailability | None:
    return SpeakerAvailability.objects.filter(user=user, conference=conference).first()


def availability_windows_local(*, user, conference: Conference) -> list[dict]:
    """The speaker's windows as {"date", "starts_at", "ends_at", "preferred"} in the conference's
    zone."""
    availability = availability_of(user=user, conference=conference)
    if availability is None:
        return []
    tz = conference.tzinfo
    rows = []
    for window in availability.windows:
        start = days.parse_instant(window["start"]).astimezone(tz)
        end = days.parse_instant(window["end"]).astimezone(tz)
        rows.append(
            {
                "date": start.date(),
                "starts_at": start.time(),
                "ends_at": end.time(),
                "preferred": bool(window.get("preferred")),
            }
        )
    return sorted(rows, key=lambda row: (row["date"], row["starts_at"]))


# --- the editor's JSON -----------------------------------------------------------------------


def _speaker_names(submission) -> str:
    return ", ".join(speaker_display_name(user=user) for user in submission.speakers.all())


def item_json(*, item: ScheduleItem, conference: Conference, stars: dict[int, int]) -> dict:
    tz = conference.tzinfo
    submission = item.submission if item.kind in TALK_KINDS else None
    track = submission.track if submission else None
    return {
        "id": item.pk,
        "version": item.version,
        "kind": item.kind,
        "title": item.display_title,
        "room": item.room_id,
        "start": days.iso_utc(item.start),
        "end": days.iso_utc(item.end),
        "minutes": item.duration_minutes,
        "day": days.local_day(item.start, tz).isoformat(),
        "label": f"{days.clock(item.start, tz)}–{days.clock(item.end, tz)}",
        "submission": submission.pk if submission else None,
        "track": track.pk if track else None,
        "colour": track.colour if track else "",
        "speakers": _speaker_names(submission) if submission else "",
        "state": submission.state if submission else "",
        "stars": stars.get(submission.pk, 0) if submission else 0,
        "silenced": list(item.silenced or []),
    }


def talk_json(*, submission: Submission, stars: dict[int, int]) -> dict:
    track = submission.track
    return {
        "submission": submission.pk,
        "title": submission.title,
        "format": submission.format,
        "minutes": days.round_up_minutes(submission.duration, GRANULARITY_MINUTES),
        "track": track.pk if track else None,
        "track_name": track.name if track else "",
        "colour": track.colour if track else "",
        "speakers": _speaker_names(submission),
        "state": submission.state,
        "stars": stars.get(submission.pk, 0),
    }


def editor_state(*, conference: Conference, copy: dict | None = None) -> dict:
    """The whole working copy as JSON for the editor: items, unscheduled talks, conflicts.

    A fixed number of queries whatever the number of items.
    """
    copy = copy or working_copy(conference=conference)
    stars = copy["stars"]
    tz = conference.tzinfo
    items_by_id = {item.pk: item for item in copy["items"]}
    conflicts = []
    for conflict in copy["conflicts"]:
        first = min((items_by_id[i] for i in conflict.item_ids), key=lambda item: item.start)
        conflicts.append({**conflict.as_dict(), "day": days.local_day(first.start, tz).isoformat()})
    return {
        "revision": copy["revision"],
        "items": [
            item_json(item=item, conference=conference, stars=stars) for item in copy["items"]
        ],
        "unscheduled": [
            talk_json(submission=submission, stars=stars)
            for submission in unscheduled_talks(conference=conference)
        ],
        "conflicts": conflicts,
        "rooms": [
            {"id": room.pk, "name": room.name, "capacity": room.capacity} for room in copy["rooms"]
        ],
        "tracks": [
            {"id": track.pk, "name": track.name, "colour": track.colour} for track in copy["tracks"]
        ],
    }


def talk_popularity(*, conference: Conference) -> list[dict]:
    """Accepted and confirmed talks by stars, most first, with their slot and the audience
    expected from the stars (see docs/scheduling.md)."""
    starring, registrations = audience_basis(conference=conference)
    talks = (
        Submission.objects.public()
        .filter(conference=conference)
        .annotate(star_count=Count("favourites"))
        .select_related("track")
        .prefetch_related(
            Prefetch("schedule_items", queryset=ScheduleItem.objects.select_related("room"))
        )
        .order_by("-star_count", "title")
    )
    rows = []
    for talk in talks:
        item = next(iter(talk.schedule_items.all()), None)
        rows.append(
            {
                "talk": talk,
                "stars": talk.star_count,
                "expected": expected_audience(
                    stars=talk.star_count, starring_people=starring, registrations=registrations
                ),
                "item": item,
                "room": item.room if item else None,
            }
        )
    return rows
