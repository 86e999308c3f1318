"""The automatic draft schedule around the solver: settings, runs, change sets, apply and undo.

A run is a Celery task (scheduling.tasks.task_solve_schedule) that reads the working copy,
solves, and stores the answer with the change set it proposes against the working copy it read;
it never writes the working copy or a release. Applying goes through the editor's own services
(create_item, move_item, delete_item), so the revision, versions, conflicts and the schedule lock
behave as for a person at the editor; undoing an application restores exactly the talks it
changed, where they still are as it left them.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conference.dispatch import dispatch
from conference.models import Conference, Room
from scheduling import days
from scheduling.enums import GRANULARITY_MINUTES, TALK_KINDS
from scheduling.models import (
    ScheduleItem,
    SolverApplication,
    SolverRun,
    SolverSettings,
)
from scheduling.models.solver import (
    ACTIVE_RUN_STATES,
    MAX_TIME_LIMIT_S,
    MAX_WEIGHT,
    MIN_TIME_LIMIT_S,
    RunState,
)
from scheduling.services.items import (
    ScheduleRefused,
    StaleItem,
    create_item,
    delete_item,
    lock_schedule,
    move_item,
)
from talks.models import Submission

# Progress is written to the run (its heartbeat) at most this often.
PROGRESS_EVERY_S = 1.0
# A run without a heartbeat for longer than its time limit plus this has no live task.
STALE_MARGIN = timedelta(minutes=3)
# Kinds of change-set entries; only the first three change anything.
MOVED, PLACED, UNSCHEDULED, UNPLACED, UNCHANGED = (
    "moved",
    "placed",
    "unscheduled",
    "unplaced",
    "unchanged",
)
APPLICABLE = (MOVED, PLACED, UNSCHEDULED)


class RunRefused(ValidationError):
    """A run cannot be started, stopped, applied or undone now; `code` says why (busy, state,
    unknown, undone)."""


# --- settings --------------------------------------------------------------------------------


def solver_settings_for(*, conference: Conference) -> SolverSettings:
    """The conference's solver settings (made with the defaults the first time).

    Side effects: at most one SolverSettings row.
    """
    settings, _created = SolverSettings.objects.get_or_create(conference=conference)
    return settings


def save_solver_settings(
    *,
    conference: Conference,
    weights: dict[str, int],
    room_ids: list[int],
    days: list[date],
    time_limit_seconds: int,
    keep_placed: bool,
    keep_fixed: list[int],
) -> SolverSettings:
    """Store what the organiser chose. Values outside their ranges are refused (RunRefused).

    Side effects: the conference's SolverSettings row.
    """
    from scheduling.solver import TERMS

    if set(weights) - set(TERMS) or any(
        not isinstance(value, int) or not 0 <= value <= MAX_WEIGHT for value in weights.values()
    ):
        raise RunRefused(_("Each weight is a whole number from 0 to 10."), code="weights")
    if not MIN_TIME_LIMIT_S <= time_limit_seconds <= MAX_TIME_LIMIT_S:
        raise RunRefused(_("The time limit is 10 seconds to 10 minutes."), code="time_limit")
    known_rooms = set(conference.rooms.values_list("pk", flat=True))
    if set(room_ids) - known_rooms:
        raise RunRefused(_("There is no such room."), code="rooms")
    if set(days) - set(_conference_days(conference)):
        raise RunRefused(_("Choose days of the conference."), code="days")
    known_talks = set(Submission.objects.filter(conference=conference).values_list("pk", flat=True))
    if set(keep_fixed) - known_talks:
        raise RunRefused(_("There is no such talk."), code="keep_fixed")
    settings = solver_settings_for(conference=conference)
    settings.weights = {term: weights[term] for term in TERMS if term in weights}
    settings.room_ids = sorted(set(room_ids))
    settings.days = sorted({day.isoformat() for day in days})
    settings.time_limit_seconds = time_limit_seconds
    settings.keep_placed = keep_placed
    settings.keep_fixed = sorted(set(keep_fixed))
    settings.save()
    return settings


def _conference_days(conference: Conference) -> list[date]:
    # (save_solver_settings' `days` argument hides the module there.)
    return days.conference_days(conference)


def weights_of(settings: SolverSettings):
    """The settings' weights as the solver's Weights (defaults for the terms not set)."""
    from scheduling.solver import TERMS, Weights

    defaults = Weights()
    return Weights(
        **{term: int(settings.weights.get(term, getattr(defaults, term))) for term in TERMS}
    )


# --- runs ------------------------------------------------------------------------------------


def active_run(*, conference: Conference) -> SolverRun | None:
    return (
        SolverRun.objects.filter(conference=conference, state__in=ACTIVE_RUN_STATES)
        .order_by("-created_at", "-pk")
        .first()
    )


def _fail_if_stale(run: SolverRun, now: datetime) -> bool:
    limit = (run.options or {}).get("time_limit_s") or MAX_TIME_LIMIT_S
    if run.updated_at >= now - timedelta(seconds=limit) - STALE_MARGIN:
        return False
    return bool(
        SolverRun.objects.filter(pk=run.pk, state=run.state, updated_at=run.updated_at).update(
            state=RunState.FAILED,
            error=_("The worker stopped (no progress for a long time)."),
            finished_at=now,
            updated_at=now,
        )
    )


def fail_if_stale(*, run: SolverRun) -> SolverRun:
    """Fail an active run whose worker died (no heartbeat past its time limit and a margin),
    so that its page stops waiting. Side effects: at most the run's state and error."""
    if run.active and _fail_if_stale(run, timezone.now()):
        run.refresh_from_db()
    return run


