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
