"""Learning from the queue: every N decisions by people, a challenger is trained and gated."""

import pytest

from modeldemo import services
from modeldemo.models import ModelVersion
from talks.services import set_submission_track
from tests.factories import SubmissionFactory
from tests.modeldemo.conftest import TINY


@pytest.fixture(autouse=True)
def models_dir(settings, tmp_path):
    settings.ML_MODELS_DIR = tmp_path / "models"
    settings.ML_RETRAIN_EVERY = 3


def _decide(conference, organiser, tracks, capture, n):
    for label, texts in list(TINY.items())[:n]:
        submission = SubmissionFactory(conference=conference, title=texts[0], abstract=texts[1])
        with capture(execute=True):
            set_submission_track(submission=submission, track=tracks[label], user=organiser)


def test_a_challenger_is_trained_after_n_decisions_and_promoted_if_it_passes(
    conference, organiser, ml_tracks, tiny_dataset, django_capture_on_commit_callbacks
):
    tracks = {track.name: track for track in ml_tracks}
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_training(
            conference=conference, user=organiser, kind="tfidf", datasets=["tiny"]
        )
    first = ModelVersion.objects.get(pk=job.model_version_id)
    services.activate_model_version(version=first, user=organiser)

    _decide(conference, organiser, tracks, django_capture_on_commit_callbacks, 2)
    assert ModelVersion.objects.filter(training_config__challenger=True).count() == 0
    _decide(conference, organiser, tracks, django_capture_on_commit_callbacks, 1)

    challenger = ModelVersion.objects.get(training_config__challenger=True)
    assert (challenger.kind, challenger.status) == ("tfidf", "ready")
    assert challenger.training_config["challenges"] == first.name
    assert challenger.training_config["datasets"] == ["tiny"]
    # Too few held-out decisions to tell: no verdict of "pass", so the active one stays.
    assert challenger.gate["verdict"] == "no_data"
    assert ModelVersion.objects.get(is_active=True) == first


def test_no_challenger_while_zero_shot_serves(
    conference, organiser, ml_tracks, django_capture_on_commit_callbacks
):
    tracks = {track.name: track for track in ml_tracks}

    _decide(conference, organiser, tracks, django_capture_on_commit_callbacks, 3)

    assert not ModelVersion.objects.exists()


@pytest.mark.parametrize(
    ("gate", "promoted"),
    [
        ({"verdict": "pass", "win_share": 0.91, "wins": True}, True),
        # Passing is enough for an organiser to activate it, not for the app to.
        ({"verdict": "pass", "win_share": 0.62, "wins": False}, False),
    ],
)
def test_a_challenger_is_promoted_only_when_it_wins(
    conference,
    organiser,
    ml_tracks,
    tiny_dataset,
    django_capture_on_commit_callbacks,
    monkeypatch,
    gate,
    promoted,
):
    from modeldemo import serving

    tracks = {track.name: track for track in ml_tracks}
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_training(
            conference=conference, user=organiser, kind="tfidf", datasets=["tiny"]
        )
    first = ModelVersion.objects.get(pk=job.model_version_id)
    services.activate_model_version(version=first, user=organiser)
    monkeypatch.setattr(serving, "run_gate", lambda **kwargs: gate)

    _decide(conference, organiser, tracks, django_capture_on_commit_callbacks, 3)

    challenger = ModelVersion.objects.get(training_config__challenger=True)
    assert challenger.is_active is promoted
    assert challenger.training_config.get("promoted", False) is promoted
    assert ModelVersion.objects.get(is_active=True) == (challenger if promoted else first)
