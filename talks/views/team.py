"""Shared checks of the team's pages."""

from django.core.exceptions import PermissionDenied

from conference.rules import is_organiser, is_team_member
from conference.selectors import conference_by_slug


def team_conference(request, slug):
    """The conference, if the user is on its team (organiser or reviewer); else 403."""
    conference = conference_by_slug(slug=slug)
    if not is_team_member(request.user, conference):
        raise PermissionDenied
    return conference


def organiser_conference(request, slug):
    """The conference, if the user is one of its organisers; else 403."""
    conference = conference_by_slug(slug=slug)
    if not is_organiser(request.user, conference):
        raise PermissionDenied
    return conference