@transaction.atomic
def start_solver_run(
    *, conference: Conference, user, optional: list[int] | tuple[int, ...] = ()
) -> SolverRun:
    """Queue a run with the conference's current settings; `optional`: talks it may leave
    unplaced. Refused (RunRefused, code busy) while another run of the conference is active;
    a run whose worker died (no heartbeat past its time limit) is failed first.

    Side effects: one SolverRun; its task, dispatched after commit (in eager mode it runs then).
    """
    from scheduling.tasks import task_solve_schedule

    lock_schedule(conference=conference)  # serialises two starts
    running = active_run(conference=conference)
    if running is not None and not _fail_if_stale(running, timezone.now()):
        raise RunRefused(
            _("A run is already going on; stop it or wait for it to end."), code="busy"
        )
    settings = solver_settings_for(conference=conference)
    known = set(Submission.objects.filter(conference=conference).values_list("pk", flat=True))
    run = SolverRun.objects.create(
        conference=conference,
        started_by=user if getattr(user, "is_authenticated", False) else None,
        options={
            "weights": dataclasses.asdict(weights_of(settings)),
            "room_ids": list(settings.room_ids),
            "days": list(settings.days),
            "time_limit_s": settings.time_limit_seconds,
            "keep_placed": settings.keep_placed,
            "keep_fixed": list(settings.keep_fixed),
        },
        optional=sorted({int(pk) for pk in optional if int(pk) in known}),
    )
    dispatch(task_solve_schedule, run.pk)
    return run


def request_stop(*, run: SolverRun) -> SolverRun:
    """Ask a queued or running run to stop (it keeps the best schedule found so far).

    Side effects: the run's stop_requested flag; a queued run is stopped at once.
    """
    if not run.active:
        raise RunRefused(_("The run has ended already."), code="state")
    now = timezone.now()
    SolverRun.objects.filter(pk=run.pk, state=RunState.QUEUED).update(
        state=RunState.STOPPED, stop_requested=True, finished_at=now, updated_at=now
    )
    SolverRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(
        stop_requested=True, updated_at=now
    )
    run.refresh_from_db()
    return run


class _Progress:
    """What the solver reports, kept in memory: the solver may call back from its own threads,
    so only the task's thread touches the database (see execute_run)."""

    def __init__(self):
        self.latest = None
        self.stop = threading.Event()

    def on_progress(self, progress) -> None:
        self.latest = progress

    def should_stop(self) -> bool:
        return self.stop.is_set()


