"""Browser journey (issue 18): an organiser computes a reviewer assignment, replaces one
proposed reviewer, and applies it; reviewers' e-mails wait in the outbox."""

import pytest

from conference.models import OutboxMail
from talks.models import AssignmentProposal, AssignmentSettings, ReviewAssignment, ReviewerProfile
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e


def log_in(page, base_url: str, username: str) -> None:
    # Enter in the password field: the page's header holds other submit buttons.
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_selector(f"text={username}")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_organiser_computes_edits_one_pair_and_applies(live_server, page, transactional_db):
    conference = ConferenceFactory(slug="aidev", name="AI Dev Conf")
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    AssignmentSettings.objects.create(conference=conference, reviewers_per_submission=2)
    for name, expertise in (
        ("ann", "speech recognition and audio models"),
        ("bob", "computer vision, image segmentation"),
        ("cai", "large language model serving, Kubernetes"),
    ):
        user = MembershipFactory(
            conference=conference, user=UserFactory(username=name), role="reviewer"
        ).user
        ReviewerProfile.objects.create(conference=conference, user=user, expertise=expertise)
    for title, abstract in (
        ("Serving LLMs on Kubernetes", "Large language model serving with Kubernetes."),
        ("Segmenting images fast", "Image segmentation for computer vision at scale."),
        ("Speech at the edge", "Speech recognition models on small devices."),
    ):
        SubmissionFactory(conference=conference, title=title, abstract=abstract)
    base = live_server.url

    log_in(page, base, "organiser")
    page.goto(f"{base}/c/aidev/review/assignment/")
    page.click("button.compute-proposal")
    page.wait_for_selector("button.apply-proposal")
    proposal = AssignmentProposal.objects.get()
    assert len(proposal.pairs) == 6

    row = page.locator("tr[data-submission]", has_text="Serving LLMs on Kubernetes")
    row.locator("a.edit-pair").click()
    first_form = page.locator(".edit-pair-form").first
    replaced = int(first_form.locator("input[name=old_reviewer]").input_value())
    replacement = first_form.locator("select[name=new_reviewer] option").first
    new_id = int(replacement.get_attribute("value"))
    first_form.locator("button:has-text('Replace')").click()
    page.wait_for_selector("text=now reviews “Serving LLMs on Kubernetes” in this proposal.")
    page.set_viewport_size({"width": 375, "height": 800})
    assert no_horizontal_overflow(page)
    page.click("text=Back to the proposal")
    assert no_horizontal_overflow(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.click("button.apply-proposal")
    page.wait_for_selector("text=Proposal applied: 6 assignments made, 0 were made already.")

    proposal.refresh_from_db()
    serving = next(p["submission"] for p in proposal.pairs if p.get("edited"))
    applied = set(ReviewAssignment.objects.values_list("submission_id", "reviewer_id"))
    assert applied == {(p["submission"], p["reviewer"]) for p in proposal.pairs}
    assert (serving, new_id) in applied
    assert (serving, replaced) not in applied
    reviewers = {p["reviewer"] for p in proposal.pairs}
    assert OutboxMail.objects.filter(status=OutboxMail.Status.HELD).count() == len(reviewers)
