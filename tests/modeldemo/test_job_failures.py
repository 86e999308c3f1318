"""ML jobs fail loudly: any error (a soft time limit too), a dead worker, a vanished track."""

import socket
from datetime import timedelta
from types import SimpleNamespace

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse
from django.utils import timezone

from conference.models import Track
from modeldemo import services, tasks
from modeldemo.models import Job, ModelVersion
from scheduling.demo_data import TRACKS
from talks.models import Prediction
from tests.factories import ConferenceFactory, SubmissionFactory, TrackFactory
from tests.modeldemo.test_zeroshot import CV_ABSTRACT, NLP_ABSTRACT

TRAIN_LIMIT = 4 * 3600 + 300
RECATEGORISE_LIMIT = 660
MARGIN = 120


@pytest.fixture
def demo_tracks(conference):
    return [TrackFactory(conference=conference, **track) for track in TRACKS]


def _aged(job: Job, seconds: float) -> Job:
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(seconds=seconds))
    job.refresh_from_db()
    return job


def test_a_raising_task_marks_its_job_failed_with_the_error(conference, monkeypatch):
    job = Job.objects.create(conference=conference, kind="recategorise")

    def broken(**kwargs):
        raise ValueError("the index is corrupt")

    monkeypatch.setattr(services, "recategorise_conference", broken)

    with pytest.raises(ValueError, match="the index is corrupt"):
        tasks.task_recategorise_conference.apply(args=(conference.pk, job.pk))

    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "ValueError: the index is corrupt")
    assert job.finished_at is not None


def test_a_soft_time_limit_marks_the_job_failed(conference, monkeypatch):
    job = Job.objects.create(conference=conference, kind="recategorise")

    def slow(submission_ids):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "_categorise", slow)
    SubmissionFactory(conference=conference)

    with pytest.raises(SoftTimeLimitExceeded):
        tasks.task_recategorise_conference.apply(args=(conference.pk, job.pk))

    job.refresh_from_db()
    assert (job.status, job.error) == (
        "failed",
        "SoftTimeLimitExceeded: the task ran past its time limit",
    )


def test_a_soft_time_limit_in_training_fails_the_version_and_the_job(conference, monkeypatch):
    version = ModelVersion.objects.create(conference=conference, kind="zeroshot")
    job = Job.objects.create(conference=conference, kind="train", model_version=version)

    def slow(**kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("modeldemo.training.train", slow)

    tasks.task_train_categoriser.apply(args=(version.pk, job.pk))

    version.refresh_from_db()
    job.refresh_from_db()
    expected = "SoftTimeLimitExceeded: the task ran past its time limit"
    assert (version.status, version.error) == ("failed", expected)
    assert (job.status, job.error) == ("failed", expected)


def test_an_error_before_training_fails_the_version_too(conference, monkeypatch):
    version = ModelVersion.objects.create(conference=conference, kind="mlp")
    job = Job.objects.create(conference=conference, kind="train", model_version=version)

    def broken(**kwargs):
        raise ConnectionError("database went away")

    monkeypatch.setattr(services, "training_examples", broken)

    with pytest.raises(ConnectionError):
        tasks.task_train_categoriser.apply(args=(version.pk, job.pk))

    version.refresh_from_db()
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "ConnectionError: database went away")
    assert (version.status, version.error) == ("failed", "ConnectionError: database went away")


def test_a_task_records_its_worker_on_the_job(conference, monkeypatch):
    job = Job.objects.create(conference=conference, kind="recategorise")
    seen = {}

    def record(**kwargs):
        seen.update(Job.objects.filter(pk=job.pk).values("status", "worker").get())

    monkeypatch.setattr(services, "recategorise_conference", record)

    tasks.task_recategorise_conference.apply(args=(conference.pk, job.pk), task_id="t-1")

    # An eager run's hostname is the machine's; a worker's is its node name (name@host).
    assert seen == {"status": "running", "worker": socket.gethostname()}
    assert Job.objects.get(pk=job.pk).task_id == "t-1"


