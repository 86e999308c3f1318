"""The model registry: train through the task, activate, roll back, re-categorise."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from modeldemo import services
from modeldemo.models import Job, ModelVersion
from talks.models import Prediction
from talks.services import import_labelled_examples
from tests.factories import SubmissionFactory


@pytest.fixture(autouse=True)
def models_dir(settings, tmp_path):
    settings.ML_MODELS_DIR = tmp_path / "models"


def _train(conference, organiser, capture, **kwargs):
    with capture(execute=True):
        job = services.start_training(conference=conference, user=organiser, **kwargs)
    job.refresh_from_db()
    return job, job.model_version


def test_training_an_mlp_through_the_task(
    conference, organiser, ml_tracks, tiny_dataset, django_capture_on_commit_callbacks
):
    job, version = _train(
        conference, organiser, django_capture_on_commit_callbacks, kind="mlp", datasets=["tiny"]
    )

    version.refresh_from_db()
    assert (version.status, version.error) == ("ready", "")
    assert version.labels == ["NLP", "Speech", "Vision"]
    # 19 train, 5 validate; then the version is trained on all 24 (training.REFIT_KINDS).
    assert (version.trained_on, version.validated_on) == (24, 5)
    assert set(version.metrics) >= {"accuracy", "f1_macro", "top_3_accuracy", "confusion_matrix"}
    assert version.metrics["top_3_accuracy"] == 1.0  # three labels: the top 3 always holds it
    assert (version.path.endswith(f"/devconf/mlp-v{version.pk}"), version.is_active) == (
        True,
        False,
    )
    assert (job.status, job.percent, job.message) == ("done", 100, "Ready.")


def test_activated_mlp_categorises_new_submissions(
    conference, organiser, ml_tracks, tiny_dataset, django_capture_on_commit_callbacks
):
    _job, version = _train(
        conference, organiser, django_capture_on_commit_callbacks, kind="mlp", datasets=["tiny"]
    )
    version.refresh_from_db()
    assert services.activate_model_version(version=version, user=organiser) == []
    submission = SubmissionFactory(
        conference=conference, title="Speech recognition", abstract="Transcribing dialect audio."
    )

    assert services.categorise_submission(submission_id=submission.pk) is True

    prediction = Prediction.objects.get(submission=submission)
    assert (prediction.categoriser, prediction.model_version) == ("mlp", f"mlp-v{version.pk}")
    assert prediction.track.slug == "speech"
    assert [entry["label"] for entry in prediction.top][0] == "Speech"


def test_activation_reports_unknown_labels_and_rolls_back(conference, organiser, ml_tracks):
    first = ModelVersion.objects.create(
        conference=conference, kind="mlp", labels=["NLP", "Cooking"], status="ready"
    )
    second = ModelVersion.objects.create(
        conference=conference, kind="mlp", labels=["nlp", "vision"], status="ready"
    )

    assert services.activate_model_version(version=first, user=organiser) == ["Cooking"]
    assert services.activate_model_version(version=second, user=organiser) == []
    assert services.activate_model_version(version=first, user=organiser) == ["Cooking"]

    assert list(ModelVersion.objects.filter(is_active=True)) == [first]


def test_activation_refuses_unready_or_unmappable_versions(conference, organiser, ml_tracks):
    training = ModelVersion.objects.create(conference=conference, kind="mlp", labels=["NLP"])
    foreign = ModelVersion.objects.create(
        conference=conference, kind="mlp", labels=["Cooking"], status="ready"
    )

    with pytest.raises(ValidationError, match="Only a ready model can be activated."):
        services.activate_model_version(version=training, user=organiser)
    with pytest.raises(ValidationError, match="None of this model's labels is a track"):
        services.activate_model_version(version=foreign, user=organiser)
    assert ModelVersion.objects.filter(is_active=True).count() == 0


def test_only_organisers_train_or_activate(conference, reviewer, ml_tracks, tiny_dataset):
    version = ModelVersion.objects.create(
        conference=conference, kind="mlp", labels=["NLP"], status="ready"
    )

    with pytest.raises(PermissionDenied):
        services.start_training(conference=conference, user=reviewer, kind="mlp")
    with pytest.raises(PermissionDenied):
        services.activate_model_version(version=version, user=reviewer)


def test_training_needs_two_labels(conference, organiser, ml_tracks):
    import_labelled_examples(rows=[("one text", "NLP"), ("two texts", "NLP")], dataset="one")

    with pytest.raises(ValidationError, match="at least two tracks"):
        services.start_training(conference=conference, user=organiser, kind="mlp", datasets=["one"])
    assert ModelVersion.objects.count() == 0


def test_training_failure_marks_version_and_job_failed(
    conference, organiser, ml_tracks, tiny_dataset, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("out of memory")

    monkeypatch.setattr("modeldemo.training.train", broken)

    job, version = _train(
        conference, organiser, django_capture_on_commit_callbacks, kind="mlp", datasets=["tiny"]
    )

    version.refresh_from_db()
    assert (version.status, version.error) == ("failed", "RuntimeError: out of memory")
    assert (job.status, job.error) == ("failed", "RuntimeError: out of memory")


def test_recategorise_conference_reports_progress(
    conference, organiser, ml_tracks, django_capture_on_commit_callbacks
):
    SubmissionFactory.create_batch(3, conference=conference)

    with django_capture_on_commit_callbacks(execute=True):
        job, created = services.start_recategorisation(conference=conference, user=organiser)

    assert created is True
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == ("done", 3, 3, 100)
    assert job.message == "3 submissions categorised."
    assert Prediction.objects.filter(categoriser="zeroshot").count() == 3


def test_queue_missing_predictions_finds_unpredicted_submissions(
    conference, ml_tracks, django_capture_on_commit_callbacks
):
    SubmissionFactory.create_batch(2, conference=conference)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.queue_missing_predictions() == 2  # eager: categorised on commit
    assert services.queue_missing_predictions() == 0
    assert Prediction.objects.count() == 2


def test_job_progress_is_throttled_to_one_write_a_second(conference):
    job = Job.objects.create(conference=conference, kind="train")
    progress = services._JobProgress(job)

    progress(1, 10, "a")
    progress(2, 10, "b")  # within the same second: not written
    job.refresh_from_db()
    assert (job.done, job.total, job.message, job.status) == (1, 10, "a", "running")

    progress(10, 10, "c")  # the last step is always written
    job.refresh_from_db()
    assert (job.done, job.message) == (10, "c")