def _progress_json(progress) -> dict:
    return {
        "seconds": round(float(progress.seconds), 1),
        "objective": None if progress.objective is None else float(progress.objective),
        "hard_conflicts_left": int(progress.hard_conflicts_left),
        "placed": int(progress.placed),
        "total": int(progress.total),
    }


def _baseline(conference: Conference) -> dict[str, dict]:
    items = ScheduleItem.objects.filter(
        conference=conference, kind__in=TALK_KINDS, submission__isnull=False
    )
    return {
        str(item.submission_id): {
            "item": item.pk,
            "version": item.version,
            **_position(item.room_id, item.start, item.end),
        }
        for item in items
    }


def _position(room_id: int | None, start: datetime, end: datetime) -> dict:
    return {"room": room_id, "start": days.iso_utc(start), "end": days.iso_utc(end)}


def execute_run(*, run_id: int) -> SolverRun | None:
    """Run the solver for a queued run: claim it, read the working copy, solve with its
    settings, store the answer and its change set. A run that is gone or not queued is left
    alone (a redelivered message does nothing).

    The solver runs in a thread of its own while this one writes its progress to the run once
    a second and passes on a stop request. Side effects: the run's state, progress, solution,
    changes; nothing else.
    """
    now = timezone.now()
    claimed = SolverRun.objects.filter(pk=run_id, state=RunState.QUEUED).update(
        state=RunState.RUNNING, started_at=now, updated_at=now
    )
    if not claimed:
        return None
    run = SolverRun.objects.select_related("conference").get(pk=run_id)
    try:
        _execute(run)
    except BaseException as error:  # SoftTimeLimitExceeded too: the row must say so
        now = timezone.now()
        SolverRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(
            state=RunState.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=now,
            updated_at=now,
        )
        raise
    run.refresh_from_db()
    return run


