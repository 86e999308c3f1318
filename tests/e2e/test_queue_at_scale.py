"""Browser journey: the team's lists at scale — pages, accent-insensitive search, a bulk
decision that says its count before it runs, and its undo from the decision log."""

import pytest

from conference.models import OutboxMail
from talks.models import Decision, Submission
from tests.e2e.conftest import log_in
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    SubmissionFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def conference(transactional_db):
    conference = ConferenceFactory(slug="aidev", name="AI Dev Conf")
    nlp = TrackFactory(conference=conference, name="NLP", slug="nlp")
    vision = TrackFactory(conference=conference, name="Vision", slug="vision")
    for n in range(62):
        SubmissionFactory(
            conference=conference,
            title=f"Talk {n:02d}",
            suggested_track=nlp if n % 2 else vision,
            suggested_confidence=0.30 + n / 100,
        )
    SubmissionFactory(
        conference=conference,
        title="Jürgen Müller: tokenisers",
        suggested_track=nlp,
        suggested_confidence=0.55,
    )
    SubmissionFactory(
        conference=conference,
        title="MÜLLER on vision",
        suggested_track=vision,
        suggested_confidence=0.35,
    )
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    return conference


def test_queue_and_list_at_scale_with_count_and_undo(live_server, page, conference):
    log_in(page, live_server.url, "organiser", PASSWORD)

    # The queue: 64 rows on two pages, undecided, least confident first.
    page.goto(f"{live_server.url}/c/aidev/review/tracks/")
    assert page.inner_text(".list-summary") == "64 submissions match · showing 1–50"
    assert page.locator("table.queue tbody tr").count() == 50
    assert page.locator("table.queue tbody tr").first.locator("a").inner_text() == "Talk 00"
    page.click("a[rel=next]")
    page.wait_for_selector("text=Page 2 of 2")
    assert page.locator("table.queue tbody tr").count() == 14

    # Search ignores case and accents, and keeps to the URL.
    page.fill("#filter-q", "muller")
    page.press("#filter-q", "Enter")
    page.wait_for_selector("text=2 submissions match")
    assert "q=muller" in page.url and "page=" not in page.url
    rows = page.locator("table.queue tbody tr")
    assert [rows.nth(i).locator("a").first.inner_text() for i in range(2)] == [
        "MÜLLER on vision",
        "Jürgen Müller: tokenisers",
    ]
    # The override menu starts at the suggestion: "Set" files the talk where it was suggested.
    muller = page.locator("tr", has_text="Jürgen Müller")
    assert muller.locator("select[name=track] option:checked").inner_text() == "NLP"
    muller.locator("button.set").click()
    page.wait_for_selector("text=“Jürgen Müller: tokenisers” is now in NLP.")
    assert "q=muller" in page.url
    # Decided rows go after the undecided ones and offer Undo instead of Confirm.
    decided = page.locator("table.queue tbody tr").nth(1)
    assert decided.locator("button.undo").count() == 1
    assert decided.locator("button.confirm").count() == 0
    page.set_viewport_size(PHONE)
    assert _fits(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The submissions list: the same search, then every matching one accepted at once.
    page.goto(f"{live_server.url}/c/aidev/submissions/?q=MULLER")
    assert page.inner_text(".list-summary") == "2 submissions match"
    page.check("#bulk-select_all")
    assert page.inner_text(".bulk-count") == "All 2 matching"
    page.select_option("#bulk-action", "accepted")
    page.click("button:has-text('Apply')")
    page.wait_for_selector("text=This touches 2 submissions.")
    assert "Their 2 e-mails to the speakers wait in the outbox" in page.inner_text("main")
    assert Submission.objects.filter(state="accepted").count() == 0
    page.set_viewport_size(PHONE)
    assert _fits(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("button:has-text('Accept 2 submissions')")
    page.wait_for_selector("text=2 submissions are now accepted.")
    assert "q=MULLER" in page.url
    assert sorted(Submission.objects.filter(state="accepted").values_list("title", flat=True)) == [
        "Jürgen Müller: tokenisers",
        "MÜLLER on vision",
    ]
    assert list(OutboxMail.objects.values_list("status", flat=True)) == ["held", "held"]

    # Undo from the decision log, again after saying what it will touch.
    page.click("text=Decision log (undo)")
    row = page.locator("table.decision-log tbody tr").first
    assert row.locator(".what").inner_text() == "Accepted"
    assert row.locator(".how-many").inner_text() == "2"
    assert row.locator(".who").inner_text() == "organiser"
    row.locator("a:has-text('Undo…')").click()
    page.wait_for_selector("text=2 held e-mails are discarded.")
    page.click("button:has-text('Undo it for 2 submissions')")
    page.wait_for_selector("text=Undone: 2 submissions are back as they were.")
    assert "Undone by organiser" in page.locator("table.decision-log tbody tr").first.inner_text()
    assert Submission.objects.filter(state="accepted").count() == 0
    assert list(OutboxMail.objects.values_list("status", flat=True)) == ["discarded"] * 2
    assert Decision.objects.get(bulk=True).undone_at is not None
