"""Proposing a mapping from a past programme's labels to this conference's tracks. No Django.

Past programmes never use this year's track names (FOSDEM's 290 devrooms against 12 tracks),
so each source label is scored against each track with the zero-shot categoriser's own rule
(softmax over MiniLM cosines with the track's name + description, at its temperature): the
label's examples vote, each with its probabilities, and the label's name counts as one more
voice of weight NAME_WEIGHT. Titles, not whole abstracts: a title is a dozen tokens, an
abstract hundreds, and encoding is the slow part on a CPU. Many labels may map to one track; a
label whose best track is not clearly above an even spread is proposed as "ignore" (None).

Chosen on FOSDEM's past years alone (devrooms <= 2022 against their coarse groups), never on
the years a benchmark tests: voting placed 80% of the examples right, the centroid of the
examples' embeddings 69-78%.
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
    proposals = []
    for i, label in enumerate(labels):
        texts = list(examples[label])
        if texts:
            titles = [_title(text) for text in texts[:MAX_EXAMPLES_ENCODED]]
            votes = _softmax(_normalised(encoder.encode(titles)) @ track_vectors.T).mean(axis=0)
            probabilities = NAME_WEIGHT * name_votes[i] + (1 - NAME_WEIGHT) * votes
        else:
            probabilities = name_votes[i]
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
