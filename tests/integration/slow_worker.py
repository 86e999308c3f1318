"""The Celery app with each recorded prediction delayed by ML_TEST_ITEM_DELAY seconds.

Only for the fault tests (`celery -A tests.integration.slow_worker worker`): a batch then
takes long enough to kill its worker in the middle of it, every time.
"""

import os
import time

from celery.signals import worker_init

from conference.celery import app

__all__ = ["app"]


@worker_init.connect
def _slow_down(**kwargs) -> None:
    import django

    django.setup()
    from talks import services

    delay = float(os.environ.get("ML_TEST_ITEM_DELAY") or 0)
    original = services.record_prediction

    def record_prediction(**kwargs):
        time.sleep(delay)
        return original(**kwargs)

    services.record_prediction = record_prediction
