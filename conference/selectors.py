"""Reads of the event domain."""

from django.db.models import QuerySet
from django.http import Http404

from conference.models import Conference, Track
from conference.prepared import PreparedQuery

# Every page below /c/<slug>/ reads its conference first (compiled once: conference/prepared.py).
_BY_SLUG = PreparedQuery(lambda slug: Conference.objects.filter(slug=slug))


def conference_list() -> QuerySet[Conference]:
    return Conference.objects.all()


def conference_by_slug(*, slug: str) -> Conference:
    """The conference of a URL's slug; an unknown slug is a 404."""
    try:
        return _BY_SLUG.get(slug)
    except Conference.DoesNotExist:
        raise Http404("No conference has this address.") from None


def track_list(*, conference: Conference) -> QuerySet[Track]:
    return conference.tracks.all()
