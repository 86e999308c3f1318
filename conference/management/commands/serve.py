"""Serve the app, with its background worker when the broker is embedded (`make run`)."""

import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the development server. With the embedded broker (CELERY_BROKER_URL=filesystem://)"
        " also start one Celery worker for both queues, with beat, and stop it with the server."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        worker = None
        # A SIGTERM (a service manager, `kill`) ends the server like Ctrl-C does, so that the
        # worker is stopped with it instead of left behind.
        signal.signal(signal.SIGTERM, _exit)
        if settings.CELERY_BROKER_URL.startswith("filesystem://"):
            worker = subprocess.Popen(worker_command(), cwd=settings.BASE_DIR)
            self.stdout.write(f"Background worker started (pid {worker.pid}).")
        try:
            # No autoreloader: it would restart the server, not the worker, on a code change.
            call_command("runserver", addrport, use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(30)


def _exit(signum, frame):
    raise SystemExit(0)


def worker_command() -> list[str]:
    # Two processes: a training in one leaves the other free to categorise new submissions.
    return [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "conference",
        "worker",
        "--queues",
        "default,ml",
        "--concurrency",
        "2",
        "--prefetch-multiplier",
        "1",
        "--beat",
        "--schedule",
        str(settings.BASE_DIR / "var" / "celerybeat-schedule"),
        "--without-mingle",
        "--without-gossip",
        "--loglevel",
        "INFO",
    ]
