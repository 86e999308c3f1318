"""Zero-shot reads the topics a track's description lists, each with its own vector."""

import math

import numpy as np
import pytest

from modeldemo.categorisers.zeroshot import TEMPERATURE, ZeroShotCategoriser, topics_of

VOCABULARY = ["sql", "postgres", "linux", "scheduler"]


class WordEncoder:
    name = "words"

    def encode(self, texts):
        out = np.zeros((len(texts), len(VOCABULARY)), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().replace(",", " ").replace(".", " ").split():
                if word in VOCABULARY:
                    out[i, VOCABULARY.index(word)] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def test_topics_of_splits_the_list_after_the_colon():
    assert topics_of("databases. Databases: SQL, PostgreSQL and NoSQL; replication.") == [
        "SQL",
        "PostgreSQL",
        "NoSQL",
        "replication",
    ]
    assert topics_of("Vision. Images, video") == []
    assert topics_of("Speech: recognition, synthesis. We want evidence, not demos.") == [
        "recognition",
        "synthesis",
    ]


def test_a_text_about_one_topic_matches_it_better_than_the_whole_list():
    categoriser = ZeroShotCategoriser(
        {"Data": "Data. Databases: sql, postgres", "Systems": "Systems. Kernels: linux, scheduler"},
        encoder=WordEncoder(),
    )

    (row,) = categoriser.predict_proba(["postgres"])

    # Data: 0.7 × cos(whole) 1/√2 + 0.3 × cos(best topic) 1; Systems: 0.
    data = 0.7 / math.sqrt(2) + 0.3
    assert row[0] == pytest.approx(1 / (1 + math.exp(-data / TEMPERATURE)))
    assert row.sum() == pytest.approx(1.0)