def test_a_redelivered_message_of_a_failed_job_does_nothing(conference, monkeypatch):
    job = Job.objects.create(conference=conference, kind="recategorise", status="failed")

    def must_not_run(**kwargs):
        raise AssertionError("ran")

    monkeypatch.setattr(services, "recategorise_conference", must_not_run)

    tasks.task_recategorise_conference.apply(args=(conference.pk, job.pk))

    assert Job.objects.get(pk=job.pk).status == "failed"


def test_a_failing_submission_costs_no_other_its_prediction(conference, demo_tracks, monkeypatch):
    good = SubmissionFactory(conference=conference, abstract=NLP_ABSTRACT)
    bad = SubmissionFactory(conference=conference, abstract=CV_ABSTRACT)
    also_good = SubmissionFactory(conference=conference, abstract=CV_ABSTRACT)
    original = services.talk_services.record_prediction

    def record(*, submission, **kwargs):
        if submission.pk == bad.pk:
            raise ValueError("cannot store this one")
        return original(submission=submission, **kwargs)

    monkeypatch.setattr(services.talk_services, "record_prediction", record)

    with pytest.raises(ValueError, match="cannot store this one"):
        services.categorise_submissions(submission_ids=[good.pk, bad.pk, also_good.pk])

    assert set(Prediction.objects.values_list("submission", flat=True)) == {good.pk, also_good.pk}


def test_recategorisation_goes_on_past_a_failing_submission_and_says_so(
    conference, demo_tracks, monkeypatch
):
    submissions = SubmissionFactory.create_batch(3, conference=conference, abstract=NLP_ABSTRACT)
    job = Job.objects.create(conference=conference, kind="recategorise")
    original = services.talk_services.record_prediction

    def record(*, submission, **kwargs):
        if submission.pk == submissions[1].pk:
            raise ValueError("cannot store this one")
        return original(submission=submission, **kwargs)

    monkeypatch.setattr(services.talk_services, "record_prediction", record)

    assert services.recategorise_conference(conference_id=conference.pk, job_id=job.pk) == 2

    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "2 submissions categorised.")
    assert job.error == (
        "1 of 3 submissions could not be categorised; first: ValueError: cannot store this one"
    )
    assert Prediction.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_track_deleted_meanwhile_is_skipped_and_the_batch_completes(monkeypatch):
    # Without a surrounding transaction, as on a worker: the foreign key is checked on commit.
    conference = ConferenceFactory()
    for track in TRACKS:
        TrackFactory(conference=conference, **track)
    nlp = SubmissionFactory(conference=conference, abstract=NLP_ABSTRACT)
    cv = SubmissionFactory(conference=conference, abstract=CV_ABSTRACT)
    original = services.categoriser_for_conference
    calls = []

    def deleted_after_reading(*, conference):
        result = original(conference=conference)
        if not calls:  # the first batch maps to a track that is then deleted
            Track.objects.filter(conference=conference, slug="computer-vision").delete()
        calls.append(1)
        return result

    monkeypatch.setattr(services, "categoriser_for_conference", deleted_after_reading)

    assert services.categorise_submissions(submission_ids=[nlp.pk, cv.pk]) == 2

    predicted = dict(Prediction.objects.values_list("submission", "track__slug"))
    assert predicted[nlp.pk] == "natural-language-processing"
    assert predicted[cv.pk] != "computer-vision"


