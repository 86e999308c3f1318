"""The review pages of issue 16: scoring by category, "save and next", assignment on the review
page and in bulk, "assigned to me", progress, and the organisers' settings page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from talks.enums import State
from talks.models import Review, ReviewAssignment, ReviewPhase, ReviewSettings, ScoreCategory
from tests.factories import (
    MembershipFactory,
    ReviewerScopeFactory,
    ReviewFactory,
    SubmissionFactory,
)


def review_url(conference, submission):
    return reverse("talks:submission_review", args=[conference.slug, submission.pk])


def page_url(conference, name):
    return reverse(f"talks:{name}", args=[conference.slug])


@pytest.fixture
def categories(conference):
    return [
        ScoreCategory.objects.create(
            conference=conference, name="Content", weight=Decimal("2"), position=1
        ),
        ScoreCategory.objects.create(
            conference=conference, name="Delivery", weight=Decimal("1"), position=2
        ),
        ScoreCategory.objects.create(
            conference=conference, name="Fit", counts_toward_total=False, position=3
        ),
    ]


# --- the review page -----------------------------------------------------------------------


def test_review_page_scores_by_category(client, conference, reviewer, submission, categories):
    content, delivery, fit = categories
    client.force_login(reviewer)

    response = client.post(
        review_url(conference, submission),
        {f"category_{content.pk}": "4", f"category_{delivery.pk}": "1", "comment": "Ok"},
        follow=True,
    )

    review = Review.objects.get()
    assert review.score == 3  # (8 + 1) / 3
    assert list(review.scores.values_list("category__name", "value")) == [
        ("Content", 4),
        ("Delivery", 1),
    ]
    assert [str(m) for m in response.context["messages"]] == ["Your review is saved."]
    assert "score" not in response.context["form"].fields


def test_review_page_by_category_requires_the_counting_ones(
    client, conference, reviewer, submission, categories
):
    content, delivery, fit = categories
    client.force_login(reviewer)

    response = client.post(review_url(conference, submission), {f"category_{fit.pk}": "2"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"category_{content.pk}": ["This field is required."],
        f"category_{delivery.pk}": ["This field is required."],
    }
    assert Review.objects.count() == 0


def test_review_page_save_and_next_opens_the_next_assigned(
    client, conference, organiser, reviewer, submission
):
    other = SubmissionFactory(conference=conference, title="Assigned too")
    SubmissionFactory(conference=conference, title="Not assigned")
    for talk in (submission, other):
        ReviewAssignment.objects.create(submission=talk, reviewer=reviewer, assigned_by=organiser)
    client.force_login(reviewer)

    response = client.post(review_url(conference, submission), {"score": "4", "next": "1"})

    assert response.status_code == 302
    assert response["Location"] == review_url(conference, other)
    assert Review.objects.get().score == 4


def test_review_page_save_and_next_with_nothing_left_goes_to_my_list(
    client, conference, reviewer, submission
):
    client.force_login(reviewer)

    response = client.post(
        review_url(conference, submission), {"score": "2", "next": "1"}, follow=True
    )

    assert response.redirect_chain == [(page_url(conference, "review_assigned"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Your review is saved.",
        "Nothing is left for you to review.",
    ]


def test_review_page_links_the_next_submission(client, conference, reviewer, submission):
    later = SubmissionFactory(conference=conference, title="Later one")
    client.force_login(reviewer)

    body = client.get(review_url(conference, submission)).content.decode()

    assert (
        f'<a class="next-submission" href="{review_url(conference, later)}" rel="next">'
        "Next submission →</a>"
    ) in body


def test_review_page_stays_open_after_a_decision_while_a_phase_is_open(
    client, conference, reviewer, submission
):
    ReviewPhase.objects.create(conference=conference, name="Round 1", started_at=timezone.now())
    submission.state = State.ACCEPTED
    submission.save()
    client.force_login(reviewer)

    response = client.post(review_url(conference, submission), {"score": "5"})

    assert response.status_code == 302
    assert Review.objects.get().score == 5


def test_review_page_after_the_phase_ended_is_read_only(client, conference, reviewer, submission):
    ReviewPhase.objects.create(
        conference=conference, name="Round 1", started_at=timezone.now(), ended_at=timezone.now()
    )
    client.force_login(reviewer)

    page = client.get(review_url(conference, submission))
    response = client.post(review_url(conference, submission), {"score": "5"}, follow=True)

    assert page.context["form"] is None
    assert '<p class="muted closed">No review phase is open: reviews are closed.</p>' in (
        page.content.decode()
    )
    assert [str(m) for m in response.context["messages"]] == [
        "No review phase is open: reviews are closed."
    ]
    assert Review.objects.count() == 0


@pytest.mark.parametrize(("see_names", "shown"), [(False, "Reviewer 1"), (True, "reviewer2")])
def test_review_page_shows_reviewers_other_reviews_as_the_phase_says(
    client, conference, reviewer, second_reviewer, submission, see_names, shown
):
    ReviewPhase.objects.create(
        conference=conference,
        name="Open",
        started_at=timezone.now(),
        reviewers_see_scores=True,
        reviewers_see_names=see_names,
    )
    ReviewFactory(submission=submission, reviewer=second_reviewer, score=1, comment="Meh <i>")
    ReviewFactory(submission=submission, reviewer=reviewer, score=4)
    client.force_login(reviewer)

    response = client.get(review_url(conference, submission))

    assert [row["name"] for row in response.context["review_rows"]] == [shown, "You"]
    body = response.content.decode()
    assert f'<td class="reviewer">{shown}</td>' in body
    assert "Meh &lt;i&gt;" in body


def test_review_page_organiser_assigns_reviewers(
    client, conference, organiser, reviewer, second_reviewer, submission
):
    client.force_login(organiser)
    url = reverse("talks:submission_reviewers", args=[conference.slug, submission.pk])

    response = client.post(url, {"reviewers": [reviewer.pk, second_reviewer.pk]}, follow=True)

    assert sorted(submission.assignments.values_list("reviewer__username", flat=True)) == [
        "reviewer",
        "reviewer2",
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Assigned reviewers saved: 2 added, 0 removed."
    ]
    assert response.context["reviewers_form"].initial == {
        "reviewers": [str(reviewer.pk), str(second_reviewer.pk)]
    }


def test_review_page_assignment_refuses_reviewers_and_out_of_scope_people(
    client, conference, organiser, reviewer, submission, tracks
):
    limited = ReviewerScopeFactory(
        membership__conference=conference, membership__user__username="nlp", tracks=[tracks[0]]
    ).membership.user
    submission.track = tracks[1]
    submission.save()
    url = reverse("talks:submission_reviewers", args=[conference.slug, submission.pk])

    client.force_login(reviewer)
    assert client.post(url, {"reviewers": [reviewer.pk]}).status_code == 403
    client.force_login(organiser)
    response = client.post(url, {"reviewers": [limited.pk]}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        f"Select a valid choice. {limited.pk} is not one of the available choices."
    ]
    assert ReviewAssignment.objects.count() == 0


# --- assigned to me ------------------------------------------------------------------------


def test_review_assigned_lists_mine_not_yet_reviewed_first(
    client, conference, organiser, reviewer, second_reviewer
):
    done, todo = (SubmissionFactory(conference=conference, title=t) for t in ("Done", "To do"))
    others = SubmissionFactory(conference=conference, title="Someone else's")
    for talk in (done, todo):
        ReviewAssignment.objects.create(submission=talk, reviewer=reviewer, assigned_by=organiser)
    ReviewAssignment.objects.create(submission=others, reviewer=second_reviewer)
    ReviewFactory(submission=done, reviewer=reviewer, score=3)
    client.force_login(reviewer)

    response = client.get(page_url(conference, "review_assigned"))

    assert [s.title for s in response.context["submissions"]] == ["To do", "Done"]
    assert response.context["pending"] == 1
    body = response.content.decode()
    assert "1 still to review" in body
    assert "Someone else" not in body


def test_review_assigned_refuses_people_outside_the_team(client, conference, speaker):
    client.force_login(speaker)

    assert client.get(page_url(conference, "review_assigned")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_review_assigned_query_count_does_not_grow(
    client, conference, reviewer, django_assert_max_num_queries, count
):
    for n in range(count):
        talk = SubmissionFactory(conference=conference, title=f"T{n}")
        ReviewAssignment.objects.create(submission=talk, reviewer=reviewer)
    client.force_login(reviewer)
    client.get(page_url(conference, "review_assigned"))  # warm the session

    with django_assert_max_num_queries(14):
        response = client.get(page_url(conference, "review_assigned"))

    assert len(response.context["submissions"]) == count


# --- bulk assignment -----------------------------------------------------------------------


def test_review_assign_bulk_assigns_ticked_submissions(
    client, conference, organiser, reviewer, second_reviewer
):
    a, b, c = (SubmissionFactory(conference=conference, title=t) for t in "ABC")
    client.force_login(organiser)

    response = client.post(
        page_url(conference, "review_assign"),
        {
            "submissions": [a.pk, b.pk],
            "reviewers": [reviewer.pk, second_reviewer.pk],
            "mode": "all",
        },
        follow=True,
    )

    assert sorted(
        ReviewAssignment.objects.values_list("submission__title", "reviewer__username")
    ) == [("A", "reviewer"), ("A", "reviewer2"), ("B", "reviewer"), ("B", "reviewer2")]
    assert [str(m) for m in response.context["messages"]] == ["4 assignments added."]


def test_review_assign_filters_the_submissions(client, conference, organiser, reviewer):
    assigned = SubmissionFactory(conference=conference, title="Has one")
    SubmissionFactory(conference=conference, title="Has none")
    ReviewAssignment.objects.create(submission=assigned, reviewer=reviewer)
    client.force_login(organiser)

    response = client.get(page_url(conference, "review_assign"), {"coverage": "unassigned"})

    assert [s.title for s in response.context["submissions"]] == ["Has none"]


def test_review_assign_spread_needs_a_number(client, conference, organiser, reviewer, submission):
    client.force_login(organiser)

    response = client.post(
        page_url(conference, "review_assign"),
        {"submissions": [submission.pk], "reviewers": [reviewer.pk], "mode": "spread"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "per_submission": ["How many reviewers should each submission get?"]
    }
    assert ReviewAssignment.objects.count() == 0


def test_review_assign_is_for_organisers(client, conference, reviewer):
    client.force_login(reviewer)

    assert client.get(page_url(conference, "review_assign")).status_code == 403


# --- progress ------------------------------------------------------------------------------


def test_review_progress_puts_submissions_under_the_minimum_first(
    client, conference, organiser, reviewer, second_reviewer
):
    ReviewSettings.objects.create(conference=conference, min_reviews=1)
    reviewed = SubmissionFactory(conference=conference, title="Reviewed")
    SubmissionFactory(conference=conference, title="Waiting")
    ReviewFactory(submission=reviewed, reviewer=reviewer)
    client.force_login(organiser)

    response = client.get(page_url(conference, "review_progress"))

    rows = response.context["progress"]["submissions"]
    assert [(r["submission"].title, r["reviews"], r["missing"]) for r in rows] == [
        ("Waiting", 0, 1),
        ("Reviewed", 1, 0),
    ]
    assert [(bar["label"], bar["count"]) for bar in response.context["chart"]] == [
        ("0", 1),
        ("1+", 1),
    ]
    body = response.content.decode()
    assert "1 under the minimum of 1" in body
    assert '<rect x="22.5" y="0.0" width="105.0" height="100.0">' in body


def test_review_progress_is_for_organisers(client, conference, reviewer):
    client.force_login(reviewer)

    assert client.get(page_url(conference, "review_progress")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_review_progress_query_count_does_not_grow(
    client, conference, organiser, reviewer, django_assert_max_num_queries, count
):
    for n in range(count):
        talk = SubmissionFactory(conference=conference, title=f"T{n}")
        ReviewFactory(submission=talk, reviewer=reviewer)
        ReviewAssignment.objects.create(submission=talk, reviewer=reviewer)
    client.force_login(organiser)
    client.get(page_url(conference, "review_progress"))

    with django_assert_max_num_queries(14):
        response = client.get(page_url(conference, "review_progress"))

    assert len(response.context["progress"]["submissions"]) == count


# --- settings ------------------------------------------------------------------------------


def test_review_settings_adds_a_phase_and_starts_it(client, conference, organiser):
    client.force_login(organiser)
    url = page_url(conference, "review_settings")

    client.post(
        url,
        {
            "action": "add_phase",
            "phase-new-name": "First round",
            "phase-new-start": "2026-03-01T09:00",
            "phase-new-end": "2026-03-15T18:00",
            "phase-new-reviewers_see_scores": "on",
        },
    )
    phase = ReviewPhase.objects.get()
    response = client.post(url, {"action": "start_phase", "id": phase.pk}, follow=True)

    phase.refresh_from_db()
    assert (phase.name, phase.reviewers_see_scores, phase.reviewers_see_names) == (
        "First round",
        True,
        False,
    )
    assert phase.is_open
    assert [str(m) for m in response.context["messages"]] == [
        "The review phase is saved.",
        "“First round” is open.",
    ]
    assert "Open now: First round." in response.content.decode()


def test_review_settings_bad_phase_rerenders_with_errors(client, conference, organiser):
    client.force_login(organiser)

    response = client.post(
        page_url(conference, "review_settings"),
        {
            "action": "add_phase",
            "phase-new-name": "",
            "phase-new-start": "2026-03-10T09:00",
            "phase-new-end": "2026-03-01T09:00",
        },
    )

    assert response.status_code == 400
    assert response.context["new_phase_form"].errors == {
        "name": ["This field is required."],
        "end": ["The end is before the start."],
    }
    assert ReviewPhase.objects.count() == 0


def test_review_settings_edits_categories_and_the_minimum(client, conference, organiser):
    client.force_login(organiser)
    url = page_url(conference, "review_settings")

    client.post(
        url,
        {
            "action": "add_category",
            "category-new-name": "Content",
            "category-new-weight": "2.5",
            "category-new-counts_toward_total": "on",
            "category-new-position": "1",
        },
    )
    content = ScoreCategory.objects.get()
    client.post(
        url,
        {
            "action": "edit_category",
            "id": content.pk,
            f"category-{content.pk}-name": "Substance",
            f"category-{content.pk}-weight": "3",
            f"category-{content.pk}-position": "1",
        },
    )
    client.post(url, {"action": "settings", "settings-min_reviews": "3"})

    content.refresh_from_db()
    assert (content.name, content.weight, content.counts_toward_total) == (
        "Substance",
        Decimal("3.00"),
        False,
    )
    assert ReviewSettings.objects.get(conference=conference).min_reviews == 3


def test_review_settings_refuses_deleting_a_scored_category(
    client, conference, organiser, reviewer, submission, categories
):
    content = categories[0]
    review = ReviewFactory(submission=submission, reviewer=reviewer)
    review.scores.create(category=content, value=3)
    client.force_login(organiser)

    response = client.post(
        page_url(conference, "review_settings"),
        {"action": "delete_category", "id": content.pk},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Reviewers have scored “Content”: it cannot be deleted."
    ]
    assert ScoreCategory.objects.count() == 3


@pytest.mark.parametrize(
    "data", [{"action": "nonsense"}, {"action": "start_phase", "id": "x"}, {"action": "end_phase"}]
)
def test_review_settings_unknown_action_or_id_is_404(client, conference, organiser, data):
    client.force_login(organiser)

    assert client.post(page_url(conference, "review_settings"), data).status_code == 404


def test_review_settings_is_for_organisers(client, conference, reviewer):
    client.force_login(reviewer)

    assert client.get(page_url(conference, "review_settings")).status_code == 403


@pytest.mark.parametrize("team_size", [1, 3])
def test_review_page_query_count_does_not_grow_with_the_team(
    client, conference, organiser, submission, django_assert_max_num_queries, team_size
):
    for n in range(team_size):
        MembershipFactory(conference=conference, user__username=f"r{n}", role="reviewer")
    client.force_login(organiser)
    client.get(review_url(conference, submission))

    with django_assert_max_num_queries(20):
        response = client.get(review_url(conference, submission))

    assert len(response.context["reviewers_form"].fields["reviewers"].choices) == team_size + 1


def test_review_page_tells_a_reviewer_it_is_assigned_to_her(
    client, conference, organiser, reviewer, submission
):
    client.force_login(reviewer)
    before = client.get(review_url(conference, submission)).content.decode()
    ReviewAssignment.objects.create(submission=submission, reviewer=reviewer, assigned_by=organiser)

    after = client.get(review_url(conference, submission))

    assert "Assigned to you" not in before
    assert '<p class="flag assigned-to-me">Assigned to you</p>' in after.content.decode()
    assert after.context["reviewers_form"] is None
