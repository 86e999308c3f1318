"""Who may do what with submissions: predicates shared by services, views (and later the API).

They live here, not in conference/rules.py, because they read talks models and imports flow
conference ← talks. Conference-level roles (is_organiser, is_reviewer) come from there.
"""

import rules
from django.utils import timezone

from conference.models import Conference, Membership
from conference.rules import is_organiser, is_reviewer
from talks.assignment.conflicts import conflict_reason, conflicted_submission_ids
from talks.enums import COUNTED_STATES, EDITABLE_STATES, JOINABLE_STATES, REVIEWABLE_STATES
from talks.models import CfpSettings, ReviewPhase, Submission

# While a review phase is open, decided talks can still be reviewed (a late reviewer is not cut
# off by the first decision); withdrawn and cancelled ones cannot.
PHASE_REVIEWABLE_STATES = COUNTED_STATES


def review_track_ids(user, conference: Conference) -> frozenset[int] | None:
    """The ids of the tracks a reviewer is limited to, or None when they review every track.

    Every track only when her membership says so (`reviews_all_tracks`): a limited reviewer
    whose tracks are all gone gets an empty set, never every track. Cached on the user object:
    a page asks about many submissions of the same conference.
    """
    cache = user.__dict__.setdefault("_review_track_ids", {})
    if conference.pk not in cache:
        # One query: (flag, track id) per scope track, (flag, None) for a scope without tracks.
        rows = Membership.objects.filter(user_id=user.pk, conference=conference).values_list(
            "reviews_all_tracks", "review_scope__tracks"
        )
        if any(all_tracks for all_tracks, _track_id in rows):
            cache[conference.pk] = None
        else:
            cache[conference.pk] = frozenset(
                track_id for _all_tracks, track_id in rows if track_id is not None
            )
    return cache[conference.pk]


def review_phases(conference: Conference) -> list[ReviewPhase]:
    """The conference's review phases in order; cached on the conference object (a page asks
    about many submissions). Services that change phases call forget_review_phases."""
    if "_review_phases" not in conference.__dict__:
        conference.__dict__["_review_phases"] = list(conference.review_phases.all())
    return conference.__dict__["_review_phases"]


def forget_review_phases(conference: Conference) -> None:
    conference.__dict__.pop("_review_phases", None)


def open_review_phase(conference: Conference) -> ReviewPhase | None:
    return next((phase for phase in review_phases(conference) if phase.is_open), None)


def reviewable_states(conference: Conference) -> tuple[str, ...]:
    """The states in which the conference's submissions can be reviewed now.

    Without review phases, until the decision (as it always was); with phases, only while one
    is open (started and not yet ended by an organiser), decided talks included.
    """
    if not review_phases(conference):
        return REVIEWABLE_STATES
    return PHASE_REVIEWABLE_STATES if open_review_phase(conference) is not None else ()


def visibility_phase(conference: Conference) -> ReviewPhase | None:
    """The phase whose visibility rules apply: the open one, else the one that ended last
    (between phases reviewers keep what they saw)."""
    phase = open_review_phase(conference)
    if phase is not None:
        return phase
    ended = [phase for phase in review_phases(conference) if phase.has_ended]
    return max(ended, key=lambda phase: phase.ended_at, default=None)


def review_is_anonymised(conference: Conference) -> bool:
    return CfpSettings.for_conference(conference).anonymised_review


# --- on a conference -------------------------------------------------------------------------


@rules.predicate
def sees_speaker_identities(user, conference) -> bool:
    """Organisers always; reviewers only while the review is not anonymised."""
    return is_organiser(user, conference) or not review_is_anonymised(conference)


can_manage_cfp = is_organiser
can_manage_review = is_organiser


@rules.predicate
def sees_reviewer_names(user, conference) -> bool:
    """Who wrote the other reviews: organisers always; reviewers when the phase says so."""
    if is_organiser(user, conference):
        return True
    phase = visibility_phase(conference)
    return phase is not None and phase.reviewers_see_names


