"""Reads of the automatic reviewer assignment's pages: profiles, bids, proposals.

The proposal's `pairs` and `unfilled` are JSON (see AssignmentProposal); these selectors turn
them into rows with users and submissions, a fixed number of queries per page.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from conference.enums import Role
from conference.models import Conference
from conference.rules import is_organiser
from talks.assignment.conflicts import CONFLICT_TEXT, assignment_settings_for, conflicts_for
from talks.models import (
    AssignmentProposal,
    ProposalStatus,
    ReviewAssignment,
    ReviewerBid,
    ReviewerProfile,
    Submission,
)
from talks.rules import is_submission_reviewer, review_track_ids
from talks.services.assignment import UNFILLED_TEXT

BIDS_PER_PAGE = 50
PROPOSAL_PER_PAGE = 50
TEAM_ROLES = (Role.ORGANISER, Role.REVIEWER)

__all__ = ["CONFLICT_TEXT", "assignment_settings_for"]


def may_review(user, submission: Submission) -> bool:
    """On the team and in scope: organisers, reviewers of every track or of the submission's
    (conflicts of interest are asked separately: the pages say which)."""
    return is_organiser(user, submission.conference) or is_submission_reviewer(user, submission)


def profile_of(*, conference: Conference, user) -> ReviewerProfile:
    """The user's reviewer profile, or an unsaved empty one."""
    profile = (
        ReviewerProfile.objects.filter(conference=conference, user=user)
        .prefetch_related("tracks")
        .first()
    )
    return profile or ReviewerProfile(conference=conference, user=user)


def team_member(*, conference: Conference, pk: int):
    """A user of the conference's team (organiser or reviewer), else 404."""
    return get_object_or_404(
        get_user_model(),
        pk=pk,
        memberships__conference=conference,
        memberships__role__in=TEAM_ROLES,
    )


@dataclass
class ProfileRow:
    user: object
    role: str
    profile: ReviewerProfile | None
    cap: int
    tracks: list = field(default_factory=list)
    assigned: int = 0


def reviewer_profiles(*, conference: Conference) -> list[ProfileRow]:
    """Every team member with her profile (None when she wrote none), effective cap, tracks of
    interest and current number of assignments, by username. Four queries."""
    settings = assignment_settings_for(conference=conference)
    memberships = list(
        conference.memberships.filter(role__in=TEAM_ROLES)
        .select_related("user")
        .order_by("user__username")
    )
    profiles = {
        profile.user_id: profile
        for profile in ReviewerProfile.objects.filter(conference=conference).prefetch_related(
            "tracks"
        )
    }
    load = _assigned_counts(conference=conference)
    rows = []
    for membership in memberships:
        profile = profiles.get(membership.user_id)
        rows.append(
            ProfileRow(
                user=membership.user,
                role=membership.get_role_display(),
                profile=profile,
                cap=_cap(profile, settings),
                tracks=list(profile.tracks.all()) if profile else [],
                assigned=load.get(membership.user_id, 0),
            )
        )
    return rows


def _cap(profile: ReviewerProfile | None, settings) -> int:
    if profile is not None and profile.cap is not None:
        return profile.cap
    return settings.default_cap


def _assigned_counts(*, conference: Conference) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for reviewer_id in ReviewAssignment.objects.filter(
        submission__conference=conference
    ).values_list("reviewer_id", flat=True):
        counts[reviewer_id] += 1
    return counts


# --- bids ------------------------------------------------------------------------------------


def bid_page(*, conference: Conference, user, page=1, per_page: int = BIDS_PER_PAGE) -> Page:
    """One page of the submissions the user may bid on (sent in, in her tracks), oldest first.

    Each carries `bid` (her level or "") and `conflict` (the reason code of a detected or
    declared conflict of interest, or None). Conflicted submissions stay on the page (she
    must be able to take back a declared conflict) but show no abstract. A fixed number of
    queries: the scope leaves conflicted ones out, so it is asked here without them.
    """
    qs = (
        Submission.objects.sent_in()
        .filter(conference=conference)
        .select_related("track", "suggested_track")
        .order_by("created_at", "pk")
    )
    qs = _scope_without_conflicts(qs, conference=conference, user=user)
    result = Paginator(qs, per_page).get_page(page)
    submissions = list(result.object_list)
    ids = [submission.pk for submission in submissions]
    bids = dict(
        ReviewerBid.objects.filter(reviewer=user, submission_id__in=ids).values_list(
            "submission_id", "level"
        )
    )
    conflicts = conflicts_for(conference=conference, reviewer_ids=[user.pk], submission_ids=ids)
    for submission in submissions:
        submission.bid = bids.get(submission.pk, "")
        submission.conflict = conflicts.get((submission.pk, user.pk))
    result.object_list = submissions
    return result


def _scope_without_conflicts(qs, *, conference: Conference, user):
    """The tracks' scope of talks.selectors._in_review_scope, without its leaving conflicts
    out."""
    if is_organiser(user, conference):
        return qs
    track_ids = review_track_ids(user, conference)
    if track_ids is None:
        return qs
    return qs.filter(
        Q(track_id__in=track_ids) | Q(track__isnull=True, suggested_track_id__in=track_ids)
    )


