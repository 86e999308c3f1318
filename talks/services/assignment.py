"""Writes of the automatic reviewer assignment: proposals, a reviewer dropping out, embeddings.

The pages (talks/views/assignment.py) start a proposal (start_proposal: a RUNNING row and a
task, never computed in the request), show it, let the organiser edit and apply it. Computing is
propose_assignment: conflicts (talks.assignment.conflicts), affinity (talks.assignment.affinity)
and the min-cost flow (talks.assignment.solver).
"""

import logging
import time
from collections import Counter
from datetime import timedelta

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conference.dispatch import dispatch
from conference.enums import Role
from conference.models import Conference, Membership
from talks.assignment.affinity import affinity_matrix
from talks.assignment.conflicts import assignment_settings_for, conflicts_for
from talks.assignment.solver import CAPS_FULL, TOO_FEW_ELIGIBLE, solve_assignment
from talks.enums import State
from talks.models import (
    AssignmentProposal,
    ProposalStatus,
    Review,
    ReviewAssignment,
    ReviewerEmbedding,
    ReviewerProfile,
    Submission,
)
from talks.rules import can_manage_review
from talks.signals import reviewer_profiles_changed

logger = logging.getLogger(__name__)

# The submissions an assignment is for: sent and not yet decided.
ASSIGNABLE_STATES = (State.SUBMITTED,)
# Longer than the task's time limit (talks/tasks.py).
STALE_AFTER = timedelta(minutes=10)
# Why a submission got fewer than k reviewers (AssignmentProposal.unfilled holds the codes).
UNFILLED_TEXT = {
    TOO_FEW_ELIGIBLE: _("Too few reviewers may review it (conflicts of interest or tracks)."),
    CAPS_FULL: _("Every reviewer who may review it has reached her limit."),
}


def _check_organiser(by, conference: Conference) -> None:
    if by is not None and not can_manage_review(by, conference):
        raise PermissionDenied


# --- embeddings ----------------------------------------------------------------------------


def request_reviewer_embeddings(*, conference: Conference) -> None:
    """Ask the ml worker to (re-)embed the conference's reviewer profiles whose text changed.

    Sends talks.signals.reviewer_profiles_changed; modeldemo queues its task on it (talks never
    imports the ML code). Cheap and idempotent: call it after any profile change commits.
    """
    reviewer_profiles_changed.send(sender=ReviewerProfile, conference_id=conference.pk)


def store_reviewer_embedding(
    *, profile: ReviewerProfile, text_hash: str, vector: list[float]
) -> ReviewerEmbedding:
    """Store the profile's embedding of the text with this hash (L2-normalised here again).

    Side effects: the ReviewerEmbedding row created or replaced.
    """
    array = np.asarray(vector, dtype=np.float64)
    if array.ndim != 1 or array.size == 0 or not np.all(np.isfinite(array)):
        raise ValidationError(_("The embedding must be a non-empty list of finite numbers."))
    norm = float(np.linalg.norm(array))
    if norm == 0:
        raise ValidationError(_("The embedding must not be all zeros."))
    array = (array / norm).astype("<f4")
    embedding, _created = ReviewerEmbedding.objects.update_or_create(
        profile=profile,
        defaults={"text_hash": text_hash, "vector": array.tobytes(), "dimension": array.size},
    )
    return embedding


# --- who and what ----------------------------------------------------------------------------


def assignable_submissions(*, conference: Conference) -> list[Submission]:
    return list(
        Submission.objects.filter(conference=conference, state__in=ASSIGNABLE_STATES).order_by(
            "created_at", "pk"
        )
    )


def assignment_reviewers(*, conference: Conference) -> list[int]:
    """User ids of the pool: every reviewer, and organisers who filled in a reviewer profile.

    A profile with cap 0 (a reviewer who dropped out) keeps its owner out.
    """
    profiled = ReviewerProfile.objects.filter(conference=conference).values("user_id")
    members = Membership.objects.filter(conference=conference).filter(
        Q(role=Role.REVIEWER) | Q(user_id__in=profiled)
    )
    out = set(members.values_list("user_id", flat=True))
    out -= set(
        ReviewerProfile.objects.filter(conference=conference, cap=0).values_list(
            "user_id", flat=True
        )
    )
    return sorted(out)


def _scopes(conference: Conference, user_ids: list[int]) -> dict[int, set[int] | None]:
    """{user id: track ids she may review, None for every track} (as talks.rules says)."""
    scopes: dict[int, set[int] | None] = {}
    rows = Membership.objects.filter(conference=conference, user_id__in=user_ids).values_list(
        "user_id", "role", "reviews_all_tracks", "review_scope__tracks"
    )
    for user_id, role, all_tracks, track_id in rows:
        if role == Role.ORGANISER or all_tracks:
            scopes[user_id] = None
        elif scopes.get(user_id, set()) is not None:
            scopes.setdefault(user_id, set())
            if track_id is not None:
                scopes[user_id].add(track_id)
    return scopes


