"""The automatic draft schedule over the API: start, status, stop, apply, undo (issue 17)."""

import pytest

from scheduling.models import RunState, ScheduleItem, SolverRun
from tests.factories import RoomFactory, SubmissionFactory

C = "/api/v1/conferences/devconf"


@pytest.fixture
def talks(conference, organiser, speaker):
    RoomFactory(conference=conference, name="Hall", capacity=100, position=0)
    conference.start_date = conference.end_date  # one day: a tiny instance
    conference.save()
    return [
        SubmissionFactory(conference=conference, speaker=speaker, title=title, state="confirmed")
        for title in ("Alpha", "Beta")
    ]


def solve(client_for, django_capture_on_commit_callbacks, body=None):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("organiser").post(
            f"{C}/schedule/solve/", body or {"time_limit_seconds": 10}, format="json"
        )
    assert response.status_code == 202, response.content
    return response.json()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("speaker", 403), ("reviewer", 403), ("foreign_organiser", 403)],
)
def test_only_organisers_may_start_or_read_runs(users, talks, client_for, role, status):
    run = SolverRun.objects.create(conference=talks[0].conference, state=RunState.DONE)
    client = client_for(role)

    for method, url in [
        ("post", f"{C}/schedule/solve/"),
        ("get", f"{C}/schedule/solve/{run.pk}/"),
        ("post", f"{C}/schedule/solve/{run.pk}/stop/"),
        ("post", f"{C}/schedule/solve/{run.pk}/apply/"),
        ("post", f"{C}/schedule/solve/{run.pk}/undo/"),
    ]:
        response = getattr(client, method)(url, {}, format="json")
        assert response.status_code == status, (url, response.content)
        assert set(response.json()) == {"detail", "errors"}
    assert SolverRun.objects.count() == 1


def test_start_read_apply_part_and_undo(
    users, talks, client_for, django_capture_on_commit_callbacks
):
    client = client_for("organiser")
    started = solve(client_for, django_capture_on_commit_callbacks, {"time_limit_seconds": 12})

    # Answered before the task runs (here at the end of the test's "transaction").
    assert started["state"] == "queued"
    assert started["status_url"] == f"http://testserver{C}/schedule/solve/{started['id']}/"
    run = client.get(f"{C}/schedule/solve/{started['id']}/").json()
    assert run["state"] == "done"
    assert run["options"]["time_limit_s"] == 12
    assert run["counts"] == {
        "moved": 0,
        "placed": 2,
        "unscheduled": 0,
        "unplaced": 0,
        "unchanged": 0,
    }
    assert run["solution"]["status"] == "optimal"
    assert run["stale"] is False and run["application"] is None
    alpha = next(row for row in run["changes"] if row["title"] == "Alpha")

    applied = client.post(
        f"{C}/schedule/solve/{run['id']}/apply/",
        {"submissions": [alpha["submission"]]},
        format="json",
    )

    assert applied.status_code == 201, applied.content
    assert [entry["submission"] for entry in applied.json()["entries"]] == [alpha["submission"]]
    item = ScheduleItem.objects.get()
    assert (item.submission_id, item.room_id) == (alpha["submission"], alpha["after"]["room"])
    assert item.start.isoformat().replace("+00:00", "Z") == alpha["after"]["start"]

    undone = client.post(f"{C}/schedule/solve/{run['id']}/undo/", {}, format="json")

    assert undone.status_code == 200
    assert undone.json()["undone_at"] is not None
    assert ScheduleItem.objects.count() == 0
    again = client.post(f"{C}/schedule/solve/{run['id']}/undo/", {}, format="json")
    assert again.status_code == 409
    assert again.json()["detail"] == "This draft was undone already."


def test_bad_input_is_a_400_with_reasons(users, talks, client_for):
    client = client_for("organiser")

    response = client.post(
        f"{C}/schedule/solve/",
        {"time_limit_seconds": 5, "weights": {"capacity": 11}},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"time_limit_seconds", "weights.capacity"}
    assert SolverRun.objects.count() == 0


def test_a_queued_run_is_stopped_and_a_second_start_waits_for_it(
    users, talks, client_for, conference
):
    client = client_for("organiser")
    # Outside django_capture_on_commit_callbacks the task is not run: the run stays queued,
    # as with a busy worker.
    started = client.post(f"{C}/schedule/solve/", {}, format="json").json()
    assert started["state"] == "queued"

    busy = client.post(f"{C}/schedule/solve/", {}, format="json")
    assert busy.status_code == 409
    assert busy.json()["detail"] == "A run is already going on; stop it or wait for it to end."

    stopped = client.post(f"{C}/schedule/solve/{started['id']}/stop/", {}, format="json")
    assert stopped.status_code == 202
    assert (stopped.json()["state"], stopped.json()["stop_requested"]) == ("stopped", True)
    assert client.post(f"{C}/schedule/solve/{started['id']}/stop/").status_code == 409
    applying = client.post(f"{C}/schedule/solve/{started['id']}/apply/", {}, format="json")
    assert applying.status_code == 400
    assert applying.json()["detail"] == "Choose at least one change to apply."


def test_applying_unknown_submissions_is_refused(
    users, talks, client_for, django_capture_on_commit_callbacks
):
    started = solve(client_for, django_capture_on_commit_callbacks)

    response = client_for("organiser").post(
        f"{C}/schedule/solve/{started['id']}/apply/", {"submissions": [123456]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "These talks are not in the change set: 123456."
    assert ScheduleItem.objects.count() == 0


def test_a_run_of_another_conference_is_404(users, talks, client_for):
    other = users["foreign_organiser"].memberships.first().conference
    run = SolverRun.objects.create(conference=other, state=RunState.DONE)

    response = client_for("organiser").get(f"{C}/schedule/solve/{run.pk}/")

    assert response.status_code == 404
