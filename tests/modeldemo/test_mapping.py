"""Proposing a mapping from a past programme's labels to this conference's tracks."""

import numpy as np
import pytest

from modeldemo.mapping import apply_mapping, label_name_text, propose_mapping

VOCABULARY = ["python", "rust", "compiler", "kernel", "linux", "database", "sql", "cat"]


class WordEncoder:
    """Bag of known words: similarity is shared vocabulary, so proposals are exact."""

    name = "words"

    def encode(self, texts):
        out = np.zeros((len(texts), len(VOCABULARY)), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().replace(".", " ").replace(",", " ").split():
                if word in VOCABULARY:
                    out[i, VOCABULARY.index(word)] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


TRACKS = {
    "Languages": "Languages. Python, Rust and compiler design",
    "Systems": "Systems. Linux kernel",
    "Data": "Data. Database and SQL",
}


@pytest.fixture
def proposals():
    examples = {
        "python-devroom": ["Typing in python. More python", "A python compiler. Fast"],
        "kernel": ["Linux scheduling. In the kernel"],
        "PostgreSQL": ["Faster sql. A database story", "Sql plans. Indexes", "Vacuum. database"],
        "cats": ["Cat pictures. Cute"],
        "data": ["Anything at all. Really"],
    }
    return propose_mapping(examples=examples, tracks=TRACKS, encoder=WordEncoder())


def test_propose_mapping_picks_the_best_track_or_ignore(proposals):
    assert [(p.label, p.track) for p in proposals] == [
        ("PostgreSQL", "Data"),
        ("python-devroom", "Languages"),
        ("cats", None),
        ("data", "Data"),
        ("kernel", "Systems"),
    ]


def test_propose_mapping_gives_size_examples_and_scores(proposals):
    python = next(p for p in proposals if p.label == "python-devroom")
    cats = next(p for p in proposals if p.label == "cats")
    exact = next(p for p in proposals if p.label == "data")

    assert python.as_dict() == {
        "label": "python-devroom",
        "track": "Languages",
        "score": pytest.approx(1.0, abs=1e-4),
        "size": 2,
        "examples": ["Typing in python", "A python compiler"],
    }
    assert list(python.scores) == ["Languages", "Systems", "Data"]
    assert cats.score == pytest.approx(1 / 3)  # no signal: an even spread, so "ignore"
    assert exact.score == 1.0


def test_label_name_text_splits_separators():
    assert label_name_text("python-devroom") == "python devroom"
    assert label_name_text("web_perf/2019") == "web perf 2019"


def test_apply_mapping_relabels_and_drops_ignored():
    rows = [("a", "x"), ("b", "y"), ("c", "z")]

    assert apply_mapping(rows, {"x": "T1", "y": None}) == [("a", "T1")]
