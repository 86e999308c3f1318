"""Browser check of the one organiser navigation, at 1,280 and 375 px, as organiser and as
reviewer: it is on a set-up page, a review page, the agenda editor and the model page, marks
the current page, its group menus open without JavaScript, and nothing is wider than the
window."""

import pytest

from tests.e2e.conftest import log_in
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    RegistrationFactory,
    SubmissionFactory,
    TicketTypeFactory,
    TrackFactory,
)

pytestmark = pytest.mark.e2e

PAGES = {
    "setup": ("/c/navconf/setup/tracks/", "Set-up", "Tracks"),
    "review": ("/c/navconf/submissions/", "Review", "Submissions"),
    "editor": ("/c/navconf/schedule/editor/", "Schedule", "Editor"),
    "models": ("/ml/c/navconf/models/", "ML", "Models"),
}
GROUPS = ["Set-up", "Review", "Schedule", "Registration", "Mail", "ML"]


@pytest.fixture
def team(transactional_db):
    conference = ConferenceFactory(
        slug="navconf", name="International Conference on Large Model Applications 2026"
    )
    track = TrackFactory(conference=conference, name="NLP")
    SubmissionFactory(conference=conference, title="Retrieval that cites", track=track)
    RegistrationFactory(ticket_type=TicketTypeFactory(conference=conference), name="José")
    organiser = MembershipFactory(conference=conference, user__username="orga").user
    reviewer = MembershipFactory(conference=conference, user__username="revi", role="reviewer").user
    return {"organiser": organiser, "reviewer": reviewer}


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def nav_state(page) -> dict:
    return page.evaluate(
        """() => {
          const nav = document.querySelector('nav.organiser-menu');
          if (!nav) return null;
          const box = nav.getBoundingClientRect();
          return {
            groups: [...nav.querySelectorAll('.organiser-menu-groups > li:not(:first-child)')]
              .map(li => li.querySelector('summary, span').textContent.trim()),
            current: [...nav.querySelectorAll('a[aria-current=page]')]
              .map(a => a.textContent.trim()),
            visible: box.width > 0 && box.height > 0,
            right: box.right,
            height: box.height,
          };
        }"""
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_organiser_finds_the_nav_on_every_kind_of_page(live_server, browser, team, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        log_in(page, live_server.url, "orga", PASSWORD)
        for path, group, current in PAGES.values():
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            state = nav_state(page)
            assert state["groups"] == GROUPS, path
            assert state["current"] == [current], path
            assert state["visible"] and state["right"] <= width, path
            assert overflow(page) == 0, path
            # Collapsed: only the current group is spelt out, so even the longest one (Review,
            # eleven pages) leaves two thirds of a phone's window to the page; three rows on a
            # desktop.
            assert state["height"] < (800 / 3 if width == 375 else 120), (path, state["height"])
            assert page.locator(".organiser-menu-group.current").inner_text() == group

        # Another group opens as a menu without JavaScript, inside the window, and leads there.
        page.goto(live_server.url + PAGES["setup"][0])
        page.click(".organiser-menu summary:has-text('Registration')")
        link = page.locator(".organiser-menu details[open] a:has-text('Check-in')")
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert overflow(page) == 0
        link.click()
        page.wait_for_url("**/c/navconf/check-in/")
        assert nav_state(page)["current"] == ["Check-in"]
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_reviewer_sees_only_the_review_pages(live_server, browser, team, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        log_in(page, live_server.url, "revi", PASSWORD)
        response = page.goto(live_server.url + PAGES["review"][0])
        assert response.status == 200
        state = nav_state(page)
        assert (state["groups"], state["current"]) == (["Review"], ["Submissions"])
        links = page.locator(".organiser-menu-pages a").all_inner_texts()
        assert "Submissions" in links and "Track queue" in links
        assert not {"Reviewers", "CfP settings", "E-mail templates"} & set(links)
        assert overflow(page) == 0

        # The organisers' pages refuse her, and show no organiser links.
        for key in ("setup", "editor", "models"):
            response = page.goto(live_server.url + PAGES[key][0])
            assert response.status == 403, key
            assert nav_state(page) is None, key
            assert overflow(page) == 0, key
    finally:
        context.close()
