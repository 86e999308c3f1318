"""The automatic draft schedule's pages: settings, a run's progress and change set, apply in
part, undo, the clash and its re-run; organisers only (issue 17)."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from scheduling import services
from scheduling.days import local_instant
from scheduling.models import RunState, ScheduleItem, SolverApplication, SolverRun
from scheduling.services import solver_runs
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MembershipFactory,
    RoomFactory,
    SubmissionFactory,
    UserFactory,
)

DAY = date(2027, 5, 4)


@pytest.fixture
def conf(db):
    conference = ConferenceFactory(slug="small", start_date=DAY, end_date=DAY)
    hall = RoomFactory(conference=conference, name="Hall", capacity=120, position=0)
    side = RoomFactory(conference=conference, name="Side", capacity=40, position=1)
    MembershipFactory(conference=conference, user=UserFactory(username="org"))
    MembershipFactory(conference=conference, user=UserFactory(username="rev"), role="reviewer")
    speaker = UserFactory(username="spk")
    talks = [
        SubmissionFactory(conference=conference, speaker=speaker, title=t, state="confirmed")
        for t in ("Alpha <b>", "Beta", "Gamma")
    ]
    return {"conference": conference, "rooms": (hall, side), "talks": talks}


def url(name, conference, *args):
    return reverse(f"scheduling:{name}", args=[conference.slug, *args])


def logged_in(client, username):
    client.login(username=username, password=PASSWORD)
    return client


def settings_post(conference, rooms, **extra):
    data = {
        "weight_same_track": "5",
        "weight_similar_topics": "3",
        "weight_co_favourites": "3",
        "weight_capacity": "6",
        "weight_track_room": "2",
        "weight_travel": "2",
        "weight_preferred_times": "2",
        "rooms": [str(room.pk) for room in rooms],
        "days": [DAY.isoformat()],
        "time_limit_seconds": "10",
    }
    data.update(extra)
    return data


def test_settings_page_shows_a_slider_and_sentence_per_term(client, conf):
    response = logged_in(client, "org").get(url("solver", conf["conference"]))

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('type="range"') == 7
    assert 'name="weight_capacity" value="6" min="0" max="10" step="1"' in body
    assert "Puts each talk in a room that seats its expected audience" in body
    assert 'name="rooms"' in body and 'name="days"' in body


def test_settings_are_saved_and_bad_ones_rerender_with_errors(client, conf):
    conference, rooms = conf["conference"], conf["rooms"]
    client = logged_in(client, "org")

    saved = client.post(
        url("solver", conference),
        settings_post(conference, rooms[:1], weight_capacity="9", keep_placed="on"),
    )
    assert saved.status_code == 302
    settings = solver_runs.solver_settings_for(conference=conference)
    assert settings.weights["capacity"] == 9
    # The one day is every day: stored as none chosen, so that a day added later is used too.
    assert (settings.room_ids, settings.days, settings.keep_placed) == ([rooms[0].pk], [], True)

    bad = client.post(
        url("solver", conference),
        settings_post(conference, rooms, weight_capacity="12", time_limit_seconds="3"),
    )
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"weight_capacity", "time_limit_seconds"}
    assert solver_runs.solver_settings_for(conference=conference).weights["capacity"] == 9

    # Every room is stored as none chosen too, and shown all ticked.
    client.post(url("solver", conference), settings_post(conference, rooms))
    settings.refresh_from_db()
    assert (settings.room_ids, settings.keep_placed) == ([], False)
    form = client.get(url("solver", conference)).context["form"]
    assert form["rooms"].value() == [rooms[0].pk, rooms[1].pk]  # shown as all ticked


def test_solve_review_apply_part_and_undo(client, conf, django_capture_on_commit_callbacks):
    conference, rooms = conf["conference"], conf["rooms"]
    alpha, beta, gamma = conf["talks"]
    client = logged_in(client, "org")
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            url("solver", conference), settings_post(conference, rooms, solve="1")
        )
    run = SolverRun.objects.get()
    assert started.url == url("solver_run", conference, run.pk)

    page = client.get(started.url)

    assert page.status_code == 200
    body = page.content.decode()
    assert "Alpha &lt;b&gt;" in body and "Alpha <b>" not in body
    assert body.count('name="submission"') == 3
    assert "3 placed" in body
    rows = page.context["review"]["rows"]
    assert sorted(row["action"] for row in rows) == ["placed"] * 3

    applied = client.post(url("solver_run_apply", conference, run.pk), {"submission": [beta.pk]})
    assert applied.status_code == 302
    assert list(ScheduleItem.objects.values_list("submission_id", flat=True)) == [beta.pk]
    entry = next(row for row in rows if row["submission"] == beta.pk)
    item = ScheduleItem.objects.get()
    assert item.room_id == entry["after"]["room"]
    again = client.get(started.url).content.decode()
    assert "1 change applied" in again
    assert "Undo this application" in again

    application = SolverApplication.objects.get()
    undone = client.post(url("solver_undo", conference, application.pk))
    assert undone.status_code == 302
    assert ScheduleItem.objects.count() == 0
    assert "Undone on" in client.get(started.url).content.decode()


def test_the_run_page_of_a_running_run_refreshes_and_offers_stop(client, conf):
    conference = conf["conference"]
    run = SolverRun.objects.create(
        conference=conference,
        state=RunState.RUNNING,
        options={"time_limit_s": 60},
        progress={
            "seconds": 30.0,
            "objective": 12.0,
            "hard_conflicts_left": 1,
            "placed": 2,
            "total": 3,
        },
    )
    client = logged_in(client, "org")

    body = client.get(url("solver_run", conference, run.pk)).content.decode()

    assert '<meta http-equiv="refresh" content="3">' in body
    assert '<progress max="100" value="50">' in body
    assert "2 / 3" in body
    status = client.get(url("solver_run_status", conference, run.pk)).json()
    assert status == {
        "id": run.pk,
        "state": "running",
        "active": True,
        "percent": 50,
        "seconds": 30.0,
        "objective": 12.0,
        "hard_conflicts_left": 1,
        "placed": 2,
        "total": 3,
        "stop_requested": False,
    }

    client.post(url("solver_run_stop", conference, run.pk))

    run.refresh_from_db()
    assert run.stop_requested is True
    assert "Stopping…" in client.get(url("solver_run", conference, run.pk)).content.decode()


def test_stale_entries_are_marked_on_the_page(client, conf, django_capture_on_commit_callbacks):
    conference, rooms = conf["conference"], conf["rooms"]
    client = logged_in(client, "org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("solver", conference), settings_post(conference, rooms, solve="1"))
    run = SolverRun.objects.get()
    start = local_instant(DAY, time(8), conference.tzinfo)  # before the rooms open: unused
    services.create_item(
        conference=conference,
        room_id=rooms[0].pk,
        submission_id=conf["talks"][0].pk,
        start=start,
        end=start + timedelta(minutes=30),
    )

    body = client.get(url("solver_run", conference, run.pk)).content.decode()

    assert "The working copy changed since this run started." in body
    assert body.count("Changed since the run started: it will be skipped.") == 1


def test_an_infeasible_run_shows_the_clash_and_solves_again_without_it(
    client, conf, django_capture_on_commit_callbacks
):
    conference, rooms = conf["conference"], conf["rooms"]
    SubmissionFactory(conference=conference, title="All day", state="confirmed", duration=600)
    client = logged_in(client, "org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("solver", conference), settings_post(conference, rooms, solve="1"))
    run = SolverRun.objects.get()

    body = client.get(url("solver_run", conference, run.pk)).content.decode()

    assert "The rules that clash" in body
    assert "<strong>All day</strong>" in body
    assert "Leave these talks unplaced and solve again" in body
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url("solver_run_again", conference, run.pk))
    second = SolverRun.objects.exclude(pk=run.pk).get()
    assert again.url == url("solver_run", conference, second.pk)
    page = client.get(again.url)
    assert [
        row["title"] for row in page.context["review"]["rows"] if row["action"] == "unplaced"
    ] == ["All day"]
    assert "Left unplaced" in page.content.decode()


@pytest.mark.parametrize("username", ["rev", "spk"])
def test_reviewers_and_speakers_are_refused(client, conf, username):
    conference = conf["conference"]
    run = SolverRun.objects.create(conference=conference, state=RunState.DONE)
    client = logged_in(client, username)

    for name, args, method in [
        ("solver", (), "get"),
        ("solver", (), "post"),
        ("solver_run", (run.pk,), "get"),
        ("solver_run_apply", (run.pk,), "post"),
        ("solver_run_stop", (run.pk,), "post"),
        ("solver_run_again", (run.pk,), "post"),
    ]:
        response = getattr(client, method)(url(name, conference, *args))
        assert response.status_code == 403, name
    assert client.get(url("solver_run_status", conference, run.pk)).status_code == 403
    assert SolverRun.objects.count() == 1


def test_anonymous_people_are_sent_to_log_in(client, conf):
    conference = conf["conference"]

    response = client.get(url("solver", conference))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_run_of_another_conference_is_404(client, conf):
    other = ConferenceFactory(slug="other")
    run = SolverRun.objects.create(conference=other, state=RunState.DONE)

    response = logged_in(client, "org").get(url("solver_run", conf["conference"], run.pk))

    assert response.status_code == 404


def test_the_run_page_makes_as_many_queries_for_one_change_as_for_three(
    client, conf, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    conference, rooms = conf["conference"], conf["rooms"]
    client = logged_in(client, "org")
    counts = []
    for talks in (conf["talks"][:1], conf["talks"]):
        SolverRun.objects.all().delete()
        for talk in conf["talks"]:
            talk.state = "confirmed" if talk in talks else "submitted"
            talk.save()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("solver", conference), settings_post(conference, rooms, solve="1"))
        run = SolverRun.objects.get()
        assert len([row for row in run.changes if row["action"] == "placed"]) == len(talks)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("solver_run", conference, run.pk)).status_code == 200
        counts.append(len(context))
    assert counts[0] == counts[1]


def test_the_page_of_a_run_whose_worker_died_says_so_instead_of_waiting(client, conf):
    from django.utils import timezone

    conference = conf["conference"]
    run = SolverRun.objects.create(
        conference=conference,
        state=RunState.RUNNING,
        options={"time_limit_s": 10},
        updated_at=timezone.now() - timedelta(minutes=5),
    )

    body = logged_in(client, "org").get(url("solver_run", conference, run.pk)).content.decode()

    assert "The run failed: The worker stopped (no progress for a long time)." in body
    assert 'http-equiv="refresh"' not in body
