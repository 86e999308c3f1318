"""Every version covers every track: a trained model blended with the zero-shot prior per track.

A trained model knows only the labels it saw, and knows the rare ones badly. For each track t
with n_t training examples the blend trusts the model with weight w_t = n_t / (n_t + STRENGTH)
and the zero-shot categoriser with 1 − w_t:

    p(t) ∝ w_t · p_model(t) + (1 − w_t) · p_zeroshot(t)

so a track nobody labelled (n_t = 0, or added after training) still gets the zero-shot
probability, and a well-labelled one follows the model. No Django, numpy only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

# Examples of a track at which model and zero-shot count the same. A few dozen talks are what
# a trained model needs before its probabilities for a track beat a description's.
STRENGTH = 10.0


def evidence_weights(
    tracks: Sequence[str], evidence: Mapping[str, int], *, strength: float = STRENGTH
) -> np.ndarray:
    """w_t for each track, in `tracks` order (0 for a track without examples)."""
    counts = np.array([float(evidence.get(track, 0)) for track in tracks])
    return counts / (counts + strength) if strength > 0 else (counts > 0).astype(float)


def blend_with_prior(
    model_probabilities,
    model_labels: Sequence[str],
    prior_probabilities,
    tracks: Sequence[str],
    evidence: Mapping[str, int],
    *,
    strength: float = STRENGTH,
) -> np.ndarray:
    """(n, len(tracks)) probabilities over every track, rows summing to 1.

    `model_probabilities` is (n, len(model_labels)); labels that are no track are dropped (the
    mapping should have made them tracks). `prior_probabilities` is (n, len(tracks)).
    """
    prior = np.asarray(prior_probabilities, dtype=np.float64)
    model = np.zeros_like(prior)
    column = {track: j for j, track in enumerate(tracks)}
    source = np.asarray(model_probabilities, dtype=np.float64)
    for i, label in enumerate(model_labels):
        if label in column:
            model[:, column[label]] = source[:, i]
    weights = evidence_weights(tracks, evidence, strength=strength)
    blended = weights * model + (1.0 - weights) * prior
    totals = blended.sum(axis=1, keepdims=True)
    return blended / np.where(totals == 0, 1.0, totals)
