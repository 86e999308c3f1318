"""Writes about tracks: recorded predictions, automatic and human track decisions."""

import hashlib
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from conference.models import Conference, Track
from conference.rules import is_organiser
from talks import selectors
from talks.enums import DECIDED_TRACK_SOURCES, ExampleSource, LogAction, TrackSource
from talks.models import (
    CfpSettings,
    Decision,
    DecisionItem,
    LabelledExample,
    Prediction,
    Submission,
)
from talks.rules import can_review_submission
from talks.services.common import log_submission


@transaction.atomic
def set_submission_track(
    *,
    submission: Submission,
    track: Track,
    user,
    decision: Decision | None = None,
    bulk: bool = False,
) -> Submission:
    """A team member confirms the suggested track or picks another one; `bulk`: the suggestion
    is accepted with many others, unseen.

    Side effects: the submission's track and track_source ("review" when it is the suggestion,
    else "override"; "bulk" for a bulk confirmation), a history entry, a labelled example for
    retraining (not for a bulk confirmation: the model's own label, unseen), and an entry of
    `decision` (else a decision of its own, undone from the queue's row) that keeps the
    previous track.
    """
    if not can_review_submission(user, submission):
        raise PermissionDenied
    if track.conference_id != submission.conference_id:
        raise ValidationError(_("That track belongs to another conference."))
    previous_track = submission.track if submission.track_id else None
    previous_source = submission.track_source
    submission.track = track
    if track.pk != submission.suggested_track_id:
        submission.track_source = TrackSource.OVERRIDE
    else:
        submission.track_source = TrackSource.BULK if bulk else TrackSource.REVIEW
    submission.save(update_fields=["track", "track_source", "updated_at"])
    log_submission(
        submission=submission,
        actor=user,
        action=LogAction.TRACK,
        previous=previous_track.name if previous_track else "",
        track=track.name,
        source=submission.track_source,
    )
    if submission.track_source == TrackSource.BULK:
        # Nobody looked at it: a person's earlier decision, if any, no longer stands either.
        LabelledExample.objects.filter(submission=submission, source=ExampleSource.REVIEW).delete()
    else:
        record_review_example(submission=submission)
    if decision is None:
        decision = Decision.objects.create(
            conference_id=submission.conference_id,
            actor=user,
            kind=Decision.Kind.TRACK,
            bulk=False,
            description=_("Track set to %(track)s") % {"track": track.name},
            count=1,
        )
    DecisionItem.objects.create(
        decision=decision,
        submission=submission,
        previous_track=previous_track,
        previous_track_source=previous_source,
        new_track=track,
    )
    return submission


@transaction.atomic
def confirm_suggestions(
    *,
    conference: Conference,
    min_confidence: float,
    user,
    track: Track | None = None,
    submission_ids=None,
) -> Decision:
    """Confirm every suggestion at or above `min_confidence` that no person has decided yet.

    Automatically set tracks are confirmed too; drafts are left alone. With `track`, only the
    suggestions of that track; with `submission_ids`, only those of them (the ones a
    confirmation step counted: any decided meanwhile are left out).
    Side effects: as set_submission_track, for each, under one bulk Decision (returned, with
    its count).
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    submissions = selectors.suggestions_to_confirm(
        conference=conference, min_confidence=min_confidence, track=track
    ).select_related("conference", "track", "suggested_track")
    if submission_ids is not None:
        submissions = submissions.filter(pk__in=list(submission_ids))
    percent = round(min_confidence * 100)
    if track is None:
        description = _("Suggested tracks confirmed from %(percent)s%%") % {"percent": percent}
    else:
        description = _("Suggested tracks confirmed from %(percent)s%% in %(track)s") % {
            "percent": percent,
            "track": track.name,
        }
    decision = Decision.objects.create(
        conference=conference, actor=user, kind=Decision.Kind.TRACK, description=description
    )
    done = 0
    for submission in submissions:
        set_submission_track(
            submission=submission,
            track=submission.suggested_track,
            user=user,
            decision=decision,
            bulk=True,
        )
        done += 1
    decision.count = done
    if done:
        decision.save(update_fields=["count"])
    else:
        decision.delete()  # nothing was decided: nothing to list or undo
    return decision


def bulk_confirm_suggestions(
    *, conference: Conference, min_confidence: float, user, track: Track | None = None
) -> int:
    """confirm_suggestions, returning how many it confirmed."""
    return confirm_suggestions(
        conference=conference, min_confidence=min_confidence, user=user, track=track
    ).count


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
) -> Prediction | None:
    """Store a categoriser's top-k for a submission and make the best its suggested track.

    At or above the conference's auto-assign threshold the best track also becomes the
    submission's track (track_source "auto"), unless a person decided it; an automatic track
    follows the latest prediction, so one below the threshold sends it back to the queue.
    Idempotent: a second call for the same submission and model version updates the row.
    Tracks deleted meanwhile are left out of the ranking (None when none is left): the tracks
    are locked against deletion first (FOR NO KEY UPDATE on PostgreSQL), so a track deleted
    while this runs waits for it, or is gone before it reads them; never a foreign-key error.
    Side effects: the Prediction row, the submission's suggestion (and maybe track), and a
    history entry when the automatic track changed.
    """
    with transaction.atomic():
        return _record_prediction(
            submission=submission,
            ranking=_live_tracks(ranking),
            categoriser=categoriser,
            model_version=model_version,
        )


def _live_tracks(ranking: Sequence[tuple[Track, float]]) -> list[tuple[Track, float]]:
    live = set(
        Track.objects.select_for_update(no_key=True)
        .filter(pk__in=[track.pk for track, _probability in ranking])
        .values_list("pk", flat=True)
    )
    return [(track, probability) for track, probability in ranking if track.pk in live]


def _record_prediction(*, submission, ranking, categoriser, model_version) -> Prediction | None:
    if not ranking:
        return None
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
    submission.suggested_track, submission.suggested_confidence = best_track, best_confidence
    _auto_assign(submission=submission, track=best_track, confidence=best_confidence)
    return prediction


def _auto_assign(*, submission: Submission, track: Track, confidence: float) -> None:
    threshold = (
        CfpSettings.objects.filter(conference_id=submission.conference_id)
        .values_list("auto_assign_threshold", flat=True)
        .first()
    )
    if threshold is not None and confidence >= threshold:
        new_track, new_source = track, TrackSource.AUTO
    else:
        new_track, new_source = None, TrackSource.NONE
    # Only a track that no person decided may change; the filter also guards against a person
    # deciding between our read and this write.
    undecided = Submission.objects.filter(pk=submission.pk).exclude(
        track_source__in=DECIDED_TRACK_SOURCES
    )
    if new_track is None:
        # Below the threshold: an automatic track is taken back, an empty one stays empty.
        undecided = undecided.filter(track_source=TrackSource.AUTO)
    else:
        undecided = undecided.exclude(track_source=TrackSource.AUTO, track=new_track)
    if not undecided.update(track=new_track, track_source=new_source):
        return
    submission.track, submission.track_source = new_track, new_source
    log_submission(
        submission=submission,
        actor=None,
        action=LogAction.TRACK,
        track=new_track.name if new_track else "",
        source=new_source,
        confidence=round(confidence, 4),
    )
