"""Review phases, the review's settings and who is asked to review what."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference
from talks.models.submission import Submission

MIN_REVIEWS_DEFAULT = 2
MIN_REVIEWS_MAX = 20


class ReviewSettings(models.Model):
    """How many reviews each submission should get; unsaved defaults until an organiser saves."""

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, related_name="review_settings"
    )
    min_reviews = models.PositiveSmallIntegerField(
        _("minimum reviews per submission"),
        default=MIN_REVIEWS_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(MIN_REVIEWS_MAX)],
    )

    class Meta:
        verbose_name = _("review settings")
        verbose_name_plural = _("review settings")

    def __str__(self) -> str:
        return str(self.conference)

    @classmethod
    def for_conference(cls, conference: Conference) -> "ReviewSettings":
        """The conference's settings, or unsaved defaults; cached on the conference object."""
        try:
            return conference.review_settings
        except cls.DoesNotExist:
            return cls(conference=conference)


class ReviewPhase(models.Model):
    """A stretch of the review with its own visibility rules.

    `start` and `end` are the planned dates, shown to the team; the phase is open from the
    moment an organiser starts it (`started_at`) until she ends it (`ended_at`), so a late
    reviewer is not cut off by the clock or by the first decision. At most one phase of a
    conference is open.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="review_phases"
    )
    name = models.CharField(_("name"), max_length=100)
    start = models.DateTimeField(_("planned start"), null=True, blank=True)
    end = models.DateTimeField(_("planned end"), null=True, blank=True)
    reviewers_see_scores = models.BooleanField(
        _("reviewers see the other reviews"),
        default=False,
        help_text=_("Their scores and comments; organisers always see them."),
    )
    reviewers_see_names = models.BooleanField(
        _("reviewers see who wrote them"),
        default=False,
        help_text=_("Otherwise the other reviews are shown as “Reviewer 1”, “Reviewer 2”…"),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = [models.F("start").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference"],
                condition=models.Q(started_at__isnull=False, ended_at__isnull=True),
                name="review_phase_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="review_phase_end_after_start",
            ),
        ]
        verbose_name = _("review phase")
        verbose_name_plural = _("review phases")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def has_ended(self) -> bool:
        return self.ended_at is not None


class ReviewAssignment(models.Model):
    """An organiser asked this team member to review this submission."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="review_assignment_unique"
            ),
        ]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.submission} → {self.reviewer}"
