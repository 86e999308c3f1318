"""The confidence map of a version, fitted on this conference's decisions it never saw, and the
auto-assignment threshold read from those decisions alone."""

import pytest

from modeldemo import gate, services, serving
from modeldemo.calibration import map_confidence
from modeldemo.models import ModelVersion
from talks.services import set_submission_track
from tests.factories import SubmissionFactory
from tests.modeldemo.conftest import TINY


@pytest.fixture(autouse=True)
def models_dir(settings, tmp_path):
    settings.ML_MODELS_DIR = tmp_path / "models"
    settings.ML_RETRAIN_EVERY = 1000  # no challenger in between: the test trains itself


def _train(conference, organiser, capture):
    with capture(execute=True):
        job = services.start_training(
            conference=conference, user=organiser, kind="tfidf", datasets=["tiny"]
        )
    return ModelVersion.objects.get(pk=job.model_version_id)


def _decide(conference, organiser, tracks, *, wrong_every: int, rounds: int = 2) -> list[int]:
    """Each tiny text decided `rounds` times over (len(TINY) × 8 × rounds decisions); every
    `wrong_every`-th of a track's texts set to the next track, which a model confident on
    these texts gets wrong. Returns the submissions' numbers."""
    names = list(tracks)
    decided = []
    for round_ in range(rounds):
        for label, texts in TINY.items():
            for i, text in enumerate(texts):
                submission = SubmissionFactory(
                    conference=conference, title=f"{text} ({round_})", abstract=text
                )
                other = tracks[names[(names.index(label) + 1) % len(names)]]
                track = other if i % wrong_every == 0 else tracks[label]
                set_submission_track(submission=submission, track=track, user=organiser)
                decided.append(submission.pk)
    return decided


def test_a_new_version_is_mapped_on_what_people_decided_since_the_active_one(
    conference, organiser, ml_tracks, tiny_dataset, django_capture_on_commit_callbacks
):
    tracks = {track.name: track for track in ml_tracks}
    first = _train(conference, organiser, django_capture_on_commit_callbacks)
    services.activate_model_version(version=first, user=organiser)
    assert first.training_config["decisions_up_to"] == 0
    # 48 decisions, one in four set to another track than its own.
    decided = _decide(conference, organiser, tracks, wrong_every=4)
    held_out = sum(gate.is_held_out(pk) for pk in decided)

    second = _train(conference, organiser, django_capture_on_commit_callbacks)

    calibration = second.calibration
    assert second.training_config["decisions_up_to"] > 0
    # The held-out ones scored by the new version, the rest by the first (which never saw them).
    assert calibration["decided_sources"] == {"own": held_out, "earlier": len(decided) - held_out}
    assert len(calibration["decided"]["confidence"]) == len(decided)
    # 12 of the 48 set against their text: the model, sure of these texts, is wrong on
    # (nearly) all of them.
    assert 10 <= len(decided) - sum(calibration["decided"]["correct"]) <= 14
    fitted = calibration["confidence_map"]
    assert fitted["fitted_on"] == len(decided)
    assert map_confidence([0.95], fitted)[0] < 0.9
    # What the version serves carries the map; the ranking is the unmapped one.
    served = serving.categoriser_for_version(version=second, conference=conference)
    plain = serving.categoriser_for_version(
        version=second, conference=conference, confidence_map=False
    )
    texts = [TINY["Speech"][2], TINY["Vision"][5]]
    mapped, unmapped = served.predict_proba(texts), plain.predict_proba(texts)
    assert mapped.argmax(axis=1).tolist() == unmapped.argmax(axis=1).tolist()
    assert mapped.max(axis=1) == pytest.approx(map_confidence(unmapped.max(axis=1), fitted))


def test_the_threshold_is_never_read_from_the_validation_split(conference, ml_tracks):
    version = ModelVersion.objects.create(
        conference=conference,
        kind="mlp",
        labels=["NLP", "Speech", "Vision"],
        status="ready",
        calibration={"validation": {"confidence": [0.99] * 100, "correct": [True] * 100}},
    )

    found = serving.auto_assign_threshold(version=version, target=0.95)

    assert (found["threshold"], found["coverage"], found["on"]) == (None, 0.0, "decided")


def test_the_active_version_is_refitted_on_the_decisions_made_since_its_training(
    conference, organiser, ml_tracks, tiny_dataset, django_capture_on_commit_callbacks
):
    tracks = {track.name: track for track in ml_tracks}
    version = _train(conference, organiser, django_capture_on_commit_callbacks)
    services.activate_model_version(version=version, user=organiser)
    assert services.refresh_active_calibration(conference=conference) is False  # none yet
    decided = _decide(conference, organiser, tracks, wrong_every=3)

    assert services.refresh_active_calibration(conference=conference) is True

    version.refresh_from_db()
    # All made after its training: every one scored by the version itself.
    assert version.calibration["decided_sources"] == {"own": len(decided), "earlier": 0}
    assert version.calibration["confidence_map"]["fitted_on"] == len(decided)
    # Nothing new since: the map stays.
    assert services.refresh_active_calibration(conference=conference) is False


def test_zero_shot_serving_is_refitted_every_n_decisions(
    settings, conference, organiser, ml_tracks, django_capture_on_commit_callbacks
):
    settings.ML_RETRAIN_EVERY = 30
    tracks = {track.name: track for track in ml_tracks}
    names = list(tracks)
    builtin = serving.builtin_zeroshot(conference=conference)
    services.activate_model_version(version=builtin, user=organiser)
    count = 0
    for round_ in range(2):
        for label, texts in TINY.items():
            for i, text in enumerate(texts[:5]):
                submission = SubmissionFactory(
                    conference=conference, title=f"{text} <{round_}>", abstract=text
                )
                track = tracks[names[(names.index(label) + 1) % 3]] if i == 0 else tracks[label]
                with django_capture_on_commit_callbacks(execute=True):
                    set_submission_track(submission=submission, track=track, user=organiser)
                count += 1
                builtin.refresh_from_db()
                fitted = (builtin.calibration.get("confidence_map") or {}).get("fitted_on")
                # Refitted at the 30th decision, not before, not again before the 60th.
                assert fitted == (30 if count >= 30 else None), count

    assert not ModelVersion.objects.filter(training_config__challenger=True).exists()
    assert builtin.calibration["decided_sources"] == {"own": 30, "earlier": 0}


def test_decisions_that_fit_no_map_are_still_measured(
    conference, organiser, ml_tracks, django_capture_on_commit_callbacks
):
    # Every decision agrees with zero-shot: no wrong ones, so no map, but the page can show
    # how it did on them.
    builtin = serving.builtin_zeroshot(conference=conference)
    services.activate_model_version(version=builtin, user=organiser)
    categoriser = serving.categoriser_for_version(version=builtin, conference=conference)
    tracks = {track.name: track for track in ml_tracks}
    texts = [text for group in TINY.values() for text in group][:12]
    for text, (label, _p) in zip(
        texts, [ranking[0] for ranking in categoriser.predict(texts, k=1)], strict=True
    ):
        submission = SubmissionFactory(conference=conference, title=text, abstract=text)
        set_submission_track(submission=submission, track=tracks[label], user=organiser)

    assert serving.recalibrate(version=builtin) is False

    builtin.refresh_from_db()
    assert builtin.calibration["confidence_map"] is None
    assert builtin.calibration["decided"]["correct"] == [True] * 12
    assert builtin.calibration["decided_sources"] == {"own": 12, "earlier": 0}
    # Nothing new: not measured again.
    assert serving.recalibrate(version=builtin) is False