def test_the_sweep_fails_stale_jobs_and_leaves_fresh_ones(conference):
    other = ConferenceFactory()
    version = ModelVersion.objects.create(conference=conference, kind="bert")
    dead_training = _aged(
        Job.objects.create(
            conference=conference, kind="train", status="running", model_version=version
        ),
        TRAIN_LIMIT + MARGIN + 10,
    )
    long_training = _aged(
        Job.objects.create(conference=other, kind="train", status="running"), 3600
    )
    lost_recategorisation = _aged(
        Job.objects.create(conference=conference, kind="recategorise"),
        RECATEGORISE_LIMIT + MARGIN + 10,
    )
    fresh_recategorisation = _aged(
        Job.objects.create(conference=other, kind="recategorise", status="running"), 60
    )

    assert services.fail_stale_jobs() == 2

    for job in (dead_training, long_training, lost_recategorisation, fresh_recategorisation):
        job.refresh_from_db()
    since = dead_training.updated_at  # the failure's own write
    assert dead_training.status == "failed"
    assert dead_training.error.startswith("the worker stopped (no progress since ")
    assert dead_training.error.endswith(" UTC)")
    assert since >= timezone.now() - timedelta(seconds=60)
    version.refresh_from_db()
    assert (version.status, version.error) == ("failed", dead_training.error)
    assert lost_recategorisation.status == "failed"
    assert (long_training.status, fresh_recategorisation.status) == ("running", "running")
    assert services.fail_stale_jobs() == 0


def test_the_sweep_names_the_last_heartbeat(conference):
    job = Job.objects.create(conference=conference, kind="recategorise", status="running")
    last = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(updated_at=last)

    services.fail_stale_jobs()

    job.refresh_from_db()
    assert job.error == (
        f"the worker stopped (no progress since {last.strftime('%Y-%m-%d %H:%M:%S')} UTC)"
    )


def test_a_restarted_worker_fails_only_its_own_running_jobs(conference):
    mine = Job.objects.create(
        conference=conference, kind="recategorise", status="running", worker="ml@a"
    )
    other = Job.objects.create(
        conference=ConferenceFactory(), kind="recategorise", status="running", worker="ml@b"
    )

    assert services.fail_jobs_of_worker(worker="ml@a") == 1

    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == "failed" and mine.error.startswith("the worker stopped")
    assert other.status == "running"


def _consumer(hostname, *queues):
    return SimpleNamespace(
        hostname=hostname,
        task_consumer=SimpleNamespace(queues=[SimpleNamespace(name=q) for q in queues]),
    )


def test_an_ml_worker_sweeps_when_it_starts(
    conference, demo_tracks, django_capture_on_commit_callbacks
):
    job = Job.objects.create(
        conference=conference, kind="recategorise", status="running", worker="ml@a"
    )
    submission = SubmissionFactory(conference=conference, abstract=NLP_ABSTRACT)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep_on_worker_start(sender=_consumer("ml@a", "ml"))

    assert Job.objects.get(pk=job.pk).status == "failed"
    assert Prediction.objects.get(submission=submission).track.slug == (
        "natural-language-processing"
    )


def test_a_default_worker_does_not_run_the_ml_sweep(conference):
    job = Job.objects.create(
        conference=conference, kind="recategorise", status="running", worker="w@a"
    )

    tasks.sweep_on_worker_start(sender=_consumer("w@a", "default"))

    assert Job.objects.get(pk=job.pk).status == "running"


def test_the_model_page_and_the_job_json_show_the_error(client, organiser, conference):
    job = Job.objects.create(
        conference=conference,
        kind="recategorise",
        status="failed",
        error="IntegrityError: FOREIGN KEY constraint failed",
    )
    client.force_login(organiser)

    page = client.get(reverse("modeldemo:model_list", args=[conference.slug]))
    status = client.get(reverse("modeldemo:job_status", args=[job.pk])).json()

    assert "IntegrityError: FOREIGN KEY constraint failed" in page.content.decode()
    assert (status["status"], status["error"]) == (
        "failed",
        "IntegrityError: FOREIGN KEY constraint failed",
    )


def test_the_model_detail_page_shows_why_a_version_failed(client, organiser, conference):
    version = ModelVersion.objects.create(
        conference=conference, kind="bert", status="failed", error="OutOfMemoryError: CUDA"
    )
    client.force_login(organiser)

    page = client.get(reverse("modeldemo:model_detail", args=[conference.slug, version.pk]))

    assert "Failed: OutOfMemoryError: CUDA" in page.content.decode()
