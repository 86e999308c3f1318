"""The project package (settings, urls, Celery app) and the event domain."""

from conference.celery import app as celery_app

__all__ = ["celery_app"]
