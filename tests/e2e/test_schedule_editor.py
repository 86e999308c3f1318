"""Browser journey: an organiser builds the agenda by drag and drop, meets a conflict,
publishes, and the public agenda shows the release."""

import os

import pytest

from scheduling.models import ScheduleItem
from tests.e2e.conftest import log_in
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    RoomFactory,
    SpeakerProfileFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e

# Set to a path to look at the editor with its conflict (a debugging aid).
SCREENSHOT = os.environ.get("SCHEDULE_EDITOR_SCREENSHOT", "")


def card(talk) -> str:
    return f".talk-card[data-submission='{talk.pk}']"


def slot(room, time) -> str:
    return f".slot[data-room='{room.pk}'][data-time='{time}']"


def grid_item(talk) -> str:
    return f"#editor-grid .item[data-submission='{talk.pk}']"


def open_editor(page, live_server, slug: str) -> None:
    # Tall enough for the slots dragged to: page.drag_and_drop cannot scroll to a target
    # between pressing and moving (a person would drag to the edge; the grid scrolls then).
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/c/{slug}/schedule/editor/")
    page.wait_for_selector("#editor[data-ready]")


def test_organiser_drags_talks_sees_the_conflict_and_publishes(live_server, page, transactional_db):
    conference = ConferenceFactory(slug="aidev", name="AI Dev Conf", timezone="Asia/Shanghai")
    hall = RoomFactory(conference=conference, name="Main Hall", capacity=300, position=0)
    side = RoomFactory(conference=conference, name="Room B", capacity=100, position=1)
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    ada = SpeakerProfileFactory(user=UserFactory(username="ada"), name="Ada Lovelace").user
    first = SubmissionFactory(
        conference=conference, speaker=ada, title="Engines of Thought", state="confirmed"
    )
    second = SubmissionFactory(
        conference=conference, speaker=ada, title="Notes on the Engine", state="confirmed"
    )
    third = SubmissionFactory(conference=conference, title="Late Arrival", state="confirmed")

    open_editor(page, live_server, "aidev")

    page.drag_and_drop(card(first), slot(hall, "10:00"))
    page.wait_for_selector(grid_item(first))
    assert page.inner_text(".editor-status") == "Saved."

    page.reload()
    page.wait_for_selector("#editor[data-ready]")
    placed = page.wait_for_selector(grid_item(first))
    assert placed.get_attribute("data-room") == str(hall.pk)
    assert "10:00–10:30" in placed.inner_text()
    assert page.locator(card(first)).count() == 0
    item = ScheduleItem.objects.get()
    assert (item.room_id, item.submission_id) == (hall.pk, first.pk)

    page.drag_and_drop(card(second), slot(side, "10:15"))
    page.wait_for_selector(".conflict-list .conflict.error")
    assert page.inner_text(".conflict-list .conflict.error").endswith(
        "Ada Lovelace speaks in “Engines of Thought” and “Notes on the Engine” at the same time."
    )
    assert "conflict-error" in page.get_attribute(grid_item(second), "class")
    assert page.inner_text(".errors-count") == "1"

    # A taken room is refused; the script shows the answer's message ({"detail", "errors"}).
    page.drag_and_drop(card(third), slot(side, "10:00"))
    page.wait_for_selector(".editor-status.failed")
    assert page.inner_text(".editor-status") == (
        "Could not save: Room B is taken by “Notes on the Engine” then."
    )
    assert page.locator(card(third)).count() == 1
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT)

    page.goto(f"{live_server.url}/c/aidev/schedule/editor/publish/")
    assert "Engines of Thought" in page.inner_text("table.changes")
    # Ada's clash is listed; publishing with it takes a confirmation.
    assert page.locator(".publish-conflicts .conflict").count() == 1
    page.check("#id_confirm")
    page.click("button[name=publish]")
    page.wait_for_selector("text=Schedule v1 is published.")

    page.goto(f"{live_server.url}/c/aidev/schedule/?view=list")
    assert "Schedule v1" in page.inner_text(".agenda-head")
    agenda = page.inner_text(".agenda-list")
    assert "Engines of Thought" in agenda
    assert "Notes on the Engine" in agenda
    assert "Main Hall" in agenda


def test_undo_and_a_stale_edit_offer_to_reload(live_server, page, transactional_db):
    from datetime import timedelta

    from scheduling import services

    conference = ConferenceFactory(slug="undo", timezone="Asia/Shanghai")
    hall = RoomFactory(conference=conference, name="Main Hall", position=0)
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    talk = SubmissionFactory(conference=conference, title="Undoable", state="confirmed")

    open_editor(page, live_server, "undo")
    page.drag_and_drop(card(talk), slot(hall, "11:00"))
    page.wait_for_selector(grid_item(talk))

    page.click("button.undo")
    page.wait_for_selector(card(talk))
    assert page.locator(grid_item(talk)).count() == 0
    assert not ScheduleItem.objects.exists()

    page.drag_and_drop(card(talk), slot(hall, "11:00"))
    page.wait_for_selector(grid_item(talk))
    # Somebody else moves it meanwhile, in another window.
    item = ScheduleItem.objects.get()
    services.move_item(
        conference=conference,
        item_id=item.pk,
        version=item.version,
        room_id=hall.pk,
        start=item.start + timedelta(hours=2),
        end=item.end + timedelta(hours=2),
    )
    page.hover(grid_item(talk))
    page.click(f"{grid_item(talk)} button[aria-label='Longer']")
    page.wait_for_selector(".stale-banner:not([hidden])")
    assert "changed" in page.inner_text(".stale-banner")

    page.click(".stale-banner button.reload")
    page.wait_for_selector(".stale-banner", state="hidden")
    assert "13:00–13:30" in page.inner_text(grid_item(talk))
