"""Browser journeys: the agenda editor with ten rooms in a 1,280 × 900 window: the grid scrolls
inside itself with its room names and times in view, every name readable, an item moved from
the keyboard, a talk dragged to a room off-screen, and a publish gated by its conflicts."""

import os
from datetime import date, time, timedelta

import pytest

from conference.models import OutboxMail
from scheduling import services
from scheduling.days import local_instant
from scheduling.models import Release, ScheduleItem
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

# Set to a folder to keep screenshots of the editor (a debugging aid).
SCREENSHOTS = os.environ.get("EDITOR_AT_SCALE_SCREENSHOTS", "")

DAY = date(2026, 6, 1)
ROOMS = [
    "Room A (Yangtze Hall)",
    "Room B (Yellow River Hall)",
    "Room C (Pearl River Hall, second floor)",
    "Room D",
    "Main Auditorium — 主会场",
    "Workshop Room E (bring a laptop)",
    "Room F (Huangpu)",
    "Room G (Lijiang)",
    "Room H (Songhua Jiang Hall)",
    "Room J (Qiantang River Conference Suite)",
]


def at(conference, hour, minute=0):
    return local_instant(DAY, time(hour, minute), conference.tzinfo)


@pytest.fixture
def ten_rooms(transactional_db):
    """Ten rooms with long names, 30- and 15-minute talks from 09:00 to 12:00 in the first
    nine, and one unscheduled talk; Ada speaks twice at 09:00 (a speaker clash)."""
    conference = ConferenceFactory(
        slug="scale", name="Scale Conf", timezone="Asia/Shanghai", start_date=DAY, end_date=DAY
    )
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    rooms = [
        RoomFactory(conference=conference, name=name, capacity=50 + 10 * n, position=n)
        for n, name in enumerate(ROOMS)
    ]
    ada = SpeakerProfileFactory(
        user=UserFactory(username="ada", email="ada@example.org"), name="Ada Lovelace"
    ).user
    talks = {}
    for n, room in enumerate(rooms[:9]):
        minute = 0
        while minute < 180:
            length = 15 if (n + minute // 30) % 3 == 0 else 30
            speaker = ada if minute == 0 and n in (0, 1) else SpeakerProfileFactory().user
            talk = SubmissionFactory(
                conference=conference,
                speaker=speaker,
                title=f"{room.name[:6]} talk at {9 + minute // 60}:{minute % 60:02d}",
                duration=length,
                state="confirmed",
            )
            services.create_item(
                conference=conference,
                room_id=room.pk,
                submission_id=talk.pk,
                start=at(conference, 9, 0) + timedelta(minutes=minute),
                end=at(conference, 9, 0) + timedelta(minutes=minute + length),
            )
            talks[(n, minute)] = talk
            minute += 30
    late = SubmissionFactory(
        conference=conference,
        speaker=SpeakerProfileFactory(user=UserFactory(email="late@example.org")).user,
        title="A late arrival",
        state="confirmed",
    )
    return {"conference": conference, "rooms": rooms, "talks": talks, "late": late}


def open_editor(page, live_server) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/c/scale/schedule/editor/?day={DAY.isoformat()}")
    page.wait_for_selector("#editor[data-ready]")


def shoot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"))


def grid_item(talk) -> str:
    return f"#editor-grid .item[data-submission='{talk.pk}']"


def box(page, selector: str) -> dict:
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }",
    )


