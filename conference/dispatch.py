"""The one way to queue a Celery task: a transactional outbox.

`dispatch(task, *args)` writes an OutboxTask row in the caller's transaction and publishes it
once that transaction commits; a rolled-back change publishes nothing. A broker that is away
costs the request nothing: the failed publish is logged and recorded on the row, and
`publish_due` (beat every minute, and every worker when it starts, since beat cannot deliver
while the broker is away) publishes it later.

The on-commit publish hands over the row it has just written, as it is in memory, and then marks
it published with one conditional UPDATE: no transaction, no re-read, no lock (one statement a
task instead of four). The sweep leaves a row alone for OUTBOX_SWEEP_AFTER_SECONDS after it was
written, and a row older than half of that when its transaction commits (a long transaction) is
published under its lock as the sweep does, so the two do not meet unless a publish takes longer
than that half (the broker's time-outs answer in about a second). A crash between a publish and
the row's update publishes a task twice, so every task must be idempotent (the send-mail task
sends a message only while it is queued, under its row lock, and marks it sent there).

A row that is its own outbox needs no second one: `publish_on_commit` publishes an e-mail's
send task straight from its OutboxMail row, whose `next_attempt_at` has `retry_mail` dispatch it
again (through the outbox here) when its task never ran; a broker that is away marks the row
due at once instead. Two statements fewer for each e-mail a request queues.

In eager mode (no REDIS_URL, and the tests) publishing runs the task in-process, as
`apply_async` does with task_always_eager.
"""

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from conference.celery import app
from conference.models import OutboxTask

logger = logging.getLogger(__name__)

# Published rows are kept a day (to look into an incident), then deleted by the sweep.
KEEP_PUBLISHED = timedelta(days=1)
SWEEP_BATCH = 500
SWEEP_MAX_BATCHES = 20
# One more try for a pooled connection that went stale, then give up: the sweep tries again.
# With the broker's short time-outs (conference/celery.py) a request during an outage answers in
# about a second.
PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# What a broker that is away raises; anything else is one bad row, not a reason to stop.
BROKER_ERRORS = (OperationalError, OSError)
# After a publish failed for want of a broker, this process leaves new rows to the sweep for a
# while, instead of making every request of an outage wait for its own time-out.
BROKER_PAUSE_SECONDS = 15.0
_broker_away_until = 0.0


def sweep_after() -> timedelta:
    """How long the on-commit publish has before the sweep takes a row over."""
    return timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)


def dispatch(task, *args) -> OutboxTask:
    """Queue `task(*args)` (JSON arguments) once the current transaction commits.

    Side effects: one OutboxTask row in the caller's transaction; its publish on commit.
    """
    row = OutboxTask.objects.create(task=task.name, args=list(args))
    transaction.on_commit(lambda: _publish_written(row))
    return row


def publish_on_commit(task, *args, on_failure: Callable[[], None]) -> None:
    """Publish `task(*args)` once the current transaction commits, for a row that is its own
    outbox: one that a sweep of its own dispatches again when its task never ran (an e-mail's
    `next_attempt_at`, conference/mail.py). Writes nothing. A broker that is away costs the
    request nothing: the failure is logged and `on_failure()` called (it marks the row due for
    that sweep); so is it while this process leaves publishing to the sweeps after a failure.
    """
    transaction.on_commit(lambda: _publish_own_row(task, list(args), on_failure))


def _publish_own_row(task, args: list, on_failure: Callable[[], None]) -> None:
    if app.conf.task_always_eager:
        task.apply_async(args=args)
        return
    if _publishing_paused() or _hand_over(task, args, f"publishing {task.name}{args}") is not None:
        on_failure()


def publish(*, outbox_id: int) -> bool:
    """Publish one row unless it was published already, the sweep holds it, or the broker
    was found away in the last few seconds (the sweep publishes it then).

    Returns True if it was published now. Never raises for a broker that is away.
    """
    if app.conf.task_always_eager:
        return _run_eagerly(outbox_id)
    if _broker_paused(outbox_id):
        return False
    with transaction.atomic():
        row = (
            OutboxTask.objects.select_for_update(skip_locked=True)
            .filter(pk=outbox_id, published_at__isnull=True)
            .first()
        )
        return row is not None and _publish(row) is None


def _publish_written(row: OutboxTask) -> bool:
    """The on-commit publish of a row this process has just written and committed: the sweep
    does not take it yet (see the module's docstring), so it is published as it is in memory."""
    if app.conf.task_always_eager:
        return _run_eagerly(row.pk)
    if timezone.now() - row.created_at > sweep_after() / 2:
        return publish(outbox_id=row.pk)
    if _broker_paused(row.pk):
        return False
    return _publish(row) is None


