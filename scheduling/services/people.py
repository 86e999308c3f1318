"""Writes by speakers and attendees: availability, starred talks, the calendar feed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from conference.models import Conference
from scheduling import days
from scheduling.models import CalendarFeed, Favourite, SpeakerAvailability
from scheduling.models.agenda import new_nonce
from talks.models import Submission

# More would be a calendar, not a list of windows.
MAX_WINDOWS = 30


@transaction.atomic
def save_speaker_availability(
    *, conference: Conference, user, windows: list[tuple]
) -> SpeakerAvailability:
    """Replace the speaker's windows with these (day, from, until[, preferred]) in the
    conference's zone. A preferred window is one the speaker would rather speak in (the
    automatic draft schedule weighs it); every window is a time she can.

    Raises ValidationError for a day outside the conference or a window that ends before it
    starts. An empty list means "any time". Side effects: the SpeakerAvailability row.
    """
    conference_days = set(days.conference_days(conference))
    tz = conference.tzinfo
    if len(windows) > MAX_WINDOWS:
        raise ValidationError(_("Enter at most %(count)s windows.") % {"count": MAX_WINDOWS})
    stored = []
    for day, starts_at, ends_at, *rest in sorted(windows):
        if day not in conference_days:
            raise ValidationError(_("Pick a day of the conference."), code="day")
        if ends_at <= starts_at:
            raise ValidationError(_("A window must end after it starts."), code="window")
        window = {
            "start": days.iso_utc(days.local_instant(day, starts_at, tz)),
            "end": days.iso_utc(days.local_instant(day, ends_at, tz)),
        }
        if rest and rest[0]:
            window["preferred"] = True
        stored.append(window)
    availability, _created = SpeakerAvailability.objects.update_or_create(
        conference=conference, user=user, defaults={"windows": stored}
    )
    return availability


def set_favourite(*, user, conference: Conference, submission_id: int, starred: bool) -> bool:
    """Star (or unstar) a talk of the conference. Returns whether it is starred now.

    Only accepted and confirmed talks can be starred. Side effects: a Favourite row added or
    removed.
    """
    if not starred:
        Favourite.objects.filter(
            user=user, submission_id=submission_id, submission__conference=conference
        ).delete()
        return False
    exists = Submission.objects.public().filter(pk=submission_id, conference=conference).exists()
    if not exists:
        raise ValidationError(_("There is no such talk on the agenda."), code="talk")
    try:
        with transaction.atomic():
            Favourite.objects.get_or_create(user=user, submission_id=submission_id)
    except IntegrityError:  # starred twice at once: it is starred
        pass
    return True


def import_favourites(*, user, conference: Conference, submission_ids: list[int]) -> int:
    """Add the talks starred in the browser before logging in. Returns how many were new.

    Ids that are not accepted or confirmed talks of the conference are ignored.
    Side effects: Favourite rows.
    """
    wanted = set(
        Submission.objects.public()
        .filter(pk__in=submission_ids[:500], conference=conference)
        .values_list("pk", flat=True)
    )
    have = set(
        Favourite.objects.filter(user=user, submission_id__in=wanted).values_list(
            "submission_id", flat=True
        )
    )
    new = [Favourite(user=user, submission_id=pk) for pk in sorted(wanted - have)]
    Favourite.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def calendar_feed_for(*, user) -> CalendarFeed:
    """The person's calendar feed, created on first use. Side effects: a CalendarFeed row."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def reset_calendar_feed(*, user) -> CalendarFeed:
    """A new feed address; the old one stops working. Side effects: a new nonce."""
    feed = calendar_feed_for(user=user)
    feed.nonce = new_nonce()
    feed.save(update_fields=["nonce"])
    return feed
