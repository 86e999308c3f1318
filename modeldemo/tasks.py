"""Celery tasks of the ml queue: thin wrappers that re-fetch by id and call one service.

A task with a Job claims it first (running, on this worker) and marks it failed with the error
on any exception, a soft time limit too, before re-raising. A hard time limit or a dead worker
leaves no time for that: the sweeps (fail_stale_jobs, and the ml worker's own at start) do it.
"""

import logging

from celery import shared_task
from celery.signals import worker_ready

from conference.celery import ML_TASK_OPTIONS, ML_TRAINING_OPTIONS
from modeldemo import services

logger = logging.getLogger(__name__)

TRAINING_OPTIONS = ML_TRAINING_OPTIONS


def _run_job(task, job_id: int | None, work) -> None:
    """Run `work()` for the job `job_id` (if any): claimed first, failed with the error."""
    if job_id is not None and not services.claim_job(
        job_id=job_id, worker=task.request.hostname or "", task_id=task.request.id or ""
    ):
        logger.info("job %s is gone or finished: nothing to do", job_id)
        return
    try:
        work()
    except Exception as error:  # SoftTimeLimitExceeded is one
        if job_id is not None:
            services.fail_job(job_id=job_id, error=error)
        raise


@shared_task(name="modeldemo.categorise_submission", **ML_TASK_OPTIONS)
def task_categorise_submission(submission_id: int) -> None:
    services.categorise_submission(submission_id=submission_id)


@shared_task(name="modeldemo.categorise_submissions", **ML_TASK_OPTIONS)
def task_categorise_submissions(submission_ids: list[int]) -> None:
    services.categorise_submissions(submission_ids=submission_ids)


@shared_task(name="modeldemo.train_categoriser", bind=True, **TRAINING_OPTIONS)
def task_train_categoriser(self, version_id: int, job_id: int | None = None) -> None:
    _run_job(
        self, job_id, lambda: services.train_model_version(version_id=version_id, job_id=job_id)
    )


@shared_task(name="modeldemo.propose_label_mapping", bind=True, **ML_TASK_OPTIONS)
def task_propose_label_mapping(self, job_id: int) -> None:
    from modeldemo import proposals

    _run_job(self, job_id, lambda: proposals.make_proposal(job_id=job_id))


@shared_task(name="modeldemo.recategorise_conference", bind=True, **ML_TASK_OPTIONS)
def task_recategorise_conference(self, conference_id: int, job_id: int | None = None) -> None:
    _run_job(
        self,
        job_id,
        lambda: services.recategorise_conference(conference_id=conference_id, job_id=job_id),
    )


# Idempotent: only profiles whose text changed since their embedding are encoded.
@shared_task(name="modeldemo.embed_reviewers", **ML_TASK_OPTIONS)
def task_embed_reviewers(conference_id: int) -> None:
    from modeldemo.reviewer_embeddings import embed_reviewers

    embed_reviewers(conference_id=conference_id)


@shared_task(name="modeldemo.queue_missing_predictions", **ML_TASK_OPTIONS)
def task_queue_missing_predictions() -> None:
    services.queue_missing_predictions()


# Routed to the default queue (conference/celery.py): it must run when every ml worker is dead.
@shared_task(name="modeldemo.fail_stale_jobs", ignore_result=True)
def task_fail_stale_jobs() -> None:
    services.fail_stale_jobs()


@worker_ready.connect(dispatch_uid="modeldemo.sweep_on_worker_start")
def sweep_on_worker_start(sender=None, **kwargs) -> None:
    """An ml worker that starts runs the sweeps before its first task.

    Its visibility timeout is hours (conference/celery.py), so a message it held when it was
    killed comes back late: what that message was doing is found here instead. Never stops the
    worker from starting.
    """
    from django.db import connection

    queues = {queue.name for queue in getattr(sender.task_consumer, "queues", ())}
    if "ml" not in queues:
        return
    try:
        counts = services.sweep_on_worker_start(worker=sender.hostname)
        logger.info("ml worker start: %s", counts)
    except Exception:
        logger.exception("the ml sweep at worker start failed")
    finally:
        # Not kept open in the worker's main process between tasks; never mid-transaction.
        if not connection.in_atomic_block:
            connection.close()
