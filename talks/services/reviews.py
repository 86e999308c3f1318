"""Writes of the review: scores, and which tracks a reviewer reviews."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from conference.enums import Role
from conference.models import Membership, Track
from conference.rules import is_organiser
from talks.models import Review, ReviewerScope, Submission
from talks.rules import can_review_submission, is_under_review


@transaction.atomic
def save_review(*, submission: Submission, reviewer, score: int, comment: str = "") -> Review:
    """Create or replace the reviewer's score (0–5) and comment while a decision is pending.

    Side effects: one Review row per submission and reviewer.
    """
    if not can_review_submission(reviewer, submission):
        raise PermissionDenied
    if not is_under_review(reviewer, submission):
        raise ValidationError(_("A decision was made: reviews are closed."), code="closed")
    review = Review(submission=submission, reviewer=reviewer, score=score, comment=comment)
    review.full_clean(validate_unique=False, validate_constraints=False)
    review, _created = Review.objects.update_or_create(
        submission=submission, reviewer=reviewer, defaults={"score": score, "comment": comment}
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