def _publishing_paused() -> bool:
    """Whether this process leaves new tasks to the sweeps (a publish found the broker away
    less than BROKER_PAUSE_SECONDS ago)."""
    return time.monotonic() < _broker_away_until


def _broker_paused(outbox_id: int) -> bool:
    """True, with the row marked, while this process leaves new rows to the sweep."""
    if not _publishing_paused():
        return False
    # Marked, so that the sweep takes it at once instead of waiting for sweep_after().
    OutboxTask.objects.filter(pk=outbox_id, published_at__isnull=True).update(
        last_error=_("Not tried: the broker was away a moment ago.")
    )
    return True


def publish_due() -> int:
    """Publish every row that the on-commit path had its chance at; purge old published rows.

    Stops at the first publish that fails for want of a broker. Rows are locked with
    SKIP LOCKED (PostgreSQL), so two sweeps at once, or a sweep and an on-commit publish,
    never publish the same row twice. Returns how many rows were published.
    """
    now = timezone.now()
    purged = OutboxTask.objects.filter(published_at__lt=now - KEEP_PUBLISHED).delete()[0]
    # A row with an error was given up by its on-commit publish; any other row gets its chance.
    due = OutboxTask.objects.filter(published_at__isnull=True).filter(
        Q(created_at__lte=now - sweep_after()) | ~Q(last_error="")
    )
    published = 0
    for _batch in range(SWEEP_MAX_BATCHES):
        if app.conf.task_always_eager:
            ids = list(due.order_by("pk").values_list("pk", flat=True)[:SWEEP_BATCH])
            taken, done, broker_away = len(ids), sum(_run_eagerly(pk) for pk in ids), False
        else:
            taken, done, broker_away = _publish_batch(due)
        published += done
        if broker_away or taken < SWEEP_BATCH:
            break
    if published or purged:
        logger.info("outbox: %d tasks published late, %d old rows purged", published, purged)
    return published


def _publish_batch(due) -> tuple[int, int, bool]:
    """Publish one batch: (rows taken, rows published, whether the broker was away)."""
    published = 0
    with transaction.atomic():
        rows = list(due.select_for_update(skip_locked=True).order_by("pk")[:SWEEP_BATCH])
        for row in rows:
            error = _publish(row)
            if isinstance(error, BROKER_ERRORS):
                return len(rows), published, True
            published += error is None
    return len(rows), published, False


def _publish(row: OutboxTask) -> Exception | None:
    """Hand one row to the broker and record the outcome; returns the error, if any.

    The outcome is recorded only on a row still unpublished: a row that the sweep published
    meanwhile (an on-commit publish that started late) keeps the sweep's record.
    """
    error = _hand_over(_task(row.task), row.args, f"outbox: publishing {row.task} (row {row.pk})")
    if error is not None:
        OutboxTask.objects.filter(pk=row.pk, published_at__isnull=True).update(
            attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return error
    OutboxTask.objects.filter(pk=row.pk, published_at__isnull=True).update(
        published_at=timezone.now(), attempts=F("attempts") + 1
    )
    return None


def _hand_over(task, args: list, what: str) -> Exception | None:
    """Give the broker `task(*args)` (PUBLISH_RETRY_POLICY); returns the error, logged as
    "`what` failed", if any. A broker that is away pauses this process's publishing for
    BROKER_PAUSE_SECONDS (_publishing_paused)."""
    global _broker_away_until
    try:
        task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception as error:  # noqa: BLE001 - the caller leaves it to a sweep
        if isinstance(error, BROKER_ERRORS):
            _broker_away_until = time.monotonic() + BROKER_PAUSE_SECONDS
        logger.warning("%s failed: %s", what, error)
        return error
    return None


def _run_eagerly(outbox_id: int) -> bool:
    # Claimed before it runs, so a task that dispatches again or fails is not run twice; its
    # errors propagate as they do with task_eager_propagates.
    claimed = OutboxTask.objects.filter(pk=outbox_id, published_at__isnull=True).update(
        published_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    row = OutboxTask.objects.get(pk=outbox_id)
    _task(row.task).apply_async(args=row.args)
    return True


def _task(name: str):
    # A web process registers only the tasks of the modules it imported; the others are found
    # by importing every app's tasks module (as a worker does at start).
    if name not in app.tasks:
        app.loader.import_default_modules()
    if name in app.tasks:
        return app.tasks[name]
    return app.signature(name)  # unknown here: published by name for a worker that knows it
