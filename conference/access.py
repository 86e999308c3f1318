"""The one way a view below /c/<slug>/ says who may open it.

Permissions are django-rules predicates `predicate(user, conference)` (conference/rules.py,
talks/rules.py, scheduling/rules.py), asked directly: the HTML pages through `conference_view`,
the REST API through `conference.api.permissions.ConferenceRule`, which wrap the same predicates.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.errors import api_error
from conference.selectors import conference_by_slug


def conference_view(predicate: Callable | None = None, *, json: bool = False):
    """Fetch the conference of the URL's slug, ask the predicate, use its time zone.

    The view is called as view(request, conference, **kwargs) instead of with the slug; an
    unknown slug is a 404. With a predicate, anonymous people are sent to the log-in page and
    everybody else whom the predicate refuses gets a 403; `json=True` answers both in the API's
    error format instead, for the endpoints that pages call with fetch(). Without a predicate
    the page is public. Forms read and pages show date-times in the conference's zone, not the
    server's.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, **kwargs):
            conference = conference_by_slug(slug=slug)
            if predicate is not None:
                refused = _refusal(request, predicate(request.user, conference), json=json)
                if refused is not None:
                    return refused
            with timezone.override(conference.tzinfo):
                return view(request, conference, **kwargs)

        return wrapper

    return decorator


def _refusal(request, allowed: bool, *, json: bool):
    if allowed:
        return None
    if not request.user.is_authenticated:
        if json:
            return api_error(_("Log in first."), 401)
        return redirect_to_login(request.get_full_path())
    if json:
        return api_error(_("You may not do this here."), 403)
    raise PermissionDenied
