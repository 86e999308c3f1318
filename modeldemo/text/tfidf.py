"""TF-IDF + logistic regression: the bag-of-words baseline that the BERT categoriser must beat.

It reads the brief's cleaned text (modeldemo.text.cleaning) and trains in seconds. Saved as
config.json (labels, vocabulary, settings) + weights.npz (idf, coefficients): no pickle, so a
saved model can be read without trusting it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from modeldemo.categorisers.base import Ranking, top_k
from modeldemo.text.cleaning import clean_text

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.npz"


def _vectoriser(*, ngram_max: int, min_df: int, max_features: int | None, vocabulary=None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        preprocessor=clean_text,
        ngram_range=(1, ngram_max),
        min_df=min_df,
        max_features=max_features,
        # log(1 + tf): a word said ten times is not ten times the evidence.
        sublinear_tf=True,
        vocabulary=vocabulary,
        dtype=np.float32,
    )


class TfidfCategoriser:
    kind = "tfidf"

    def __init__(self, vectoriser, coef: np.ndarray, intercept: np.ndarray, labels, *, config):
        self.vectoriser = vectoriser
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.labels = list(labels)
        self.config = config
        self.version = config["version"]

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        *,
        ngram_max: int = 2,
        min_df: int = 1,
        max_features: int | None = 100_000,
        C: float = 10.0,
        seed: int = 42,
    ) -> TfidfCategoriser:
        """Fit the vocabulary and a multinomial logistic regression on (text, label) pairs."""
        from sklearn.linear_model import LogisticRegression

        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
        label_names = sorted(set(labels))
        if len(label_names) < 2:
            raise ValueError("a TF-IDF categoriser needs at least two labels")
        vectoriser = _vectoriser(ngram_max=ngram_max, min_df=min_df, max_features=max_features)
        X = vectoriser.fit_transform(list(texts))
        # C=10 (weak L2): TF-IDF rows are unit-length and sparse, so the default C=1 underfits.
        model = LogisticRegression(C=C, max_iter=2000, random_state=seed)
        model.fit(X, list(labels))
        assert list(model.classes_) == label_names
        coef, intercept = model.coef_, model.intercept_
        settings = {"ngram_max": ngram_max, "min_df": min_df, "max_features": max_features}
        digest = hashlib.sha1("\x1f".join(label_names).encode())
        digest.update(np.ascontiguousarray(coef).tobytes())
        config = {
            "kind": cls.kind,
            "version": f"tfidf-{digest.hexdigest()[:10]}",
            "labels": label_names,
            "settings": settings,
            "training": {"examples": len(texts), "C": C, "seed": seed},
        }
        return cls(vectoriser, coef, intercept, label_names, config=config)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(labels)) probabilities in `self.labels` order, rows summing to 1."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        scores = np.asarray(self.vectoriser.transform(list(texts)) @ self.coef.T) + self.intercept
        if len(self.labels) == 2:
            # scikit-learn keeps one row of coefficients for two classes: P(second) = σ(score).
            second = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - second, second])
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def predict(self, texts: Sequence[str], *, k: int = 3) -> list[Ranking]:
        if not texts:
            return []
        return top_k(self.predict_proba(texts), self.labels, k)

    def save(self, directory: Path | str) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        vocabulary = {term: int(j) for term, j in self.vectoriser.vocabulary_.items()}
        config = {**self.config, "vocabulary": vocabulary}
        (directory / CONFIG_FILE).write_text(json.dumps(config, ensure_ascii=False) + "\n")
        np.savez(
            directory / WEIGHTS_FILE,
            idf=self.vectoriser.idf_,
            coef=self.coef,
            intercept=self.intercept,
        )
        return directory

    @classmethod
    def load(cls, directory: Path | str) -> TfidfCategoriser:
        directory = Path(directory)
        config = json.loads((directory / CONFIG_FILE).read_text())
        if config.get("kind") != cls.kind:
            raise ValueError(f"{directory} holds a {config.get('kind')!r} model, not 'tfidf'")
        vocabulary = config.pop("vocabulary")
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as stored:
            idf, coef, intercept = stored["idf"], stored["coef"], stored["intercept"]
        vectoriser = _vectoriser(**config["settings"], vocabulary=vocabulary)
        vectoriser.idf_ = idf
        return cls(vectoriser, coef, intercept, config["labels"], config=config)
