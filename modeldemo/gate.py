"""The gate before activation: a version against the active one on this conference's own
decided submissions. No Django.

Decided = a person confirmed or set the track. A fixed share of them (chosen by a hash of the
submission id, so the same ones for every version) never goes into any training: every version,
earlier or later, trained or zero-shot, is scored on the same unseen submissions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

HOLDOUT_SHARE = 0.25
METRIC = "f1_macro"
# Fewer held-out decisions than this say nothing: the gate passes and says so.
MIN_EXAMPLES = 5
# A challenger the app trains by itself is promoted only when it *wins*: not merely no worse
# than the active version, but better in at least WIN_SHARE of BOOTSTRAP_ROUNDS resamples of
# the held-out decisions (both versions scored on the same resample; ties count half). On a
# few dozen decisions a higher macro-F1 is often noise: on IJCAI at 10 % decided a challenger
# passed with 0.330 against 0.327 on 38 decisions and then did worse than the active version
# on the submissions left (macro-F1 0.415 against 0.473). An organiser may still activate a
# version that only passes.
WIN_SHARE = 0.8
BOOTSTRAP_ROUNDS = 1000


class Verdict:
    PASS = "pass"  # at least as good as the active version
    FAIL = "fail"  # worse: activation refused unless overridden with a reason
    NO_DATA = "no_data"  # too few decided submissions to tell


def is_held_out(submission_id: int, *, share: float = HOLDOUT_SHARE) -> bool:
    """Whether a decided submission belongs to the gate's set (stable across processes)."""
    digest = hashlib.sha256(f"gate:{submission_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def scores(gold: Sequence[str], probabilities, labels: Sequence[str]) -> dict:
    """{"examples", "accuracy", "f1_macro", "top_3_accuracy"} of one version on the gate set."""
    from sklearn.metrics import f1_score

    labels = list(labels)
    index = {label: j for j, label in enumerate(labels)}
    if not len(gold):
        return {"examples": 0}
    probabilities = np.asarray(probabilities, dtype=np.float64)
    y = np.array([index.get(label, -1) for label in gold])
    predicted = probabilities.argmax(axis=1)
    top3 = np.argsort(-probabilities, axis=1)[:, :3]
    return {
        "examples": len(y),
        "accuracy": round(float((predicted == y).mean()), 4),
        "f1_macro": round(
            float(f1_score(y, predicted, labels=sorted(set(y) - {-1}), average="macro")), 4
        ),
        "top_3_accuracy": round(float((top3 == y[:, None]).any(axis=1).mean()), 4),
    }


def compare(candidate: dict, active: dict | None) -> str:
    """The verdict on two score dicts of the same submissions (active None: nothing to beat)."""
    if candidate.get("examples", 0) < MIN_EXAMPLES:
        return Verdict.NO_DATA
    if active is None or not active.get("examples"):
        return Verdict.PASS
    return Verdict.PASS if candidate[METRIC] >= active[METRIC] else Verdict.FAIL


def macro_f1_rows(gold: np.ndarray, predicted: np.ndarray, classes: int) -> np.ndarray:
    """Macro-F1 of each row of (rounds, n) gold and predicted column indices, over the classes
    each row's gold holds (as `scores` does; gold -1 is no class). F1 of a class is
    2·tp / (predicted + support)."""
    rounds = gold.shape[0]
    offsets = (np.arange(rounds) * (classes + 1))[:, None]
    size = rounds * (classes + 1)

    def count(values, where=None):
        shifted = (np.where(values < 0, classes, values) + offsets).ravel()
        weights = None if where is None else where.ravel().astype(float)
        return np.bincount(shifted, weights=weights, minlength=size).reshape(rounds, -1)[
            :, :classes
        ]

    support = count(gold)
    predicted_counts = count(predicted)
    true_positives = count(gold, where=gold == predicted)
    present = support > 0
    f1 = np.where(present, 2 * true_positives / np.maximum(predicted_counts + support, 1), 0.0)
    return f1.sum(axis=1) / np.maximum(present.sum(axis=1), 1)


def win_share(
    gold: Sequence[str],
    candidate_probabilities,
    active_probabilities,
    labels: Sequence[str],
    *,
    rounds: int = BOOTSTRAP_ROUNDS,
    seed: int = 0,
) -> float:
    """The share of paired bootstrap resamples of the gate set on which the candidate's
    macro-F1 is above the active version's (ties count half). Both probability matrices have
    columns in `labels` order. 0.0 without examples."""
    labels = list(labels)
    index = {label: j for j, label in enumerate(labels)}
    y = np.array([index.get(label, -1) for label in gold])
    if not len(y):
        return 0.0
    candidate = np.asarray(candidate_probabilities, dtype=np.float64).argmax(axis=1)
    active = np.asarray(active_probabilities, dtype=np.float64).argmax(axis=1)
    picks = np.random.default_rng(seed).integers(0, len(y), size=(rounds, len(y)))
    ours = macro_f1_rows(y[picks], candidate[picks], len(labels))
    theirs = macro_f1_rows(y[picks], active[picks], len(labels))
    return float(((ours > theirs) + 0.5 * (ours == theirs)).mean())


def wins(verdict: str, share: float | None) -> bool:
    """Whether the app may promote a challenger by itself: it passed, and won in WIN_SHARE of
    the resamples (share None: there was no active version to win against)."""
    return verdict == Verdict.PASS and share is not None and share >= WIN_SHARE