def test_ten_rooms_fit_the_window_with_sticky_headers_and_readable_names(
    live_server, page, ten_rooms
):
    open_editor(page, live_server)
    shoot(page, "editor-10-rooms")

    # The page is no wider than the window: only the grid scrolls sideways, inside itself.
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth,"
        " grid: document.querySelector('#editor-grid').scrollWidth,"
        " gridBox: document.querySelector('#editor-grid').clientWidth})"
    )
    assert widths["page"] <= widths["window"] == 1280
    assert widths["grid"] > widths["gridBox"]

    # Every room name is whole: nothing cut off in its cell, and the title repeats it.
    heads = page.eval_on_selector_all(
        "#editor-grid .room-head",
        "els => els.map(e => ({text: e.querySelector('.name').textContent, title: e.title,"
        " fits: e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight}))",
    )
    assert [h["text"] for h in heads] == ROOMS
    assert all(h["fits"] for h in heads), heads
    assert heads[0]["title"] == "Room A (Yangtze Hall) (50)"

    # Scrolled to the far right and down: the names and the times are still in view.
    grid = box(page, "#editor-grid")
    page.eval_on_selector(
        "#editor-grid", "g => { g.scrollLeft = g.scrollWidth; g.scrollTop = 400; }"
    )
    last_head = box(page, f".room-head[data-room='{ten_rooms['rooms'][-1].pk}']")
    first_head = box(page, f".room-head[data-room='{ten_rooms['rooms'][0].pk}']")
    assert last_head["top"] == pytest.approx(grid["top"] + 1, abs=1)
    assert last_head["right"] <= grid["right"]
    # The first room's head scrolled away to the left, under the sticky time column.
    assert first_head["right"] < grid["left"] + 80
    visible_times = page.eval_on_selector_all(
        "#editor-grid .time-label",
        f"""els => els.filter(e => {{ const r = e.getBoundingClientRect();
            return r.top >= {grid["top"]} + 40 && r.bottom <= {grid["bottom"]}; }})
            .map(e => [Math.round(e.getBoundingClientRect().left), e.textContent])""",
    )
    assert visible_times, "no time label in view"
    assert {left for left, _ in visible_times} == {round(grid["left"]) + 1}
    shoot(page, "editor-scrolled")

    # A 15-minute item: one line with its start and title; on focus the whole of it, and its
    # buttons below the times, not over them.
    short = ten_rooms["talks"][(0, 0)]
    item = page.locator(grid_item(short))
    assert "compact" in item.get_attribute("class")
    page.eval_on_selector("#editor-grid", "g => { g.scrollLeft = 0; g.scrollTop = 0; }")
    item.focus()
    when = box(page, f"{grid_item(short)} .when")
    buttons = box(page, f"{grid_item(short)} .actions")
    assert buttons["top"] >= when["bottom"]
    assert item.locator(".end").inner_text() == "–09:15"
    assert item.locator(".who").inner_text() == "Ada Lovelace"
    shoot(page, "editor-focused-short-item")


def test_an_item_moves_from_the_keyboard_and_keeps_the_focus(live_server, page, ten_rooms):
    talk = ten_rooms["talks"][(0, 150)]  # Room A, 11:30–12:00
    open_editor(page, live_server)
    item = page.locator(grid_item(talk))
    assert item.inner_text().startswith("11:30–12:00")

    item.focus()
    page.keyboard.press("ArrowDown")  # 11:45
    page.wait_for_function(
        f"() => document.querySelector(\"{grid_item(talk)}\").dataset.start.endsWith('03:45:00Z')"
    )
    page.keyboard.press("ArrowDown")  # 12:00
    page.wait_for_function(
        f"() => document.querySelector(\"{grid_item(talk)}\").dataset.start.endsWith('04:00:00Z')"
    )
    page.keyboard.press("ArrowRight")  # Room B
    page.wait_for_selector(f"{grid_item(talk)}[data-room='{ten_rooms['rooms'][1].pk}']")

    assert page.evaluate("() => document.activeElement.dataset.submission") == str(talk.pk)
    assert page.inner_text(".editor-status") == "Moved: Room B (Yellow River Hall), 12:00–12:30."

    # The "Move to" dialog: Enter opens it, with the room and time menus.
    page.keyboard.press("Enter")
    page.wait_for_selector(".move-dialog[open]")
    page.select_option(".move-dialog [name=room]", str(ten_rooms["rooms"][9].pk))
    page.select_option(".move-dialog [name=time]", label="13:15")
    page.fill(".move-dialog [name=minutes]", "45")
    page.click(".move-dialog button.ok")
    page.wait_for_selector(f"{grid_item(talk)}[data-room='{ten_rooms['rooms'][9].pk}']")
    assert page.evaluate("() => document.activeElement.dataset.submission") == str(talk.pk)
    assert page.inner_text(".editor-status") == (
        "Moved: Room J (Qiantang River Conference Suite), 13:15–14:00."
    )
    # Focused, the item is scrolled into the grid's view.
    grid = box(page, "#editor-grid")
    moved = box(page, grid_item(talk))
    assert grid["left"] <= moved["left"] and moved["right"] <= grid["right"]

    # An unscheduled talk is placed from the keyboard too, through the same dialog.
    late = ten_rooms["late"]
    page.focus(f".talk-card[data-submission='{late.pk}'] button.place")
    page.keyboard.press("Enter")
    page.wait_for_selector(".move-dialog[open]")
    assert page.inner_text(".move-dialog .move-what") == "A late arrival"
    page.select_option(".move-dialog [name=room]", str(ten_rooms["rooms"][3].pk))
    page.select_option(".move-dialog [name=time]", label="12:00")
    page.focus(".move-dialog [name=minutes]")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{grid_item(late)}[data-room='{ten_rooms['rooms'][3].pk}']")
    assert page.evaluate("() => document.activeElement.dataset.submission") == str(late.pk)
    assert page.locator(grid_item(late)).inner_text().startswith("12:00–12:30")

    page.reload()
    page.wait_for_selector("#editor[data-ready]")
    placed = page.locator(grid_item(talk))
    assert placed.get_attribute("data-room") == str(ten_rooms["rooms"][9].pk)
    assert placed.inner_text().startswith("13:15–14:00")
    item = ScheduleItem.objects.get(submission=talk)
    conference = ten_rooms["conference"]
    assert (item.room, item.start, item.end) == (
        ten_rooms["rooms"][9],
        at(conference, 13, 15),
        at(conference, 14),
    )


