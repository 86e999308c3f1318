"""Publishing: freeze the working copy into a numbered release with a changelog."""

from __future__ import annotations

import hashlib
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conference.mail import held_mail, queue_mail
from conference.models import Conference
from scheduling import selectors
from scheduling.conflicts import Conflict
from scheduling.days import clock, iso_utc, parse_instant
from scheduling.enums import TALK_KINDS
from scheduling.models import Release
from scheduling.services.items import lock_schedule
from talks.enums import PUBLIC_STATES
from talks.models import Submission
from talks.selectors import speaker_display_name

logger = logging.getLogger(__name__)

SNAPSHOT_FORMAT = 1
CHANGE_KINDS = ("added", "moved", "removed", "cancelled")


def build_snapshot(*, conference: Conference, items=None, include_all: bool = False) -> dict:
    """Everything the public pages and exports of a release show, as plain JSON.

    Talks that are no longer accepted or confirmed are left out (the changelog calls them
    cancelled) unless `include_all` (the editor's own view). `items` are the working copy's
    items if already loaded. A fixed number of queries whatever the size.
    """
    if items is None:
        items = list(selectors.schedule_items(conference=conference))
    speakers: dict[int, dict] = {}
    rows = []
    for item in items:
        talk = None
        if item.kind in TALK_KINDS and item.submission_id:
            submission = item.submission
            if submission.state not in PUBLIC_STATES and not include_all:
                continue
            for user in submission.speakers.all():
                if user.pk not in speakers:
                    speakers[user.pk] = _speaker(user)
            talk = {
                "id": submission.pk,
                "title": submission.title,
                "abstract": submission.abstract,
                "format": submission.format,
                "level": submission.level,
                "language": submission.language,
                "duration": submission.duration,
                "track": submission.track_id,
                "speakers": [user.pk for user in submission.speakers.all()],
            }
        rows.append(
            {
                "id": item.pk,
                "kind": item.kind,
                "title": item.display_title,
                "room": item.room_id,
                "start": iso_utc(item.start),
                "end": iso_utc(item.end),
                "talk": talk,
            }
        )
    return {
        "format": SNAPSHOT_FORMAT,
        "conference": {
            "name": conference.name,
            "slug": conference.slug,
            "timezone": conference.timezone,
            "start_date": conference.start_date.isoformat(),
            "end_date": conference.end_date.isoformat(),
            "venue": conference.venue,
            "description": conference.description,
        },
        "rooms": [
            {"id": room.pk, "name": room.name, "capacity": room.capacity}
            for room in conference.rooms.all()
        ],
        "tracks": [
            {"id": t.pk, "name": t.name, "name_zh": t.name_zh, "slug": t.slug, "colour": t.colour}
            for t in conference.tracks.all()
        ],
        "speakers": sorted(speakers.values(), key=lambda s: s["id"]),
        "items": rows,
    }


def _speaker(user) -> dict:
    try:
        profile = user.speaker_profile
    except ObjectDoesNotExist:
        profile = None
    return {
        "id": user.pk,
        "name": speaker_display_name(user=user),
        "biography": profile.bio if profile else "",
        "affiliation": profile.affiliation if profile else "",
    }


def _slots(snapshot: dict | None) -> dict[int, dict]:
    """{talk id: {"title", "start", "end", "room", "speakers"}} of a snapshot's talks."""
    if not snapshot:
        return {}
    rooms = {room["id"]: room["name"] for room in snapshot.get("rooms", [])}
    slots = {}
    for item in snapshot.get("items", []):
        talk = item.get("talk")
        if talk:
            slots[talk["id"]] = {
                "title": talk["title"],
                "start": item["start"],
                "end": item["end"],
                "room": rooms.get(item["room"], ""),
                "speakers": talk.get("speakers", []),
            }
    return slots


