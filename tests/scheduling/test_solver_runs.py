"""The automatic draft schedule around the solver: runs, the change set, apply, undo (issue 17).

Tiny instances with the real solver and short time limits: one day, two rooms open 09:00-18:00
(Shanghai), a few 30-minute talks.
"""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from scheduling import services
from scheduling.days import iso_utc, local_instant
from scheduling.models import Release, RunState, ScheduleItem, SolverRun
from scheduling.selectors import schedule_revision
from scheduling.services import solver_runs
from scheduling.services.solver_runs import RunRefused
from tests.factories import ConferenceFactory, RoomFactory, SubmissionFactory, UserFactory

DAY = date(2027, 3, 10)


@pytest.fixture
def tiny(db):
    conference = ConferenceFactory(slug="tiny", start_date=DAY, end_date=DAY)
    hall = RoomFactory(conference=conference, name="Hall", capacity=200, position=0)
    side = RoomFactory(conference=conference, name="Side", capacity=50, position=1)
    ada = UserFactory(username="ada")
    talks = [
        SubmissionFactory(conference=conference, speaker=ada, title="Alpha", state="confirmed"),
        SubmissionFactory(conference=conference, speaker=ada, title="Beta", state="confirmed"),
        SubmissionFactory(conference=conference, title="Gamma", state="accepted"),
    ]
    organiser = UserFactory(username="boss")
    return {"conference": conference, "rooms": (hall, side), "talks": talks, "user": organiser}


def at(conference, hour, minute=0):
    return local_instant(DAY, time(hour, minute), conference.tzinfo)


def place(conference, talk, room, hour, minute=0):
    start = at(conference, hour, minute)
    return services.create_item(
        conference=conference,
        room_id=room.pk,
        submission_id=talk.pk,
        start=start,
        end=start + timedelta(minutes=30),
    )


def solved(tiny, django_capture_on_commit_callbacks, **options):
    """A run of the conference's settings (10 s at most), finished in-process."""
    conference = tiny["conference"]
    settings = solver_runs.solver_settings_for(conference=conference)
    settings.time_limit_seconds = 10
    for name, value in options.items():
        setattr(settings, name, value)
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        run = solver_runs.start_solver_run(conference=conference, user=tiny["user"])
    run.refresh_from_db()
    return run


def positions(conference) -> dict[int, tuple]:
    return {
        item.submission_id: (item.room_id, iso_utc(item.start), iso_utc(item.end))
        for item in ScheduleItem.objects.filter(conference=conference)
    }


def after_of(run) -> dict[int, tuple]:
    return {
        entry["submission"]: (
            entry["after"]["room"],
            entry["after"]["start"],
            entry["after"]["end"],
        )
        for entry in run.changes
        if entry["after"] is not None
    }


def test_a_run_places_every_talk_and_applying_it_gives_exactly_the_diff(
    tiny, django_capture_on_commit_callbacks
):
    conference = tiny["conference"]
    run = solved(tiny, django_capture_on_commit_callbacks)

    assert run.state == RunState.DONE
    assert run.solution["status"] == "optimal"
    assert sorted(entry["action"] for entry in run.changes) == ["placed"] * 3
    assert sorted(entry["title"] for entry in run.changes) == ["Alpha", "Beta", "Gamma"]
    assert run.revision == 0
    assert run.progress["placed"] == 3 and run.progress["total"] == 3
    assert run.progress["hard_conflicts_left"] == 0
    # Ada's two talks are not at once.
    alpha, beta = tiny["talks"][0].pk, tiny["talks"][1].pk
    after = after_of(run)
    assert after[alpha][1] >= after[beta][2] or after[beta][1] >= after[alpha][2]

    application = solver_runs.apply_changes(run=run, user=tiny["user"])

    assert positions(conference) == after
    assert application.skipped == []
    assert sorted(entry["submission"] for entry in application.entries) == sorted(after)
    assert all(entry["before"] is None for entry in application.entries)
    assert schedule_revision(conference=conference) == 3  # one write per talk, as the editor


