"""Reviews: scores, their aggregation, reviewers' tracks."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talks import selectors, services
from talks.models import Review, ReviewerScope
from tests.factories import (
    MembershipFactory,
    ReviewerScopeFactory,
    ReviewFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)


def test_save_review_creates_then_replaces(submission, reviewer):
    services.save_review(submission=submission, reviewer=reviewer, score=2, comment="Meh")
    services.save_review(submission=submission, reviewer=reviewer, score=4, comment="Better")

    review = Review.objects.get()
    assert (review.reviewer, review.score, review.comment) == (reviewer, 4, "Better")


@pytest.mark.parametrize("score", [-1, 6])
def test_save_review_out_of_range_is_refused(submission, reviewer, score):
    with pytest.raises(ValidationError) as error:
        services.save_review(submission=submission, reviewer=reviewer, score=score)

    assert list(error.value.message_dict) == ["score"]
    assert Review.objects.count() == 0


def test_save_review_over_long_comment_is_refused(submission, reviewer):
    with pytest.raises(ValidationError) as error:
        services.save_review(submission=submission, reviewer=reviewer, score=3, comment="x" * 2001)

    assert error.value.message_dict == {
        "comment": ["Ensure this value has at most 2000 characters (it has 2001)."]
    }


def test_save_review_after_the_decision_is_refused(submission, reviewer):
    submission.state = "accepted"

    with pytest.raises(ValidationError) as error:
        services.save_review(submission=submission, reviewer=reviewer, score=3)

    assert error.value.messages == ["A decision was made: reviews are closed."]


@pytest.mark.parametrize("who", ["speaker", "other_speaker"])
def test_save_review_by_a_speaker_is_refused(submission, request, who):
    with pytest.raises(PermissionDenied):
        services.save_review(submission=submission, reviewer=request.getfixturevalue(who), score=5)


def test_save_review_outside_the_reviewers_tracks_is_refused(conference, tracks):
    scope = ReviewerScopeFactory(membership__conference=conference, tracks=[tracks[0]])
    mine = SubmissionFactory(conference=conference, track=tracks[0])
    other = SubmissionFactory(conference=conference, track=tracks[1])
    suggested = SubmissionFactory(conference=conference, suggested_track=tracks[0])

    services.save_review(submission=mine, reviewer=scope.membership.user, score=4)
    services.save_review(submission=suggested, reviewer=scope.membership.user, score=4)
    with pytest.raises(PermissionDenied):
        services.save_review(submission=other, reviewer=scope.membership.user, score=4)


def test_review_summary_counts_mean_and_median(submission):
    for score in (1, 4, 5, 5):
        ReviewFactory(submission=submission, score=score)

    summary = selectors.review_summary(reviews=selectors.reviews_of(submission=submission))

    assert summary == {"count": 4, "mean": 3.75, "median": 4.5}


def test_review_summary_without_reviews(submission):
    assert selectors.review_summary(reviews=[]) == {"count": 0, "mean": None, "median": None}


def test_review_list_aggregates_per_submission(conference, organiser):
    a = SubmissionFactory(conference=conference, title="A")
    b = SubmissionFactory(conference=conference, title="B")
    c = SubmissionFactory(conference=conference, title="C")
    for score in (2, 3, 5):
        ReviewFactory(submission=a, score=score)
    ReviewFactory(submission=b, score=1)
    ReviewFactory(submission=b, score=2, reviewer=organiser)

    rows = selectors.review_list(conference=conference, user=organiser, sort="title")

    assert [(s.title, s.review_count, s.mean_score, s.median_score, s.my_score) for s in rows] == [
        ("A", 3, pytest.approx(10 / 3), 3, None),
        ("B", 2, 1.5, 1.5, 2),
        ("C", 0, None, None, None),
    ]
    assert c in rows


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("score", ["A", "B", "C"]),
        ("score_asc", ["B", "A", "C"]),
        ("median", ["A", "B", "C"]),
        ("median_asc", ["B", "A", "C"]),
        ("reviews", ["A", "B", "C"]),
        ("reviews_asc", ["C", "B", "A"]),
        ("title", ["A", "B", "C"]),
    ],
)
def test_review_list_sorts(conference, organiser, sort, expected):
    a = SubmissionFactory(conference=conference, title="A")
    b = SubmissionFactory(conference=conference, title="B")
    SubmissionFactory(conference=conference, title="C")
    for score in (4, 5, 5):
        ReviewFactory(submission=a, score=score)
    ReviewFactory(submission=b, score=1)

    rows = selectors.review_list(conference=conference, user=organiser, sort=sort)

    assert [s.title for s in rows] == expected


def test_review_list_filters(conference, organiser, tracks):
    match = SubmissionFactory(
        conference=conference, title="Match", track=tracks[0], format="workshop"
    )
    ReviewFactory(submission=match, score=4)
    low = SubmissionFactory(conference=conference, track=tracks[0], format="workshop")
    ReviewFactory(submission=low, score=1)
    SubmissionFactory(conference=conference, track=tracks[1], format="workshop")
    SubmissionFactory(conference=conference, track=tracks[0], format="talk")
    SubmissionFactory(conference=conference, track=tracks[0], state="draft", format="workshop")

    rows = selectors.review_list(
        conference=conference,
        user=organiser,
        track=tracks[0],
        format="workshop",
        state="submitted",
        min_score=3.5,
        max_score=5,
    )

    assert [s.title for s in rows] == ["Match"]


def test_review_list_of_a_track_limited_reviewer(conference, tracks):
    scope = ReviewerScopeFactory(membership__conference=conference, tracks=[tracks[1]])
    SubmissionFactory(conference=conference, title="Decided NLP", track=tracks[0])
    SubmissionFactory(conference=conference, title="Decided Vision", track=tracks[1])
    SubmissionFactory(conference=conference, title="Suggested Vision", suggested_track=tracks[1])
    SubmissionFactory(
        conference=conference,
        title="Moved to NLP",
        track=tracks[0],
        suggested_track=tracks[1],
    )
    SubmissionFactory(conference=conference, title="No track")

    rows = selectors.review_list(conference=conference, user=scope.membership.user, sort="title")

    assert [s.title for s in rows] == ["Decided Vision", "Suggested Vision"]


def test_set_reviewer_tracks(conference, organiser, reviewer, tracks):
    membership = reviewer.memberships.get()

    services.set_reviewer_tracks(membership=membership, tracks=tracks[:2], user=organiser)
    services.set_reviewer_tracks(membership=membership, tracks=[tracks[2]], user=organiser)

    assert list(ReviewerScope.objects.get().tracks.all()) == [tracks[2]]


def test_set_reviewer_tracks_refuses_other_conferences_tracks(conference, organiser, reviewer):
    with pytest.raises(ValidationError):
        services.set_reviewer_tracks(
            membership=reviewer.memberships.get(), tracks=[TrackFactory()], user=organiser
        )


def test_set_reviewer_tracks_refuses_organisers_targets_and_non_organisers(
    conference, organiser, reviewer, tracks
):
    with pytest.raises(ValidationError):
        services.set_reviewer_tracks(
            membership=organiser.memberships.get(), tracks=tracks, user=organiser
        )
    with pytest.raises(PermissionDenied):
        services.set_reviewer_tracks(
            membership=reviewer.memberships.get(), tracks=tracks, user=reviewer
        )
    stranger = MembershipFactory(user=UserFactory()).user
    with pytest.raises(PermissionDenied):
        services.set_reviewer_tracks(
            membership=reviewer.memberships.get(), tracks=tracks, user=stranger
        )