def test_a_talk_dragged_to_a_room_off_screen_scrolls_the_grid(live_server, page, ten_rooms):
    open_editor(page, live_server)
    target_room = ten_rooms["rooms"][9]
    target = f".slot[data-room='{target_room.pk}'][data-time='17:00']"
    card = box(page, f".talk-card[data-submission='{ten_rooms['late'].pk}']")
    assert box(page, target)["left"] > 1280  # off-screen to the right, and below the window

    page.mouse.move(card["left"] + 20, card["top"] + 10)
    page.mouse.down()
    # Hold it near the bottom right corner of the grid's part in the window, as one does,
    # until the grid (and the window) scrolled all the way.
    done = """() => { const g = document.querySelector('#editor-grid');
        return g.scrollLeft + g.clientWidth >= g.scrollWidth - 1
            && g.scrollTop + g.clientHeight >= g.scrollHeight - 1; }"""
    for _ in range(60):
        grid = box(page, "#editor-grid")
        page.mouse.move(min(grid["right"], 1280) - 8, min(grid["bottom"], 900) - 8, steps=2)
        if page.evaluate(done):
            break
        page.wait_for_timeout(250)
    assert page.evaluate(done)
    slot = box(page, target)
    assert 0 < slot["left"] and slot["right"] <= 1280 and slot["bottom"] <= 900
    page.mouse.move((slot["left"] + slot["right"]) / 2, (slot["top"] + slot["bottom"]) / 2, steps=3)
    page.mouse.up()

    page.wait_for_selector(f"{grid_item(ten_rooms['late'])}[data-room='{target_room.pk}']")
    item = ScheduleItem.objects.get(submission=ten_rooms["late"])
    assert (item.room, item.start) == (target_room, at(ten_rooms["conference"], 17))


def test_publishing_with_a_speaker_clash_needs_a_confirmation(live_server, page, ten_rooms):
    open_editor(page, live_server)
    page.goto(f"{live_server.url}/c/scale/schedule/editor/publish/")

    conflicts = page.locator(".publish-conflicts .conflict")
    assert conflicts.all_inner_texts() == [
        "Error Ada Lovelace speaks in “Room A talk at 9:00” and “Room B talk at 9:00” at the same"
        " time. In the editor · Edit"
    ]
    # Without the box ticked the browser does not send it (and the server would refuse it).
    page.click("button[name=publish]")
    assert page.evaluate("() => document.querySelector('#id_confirm').validity.valueMissing")
    assert not Release.objects.exists()
    shoot(page, "publish-with-conflicts")

    # On a phone neither page is wider than the screen.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.goto(f"{live_server.url}/c/scale/schedule/editor/")
    page.wait_for_selector("#editor[data-ready]")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.go_back()

    page.check("#id_confirm")
    page.click("button[name=publish]")
    page.wait_for_selector("text=Schedule v1 is published.")
    release = Release.objects.get()
    assert [c["code"] for c in release.conflicts] == ["speaker_overlap"]
    held = OutboxMail.objects.filter(kind="schedule.release")
    # 53 speakers of 54 talks (Ada has two); the late arrival is not scheduled.
    assert held.count() == 53
    assert set(held.values_list("status", "held_reason")) == {("held", "schedule release")}
