"""Temperature scaling, ECE, reliability bins and thresholds for a target precision."""

import numpy as np
import pytest

from modeldemo.calibration import (
    apply_temperature,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    precision_and_coverage,
    reliability_bins,
    threshold_for_precision,
)

LOGITS = np.array([[4.0, 0.0], [4.0, 0.0], [4.0, 0.0], [0.0, 4.0]])
GOLD = [0, 0, 1, 1]  # one confident mistake in four


def test_fit_temperature_on_fixed_logits():
    temperature = fit_temperature(LOGITS, GOLD)

    # Three right and one wrong at margin 4: the NLL is least where σ(4/T) = 3/4.
    assert temperature == pytest.approx(4.0 / np.log(3.0), abs=1e-3)
    assert negative_log_likelihood(LOGITS, GOLD, temperature) < negative_log_likelihood(
        LOGITS, GOLD, 1.0
    )


def test_fit_temperature_without_data_is_one():
    assert fit_temperature(np.zeros((0, 3)), []) == 1.0


def test_apply_temperature_softens_probabilities():
    probabilities = np.array([[0.9, 0.1]])

    softened = apply_temperature(probabilities, 2.0)

    assert softened[0] == pytest.approx([0.75, 0.25])


def test_reliability_bins_and_ece():
    probabilities = np.array([[0.95, 0.05], [0.95, 0.05], [0.55, 0.45], [0.45, 0.55]])
    gold = [0, 1, 0, 0]

    bins = reliability_bins(probabilities, gold, bins=2)

    assert bins == [
        {"low": 0.0, "high": 0.5, "count": 0, "confidence": None, "accuracy": None},
        {"low": 0.5, "high": 1.0, "count": 4, "confidence": 0.75, "accuracy": 0.5},
    ]
    assert expected_calibration_error(probabilities, gold, bins=2) == pytest.approx(0.25)
    # Ten bins: 0.95 twice (half right) and 0.55 twice (half right).
    assert expected_calibration_error(probabilities, gold, bins=10) == pytest.approx(
        (2 * 0.45 + 2 * 0.05) / 4
    )


def test_threshold_for_precision_takes_the_widest_set_meeting_the_target():
    confidence = [0.99, 0.95, 0.9, 0.8, 0.7, 0.6]
    correct = [True, True, True, False, True, False]

    found = threshold_for_precision(confidence, correct, target=0.75)

    assert found == {"threshold": 0.7, "precision": 0.8, "coverage": 0.8333, "count": 5}
    assert threshold_for_precision(confidence, correct, target=1.0)["threshold"] == 0.9
    assert threshold_for_precision([0.5], [False], target=0.9)["threshold"] is None


def test_a_threshold_with_a_level_needs_decisions_that_show_the_precision():
    from modeldemo.calibration import precision_lower_bound

    # 19 right of 20 are 0.95 right, but show only 0.819 with 90 % probability; 45 of 45 show
    # 0.9501 (0.1 ** (1 / 45)).
    np.testing.assert_allclose(
        precision_lower_bound([19, 45, 0], [20, 45, 3], level=0.9),
        [0.8190390, 0.1 ** (1 / 45), 0.0],
        rtol=1e-6,
    )
    confidence = [round(0.99 - i * 0.01, 2) for i in range(50)]
    assert threshold_for_precision(confidence[:44], [True] * 44, target=0.95, level=0.9) == {
        "threshold": None,
        "precision": None,
        "coverage": 0.0,
        "count": 0,
    }
    assert threshold_for_precision(
        confidence, [True] * 45 + [False] * 5, target=0.95, level=0.9
    ) == {
        "threshold": 0.55,
        "precision": 1.0,
        "coverage": 0.9,
        "count": 45,
    }


def test_threshold_for_precision_never_splits_equal_confidences():
    found = threshold_for_precision([0.9, 0.9, 0.5], [True, False, True], target=1.0)

    assert found["threshold"] is None


