"""Writes of the talks app: submissions, track decisions and recorded predictions."""

import hashlib
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import Conference, Track
from conference.rules import is_team_member
from talks.enums import ExampleSource, TrackSource
from talks.models import LabelledExample, Prediction, Submission
from talks.signals import submission_text_changed


def _announce_text_change(submission: Submission) -> None:
    # Receivers queue their work with delay_on_commit: nothing runs if this transaction fails.
    submission_text_changed.send(sender=Submission, submission_id=submission.pk)


@transaction.atomic
def create_submission(
    *, conference: Conference, speaker, title: str, abstract: str, format: str, duration: int
) -> Submission:
    """Create a submission while the CfP is open; after commit the categorisers are told."""
    if not conference.cfp_is_open(timezone.now()):
        raise ValidationError(_("The call for papers is closed."))
    submission = Submission(
        conference=conference,
        speaker=speaker,
        title=title,
        abstract=abstract,
        format=format,
        duration=duration,
    )
    submission.full_clean()
    submission.save()
    _announce_text_change(submission)
    return submission


@transaction.atomic
def update_submission(*, submission: Submission, **changes) -> Submission:
    """Edit a submission while the CfP is open; a new title/abstract is categorised again."""
    if not submission.conference.cfp_is_open(timezone.now()):
        raise ValidationError(_("The call for papers is closed."))
    text_changed = any(
        getattr(submission, field) != changes[field]
        for field in ("title", "abstract")
        if field in changes
    )
    for field, value in changes.items():
        setattr(submission, field, value)
    submission.full_clean()
    submission.save()
    if text_changed:
        _announce_text_change(submission)
    return submission


@transaction.atomic
def set_submission_track(*, submission: Submission, track: Track, user) -> Submission:
    """A team member confirms the suggested track or picks another one."""
    if not is_team_member(user, submission.conference):
        raise PermissionDenied
    if track.conference_id != submission.conference_id:
        raise ValidationError(_("That track belongs to another conference."))
    submission.track = track
    submission.track_source = (
        TrackSource.REVIEW if track.pk == submission.suggested_track_id else TrackSource.OVERRIDE
    )
    submission.save(update_fields=["track", "track_source", "updated_at"])
    record_review_example(submission=submission)
    return submission


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def record_review_example(*, submission: Submission) -> LabelledExample:
    """Keep a person's track decision as a labelled example (one per submission) for retraining."""
    example, _created = LabelledExample.objects.update_or_create(
        submission=submission,
        source=ExampleSource.REVIEW,
        defaults={
            "conference": submission.conference,
            "text": submission.categoriser_text,
            "text_hash": text_hash(submission.categoriser_text),
            "label": submission.track.name,
            "dataset": f"review:{submission.conference.slug}:{submission.pk}",
        },
    )
    return example


@transaction.atomic
def record_prediction(
    *,
    submission: Submission,
    ranking: Sequence[tuple[Track, float]],
    categoriser: str,
    model_version: str,
) -> Prediction:
    """Store a categoriser's top-k for a submission and make the best its suggested track.

    Idempotent: a second call for the same submission and model version updates the row.
    """
    best_track, best_confidence = ranking[0]
    prediction, _created = Prediction.objects.update_or_create(
        submission=submission,
        model_version=model_version,
        defaults={
            "track": best_track,
            "confidence": best_confidence,
            "categoriser": categoriser,
            "top": [
                {"track": track.slug, "label": track.name, "probability": probability}
                for track, probability in ranking
            ],
        },
    )
    Submission.objects.filter(pk=submission.pk).update(
        suggested_track=best_track, suggested_confidence=best_confidence
    )
    return prediction
