"""Decisions from the team's lists: bulk accept/reject with their e-mails held, and undo."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.mail import discard_held_mail, held_mail
from conference.models import Conference, OutboxMail
from conference.rules import is_organiser
from talks.enums import (
    DECIDED_TRACK_SOURCES,
    HUMAN_TRACK_SOURCES,
    ExampleSource,
    LogAction,
    State,
    TrackSource,
)
from talks.models import Decision, DecisionItem, LabelledExample, Submission
from talks.rules import can_review_submission
from talks.services.common import log_submission
from talks.services.submissions import change_state_with_mails
from talks.services.tracks import record_review_example

# Messages an organiser released: an undo cannot call them back.
LEFT_THE_OUTBOX = (OutboxMail.Status.QUEUED, OutboxMail.Status.SENT, OutboxMail.Status.FAILED)


@transaction.atomic
def decide_submissions(*, conference: Conference, submissions, to_state: str, user) -> Decision:
    """Accept or reject many submissions at once: all of them, or (on any error) none.

    Their e-mails are held in the outbox ("bulk decision") until an organiser releases them.
    Side effects: as change_submission_state, for each; one bulk Decision (returned) with an
    item per submission that keeps its previous state and its held e-mails.
    """
    if not is_organiser(user, conference):
        raise PermissionDenied
    decision = Decision.objects.create(
        conference=conference,
        actor=user,
        kind=Decision.Kind.STATE,
        description=str(State(to_state).label),
    )
    errors = []
    items = []
    with held_mail(_("bulk decision")):
        for submission in submissions:
            previous = submission.state
            try:
                mails = change_state_with_mails(submission=submission, to_state=to_state, user=user)
            except ValidationError as error:
                errors.append(f"“{submission.title}”: {' '.join(error.messages)}")
                continue
            items.append(
                DecisionItem(
                    decision=decision,
                    submission=submission,
                    previous_state=previous,
                    new_state=to_state,
                    mail_ids=[mail.pk for mail in mails],
                )
            )
    if errors:
        # Raising leaves the atomic block: the ones already changed are rolled back too.
        raise ValidationError(errors, code="bulk")
    DecisionItem.objects.bulk_create(items)
    decision.count = len(items)
    decision.save(update_fields=["count"])
    return decision


@dataclass(frozen=True)
class Undone:
    """What an undo did: submissions put back, those left alone because they changed since,
    held e-mails discarded, and e-mails that had already left the outbox."""

    restored: int
    skipped: list[str]
    mails_discarded: int
    mails_gone: int


@transaction.atomic
def undo_decision(*, decision: Decision, user) -> Undone:
    """Put back what a decision changed, where nothing changed it since.

    A state goes back to the one before (a submission whose state moved on, e.g. a talk its
    speaker confirmed, is left alone and named in `skipped`); a track goes back to the previous
    one (or to undecided). Held e-mails of the decision are discarded. Raises ValidationError
    when it was undone already.
    Side effects: the submissions' state or track, a history entry each (data "undo": the
    decision's id), their labelled examples, its held OutboxMail rows marked discarded (kept
    for the record, never sent), the decision and its items marked undone.
    """
    if not is_organiser(user, decision.conference) and not (
        not decision.bulk and decision.actor_id == user.pk
    ):
        raise PermissionDenied
    now = timezone.now()
    # Conditional: of two undos at once, one does the work.
    if not Decision.objects.filter(pk=decision.pk, undone_at__isnull=True).update(
        undone_at=now, undone_by=user
    ):
        raise ValidationError(_("That decision was undone already."), code="undone")
    decision.undone_at, decision.undone_by = now, user
    items = (
        decision.items.filter(undone_at__isnull=True)
        .select_related("submission__conference", "submission__track", "previous_track")
        .order_by("pk")
    )
    restored, skipped, mail_ids = 0, [], []
    for item in items:
        done = (
            _undo_state(item, user)
            if decision.kind == Decision.Kind.STATE
            else _undo_track(item, user)
        )
        if done:
            restored += 1
            mail_ids.extend(item.mail_ids)
        else:
            skipped.append(item.submission.title)
    DecisionItem.objects.filter(decision=decision, undone_at__isnull=True).update(undone_at=now)
    discarded = discard_held_mail(conference=decision.conference, ids=mail_ids)
    gone = OutboxMail.objects.filter(pk__in=mail_ids, status__in=LEFT_THE_OUTBOX).count()
    return Undone(restored=restored, skipped=skipped, mails_discarded=discarded, mails_gone=gone)


@transaction.atomic
def undo_track_decision(*, submission: Submission, user) -> bool:
    """Undo the latest track decision of one submission (the queue's "Undo" on a decided row).

    A decision made before the log kept them has nothing to put back: the track goes back to
    undecided. Returns False when no person decided the track.
    Side effects: as undo_decision for that one submission.
    """
    if not can_review_submission(user, submission):
        raise PermissionDenied
    if submission.track_source not in DECIDED_TRACK_SOURCES:
        return False
    item = (
        DecisionItem.objects.filter(
            submission=submission,
            decision__kind=Decision.Kind.TRACK,
            decision__undone_at__isnull=True,
            undone_at__isnull=True,
        )
        .select_related("previous_track")
        .order_by("-pk")
        .first()
    )
    if item is None:
        item = DecisionItem(
            submission=submission,
            previous_track=None,
            previous_track_source=TrackSource.NONE,
            new_track=submission.track,
        )
    item.submission = submission
    if not _undo_track(item, user):
        return False
    if item.pk:
        item.undone_at = timezone.now()
        item.save(update_fields=["undone_at"])
        decision = item.decision
        if not decision.items.filter(undone_at__isnull=True).exists():
            Decision.objects.filter(pk=decision.pk).update(undone_at=item.undone_at, undone_by=user)
    return True


def _undo_state(item: DecisionItem, user) -> bool:
    submission = item.submission
    # Conditional on the state the decision left: a talk that moved on since stays as it is.
    if not Submission.objects.filter(pk=submission.pk, state=item.new_state).update(
        state=item.previous_state, version=F("version") + 1, updated_at=timezone.now()
    ):
        return False
    submission.state = item.previous_state
    log_submission(
        submission=submission,
        actor=user,
        action=LogAction.STATE,
        undo=item.decision_id,
        **{"from": item.new_state, "to": item.previous_state},
    )
    return True


def _undo_track(item: DecisionItem, user) -> bool:
    submission = item.submission
    track = item.previous_track
    source = item.previous_track_source if track is not None else TrackSource.NONE
    # Conditional on the track the decision set: a track changed since stays as it is.
    if not Submission.objects.filter(
        pk=submission.pk, track_id=item.new_track_id, track_source__in=DECIDED_TRACK_SOURCES
    ).update(track=track, track_source=source, updated_at=timezone.now()):
        return False
    previous = submission.track.name if submission.track_id else ""
    submission.track, submission.track_source = track, source
    log_submission(
        submission=submission,
        actor=user,
        action=LogAction.TRACK,
        previous=previous,
        track=track.name if track else "",
        source=source,
        undo=item.decision_id,
    )
    if source in HUMAN_TRACK_SOURCES:
        record_review_example(submission=submission)
    else:
        LabelledExample.objects.filter(submission=submission, source=ExampleSource.REVIEW).delete()
    return True
