"""A trained categoriser made to cover every track and calibrated (see modeldemo.coverage).

It wraps any categoriser with `labels` (track names after the label mapping) and either
`predict_proba` or `predict`, a zero-shot categoriser over the conference's tracks, the
evidence (training examples per track) and a temperature. Its labels are the tracks, in the
zero-shot categoriser's order, whatever the trained model saw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from modeldemo.calibration import apply_confidence_map, apply_temperature
from modeldemo.categorisers.base import Ranking, top_k
from modeldemo.coverage import STRENGTH, blend_with_prior


def probabilities_of(categoriser, texts: Sequence[str]) -> np.ndarray:
    """Any categoriser's (n, len(labels)) probabilities, columns in its `labels` order."""
    if hasattr(categoriser, "predict_proba"):
        return np.asarray(categoriser.predict_proba(list(texts)), dtype=np.float64)
    labels = list(categoriser.labels)
    index = {label: j for j, label in enumerate(labels)}
    matrix = np.zeros((len(texts), len(labels)))
    for i, ranking in enumerate(categoriser.predict(list(texts), k=len(labels))):
        for label, probability in ranking:
            matrix[i, index[label]] = probability
    return matrix


class CoveredCategoriser:
    def __init__(
        self,
        base,
        zeroshot,
        *,
        evidence: Mapping[str, int],
        temperature: float = 1.0,
        strength: float = STRENGTH,
        version: str | None = None,
        confidence_map: dict | None = None,
    ):
        self.base = base
        self.zeroshot = zeroshot
        self.evidence = dict(evidence)
        self.temperature = temperature
        self.strength = strength
        # Fitted on this conference's decided submissions (calibration.fit_confidence_map).
        self.confidence_map = confidence_map
        self.kind = base.kind
        self.version = version or base.version
        self.labels = list(zeroshot.labels)

    def uncalibrated_proba(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)))
        return blend_with_prior(
            probabilities_of(self.base, texts),
            list(self.base.labels),
            self.zeroshot.predict_proba(list(texts)),
            self.labels,
            self.evidence,
            strength=self.strength,
        )

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return apply_confidence_map(
            apply_temperature(self.uncalibrated_proba(texts), self.temperature),
            self.confidence_map,
        )

    def predict(self, texts: Sequence[str], *, k: int = 3) -> list[Ranking]:
        if not texts:
            return []
        return top_k(self.predict_proba(texts), self.labels, k)


class CalibratedCategoriser:
    """Any categoriser over the tracks (zero-shot itself) with a temperature on top."""

    def __init__(
        self,
        base,
        *,
        temperature: float = 1.0,
        version: str | None = None,
        confidence_map: dict | None = None,
    ):
        self.base = base
        self.temperature = temperature
        self.confidence_map = confidence_map
        self.kind = base.kind
        self.version = version or base.version
        self.labels = list(base.labels)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return apply_confidence_map(
            apply_temperature(probabilities_of(self.base, texts), self.temperature),
            self.confidence_map,
        )

    def predict(self, texts: Sequence[str], *, k: int = 3) -> list[Ranking]:
        if not texts:
            return []
        return top_k(self.predict_proba(texts), self.labels, k)
