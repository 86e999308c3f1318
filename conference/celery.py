"""The Celery app: queue `default` for web work, queue `ml` for everything in modeldemo."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference.settings")

app = Celery("conference")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = (Queue("default"), Queue("ml"))
# Every modeldemo task goes to the ml workers, whatever the caller forgot to say.
app.conf.task_routes = {"modeldemo.*": {"queue": "ml"}}
app.autodiscover_tasks()
# Beat: re-queue submissions without a prediction from the current model (a broker outage
# or a new active model leaves some behind).
app.conf.beat_schedule = {
    "queue-missing-predictions": {
        "task": "modeldemo.queue_missing_predictions",
        "schedule": 600.0,
    },
    # Unconfirmed registrations are deleted a week after their link expired.
    "purge-expired-registrations": {
        "task": "conference.purge_expired_registrations",
        "schedule": 3600.0,
    },
}

# Options shared by every ML task: they are idempotent (one prediction per submission and
# model version), so a task lost with its worker (OOM, preemption) is safely redelivered.
ML_TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "soft_time_limit": 600,
    "time_limit": 660,
    "ignore_result": True,
}
