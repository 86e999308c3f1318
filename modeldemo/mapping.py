"""Proposing a mapping from a past programme's labels to this conference's tracks. No Django.

Past programmes never use this year's track names (FOSDEM's 290 devrooms against 12 tracks),
so each source label is compared with each track: the MiniLM embedding of the label's name and
the centroid of its examples against the embedding of the track's name + description (the
zero-shot categoriser's track text). Many labels may map to one track; a label whose best score
stays below IGNORE_BELOW is proposed as "ignore" (None).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

# Weight of the label's examples against its name: a name such as "lightning" or "main track"
# says little, twenty talks say a lot; a label with one example leans more on its name.
NAME_WEIGHT = 0.3
# Cosines of MiniLM embeddings of related texts sit around 0.2-0.6; below this, nothing fits.
IGNORE_BELOW = 0.15
EXAMPLE_TITLES = 3
# Examples encoded per label: the centroid of 50 is as good as that of 500, and cheaper.
MAX_EXAMPLES_ENCODED = 50


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
    ignore_below: float = IGNORE_BELOW,
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
    name_vectors = _normalised(encoder.encode([label_name_text(label) for label in labels]))
    proposals = []
    for i, label in enumerate(labels):
        texts = list(examples[label])
        exact = by_key.get(label.casefold())
        if texts:
            centroid = _normalised(encoder.encode(texts[:MAX_EXAMPLES_ENCODED]).mean(axis=0))
            weight = NAME_WEIGHT if len(texts) > 1 else 0.5
            vector = weight * name_vectors[i] + (1 - weight) * centroid
        else:
            vector = name_vectors[i]
        cosines = track_vectors @ _normalised(vector)
        scores = {name: float(cosines[j]) for j, name in enumerate(track_names)}
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


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def apply_mapping(
    rows: Sequence[tuple[str, str]], mapping: Mapping[str, str | None]
) -> list[tuple[str, str]]:
    """Relabel (text, label) rows through `mapping`; unmapped or ignored labels are left out."""
    return [(text, mapping[label]) for text, label in rows if mapping.get(label)]
