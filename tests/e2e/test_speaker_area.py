"""Browser journey: a speaker whose talk is published finds its day, time, room and track in
My submissions, opens the talk's public page from there and downloads the calendar of their
talks."""

import pytest

from tests.e2e.conftest import log_in
from tests.factories import PASSWORD
from tests.scheduling.builders import SCRIPT_TITLE, hard_conference

pytestmark = pytest.mark.e2e


def test_a_speaker_sees_where_and_when_they_are_on(live_server, page, transactional_db):
    hard = hard_conference()
    first = hard["talks"][0]

    log_in(page, live_server.url, "zoe", PASSWORD)
    page.goto(f"{live_server.url}/me/submissions/")

    talk = page.locator(f"li.my-talk[data-submission='{first.pk}']")
    assert talk.locator("h2").inner_text() == SCRIPT_TITLE
    assert talk.locator(".state").inner_text() == "Confirmed"
    assert talk.locator(".track").inner_text() == "NLP & Sprache"
    assert talk.locator(".talk-slot time").inner_text() == "Sat 24 Oct 2026, 10:00–10:30"
    assert talk.locator(".talk-slot .room").inner_text() == "Großer Saal"
    assert talk.locator(".slot-change").inner_text() == "New in v1."

    with page.expect_download() as download:
        page.click("text=My talks at")
    assert download.value.suggested_filename == "ai-dev-conf-my-talks.ics"

    talk.locator(".talk-slot a").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == SCRIPT_TITLE
    assert page.url == f"{live_server.url}/c/ai-dev-conf/schedule/talks/{first.pk}/"
