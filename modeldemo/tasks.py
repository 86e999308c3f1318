"""Celery tasks of the ml queue: thin wrappers that re-fetch by id and call one service."""

from celery import shared_task

from conference.celery import ML_TASK_OPTIONS
from modeldemo import services

# Training runs for minutes to hours; it has limits of its own.
TRAINING_OPTIONS = {**ML_TASK_OPTIONS, "soft_time_limit": 4 * 3600, "time_limit": 4 * 3600 + 300}


@shared_task(name="modeldemo.categorise_submission", **ML_TASK_OPTIONS)
def task_categorise_submission(submission_id: int) -> None:
    services.categorise_submission(submission_id=submission_id)


@shared_task(name="modeldemo.categorise_submissions", **ML_TASK_OPTIONS)
def task_categorise_submissions(submission_ids: list[int]) -> None:
    services.categorise_submissions(submission_ids=submission_ids)


@shared_task(name="modeldemo.train_categoriser", **TRAINING_OPTIONS)
def task_train_categoriser(version_id: int, job_id: int | None = None) -> None:
    services.train_model_version(version_id=version_id, job_id=job_id)


@shared_task(name="modeldemo.recategorise_conference", **ML_TASK_OPTIONS)
def task_recategorise_conference(conference_id: int, job_id: int | None = None) -> None:
    services.recategorise_conference(conference_id=conference_id, job_id=job_id)


@shared_task(name="modeldemo.queue_missing_predictions", **ML_TASK_OPTIONS)
def task_queue_missing_predictions() -> None:
    services.queue_missing_predictions()
