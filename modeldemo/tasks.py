"""Celery tasks of the ml queue: thin wrappers that re-fetch by id and call one service."""

from celery import shared_task

from conference.celery import ML_TASK_OPTIONS
from modeldemo import services


@shared_task(name="modeldemo.categorise_submission", **ML_TASK_OPTIONS)
def task_categorise_submission(submission_id: int) -> None:
    services.categorise_submission(submission_id=submission_id)


@shared_task(name="modeldemo.categorise_submissions", **ML_TASK_OPTIONS)
def task_categorise_submissions(submission_ids: list[int]) -> None:
    services.categorise_submissions(submission_ids=submission_ids)
