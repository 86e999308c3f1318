"""Proposing a mapping from a past programme's labels to this conference's tracks."""

import numpy as np
import pytest

from modeldemo.mapping import apply_mapping, label_name_text, propose_mapping, text_votes

VOCABULARY = ["python", "rust", "compiler", "kernel", "linux", "database", "sql", "cat"]
# One word per track of the one-label-per-track test below.
AREAS = ["vision", "speech", "robots", "games", "logic", "planning", "search", "ethics", "agents"]
VOCABULARY += AREAS


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


def _many_labels():
    """Ten labels whose titles name their track, and one whose title says nothing."""
    examples = {}
    for i in range(5):
        examples[f"lang-{i}"] = [
            f"Python {i}. interpreters bytecode garbage collection",
            f"Rust {i}. borrow checker lifetimes",
        ]
        examples[f"sys-{i}"] = [
            f"Kernel {i}. schedulers interrupts drivers",
            f"Linux {i}. filesystems drivers",
        ]
    # No word of the vocabulary: only its abstracts, like the lang-* labels', can place it.
    examples["mystery"] = [
        "Untitled. bytecode interpreters garbage collection",
        "Another. borrow checker lifetimes",
    ]
    return examples


def test_text_votes_place_a_label_whose_titles_say_nothing():
    proposals = {
        p.label: p
        for p in propose_mapping(examples=_many_labels(), tracks=TRACKS, encoder=WordEncoder())
    }

    assert proposals["mystery"].track == "Languages"
    assert list(proposals["mystery"].scores)[0] == "Languages"
    assert proposals["lang-0"].track == "Languages"
    assert proposals["sys-0"].track == "Systems"


def test_without_text_votes_such_a_label_is_ignored():
    proposals = {
        p.label: p
        for p in propose_mapping(
            examples=_many_labels(), tracks=TRACKS, encoder=WordEncoder(), text_weight=0
        )
    }

    assert proposals["mystery"].track is None
    assert proposals["mystery"].score == pytest.approx(1 / 3)


def test_text_votes_need_ten_labels_and_never_read_a_label_with_itself():
    examples = _many_labels()
    labels = list(examples)
    # Every label's current best track: the lang-* labels Languages (0), the others Systems (1).
    current = np.array(
        [[1.0, 0, 0] if label.startswith("lang") else [0, 1.0, 0] for label in labels]
    )

    read = text_votes([examples[label] for label in labels], current)

    # "mystery" was taught as Systems, but the other labels' texts read it as Languages.
    assert read[labels.index("mystery")].argmax() == 0
    assert read[:, 2].tolist() == [0.0] * len(labels)  # no label was taught as Data
    assert text_votes([examples[label] for label in labels[:9]], current[:9]) is None


def test_no_text_votes_with_about_one_label_per_track():
    # Like IJCAI's areas renamed: 9 labels for 9 tracks, and a big label that is about
    # everything. Leaving a label out would leave its track without texts.
    tracks = {area.title(): f"{area.title()}. {area}" for area in AREAS}
    examples = {
        area[:3].upper(): [f"{area} {i}. about {area}" for i in range(20)] for area in AREAS
    }
    examples["ML"] = [f"Learning {i}. {' '.join(AREAS)}" for i in range(60)]

    proposals = propose_mapping(examples=examples, tracks=tracks, encoder=WordEncoder())
    alone = propose_mapping(examples=examples, tracks=tracks, encoder=WordEncoder(), text_weight=0)

    assert [(p.label, p.track, p.scores) for p in proposals] == [
        (p.label, p.track, p.scores) for p in alone
    ]
    assert {p.label: p.track for p in proposals if p.label != "ML"} == {
        area[:3].upper(): area.title() for area in AREAS
    }
