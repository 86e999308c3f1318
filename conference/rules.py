"""Who may do what in a conference: predicates `predicate(user, conference)` that the pages
(conference.access.conference_view) and the API (conference.api.permissions) ask directly."""

import rules

from conference.enums import Role


def _role(user, conference) -> str | None:
    if not user.is_authenticated or conference is None:
        return None
    # Cached per request user: a page asks several times about the same conference.
    cache = user.__dict__.setdefault("_conference_roles", {})
    if conference.pk not in cache:
        membership = conference.memberships.filter(user=user).values_list("role", flat=True)
        cache[conference.pk] = next(iter(membership), None)
    return cache[conference.pk]


@rules.predicate
def is_signed_in(user, conference) -> bool:
    """Anybody with an account (pages such as "Submit a talk" that ask no role)."""
    return user.is_authenticated


@rules.predicate
def is_organiser(user, conference) -> bool:
    return user.is_superuser or _role(user, conference) == Role.ORGANISER


@rules.predicate
def is_reviewer(user, conference) -> bool:
    return _role(user, conference) == Role.REVIEWER


is_team_member = is_organiser | is_reviewer

# Set-up pages, attendees, the dashboard and check-in are for organisers only: reviewers see no
# attendee data. Predicates about submissions (speaker of, reviewer limited to tracks, anonymised
# review) live in talks/rules.py, because they read talks models and imports flow conference ←
# talks; the same goes for scheduling/rules.py.

# The schedule's working copy, the agenda editor, releases and star counts.
can_edit_schedule = is_organiser
