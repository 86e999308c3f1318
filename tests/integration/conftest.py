import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.private_redis import private_redis  # noqa: F401 — a fixture

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _require_redis() -> None:
    if not os.environ.get("REDIS_URL"):
        if os.environ.get("CI"):
            pytest.fail("REDIS_URL must be set in CI: the worker tests need a real broker.")
        pytest.skip("REDIS_URL is not set: this test needs a real Redis broker.")


def start_ml_worker(
    tmp_path, *, app: str = "conference", hostname: str | None = None, env: dict | None = None
) -> subprocess.Popen:
    """Start `celery -A <app> worker -Q ml` on the test database; returns once it is ready.

    The process has `.log` (its output lines so far).
    """
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "PYTHONUNBUFFERED": "1",
        "ML_MODELS_DIR": str(tmp_path / "models"),
        **(env or {}),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            app,
            "worker",
            "-Q",
            "ml",
            "--pool",
            "solo",
            "--prefetch-multiplier",
            "1",
            "--hostname",
            hostname or f"itest-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read():
        for line in process.stdout:
            lines.append(line)
            if " ready." in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(60):
        process.kill()
        pytest.fail("the ml worker did not start:\n" + "".join(lines[-40:]))
    process.log = lines
    return process


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


@pytest.fixture
def ml_worker(transactional_db, tmp_path):
    """A real `celery -A conference worker -Q ml` process on the test database and Redis."""
    _require_redis()
    process = start_ml_worker(tmp_path)
    yield process
    stop_worker(process)


@pytest.fixture
def ml_workers(transactional_db, tmp_path):
    """Start ml workers at will (start(**start_ml_worker's keywords)); all stopped at the end."""
    _require_redis()
    started = []

    def start(**kwargs):
        started.append(start_ml_worker(tmp_path, **kwargs))
        return started[-1]

    yield start
    for process in started:
        stop_worker(process)


def wait_for(predicate, *, timeout: float, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return None
