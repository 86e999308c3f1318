from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    TALK = "talk", _("Talk")
    KEYNOTE = "keynote", _("Keynote")
    BREAK = "break", _("Break")
    BLOCKER = "blocker", _("Blocked time")


# Kinds that put a submission on the agenda; the others carry a title of their own.
TALK_KINDS = (ItemKind.TALK, ItemKind.KEYNOTE)
# Only these may span every room (room left empty).
ALL_ROOM_KINDS = (ItemKind.BREAK, ItemKind.BLOCKER)


class Severity(models.TextChoices):
    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")


class ConflictCode(models.TextChoices):
    ROOM_OVERLAP = "room_overlap", _("Two items in one room")
    SPEAKER_OVERLAP = "speaker_overlap", _("Speaker in two places")
    SPEAKER_UNAVAILABLE = "speaker_unavailable", _("Speaker not available")
    ROOM_UNAVAILABLE = "room_unavailable", _("Room not available")
    OUTSIDE_CONFERENCE = "outside_conference", _("Outside the conference days")
    ROOM_TOO_SMALL = "room_too_small", _("Room too small")
    TRACK_PARALLEL = "track_parallel", _("Same track in parallel")
    UNCONFIRMED = "unconfirmed", _("Speaker has not confirmed")
    NOT_ACCEPTED = "not_accepted", _("Talk no longer accepted")


SEVERITIES = {
    ConflictCode.ROOM_OVERLAP: Severity.ERROR,
    ConflictCode.SPEAKER_OVERLAP: Severity.ERROR,
    ConflictCode.OUTSIDE_CONFERENCE: Severity.ERROR,
    ConflictCode.NOT_ACCEPTED: Severity.ERROR,
    # The venue has not booked the room then: nothing to negotiate, unlike a speaker's wishes.
    ConflictCode.ROOM_UNAVAILABLE: Severity.ERROR,
    ConflictCode.SPEAKER_UNAVAILABLE: Severity.WARNING,
    ConflictCode.ROOM_TOO_SMALL: Severity.WARNING,
    ConflictCode.TRACK_PARALLEL: Severity.WARNING,
    ConflictCode.UNCONFIRMED: Severity.WARNING,
}

# Only warnings can be silenced: an error is always shown.
SILENCEABLE = tuple(code for code, severity in SEVERITIES.items() if severity == Severity.WARNING)

# Editor grid steps in minutes; every start and end lies on the finest one.
STEPS = (5, 15, 30)
GRANULARITY_MINUTES = 5
DEFAULT_STEP = 15
# One item is at most this long: a whole-day workshop, not a week.
MAX_ITEM_MINUTES = 12 * 60
