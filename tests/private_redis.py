"""A private redis-server on a free loopback port, to stop and start around a request."""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest


def redis_server_command(port: int, folder) -> list[str]:
    """A redis-server on loopback that keeps nothing on disk (bench/faults.py uses it too)."""
    return [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1"] + [
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(folder),
    ]


def wait_for_redis(port: int, *, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the private redis-server did not start")


class PrivateRedis:
    def __init__(self, tmp_path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.dir = tmp_path
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            redis_server_command(self.port, self.dir), stdout=subprocess.DEVNULL
        )
        wait_for_redis(self.port)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is needed (.ci/run installs it)")
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    if redis.process.poll() is None:
        redis.stop()


@contextmanager
def celery_broker(url: str):
    """Publish this process's tasks to `url` for real (not eagerly), then restore the app."""
    from conference.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=url)
    _drop_broker_pools(app)
    try:
        yield app
    finally:
        app.conf.update(saved)
        _drop_broker_pools(app)


def _drop_broker_pools(app) -> None:
    # The app keeps its broker connections in pools made on first use, for the URL of then.
    from kombu import pools

    from conference import dispatch

    pools.reset()
    app._pool = None
    dispatch._broker_away_until = 0.0  # a broker away before is no reason to wait now
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