def test_applying_part_of_the_draft_changes_only_those_talks(
    tiny, django_capture_on_commit_callbacks
):
    conference = tiny["conference"]
    run = solved(tiny, django_capture_on_commit_callbacks)
    gamma = tiny["talks"][2].pk

    application = solver_runs.apply_changes(run=run, user=tiny["user"], submission_ids=[gamma])

    assert positions(conference) == {gamma: after_of(run)[gamma]}
    assert [entry["submission"] for entry in application.entries] == [gamma]


def test_applying_ids_outside_the_change_set_is_refused(tiny, django_capture_on_commit_callbacks):
    run = solved(tiny, django_capture_on_commit_callbacks)

    with pytest.raises(RunRefused) as refused:
        solver_runs.apply_changes(run=run, user=tiny["user"], submission_ids=[999999])

    assert refused.value.code == "unknown"
    assert ScheduleItem.objects.count() == 0


def test_a_talk_outside_the_rooms_hours_is_moved_and_undo_restores_exactly(
    tiny, django_capture_on_commit_callbacks
):
    conference = tiny["conference"]
    hall, side = tiny["rooms"]
    alpha, beta, gamma = tiny["talks"]
    place(conference, alpha, hall, 10)
    # 20:00 is after the rooms close: the solver must move it.
    late = place(conference, beta, side, 20)
    before = positions(conference)
    run = solved(tiny, django_capture_on_commit_callbacks)
    actions = {entry["submission"]: entry["action"] for entry in run.changes}
    assert actions[beta.pk] == "moved"
    assert actions[gamma.pk] == "placed"
    moved = next(entry for entry in run.changes if entry["submission"] == beta.pk)
    assert moved["before"] == {
        "room": side.pk,
        "start": iso_utc(late.start),
        "end": iso_utc(late.end),
    }

    application = solver_runs.apply_changes(run=run, user=tiny["user"])
    applied = positions(conference)
    assert {pk: applied[pk] for pk in after_of(run)} == after_of(run)
    assert ScheduleItem.objects.get(submission=beta).pk == late.pk  # moved, not re-created

    undone = solver_runs.undo_application(application=application)

    assert undone.undo_skipped == []
    assert positions(conference) == before
    assert ScheduleItem.objects.get(submission=beta).pk == late.pk
    with pytest.raises(RunRefused):
        solver_runs.undo_application(application=undone)


def test_undo_leaves_a_talk_that_was_moved_since(tiny, django_capture_on_commit_callbacks):
    conference = tiny["conference"]
    hall, _side = tiny["rooms"]
    run = solved(tiny, django_capture_on_commit_callbacks)
    application = solver_runs.apply_changes(run=run, user=tiny["user"])
    gamma = tiny["talks"][2]
    item = ScheduleItem.objects.get(submission=gamma)
    services.delete_item(conference=conference, item_id=item.pk, version=item.version)
    moved_by_hand = place(conference, gamma, hall, 17)

    undone = solver_runs.undo_application(application=application)

    assert [row["submission"] for row in undone.undo_skipped] == [gamma.pk]
    assert positions(conference) == {
        gamma.pk: (hall.pk, iso_utc(moved_by_hand.start), iso_utc(moved_by_hand.end))
    }


def test_entries_whose_talk_changed_since_the_run_are_skipped(
    tiny, django_capture_on_commit_callbacks
):
    conference = tiny["conference"]
    hall, side = tiny["rooms"]
    alpha, beta, gamma = tiny["talks"]
    run = solved(tiny, django_capture_on_commit_callbacks)
    # Meanwhile an organiser places Gamma by hand, in a slot the draft leaves free.
    taken = list(after_of(run).values())
    room, hour = next(
        (room, hour)
        for hour in range(9, 18)
        for room in (hall, side)
        if not any(
            other[0] == room.pk
            and other[1] < iso_utc(at(conference, hour, 30))
            and iso_utc(at(conference, hour)) < other[2]
            for other in taken
        )
    )
    by_hand = place(conference, gamma, room, hour)
    assert solver_runs.run_is_stale(run=run)
    review = solver_runs.run_review(run=run)
    assert {row["submission"]: row["current"] for row in review["rows"]} == {
        alpha.pk: True,
        beta.pk: True,
        gamma.pk: False,
    }

    application = solver_runs.apply_changes(run=run, user=tiny["user"])

    assert application.skipped == [
        {
            "submission": gamma.pk,
            "title": "Gamma",
            "reason": "It changed in the working copy since.",
        }
    ]
    after = after_of(run)
    assert positions(conference) == {
        alpha.pk: after[alpha.pk],
        beta.pk: after[beta.pk],
        gamma.pk: (by_hand.room_id, iso_utc(by_hand.start), iso_utc(by_hand.end)),
    }


