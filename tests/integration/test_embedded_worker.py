"""Embedded mode (`make run`): the filesystem broker and a worker beside the web process.

No service is needed, so this runs everywhere. The request only stores the submission and
publishes its task; the worker process categorises it a moment later.
"""

import os
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest
from django.urls import reverse

from conference.celery import app
from scheduling.demo_data import TRACKS
from talks.models import Prediction, Submission
from tests.factories import PASSWORD, ConferenceFactory, TrackFactory, UserFactory
from tests.integration.conftest import ROOT, start_ml_worker, stop_worker, wait_for
from tests.modeldemo.test_zeroshot import NLP_ABSTRACT
from tests.private_redis import _drop_broker_pools as drop_broker_pools


@pytest.fixture
def filesystem_broker(tmp_path):
    """Point this process at a private filesystem broker; give the worker's environment."""
    folders = {name: tmp_path / "broker" / name for name in ("messages", "processed", "control")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    options = {
        "data_folder_in": str(folders["messages"]),
        "data_folder_out": str(folders["messages"]),
        "processed_folder": str(folders["processed"]),
        "control_folder": str(folders["control"]),
        "store_processed": False,
        "polling_interval": 0.2,
    }
    saved = {
        key: app.conf[key]
        for key in ("broker_url", "broker_transport_options", "task_always_eager")
    }
    app.conf.update(
        broker_url="filesystem://", broker_transport_options=options, task_always_eager=False
    )
    drop_broker_pools(app)
    yield {
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_BROKER_FOLDER": str(tmp_path / "broker"),
        "REDIS_URL": "",
    }
    app.conf.update(saved)
    drop_broker_pools(app)


@pytest.mark.integration
def test_embedded_submission_is_categorised_by_the_worker_not_the_request(
    client, transactional_db, tmp_path, filesystem_broker
):
    conference = ConferenceFactory(slug="aidev")
    for track in TRACKS:
        TrackFactory(conference=conference, **track)
    speaker = UserFactory(username="ada")
    client.login(username="ada", password=PASSWORD)

    response = client.post(
        reverse("talks:submission_create", args=[conference.slug]),
        {
            "title": "Fine-tuning language models for customer support",
            "abstract": NLP_ABSTRACT,
            "format": "talk",
            "duration": 30,
            "level": "intermediate",
            "language": "en",
        },
    )

    submission = Submission.objects.get(speakers=speaker)
    assert response.status_code == 302
    # Nothing ran in the request: the task waits in the broker's folder for the worker.
    assert Prediction.objects.filter(submission=submission).count() == 0
    worker = start_ml_worker(tmp_path, env=filesystem_broker)
    try:
        prediction = wait_for(
            lambda: Prediction.objects.filter(submission=submission).first(), timeout=120
        )
    finally:
        stop_worker(worker)
    assert prediction is not None, "no prediction within 120 s:\n" + "".join(worker.log[-40:])
    assert prediction.track.slug == "natural-language-processing"


@pytest.mark.integration
def test_serve_starts_a_worker_beside_the_server_and_stops_it_with_the_server(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_BROKER_FOLDER": str(tmp_path / "broker"),
        "REDIS_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        started = server.stdout.readline()
        worker_pid = int(started.split("pid ")[1].rstrip(").\n"))
        answered = wait_for(lambda: _answers(port), timeout=60)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)

    assert started.startswith("Background worker started")
    assert answered
    # The worker went with the server: its process is gone (or a zombie already reaped).
    assert wait_for(lambda: not _alive(worker_pid), timeout=30)


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
