"""Who may do what in a conference: predicates shared by views (and later the API)."""

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
def is_organiser(user, conference) -> bool:
    return user.is_superuser or _role(user, conference) == Role.ORGANISER


@rules.predicate
def is_reviewer(user, conference) -> bool:
    return _role(user, conference) == Role.REVIEWER


is_team_member = is_organiser | is_reviewer

rules.add_perm("conference.change_conference", is_organiser)
rules.add_perm("conference.review_tracks", is_team_member)

# Issue 3: set-up pages, attendees, the dashboard and check-in are for organisers only; reviewers
# see no attendee data. (Views check is_organiser through conference.setup.decorators.)
rules.add_perm("conference.setup_conference", is_organiser)
rules.add_perm("conference.view_registrations", is_organiser)
rules.add_perm("conference.check_in", is_organiser)

# Issue 4: predicates about submissions (speaker of, reviewer limited to tracks, anonymised
# review, ...) live in talks/rules.py: they read talks models, and imports flow conference ← talks.

# Issue 7: the schedule's working copy, the agenda editor, releases and star counts are for
# organisers. Predicates that read talks (a speaker of an accepted talk) live in
# scheduling/rules.py.
can_edit_schedule = is_organiser
rules.add_perm("conference.edit_schedule", can_edit_schedule)
rules.add_perm("conference.view_star_counts", can_edit_schedule)
