"""The Celery app: queue `default` for web work, queue `ml` for everything in modeldemo."""

import logging
import os

from celery import Celery
from celery.signals import worker_ready
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference.settings")

app = Celery("conference")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = (Queue("default"), Queue("ml"))
# Every modeldemo task goes to the ml workers, whatever the caller forgot to say; but the sweep
# that fails the jobs of dead ml workers runs where a live worker is sure to be.
app.conf.task_routes = {
    "modeldemo.fail_stale_jobs": {"queue": "default"},
    "modeldemo.*": {"queue": "ml"},
}
app.autodiscover_tasks()
# Beat: re-queue submissions without a prediction from the current model (a broker outage, a
# dead worker or a new active model leaves some behind). One query per conference, so often;
# a run still waiting when the next is due (the ml worker busy training) is dropped, not piled up.
app.conf.beat_schedule = {
    "queue-missing-predictions": {
        "task": "modeldemo.queue_missing_predictions",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # ML jobs whose worker died (no heartbeat for longer than their hard time limit) fail.
    "fail-stale-ml-jobs": {
        "task": "modeldemo.fail_stale_jobs",
        "schedule": 300.0,
        "options": {"expires": 290},
    },
    # Tasks whose publish failed (broker away) wait in the outbox (conference/dispatch.py); mail
    # that failed or whose task was lost is dispatched again. Expiring, so that sweeps queued
    # while no worker ran do not all run at once later.
    "publish-outbox": {
        "task": "conference.publish_outbox",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "retry-mail": {
        "task": "conference.retry_mail",
        "schedule": 60.0,
        "options": {"expires": 55},
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
# Training runs for minutes to hours; it has limits of its own.
ML_TRAINING_OPTIONS = {**ML_TASK_OPTIONS, "soft_time_limit": 4 * 3600, "time_limit": 4 * 3600 + 300}

# Redis redelivers a message left unacked (its worker died) after the visibility timeout. It
# must exceed the longest hard time limit, or a long training still running would be handed to
# a second worker; so redelivery is slow, and a starting ml worker runs the sweeps itself
# (modeldemo.tasks.sweep_on_worker_start).
# (Added to what settings give: the embedded broker's folders come from there.)
app.conf.broker_transport_options = {
    **(app.conf.broker_transport_options or {}),
    "visibility_timeout": max(ML_TASK_OPTIONS["time_limit"], ML_TRAINING_OPTIONS["time_limit"])
    + 600,
}
# A broker that is away, or hung with its port open, must cost a request a second or two, not a
# TCP time-out or forever: tasks wait in the outbox (conference/dispatch.py) and the sweep
# publishes them later. The read time-out stays above kombu's BRPOP wait (1 s) for the workers.
app.conf.broker_transport_options.update(socket_connect_timeout=1.0, socket_timeout=2.0)


@worker_ready.connect
def publish_outbox_on_start(sender=None, **kwargs) -> None:
    """Publish what waited in the outbox as soon as a worker is up.

    Beat cannot deliver its sweep while the broker is away, and a worker that starts has just
    reached the broker: the best moment to catch up. Never stops the worker from starting.
    """
    from django.db import connection

    from conference.dispatch import publish_due
    from conference.mail import retry_mail

    try:
        publish_due()
        retry_mail()
    except Exception:
        logging.getLogger(__name__).exception("outbox: the sweep at worker start failed")
    finally:
        connection.close()