def test_the_task_reports_progress_and_keeps_its_time_limit(tiny):
    conference = tiny["conference"]
    run = SolverRun.objects.create(
        conference=conference,
        options={"weights": {}, "time_limit_s": 1, "keep_fixed": []},
    )

    from scheduling.tasks import task_solve_schedule

    task_solve_schedule.delay(run.pk)

    run.refresh_from_db()
    assert run.state == RunState.DONE
    assert run.started_at is not None and run.finished_at is not None
    assert set(run.progress) == {"seconds", "objective", "hard_conflicts_left", "placed", "total"}
    assert (run.progress["placed"], run.progress["total"]) == (3, 3)
    assert run.progress["hard_conflicts_left"] == 0
    assert run.progress["objective"] is not None
    # The solver's own clock: it stopped searching at the limit (it may prove optimality sooner).
    assert run.progress["seconds"] <= 1.5
    # A second delivery of the message finds the run finished and does nothing.
    finished = run.finished_at
    task_solve_schedule.delay(run.pk)
    run.refresh_from_db()
    assert run.finished_at == finished


def test_a_stop_asked_for_before_the_solver_starts_is_honoured(tiny):
    run = SolverRun.objects.create(
        conference=tiny["conference"],
        options={"weights": {}, "time_limit_s": 30, "keep_fixed": []},
        stop_requested=True,
    )

    solver_runs.execute_run(run_id=run.pk)

    run.refresh_from_db()
    assert run.state == RunState.STOPPED
    assert run.solution["status"] in ("stopped", "no_solution")


def test_stopping_a_queued_run_ends_it_without_solving(tiny):
    run = SolverRun.objects.create(conference=tiny["conference"], options={"time_limit_s": 30})

    solver_runs.request_stop(run=run)
    assert solver_runs.execute_run(run_id=run.pk) is None

    run.refresh_from_db()
    assert (run.state, run.stop_requested, run.solution) == (RunState.STOPPED, True, {})
    with pytest.raises(RunRefused):
        solver_runs.request_stop(run=run)


def test_a_second_run_is_refused_while_one_is_active(tiny):
    conference = tiny["conference"]
    SolverRun.objects.create(conference=conference, state=RunState.RUNNING)

    with pytest.raises(RunRefused) as refused:
        solver_runs.start_solver_run(conference=conference, user=tiny["user"])

    assert refused.value.code == "busy"


def test_an_infeasible_run_names_the_clash_and_a_new_run_may_leave_it_out(
    tiny, django_capture_on_commit_callbacks
):
    conference = tiny["conference"]
    # Ten hours: longer than any room is open (09:00-18:00).
    marathon = SubmissionFactory(
        conference=conference, title="Marathon", state="confirmed", duration=600
    )
    run = solved(tiny, django_capture_on_commit_callbacks)
    assert run.solution["status"] == "infeasible"
    review = solver_runs.run_review(run=run)
    assert review["clash_talks"] == [marathon.pk]
    assert [row["titles"] for row in review["clash"]] == [["Marathon"]]
    assert [row["rule"] for row in review["clash"]] == ["room_hours"]

    with django_capture_on_commit_callbacks(execute=True):
        again = solver_runs.start_without_clash(run=run, user=tiny["user"])

    again.refresh_from_db()
    assert again.optional == [marathon.pk]
    assert again.state == RunState.DONE
    assert again.solution["status"] in ("optimal", "feasible")
    actions = {entry["title"]: entry["action"] for entry in again.changes}
    assert actions == {
        "Alpha": "placed",
        "Beta": "placed",
        "Gamma": "placed",
        "Marathon": "unplaced",
    }
    unplaced = next(entry for entry in again.changes if entry["title"] == "Marathon")
    assert unplaced["reason"]


