"""Reviews of submissions and which tracks a reviewer reviews."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from conference.models import Conference, Membership, Track
from talks.models.submission import Submission

SCORE_MIN = 0
SCORE_MAX = 5
COMMENT_MAX_LENGTH = 2000
WEIGHT_MAX = Decimal("10")


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


class ScoreCategory(models.Model):
    """One thing reviewers score (0–5), e.g. "content" or "delivery".

    A conference without categories scores each review once, as before. With categories that
    count, the review's `score` is their weighted mean; categories that do not count are shown
    beside it (e.g. "fits the audience") without moving the total.
    """

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="score_categories"
    )
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(WEIGHT_MAX)],
    )
    counts_toward_total = models.BooleanField(_("counts toward the total"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="score_category_weight_positive"
            ),
        ]
        verbose_name = _("score category")
        verbose_name_plural = _("score categories")

    def __str__(self) -> str:
        return self.name


class ReviewScore(models.Model):
    """A review's score in one category."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    # PROTECT: reviewers' scores are their work; delete_score_category refuses a scored one.
    category = models.ForeignKey(ScoreCategory, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        ordering = ["category__position", "category_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "category"], name="review_score_unique"),
            models.CheckConstraint(
                condition=models.Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX),
                name="review_score_value_range",
            ),
        ]
        verbose_name = _("category score")
        verbose_name_plural = _("category scores")

    def __str__(self) -> str:
        return f"{self.category}: {self.value}"
