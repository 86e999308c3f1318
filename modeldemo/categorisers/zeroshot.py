"""Zero-shot categoriser: cosine of a text's MiniLM embedding with each track's description.

It needs no labelled data, so a new conference gets suggestions on day one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

import numpy as np

from modeldemo.categorisers.base import Ranking, top_k

# Cosines of MiniLM embeddings sit in a narrow band (about 0.0-0.6 for related texts); a
# softmax over raw cosines would be nearly flat. The temperature spreads them so that the
# probability reads as a usable confidence.
TEMPERATURE = 0.05
# A description that lists topics after a colon ("Databases: SQL, PostgreSQL, NoSQL, ...") gives
# each topic a vector too, and a text's cosine with the track is (1 − TOPIC_WEIGHT) × its cosine
# with the whole text + TOPIC_WEIGHT × its best cosine with one topic: a talk about one topic of
# a long list matches that topic better than the list's average. Chosen on FOSDEM's past years
# (2021–22 talks against the 12 coarse groups, never the years a benchmark tests): macro-F1
# 0.424 → 0.442 at 0.3 (0.437 at 0.5, 0.420 at 0.7, topics alone 0.385).
TOPIC_WEIGHT = 0.3
_TOPIC_SEPARATORS = re.compile(r"[,;]|\band\b")


def topics_of(text: str) -> list[str]:
    """The topics a track's text lists after its first colon, to the end of that sentence
    ([] without a colon)."""
    _head, colon, listed = text.partition(":")
    if not colon:
        return []
    listed = re.split(r"[.!?]\s", listed, maxsplit=1)[0]
    return [part.strip(" .") for part in _TOPIC_SEPARATORS.split(listed) if part.strip(" .")]


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
        topics = [topics_of(label_texts[label]) for label in self.labels]
        flat = [topic for listed in topics for topic in listed]
        vectors = self.encoder.encode(flat) if flat else np.zeros((0, 0))
        # Per track, its topics' rows of `vectors` (none: the whole text stands alone).
        self.topic_embeddings, start = [], 0
        for listed in topics:
            self.topic_embeddings.append(vectors[start : start + len(listed)])
            start += len(listed)

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
        if TOPIC_WEIGHT:
            for j, topics in enumerate(self.topic_embeddings):
                if len(topics):
                    best = (embeddings @ topics.T).max(axis=1)
                    cosines[:, j] = (1 - TOPIC_WEIGHT) * cosines[:, j] + TOPIC_WEIGHT * best
        logits = cosines / TEMPERATURE
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        return probabilities
