"""Browser journeys of the call for papers: submit/edit/withdraw, review, accept and confirm."""

import re

import pytest

from conference.enums import Role
from conference.mail import release_held_mail
from conference.models import OutboxMail
from talks.models import Review, Submission
from tests.e2e.conftest import log_in, log_out
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)
from tests.modeldemo.test_zeroshot import NLP_ABSTRACT

pytestmark = pytest.mark.e2e


@pytest.fixture
def conference(transactional_db):
    conference = ConferenceFactory(slug="aidev", name="AI Dev Conf")
    TrackFactory(conference=conference, name="NLP", slug="nlp", description="Language.")
    TrackFactory(conference=conference, name="Vision", slug="vision", description="Images.")
    return conference


def test_speaker_submits_edits_and_withdraws(live_server, page, conference):
    UserFactory(username="speaker")

    log_in(page, live_server.url, "speaker", PASSWORD)
    page.goto(f"{live_server.url}/c/aidev/submit/")
    page.fill("#id_title", "Legal QA with a Chinese LLM")
    page.fill("#id_abstract", NLP_ABSTRACT)
    page.select_option("#id_format", "workshop")
    assert page.get_attribute("#id_duration", "placeholder") == "90"  # from submission_form.js
    page.select_option("#id_level", "advanced")
    page.click("button:has-text('Submit')")
    page.wait_for_selector("text=your submission was received")

    page.click("a:has-text('Edit')")
    page.fill("#id_title", "Legal QA with a small Chinese LLM")
    page.click("button:has-text('Save')")
    page.wait_for_selector("text=Your changes were saved.")
    assert page.inner_text("h1") == "Legal QA with a small Chinese LLM"

    page.click("a:has-text('Withdraw this submission')")
    page.click("button:has-text('Withdraw this submission')")
    page.wait_for_selector("text=is withdrawn.")
    assert page.inner_text("dd.state") == "Withdrawn"
    assert page.locator("a:has-text('Edit')").count() == 0

    submission = Submission.objects.get()
    assert (submission.title, submission.format, submission.duration, submission.level) == (
        "Legal QA with a small Chinese LLM",
        "workshop",
        90,
        "advanced",
    )
    assert submission.state == "withdrawn"
    assert list(submission.log.order_by("pk").values_list("action", flat=True)) == [
        "created",
        "edited",
        "state",
    ]


def test_reviewer_scores(live_server, page, conference):
    SubmissionFactory(conference=conference, title="Serving LLMs cheaply")
    MembershipFactory(
        conference=conference, user=UserFactory(username="reviewer"), role=Role.REVIEWER
    )

    log_in(page, live_server.url, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/c/aidev/submissions/")
    page.click("a:has-text('Serving LLMs cheaply')")
    page.check("input[name=score][value='4']")
    page.fill("#id_comment", "Clear and useful.")
    page.click("button:has-text('Save review')")
    page.wait_for_selector("text=Your review is saved.")

    page.goto(f"{live_server.url}/c/aidev/submissions/")
    row = page.locator("tr", has_text="Serving LLMs cheaply")
    assert row.locator(".mine").inner_text() == "4"
    review = Review.objects.get()
    assert (review.reviewer.username, review.score, review.comment) == (
        "reviewer",
        4,
        "Clear and useful.",
    )


def test_organiser_accepts_and_speaker_confirms_from_the_email(
    live_server, page, conference, settings
):
    settings.SITE_URL = live_server.url
    speaker = UserFactory(username="speaker")
    SubmissionFactory(conference=conference, speaker=speaker, title="Diffusion on phones")
    SubmissionFactory(conference=conference, title="Someone else's talk")
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))

    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/c/aidev/submissions/")
    page.locator("tr", has_text="Diffusion on phones").locator("input[type=checkbox]").check()
    page.select_option("#bulk-action", "accepted")
    page.click("button:has-text('Apply')")
    # The confirmation step says how many before anything changes.
    page.wait_for_selector("text=This touches 1 submission.")
    assert Submission.objects.get(title="Diffusion on phones").state == "submitted"
    page.click("button:has-text('Accept 1 submissions')")
    page.wait_for_selector("text=1 submissions are now accepted.")
    assert page.locator("tr", has_text="Diffusion on phones").locator(".state").inner_text() == (
        "Accepted"
    )
    log_out(page)

    # A bulk decision's e-mails wait in the outbox until an organiser releases them.
    mail = OutboxMail.objects.get(kind="cfp.accepted")
    assert (mail.to, mail.status, mail.held_reason) == (
        "speaker@example.org",
        "held",
        "bulk decision",
    )
    release_held_mail(conference=conference)
    mail.refresh_from_db()
    assert mail.status == "sent"
    link = re.search(r"http://\S+/confirm/", mail.body).group(0)

    log_in(page, live_server.url, "speaker", PASSWORD)
    page.goto(link)
    page.click("button:has-text('Confirm that you will give this talk')")
    page.wait_for_selector("text=is confirmed: see you at the conference.")
    assert page.inner_text("dd.state") == "Confirmed"
    assert Submission.objects.get(title="Diffusion on phones").state == "confirmed"
    assert Submission.objects.get(title="Someone else's talk").state == "submitted"
