"""Review phases, score categories and assignments: services, rules and selectors (issue 16)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conference.enums import Role
from talks import review_selectors
from talks.enums import State
from talks.models import Review, ReviewAssignment, ReviewPhase, ReviewScore, ScoreCategory
from talks.rules import (
    can_review_submission,
    can_score_submission,
    can_see_reviews,
    sees_reviewer_names,
)
from talks.services import phases as phase_services
from talks.services import save_review
from talks.services.reviews import weighted_total
from tests.factories import (
    MembershipFactory,
    ReviewerScopeFactory,
    ReviewFactory,
    SubmissionFactory,
    UserFactory,
)


def category(conference, name, weight="1", counts=True, position=0):
    return ScoreCategory.objects.create(
        conference=conference,
        name=name,
        weight=Decimal(weight),
        counts_toward_total=counts,
        position=position,
    )


def open_phase(conference, name="First round", **fields):
    return ReviewPhase.objects.create(
        conference=conference, name=name, started_at=timezone.now(), **fields
    )


def fresh(submission):
    """The submission with a new conference object (the phases are cached on it)."""
    return type(submission).objects.select_related("conference").get(pk=submission.pk)


# --- the total -----------------------------------------------------------------------------


def test_weighted_total_is_the_weighted_mean_of_counting_categories_rounded_half_up(
    conference,
):
    content = category(conference, "Content", weight="2")
    delivery = category(conference, "Delivery", weight="1")
    fit = category(conference, "Fit", counts=False)

    # (2·4 + 1·3) / 3 = 3.67 → 4; the non-counting 0 moves nothing.
    assert weighted_total(values={content: 4, delivery: 3, fit: 0}) == 4
    # (2·2 + 1·5) / 3 = 3.0 → 3
    assert weighted_total(values={content: 2, delivery: 5}) == 3
    # (1·3 + 1·4) / 2 = 3.5 → 4 (half up, not to even)
    delivery.weight = Decimal("2")
    assert weighted_total(values={content: 3, delivery: 4}) == 4


def test_save_review_by_category_stores_scores_and_the_total(conference, reviewer, submission):
    content = category(conference, "Content", weight="2", position=1)
    delivery = category(conference, "Delivery", weight="1", position=2)
    fit = category(conference, "Fit", counts=False, position=3)

    review = save_review(
        submission=submission,
        reviewer=reviewer,
        scores={content.pk: 5, delivery.pk: 2, fit.pk: 1},
        comment="Strong content",
    )

    assert review.score == 4  # (10 + 2) / 3 = 4.0
    assert sorted(review.scores.values_list("category__name", "value")) == [
        ("Content", 5),
        ("Delivery", 2),
        ("Fit", 1),
    ]


def test_save_review_again_replaces_scores_and_drops_a_cleared_optional_one(
    conference, reviewer, submission
):
    content = category(conference, "Content")
    fit = category(conference, "Fit", counts=False)
    save_review(submission=submission, reviewer=reviewer, scores={content.pk: 1, fit.pk: 5})

    review = save_review(
        submission=submission, reviewer=reviewer, scores={content.pk: 3, fit.pk: None}
    )

    assert review.score == 3
    assert list(ReviewScore.objects.values_list("category__name", "value")) == [("Content", 3)]
    assert Review.objects.count() == 1


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({}, "Score every category that counts: Content."),
        ({"content": 6}, "Content: a score from 0 to 5."),
        ({"999": 3, "content": 3}, "There is no score category 999."),
    ],
)
def test_save_review_refuses_missing_or_bad_category_scores(
    conference, reviewer, submission, scores, message
):
    content = category(conference, "Content")
    scores = {content.pk if key == "content" else key: value for key, value in scores.items()}

    with pytest.raises(ValidationError) as raised:
        save_review(submission=submission, reviewer=reviewer, score=4, scores=scores)

    assert raised.value.message_dict == {"scores": [message]}
    assert Review.objects.count() == 0


def test_save_review_without_categories_keeps_the_one_score(reviewer, submission):
    review = save_review(submission=submission, reviewer=reviewer, score=2)

    assert (review.score, review.scores.count()) == (2, 0)


def test_save_review_with_only_non_counting_categories_takes_the_overall_score(
    conference, reviewer, submission
):
    fit = category(conference, "Fit", counts=False)

    review = save_review(submission=submission, reviewer=reviewer, score=1, scores={fit.pk: 5})

    assert review.score == 1
    assert list(review.scores.values_list("value", flat=True)) == [5]


# --- phases --------------------------------------------------------------------------------


def test_without_phases_reviews_close_at_the_decision(reviewer, submission):
    submission.state = State.ACCEPTED
    submission.save()

    with pytest.raises(ValidationError) as raised:
        save_review(submission=fresh(submission), reviewer=reviewer, score=3)

    assert raised.value.messages == ["A decision was made: reviews are closed."]


def test_an_open_phase_keeps_reviews_open_after_the_decision(conference, reviewer, submission):
    open_phase(conference)
    submission.state = State.ACCEPTED
    submission.save()

    review = save_review(submission=fresh(submission), reviewer=reviewer, score=3)

    assert review.score == 3


def test_phases_without_an_open_one_close_reviews(conference, reviewer, submission):
    ReviewPhase.objects.create(conference=conference, name="Later")

    with pytest.raises(ValidationError) as raised:
        save_review(submission=fresh(submission), reviewer=reviewer, score=3)

    assert raised.value.messages == ["No review phase is open: reviews are closed."]


def test_withdrawn_talks_cannot_be_reviewed_even_in_an_open_phase(conference, reviewer, submission):
    open_phase(conference)
    submission.state = State.WITHDRAWN
    submission.save()

    assert can_score_submission(reviewer, fresh(submission)) is False


def test_start_review_phase_ends_the_open_one(conference, organiser):
    first = open_phase(conference, name="First")
    second = ReviewPhase.objects.create(conference=conference, name="Second")

    phase_services.start_review_phase(phase=second, user=organiser)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_open, first.has_ended, second.is_open) == (False, True, True)
    assert ReviewPhase.objects.filter(ended_at__isnull=True, started_at__isnull=False).count() == 1


def test_end_review_phase_closes_reviews_until_another_starts(
    conference, organiser, reviewer, submission
):
    phase = open_phase(conference)
    assert can_score_submission(reviewer, fresh(submission)) is True

    phase_services.end_review_phase(phase=phase, user=organiser)

    assert can_score_submission(reviewer, fresh(submission)) is False
    phase_services.start_review_phase(phase=phase, user=organiser)
    assert can_score_submission(reviewer, fresh(submission)) is True


def test_phase_services_are_for_organisers_only(conference, reviewer):
    phase = ReviewPhase.objects.create(conference=conference, name="First")

    with pytest.raises(PermissionDenied):
        phase_services.start_review_phase(phase=phase, user=reviewer)
    with pytest.raises(PermissionDenied):
        phase_services.save_score_category(conference=conference, user=reviewer, name="X")
    assert phase.__class__.objects.get().started_at is None


def test_end_and_delete_refuse_what_does_not_fit(conference, organiser):
    waiting = ReviewPhase.objects.create(conference=conference, name="Waiting")
    running = open_phase(conference, name="Running")

    with pytest.raises(ValidationError) as not_open:
        phase_services.end_review_phase(phase=waiting, user=organiser)
    with pytest.raises(ValidationError) as still_open:
        phase_services.delete_review_phase(phase=running, user=organiser)

    assert not_open.value.messages == ["This phase is not open."]
    assert still_open.value.messages == ["End the phase before deleting it."]
    assert ReviewPhase.objects.count() == 2


def test_save_review_phase_refuses_an_end_before_the_start(conference, organiser):
    start = timezone.now()

    with pytest.raises(ValidationError) as raised:
        phase_services.save_review_phase(
            conference=conference,
            user=organiser,
            name="Backwards",
            start=start,
            end=start - timedelta(days=1),
        )

    assert raised.value.message_dict == {"end": ["The end is before the start."]}


def test_delete_score_category_refuses_a_scored_one(conference, organiser, reviewer, submission):
    content = category(conference, "Content")
    unused = category(conference, "Unused", counts=False)
    save_review(submission=submission, reviewer=reviewer, scores={content.pk: 4})

    with pytest.raises(ValidationError) as raised:
        phase_services.delete_score_category(category=content, user=organiser)
    phase_services.delete_score_category(category=unused, user=organiser)

    assert raised.value.messages == ["Reviewers have scored “Content”: it cannot be deleted."]
    assert list(ScoreCategory.objects.values_list("name", flat=True)) == ["Content"]


def test_phase_visibility_decides_what_reviewers_see(conference, organiser, reviewer, submission):
    phase = open_phase(conference)
    assert (can_see_reviews(reviewer, submission), sees_reviewer_names(reviewer, conference)) == (
        False,
        False,
    )

    phase.reviewers_see_scores = phase.reviewers_see_names = True
    phase.save()
    submission = fresh(submission)

    assert can_see_reviews(reviewer, submission) is True
    assert sees_reviewer_names(reviewer, submission.conference) is True
    assert can_see_reviews(organiser, submission) is True


# --- assignments ---------------------------------------------------------------------------


@pytest.fixture
def limited(conference, tracks):
    """A reviewer of the NLP track only."""
    scope = ReviewerScopeFactory(
        membership__conference=conference, membership__user__username="nlp_only", tracks=[tracks[0]]
    )
    return scope.membership.user


def test_set_submission_reviewers_adds_and_removes(
    conference, organiser, reviewer, second_reviewer, submission
):
    ReviewAssignment.objects.create(submission=submission, reviewer=second_reviewer)

    result = phase_services.set_submission_reviewers(
        submission=submission, reviewers=[reviewer], user=organiser
    )

    assert (result.added, result.removed) == (1, 1)
    assert list(submission.assignments.values_list("reviewer__username", "assigned_by")) == [
        ("reviewer", organiser.pk)
    ]


def test_set_submission_reviewers_refuses_a_reviewer_of_another_track(
    conference, organiser, limited, tracks
):
    vision_talk = SubmissionFactory(conference=conference, track=tracks[1])

    with pytest.raises(ValidationError) as raised:
        phase_services.set_submission_reviewers(
            submission=vision_talk, reviewers=[limited], user=organiser
        )

    assert raised.value.messages == ["nlp_only cannot review this submission."]
    assert ReviewAssignment.objects.count() == 0


def test_assign_reviewers_gives_every_chosen_reviewer_what_she_may_review(
    conference, organiser, reviewer, limited, tracks
):
    nlp = SubmissionFactory(conference=conference, track=tracks[0], title="NLP talk")
    vision = SubmissionFactory(conference=conference, track=tracks[1], title="Vision talk")
    ReviewAssignment.objects.create(submission=nlp, reviewer=reviewer)

    result = phase_services.assign_reviewers(
        conference=conference,
        submissions=[nlp, vision],
        reviewers=[reviewer, limited],
        user=organiser,
    )

    assert result.added == 2
    assert [(s.title, r.get_username()) for s, r in result.out_of_scope] == [
        ("Vision talk", "nlp_only")
    ]
    assert sorted(
        ReviewAssignment.objects.values_list("submission__title", "reviewer__username")
    ) == [("NLP talk", "nlp_only"), ("NLP talk", "reviewer"), ("Vision talk", "reviewer")]


def test_assign_reviewers_spread_tops_up_to_the_number_least_loaded_first(
    conference, organiser, reviewer, second_reviewer
):
    third = MembershipFactory(
        conference=conference, user=UserFactory(username="reviewer3"), role=Role.REVIEWER
    ).user
    talks = [SubmissionFactory(conference=conference, title=f"T{n}") for n in range(3)]
    ReviewAssignment.objects.create(submission=talks[0], reviewer=reviewer)

    result = phase_services.assign_reviewers(
        conference=conference,
        submissions=talks,
        reviewers=[reviewer, second_reviewer, third],
        user=organiser,
        per_submission=2,
    )

    assert result.added == 5
    pairs = sorted(ReviewAssignment.objects.values_list("submission__title", "reviewer__username"))
    # T0 already had reviewer: one more, the least loaded (reviewer2); then reviewer3 and the
    # next least loaded, and so on: 2 assignments each, none three.
    assert pairs == [
        ("T0", "reviewer"),
        ("T0", "reviewer2"),
        ("T1", "reviewer"),
        ("T1", "reviewer3"),
        ("T2", "reviewer2"),
        ("T2", "reviewer3"),
    ]


def test_assigned_to_lists_unreviewed_first(conference, reviewer, organiser):
    first, second, third = (
        SubmissionFactory(conference=conference, title=title) for title in ("A", "B", "C")
    )
    for talk in (first, second, third):
        ReviewAssignment.objects.create(submission=talk, reviewer=reviewer, assigned_by=organiser)
    ReviewFactory(submission=first, reviewer=reviewer, score=5)
    SubmissionFactory(conference=conference, title="Not mine")

    listed = review_selectors.assigned_to(conference=conference, user=reviewer)

    assert [(s.title, s.reviewed, s.my_score) for s in listed] == [
        ("B", False, None),
        ("C", False, None),
        ("A", True, 5),
    ]


def test_next_to_review_walks_the_assigned_ones_then_the_rest_and_wraps(conference, reviewer):
    a, b, c, d = (SubmissionFactory(conference=conference, title=t) for t in "ABCD")
    for talk in (b, c):
        ReviewAssignment.objects.create(submission=talk, reviewer=reviewer)
    ReviewFactory(submission=a, reviewer=reviewer)

    def following(current):
        found = review_selectors.next_to_review(
            conference=conference, user=reviewer, current=current
        )
        return found.title if found else None

    # Assigned ones first, in the list's order, wrapping round; never the current one.
    assert (following(None), following(b), following(c)) == ("B", "C", "B")
    ReviewFactory(submission=b, reviewer=reviewer)
    ReviewFactory(submission=c, reviewer=reviewer)
    # Nothing assigned is left: the next one she has not reviewed (A is reviewed).
    assert (following(c), following(d)) == ("D", None)


def test_review_progress_counts_per_submission_and_reviewer(
    conference, organiser, reviewer, second_reviewer
):
    full, half, none = (SubmissionFactory(conference=conference, title=t) for t in "FHN")
    SubmissionFactory(conference=conference, title="Gone", state=State.WITHDRAWN)
    ReviewFactory(submission=full, reviewer=reviewer)
    ReviewFactory(submission=full, reviewer=second_reviewer)
    ReviewFactory(submission=half, reviewer=reviewer)
    ReviewAssignment.objects.create(submission=half, reviewer=reviewer)
    ReviewAssignment.objects.create(submission=none, reviewer=reviewer)

    progress = review_selectors.review_progress(conference=conference)

    assert [
        (row["submission"].title, row["reviews"], row["assigned"], row["missing"])
        for row in progress["submissions"]
    ] == [("N", 0, 1, 2), ("H", 1, 1, 1), ("F", 2, 0, 0)]
    assert [
        (row["user"].get_username(), row["assigned"], row["done"], row["written"])
        for row in progress["reviewers"]
    ] == [("organiser", 0, 0, 0), ("reviewer", 2, 1, 2), ("reviewer2", 0, 0, 1)]
    assert progress["histogram"] == [(0, 1), (1, 1), (2, 1)]
    assert (progress["under_minimum"], progress["total_reviews"]) == (2, 3)


def test_reviewers_for_agrees_with_can_review_submission(
    conference, organiser, reviewer, limited, tracks
):
    ReviewerScopeFactory(
        membership__conference=conference,
        membership__user__username="vision_only",
        tracks=[tracks[1]],
    )
    talks = [
        SubmissionFactory(conference=conference, track=tracks[0]),
        SubmissionFactory(conference=conference, suggested_track=tracks[1]),
        SubmissionFactory(conference=conference),
    ]
    team = review_selectors.team_users(conference=conference)

    for talk in talks:
        expected = [u.get_username() for u in team if can_review_submission(u, talk)]
        found = review_selectors.reviewers_for(submission=talk, team=team)
        assert [u.get_username() for u in found] == expected
    assert [
        [u.get_username() for u in review_selectors.reviewers_for(submission=t, team=team)]
        for t in talks
    ] == [
        ["nlp_only", "organiser", "reviewer"],
        ["organiser", "reviewer", "vision_only"],
        ["organiser", "reviewer"],
    ]
