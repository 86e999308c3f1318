"""Browser journey: an anonymous visitor stars a talk (kept in localStorage), finds it in "My
agenda", logs in and keeps it on the account."""

import pytest

from scheduling.models import Favourite
from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, UserFactory
from tests.scheduling.builders import SCRIPT_TITLE, hard_conference

pytestmark = pytest.mark.e2e


def test_anonymous_stars_live_in_the_browser_until_logging_in(live_server, page, transactional_db):
    hard = hard_conference()
    talk = hard["talks"][0]
    UserFactory(username="ann")

    page.goto(f"{live_server.url}/c/ai-dev-conf/schedule/?view=list&day=2026-10-24")
    page.click(f"form.star-form[data-talk='{talk.pk}'] button")
    assert page.get_attribute(f"form.star-form[data-talk='{talk.pk}'] button", "aria-pressed") == (
        "true"
    )

    page.goto(f"{live_server.url}/c/ai-dev-conf/schedule/mine/")
    visible = page.locator(".agenda-list li:not([hidden]) .title")
    assert visible.all_inner_texts() == [SCRIPT_TITLE]

    log_in(page, live_server.url, "ann", PASSWORD)
    page.goto(f"{live_server.url}/c/ai-dev-conf/schedule/mine/")
    page.click("form.import-stars button")
    page.wait_for_selector("text=1 talk added to your agenda.")
    assert list(Favourite.objects.values_list("user__username", "submission_id")) == [
        ("ann", talk.pk)
    ]
    assert page.locator(".agenda-list li .title").all_inner_texts() == [SCRIPT_TITLE]
