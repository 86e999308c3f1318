"""Browser journey: a speaker submits, an organiser confirms the suggested track."""

import pytest

from scheduling.demo_data import TRACKS
from talks.models import Submission
from tests.e2e.conftest import log_in, log_out
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    TrackFactory,
    UserFactory,
)
from tests.modeldemo.test_zeroshot import NLP_ABSTRACT

pytestmark = pytest.mark.e2e


def test_speaker_submits_and_organiser_confirms_suggestion(live_server, page, transactional_db):
    conference = ConferenceFactory(slug="aidev", name="AI Dev Conf")
    for track in TRACKS:
        TrackFactory(conference=conference, **track)
    UserFactory(username="speaker")
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))

    log_in(page, live_server.url, "speaker", PASSWORD)
    page.goto(f"{live_server.url}/c/aidev/")
    page.click("text=Submit a talk")
    page.fill("#id_title", "Legal QA with a Chinese LLM")
    page.fill("#id_abstract", NLP_ABSTRACT)
    page.select_option("#id_format", "talk")
    page.click("button:has-text('Submit')")
    page.wait_for_selector("text=your submission was received")
    assert page.inner_text("h1") == "Legal QA with a Chinese LLM"
    log_out(page)

    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/c/aidev/review/tracks/")
    row = page.locator("tr", has_text="Legal QA with a Chinese LLM")
    assert row.locator(".suggested").inner_text() == "Natural Language Processing"
    assert row.locator(".decided").inner_text() == "Undecided"
    row.locator("button.confirm").click()
    page.wait_for_selector("text=is now in Natural Language Processing")

    row = page.locator("tr", has_text="Legal QA with a Chinese LLM")
    assert (
        row.locator(".decided").inner_text() == "Natural Language Processing (Confirmed in review)"
    )
    submission = Submission.objects.get()
    assert (submission.track.slug, submission.track_source) == (
        "natural-language-processing",
        "review",
    )
