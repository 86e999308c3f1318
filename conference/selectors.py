"""Reads of the event domain."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from conference.models import Conference, Track


def conference_list() -> QuerySet[Conference]:
    return Conference.objects.all()


def conference_by_slug(*, slug: str) -> Conference:
    return get_object_or_404(Conference, slug=slug)


def track_list(*, conference: Conference) -> QuerySet[Track]:
    return conference.tracks.all()
