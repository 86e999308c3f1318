"""Every version covers every track: the per-track blend with the zero-shot prior."""

import numpy as np
import pytest

from modeldemo.coverage import (
    STRENGTH,
    STRENGTH_GRID,
    blend_with_prior,
    evidence_weights,
    fit_strength,
)

TRACKS = ["A", "B", "C"]


def test_unlabelled_track_still_gets_probability():
    model = np.array([[0.9, 0.1]])  # knows A and B only
    prior = np.array([[0.2, 0.2, 0.6]])

    blended = blend_with_prior(model, ["A", "B"], prior, TRACKS, {"A": 90, "B": 10}, strength=10)

    # w = 0.9, 0.5, 0: A 0.81 + 0.02, B 0.05 + 0.1, C 0.6, over 1.58.
    assert blended[0] == pytest.approx([0.83 / 1.58, 0.15 / 1.58, 0.6 / 1.58])
    assert blended.sum() == pytest.approx(1.0)


def test_well_labelled_tracks_follow_the_model():
    model = np.array([[0.7, 0.2, 0.1]])
    prior = np.array([[0.1, 0.1, 0.8]])

    blended = blend_with_prior(model, TRACKS, prior, TRACKS, {"A": 10**6, "B": 10**6, "C": 10**6})

    assert blended[0] == pytest.approx([0.7, 0.2, 0.1], abs=1e-4)


def test_model_labels_that_are_no_track_are_dropped():
    blended = blend_with_prior(
        np.array([[0.5, 0.5]]), ["A", "old"], np.array([[0.5, 0.5, 0.0]]), TRACKS, {"A": 10}
    )

    # A: w = 0.5, so 0.25 + 0.25; B (no examples): the prior's 0.5.
    assert blended[0] == pytest.approx([0.5, 0.5, 0.0])


def test_evidence_weights():
    assert evidence_weights(TRACKS, {"A": 10, "B": 30}, strength=10).tolist() == [0.5, 0.75, 0.0]


GOLD = [0, 1] * 25
RIGHT = np.array([[0.8, 0.2], [0.2, 0.8]] * 25)
WRONG = RIGHT[:, ::-1]
# Right on 40 of the 50 (the first ten wrong).
MOSTLY_RIGHT = np.vstack([WRONG[:10], RIGHT[10:]])


def test_fit_strength_keeps_the_model_when_it_alone_is_right():
    strength = fit_strength(RIGHT, ["A", "B"], MOSTLY_RIGHT, ["A", "B"], {"A": 100, "B": 100}, GOLD)

    assert strength == 0.0


def test_fit_strength_leans_on_zero_shot_when_the_model_is_wrong():
    strength = fit_strength(WRONG, ["A", "B"], MOSTLY_RIGHT, ["A", "B"], {"A": 100, "B": 100}, GOLD)

    assert strength == STRENGTH_GRID[-1] == 3000.0


def test_fit_strength_without_data_is_the_default():
    assert fit_strength(np.zeros((0, 2)), ["A", "B"], np.zeros((0, 2)), ["A", "B"], {}, []) == (
        STRENGTH
    )


def test_fit_strength_needs_fifty_texts_of_two_tracks():
    evidence = {"A": 100, "B": 100}

    few = fit_strength(WRONG[:49], ["A", "B"], RIGHT[:49], ["A", "B"], evidence, GOLD[:49])
    one_track = fit_strength(WRONG, ["A", "B"], RIGHT, ["A", "B"], evidence, [0] * 50)

    assert few == one_track == STRENGTH == 10.0