def compute_changelog(
    *, previous: dict | None, current: dict, states: dict[int, str] | None = None
) -> dict:
    """What changed for talks from the previous release's snapshot to this one.

    added: newly on the agenda; moved: another time or room; removed: off the agenda though
    still accepted; cancelled: off the agenda because the talk was withdrawn, cancelled or
    deleted. `states` gives the current state of the talks that left (missing = deleted).
    Each entry has talk, title, speakers and the slot (start, end, room); a move has from and to.
    """
    states = states or {}
    before, after = _slots(previous), _slots(current)
    changelog: dict[str, list] = {kind: [] for kind in CHANGE_KINDS}
    for talk_id, slot in after.items():
        old = before.get(talk_id)
        if old is None:
            changelog["added"].append({"talk": talk_id, **slot})
        elif (old["start"], old["end"], old["room"]) != (slot["start"], slot["end"], slot["room"]):
            changelog["moved"].append(
                {
                    "talk": talk_id,
                    "title": slot["title"],
                    "speakers": slot["speakers"],
                    "from": {key: old[key] for key in ("start", "end", "room")},
                    "to": {key: slot[key] for key in ("start", "end", "room")},
                }
            )
    for talk_id, old in before.items():
        if talk_id in after:
            continue
        kind = "removed" if states.get(talk_id) in PUBLIC_STATES else "cancelled"
        changelog[kind].append({"talk": talk_id, **old})
    for kind in CHANGE_KINDS:
        changelog[kind].sort(key=lambda e: (e.get("start") or e["to"]["start"], e["talk"]))
    return changelog


def changelog_is_empty(changelog: dict) -> bool:
    return not any(changelog.get(kind) for kind in CHANGE_KINDS)


def preview_changelog(*, conference: Conference) -> dict:
    """The changelog that publishing now would write (reads only)."""
    previous = selectors.latest_release(conference=conference)
    snapshot = build_snapshot(conference=conference)
    return _changelog(previous.snapshot if previous else None, snapshot)


def _changelog(previous: dict | None, snapshot: dict) -> dict:
    gone = set(_slots(previous)) - set(_slots(snapshot))
    states = dict(Submission.objects.filter(pk__in=gone).values_list("pk", "state") if gone else [])
    return compute_changelog(previous=previous, current=snapshot, states=states)


# Given as `confirmed_conflicts`: publish despite whatever conflicts there are.
ALL_CONFLICTS = "all"


class PublishRefused(ValidationError):
    """The working copy has open conflicts that the person publishing has not confirmed (or
    they changed since); `conflicts` are the open ones now."""

    def __init__(self, message, *, conflicts: list[Conflict]):
        super().__init__(message, code="unconfirmed_conflicts")
        self.conflicts = conflicts


def open_conflicts(*, conflicts: list[Conflict]) -> list[Conflict]:
    """The conflicts publishing would have to be confirmed for: every error (errors cannot
    be silenced) and every warning not silenced, in their order."""
    return [c for c in conflicts if c.severity == "error" or not c.silenced]


def conflicts_digest(conflicts: list[Conflict]) -> str:
    """A short fingerprint of a list of conflicts (their codes and items): the publish page
    sends back the one it showed, so a confirmation covers exactly the conflicts seen."""
    keys = sorted(f"{c.code}:{','.join(map(str, c.item_ids))}" for c in conflicts)
    return hashlib.sha256("|".join(keys).encode()).hexdigest()[:16] if keys else ""


