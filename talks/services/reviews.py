"""Writes of the review: scores (by category where the conference has them), and which tracks
a reviewer reviews."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from conference.enums import Role
from conference.models import Membership, Track
from conference.rules import is_organiser
from talks.enums import COUNTED_STATES
from talks.models import Review, ReviewerScope, ReviewScore, ScoreCategory, Submission
from talks.models.review import SCORE_MAX, SCORE_MIN
from talks.rules import can_review_submission, is_review_open, review_phases


def weighted_total(*, values: dict[ScoreCategory, int]) -> int:
    """The review's total from its counting categories: the weighted mean, rounded half up to
    a whole score so that Review.score stays 0–5 (lists, medians and the API read it)."""
    counting = {cat: value for cat, value in values.items() if cat.counts_toward_total}
    weights = sum(cat.weight for cat in counting)
    mean = sum(cat.weight * value for cat, value in counting.items()) / weights
    return int(mean.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def closed_reason(*, submission: Submission) -> str:
    """Why the submission cannot be reviewed now, in words for the reviewer."""
    if not review_phases(submission.conference) or submission.state not in COUNTED_STATES:
        return _("A decision was made: reviews are closed.")
    return _("No review phase is open: reviews are closed.")


def _category_values(*, categories: list[ScoreCategory], scores: dict) -> dict:
    """{category: value} from {category id: value}; counting categories are required."""
    by_id = {category.pk: category for category in categories}
    values = {}
    errors = []
    invalid = set()
    for key, value in scores.items():
        try:
            category = by_id[int(key)]
        except (KeyError, TypeError, ValueError):
            errors.append(_("There is no score category %(id)s.") % {"id": key})
            continue
        if value is None:
            continue
        if not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
            errors.append(
                _("%(category)s: a score from %(min)s to %(max)s.")
                % {"category": category.name, "min": SCORE_MIN, "max": SCORE_MAX}
            )
            invalid.add(category)
            continue
        values[category] = value
    missing = [
        c.name for c in categories if c.counts_toward_total and c not in values and c not in invalid
    ]
    if missing:
        errors.append(
            _("Score every category that counts: %(names)s.") % {"names": ", ".join(missing)}
        )
    if errors:
        raise ValidationError({"scores": errors})
    return values


@transaction.atomic
def save_review(
    *,
    submission: Submission,
    reviewer,
    score: int | None = None,
    comment: str = "",
    scores: dict | None = None,
) -> Review:
    """Create or replace the reviewer's review while the review is open (rules.is_review_open).

    Without score categories that count, `score` (0–5) is the review's score. With them,
    `scores` ({category id: 0–5}, every counting category) gives the category scores and the
    review's score is their weighted mean (weighted_total); `score` is then ignored.
    Categories that do not count may be left out.
    Side effects: one Review row per submission and reviewer, and its ReviewScore rows.
    """
    if not can_review_submission(reviewer, submission):
        raise PermissionDenied
    if not is_review_open(reviewer, submission):
        raise ValidationError(closed_reason(submission=submission), code="closed")
    categories = list(submission.conference.score_categories.all())
    values = _category_values(categories=categories, scores=scores or {})
    if any(category.counts_toward_total for category in categories):
        score = weighted_total(values=values)
    elif score is None:
        raise ValidationError({"score": _("A score from 0 to 5 is needed.")})
    review = Review(submission=submission, reviewer=reviewer, score=score, comment=comment)
    review.full_clean(validate_unique=False, validate_constraints=False)
    review, _created = Review.objects.update_or_create(
        submission=submission, reviewer=reviewer, defaults={"score": score, "comment": comment}
    )
    review.scores.exclude(category__in=list(values)).delete()
    for category, value in values.items():
        ReviewScore.objects.update_or_create(
            review=review, category=category, defaults={"value": value}
        )
    return review


@transaction.atomic
def set_reviewer_tracks(
    *, membership: Membership, tracks: Iterable[Track], user, all_tracks: bool = False
) -> ReviewerScope:
    """Limit a reviewer to some tracks, or let her review every track. Organisers only.

    With `all_tracks` off and no tracks she reviews nothing: "no tracks" never means all.
    Side effects: the membership's reviews_all_tracks, its ReviewerScope and its tracks.
    """
    if not is_organiser(user, membership.conference):
        raise PermissionDenied
    if membership.role != Role.REVIEWER:
        raise ValidationError(_("Only reviewers can be limited to tracks."))
    tracks = list(tracks)
    if any(track.conference_id != membership.conference_id for track in tracks):
        raise ValidationError(_("That track belongs to another conference."))
    if membership.reviews_all_tracks != all_tracks:
        membership.reviews_all_tracks = all_tracks
        membership.save(update_fields=["reviews_all_tracks"])
    scope, _created = ReviewerScope.objects.get_or_create(membership=membership)
    scope.tracks.set(tracks)
    return scope
