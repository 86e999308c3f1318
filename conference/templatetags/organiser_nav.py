"""The one organiser navigation, shown by base.html on every page of a conference's team.

The tag reads the `conference` of the page's context and asks the user's role itself, so no
view passes anything for it. Pages are named by URL name, not imported: conference imports
nothing of talks, scheduling or modeldemo, and an entry whose URL does not exist (a page not
built yet) is left out instead of breaking every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from conference.rules import is_organiser, is_team_member

register = template.Library()

ORGANISERS, TEAM = "organisers", "team"

# (group, [(label, URL name, who may open it)]). `TEAM` pages are open to reviewers too; the
# predicates of the views themselves decide, this only hides links that would answer 403.
GROUPS = [
    (
        _("Set-up"),
        [
            (_("Conference"), "setup:conference", ORGANISERS),
            (_("Tracks"), "setup:tracks", ORGANISERS),
            (_("Rooms"), "setup:rooms", ORGANISERS),
            (_("Tickets"), "setup:ticket_types", ORGANISERS),
            (_("Questions"), "setup:questions", ORGANISERS),
            (_("Team"), "setup:team", ORGANISERS),
        ],
    ),
    (
        _("Review"),
        [
            (_("Submissions"), "talks:review_list", TEAM),
            (_("Assigned to me"), "talks:review_assigned", TEAM),
            (_("Review progress"), "talks:review_progress", ORGANISERS),
            (_("Assign reviewers"), "talks:review_assign", ORGANISERS),
            (_("Reviewer assignment"), "talks:assignment", ORGANISERS),
            (_("Reviewer profile"), "talks:reviewer_profile", TEAM),
            (_("Bids"), "talks:bids", TEAM),
            (_("Track queue"), "talks:track_review_queue", TEAM),
            (_("Decision log"), "talks:decision_log", ORGANISERS),
            (_("Reviewers"), "talks:reviewer_tracks", ORGANISERS),
            (_("Review settings"), "talks:review_settings", ORGANISERS),
            (_("CfP settings"), "talks:cfp_settings", ORGANISERS),
            (_("CfP questions"), "talks:question_list", ORGANISERS),
            (_("E-mail templates"), "talks:mail_templates", ORGANISERS),
        ],
    ),
    (
        _("Schedule"),
        [
            (_("Editor"), "scheduling:editor", ORGANISERS),
            (_("Automatic draft"), "scheduling:solver", ORGANISERS),
            (_("Preview"), "scheduling:preview", ORGANISERS),
            (_("Publish"), "scheduling:publish", ORGANISERS),
            (_("Releases"), "scheduling:releases", ORGANISERS),
            (_("Stars"), "scheduling:star_counts", ORGANISERS),
        ],
    ),
    (
        _("Registration"),
        [
            (_("Dashboard"), "registrations:dashboard", ORGANISERS),
            (_("Attendees"), "registrations:attendee_list", ORGANISERS),
            (_("Check-in"), "registrations:check_in", ORGANISERS),
        ],
    ),
    (
        _("Mail"),
        [
            (_("Outbox"), "conference:outbox", ORGANISERS),
            (_("Compose"), "conference:outbox_compose", ORGANISERS),
        ],
    ),
    (
        _("ML"),
        [
            (_("Models"), "modeldemo:model_list", ORGANISERS),
            (_("Examples"), "modeldemo:examples_upload", ORGANISERS),
        ],
    ),
]


@dataclass
class Entry:
    label: str
    url: str
    current: bool = False


@dataclass
class Group:
    label: str
    entries: list[Entry]

    @property
    def current(self) -> bool:
        return any(entry.current for entry in self.entries)


def organiser_groups(*, conference: Conference, user, path: str) -> list[Group]:
    """The groups of pages `user` may open in `conference`, empty groups left out.

    The entry whose address is the longest prefix of `path` is the current one: a track's edit
    page (…/setup/tracks/3/) belongs to Tracks, not to Conference (…/setup/).
    """
    if not is_team_member(user, conference):
        return []
    organiser = is_organiser(user, conference)
    groups = []
    for label, pages in GROUPS:
        entries = []
        for entry_label, url_name, who in pages:
            if who == ORGANISERS and not organiser:
                continue
            try:
                url = reverse(url_name, args=[conference.slug])
            except NoReverseMatch:
                continue
            entries.append(Entry(label=entry_label, url=url))
        if entries:
            groups.append(Group(label=label, entries=entries))
    matches = [entry for group in groups for entry in group.entries if path.startswith(entry.url)]
    if matches:
        max(matches, key=lambda entry: len(entry.url)).current = True
    return groups


@register.inclusion_tag("_organiser_nav.html", takes_context=True)
def organiser_nav(context):
    """The organiser navigation for the page's `conference`, if the user is on its team."""
    conference = context.get("conference")
    request = context.get("request")
    if not isinstance(conference, Conference) or request is None:
        return {"groups": []}
    groups = organiser_groups(conference=conference, user=request.user, path=request.path)
    return {
        "conference": conference,
        "groups": groups,
        "current_group": next((group for group in groups if group.current), None),
    }
