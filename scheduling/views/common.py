"""What the scheduling views share: finding the release asked for and its programme."""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.http import Http404
from django.utils.translation import gettext as _

from conference.models import Conference
from scheduling import selectors
from scheduling.models import Release
from scheduling.programme import Programme


def release_for(
    *, conference: Conference, version: str | None, profiles_changed: bool = False, speaker=None
) -> Release | None:
    """The release in the URL, or the latest one (None if nothing is published yet); the
    latest with `profiles_changed` carries when a speaker profile last changed
    (selectors.latest_release), for scheduling.views.public.live_programme, and with
    `speaker` whether they are a schedule speaker."""
    if version:
        return selectors.release_by_version(conference=conference, version=version)
    return selectors.latest_release(
        conference=conference, profiles_changed=profiles_changed, speaker=speaker
    )


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
