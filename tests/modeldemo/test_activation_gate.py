"""The gate before activation, the built-in zero-shot row, and every track covered."""

import pytest
from django.core.exceptions import ValidationError

from modeldemo import label_maps, services, serving
from modeldemo.models import ModelVersion
from talks.services import set_submission_track
from tests.factories import SubmissionFactory
from tests.modeldemo.conftest import TINY
from tests.modeldemo.test_registry import _train as train_job
from tests.modeldemo.test_registry import models_dir  # noqa: F401 — autouse fixture


def _train(conference, organiser, capture, **kwargs):
    _job, version = train_job(conference, organiser, capture, **kwargs)
    version.refresh_from_db()
    return version


def _decide_three_of_each(conference, organiser, ml_tracks):
    """Three tiny texts of each track submitted and decided under their own track."""
    tracks = {track.name: track for track in ml_tracks}
    for label, texts in TINY.items():
        for text in texts[:3]:
            submission = SubmissionFactory(conference=conference, title=text, abstract=text)
            set_submission_track(submission=submission, track=tracks[label], user=organiser)


def test_a_worse_version_is_refused_and_an_override_is_recorded(conference, organiser, ml_tracks):
    worse = ModelVersion.objects.create(
        conference=conference,
        kind="mlp",
        labels=["NLP", "Speech", "Vision"],
        status="ready",
        gate={"verdict": "fail", "candidate": {"f1_macro": 0.2}},
    )

    with pytest.raises(ValidationError, match="scores worse"):
        services.activate_model_version(version=worse, user=organiser)
    assert (
        services.activate_model_version(
            version=worse, user=organiser, reason="The decided ones are all odd talks."
        )
        == []
    )

    worse.refresh_from_db()
    assert (worse.is_active, worse.override_reason) == (True, "The decided ones are all odd talks.")


def test_builtin_zeroshot_row_is_a_way_back(conference, organiser, ml_tracks):
    trained = ModelVersion.objects.create(
        conference=conference, kind="mlp", labels=["NLP", "Vision"], status="ready"
    )
    services.activate_model_version(version=trained, user=organiser)
    zeroshot = serving.builtin_zeroshot(conference=conference)

    services.activate_model_version(version=zeroshot, user=organiser)

    assert serving.builtin_zeroshot(conference=conference) == zeroshot
    assert list(ModelVersion.objects.filter(is_active=True)) == [zeroshot]
    assert services.current_version_name(conference=conference).startswith("zeroshot-")


def test_training_on_mislabelled_past_fails_the_gate_against_zero_shot(
    conference, organiser, ml_tracks, django_capture_on_commit_callbacks, monkeypatch, db
):
    from talks.services import import_labelled_examples

    # The past programme's labels swapped: a model trained on it gets NLP and Vision backwards.
    swap = {"NLP": "Vision", "Vision": "NLP", "Speech": "Speech"}
    # Five copies of each (told apart by a number), so the model outweighs zero-shot's prior.
    import_labelled_examples(
        rows=[
            (f"{text} (take {i})", swap[label])
            for label, texts in TINY.items()
            for text in texts
            for i in range(5)
        ],
        dataset="swapped",
    )
    monkeypatch.setattr(label_maps, "is_held_out", lambda pk: True)
    _decide_three_of_each(conference, organiser, ml_tracks)

    version = _train(
        conference,
        organiser,
        django_capture_on_commit_callbacks,
        kind="tfidf",
        datasets=["swapped"],
    )

    assert version.status == "ready"
    assert version.gate["verdict"] == "fail"
    assert version.gate["candidate"]["examples"] == 9
    assert version.gate["zeroshot"]["f1_macro"] > version.gate["candidate"]["f1_macro"]
    # No active version to win against: the app would not promote it by itself either.
    assert (version.gate["win_share"], version.gate["wins"]) == (None, False)
    assert 0 < version.calibration["temperature"]
    with pytest.raises(ValidationError):
        services.activate_model_version(version=version, user=organiser)


def test_a_track_nobody_labelled_still_gets_probability(
    conference, organiser, ml_tracks, django_capture_on_commit_callbacks, db
):
    from talks.services import import_labelled_examples

    import_labelled_examples(
        rows=[(t, label) for label, texts in TINY.items() if label != "Speech" for t in texts],
        dataset="no-speech",
    )
    version = _train(
        conference,
        organiser,
        django_capture_on_commit_callbacks,
        kind="tfidf",
        datasets=["no-speech"],
    )
    services.activate_model_version(version=version, user=organiser)

    categoriser, mapping, _name = services.categoriser_for_conference(conference=conference)
    ranking = categoriser.predict(["Automatic speech recognition of audio recordings"], k=3)[0]

    assert version.labels == ["NLP", "Speech", "Vision"]
    assert sorted(mapping) == ["NLP", "Speech", "Vision"]
    assert dict(ranking)["Speech"] > 0.05


def test_a_version_that_only_ties_the_active_one_passes_but_does_not_win(
    conference, organiser, ml_tracks, tiny_dataset, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(label_maps, "is_held_out", lambda pk: True)
    first = _train(
        conference, organiser, django_capture_on_commit_callbacks, kind="tfidf", datasets=["tiny"]
    )
    services.activate_model_version(version=first, user=organiser)
    _decide_three_of_each(conference, organiser, ml_tracks)

    # Every decision held out: the second version learns what the first did, and ties it.
    second = _train(
        conference, organiser, django_capture_on_commit_callbacks, kind="tfidf", datasets=["tiny"]
    )

    assert second.gate["candidate"]["examples"] == second.gate["active"]["examples"] == 9
    assert second.gate["candidate"]["f1_macro"] == second.gate["active"]["f1_macro"]
    assert (second.gate["verdict"], second.gate["win_share"], second.gate["wins"]) == (
        "pass",
        0.5,
        False,
    )
