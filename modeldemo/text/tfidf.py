"""TF-IDF + logistic regression: the bag-of-words baseline that the BERT categoriser must beat.

It reads the brief's cleaned text (modeldemo.text.cleaning) and trains in seconds. Saved as
config.json (labels, vocabulary, settings) + weights.npz (idf, coefficients): no pickle, so a
saved model can be read without trusting it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from conference.language import CHINESE, detect_language
from modeldemo.categorisers.base import Ranking, top_k
from modeldemo.text.cleaning import clean_text
from modeldemo.text.features import CHINESE_FEATURES, analyser

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.npz"


def _vectoriser(
    *,
    ngram_max: int,
    min_df: int,
    max_features: int | None,
    vocabulary=None,
    features: str = "word",
    char_ngrams=(1, 2),
    chinese_features: str = CHINESE_FEATURES,
):
    from sklearn.feature_extraction.text import TfidfVectorizer

    if features == "word":
        # The English baseline exactly as before (models saved without "features" are this).
        tokens = {"preprocessor": clean_text, "ngram_range": (1, ngram_max)}
    else:
        tokens = {
            "analyzer": analyser(
                features,
                ngram_max=ngram_max,
                char_ngrams=tuple(char_ngrams),
                chinese_features=chinese_features,
            )
        }
    return TfidfVectorizer(
        **tokens,
        min_df=min_df,
        max_features=max_features,
        # log(1 + tf): a word said ten times is not ten times the evidence.
        sublinear_tf=True,
        vocabulary=vocabulary,
        dtype=np.float32,
    )


def balanced_weights(
    texts: Sequence[str], labels: Sequence[str], languages: Sequence[str]
) -> np.ndarray | None:
    """Per-example weights: the examples of each of `languages` weighted so that every label
    counts as much as any other in that language (scikit-learn's "balanced", within the
    language), the others 1. None when no example is in one of them.

    Why: the Chinese abstracts at hand are 44 % one category, and unweighted the model almost
    never suggests the small ones (macro-F1 0.36 → 0.51 weighted, BENCHMARKS.md); English
    programmes are spread evenly enough, and their figures stay as they were.
    """
    if not languages:
        return None
    language_of = [detect_language(text) for text in texts]
    if not set(language_of) & set(languages):
        return None
    weights = np.ones(len(texts))
    for language in languages:
        ids = [i for i, found in enumerate(language_of) if found == language]
        counts = Counter(labels[i] for i in ids)
        for i in ids:
            weights[i] = len(ids) / (len(counts) * counts[labels[i]])
    return weights


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
        features: str = "auto",
        char_ngrams: tuple[int, int] = (1, 2),
        chinese_features: str = CHINESE_FEATURES,
        balanced_languages: Sequence[str] = (CHINESE,),
    ) -> TfidfCategoriser:
        """Fit the vocabulary and a multinomial logistic regression on (text, label) pairs.

        features: modeldemo.text.features ("auto": English texts by words, Chinese ones by
        `chinese_features`, so one model serves a conference in both languages);
        balanced_languages: whose examples are class-balanced within their language
        (balanced_weights; () for none).
        """
        from sklearn.linear_model import LogisticRegression

        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
        label_names = sorted(set(labels))
        if len(label_names) < 2:
            raise ValueError("a TF-IDF categoriser needs at least two labels")
        settings = {"ngram_max": ngram_max, "min_df": min_df, "max_features": max_features}
        if features != "word":
            settings |= {
                "features": features,
                "char_ngrams": list(char_ngrams),
                "chinese_features": chinese_features,
            }
        vectoriser = _vectoriser(**settings)
        X = vectoriser.fit_transform(list(texts))
        # C=10 (weak L2): TF-IDF rows are unit-length and sparse, so the default C=1 underfits.
        model = LogisticRegression(C=C, max_iter=2000, random_state=seed)
        model.fit(
            X, list(labels), sample_weight=balanced_weights(texts, labels, balanced_languages)
        )
        assert list(model.classes_) == label_names
        coef, intercept = model.coef_, model.intercept_
        digest = hashlib.sha1("\x1f".join(label_names).encode())
        digest.update(np.ascontiguousarray(coef).tobytes())
        config = {
            "kind": cls.kind,
            "version": f"tfidf-{digest.hexdigest()[:10]}",
            "labels": label_names,
            "settings": settings,
            "training": {
                "examples": len(texts),
                "C": C,
                "seed": seed,
                "balanced_languages": list(balanced_languages),
            },
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
