"""Browser journey: an organiser configures the automatic draft, solves a small conference,
reviews the change set, applies part of it, and undoes that (issue 17).

Celery is eager here, so the run has ended when its page opens; with a worker the page follows
the run until it ends (tests/scheduling/views/test_solver.py covers that page).
"""

from datetime import date, time, timedelta

import pytest

from scheduling import services
from scheduling.days import local_instant
from scheduling.models import ScheduleItem, SolverSettings
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    RoomFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e


def log_in(page, base_url: str, username: str) -> None:
    # Enter in the password field: the header holds other submit buttons (the language switch).
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_selector(f"text={username}")


DAY = date(2027, 6, 1)


def test_configure_solve_review_apply_part_and_undo(live_server, page, transactional_db):
    conference = ConferenceFactory(slug="mini", name="Mini Conf", start_date=DAY, end_date=DAY)
    hall = RoomFactory(conference=conference, name="Hall", capacity=200, position=0)
    side = RoomFactory(conference=conference, name="Side", capacity=40, position=1)
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    ada = UserFactory(username="ada")
    late, second, third = (
        SubmissionFactory(conference=conference, speaker=ada, title=title, state="confirmed")
        for title in ("Late Talk", "Second Talk", "Third Talk")
    )
    # After the rooms close (18:00): the draft must move it.
    start = local_instant(DAY, time(20), conference.tzinfo)
    item = services.create_item(
        conference=conference,
        room_id=side.pk,
        submission_id=late.pk,
        start=start,
        end=start + timedelta(minutes=30),
    )

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, "organiser")
    page.goto(f"{live_server.url}/c/mini/schedule/editor/")
    page.click(".organiser-menu-pages a:has-text('Automatic draft')")
    page.wait_for_selector("h1:has-text('Automatic draft schedule')")
    page.wait_for_load_state("load")  # solver.js listens to the sliders from then on

    # Configure: a slider shows its value as it moves; the time limit.
    page.fill("#id_weight_capacity", "9")
    assert page.inner_text("output[for=id_weight_capacity]") == "9"
    page.fill("#id_time_limit_seconds", "10")
    page.click("button[name=solve]")

    page.wait_for_selector(".solver-changes")
    settings = SolverSettings.objects.get(conference=conference)
    assert (settings.weights["capacity"], settings.time_limit_seconds) == (9, 10)
    assert "1 moved" in page.inner_text(".solver-counts")
    assert "2 placed" in page.inner_text(".solver-counts")
    rows = page.locator(".solver-changes tbody tr")
    assert rows.count() == 3
    moved = page.locator(f".solver-changes tr[data-submission='{late.pk}']")
    assert "moved" in moved.inner_text()
    assert "Side, " in moved.inner_text() and "20:00–20:30" in moved.inner_text()

    # Apply part: everything but the third talk.
    page.uncheck(f"#change-{third.pk}")
    page.click("button[name=chosen]")
    page.wait_for_selector(".messages .message:has-text('2 changes applied')")
    placed = dict(ScheduleItem.objects.values_list("submission_id", "room_id"))
    assert set(placed) == {late.pk, second.pk}
    item.refresh_from_db()
    assert item.start != start
    assert (
        ScheduleItem.objects.get(submission=second).room_id in (hall.pk, side.pk)
        and not ScheduleItem.objects.filter(submission=third).exists()
    )

    # Undo puts exactly those two back.
    page.click("button:has-text('Undo this application')")
    page.wait_for_selector(".messages .message:has-text('2 talks are back where they were.')")
    assert page.locator(".solver-undone").count() == 1
    assert list(ScheduleItem.objects.values_list("submission_id", "room_id", "start")) == [
        (late.pk, side.pk, start)
    ]


def test_the_run_page_follows_a_worker_run_until_it_ends(live_server, page, transactional_db):
    """With a worker the run is still going when its page opens: the page polls the run's
    progress, shows it, and reloads with the result when the run has ended."""
    from django.utils import timezone

    from scheduling.models import RunState, SolverRun

    conference = ConferenceFactory(slug="busy", name="Busy Conf", start_date=DAY, end_date=DAY)
    MembershipFactory(conference=conference, user=UserFactory(username="organiser"))
    run = SolverRun.objects.create(
        conference=conference,
        state=RunState.RUNNING,
        options={"time_limit_s": 100},
        progress={
            "seconds": 1.0,
            "objective": None,
            "hard_conflicts_left": 3,
            "placed": 0,
            "total": 3,
        },
    )
    log_in(page, live_server.url, "organiser")
    page.goto(f"{live_server.url}/c/busy/schedule/solver/runs/{run.pk}/")
    assert page.inner_text(".progress-hard") == "3"

    SolverRun.objects.filter(pk=run.pk).update(
        progress={
            "seconds": 40.0,
            "objective": 17.0,
            "hard_conflicts_left": 0,
            "placed": 3,
            "total": 3,
        },
        updated_at=timezone.now(),
    )
    page.wait_for_function("document.querySelector('.progress-hard').textContent === '0'")
    assert page.inner_text(".progress-placed") == "3 / 3"
    assert page.get_attribute(".solver-progress progress", "value") == "40"

    SolverRun.objects.filter(pk=run.pk).update(
        state=RunState.DONE,
        solution={"status": "optimal", "clash": None, "soft": {}},
        changes=[],
        finished_at=timezone.now(),
    )
    page.wait_for_selector(".solver-outcome[data-status=optimal]")
    assert "The draft changes nothing in the working copy." in page.inner_text("main")
