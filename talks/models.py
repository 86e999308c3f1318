"""Submissions to the call for papers and the track suggestions made for them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Track
from talks.enums import ExampleSource, Format, State, TrackSource

TITLE_MAX_LENGTH = 200
ABSTRACT_MAX_LENGTH = 5000


class Submission(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="submissions")
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    abstract = models.TextField(_("abstract"), max_length=ABSTRACT_MAX_LENGTH)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )
    # The track a person confirmed (or the categoriser set above the threshold) ...
    track = models.ForeignKey(
        Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="submissions"
    )
    track_source = models.CharField(
        _("track set by"), max_length=20, choices=TrackSource.choices, blank=True
    )
    # ... and the categoriser's latest suggestion, kept beside it for the review queue.
    suggested_track = models.ForeignKey(
        Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    suggested_confidence = models.FloatField(_("confidence"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["conference", "suggested_confidence"])]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("talks:submission_detail", args=[self.pk])

    @property
    def categoriser_text(self) -> str:
        return f"{self.title}. {self.abstract}"


class Prediction(models.Model):
    """One categoriser's suggestion for one submission; one per submission and model version."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="predictions")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")
    confidence = models.FloatField(_("confidence"))
    # [{"track": slug, "label": name, "probability": p}, ...] best first.
    top = models.JSONField(_("top suggestions"), default=list)
    categoriser = models.CharField(_("categoriser"), max_length=20)
    model_version = models.CharField(_("model version"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "model_version"], name="prediction_unique_version"
            ),
        ]
        verbose_name = _("track prediction")
        verbose_name_plural = _("track predictions")

    def __str__(self) -> str:
        return f"{self.submission} → {self.track} ({self.confidence:.2f})"


class LabelledExample(models.Model):
    """A text with its track label, for training categorisers.

    From imported past programmes (conference may be empty: the label is then a bare name) and
    from every track a person confirmed or corrected in review.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, null=True, blank=True, related_name="examples"
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.SET_NULL, null=True, blank=True, related_name="examples"
    )
    text = models.TextField(_("text"))
    label = models.CharField(_("label"), max_length=200)
    source = models.CharField(_("source"), max_length=20, choices=ExampleSource.choices)
    dataset = models.CharField(_("data set"), max_length=200, blank=True)
    # sha256 of the text: duplicates are found with an index, not by comparing long texts.
    text_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "text_hash", "label"], name="example_unique_text_label"
            ),
        ]
        indexes = [models.Index(fields=["conference", "source"])]
        verbose_name = _("labelled example")
        verbose_name_plural = _("labelled examples")

    def __str__(self) -> str:
        return f"{self.label}: {self.text[:60]}"
