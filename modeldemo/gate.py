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