def test_precision_and_coverage_at_a_threshold():
    assert precision_and_coverage([0.9, 0.8, 0.3], [True, False, True], threshold=0.8) == (
        0.5,
        pytest.approx(2 / 3),
    )
    assert precision_and_coverage([0.9], [True], threshold=None) == (0.0, 0.0)


# --- the confidence map, fitted on decided submissions -----------------------------------------


def test_the_map_replaces_the_top_and_scales_the_rest():
    # a = b = 1 (no bend), c = logit(0.6) − logit(0.9): 0.9 → 0.6 exactly.
    from modeldemo.calibration import _logit, apply_confidence_map

    shift = float(_logit(0.6) - _logit(0.9))
    mapped = apply_confidence_map([[0.06, 0.9, 0.04]], {"a": 1.0, "b": 1.0, "c": shift})

    assert mapped.round(6).tolist() == [[0.24, 0.6, 0.16]]


def test_the_map_never_changes_the_ranking():
    from modeldemo.calibration import _logit, apply_confidence_map

    # 0.5 → 0.3 would put the 0.45 first; the top is kept at the least value that keeps it first.
    shift = float(_logit(0.3) - _logit(0.5))
    mapped = apply_confidence_map([[0.5, 0.45, 0.05]], {"a": 1.0, "b": 1.0, "c": shift})

    assert mapped.round(5).tolist() == [[0.47368, 0.47368, 0.05263]]
    assert mapped.argmax(axis=1).tolist() == [0]
    assert mapped.sum(axis=1).round(9).tolist() == [1.0]


def test_no_map_changes_nothing():
    from modeldemo.calibration import apply_confidence_map, map_confidence

    rows = [[0.7, 0.2, 0.1]]
    assert apply_confidence_map(rows, None).tolist() == rows
    assert map_confidence([0.7], None).tolist() == [0.7]


def test_too_few_decisions_or_one_outcome_fit_no_map():
    from modeldemo.calibration import fit_confidence_map

    assert fit_confidence_map([0.8] * 29, [True] * 20 + [False] * 9) is None
    assert fit_confidence_map([0.8] * 40, [True] * 38 + [False] * 2) is None
    assert fit_confidence_map([0.8] * 40, [True] * 37 + [False] * 3)["fitted_on"] == 40


def test_the_map_bends_overconfidence_back():
    # Confident suggestions right 3 times in 4, unsure ones half the time: what mapped past
    # labels do to a model (FOSDEM: 0.95 → 77% right).
    from modeldemo.calibration import (
        expected_calibration_error_of,
        fit_confidence_map,
        map_confidence,
    )

    confidence = [0.95] * 40 + [0.4] * 40
    correct = [i % 4 != 0 for i in range(40)] + [i % 2 == 0 for i in range(40)]

    fitted = fit_confidence_map(confidence, correct)
    after = map_confidence(confidence, fitted)

    assert 0.72 < after[0] < 0.78 and 0.47 < after[-1] < 0.53
    assert expected_calibration_error_of(confidence, correct) == pytest.approx(0.15)
    assert expected_calibration_error_of(after, correct) < 0.03


def test_spot_checks_judge_whether_a_map_serves_what_is_left():
    from modeldemo.calibration import map_beats_none

    # The queue's picks: unsure (0.35) and right half the time. Spot checks: sure (0.9),
    # right 3 times in 4 (overconfident), in the first case.
    picks = [0.35] * 60, [i % 2 == 0 for i in range(60)]
    overconfident = [0.9] * 40, [i % 4 != 0 for i in range(40)]
    calibrated = [0.9] * 40, [i % 10 != 0 for i in range(40)]

    for (spot_conf, spot_right), expected in ((overconfident, True), (calibrated, False)):
        confidence = picks[0] + spot_conf
        correct = picks[1] + spot_right
        spots = [False] * 60 + [True] * 40
        assert map_beats_none(confidence, correct, spots) is expected


def test_without_enough_spot_checks_the_map_stands():
    from modeldemo.calibration import map_beats_none

    confidence, correct = [0.9] * 40, [i % 10 != 0 for i in range(40)]

    assert map_beats_none(confidence, correct, [True] * 9 + [False] * 31) is True
