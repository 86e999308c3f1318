"""The broker is down while a speaker submits: the request succeeds, and a worker catches up."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from conference.models import OutboxMail, OutboxTask
from scheduling.demo_data import TRACKS
from talks.models import Prediction, Submission
from tests.factories import ConferenceFactory, TrackFactory, UserFactory
from tests.integration.conftest import ROOT, _database_url, stop_worker, wait_for
from tests.modeldemo.test_zeroshot import CV_ABSTRACT
from tests.private_redis import celery_broker


def _require_redis_url() -> None:
    if not os.environ.get("REDIS_URL"):
        if os.environ.get("CI"):
            pytest.fail("REDIS_URL must be set in CI: the broker-outage test needs real Redis.")
        pytest.skip("REDIS_URL is not set: this test needs a real Redis broker.")


def _start_worker(broker_url: str, tmp_path: Path) -> subprocess.Popen:
    """`celery worker -Q default,ml` on the test database, with `broker_url` as its Redis."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": broker_url,
        "PYTHONUNBUFFERED": "1",
        "ML_MODELS_DIR": str(tmp_path / "models"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("celery")), "-A", "conference", "worker"]
        + ["-Q", "default,ml", "--pool", "solo", "--prefetch-multiplier", "1"]
        + ["--hostname", f"outage-{os.getpid()}@%h", "--without-gossip", "--without-mingle"]
        + ["--loglevel", "INFO"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    process.log = []
    threading.Thread(
        target=lambda: [process.log.append(line) for line in process.stdout], daemon=True
    ).start()
    return process


@pytest.fixture
def worker_after_outage(transactional_db, tmp_path):
    processes = []
    yield lambda url: processes.append(_start_worker(url, tmp_path)) or processes[-1]
    for process in processes:
        stop_worker(process)


@pytest.mark.integration
def test_submission_during_a_broker_outage_is_categorised_and_mailed_once_it_is_back(
    client, private_redis, worker_after_outage, capsys
):
    _require_redis_url()
    conference = ConferenceFactory()
    for track in TRACKS:
        TrackFactory(conference=conference, **track)
    speaker = UserFactory()
    client.force_login(speaker)

    with celery_broker(private_redis.url):
        private_redis.stop()
        started = time.monotonic()
        response = client.post(
            reverse("talks:submission_create", args=[conference.slug]),
            {"title": "Seeing defects", "abstract": CV_ABSTRACT, "format": "talk"},
        )
        answered_in = time.monotonic() - started

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("talks:submission_detail", args=[submission.pk])
    assert answered_in < 5
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.status, mail.kind) == (speaker.email, "queued", "cfp.received")
    # The e-mail is its own outbox: due, not yet tried, for retry_mail; the categorisation's
    # task waits in the task outbox. Both given up on commit: the sweeps take them.
    assert (mail.attempts, mail.next_attempt_at <= timezone.now()) == (0, True)
    rows = OutboxTask.objects.all()
    assert [(r.task, r.args, r.published_at) for r in rows] == [
        ("modeldemo.categorise_submission", [submission.pk], None),
    ]
    assert all(row.last_error for row in rows)

    private_redis.start()
    back = time.monotonic()
    worker = worker_after_outage(private_redis.url)

    def recovered():
        return (
            Prediction.objects.filter(submission=submission).exists()
            and OutboxMail.objects.filter(pk=mail.pk, status="sent").exists()
        )

    assert wait_for(recovered, timeout=90), "not recovered in 90 s:\n" + "".join(worker.log[-40:])
    recovered_in = time.monotonic() - back
    with capsys.disabled():
        print(
            f"\nbroker outage: answered in {answered_in:.2f} s, recovered in {recovered_in:.1f} s"
        )
    assert recovered_in < 60
    assert Submission.objects.count() == 1
    prediction = Prediction.objects.get(submission=submission)
    assert prediction.track.slug == "computer-vision"
    assert OutboxTask.objects.filter(published_at__isnull=True).count() == 0
    mail.refresh_from_db()
    assert (mail.attempts, mail.error) == (1, "")


@pytest.mark.integration
def test_a_running_worker_catches_up_at_the_next_beat_sweep(
    client, private_redis, worker_after_outage, capsys
):
    from conference.tasks import task_publish_outbox, task_retry_mail

    _require_redis_url()
    conference = ConferenceFactory()
    for track in TRACKS:
        TrackFactory(conference=conference, **track)
    client.force_login(UserFactory())
    worker = worker_after_outage(private_redis.url)
    assert wait_for(lambda: any(" ready." in line for line in worker.log), timeout=60), "".join(
        worker.log[-40:]
    )

    with celery_broker(private_redis.url):
        private_redis.stop()
        response = client.post(
            reverse("talks:submission_create", args=[conference.slug]),
            {"title": "Seeing defects", "abstract": CV_ABSTRACT, "format": "talk"},
        )
        assert response.status_code == 302
        submission = Submission.objects.get()
        # The categorisation's task (the e-mail is its own outbox, due for retry_mail).
        assert OutboxTask.objects.filter(published_at__isnull=True).count() == 1

        private_redis.start()
        back = time.monotonic()
        # What beat does every minute; its first tries may meet the broker still coming up.
        assert wait_for(lambda: _beat_tick(task_publish_outbox), timeout=30)
        assert wait_for(lambda: _beat_tick(task_retry_mail), timeout=30)

        def recovered():
            return (
                Prediction.objects.filter(submission=submission).exists()
                and OutboxMail.objects.filter(status="sent").count() == 1
            )

        assert wait_for(recovered, timeout=60), "not recovered:\n" + "".join(worker.log[-40:])
        recovered_in = time.monotonic() - back

    with capsys.disabled():
        print(
            f"\nbroker outage, worker running: recovered {recovered_in:.1f} s after Redis returned"
        )
    assert OutboxTask.objects.filter(published_at__isnull=True).count() == 0
    assert Prediction.objects.filter(submission=submission).count() == 1
    assert any("conference.publish_outbox" in line for line in worker.log)


def _beat_tick(task) -> bool:
    try:
        task.apply_async()
    except Exception:  # noqa: BLE001 - the broker is not back yet
        return False
    return True
