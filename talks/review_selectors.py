"""Reads of the review's organisation: categories, assignments, what to review next, progress."""

from collections import Counter, defaultdict

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from conference.enums import Role
from conference.models import Conference
from talks.enums import COUNTED_STATES
from talks.models import (
    Review,
    ReviewAssignment,
    ReviewScore,
    ReviewSettings,
    ScoreCategory,
    Submission,
)
from talks.rules import can_score_submission, reviewable_states
from talks.selectors import _in_review_scope, _in_track

TEAM_ROLES = (Role.ORGANISER, Role.REVIEWER)


def score_categories(*, conference: Conference) -> list[ScoreCategory]:
    return list(conference.score_categories.all())


def reviews_with_scores(*, submission: Submission) -> list[Review]:
    """The submission's reviews, oldest first, each with its category scores (`scores`)."""
    return list(
        submission.reviews.select_related("reviewer")
        .prefetch_related(
            Prefetch("scores", queryset=ReviewScore.objects.select_related("category"))
        )
        .order_by("created_at", "pk")
    )


def own_scores(*, review: Review | None) -> dict[int, int]:
    """{category id: value} of a review ({} for none)."""
    if review is None:
        return {}
    return dict(review.scores.values_list("category_id", "value"))


def team_users(*, conference: Conference) -> list:
    """Organisers and reviewers of the conference, by username; each carries `team_role`."""
    memberships = (
        conference.memberships.filter(role__in=TEAM_ROLES)
        .select_related("user")
        .order_by("user__username")
    )
    users = []
    for membership in memberships:
        membership.user.team_role = membership.get_role_display()
        users.append(membership.user)
    return users


def reviewers_for(*, submission: Submission, team: list) -> list:
    """The team members who may review this submission, in one query for the whole team.

    The same rule as talks.rules.is_submission_reviewer (organisers; reviewers of every
    track; reviewers whose tracks hold the submission's review track), asked of the database
    at once instead of twice per person. Conflicts of interest are not asked here (a fixed
    page cost): saving refuses a conflicted reviewer (talks.rules.can_review_submission).
    """
    track_id = submission.review_track_id
    allowed = Q(role=Role.ORGANISER) | Q(role=Role.REVIEWER, reviews_all_tracks=True)
    if track_id is not None:
        allowed |= Q(role=Role.REVIEWER, review_scope__tracks=track_id)
    may = set(submission.conference.memberships.filter(allowed).values_list("user_id", flat=True))
    return [user for user in team if user.pk in may]


def assigned_reviewers(*, submission: Submission) -> list[ReviewAssignment]:
    return list(submission.assignments.select_related("reviewer", "assigned_by"))


def _with_my_review(qs: QuerySet, *, user) -> QuerySet:
    mine = Review.objects.filter(submission=OuterRef("pk"), reviewer=user)
    return qs.annotate(reviewed=Exists(mine), my_score=Subquery(mine.values("score")[:1]))


def assigned_to(*, conference: Conference, user) -> list[Submission]:
    """The submissions assigned to this team member: not yet reviewed by her first, then by
    when they were assigned. Each carries reviewed, my_score, assigned_at and may_score."""
    assignments = ReviewAssignment.objects.filter(submission=OuterRef("pk"), reviewer=user)
    qs = _with_my_review(
        Submission.objects.sent_in()
        .filter(conference=conference)
        .select_related("conference", "track", "suggested_track"),
        user=user,
    )
    qs = qs.filter(Exists(assignments)).annotate(assigned_at=Subquery(assignments.values("at")[:1]))
    qs = _in_review_scope(qs, conference=conference, user=user)
    submissions = list(qs.order_by("reviewed", "assigned_at", "pk"))
    for submission in submissions:
        # The one conference object, whose cached review phases every rule below reads.
        submission.conference = conference
        submission.may_score = can_score_submission(user, submission)
    return submissions