def bids_of(*, conference: Conference, user) -> list[ReviewerBid]:
    return list(
        ReviewerBid.objects.filter(reviewer=user, submission__conference=conference).order_by(
            "submission_id"
        )
    )


# --- proposals -------------------------------------------------------------------------------


def proposals_of(*, conference: Conference, limit: int = 10) -> list[AssignmentProposal]:
    return list(conference.assignment_proposals.select_related("created_by", "applied_by")[:limit])


def proposal_by_pk(*, conference: Conference, pk: int) -> AssignmentProposal:
    return get_object_or_404(
        AssignmentProposal.objects.select_related("created_by", "applied_by"),
        conference=conference,
        pk=pk,
    )


def latest_proposal(*, conference: Conference) -> AssignmentProposal | None:
    return conference.assignment_proposals.first()


def proposal_load(*, proposal: AssignmentProposal) -> dict[int, int]:
    """{reviewer id: submissions she would review once applied}: the proposal's pairs and her
    assignments in the conference outside it."""
    mine: dict[int, set[int]] = defaultdict(set)
    for pair in proposal.pairs:
        mine[pair["reviewer"]].add(pair["submission"])
    for submission_id, reviewer_id in ReviewAssignment.objects.filter(
        submission__conference_id=proposal.conference_id
    ).values_list("submission_id", "reviewer_id"):
        mine[reviewer_id].add(submission_id)
    return {reviewer_id: len(ids) for reviewer_id, ids in mine.items()}


@dataclass
class ReviewerRow:
    user: object
    load: int
    cap: int
    mean_affinity: float | None
    new: int

    @property
    def over_cap(self) -> bool:
        return self.load > self.cap


def proposal_reviewers(*, proposal: AssignmentProposal) -> list[ReviewerRow]:
    """The proposal per reviewer: load (once applied) against cap, mean affinity of her
    pairs, how many pairs are new; team members without pairs too. By username."""
    conference = proposal.conference
    settings = assignment_settings_for(conference=conference)
    profiles = {
        profile.user_id: profile
        for profile in ReviewerProfile.objects.filter(conference=conference).only("user_id", "cap")
    }
    load = proposal_load(proposal=proposal)
    affinities: dict[int, list[float]] = defaultdict(list)
    new: dict[int, int] = defaultdict(int)
    for pair in proposal.pairs:
        affinities[pair["reviewer"]].append(float(pair.get("affinity") or 0.0))
        if not pair.get("kept"):
            new[pair["reviewer"]] += 1
    users = (
        get_user_model()
        .objects.filter(
            Q(pk__in=list(affinities))
            | Q(memberships__conference=conference, memberships__role__in=TEAM_ROLES)
        )
        .distinct()
        .order_by("username")
    )
    rows = []
    for user in users:
        values = affinities.get(user.pk, [])
        rows.append(
            ReviewerRow(
                user=user,
                load=load.get(user.pk, 0),
                cap=_cap(profiles.get(user.pk), settings),
                mean_affinity=sum(values) / len(values) if values else None,
                new=new.get(user.pk, 0),
            )
        )
    return rows


@dataclass
class PairRow:
    reviewer: object
    affinity: float
    reasons: list
    kept: bool
    edited: bool


@dataclass
class SubmissionRow:
    submission: Submission
    pairs: list[PairRow]
    unfilled: str
    conflicts: list = field(default_factory=list)  # [(user, reason text)]


def proposal_submissions_page(
    *, proposal: AssignmentProposal, page=1, per_page: int = PROPOSAL_PER_PAGE
) -> Page:
    """One page of the proposal per submission (oldest first): its reviewers with affinity
    and reasons, why it got fewer than k (or ""), and the team members in conflict with it.
    A fixed number of queries whatever the page's length."""
    ids = {pair["submission"] for pair in proposal.pairs}
    ids |= {int(key) for key in proposal.unfilled or {}}
    qs = (
        Submission.objects.filter(conference_id=proposal.conference_id, pk__in=sorted(ids))
        .select_related("track", "suggested_track")
        .order_by("created_at", "pk")
    )
    result = Paginator(qs, per_page).get_page(page)
    result.object_list = _submission_rows(proposal, list(result.object_list))
    return result


def proposal_row(*, proposal: AssignmentProposal, submission: Submission) -> "SubmissionRow":
    """The proposal's row of one submission (as on its page)."""
    return _submission_rows(proposal, [submission])[0]


