"""The gate's scores and verdicts on a conference's decided submissions."""

import numpy as np

from modeldemo.gate import MIN_EXAMPLES, Verdict, compare, is_held_out, scores

LABELS = ["A", "B"]


def test_scores_on_decided_submissions():
    gold = ["A", "A", "B", "B"]
    probabilities = np.array([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], [0.4, 0.6]])

    assert scores(gold, probabilities, LABELS) == {
        "examples": 4,
        "accuracy": 0.75,
        "f1_macro": 0.7333,
        "top_3_accuracy": 1.0,
    }


def test_compare_refuses_a_worse_version():
    active = {"examples": 10, "f1_macro": 0.6}

    assert compare({"examples": 10, "f1_macro": 0.5}, active) == Verdict.FAIL
    assert compare({"examples": 10, "f1_macro": 0.6}, active) == Verdict.PASS
    assert compare({"examples": 10, "f1_macro": 0.1}, None) == Verdict.PASS
    assert compare({"examples": MIN_EXAMPLES - 1, "f1_macro": 0.1}, active) == Verdict.NO_DATA


def test_held_out_share_is_stable_and_about_a_quarter():
    chosen = [pk for pk in range(1, 2001) if is_held_out(pk)]

    assert chosen == [pk for pk in range(1, 2001) if is_held_out(pk)]
    assert 400 < len(chosen) < 600
