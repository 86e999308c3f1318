"""The bert kind through the registry: fine-tune a tiny model, activate it, categorise."""

from modeldemo import services
from talks.models import Prediction
from tests.factories import SubmissionFactory


def test_bert_version_trains_activates_and_categorises(
    conference,
    organiser,
    ml_tracks,
    tiny_dataset,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    settings.ML_MODELS_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_training(
            conference=conference,
            user=organiser,
            kind="bert",
            datasets=["tiny"],
            epochs=1,
            max_length=32,
            tfidf_weight=0.25,
        )
    version = job.model_version
    version.refresh_from_db()
    job.refresh_from_db()

    assert (version.status, version.error, job.status) == ("ready", "", "done")
    assert version.labels == ["NLP", "Speech", "Vision"]
    assert (tmp_path / "devconf" / version.name / "config.json").is_file()
    assert version.training_config["epochs"] == 1
    assert version.training_config["max_length"] == 32
    assert version.training_config["tfidf_weight"] == 0.25
    parts = version.training_config["validation_parts"]
    # The parts are the saved predictor's own; the version's metrics are what it serves (every
    # track, blended with zero-shot, calibrated) on the same validation split.
    assert parts["tfidf_weight"] == 0.25
    assert set(parts["blend"]) >= {"accuracy", "f1_macro"}
    assert version.metrics["examples"] == version.calibration["fitted_on"]
    assert (tmp_path / "devconf" / version.name / "tfidf" / "config.json").is_file()

    services.activate_model_version(version=version, user=organiser)
    submission = SubmissionFactory(conference=conference)
    assert services.categorise_submission(submission_id=submission.pk) is True
    prediction = Prediction.objects.get(submission=submission)
    assert (prediction.categoriser, prediction.model_version) == ("bert", version.name)
    assert len(prediction.top) == 3
