"""Reviews of submissions and which tracks a reviewer reviews."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Membership, Track
from talks.models.submission import Submission

SCORE_MIN = 0
SCORE_MAX = 5
COMMENT_MAX_LENGTH = 2000


class ReviewerScope(models.Model):
    """The tracks a reviewer reviews while her membership's `reviews_all_tracks` is off.

    No tracks then means no submissions, never all of them: deleting a track cannot widen it.
    """

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="review_scope"
    )
    tracks = models.ManyToManyField(
        Track,
        through="ReviewerScopeTrack",
        related_name="reviewer_scopes",
        blank=True,
        verbose_name=_("tracks"),
    )

    class Meta:
        verbose_name = _("reviewer's tracks")
        verbose_name_plural = _("reviewers' tracks")

    def __str__(self) -> str:
        return str(self.membership)


class ReviewerScopeTrack(models.Model):
    """One track of a reviewer's scope. The table is the one the plain many-to-many made."""

    reviewerscope = models.ForeignKey(ReviewerScope, on_delete=models.CASCADE)
    # RESTRICT: a track in somebody's scope is deleted only through delete_track, which moves
    # the scope to another track first (deleting the whole conference still works).
    track = models.ForeignKey(Track, on_delete=models.RESTRICT)

    class Meta:
        db_table = "talks_reviewerscope_tracks"
        unique_together = [("reviewerscope", "track")]
        verbose_name = _("reviewer's track")
        verbose_name_plural = _("reviewers' tracks")

    def __str__(self) -> str:
        return f"{self.reviewerscope} → {self.track}"


class Review(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    # PROTECT: users are anonymised, not deleted, and a review stays with the submission (shown
    # by the anonymised name, "deleted user").
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(
        _("comment"),
        max_length=COMMENT_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="review_unique_reviewer"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="review_score_range",
            ),
        ]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.submission}: {self.score}"
