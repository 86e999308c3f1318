"""Writes of what reviewers tell the automatic assignment: profiles, bids, and its settings.

A team member edits her own profile and bids; organisers edit every profile and the settings.
Each service checks the permission itself (PermissionDenied), as the other talks services do.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from conference.models import Conference, Track
from conference.rules import is_organiser, is_team_member
from talks.enums import State
from talks.models import (
    AssignmentSettings,
    BidLevel,
    ReviewerBid,
    ReviewerProfile,
    ReviewerProfileTrack,
    Submission,
)
from talks.rules import is_submission_organiser, is_submission_reviewer

SETTINGS_FIELDS = (
    "reviewers_per_submission",
    "default_cap",
    "affinity_floor",
    "conflict_same_affiliation",
    "conflict_same_email_domain",
    "public_email_domains",
)


def _check_may_edit_profile(*, conference: Conference, user, by) -> None:
    if not is_team_member(user, conference):
        raise PermissionDenied
    if by.pk != user.pk and not is_organiser(by, conference):
        raise PermissionDenied


@transaction.atomic
def save_reviewer_profile(
    *,
    conference: Conference,
    user,
    by,
    expertise: str,
    tracks: Iterable[Track],
    cap: int | None,
    use_history: bool,
) -> ReviewerProfile:
    """Create or update `user`'s reviewer profile (by herself or by an organiser).

    Side effects: the ReviewerProfile row and its tracks of interest; after commit, the
    profiles' embeddings are requested (talks.services.assignment.request_reviewer_embeddings:
    the ml worker re-embeds only the changed texts).
    """
    from talks.services.assignment import request_reviewer_embeddings

    _check_may_edit_profile(conference=conference, user=user, by=by)
    tracks = list(tracks)
    if any(track.conference_id != conference.pk for track in tracks):
        raise ValidationError(_("A track of another conference was chosen."), code="track")
    profile, _created = ReviewerProfile.objects.select_for_update().get_or_create(
        conference=conference, user=user
    )
    profile.expertise = expertise.strip()
    profile.cap = cap
    profile.use_history = use_history
    profile.full_clean(exclude=["conference", "user", "tracks"])
    profile.save()
    wanted = {track.pk for track in tracks}
    current = set(profile.tracks.values_list("pk", flat=True))
    ReviewerProfileTrack.objects.filter(profile=profile).exclude(track_id__in=wanted).delete()
    ReviewerProfileTrack.objects.bulk_create(
        [ReviewerProfileTrack(profile=profile, track_id=pk) for pk in sorted(wanted - current)]
    )
    transaction.on_commit(lambda: request_reviewer_embeddings(conference=conference))
    return profile


def _check_may_bid(*, submission: Submission, user) -> None:
    """Bids are for the team, on submissions in their scope; drafts never."""
    in_scope = is_submission_organiser(user, submission) or is_submission_reviewer(user, submission)
    if not in_scope or submission.state == State.DRAFT:
        raise PermissionDenied


@transaction.atomic
def save_bids(*, conference: Conference, user, bids: Mapping[int, str]) -> int:
    """Set the user's bids: {submission id: level}, "" removes a bid. Returns how many changed.

    Every submission must be one she may review (sent in, in her tracks), else nothing is
    saved: PermissionDenied. A conflict ("conflict") counts at once: the submission leaves her
    lists and its pages answer 404 to her.
    Side effects: ReviewerBid rows created, updated or deleted.
    """
    if not is_team_member(user, conference):
        raise PermissionDenied
    levels = set(BidLevel.values)
    wrong = [level for level in bids.values() if level and level not in levels]
    if wrong:
        raise ValidationError(
            _("“%(level)s” is not a bid.") % {"level": wrong[0]}, code="invalid_bid"
        )
    ids = list(bids)
    submissions = list(Submission.objects.filter(conference=conference, pk__in=ids))
    if len(submissions) != len(set(ids)):
        raise PermissionDenied
    for submission in submissions:
        submission.conference = conference  # one object: the rules' caches hold
        _check_may_bid(submission=submission, user=user)
    current = dict(
        ReviewerBid.objects.filter(reviewer=user, submission_id__in=ids).values_list(
            "submission_id", "level"
        )
    )
    changed = 0
    for submission_id, level in bids.items():
        if current.get(submission_id, "") == level:
            continue
        changed += 1
        if not level:
            ReviewerBid.objects.filter(reviewer=user, submission_id=submission_id).delete()
        else:
            ReviewerBid.objects.update_or_create(
                reviewer=user, submission_id=submission_id, defaults={"level": level}
            )
    return changed


def declare_conflict(*, submission: Submission, user) -> None:
    """The user declares a conflict of interest with the submission (her bid becomes
    "conflict"). Side effects: as save_bids."""
    save_bids(conference=submission.conference, user=user, bids={submission.pk: BidLevel.CONFLICT})


def update_assignment_settings(*, conference: Conference, by, **fields) -> AssignmentSettings:
    """Organisers only. fields: any of SETTINGS_FIELDS.
    Side effects: the conference's AssignmentSettings row (created on first save)."""
    if not is_organiser(by, conference):
        raise PermissionDenied
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    settings, _created = AssignmentSettings.objects.get_or_create(conference=conference)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean(exclude=["conference"])
    if settings.reviewers_per_submission < 1:
        raise ValidationError(
            {"reviewers_per_submission": _("Every submission needs at least one reviewer.")}
        )
    if not 0 <= settings.affinity_floor <= 1:
        raise ValidationError({"affinity_floor": _("The floor is between 0 and 1.")})
    settings.save()
    return settings
