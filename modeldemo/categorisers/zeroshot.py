"""Zero-shot categoriser: cosine of a text's MiniLM embedding with each track's description.

It needs no labelled data, so a new conference gets suggestions on day one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

import numpy as np

from conference.language import CHINESE, detect_language
from modeldemo.categorisers.base import Ranking, top_k

# Cosines of MiniLM embeddings sit in a narrow band (about 0.0-0.6 for related texts); a
# softmax over raw cosines would be nearly flat. The temperature spreads them so that the
# probability reads as a usable confidence.
TEMPERATURE = 0.05
# ... and that probability, served, is too sure of itself: a zero-shot suggestion given 0.6 is
# right about 4 times in 10. Served suggestions (modeldemo.serving) soften it by this second
# temperature until the conference's decisions fit it a map of its own. Fitted on two past
# programmes, never the years a benchmark tests: FOSDEM 2020-22 (400 talks, 12 coarse groups)
# 1.53, IJCAI 2020-22 (400 papers, 15 areas) 1.36. On the years after (2023-24) it takes the
# expected calibration error from 0.135 to 0.067 (FOSDEM) and from 0.103 to 0.064 (IJCAI);
# ranks, and so accuracy and F1, stay as they were.
SERVING_TEMPERATURE = 1.4
# A description that lists topics after a colon ("Databases: SQL, PostgreSQL, NoSQL, ...") gives
# each topic a vector too, and a text's cosine with the track is (1 − TOPIC_WEIGHT) × its cosine
# with the whole text + TOPIC_WEIGHT × its best cosine with one topic: a talk about one topic of
# a long list matches that topic better than the list's average. Chosen on FOSDEM's past years
# (2021–22 talks against the 12 coarse groups, never the years a benchmark tests): macro-F1
# 0.424 → 0.442 at 0.3 (0.437 at 0.5, 0.420 at 0.7, topics alone 0.385).
TOPIC_WEIGHT = 0.3
_TOPIC_SEPARATORS = re.compile(r"[,;]|\band\b")
# MiniLM-L6 was trained on English: a Chinese abstract's cosine with Chinese track texts tells
# little (CSL's 13 categories: macro-F1 0.12, BENCHMARKS.md). Chinese texts are therefore also
# matched by their character 1–2-grams against the Chinese track texts (TF-IDF cosine), and the
# two softmaxes averaged with this weight on the characters: macro-F1 0.12 → 0.34 on CSL, and
# the demo's 12 Chinese submissions go from 6 to 12 right (0.345 with the characters alone).
LEXICAL_WEIGHT = 0.5


def topics_of(text: str) -> list[str]:
    """The topics a track's text lists after its first colon, to the end of that sentence
    ([] without a colon)."""
    _head, colon, listed = text.partition(":")
    if not colon:
        return []
    listed = re.split(r"[.!?]\s", listed, maxsplit=1)[0]
    return [part.strip(" .") for part in _TOPIC_SEPARATORS.split(listed) if part.strip(" .")]


def zeroshot_version(
    label_texts: Mapping[str, str],
    encoder_name: str,
    chinese_texts: Mapping[str, str] | None = None,
) -> str:
    """The version a zero-shot categoriser will have, known without loading any model."""
    parts = list(label_texts) + list(label_texts.values())
    if chinese_texts:
        parts += ["zh", *chinese_texts.values()]
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:10]
    return f"zeroshot-{encoder_name}-{digest}"


def _softmax(scores: np.ndarray) -> np.ndarray:
    logits = scores / TEMPERATURE
    logits -= logits.max(axis=1, keepdims=True)
    probabilities = np.exp(logits)
    return probabilities / probabilities.sum(axis=1, keepdims=True)


class ZeroShotCategoriser:
    kind = "zeroshot"

    def __init__(
        self,
        label_texts: Mapping[str, str],
        *,
        encoder=None,
        chinese_texts: Mapping[str, str] | None = None,
    ):
        """label_texts: {label: "name. description"}; chinese_texts: the same in Chinese (the
        labels of label_texts, in any order), for texts written in Chinese (conference.language);
        without them every text is compared with label_texts alone."""
        from modeldemo.bert.encoder import get_encoder

        self.encoder = encoder or get_encoder()
        self.labels = list(label_texts)
        self.version = zeroshot_version(label_texts, self.encoder.name, chinese_texts)
        self.chinese = None
        if chinese_texts:
            ordered = {
                label: chinese_texts.get(label) or label_texts[label] for label in self.labels
            }
            self.chinese = ZeroShotCategoriser(ordered, encoder=self.encoder)
            self.lexical = _CharacterMatch(list(ordered.values()))
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
        return top_k(self.predict_proba(texts), self.labels, k)

    def predict_embeddings(self, embeddings: np.ndarray, *, k: int = 3) -> list[Ranking]:
        """Rank texts already encoded by the same encoder (saves encoding them twice)."""
        return top_k(self.proba_of_embeddings(embeddings), self.labels, k)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(labels)) probabilities in `self.labels` order; Chinese texts
        against the Chinese track texts when there are some (see LEXICAL_WEIGHT)."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        texts = list(texts)
        chinese = (
            [i for i, text in enumerate(texts) if detect_language(text) == CHINESE]
            if self.chinese is not None
            else []
        )
        english = [i for i in range(len(texts)) if i not in set(chinese)]
        out = np.zeros((len(texts), len(self.labels)))
        if english:
            out[english] = self.proba_of_embeddings(
                self.encoder.encode([texts[i] for i in english])
            )
        if chinese:
            picked = [texts[i] for i in chinese]
            meaning = self.chinese.proba_of_embeddings(self.encoder.encode(picked))
            characters = _softmax(self.lexical.cosines(picked))
            out[chinese] = (1 - LEXICAL_WEIGHT) * meaning + LEXICAL_WEIGHT * characters
        return out

    def proba_of_embeddings(self, embeddings: np.ndarray) -> np.ndarray:
        cosines = embeddings @ self.label_embeddings.T
        if TOPIC_WEIGHT:
            for j, topics in enumerate(self.topic_embeddings):
                if len(topics):
                    best = (embeddings @ topics.T).max(axis=1)
                    cosines[:, j] = (1 - TOPIC_WEIGHT) * cosines[:, j] + TOPIC_WEIGHT * best
        return _softmax(cosines)


class _CharacterMatch:
    """TF-IDF cosines of texts' Chinese character 1–2-grams with the track texts' (the IDF from
    the track texts: a character every track uses tells none apart)."""

    def __init__(self, track_texts: list[str]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.count = len(track_texts)

        from modeldemo.text.features import analyser

        self.vectoriser = TfidfVectorizer(analyzer=analyser("char"), sublinear_tf=True)
        try:
            self.tracks = self.vectoriser.fit_transform(track_texts)
        except ValueError:  # no track text has a word or character to match ("C", "?")
            self.tracks = None

    def cosines(self, texts: list[str]) -> np.ndarray:
        """(len(texts), tracks) cosines; all 0 (a flat softmax) when there is nothing to match."""
        if self.tracks is None:
            return np.zeros((len(texts), self.count))
        return np.asarray((self.vectoriser.transform(texts) @ self.tracks.T).todense())
