"""What the benchmarks share: run this process as the web process would run."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def act_as_web_process() -> None:
    """Settings of a web process, before django.setup().

    Tasks (e-mails, categorisation) are published to an in-memory broker, as a web process
    publishes them; running them is a worker's job and not measured. E-mail goes nowhere.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference.settings")
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
