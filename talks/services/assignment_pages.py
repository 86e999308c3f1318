"""What organisers do with a computed assignment proposal: edit one pair, apply the whole.

The computation itself (start_proposal, propose_assignment, drop_reviewer) lives in
talks.services.assignment; these services only read and rewrite a READY proposal's `pairs`
and turn them into ReviewAssignment rows.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conference.links import absolute_url
from conference.mail import OutgoingMail, queue_mail_batch
from conference.rules import is_organiser
from talks.assignment.conflicts import CONFLICT_TEXT, assignment_settings_for, conflicts_for
from talks.assignment_selectors import may_review
from talks.models import (
    AssignmentProposal,
    ProposalStatus,
    ReviewAssignment,
    ReviewerProfile,
    Submission,
)

ASSIGNMENT_MAIL_KIND = "review_assignment"
HOLD_REASON = gettext_lazy("Reviewer assignment")


@dataclass(frozen=True)
class ApplyResult:
    added: int
    already: int
    skipped_conflicts: int
    mails: int


def _check_organiser(user, conference) -> None:
    if not is_organiser(user, conference):
        raise PermissionDenied


def _check_ready(proposal: AssignmentProposal) -> None:
    """Ready, and the conference's latest: an older proposal was computed from assignments
    and loads that a newer one may already have changed."""
    if proposal.status != ProposalStatus.READY:
        raise ValidationError(
            _("Only a ready proposal can be changed or applied (this one is %(status)s).")
            % {"status": proposal.get_status_display().lower()},
            code="not_ready",
        )
    newer = (
        AssignmentProposal.objects.filter(conference_id=proposal.conference_id)
        .filter(
            Q(created_at__gt=proposal.created_at)
            | Q(created_at=proposal.created_at, pk__gt=proposal.pk)
        )
        .exclude(status=ProposalStatus.FAILED)
    )
    if newer.exists():
        raise ValidationError(
            _("A newer proposal was computed since: change or apply that one."), code="outdated"
        )


def reviewer_cap(*, conference, user_id: int) -> int:
    cap = (
        ReviewerProfile.objects.filter(conference=conference, user_id=user_id)
        .values_list("cap", flat=True)
        .first()
    )
    return cap if cap is not None else assignment_settings_for(conference=conference).default_cap


def current_load(*, proposal: AssignmentProposal, user_id: int) -> int:
    """How many submissions she would review once the proposal is applied."""
    mine = {pair["submission"] for pair in proposal.pairs if pair["reviewer"] == user_id}
    mine |= set(
        ReviewAssignment.objects.filter(
            submission__conference_id=proposal.conference_id, reviewer_id=user_id
        ).values_list("submission_id", flat=True)
    )
    return len(mine)


def pair_affinity(*, submission: Submission, user) -> tuple[float, list[str]]:
    """The affinity (0–1) and its readable reasons, as the proposal's pairs carry them."""
    from talks.assignment.affinity import affinity_matrix

    result = affinity_matrix(
        conference=submission.conference, submission_ids=[submission.pk], reviewer_ids=[user.pk]
    )
    return float(result.scores[0, 0]), result.reasons(0, 0)


@transaction.atomic
def edit_proposal_pair(
    *,
    proposal: AssignmentProposal,
    submission_id: int,
    old_reviewer_id: int | None,
    new_reviewer_id: int,
    by,
) -> dict:
    """Replace one reviewer of a submission in a READY proposal (or, with no old reviewer,
    fill one of its missing places). Returns the new pair.

    Refused (ValidationError, with the reason): a pair already applied ("kept"), a reviewer
    already on the submission, one who may not review it, one with a conflict of interest,
    one whose load would pass her cap.
    Side effects: the proposal's `pairs` (and `unfilled`) rewritten.
    """
    conference = proposal.conference
    _check_organiser(by, conference)
    proposal = AssignmentProposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.conference = conference
    _check_ready(proposal)
    submission = (
        Submission.objects.sent_in()
        .filter(conference=conference, pk=submission_id)
        .select_related("conference")
        .first()
    )
    if submission is None:
        raise ValidationError(_("No such submission in this conference."), code="submission")
    submission.conference = conference
    pairs = list(proposal.pairs)
    on_it = [pair for pair in pairs if pair["submission"] == submission_id]
    old = None
    if old_reviewer_id is not None:
        old = next((pair for pair in on_it if pair["reviewer"] == old_reviewer_id), None)
        if old is None:
            raise ValidationError(
                _("That reviewer is not proposed for this submission."), code="no_pair"
            )
        if old.get("kept"):
            raise ValidationError(
                _("This pair is an assignment already made: change it on the submission's page."),
                code="kept",
            )
    if new_reviewer_id == old_reviewer_id:
        raise ValidationError(_("Choose another reviewer."), code="same")
    if any(pair["reviewer"] == new_reviewer_id for pair in on_it):
        raise ValidationError(
            _("This reviewer is already proposed for this submission."), code="duplicate"
        )
    user = get_user_model().objects.filter(pk=new_reviewer_id).first()
    if user is None or not may_review(user, submission):
        raise ValidationError(_("This person may not review this submission."), code="out_of_scope")
    if ReviewAssignment.objects.filter(submission=submission, reviewer=user).exists():
        raise ValidationError(
            _("This reviewer is already assigned to this submission."), code="duplicate"
        )
    conflict = conflicts_for(
        conference=conference, reviewer_ids=[user.pk], submission_ids=[submission.pk]
    ).get((submission.pk, user.pk))
    if conflict is not None:
        raise ValidationError(
            _("Conflict of interest: %(reason)s") % {"reason": CONFLICT_TEXT[conflict]},
            code="conflict",
        )
    cap = reviewer_cap(conference=conference, user_id=user.pk)
    load = current_load(proposal=proposal, user_id=user.pk)
    if load >= cap:
        raise ValidationError(
            _("%(name)s already has %(load)d of at most %(cap)d submissions.")
            % {"name": user.get_username(), "load": load, "cap": cap},
            code="cap",
        )
    affinity, reasons = pair_affinity(submission=submission, user=user)
    new = {
        "submission": submission.pk,
        "reviewer": user.pk,
        "affinity": round(float(affinity), 4),
        "reasons": list(reasons),
        "kept": False,
        "edited": True,
    }
    if old is not None:
        pairs[pairs.index(old)] = new
    else:
        pairs.append(new)
        _fill_unfilled(proposal, submission.pk, len(on_it) + 1)
    proposal.pairs = pairs
    proposal.save(update_fields=["pairs", "unfilled"])
    return new


