"""The one interface every track categoriser implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# One ranked suggestion: (label, probability); a text gets its top-k, best first.
Ranking = list[tuple[str, float]]


class Categoriser(Protocol):
    kind: str  # "zeroshot" | "mlp" | "bert"
    version: str  # names the model the predictions came from
    labels: list[str]

    def predict(self, texts: Sequence[str], *, k: int = 3) -> list[Ranking]:
        """Top-k (label, probability) per text, probabilities of all labels summing to 1."""
        ...


def top_k(probabilities, labels: Sequence[str], k: int) -> list[Ranking]:
    """Turn a (n_texts, n_labels) probability matrix into ranked top-k lists."""
    rankings = []
    for row in probabilities:
        order = sorted(range(len(labels)), key=lambda j: -float(row[j]))[:k]
        rankings.append([(labels[j], round(float(row[j]), 6)) for j in order])
    return rankings
