"""An ml worker killed with kill -9 in the middle of a batch: the restarted worker recovers.

Redis hands an unacked message back only after the visibility timeout (hours, above training's
time limit), so nothing here waits for redelivery: the restarted worker's own sweep at start
re-queues what has no prediction and fails the job that died with its predecessor.
"""

import os
import signal
import time

import pytest

from modeldemo import services
from modeldemo.models import Job
from scheduling.demo_data import TRACKS
from talks.models import Prediction
from tests.factories import ConferenceFactory, MembershipFactory, SubmissionFactory, TrackFactory
from tests.integration.conftest import wait_for
from tests.modeldemo.test_zeroshot import CV_ABSTRACT, NLP_ABSTRACT

SUBMISSIONS = 12
ITEM_DELAY = "0.5"  # seconds per recorded prediction in the first worker: ~6 s a batch


def _predicted(conference) -> int:
    return Prediction.objects.filter(submission__conference=conference).count()


@pytest.mark.integration
def test_a_worker_killed_mid_batch_is_recovered_by_its_restart(ml_workers):
    conference = ConferenceFactory()
    for track in TRACKS:
        TrackFactory(conference=conference, **track)
    organiser = MembershipFactory(conference=conference).user
    hostname = f"faults-{os.getpid()}@itest"
    first = ml_workers(
        app="tests.integration.slow_worker",
        hostname=hostname,
        env={"ML_TEST_ITEM_DELAY": ITEM_DELAY},
    )
    # After its start (its own sweep would categorise them); factories queue no task.
    for n in range(SUBMISSIONS):
        SubmissionFactory(conference=conference, abstract=(NLP_ABSTRACT, CV_ABSTRACT)[n % 2])

    job, created = services.start_recategorisation(conference=conference, user=organiser)
    assert created
    started = wait_for(lambda: _predicted(conference) >= 2, timeout=120, interval=0.1)
    assert started, "no prediction before the kill:\n" + "".join(first.log[-40:])
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    killed_at = time.monotonic()
    at_kill = _predicted(conference)
    job.refresh_from_db()
    assert at_kill < SUBMISSIONS, "the batch finished before the kill"
    assert (job.status, job.worker) == ("running", hostname)

    second = ml_workers(hostname=hostname)
    everything = wait_for(lambda: _predicted(conference) == SUBMISSIONS, timeout=120, interval=0.2)
    recovered_in = time.monotonic() - killed_at
    assert everything, f"{_predicted(conference)} of {SUBMISSIONS} predicted:\n" + "".join(
        second.log[-40:]
    )
    print(f"\nkilled with {at_kill}/{SUBMISSIONS} predicted; all in {recovered_in:.1f} s")
    assert recovered_in < 120

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error.startswith("the worker stopped (no progress since ")
    assert any("ml worker start:" in line for line in second.log)
    # A new re-categorisation is free to start: the dead one no longer blocks it.
    assert services.start_recategorisation(conference=conference, user=organiser)[1] is True
    assert Job.objects.filter(conference=conference, kind="recategorise").count() == 2
