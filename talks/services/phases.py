"""Writes of the review's organisation: phases, score categories, settings, assignments.

Organisers only: each service checks can_manage_review (or can_assign_reviewers) itself.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.models import Conference
from talks.models import (
    ReviewAssignment,
    ReviewPhase,
    ReviewSettings,
    ScoreCategory,
    Submission,
)
from talks.rules import can_manage_review, can_review_submission, forget_review_phases

PHASE_FIELDS = ("name", "start", "end", "reviewers_see_scores", "reviewers_see_names")
CATEGORY_FIELDS = ("name", "weight", "counts_toward_total", "position")


def _check_organiser(user, conference: Conference) -> None:
    if not can_manage_review(user, conference):
        raise PermissionDenied


# --- settings, phases, categories ----------------------------------------------------------


def update_review_settings(*, conference: Conference, user, min_reviews: int) -> ReviewSettings:
    """Side effects: the conference's ReviewSettings row (created on first save)."""
    _check_organiser(user, conference)
    review_settings = ReviewSettings.for_conference(conference)
    review_settings.min_reviews = min_reviews
    review_settings.full_clean(exclude=["conference"])
    review_settings.save()
    return review_settings


@transaction.atomic
def save_review_phase(
    *, conference: Conference, user, phase: ReviewPhase | None = None, **fields
) -> ReviewPhase:
    """Create a phase (phase=None) or change one's name, planned dates and visibility.

    Side effects: one ReviewPhase row.
    """
    _check_organiser(user, conference)
    if phase is None:
        phase = ReviewPhase(conference=conference)
    elif phase.conference_id != conference.pk:
        raise PermissionDenied
    for name in PHASE_FIELDS:
        if name in fields:
            setattr(phase, name, fields[name])
    phase.full_clean(exclude=["conference"], validate_constraints=False)
    if phase.start and phase.end and phase.end < phase.start:
        raise ValidationError({"end": _("The end is before the start.")})
    phase.save()
    forget_review_phases(conference)
    return phase


@transaction.atomic
def start_review_phase(*, phase: ReviewPhase, user) -> ReviewPhase:
    """Open the phase; the phase that was open ends now (one phase is open at a time).

    Starting an ended phase opens it again. Side effects: started_at / ended_at of both phases.
    """
    conference = phase.conference
    _check_organiser(user, conference)
    now = timezone.now()
    # Lock the conference's phases: two organisers starting phases at once must not leave two
    # open (the partial unique constraint would refuse the second with an error page).
    list(ReviewPhase.objects.select_for_update().filter(conference=conference))
    ReviewPhase.objects.filter(
        conference=conference, started_at__isnull=False, ended_at__isnull=True
    ).exclude(pk=phase.pk).update(ended_at=now)
    phase.refresh_from_db()
    if phase.started_at is None:
        phase.started_at = now
    phase.ended_at = None
    phase.save(update_fields=["started_at", "ended_at"])
    forget_review_phases(conference)
    return phase


@transaction.atomic
def end_review_phase(*, phase: ReviewPhase, user) -> ReviewPhase:
    """Close the phase: reviews stay closed until an organiser starts another (or this) one.

    Side effects: the phase's ended_at.
    """
    _check_organiser(user, phase.conference)
    if not phase.is_open:
        raise ValidationError(_("This phase is not open."), code="not_open")
    phase.ended_at = timezone.now()
    phase.save(update_fields=["ended_at"])
    forget_review_phases(phase.conference)
    return phase


@transaction.atomic
def delete_review_phase(*, phase: ReviewPhase, user) -> None:
    """Reviews belong to submissions, not phases, so deleting one loses no work; an open phase
    is ended first so that nobody's reviews close unseen. Side effects: the row goes."""
    _check_organiser(user, phase.conference)
    if phase.is_open:
        raise ValidationError(_("End the phase before deleting it."), code="open")
    phase.delete()
    forget_review_phases(phase.conference)


def save_score_category(
    *, conference: Conference, user, category: ScoreCategory | None = None, **fields
) -> ScoreCategory:
    """Create a score category (category=None) or change one.

    Changing a weight or whether it counts does not recompute reviews already saved: their
    total is what the reviewer saw when saving, and changes when she saves again.
    Side effects: one ScoreCategory row.
    """
    _check_organiser(user, conference)
    if category is None:
        category = ScoreCategory(conference=conference)
    elif category.conference_id != conference.pk:
        raise PermissionDenied
    for name in CATEGORY_FIELDS:
        if name in fields:
            setattr(category, name, fields[name])
    category.full_clean(exclude=["conference"])
    category.save()
    return category


