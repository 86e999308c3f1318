"""Helpers the scheduling views share: finding the release asked for, absolute links."""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import Conference
from conference.rules import can_edit_schedule
from conference.selectors import conference_by_slug
from scheduling import selectors
from scheduling.exports.common import Links
from scheduling.models import Release
from scheduling.programme import Programme


def release_for(*, conference: Conference, version: str | None) -> Release | None:
    """The release in the URL, or the latest one (None if nothing is published yet)."""
    if version:
        return selectors.release_by_version(conference=conference, version=version)
    return selectors.latest_release(conference=conference)


# Releases never change, so each process keeps the last few read back (a 300-talk snapshot
# takes ~10 ms to read). Keyed by publication time too: a test database may reuse an id.
_PROGRAMMES: OrderedDict[tuple, Programme] = OrderedDict()
_PROGRAMMES_KEPT = 8
_PROGRAMMES_LOCK = threading.Lock()


def programme_of(release: Release) -> Programme:
    key = (release.pk, release.published_at)
    with _PROGRAMMES_LOCK:
        programme = _PROGRAMMES.get(key)
        if programme is not None:
            _PROGRAMMES.move_to_end(key)
            return programme
    programme = Programme(release.snapshot, version=release.version, number=release.number)
    with _PROGRAMMES_LOCK:
        _PROGRAMMES[key] = programme
        while len(_PROGRAMMES) > _PROGRAMMES_KEPT:
            _PROGRAMMES.popitem(last=False)
    return programme


def required_programme(*, conference: Conference, version: str | None) -> tuple[Release, Programme]:
    release = release_for(conference=conference, version=version)
    if release is None:
        raise Http404(_("No schedule is published yet."))
    return release, programme_of(release)


def url_name(name: str, version: str | None) -> str:
    return f"scheduling:release_{name}" if version else f"scheduling:{name}"


def url_args(conference: Conference, version: str | None, *extra) -> list:
    return [conference.slug, version, *extra] if version else [conference.slug, *extra]


def links_for(request, *, conference: Conference, version: str | None) -> Links:
    """Absolute addresses of the release's pages; the latest release's use the stable ones.

    One reverse() per kind of page, completed with each id, not one per talk."""

    def absolute(name: str, *extra) -> str:
        return request.build_absolute_uri(
            reverse(url_name(name, version), args=url_args(conference, version, *extra))
        )

    talk_prefix = absolute("talk", 0)[: -len("0/")]
    speaker_prefix = absolute("speaker", 0)[: -len("0/")]
    return Links(
        base_url=request.build_absolute_uri("/"),
        agenda_url=absolute("agenda"),
        talk_url=lambda pk: f"{talk_prefix}{pk}/",
        speaker_url=lambda pk: f"{speaker_prefix}{pk}/",
    )


def schedule_api(view):
    """JSON endpoints of the editor: organisers only, answered in JSON (401/403), in the
    conference's time zone. The view is called as view(request, conference, **kwargs)."""

    @wraps(view)
    def wrapper(request, slug, **kwargs):
        conference = conference_by_slug(slug=slug)
        if not request.user.is_authenticated:
            return JsonResponse({"error": "login", "message": _("Log in first.")}, status=401)
        if not can_edit_schedule(request.user, conference):
            return JsonResponse(
                {"error": "forbidden", "message": _("Only organisers edit the schedule.")},
                status=403,
            )
        with timezone.override(conference.tzinfo):
            return view(request, conference, **kwargs)

    return wrapper


def check_organiser(user, conference: Conference) -> None:
    if not can_edit_schedule(user, conference):
        raise PermissionDenied
