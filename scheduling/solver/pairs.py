"""Keeping only the strongest pairs (similarity, co-favourites): plain Python, no Django."""

from __future__ import annotations

from collections import defaultdict


def top_pairs(scores: dict[tuple[int, int], float], per_talk: int) -> dict[tuple[int, int], float]:
    """The pairs that are among the `per_talk` best of either of their talks."""
    by_talk = defaultdict(list)
    for pair, score in scores.items():
        for talk_id in pair:
            by_talk[talk_id].append((score, pair))
    keep = set()
    for entries in by_talk.values():
        entries.sort(key=lambda entry: (-entry[0], entry[1]))
        keep.update(pair for _score, pair in entries[:per_talk])
    return {pair: scores[pair] for pair in sorted(keep)}