def test_settings_are_saved_and_bad_values_refused(tiny):
    conference = tiny["conference"]
    hall, _side = tiny["rooms"]

    settings = solver_runs.save_solver_settings(
        conference=conference,
        weights={"same_track": 9, "capacity": 0},
        room_ids=[hall.pk],
        days=[DAY],
        time_limit_seconds=60,
        keep_placed=True,
        keep_fixed=[tiny["talks"][0].pk],
    )

    settings.refresh_from_db()
    assert settings.weights == {"same_track": 9, "capacity": 0}
    assert (settings.room_ids, settings.days) == ([hall.pk], ["2027-03-10"])
    assert solver_runs.weights_of(settings).same_track == 9
    assert solver_runs.weights_of(settings).similar_topics == 3  # the default
    for bad in (
        {"weights": {"same_track": 11}},
        {"weights": {"nonsense": 1}},
        {"time_limit_seconds": 5},
        {"time_limit_seconds": 601},
        {"room_ids": [999999]},
        {"days": [DAY + timedelta(days=1)]},
    ):
        values = {
            "weights": {},
            "room_ids": [],
            "days": [],
            "time_limit_seconds": 30,
            "keep_placed": False,
            "keep_fixed": [],
            **bad,
        }
        with pytest.raises(RunRefused):
            solver_runs.save_solver_settings(conference=conference, **values)


def test_keeping_placed_talks_leaves_them_where_they_are(tiny, django_capture_on_commit_callbacks):
    conference = tiny["conference"]
    hall, side = tiny["rooms"]
    alpha, beta, _gamma = tiny["talks"]
    place(conference, alpha, hall, 10)
    place(conference, beta, side, 20)  # outside the hours, but kept: the organiser's choice

    run = solved(tiny, django_capture_on_commit_callbacks, keep_placed=True)

    actions = {entry["title"]: entry["action"] for entry in run.changes}
    assert actions["Gamma"] == "placed"
    assert "Alpha" not in actions or actions["Alpha"] == "unchanged"
    assert "Beta" not in actions or actions["Beta"] == "unchanged"


def test_a_run_whose_worker_died_is_failed_when_the_next_starts(
    tiny, django_capture_on_commit_callbacks
):
    conference = tiny["conference"]
    dead = SolverRun.objects.create(
        conference=conference,
        state=RunState.RUNNING,
        options={"time_limit_s": 10},
        updated_at=timezone.now() - timedelta(minutes=10),
    )

    run = solved(tiny, django_capture_on_commit_callbacks)

    dead.refresh_from_db()
    assert (dead.state, dead.error) == (
        RunState.FAILED,
        "The worker stopped (no progress for a long time).",
    )
    assert run.state == RunState.DONE


def test_runs_and_applications_never_touch_a_published_release(
    tiny, django_capture_on_commit_callbacks
):
    conference = tiny["conference"]
    hall, _side = tiny["rooms"]
    place(conference, tiny["talks"][0], hall, 20)
    release = services.publish_release(conference=conference, comment="v1")
    snapshot = release.snapshot

    run = solved(tiny, django_capture_on_commit_callbacks)
    application = solver_runs.apply_changes(run=run, user=tiny["user"])
    solver_runs.undo_application(application=application)

    release.refresh_from_db()
    assert release.snapshot == snapshot
    assert Release.objects.filter(conference=conference).count() == 1


