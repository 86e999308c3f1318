"""Zero-shot categoriser: cosine of a text's MiniLM embedding with each track's description.

It needs no labelled data, so a new conference gets suggestions on day one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import numpy as np

from modeldemo.categorisers.base import Ranking, top_k

# Cosines of MiniLM embeddings sit in a narrow band (about 0.0-0.6 for related texts); a
# softmax over raw cosines would be nearly flat. The temperature spreads them so that the
# probability reads as a usable confidence.
TEMPERATURE = 0.05


def zeroshot_version(label_texts: Mapping[str, str], encoder_name: str) -> str:
    """The version a zero-shot categoriser will have, known without loading any model."""
    parts = list(label_texts) + list(label_texts.values())
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:10]
    return f"zeroshot-{encoder_name}-{digest}"


class ZeroShotCategoriser:
    kind = "zeroshot"

    def __init__(self, label_texts: Mapping[str, str], *, encoder=None):
        from modeldemo.bert.encoder import get_encoder

        self.encoder = encoder or get_encoder()
        self.labels = list(label_texts)
        self.version = zeroshot_version(label_texts, self.encoder.name)
        self.label_embeddings = self.encoder.encode([label_texts[label] for label in self.labels])

    def predict(self, texts: Sequence[str], *, k: int = 3) -> list[Ranking]:
        if not texts:
            return []
        return self.predict_embeddings(self.encoder.encode(list(texts)), k=k)

    def predict_embeddings(self, embeddings: np.ndarray, *, k: int = 3) -> list[Ranking]:
        """Rank texts already encoded by the same encoder (saves encoding them twice)."""
        return top_k(self.proba_of_embeddings(embeddings), self.labels, k)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(labels)) probabilities in `self.labels` order."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        return self.proba_of_embeddings(self.encoder.encode(list(texts)))

    def proba_of_embeddings(self, embeddings: np.ndarray) -> np.ndarray:
        cosines = embeddings @ self.label_embeddings.T
        logits = cosines / TEMPERATURE
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        return probabilities