def _submission_rows(proposal: AssignmentProposal, submissions: list) -> list["SubmissionRow"]:
    conference = proposal.conference
    by_submission: dict[int, list[dict]] = defaultdict(list)
    for pair in proposal.pairs:
        by_submission[pair["submission"]].append(pair)
    # The proposal stores codes (talks.services.assignment.UNFILLED_TEXT says them in words).
    unfilled = {
        int(key): UNFILLED_TEXT.get(value, value)
        for key, value in (proposal.unfilled or {}).items()
    }
    on_page = [submission.pk for submission in submissions]
    reviewer_ids = {pair["reviewer"] for pk in on_page for pair in by_submission[pk]}
    conflicts = conflicts_for(conference=conference, submission_ids=on_page) if on_page else {}
    reviewer_ids |= {user_id for _submission_id, user_id in conflicts}
    users = get_user_model().objects.in_bulk(list(reviewer_ids)) if reviewer_ids else {}
    conflicts_of: dict[int, list] = defaultdict(list)
    for (submission_id, user_id), code in sorted(conflicts.items()):
        if user_id in users:
            conflicts_of[submission_id].append((users[user_id], CONFLICT_TEXT.get(code, code)))
    rows = []
    for submission in submissions:
        pairs = [
            PairRow(
                reviewer=users[pair["reviewer"]],
                affinity=float(pair.get("affinity") or 0.0),
                reasons=list(pair.get("reasons") or []),
                kept=bool(pair.get("kept")),
                edited=bool(pair.get("edited")),
            )
            for pair in sorted(
                by_submission[submission.pk], key=lambda p: -float(p.get("affinity") or 0.0)
            )
            if pair["reviewer"] in users
        ]
        rows.append(
            SubmissionRow(
                submission=submission,
                pairs=pairs,
                unfilled=str(unfilled.get(submission.pk, "")),
                conflicts=conflicts_of.get(submission.pk, []),
            )
        )
    return rows


def is_editable(*, proposal: AssignmentProposal) -> bool:
    """Ready and the latest one not failed (what editing and applying accept)."""
    if proposal.status != ProposalStatus.READY:
        return False
    latest = (
        AssignmentProposal.objects.filter(conference_id=proposal.conference_id)
        .exclude(status=ProposalStatus.FAILED)
        .values_list("pk", flat=True)
        .first()
    )
    return latest == proposal.pk


def proposal_summary(*, proposal: AssignmentProposal) -> dict:
    """Counts for the page's head: pairs, new pairs, submissions, unfilled, mean affinity."""
    editable = is_editable(proposal=proposal)
    pairs = proposal.pairs or []
    affinities = [float(pair.get("affinity") or 0.0) for pair in pairs]
    return {
        "pairs": len(pairs),
        "new": sum(1 for pair in pairs if not pair.get("kept")),
        "submissions": len(
            {pair["submission"] for pair in pairs} | {int(key) for key in proposal.unfilled or {}}
        ),
        "unfilled": len(proposal.unfilled or {}),
        "mean_affinity": sum(affinities) / len(affinities) if affinities else None,
        "editable": editable,
        "outdated": proposal.status == ProposalStatus.READY and not editable,
    }


@dataclass
class Candidate:
    user: object
    affinity: float
    reasons: list
    load: int
    cap: int
    refusal: str  # why she cannot take it ("" when she can)


def pair_candidates(*, proposal: AssignmentProposal, submission: Submission) -> list[Candidate]:
    """The assignment's pool (reviewers, organisers with a profile; not those who dropped out)
    who could take a place on this submission, best affinity first, each
    with her load and cap; those who cannot (conflict, full, already on it) come last, with
    why. Affinity as the proposal computes it (talks.assignment.affinity)."""
    from talks.assignment.affinity import affinity_matrix

    conference = proposal.conference
    settings = assignment_settings_for(conference=conference)
    from talks.services.assignment import assignment_reviewers

    team = list(
        get_user_model()
        .objects.filter(pk__in=assignment_reviewers(conference=conference))
        .order_by("username")
    )
    submission.conference = conference
    team = [user for user in team if may_review(user, submission)]
    if not team:
        return []
    on_it = {pair["reviewer"] for pair in proposal.pairs if pair["submission"] == submission.pk}
    on_it |= set(submission.assignments.values_list("reviewer_id", flat=True))
    ids = [user.pk for user in team]
    result = affinity_matrix(
        conference=conference, submission_ids=[submission.pk], reviewer_ids=ids
    )
    conflicts = conflicts_for(
        conference=conference, reviewer_ids=ids, submission_ids=[submission.pk]
    )
    load = proposal_load(proposal=proposal)
    caps = {
        profile.user_id: profile
        for profile in ReviewerProfile.objects.filter(conference=conference, user_id__in=ids)
    }
    candidates = []
    for r, user in enumerate(team):
        code = conflicts.get((submission.pk, user.pk))
        cap = _cap(caps.get(user.pk), settings)
        if user.pk in on_it:
            refusal = str(_("already on this submission"))
        elif code is not None:
            refusal = str(CONFLICT_TEXT[code])
        elif load.get(user.pk, 0) >= cap:
            refusal = str(_("at her cap"))
        else:
            refusal = ""
        candidates.append(
            Candidate(
                user=user,
                affinity=float(result.scores[0, r]),
                reasons=result.reasons(0, r) if not refusal else [],
                load=load.get(user.pk, 0),
                cap=cap,
                refusal=refusal,
            )
        )
    candidates.sort(key=lambda c: (bool(c.refusal), -c.affinity, c.user.username))
    return candidates