# --- the proposal ---------------------------------------------------------------------------


def start_proposal(*, conference: Conference, by, k: int | None = None) -> AssignmentProposal:
    """Create a RUNNING proposal and queue its computation (talks.propose_assignment).

    Side effects: the AssignmentProposal row; an outbox task published when the transaction
    commits.
    """
    _check_organiser(by, conference)
    if k is not None and k < 1:
        raise ValidationError(_("Every submission needs at least one reviewer."), code="k")
    from talks.tasks import task_propose_assignment

    # A run whose worker died never finishes: after this long it is failed, not waited for.
    AssignmentProposal.objects.filter(
        conference=conference,
        status=ProposalStatus.RUNNING,
        created_at__lt=timezone.now() - STALE_AFTER,
    ).update(status=ProposalStatus.FAILED, error=str(_("The computation did not finish.")))
    proposal = AssignmentProposal.objects.create(
        conference=conference,
        created_by=by,
        status=ProposalStatus.RUNNING,
        params={"k": k, "incremental": True},
    )
    dispatch(task_propose_assignment, proposal.pk)
    return proposal


def compute_proposal(*, proposal_id: int) -> AssignmentProposal | None:
    """Fill the RUNNING proposal `proposal_id` (the task's work); None if it is gone or done.

    A failure marks it FAILED with the error and re-raises.
    """
    proposal = (
        AssignmentProposal.objects.select_related("conference", "created_by")
        .filter(pk=proposal_id, status=ProposalStatus.RUNNING)
        .first()
    )
    if proposal is None:
        return None
    params = proposal.params or {}
    try:
        return propose_assignment(
            conference=proposal.conference,
            by=proposal.created_by,
            k=params.get("k"),
            incremental=params.get("incremental", True),
            proposal=proposal,
        )
    except Exception as error:
        AssignmentProposal.objects.filter(pk=proposal.pk).update(
            status=ProposalStatus.FAILED, error=str(error)[:2000] or type(error).__name__
        )
        raise


def propose_assignment(
    *,
    conference: Conference,
    by,
    k: int | None = None,
    incremental: bool = True,
    proposal: AssignmentProposal | None = None,
    time_limit_s: float = 10,
) -> AssignmentProposal:
    """Compute an assignment of the conference's submitted talks to its reviewers.

    Every submission gets k reviewers (default AssignmentSettings.reviewers_per_submission),
    nobody more than her cap (her profile's, else default_cap, counting what she already has in
    this conference), conflicts of interest and reviewers outside their tracks never; see
    talks.assignment.solver for the floor and the objective.

    incremental (the default): existing ReviewAssignment rows stay (kept=True) and only the
    missing slots are filled, so a late submission or a dropped reviewer's talks are assigned
    without moving anyone else. A kept assignment that is now a conflict is left out (and
    counted in stats["dropped_conflicts"]). Not incremental: a fresh plan as if nobody were
    assigned; `kept` then says which of its pairs exist already.

    Writes the proposal (given, else a new one) READY with `pairs` (every pair, kept ones
    included), `unfilled` ({submission id: UNFILLED_TEXT code}) and `stats`. Assigns nothing:
    applying is a separate step.
    """
    _check_organiser(by, conference)
    started = time.perf_counter()
    settings = assignment_settings_for(conference=conference)
    k = int(k or settings.reviewers_per_submission)
    submissions = assignable_submissions(conference=conference)
    submission_ids = [s.pk for s in submissions]
    pool = assignment_reviewers(conference=conference)
    existing = list(
        ReviewAssignment.objects.filter(submission__conference=conference).values_list(
            "submission_id", "reviewer_id"
        )
    )
    existing_set = set(existing)
    assignable = set(submission_ids)
    # People already assigned but out of the pool (dropped out, an organiser without a
    # profile) are columns too, with no room: their assignments are kept and shown, and they
    # get nothing new.
    outside = set()
    if incremental:
        outside = {r for s, r in existing if s in assignable} - set(pool)
    reviewer_ids = sorted(set(pool) | outside)
    s_index = {pk: i for i, pk in enumerate(submission_ids)}
    r_index = {pk: i for i, pk in enumerate(reviewer_ids)}

    affinity = affinity_matrix(
        conference=conference, submission_ids=submission_ids, reviewer_ids=reviewer_ids
    )
    conflicts = conflicts_for(
        conference=conference, reviewer_ids=reviewer_ids, submission_ids=submission_ids
    )
    forbidden = {(s_index[s], r_index[r]) for s, r in conflicts}
    scopes = _scopes(conference, reviewer_ids)
    for r, user_id in enumerate(reviewer_ids):
        scope = scopes.get(user_id)
        if scope is None:
            continue
        for s, submission in enumerate(submissions):
            if submission.review_track_id not in scope:
                forbidden.add((s, r))

    # Load that the matrix does not see: other submissions (decided ones) and, when not
    # incremental, nothing of the assignable ones (they are planned afresh).
    load = Counter(r for s, r in existing if r in r_index and (s not in s_index or incremental))
    caps = []
    profile_caps = dict(
        ReviewerProfile.objects.filter(conference=conference, user_id__in=reviewer_ids)
        .exclude(cap__isnull=True)
        .values_list("user_id", "cap")
    )
    keep: set[tuple[int, int]] = set()
    if incremental:
        keep = {(s_index[s], r_index[r]) for s, r in existing if s in s_index}
    for user_id in reviewer_ids:
        cap = 0 if user_id in outside else profile_caps.get(user_id, settings.default_cap)
        # Kept pairs are counted by the solver itself: only the rest is taken off here.
        kept_here = sum(1 for s, r in keep if r == r_index[user_id])
        caps.append(max(0, cap - (load[user_id] - kept_here)))

    result = solve_assignment(
        affinity=affinity.scores,
        k=k,
        caps=caps,
        forbidden=forbidden,
        floor=settings.affinity_floor,
        keep=keep,
        bids=affinity.bid_preferences,
        time_limit_s=time_limit_s,
    )
    pairs = []
    for s, r in result.pairs:
        submission_id, reviewer_id = submission_ids[s], reviewer_ids[r]
        pairs.append(
            {
                "submission": submission_id,
                "reviewer": reviewer_id,
                "affinity": round(float(affinity.scores[s, r]), 3),
                "reasons": [str(reason) for reason in affinity.reasons(s, r)],
                "kept": (submission_id, reviewer_id) in existing_set,
            }
        )
    unfilled = {str(submission_ids[s]): code for s, code in sorted(result.unfilled.items())}
    stats = _stats(
        result=result,
        affinity=affinity,
        k=k,
        floor=settings.affinity_floor,
        n_sub=len(submissions),
        reviewer_ids=reviewer_ids,
        pool=set(pool),
    )
    stats["seconds"] = round(time.perf_counter() - started, 3)
    stats["dropped_conflicts"] = len(result.dropped)

    if proposal is None:
        proposal = AssignmentProposal(conference=conference, created_by=by)
    proposal.status = ProposalStatus.READY
    proposal.params = {"k": k, "incremental": incremental, "floor": settings.affinity_floor}
    proposal.pairs = pairs
    proposal.unfilled = unfilled
    proposal.stats = stats
    proposal.error = ""
    proposal.save()
    return proposal