@transaction.atomic
def publish_release(
    *,
    conference: Conference,
    user=None,
    comment: str = "",
    confirmed_conflicts: str | None = None,
    hold_mail: bool = False,
) -> Release:
    """Publish the working copy as the next release (v1, v2, ...) with its changelog.

    `confirmed_conflicts` (the publish page passes it): the conflicts_digest of the open
    conflicts the person confirmed publishing despite, "" for none confirmed, ALL_CONFLICTS for
    whatever they are (an API client's explicit choice). The schedule is
    locked and its open conflicts found again: if there are any and they are not exactly the
    confirmed ones, nothing is published (PublishRefused). None publishes without asking
    (scripts, demo data, the API). The open conflicts are kept on the release either way.

    The working copy stays as it is, private. Side effects: one Release; one e-mail to every
    speaker whose talk was added, moved or removed (queue_mail, sent after commit, or held in
    the outbox for an organiser to release with `hold_mail`).
    """
    schedule = lock_schedule(conference=conference)
    conflicts = open_conflicts(conflicts=selectors.current_conflicts(conference=conference))
    if confirmed_conflicts not in (None, ALL_CONFLICTS) and conflicts:
        if not confirmed_conflicts:
            raise PublishRefused(
                _("The schedule has conflicts: confirm that you publish it with them."),
                conflicts=conflicts,
            )
        if confirmed_conflicts != conflicts_digest(conflicts):
            raise PublishRefused(
                _("The conflicts changed since the page was loaded: check them again."),
                conflicts=conflicts,
            )
    previous = selectors.latest_release(conference=conference)
    snapshot = build_snapshot(conference=conference)
    changelog = _changelog(previous.snapshot if previous else None, snapshot)
    number = previous.number + 1 if previous else 1
    release = Release.objects.create(
        conference=conference,
        number=number,
        version=f"v{number}",
        comment=comment.strip(),
        changelog=changelog,
        snapshot=snapshot,
        revision=schedule.revision,
        conflicts=[conflict.as_dict() for conflict in conflicts],
        published_at=timezone.now(),
        published_by=user if user is not None and user.is_authenticated else None,
    )
    if conflicts:
        logger.info(
            "%s %s published by %s with %d open conflicts (%s)",
            conference.slug,
            release.version,
            release.published_by or "nobody",
            len(conflicts),
            ", ".join(sorted({c.code for c in conflicts})),
        )
    if hold_mail:
        with held_mail(_("schedule release")):
            notify_speakers(conference=conference, release=release)
    else:
        notify_speakers(conference=conference, release=release)
    return release


def notify_speakers(*, conference: Conference, release: Release) -> int:
    """E-mail each speaker the changes of their talks in this release (added, moved, removed).

    Cancelled talks are left out: their speakers cancelled them. Returns the e-mails queued.
    Side effects: OutboxMail rows, sent after commit.
    """
    per_speaker: dict[int, list[dict]] = {}
    for line in describe_changelog(changelog=release.changelog, tz=conference.tzinfo):
        if line["kind"] == "cancelled":
            continue
        for speaker_id in line["speakers"]:
            per_speaker.setdefault(speaker_id, []).append(line)
    if not per_speaker:
        return 0
    users = get_user_model().objects.filter(pk__in=per_speaker, is_active=True).exclude(email="")
    sent = 0
    for user in users:
        body = render_to_string(
            "scheduling/email/slot_changed.txt",
            {
                "conference": conference,
                "release": release,
                "name": speaker_display_name(user=user),
                "lines": per_speaker[user.pk],
            },
        )
        queue_mail(
            to=user.email,
            subject=_("%(conference)s: your slot in schedule %(version)s")
            % {"conference": conference.name, "version": release.version},
            body=body,
            conference=conference,
            kind="schedule.release",
        )
        sent += 1
    return sent


def _when(slot: dict, tz) -> str:
    start = parse_instant(slot["start"]).astimezone(tz)
    end = parse_instant(slot["end"]).astimezone(tz)
    return f"{start:%Y-%m-%d} {clock(start, tz)}–{clock(end, tz)}, {slot['room']}"


CHANGE_LABELS = {
    "added": gettext_lazy("Added"),
    "moved": gettext_lazy("Moved"),
    "removed": gettext_lazy("Removed"),
    "cancelled": gettext_lazy("Cancelled"),
}


def describe_changelog(*, changelog: dict, tz) -> list[dict]:
    """The changelog as lines to show: kind, label, talk, title, speakers, and the slot
    before and after in local time ("2026-10-25 10:00–10:30, Main Hall"; "" where none)."""
    lines = []
    for kind in CHANGE_KINDS:
        for entry in changelog.get(kind, []):
            line = {
                "kind": kind,
                "label": CHANGE_LABELS[kind],
                "talk": entry["talk"],
                "title": entry["title"],
                "speakers": entry.get("speakers", []),
                "before": "",
                "after": "",
            }
            if kind == "moved":
                line["before"] = _when(entry["from"], tz)
                line["after"] = _when(entry["to"], tz)
            elif kind == "added":
                line["after"] = _when(entry, tz)
            else:
                line["before"] = _when(entry, tz)
            lines.append(line)
    return lines