def _fill_unfilled(proposal: AssignmentProposal, submission_id: int, now_has: int) -> None:
    k = int(
        (proposal.params or {}).get("k")
        or assignment_settings_for(conference=proposal.conference).reviewers_per_submission
    )
    if now_has >= k:
        proposal.unfilled = {
            key: value
            for key, value in (proposal.unfilled or {}).items()
            if int(key) != submission_id
        }


@transaction.atomic
def apply_proposal(
    *, proposal: AssignmentProposal, by, pairs: Iterable[dict] | None = None
) -> ApplyResult:
    """Make the proposal's pairs (or the edited `pairs` given) assignments; mark it APPLIED.

    Pairs already assigned are left as they are; a pair whose reviewer has a conflict of
    interest by now (a late declaration) is left out. Every reviewer who gets new submissions
    gets ONE e-mail listing them, held in the outbox until an organiser releases it.
    Side effects: ReviewAssignment rows; the proposal's status, applied_at/by (and pairs);
    OutboxMail rows (held).
    """
    conference = proposal.conference
    _check_organiser(by, conference)
    proposal = AssignmentProposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.conference = conference
    _check_ready(proposal)
    wanted = list(proposal.pairs if pairs is None else pairs)
    submission_ids = {int(pair["submission"]) for pair in wanted}
    submissions = Submission.objects.sent_in().filter(conference=conference, pk__in=submission_ids)
    known = set(submissions.values_list("pk", flat=True))
    wanted = [pair for pair in wanted if int(pair["submission"]) in known]
    conflicts = conflicts_for(
        conference=conference,
        reviewer_ids={int(pair["reviewer"]) for pair in wanted},
        submission_ids=known,
    )
    existing = set(
        ReviewAssignment.objects.filter(submission_id__in=known).values_list(
            "submission_id", "reviewer_id"
        )
    )
    new_rows = []
    skipped = already = 0
    seen = set()
    for pair in wanted:
        key = (int(pair["submission"]), int(pair["reviewer"]))
        if key in seen:
            continue
        seen.add(key)
        if key in existing:
            already += 1
        elif key in conflicts:
            skipped += 1
        else:
            new_rows.append(key)
    ReviewAssignment.objects.bulk_create(
        [
            ReviewAssignment(submission_id=submission_id, reviewer_id=reviewer_id, assigned_by=by)
            for submission_id, reviewer_id in new_rows
        ],
        ignore_conflicts=True,
    )
    mails = _queue_assignment_mails(conference=conference, new_rows=new_rows)
    if pairs is not None:
        proposal.pairs = list(pairs)
    proposal.status = ProposalStatus.APPLIED
    proposal.applied_at = timezone.now()
    proposal.applied_by = by
    proposal.save(update_fields=["pairs", "status", "applied_at", "applied_by"])
    return ApplyResult(added=len(new_rows), already=already, skipped_conflicts=skipped, mails=mails)


def _queue_assignment_mails(*, conference, new_rows: list[tuple[int, int]]) -> int:
    """One held message per reviewer with new assignments: their titles and her list's link."""
    per_reviewer: dict[int, list[int]] = defaultdict(list)
    for submission_id, reviewer_id in new_rows:
        per_reviewer[reviewer_id].append(submission_id)
    if not per_reviewer:
        return 0
    users = get_user_model().objects.in_bulk(list(per_reviewer))
    titles = dict(
        Submission.objects.filter(pk__in=[pk for pk, _r in new_rows]).values_list("pk", "title")
    )
    link = absolute_url(reverse("talks:review_assigned", args=[conference.slug]))
    messages = []
    for reviewer_id in sorted(per_reviewer, key=lambda pk: users[pk].get_username()):
        user = users[reviewer_id]
        if not user.email:
            continue
        ids = sorted(per_reviewer[reviewer_id])
        lines = "\n".join(f"- {titles[pk]}" for pk in ids)
        name = user.get_full_name() or user.get_username()
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": name},
                _("you are asked to review %(count)d submissions to %(conference)s:")
                % {"count": len(ids), "conference": conference.name},
                lines,
                _("Your list of assigned submissions: %(link)s") % {"link": link},
                _("The %(conference)s team") % {"conference": conference.name},
            ]
        )
        subject = _("%(count)d submissions to review for %(conference)s") % {
            "count": len(ids),
            "conference": conference.name,
        }
        messages.append(OutgoingMail(to=user.email, subject=subject, body=body))
    batch = queue_mail_batch(
        conference=conference, messages=messages, kind=ASSIGNMENT_MAIL_KIND, hold=str(HOLD_REASON)
    )
    return batch.count
