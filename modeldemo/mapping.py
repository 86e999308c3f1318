"""Proposing a mapping from a past programme's labels to this conference's tracks. No Django.

Past programmes never use this year's track names (FOSDEM's 290 devrooms against 12 tracks),
so each source label is scored against each track with the zero-shot categoriser's own rule
(softmax over MiniLM cosines with the track's name + description, at its temperature): the
label's examples vote, each with its probabilities, and the label's name counts as one more
voice of weight NAME_WEIGHT. Titles, not whole abstracts: a title is a dozen tokens, an
abstract hundreds, and encoding is the slow part on a CPU. Then a second opinion that reads
whole texts: a TF-IDF + logistic regression learnt from the *other* labels' texts under their
best tracks so far reads each label's texts (text_votes), weight TEXT_WEIGHT, so a label whose
titles say little ("Perl", "Smalltalk") is placed by what its talks share with other labels'
(only where there are several labels per track: MIN_LABELS_PER_TRACK_FOR_TEXT).
Many labels may map to one track; a label whose best track is not clearly above an even spread
is proposed as "ignore" (None).

Chosen on FOSDEM's past years alone (devrooms <= 2022 against their coarse groups), never on
the years a benchmark tests: voting placed 80% of the examples right, the centroid of the
examples' embeddings 69-78%; the text votes at weight 0.25-0.4 raise that to 83-84% (0.35:
83.5%; text votes alone 63%, at 0.5 80%).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from modeldemo.categorisers.zeroshot import TEMPERATURE

NAME_WEIGHT = 0.4
# "Ignore" below IGNORE_FACTOR times an even spread (1 / number of tracks).
IGNORE_FACTOR = 1.5
EXAMPLE_TITLES = 3
# The bag-of-words second opinion (text_votes): its weight against the embedding scores, the
# folds its labels are read in, the texts per label it reads, its regularisation, and the
# labels it needs at least.
TEXT_WEIGHT = 0.35
TEXT_FOLDS = 5
TEXT_EXAMPLES = 200
TEXT_C = 10.0
MIN_LABELS_FOR_TEXT = 10
# ... and at least this many labels per track. A label's text votes come from the *other*
# labels' texts under their tracks; with about one label per track (IJCAI's 14 areas for 15
# tracks) leaving a label out leaves its own track with no texts, so they can only vote for
# another: on IJCAI 2020-22 they took the share of the past placed right from 76% to 53%
# (Computer Vision, Planning, Humans and AI all voted into Machine Learning or Search).
# FOSDEM's 257 devrooms for 12 tracks are where they were chosen (80.0% to 83.5%).
MIN_LABELS_PER_TRACK_FOR_TEXT = 3
# Titles encoded per label: a score from 20 is about that from all of them.
MAX_EXAMPLES_ENCODED = 20


@dataclass
class LabelProposal:
    label: str
    track: str | None  # a track name, or None for "ignore"
    score: float
    size: int
    examples: list[str] = field(default_factory=list)
    # {track: score} for every track, best first: what the edit form offers.
    scores: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "track": self.track,
            "score": round(self.score, 4),
            "size": self.size,
            "examples": self.examples,
        }


def label_name_text(label: str) -> str:
    """A label as words: "python-devroom" → "python devroom", "WebPerf_2019" → "WebPerf 2019"."""
    return re.sub(r"[\s_\-/.:]+", " ", label).strip()


def _title(text: str) -> str:
    """The first sentence of an example (examples are stored as "Title. Abstract")."""
    return text.split(". ", 1)[0][:120]


def propose_mapping(
    *,
    examples: Mapping[str, Sequence[str]],
    tracks: Mapping[str, str],
    encoder,
    ignore_factor: float = IGNORE_FACTOR,
    text_weight: float = TEXT_WEIGHT,
) -> list[LabelProposal]:
    """One proposal per source label (largest labels first), each with its best track or None.

    `examples` is {label: texts}, `tracks` {track name: text to compare with (name + description)}.
    A label that already names a track (case-insensitive) maps to it with score 1.0.
    """
    track_names = list(tracks)
    if not track_names:
        return [
            LabelProposal(label, None, 0.0, len(texts), [_title(t) for t in texts[:EXAMPLE_TITLES]])
            for label, texts in examples.items()
        ]
    by_key = {name.casefold(): name for name in track_names}
    track_vectors = _normalised(encoder.encode([tracks[name] for name in track_names]))
    labels = sorted(examples, key=lambda label: (-len(examples[label]), label))
    name_votes = _softmax(
        _normalised(encoder.encode([label_name_text(label) for label in labels])) @ track_vectors.T
    )
    ignore_below = ignore_factor / len(track_names)
    by_label = []
    for i, label in enumerate(labels):
        texts = list(examples[label])
        if texts:
            titles = [_title(text) for text in texts[:MAX_EXAMPLES_ENCODED]]
            votes = _softmax(_normalised(encoder.encode(titles)) @ track_vectors.T).mean(axis=0)
            by_label.append(NAME_WEIGHT * name_votes[i] + (1 - NAME_WEIGHT) * votes)
        else:
            by_label.append(name_votes[i])
    matrix = np.vstack(by_label)
    if text_weight > 0 and len(labels) >= MIN_LABELS_PER_TRACK_FOR_TEXT * len(track_names):
        read = text_votes([list(examples[label]) for label in labels], matrix)
        if read is not None:
            matrix = (1 - text_weight) * matrix + text_weight * read
    proposals = []
    for i, label in enumerate(labels):
        texts = list(examples[label])
        probabilities = matrix[i]
        scores = {name: float(probabilities[j]) for j, name in enumerate(track_names)}
        exact = by_key.get(label.casefold())
        if exact is not None:
            scores[exact] = 1.0
        ranked = dict(sorted(scores.items(), key=lambda item: -item[1]))
        best, best_score = next(iter(ranked.items()))
        proposals.append(
            LabelProposal(
                label=label,
                track=best if best_score >= ignore_below else None,
                score=best_score,
                size=len(texts),
                examples=[_title(t) for t in texts[:EXAMPLE_TITLES]],
                scores={name: round(score, 4) for name, score in ranked.items()},
            )
        )
    return proposals


def text_votes(
    texts_by_label: Sequence[Sequence[str]], probabilities: np.ndarray, *, folds: int = TEXT_FOLDS
) -> np.ndarray | None:
    """(labels, tracks): what a bag of words, learnt from the *other* labels' whole texts under
    their current best tracks, says of each label's texts (their probabilities averaged).

    Labels go round-robin into `folds`; each fold is read by a TF-IDF + logistic regression
    trained on the rest, so a label never votes for itself. A label without texts keeps a row
    of zeros (the caller's embedding scores stand alone). None below MIN_LABELS_FOR_TEXT
    labels with texts, where the other labels say too little about a track.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from modeldemo.text.cleaning import clean_text

    probabilities = np.asarray(probabilities, dtype=np.float64)
    best = probabilities.argmax(axis=1)
    filled = [i for i, texts in enumerate(texts_by_label) if texts]
    if len(filled) < MIN_LABELS_FOR_TEXT:
        return None
    out = np.zeros_like(probabilities)
    for fold in range(folds):
        held = [i for position, i in enumerate(filled) if position % folds == fold]
        taught = [i for position, i in enumerate(filled) if position % folds != fold]
        texts, targets = [], []
        for i in taught:
            chosen = list(texts_by_label[i][:TEXT_EXAMPLES])
            texts += chosen
            targets += [int(best[i])] * len(chosen)
        if len(set(targets)) < 2 or not held:
            continue
        vectoriser = TfidfVectorizer(
            preprocessor=clean_text, sublinear_tf=True, min_df=2, dtype=np.float32
        )
        model = LogisticRegression(C=TEXT_C, max_iter=1000)
        model.fit(vectoriser.fit_transform(texts), targets)
        for i in held:
            read = model.predict_proba(
                vectoriser.transform(list(texts_by_label[i][:TEXT_EXAMPLES]))
            )
            out[i, model.classes_] = read.mean(axis=0)
    return out


def _softmax(cosines: np.ndarray) -> np.ndarray:
    logits = np.atleast_2d(cosines) / TEMPERATURE
    logits -= logits.max(axis=1, keepdims=True)
    weights = np.exp(logits)
    return weights / weights.sum(axis=1, keepdims=True)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def apply_mapping(
    rows: Sequence[tuple[str, str]], mapping: Mapping[str, str | None]
) -> list[tuple[str, str]]:
    """Relabel (text, label) rows through `mapping`; unmapped or ignored labels are left out."""
    return [(text, mapping[label]) for text, label in rows if mapping.get(label)]