# --- on a submission -------------------------------------------------------------------------


@rules.predicate
def is_submission_speaker(user, submission) -> bool:
    # .all() so that a prefetched speakers list answers without a query.
    return user.is_authenticated and any(s.pk == user.pk for s in submission.speakers.all())


@rules.predicate
def is_submission_organiser(user, submission) -> bool:
    return is_organiser(user, submission.conference)


@rules.predicate
def is_submission_reviewer(user, submission) -> bool:
    """A reviewer of the conference whose tracks (if limited) include the submission's."""
    if not is_reviewer(user, submission.conference):
        return False
    track_ids = review_track_ids(user, submission.conference)
    return track_ids is None or submission.review_track_id in track_ids


def reviewer_conflict(user, submission) -> str | None:
    """The reason code of a team member's conflict of interest with the submission, or None
    (always None for organisers: they decide every talk, their own included)."""
    if not user.is_authenticated or is_organiser(user, submission.conference):
        return None
    return conflict_reason(submission=submission, user=user)


def conflicted_ids(user, conference: Conference) -> frozenset[int]:
    """Ids of the conference's submissions hidden from this team member by a conflict of
    interest (none for organisers); cached on the user object like review_track_ids."""
    if not user.is_authenticated or is_organiser(user, conference):
        return frozenset()
    cache = user.__dict__.setdefault("_conflicted_ids", {})
    if conference.pk not in cache:
        cache[conference.pk] = frozenset(
            conflicted_submission_ids(conference=conference, user=user)
        )
    return cache[conference.pk]


@rules.predicate
def is_conflicted(user, submission) -> bool:
    """One computation per conference and request, however many submissions a page asks about."""
    return submission.pk in conflicted_ids(user, submission.conference)


@rules.predicate
def is_editable(user, submission) -> bool:
    """Before a decision and while the CfP is open."""
    return submission.state in EDITABLE_STATES and submission.conference.cfp_is_open(timezone.now())


@rules.predicate
def is_joinable(user, submission) -> bool:
    return submission.state in JOINABLE_STATES


@rules.predicate
def is_under_review(user, submission) -> bool:
    return submission.state in REVIEWABLE_STATES


@rules.predicate
def is_review_open(user, submission) -> bool:
    return submission.state in reviewable_states(submission.conference)


@rules.predicate
def phase_shows_reviews(user, submission) -> bool:
    phase = visibility_phase(submission.conference)
    return phase is not None and phase.reviewers_see_scores


@rules.predicate
def can_view_speaker_photo(user, speaker) -> bool:
    """Themselves; anybody once they have a public talk; the team of a conference they
    submitted to, unless the review is anonymised for that team member."""
    if user.is_authenticated and (user.pk == speaker.pk or user.is_superuser):
        return True
    if Submission.objects.public().filter(speakers=speaker).exists():
        return True
    if not user.is_authenticated:
        return False
    submitted_to = Submission.objects.sent_in().filter(speakers=speaker)
    conferences = Conference.objects.filter(
        pk__in=submitted_to.values("conference_id"), memberships__user=user
    )
    return any(sees_speaker_identities(user, conference) for conference in conferences)


# Team members who may open a submission's review page and decide its track: never a reviewer
# with a conflict of interest (she gets a 404, as for a talk outside her tracks).
can_review_submission = is_submission_organiser | (is_submission_reviewer & ~is_conflicted)
can_score_submission = can_review_submission & is_review_open
can_edit_submission = is_submission_speaker & is_editable
can_invite_co_speakers = is_submission_speaker & is_joinable
# Other people's reviews: organisers always, reviewers while the phase shows them.
can_see_reviews = is_submission_organiser | (is_submission_reviewer & phase_shows_reviews)
can_assign_reviewers = is_submission_organiser
can_see_history = is_submission_organiser