def _stats(*, result, affinity, k: int, floor: float, n_sub: int, reviewer_ids, pool) -> dict:
    scores = [float(affinity.scores[s, r]) for s, r in result.pairs]
    per_reviewer = Counter(r for _s, r in result.pairs)
    loads = [per_reviewer.get(r, 0) for r, pk in enumerate(reviewer_ids) if pk in pool]
    best = {}
    for (s, _r), score in zip(result.pairs, scores, strict=True):
        best[s] = max(best.get(s, 0.0), score)
    from_embeddings = [bool(affinity.from_embeddings[s, r]) for s, r in result.pairs]
    return {
        "submissions": n_sub,
        "reviewers": len(pool),
        "k": k,
        "pairs": len(result.pairs),
        "kept": len(result.kept),
        "new": len(result.pairs) - len(result.kept),
        "unfilled": len(result.unfilled),
        "mean_affinity": round(float(np.mean(scores)), 3) if scores else 0.0,
        "below_floor": sum(1 for s in range(n_sub) if best.get(s, 0.0) < floor),
        "load_max": max(loads, default=0),
        "load_min": min(loads, default=0),
        "load_std": round(float(np.std(loads)), 3) if loads else 0.0,
        "embedding_share": round(sum(from_embeddings) / len(from_embeddings), 3)
        if from_embeddings
        else 0.0,
    }


# --- a reviewer drops out --------------------------------------------------------------------


@transaction.atomic
def drop_reviewer(*, conference: Conference, user, by) -> int:
    """Take `user` out of the assignment: her assignments without a review of hers are removed,
    and her profile's cap set to 0 so that no proposal gives her new ones.

    A review she already wrote stays, and so does its assignment (her work is not lost). The next
    incremental proposal fills the freed slots and moves nobody else. Returns how many
    assignments were removed. Side effects: ReviewAssignment rows deleted; the ReviewerProfile
    created or updated.
    """
    _check_organiser(by, conference)
    reviewed = Review.objects.filter(reviewer=user, submission__conference=conference).values(
        "submission_id"
    )
    removed, _by_model = (
        ReviewAssignment.objects.filter(reviewer=user, submission__conference=conference)
        .exclude(submission_id__in=reviewed)
        .delete()
    )
    profile, _created = ReviewerProfile.objects.get_or_create(conference=conference, user=user)
    if profile.cap != 0:
        profile.cap = 0
        profile.save(update_fields=["cap", "updated_at"])
    return removed
