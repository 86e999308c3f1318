"""The permission check every organiser page starts with."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from conference.rules import is_organiser
from conference.selectors import conference_by_slug


def organiser_required(view):
    """Log in, be an organiser of the conference in the URL, see times in its time zone.

    The view is called as view(request, conference, **kwargs) instead of with the slug.
    Anonymous people go to the log-in page; everybody else who is not an organiser gets a 403.
    """

    @login_required
    @wraps(view)
    def wrapper(request, slug, **kwargs):
        conference = conference_by_slug(slug=slug)
        if not is_organiser(request.user, conference):
            raise PermissionDenied
        # Forms read and pages show date-times in the conference's zone, not the server's.
        with timezone.override(conference.tzinfo):
            return view(request, conference, **kwargs)

    return wrapper
