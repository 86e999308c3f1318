"""What the machine-learning side writes about submissions: predictions, examples, embeddings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Track
from talks.enums import ExampleSource
from talks.models.submission import Submission


class Prediction(models.Model):
    """One categoriser's suggestion for one submission; one per submission and model version."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="predictions")
    # RESTRICT: delete_track relabels predictions to the track the organiser moves things to.
    track = models.ForeignKey(Track, on_delete=models.RESTRICT, related_name="predictions")
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


class SubmissionEmbedding(models.Model):
    """The submission's L2-normalised sentence embedding, for finding near-duplicates."""

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="embedding"
    )
    # float32, little-endian, `dimension` values: 1.5 kB for MiniLM's 384, a quarter of JSON.
    vector = models.BinaryField(_("vector"))
    dimension = models.PositiveSmallIntegerField(_("dimension"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission embedding")
        verbose_name_plural = _("submission embeddings")

    def __str__(self) -> str:
        return f"{self.submission} ({self.dimension})"


class NearDuplicate(models.Model):
    """Two submissions of one conference whose embeddings are nearly the same (cosine ≥ 0.9).

    Stored once per pair, the lower id first.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="near_duplicates"
    )
    first = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField(_("similarity"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-similarity"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="near_duplicate_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="near_duplicate_ordered_pair",
            ),
        ]
        verbose_name = _("near-duplicate pair")
        verbose_name_plural = _("near-duplicate pairs")

    def __str__(self) -> str:
        return f"{self.first_id} ≈ {self.second_id} ({self.similarity:.2f})"
