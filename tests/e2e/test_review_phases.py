"""Browser journey (issue 16): an organiser sets two score categories and a review phase and
assigns a reviewer; the reviewer scores by category and goes on with "Save and next"."""

import pytest

from talks.models import Review, ScoreCategory
from tests.e2e.conftest import log_in, log_out
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_organiser_sets_up_review_and_reviewer_saves_and_goes_next(
    live_server, page, transactional_db
):
    conference = ConferenceFactory(slug="aidev", name="AI Dev Conf")
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    MembershipFactory(conference=conference, user=UserFactory(username="priya"), role="reviewer")
    first = SubmissionFactory(conference=conference, title="Retrieval for legal QA")
    second = SubmissionFactory(conference=conference, title="Serving LLMs on one GPU")
    SubmissionFactory(conference=conference, title="Not assigned to anyone")
    base = live_server.url

    log_in(page, base, "organiser", PASSWORD)
    page.goto(f"{base}/c/aidev/review/settings/")
    for name, weight in (("Content", "2"), ("Delivery", "1")):
        page.click("summary:has-text('Add a score category')")
        page.fill("#id_category-new-name", name)
        page.fill("#id_category-new-weight", weight)
        page.click("button:has-text('Add category')")
        page.wait_for_selector("text=The score category is saved.")
    page.click("summary:has-text('Add a review phase')")
    page.fill("#id_phase-new-name", "First round")
    page.click("button:has-text('Add phase')")
    page.wait_for_selector("text=The review phase is saved.")
    page.click("button.start-phase")
    page.wait_for_selector("text=Open now: First round.")

    for talk in (first, second):
        page.goto(f"{base}/c/aidev/submissions/{talk.pk}/")
        page.locator(".assign-form label", has_text="priya").click()
        page.click("button:has-text('Save assigned reviewers')")
        page.wait_for_selector("text=Assigned reviewers saved: 1 added, 0 removed.")
    page.set_viewport_size({"width": 375, "height": 800})
    for path in (
        "review/settings/",
        "review/progress/",
        "review/assign/",
        f"submissions/{first.pk}/",
    ):
        page.goto(f"{base}/c/aidev/{path}")
        assert no_horizontal_overflow(page), path
    page.set_viewport_size({"width": 1280, "height": 800})
    log_out(page)

    log_in(page, base, "priya", PASSWORD)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{base}/c/aidev/review/assigned/")
    assert (
        page.locator("table.assigned tbody tr")
        .all_inner_texts()[0]
        .startswith("Retrieval for legal QA")
    )
    assert no_horizontal_overflow(page)
    page.click("a.next-submission")
    assert page.inner_text("h1") == "Retrieval for legal QA"
    assert no_horizontal_overflow(page)
    content, delivery = ScoreCategory.objects.order_by("pk")
    page.check(f"input[name=category_{content.pk}][value='5']")
    page.check(f"input[name=category_{delivery.pk}][value='2']")
    page.fill("#id_comment", "Clear and useful")
    page.click("button.save-next")
    page.wait_for_selector("text=Your review is saved.")

    assert page.inner_text("h1") == "Serving LLMs on one GPU"
    review = Review.objects.get()
    assert (review.submission_id, review.score, review.comment) == (
        first.pk,
        4,  # (2·5 + 1·2) / 3
        "Clear and useful",
    )
    assert sorted(review.scores.values_list("category__name", "value")) == [
        ("Content", 5),
        ("Delivery", 2),
    ]
