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


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TrackSource(models.TextChoices):
    """How the submission's track was set."""

    NONE = "", _("Not set")
    REVIEW = "review", _("Confirmed in review")
    OVERRIDE = "override", _("Corrected in review")
    AUTO = "auto", _("Set automatically")


class ExampleSource(models.TextChoices):
    IMPORT = "import", _("Imported programme")
    REVIEW = "review", _("Confirmed or corrected in review")
