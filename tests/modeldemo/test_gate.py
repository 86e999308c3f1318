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


def test_macro_f1_of_each_resample_is_scikit_learns():
    from sklearn.metrics import f1_score

    from modeldemo.gate import macro_f1_rows

    rng = np.random.default_rng(3)
    gold = rng.integers(-1, 4, size=(6, 30))  # -1: a decision on no track of the version
    predicted = rng.integers(0, 4, size=(6, 30))

    expected = [
        f1_score(g, p, labels=sorted(set(g) - {-1}), average="macro")
        for g, p in zip(gold, predicted, strict=True)
    ]
    np.testing.assert_allclose(macro_f1_rows(gold, predicted, 4), expected)


def test_win_share_counts_resamples_won_and_ties_as_half():
    from modeldemo.gate import win_share

    gold = ["A", "B"] * 10
    right = np.array([[0.9, 0.1], [0.1, 0.9]] * 10)
    wrong = right[:, ::-1]
    half = np.array([[0.9, 0.1]] * 20)  # always A: right on half

    assert win_share(gold, right, wrong, LABELS) == 1.0
    assert win_share(gold, wrong, right, LABELS) == 0.0
    assert win_share(gold, right, right, LABELS) == 0.5  # every resample a tie
    assert 0.9 < win_share(gold, right, half, LABELS) <= 1.0
    assert win_share([], right[:0], right[:0], LABELS) == 0.0


def test_a_challenger_wins_only_when_it_passes_and_wins_most_resamples():
    from modeldemo.gate import WIN_SHARE, wins

    assert WIN_SHARE == 0.8
    assert wins(Verdict.PASS, 0.8) is True
    assert wins(Verdict.PASS, 0.79) is False
    assert wins(Verdict.FAIL, 1.0) is False
    assert wins(Verdict.NO_DATA, 1.0) is False
    assert wins(Verdict.PASS, None) is False  # no active version to win against
