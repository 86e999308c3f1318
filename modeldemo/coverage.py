"""Every version covers every track: a trained model blended with the zero-shot prior per track.

A trained model knows only the labels it saw, and knows the rare ones badly. For each track t
with n_t training examples the blend trusts the model with weight w_t = n_t / (n_t + STRENGTH)
and the zero-shot categoriser with 1 − w_t:

    p(t) ∝ w_t · p_model(t) + (1 − w_t) · p_zeroshot(t)

so a track nobody labelled (n_t = 0, or added after training) still gets the zero-shot
probability, and a well-labelled one follows the model. STRENGTH is where a version starts; at
training, fit_strength picks the strength that predicts the validation split best (a bag of
words and an embedding err on different talks, so even a well-labelled track may gain from
the zero-shot voice), and the version serves with it. No Django, numpy only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

# Examples of a track at which model and zero-shot count the same. A few dozen talks are what
# a trained model needs before its probabilities for a track beat a description's.
STRENGTH = 10.0
# The strengths fit_strength tries: from "the model alone" to "zero-shot weighs as much as a
# thousand examples" (FOSDEM's largest tracks have about that many).
STRENGTH_GRID = (0.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0)
# Fewer validation texts, or texts of a single track, cannot tell the strengths apart: the
# default stands.
MIN_FIT_EXAMPLES = 50


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


def fit_strength(
    model_probabilities,
    model_labels: Sequence[str],
    prior_probabilities,
    tracks: Sequence[str],
    evidence: Mapping[str, int],
    gold: Sequence[int],
    *,
    grid: Sequence[float] = STRENGTH_GRID,
) -> float:
    """The strength of `grid` whose blend, temperature-scaled, has the lowest mean negative
    log-likelihood on (texts, gold column indices into `tracks`); ties go to the smaller.
    STRENGTH below MIN_FIT_EXAMPLES texts or when they are all of one track."""
    from modeldemo.calibration import fit_temperature, logits_of, negative_log_likelihood

    if len(gold) < MIN_FIT_EXAMPLES or len(set(gold)) < 2:
        return STRENGTH
    best, best_loss = STRENGTH, np.inf
    for strength in grid:
        blended = blend_with_prior(
            model_probabilities,
            model_labels,
            prior_probabilities,
            tracks,
            evidence,
            strength=strength,
        )
        logits = logits_of(blended)
        loss = negative_log_likelihood(logits, gold, fit_temperature(logits, gold))
        if loss < best_loss - 1e-9:
            best, best_loss = float(strength), loss
    return best
