from django.db import models
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    TALK = "talk", _("Talk")
    WORKSHOP = "workshop", _("Workshop")
    PANEL = "panel", _("Panel / roundtable")
    LIGHTNING = "lightning", _("Lightning talk")
    CASE_STUDY = "case_study", _("Case study")


DEFAULT_DURATIONS = {
    Format.KEYNOTE: 45,
    Format.TALK: 30,
    Format.WORKSHOP: 90,
    Format.PANEL: 45,
    Format.LIGHTNING: 10,
    Format.CASE_STUDY: 30,
}


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Language(models.TextChoices):
    """Languages a talk may be given in; each conference picks the ones it offers."""

    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")
    JAPANESE = "ja", _("Japanese")
    KOREAN = "ko", _("Korean")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")


class TextLanguage(models.TextChoices):
    """The languages a submission's title and abstract are told apart in (conference.language)."""

    ENGLISH = "en", _("English")
    CHINESE = "zh-hans", _("Simplified Chinese")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled")


# States in which a talk is (or may become) part of the programme: the speaker page shows them.
PUBLIC_STATES = (State.ACCEPTED, State.CONFIRMED)
# Submissions that count towards the per-speaker limit: everything sent and not taken back.
COUNTED_STATES = (State.SUBMITTED, State.ACCEPTED, State.REJECTED, State.CONFIRMED)
# Speakers edit only before a decision (and while the CfP is open).
EDITABLE_STATES = (State.DRAFT, State.SUBMITTED)
# Co-speakers may be invited to (and join) a submission that is still going somewhere.
JOINABLE_STATES = (State.DRAFT, State.SUBMITTED, State.ACCEPTED, State.CONFIRMED)
# Reviews are written while the submission waits for its decision.
REVIEWABLE_STATES = (State.SUBMITTED,)
# The organisers' decisions: the states the review page's buttons (and the API) move a talk to.
ORGANISER_DECISIONS = (State.ACCEPTED, State.REJECTED, State.CANCELLED)
# The states the team's filters offer: all but drafts, which the team never sees.
SENT_IN_CHOICES = [choice for choice in State.choices if choice[0] != State.DRAFT]


class Actor(models.TextChoices):
    """Who may make a state transition."""

    SPEAKER = "speaker", _("Speaker")
    ORGANISER = "organiser", _("Organiser")


class TrackSource(models.TextChoices):
    """How the submission's track was set."""

    NONE = "", _("Not set")
    REVIEW = "review", _("Confirmed in review")
    OVERRIDE = "override", _("Corrected in review")
    AUTO = "auto", _("Set automatically")
    BULK = "bulk", _("Confirmed in bulk")


# Track decisions a person made; "auto" (and none) may still be replaced by a prediction.
# A person looked at this submission and set its track: what the gate measures on and what
# retraining learns from.
HUMAN_TRACK_SOURCES = (TrackSource.REVIEW, TrackSource.OVERRIDE)
# Decided: never changed by the categoriser, shown as decided, undone from the log. A bulk
# confirmation is decided but not looked at: it accepts the model's own label, so it neither
# trains nor gates the model.
DECIDED_TRACK_SOURCES = (*HUMAN_TRACK_SOURCES, TrackSource.BULK)


class ExampleSource(models.TextChoices):
    IMPORT = "import", _("Imported programme")
    REVIEW = "review", _("Confirmed or corrected in review")


class MailKind(models.TextChoices):
    RECEIVED = "cfp.received", _("Submission received")
    ACCEPTED = "cfp.accepted", _("Accepted (with a confirm link)")
    REJECTED = "cfp.rejected", _("Rejected")
    REMINDER = "cfp.reminder", _("Reminder to confirm")
    INVITATION = "cfp.invitation", _("Co-speaker invitation")


class LogAction(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    STATE = "state", _("State changed")
    TRACK = "track", _("Track set")
    INVITED = "invited", _("Co-speaker invited")
    JOINED = "joined", _("Co-speaker joined")
    REMINDED = "reminded", _("Reminded to confirm")