def _execute(run: SolverRun) -> None:
    from scheduling.solver import Weights, build_problem, solve

    conference = run.conference
    options = run.options or {}
    # The change set is a diff against what the problem was built from: both read under the
    # schedule's lock (editors wait for the few seconds it takes), so they are one state.
    with transaction.atomic():
        lock_schedule(conference=conference)
        baseline = _baseline(conference)
        revision = _revision(conference)
        keep = {int(pk) for pk in options.get("keep_fixed", [])}
        if options.get("keep_placed"):
            keep |= {int(pk) for pk in baseline}
        problem = build_problem(
            conference=conference,
            weights=Weights(**options.get("weights", {})),
            room_ids=options.get("room_ids") or None,
            days=[date.fromisoformat(day) for day in options.get("days", [])] or None,
            keep_fixed=frozenset(keep),
            granularity_minutes=GRANULARITY_MINUTES,
        )
    if run.optional:
        problem = dataclasses.replace(
            problem, optional=frozenset(problem.optional) | {int(pk) for pk in run.optional}
        )
    SolverRun.objects.filter(pk=run.pk).update(
        baseline=baseline, revision=revision, updated_at=timezone.now()
    )
    reporter = _Progress()
    outcome: dict = {}

    def work():
        try:
            outcome["solution"] = solve(
                problem,
                time_limit_s=float(options.get("time_limit_s", MIN_TIME_LIMIT_S)),
                on_progress=reporter.on_progress,
                should_stop=reporter.should_stop,
            )
        except BaseException as error:  # re-raised in the task's thread
            outcome["error"] = error

    written = _write_progress(run, reporter, None)  # a stop asked for already counts
    thread = threading.Thread(target=work, name=f"solver-run-{run.pk}", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(timeout=PROGRESS_EVERY_S)
            written = _write_progress(run, reporter, written)
    except BaseException:
        reporter.stop.set()  # a soft time limit: let the solver end before failing the run
        thread.join(timeout=10)
        raise
    if "error" in outcome:
        raise outcome["error"]
    solution = outcome["solution"]
    _write_progress(run, reporter, written)
    stopped = reporter.stop.is_set() or solution.status == "stopped"
    titles = dict(Submission.objects.filter(conference=conference).values_list("pk", "title"))
    durations = {talk.id: talk.duration for talk in problem.talks}
    now = timezone.now()
    SolverRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(
        state=RunState.STOPPED if stopped else RunState.DONE,
        solution=solution_json(solution),
        changes=diff_solution(
            baseline=baseline, solution=solution, titles=titles, durations=durations
        ),
        finished_at=now,
        updated_at=now,
    )


def _revision(conference: Conference) -> int:
    from scheduling.selectors import schedule_revision

    return schedule_revision(conference=conference)


def _write_progress(run: SolverRun, reporter: _Progress, written):
    """Write the latest progress (the heartbeat too) and read the stop flag."""
    latest = reporter.latest
    fields = {"updated_at": timezone.now()}
    if latest is not None and latest is not written:
        fields["progress"] = _progress_json(latest)
    SolverRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(**fields)
    if SolverRun.objects.filter(pk=run.pk, stop_requested=True).exists():
        reporter.stop.set()
    return latest


def solution_json(solution) -> dict:
    """The solver's Solution as JSON (ids as strings, times ISO UTC)."""
    return {
        "status": solution.status,
        "placements": {
            str(pk): [room, days.iso_utc(start)]
            for pk, (room, start) in solution.placements.items()
        },
        "unplaced": {str(pk): str(reason) for pk, reason in solution.unplaced.items()},
        "objective": None if solution.objective is None else float(solution.objective),
        "soft": {term: float(value) for term, value in (solution.soft or {}).items()},
        "explanations": {
            str(pk): [str(text) for text in texts]
            for pk, texts in (solution.explanations or {}).items()
        },
        "clash": None
        if solution.clash is None
        else [
            {
                "talks": [int(pk) for pk in entry["talks"]],
                "rule": str(entry["rule"]),
                "text": str(entry["text"]),
            }
            for entry in solution.clash
        ],
        "seconds_to_feasible": None
        if solution.seconds_to_feasible is None
        else float(solution.seconds_to_feasible),
    }


def diff_solution(
    *, baseline: dict[str, dict], solution, titles: dict[int, str], durations: dict[int, int]
) -> list[dict]:
    """The change set a solution proposes against the working copy it started from.

    One entry per talk the solver knew of: {submission, title, action, before, after, reason,
    explanations}; action moved (before → after), placed (new), unscheduled (the solver left a
    placed talk out), unplaced (not placed before nor now: `reason`) or unchanged. A moved or
    placed talk takes the length the solver gave it (`durations`, minutes, rounded up to the
    5-minute grid as the solver does); an unchanged one keeps its own.
    """
    entries = []
    explanations = solution.explanations or {}
    for pk, (room, start) in solution.placements.items():
        before = baseline.get(str(pk))
        minutes = durations.get(pk) or 0
        if not minutes and before is not None:
            minutes = days.minutes_between(
                days.parse_instant(before["start"]), days.parse_instant(before["end"])
            )
        # As the solver counts it: whole grid steps, a started one rounded up.
        length = timedelta(minutes=days.round_up_minutes(minutes or 1, GRANULARITY_MINUTES))
        after = _position(room, start, start + length)
        if before is None:
            action = PLACED
        elif (before["room"], before["start"]) == (after["room"], after["start"]):
            # Where it is, with the length it has in the working copy.
            action, after = UNCHANGED, _bare(before)
        else:
            action = MOVED
        entries.append(_entry(pk, titles, action, before, after, "", explanations))
    for pk, reason in solution.unplaced.items():
        before = baseline.get(str(pk))
        action = UNSCHEDULED if before is not None else UNPLACED
        entries.append(_entry(pk, titles, action, before, None, str(reason), explanations))
    order = {MOVED: 0, PLACED: 1, UNSCHEDULED: 2, UNPLACED: 3, UNCHANGED: 4}
    entries.sort(key=lambda entry: (order[entry["action"]], entry["title"], entry["submission"]))
    return entries


def _entry(pk, titles, action, before, after, reason, explanations) -> dict:
    return {
        "submission": int(pk),
        "title": titles.get(int(pk), ""),
        "action": action,
        "before": None if before is None else _bare(before),
        "after": after,
        "reason": reason,
        "explanations": [str(text) for text in explanations.get(pk, [])],
    }


def _bare(position: dict) -> dict:
    return {"room": position["room"], "start": position["start"], "end": position["end"]}


# --- applying and undoing --------------------------------------------------------------------


def run_is_stale(*, run: SolverRun) -> bool:
    """Whether the working copy changed since the run read it."""
    return run.revision is not None and _revision(run.conference) != run.revision


def apply_changes(
    *, run: SolverRun, user, submission_ids: list[int] | None = None
) -> SolverApplication:
    """Apply the run's change set to the working copy, whole (None) or the entries of these
    submissions. An entry whose talk is no longer where the change set expects it (the working
    copy changed since the run started), or whose new slot is taken by a talk left where it is,
    is skipped with the reason.

    Refused (RunRefused) for a run without a change set, or ids outside it.
    Side effects: the items of the working copy, through create_item/move_item/delete_item
    (each bumps the revision); one SolverApplication recording what changed.
    """
    if run.state not in (RunState.DONE, RunState.STOPPED):
        raise RunRefused(_("Only a finished run can be applied."), code="state")
    applicable = {e["submission"]: e for e in run.changes if e["action"] in APPLICABLE}
    if submission_ids is None:
        chosen = list(applicable.values())
    else:
        unknown = [pk for pk in submission_ids if pk not in applicable]
        if unknown:
            raise RunRefused(
                _("These talks are not in the change set: %(ids)s.")
                % {"ids": ", ".join(str(pk) for pk in unknown)},
                code="unknown",
            )
        wanted = set(submission_ids)
        chosen = [entry for entry in applicable.values() if entry["submission"] in wanted]
    if not chosen:
        raise RunRefused(_("Choose at least one change to apply."), code="empty")
    with transaction.atomic():
        lock_schedule(conference=run.conference)
        done, skipped = _change_positions(
            conference=run.conference,
            wanted=[
                (entry["submission"], entry["title"], entry["before"], entry["after"])
                for entry in chosen
            ],
        )
        return SolverApplication.objects.create(
            run=run,
            applied_by=user if getattr(user, "is_authenticated", False) else None,
            entries=done,
            skipped=skipped,
        )


def undo_application(*, application: SolverApplication) -> SolverApplication:
    """Put the talks an application changed back where they were, each one that is still
    where the application left it (the others are reported in undo_skipped).

    Side effects: the items of the working copy through the editor's services; the
    application's undone_at and undo_skipped.
    """
    if application.undone_at is not None:
        raise RunRefused(_("This draft was undone already."), code="undone")
    conference = application.run.conference
    with transaction.atomic():
        lock_schedule(conference=conference)
        locked = SolverApplication.objects.select_for_update().get(pk=application.pk)
        if locked.undone_at is not None:
            raise RunRefused(_("This draft was undone already."), code="undone")
        _done, skipped = _change_positions(
            conference=conference,
            wanted=[
                (entry["submission"], entry["title"], entry["after"], entry["before"])
                for entry in reversed(locked.entries)
            ],
        )
        locked.undone_at = timezone.now()
        locked.undo_skipped = skipped
        locked.save(update_fields=["undone_at", "undo_skipped"])
    return locked


def latest_application(*, run: SolverRun) -> SolverApplication | None:
    return run.applications.order_by("-applied_at", "-pk").first()


def _parse(position: dict | None):
    if position is None:
        return None
    return (
        position["room"],
        days.parse_instant(position["start"]),
        days.parse_instant(position["end"]),
    )


def _overlap(a, b) -> bool:
    """Whether two (room, start, end) take one room at once (a room of None is every room)."""
    same_room = a[0] is None or b[0] is None or a[0] == b[0]
    return same_room and a[1] < b[2] and b[1] < a[2]


def _change_positions(*, conference: Conference, wanted) -> tuple[list[dict], list[dict]]:
    """Move talks from `expected` to `target` positions: wanted = [(submission, title,
    expected, target)], a position None meaning unscheduled. Call with the schedule locked.

    Returns (done, skipped): done = [{submission, title, before, after}] as they happened,
    skipped = [{submission, title, reason}]. A talk not at `expected` is skipped; so is one
    whose target overlaps an item that stays (found before anything changes, so that the rest
    fits together); a cycle of talks taking each other's slots is untangled by parking one
    outside the conference's days for a moment, inside this transaction.
    """
    items = {
        item.submission_id: item
        for item in ScheduleItem.objects.filter(
            conference=conference, submission__isnull=False
        ).select_related("submission", "room")
    }
    others = [
        (item.room_id, item.start, item.end)
        for item in ScheduleItem.objects.filter(conference=conference, submission__isnull=True)
    ]
    skipped: list[dict] = []
    plan = []
    for submission, title, expected, target in wanted:
        item = items.get(submission)
        now = None if item is None else (item.room_id, item.start, item.end)
        if now != _parse(expected):
            skipped.append(
                {
                    "submission": submission,
                    "title": title,
                    "reason": _("It changed in the working copy since."),
                }
            )
            continue
        plan.append((submission, title, item, _parse(target)))
    # Drop the changes whose target overlaps what stays, until the rest fits together.
    rooms = dict(Room.objects.filter(conference=conference).values_list("pk", "name"))
    while True:
        moving = {entry[0] for entry in plan}
        staying = others + [
            (item.room_id, item.start, item.end, item)
            for pk, item in items.items()
            if pk not in moving
        ]
        targets = [entry for entry in plan if entry[3] is not None]
        blocked = None
        for entry in targets:
            for other in staying:
                if _overlap(entry[3], other[:3]):
                    blocked = (entry, other)
                    break
            if blocked is None:
                for second in targets:
                    if second is not entry and _overlap(entry[3], second[3]):
                        blocked = (entry, None)
                        break
            if blocked:
                break
        if blocked is None:
            break
        entry, other = blocked
        plan.remove(entry)
        title = other[3].display_title if other is not None and len(other) > 3 else ""
        skipped.append(
            {
                "submission": entry[0],
                "title": entry[1],
                "reason": _("Its new slot in %(room)s is taken by “%(title)s”.")
                % {"room": rooms.get(entry[3][0], _("Every room")), "title": title}
                if title
                else _("Its new slot is taken."),
            }
        )
    done: list[dict] = []
    pending = list(plan)
    parked: set[int] = set()
    park_day = conference.end_date + timedelta(days=2)
    while pending:
        progress = False
        for entry in list(pending):
            try:
                record = _change_one(conference, entry)
            except ScheduleRefused as refusal:
                if refusal.code == "room_overlap":
                    continue
                pending.remove(entry)
                skipped.append(
                    {
                        "submission": entry[0],
                        "title": entry[1],
                        "reason": " ".join(refusal.messages),
                    }
                )
                progress = True
                continue
            pending.remove(entry)
            done.append(record)
            progress = True
        if progress or not pending:
            continue
        # Every one left waits for another's slot: park one and go on.
        submission, title, item, target = pending[0]
        if submission in parked or item is None:
            raise RunRefused(_("The change set does not fit together; nothing was applied."))
        parked.add(submission)
        item.refresh_from_db()
        before = _position(item.room_id, item.start, item.end)
        start = days.local_instant(
            park_day + timedelta(days=len(parked)),
            item.start.astimezone(conference.tzinfo).time(),
            conference.tzinfo,
        )
        move_item(
            conference=conference,
            item_id=item.pk,
            version=item.version,
            room_id=item.room_id,
            start=start,
            end=start + (item.end - item.start),
        )
        item.refresh_from_db()
        # Recorded from where it really was, not from the parking place.
        pending[0] = (submission, title, _ParkedItem(item, before), target)
    return done, skipped


class _ParkedItem:
    """An item parked for a moment: it moves on from the parking place, but its record says
    where it was before."""

    def __init__(self, item: ScheduleItem, before: dict):
        self.item = item
        self.before = before

    def __getattr__(self, name):
        return getattr(self.item, name)


def _change_one(conference: Conference, entry) -> dict:
    submission, title, item, target = entry
    if isinstance(item, _ParkedItem):
        before = item.before
    elif item is None:
        before = None
    else:
        before = _position(item.room_id, item.start, item.end)
    try:
        if item is None:
            room, start, end = target
            create_item(
                conference=conference,
                room_id=room,
                start=start,
                end=end,
                submission_id=submission,
            )
        elif target is None:
            delete_item(conference=conference, item_id=item.pk, version=_version(item))
        else:
            room, start, end = target
            move_item(
                conference=conference,
                item_id=item.pk,
                version=_version(item),
                room_id=room,
                start=start,
                end=end,
            )
    except StaleItem:
        raise ScheduleRefused(_("It changed in the working copy since."), code="stale") from None
    after = None if target is None else _position(*target)
    return {"submission": submission, "title": title, "before": before, "after": after}


def _version(item) -> int:
    return ScheduleItem.objects.filter(pk=item.pk).values_list("version", flat=True).first() or 0


# --- reading a run for its page and the API -----------------------------------------------


def _current_positions(conference: Conference) -> dict[int, tuple]:
    return {
        submission: (room, start, end)
        for submission, room, start, end in ScheduleItem.objects.filter(
            conference=conference, submission__isnull=False
        ).values_list("submission_id", "room_id", "start", "end")
    }


def describe_position(position: dict | None, *, rooms: dict[int, str], tz) -> str:
    """ "Room, Sat 24 Oct 10:00–10:30" in the conference's zone; "" for none."""
    from django.utils.formats import date_format

    if position is None:
        return ""
    start, end = days.parse_instant(position["start"]), days.parse_instant(position["end"])
    local = start.astimezone(tz)
    room = rooms.get(position["room"], _("Every room"))
    day = date_format(local.date(), _("D j M"))  # the agenda's day format, per language
    return f"{room}, {day} {days.clock(start, tz)}–{days.clock(end, tz)}"


def run_review(*, run: SolverRun) -> dict:
    """What the run's page and the API show: the change set with each entry's positions in
    words and whether its talk is still where the change set expects it (`current`), the counts
    per action, whether the working copy changed since, the clash with the talks' titles, and
    the latest application. A fixed number of queries.
    """
    conference = run.conference
    tz = conference.tzinfo
    rooms = dict(Room.objects.filter(conference=conference).values_list("pk", "name"))
    current = _current_positions(conference)
    rows = []
    counts = {action: 0 for action in (MOVED, PLACED, UNSCHEDULED, UNPLACED, UNCHANGED)}
    for entry in run.changes or []:
        counts[entry["action"]] += 1
        rows.append(
            {
                **entry,
                "before_text": describe_position(entry["before"], rooms=rooms, tz=tz),
                "after_text": describe_position(entry["after"], rooms=rooms, tz=tz),
                "applicable": entry["action"] in APPLICABLE,
                "current": current.get(entry["submission"]) == _parse(entry["before"]),
            }
        )
    solution = run.solution or {}
    clash = solution.get("clash") or []
    titles = dict(
        Submission.objects.filter(
            conference=conference, pk__in={pk for row in clash for pk in row["talks"]}
        ).values_list("pk", "title")
    )
    return {
        "rows": rows,
        "counts": counts,
        "applicable": sum(1 for row in rows if row["applicable"]),
        "stale": run_is_stale(run=run),
        "clash": [
            {**row, "titles": [titles.get(pk, str(pk)) for pk in row["talks"]]} for row in clash
        ],
        "clash_talks": sorted({pk for row in clash for pk in row["talks"]}),
        "application": latest_application(run=run),
    }


def start_without_clash(*, run: SolverRun, user) -> SolverRun:
    """A new run that may leave the talks of this run's clash unplaced (and those this run
    could already leave out). Side effects: as start_solver_run."""
    clash = (run.solution or {}).get("clash") or []
    talks = {pk for row in clash for pk in row["talks"]} | set(run.optional or [])
    if not talks:
        raise RunRefused(_("This run has no clash to leave out."), code="state")
    return start_solver_run(conference=run.conference, user=user, optional=sorted(talks))