def delete_score_category(*, category: ScoreCategory, user) -> None:
    """Only a category nobody has scored yet: scores are reviewers' work. Side effects: the
    row goes."""
    _check_organiser(user, category.conference)
    if category.scores.exists():
        raise ValidationError(
            _("Reviewers have scored “%(name)s”: it cannot be deleted.") % {"name": category.name},
            code="scored",
        )
    category.delete()


# --- assignments ---------------------------------------------------------------------------


@dataclass
class AssignmentResult:
    added: int = 0
    removed: int = 0
    # (submission, user) pairs left out because the user does not review that submission.
    out_of_scope: list = field(default_factory=list)


@transaction.atomic
def set_submission_reviewers(
    *, submission: Submission, reviewers: Iterable, user
) -> AssignmentResult:
    """Make exactly these team members the submission's assigned reviewers.

    Everyone must be able to review it (a track-limited reviewer only her tracks' talks).
    Side effects: ReviewAssignment rows added and removed.
    """
    _check_organiser(user, submission.conference)
    reviewers = list(reviewers)
    refused = [r for r in reviewers if not can_review_submission(r, submission)]
    if refused:
        raise ValidationError(
            _("%(names)s cannot review this submission.")
            % {"names": ", ".join(r.get_username() for r in refused)},
            code="out_of_scope",
        )
    wanted = {reviewer.pk for reviewer in reviewers}
    current = set(submission.assignments.values_list("reviewer_id", flat=True))
    removed, _by_model = submission.assignments.exclude(reviewer_id__in=wanted).delete()
    ReviewAssignment.objects.bulk_create(
        [
            ReviewAssignment(submission=submission, reviewer=reviewer, assigned_by=user)
            for reviewer in reviewers
            if reviewer.pk not in current
        ],
        ignore_conflicts=True,
    )
    return AssignmentResult(added=len(wanted - current), removed=removed)


@transaction.atomic
def assign_reviewers(
    *,
    conference: Conference,
    submissions: Iterable[Submission],
    reviewers: Iterable,
    user,
    per_submission: int | None = None,
) -> AssignmentResult:
    """Assign reviewers to many submissions at once; nobody already assigned is touched.

    Without `per_submission` every chosen reviewer gets every submission she can review. With
    it, each submission is topped up to that many assigned reviewers from the chosen ones, the
    least loaded first (assignments in this conference, then username), so the work spreads.
    Side effects: ReviewAssignment rows.
    """
    _check_organiser(user, conference)
    submissions = list(submissions)
    reviewers = sorted(reviewers, key=lambda r: r.get_username())
    if any(s.conference_id != conference.pk for s in submissions):
        raise PermissionDenied
    assigned_to = defaultdict(set)
    for submission_id, reviewer_id in ReviewAssignment.objects.filter(
        submission__in=submissions
    ).values_list("submission_id", "reviewer_id"):
        assigned_to[submission_id].add(reviewer_id)
    load = dict(
        ReviewAssignment.objects.filter(submission__conference=conference, reviewer__in=reviewers)
        .values_list("reviewer_id")
        .annotate(n=Count("pk"))
        .values_list("reviewer_id", "n")
    )
    result = AssignmentResult()
    new = []
    for submission in submissions:
        assigned = assigned_to[submission.pk]
        candidates = []
        for reviewer in reviewers:
            if reviewer.pk in assigned:
                continue
            if not can_review_submission(reviewer, submission):
                if per_submission is None:
                    result.out_of_scope.append((submission, reviewer))
                continue
            candidates.append(reviewer)
        if per_submission is not None:
            needed = max(per_submission - len(assigned), 0)
            candidates.sort(key=lambda r: (load.get(r.pk, 0), r.get_username()))
            candidates = candidates[:needed]
        for reviewer in candidates:
            new.append(ReviewAssignment(submission=submission, reviewer=reviewer, assigned_by=user))
            load[reviewer.pk] = load.get(reviewer.pk, 0) + 1
    ReviewAssignment.objects.bulk_create(new, ignore_conflicts=True)
    result.added = len(new)
    return result
