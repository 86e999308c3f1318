"""Zero-shot as served: softened by SERVING_TEMPERATURE, and the active zero-shot row's
confidence map (fitted on the conference's decisions) applied to its suggestions."""

import numpy as np

from modeldemo import services, serving
from modeldemo.calibration import apply_confidence_map, apply_temperature
from modeldemo.categorisers.zeroshot import SERVING_TEMPERATURE
from tests.modeldemo.conftest import TINY

TEXTS = [TINY["NLP"][0], TINY["Vision"][0], TINY["Speech"][0]]


def _raw(conference):
    return serving.zero_shot(
        serving.track_label_texts(conference), serving.track_chinese_texts(conference)
    )


def test_without_an_active_version_zero_shot_is_served_softened(conference, ml_tracks):
    categoriser, mapping, name = services.categoriser_for_conference(conference=conference)
    raw = _raw(conference).predict_proba(TEXTS)
    served = categoriser.predict_proba(TEXTS)

    assert SERVING_TEMPERATURE == 1.4
    np.testing.assert_allclose(served, apply_temperature(raw, 1.4))
    # The same ranks, less sure: every top probability lower than the raw softmax's.
    assert (served.argmax(axis=1) == raw.argmax(axis=1)).all()
    assert (served.max(axis=1) < raw.max(axis=1)).all()
    assert [categoriser.labels[j] for j in served.argmax(axis=1)] == ["NLP", "Vision", "Speech"]
    assert name == services.current_version_name(conference=conference)
    assert set(mapping) == {"NLP", "Vision", "Speech"}


def test_the_active_zero_shot_rows_map_is_applied_to_its_suggestions(
    conference, organiser, ml_tracks
):
    builtin = serving.builtin_zeroshot(conference=conference)
    services.activate_model_version(version=builtin, user=organiser)
    fitted = {"a": 0.8, "b": 0.6, "c": -0.2, "fitted_on": 40}
    builtin.calibration = {"confidence_map": fitted}
    builtin.save(update_fields=["calibration"])

    categoriser, _mapping, name = services.categoriser_for_conference(conference=conference)
    served = categoriser.predict_proba(TEXTS)

    expected = apply_confidence_map(
        apply_temperature(_raw(conference).predict_proba(TEXTS), 1.4), fitted
    )
    np.testing.assert_allclose(served, expected)
    assert not np.allclose(served, apply_temperature(_raw(conference).predict_proba(TEXTS), 1.4))
    # The suggestions still carry zero-shot's own version name.
    assert name == services.current_version_name(conference=conference)
