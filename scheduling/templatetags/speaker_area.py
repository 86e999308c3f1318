"""The speaker's view of the schedule, for the talks app's own pages (My submissions, a
submission's page): talks cannot import scheduling, so its templates load this library.

{% talk_slots submissions as slots %} reads the latest release of each conference once;
{% talk_slot slots submission %} shows one talk's day, time, room and what changed for it;
{% talk_calendars slots %} links the iCal file of the speaker's own talks per conference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.urls import reverse

from scheduling import selectors
from scheduling.programme import Entry
from scheduling.services.releases import describe_changelog
from scheduling.views.common import programme_of
from talks.enums import PUBLIC_STATES

register = template.Library()


@dataclass
class TalkSlot:
    """A talk in its conference's latest release: entry is None when it is not on it."""

    conference: object
    version: str
    published_at: object
    timezone: str
    entry: Entry | None
    changes: list[dict] = field(default_factory=list)
    talk_url: str = ""


@register.simple_tag
def talk_slots(submissions) -> dict[int, TalkSlot]:
    """{submission id: TalkSlot} of the submissions whose conference has published a schedule
    (one query for the releases; each release's programme is read once per process)."""
    submissions = list(submissions)
    releases = selectors.latest_releases(conference_ids={s.conference_id for s in submissions})
    changes_of: dict[int, dict[int, list[dict]]] = {}
    slots = {}
    for submission in submissions:
        release = releases.get(submission.conference_id)
        if release is None:
            continue
        conference = release.conference
        if release.pk not in changes_of:
            by_talk: dict[int, list[dict]] = {}
            for line in describe_changelog(changelog=release.changelog, tz=conference.tzinfo):
                by_talk.setdefault(line["talk"], []).append(line)
            changes_of[release.pk] = by_talk
        entry = programme_of(release).talks.get(submission.pk)
        slots[submission.pk] = TalkSlot(
            conference=conference,
            version=release.version,
            published_at=release.published_at,
            timezone=conference.timezone,
            entry=entry,
            changes=changes_of[release.pk].get(submission.pk, []),
            talk_url=reverse("scheduling:talk", args=[conference.slug, submission.pk])
            if entry
            else "",
        )
    return slots


@register.inclusion_tag("scheduling/_talk_slot.html")
def talk_slot(slots: dict, submission, detailed: bool = False):
    return {
        "slot": slots.get(submission.pk),
        # Accepted or confirmed: it may still be put on the agenda.
        "schedulable": submission.state in PUBLIC_STATES,
        "detailed": detailed,
    }


@register.inclusion_tag("scheduling/_talk_calendars.html")
def talk_calendars(slots: dict):
    """One "my talks" calendar link per conference where one of the talks is on the agenda."""
    conferences = {}
    for slot in slots.values():
        if slot.entry is not None:
            conferences.setdefault(slot.conference.pk, slot.conference)
    return {
        "calendars": [
            (conference, reverse("scheduling:my_talks_ics", args=[conference.slug]))
            for conference in conferences.values()
        ]
    }
