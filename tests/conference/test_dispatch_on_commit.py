"""The on-commit publish: the row just written goes to the broker as it is in memory, then one
conditional UPDATE marks it; a late one (a long transaction) is published under its lock."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conference import dispatch as outbox
from conference.models import OutboxTask
from conference.tasks import task_send_mail
from tests.conference.test_dispatch import _task_names, held_by_another_connection
from tests.private_redis import celery_broker


def _publish_on_commit(capture, arg: int) -> tuple[OutboxTask, list[str], bool]:
    """Dispatch a send task, then run its on-commit publish: (the row, the publish's statements,
    its answer)."""
    with capture() as callbacks:
        row = outbox.dispatch(task_send_mail, arg)
    with CaptureQueriesContext(connection) as sql:
        (answer,) = [callback() for callback in callbacks]
    return row, [query["sql"] for query in sql.captured_queries], answer


def _kinds(statements: list[str]) -> list[str]:
    return [statement.split()[0] for statement in statements]


def test_on_commit_publish_is_one_conditional_update(
    db, private_redis, django_capture_on_commit_callbacks
):
    with celery_broker(private_redis.url):
        row, sql, answer = _publish_on_commit(django_capture_on_commit_callbacks, 7)

    row.refresh_from_db()
    assert (_kinds(sql), answer) == (["UPDATE"], True)
    assert '"conference_outboxtask"."published_at" IS NULL' in sql[0]
    assert (row.attempts, row.last_error, row.published_at is not None) == (1, "", True)
    assert _task_names(private_redis.url) == [("conference.send_mail", [7])]


def test_on_commit_publish_while_the_broker_is_away_leaves_the_rows_to_the_sweep(
    db, private_redis, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    private_redis.stop()
    with celery_broker(private_redis.url):
        first, first_sql, first_answer = _publish_on_commit(capture, 1)
        # Within the pause after a failure the next row is not tried, only marked.
        second, second_sql, second_answer = _publish_on_commit(capture, 2)
        private_redis.start()
        outbox._broker_away_until = 0.0
        assert outbox.publish_due() == 2

    first.refresh_from_db()
    second.refresh_from_db()
    assert (_kinds(first_sql), first_answer, _kinds(second_sql), second_answer) == (
        ["UPDATE"],
        False,
        ["UPDATE"],
        False,
    )
    assert first.last_error.startswith("OperationalError: ")
    assert second.last_error == "Not tried: the broker was away a moment ago."
    assert [(row.attempts, row.published_at is not None) for row in (first, second)] == [
        (2, True),
        (1, True),
    ]
    assert _task_names(private_redis.url) == [
        ("conference.send_mail", [1]),
        ("conference.send_mail", [2]),
    ]


def test_on_commit_publish_keeps_the_sweeps_record_of_a_row_it_published(db, private_redis):
    row = OutboxTask.objects.create(task="conference.send_mail", args=[7])
    with celery_broker(private_redis.url):
        published_at = timezone.now() - timedelta(seconds=1)
        OutboxTask.objects.filter(pk=row.pk).update(published_at=published_at, attempts=1)
        assert outbox._publish(row) is None  # what an on-commit publish that overran would do

    row.refresh_from_db()
    assert (row.attempts, row.published_at) == (1, published_at)


def test_a_late_on_commit_publish_takes_the_row_under_its_lock(
    db, private_redis, settings, django_capture_on_commit_callbacks
):
    # A transaction that lasted longer than half the sweep's wait: the sweep may take its rows
    # as soon as they are committed, so the on-commit publish locks the row as the sweep does.
    settings.OUTBOX_SWEEP_AFTER_SECONDS = 0
    with celery_broker(private_redis.url):
        row, sql, answer = _publish_on_commit(django_capture_on_commit_callbacks, 7)

    row.refresh_from_db()
    assert (_kinds(sql), answer) == (["SAVEPOINT", "SELECT", "UPDATE", "RELEASE"], True)
    assert (row.attempts, row.published_at is not None) == (1, True)
    assert _task_names(private_redis.url) == [("conference.send_mail", [7])]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_late_on_commit_publish_skips_a_row_that_the_sweep_holds(private_redis, settings):
    settings.OUTBOX_SWEEP_AFTER_SECONDS = 0
    row = OutboxTask.objects.create(task="conference.send_mail", args=[7])
    with held_by_another_connection(row), celery_broker(private_redis.url):  # the sweep
        assert outbox._publish_written(row) is False  # what dispatch() registers
    assert _task_names(private_redis.url) == []
    assert OutboxTask.objects.values_list("published_at", "attempts").get(pk=row.pk) == (None, 0)