def next_to_review(*, conference: Conference, user, current: Submission | None = None):
    """The submission to open after `current`: her next assigned one that she has not reviewed
    and can review, else the next one of any she could review and has not; None when nothing
    is left. "Next" goes on after `current` in each list and wraps round, so following it
    without saving walks through everything instead of bouncing between two.
    """
    current_pk = current.pk if current is not None else None
    assigned = assigned_to(conference=conference, user=user)
    order = [s.pk for s in assigned]
    pending = [s for s in assigned if not s.reviewed and s.may_score and s.pk != current_pk]
    if pending:
        if current_pk in order:
            position = order.index(current_pk)
            after = [s for s in pending if order.index(s.pk) > position]
            return (after or pending)[0]
        return pending[0]
    states = reviewable_states(conference)
    if not states:
        return None
    qs = (
        Submission.objects.sent_in()
        .filter(conference=conference, state__in=states)
        .exclude(reviews__reviewer=user)
        .select_related("conference")
        .order_by("pk")
    )
    qs = _in_review_scope(qs, conference=conference, user=user)
    if current_pk is not None:
        qs = qs.exclude(pk=current_pk)
        after = qs.filter(pk__gt=current_pk).first()
        if after is not None:
            return after
    return qs.first()


# --- the organisers' pages -----------------------------------------------------------------


def assignment_candidates(
    *,
    conference: Conference,
    track=None,
    state: str = "",
    format: str = "",
    coverage: str = "",
    min_reviews: int = 1,
) -> list[Submission]:
    """The submissions the bulk assignment page offers, oldest first, drafts never.

    coverage: "unassigned" (nobody assigned), "under" (fewer assigned than the minimum of
    reviews). Each carries `assignees` (prefetched assignments with their reviewers).
    """
    qs = (
        Submission.objects.sent_in()
        .filter(conference=conference, state__in=COUNTED_STATES)
        .select_related("conference", "track", "suggested_track")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer").order_by(
                    "reviewer__username"
                ),
                to_attr="assignees",
            )
        )
        .order_by("created_at", "pk")
    )
    if track is not None:
        qs = _in_track(qs, track)
    if state:
        qs = qs.filter(state=state)
    if format:
        qs = qs.filter(format=format)
    submissions = list(qs)
    if coverage == "unassigned":
        submissions = [s for s in submissions if not s.assignees]
    elif coverage == "under":
        submissions = [s for s in submissions if len(s.assignees) < min_reviews]
    return submissions


def review_progress(*, conference: Conference) -> dict:
    """How far the review is: per submission (reviews, assigned, done), under the minimum
    first; per team member (assigned, done, written); and a histogram of reviews per
    submission. Withdrawn and cancelled talks are left out. Four queries whatever the size.
    """
    min_reviews = ReviewSettings.for_conference(conference).min_reviews
    submissions = list(
        Submission.objects.filter(conference=conference, state__in=COUNTED_STATES)
        .select_related("track", "suggested_track")
        .only(
            "pk",
            "title",
            "state",
            "conference_id",
            "track__name",
            "suggested_track__name",
            "created_at",
        )
    )
    reviewed = set(
        Review.objects.filter(submission__conference=conference).values_list(
            "submission_id", "reviewer_id"
        )
    )
    assigned = list(
        ReviewAssignment.objects.filter(submission__conference=conference).values_list(
            "submission_id", "reviewer_id"
        )
    )
    team = team_users(conference=conference)

    counted = {s.pk for s in submissions}
    reviews_of = Counter(sub_id for sub_id, _user in reviewed if sub_id in counted)
    assigned_of = Counter(sub_id for sub_id, _user in assigned if sub_id in counted)
    done_of = Counter(
        sub_id
        for sub_id, user_id in assigned
        if sub_id in counted and (sub_id, user_id) in reviewed
    )
    rows = []
    for submission in submissions:
        count = reviews_of[submission.pk]
        rows.append(
            {
                "submission": submission,
                "reviews": count,
                "assigned": assigned_of[submission.pk],
                "assigned_done": done_of[submission.pk],
                "missing": max(min_reviews - count, 0),
            }
        )
    rows.sort(key=lambda row: (row["missing"] == 0, row["reviews"], row["submission"].pk))

    per_user = defaultdict(lambda: {"assigned": 0, "done": 0, "written": 0})
    for sub_id, user_id in assigned:
        if sub_id in counted:
            per_user[user_id]["assigned"] += 1
            per_user[user_id]["done"] += (sub_id, user_id) in reviewed
    for sub_id, user_id in reviewed:
        if sub_id in counted:
            per_user[user_id]["written"] += 1
    reviewers = [{"user": user, **per_user[user.pk]} for user in team]

    histogram = Counter(min(row["reviews"], min_reviews) for row in rows)
    return {
        "min_reviews": min_reviews,
        "submissions": rows,
        "under_minimum": sum(1 for row in rows if row["missing"]),
        "reviewers": reviewers,
        "histogram": [(count, histogram[count]) for count in range(min_reviews + 1)],
        "total_reviews": sum(reviews_of.values()),
    }