def test_the_diff_rounds_lengths_up_to_the_grid_and_keeps_an_unchanged_talk_as_it_is():
    from datetime import UTC, datetime

    from scheduling.solver import Solution

    ten = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)
    baseline = {
        "1": {
            "item": 7,
            "version": 1,
            "room": 5,
            "start": "2027-03-10T02:00:00Z",
            "end": "2027-03-10T02:20:00Z",
        },
        "2": {
            "item": 8,
            "version": 1,
            "room": 5,
            "start": "2027-03-10T03:00:00Z",
            "end": "2027-03-10T03:30:00Z",
        },
    }
    solution = Solution(
        status="optimal",
        placements={1: (5, ten), 2: (6, ten), 3: (5, ten + timedelta(hours=2))},
        unplaced={4: "No room is open long enough."},
        objective=1.0,
        soft={},
        explanations={3: ["expected 180 people, room seats 120"]},
        clash=None,
        seconds_to_feasible=0.1,
    )

    entries = solver_runs.diff_solution(
        baseline=baseline,
        solution=solution,
        titles={1: "One", 2: "Two", 3: "Three", 4: "Four"},
        durations={1: 12, 2: 30, 3: 12, 4: 600},
    )

    assert [(e["title"], e["action"], e["after"]) for e in entries] == [
        (
            "Two",
            "moved",
            {"room": 6, "start": "2027-03-10T02:00:00Z", "end": "2027-03-10T02:30:00Z"},
        ),
        (
            "Three",
            "placed",
            {"room": 5, "start": "2027-03-10T04:00:00Z", "end": "2027-03-10T04:15:00Z"},
        ),
        ("Four", "unplaced", None),
        (
            "One",
            "unchanged",
            {"room": 5, "start": "2027-03-10T02:00:00Z", "end": "2027-03-10T02:20:00Z"},
        ),
    ]
    assert entries[1]["explanations"] == ["expected 180 people, room seats 120"]
    assert entries[2]["reason"] == "No room is open long enough."


def test_two_talks_taking_each_others_slots_are_swapped_and_swapped_back(tiny):
    conference = tiny["conference"]
    hall, side = tiny["rooms"]
    alpha, beta, _gamma = tiny["talks"]
    first = place(conference, alpha, hall, 10)
    second = place(conference, beta, side, 11)

    def where(item):
        return {"room": item.room_id, "start": iso_utc(item.start), "end": iso_utc(item.end)}

    run = SolverRun.objects.create(
        conference=conference,
        state=RunState.DONE,
        changes=[
            {
                "submission": alpha.pk,
                "title": "Alpha",
                "action": "moved",
                "before": where(first),
                "after": where(second),
                "reason": "",
                "explanations": [],
            },
            {
                "submission": beta.pk,
                "title": "Beta",
                "action": "moved",
                "before": where(second),
                "after": where(first),
                "reason": "",
                "explanations": [],
            },
        ],
    )

    application = solver_runs.apply_changes(run=run, user=None)

    assert application.skipped == []
    first_now = ScheduleItem.objects.get(pk=first.pk)
    second_now = ScheduleItem.objects.get(pk=second.pk)
    assert where(first_now) == where(second) and where(second_now) == where(first)
    assert sorted(
        (e["submission"], e["before"], e["after"]) for e in application.entries
    ) == sorted([(alpha.pk, where(first), where(second)), (beta.pk, where(second), where(first))])

    solver_runs.undo_application(application=application)

    assert where(ScheduleItem.objects.get(pk=first.pk)) == where(first)
    assert where(ScheduleItem.objects.get(pk=second.pk)) == where(second)


def test_a_new_slot_taken_by_a_talk_left_where_it_is_is_skipped_with_its_name(tiny):
    conference = tiny["conference"]
    hall, _side = tiny["rooms"]
    alpha, beta, _gamma = tiny["talks"]
    blocker = place(conference, alpha, hall, 10)
    target = {"room": hall.pk, "start": iso_utc(blocker.start), "end": iso_utc(blocker.end)}
    run = SolverRun.objects.create(
        conference=conference,
        state=RunState.DONE,
        changes=[
            {
                "submission": beta.pk,
                "title": "Beta",
                "action": "placed",
                "before": None,
                "after": target,
                "reason": "",
                "explanations": [],
            },
        ],
    )

    application = solver_runs.apply_changes(run=run, user=None)

    assert application.entries == []
    assert application.skipped == [
        {
            "submission": beta.pk,
            "title": "Beta",
            "reason": "Its new slot in Hall is taken by “Alpha”.",
        }
    ]
