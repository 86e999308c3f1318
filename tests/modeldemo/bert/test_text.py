"""The brief's cleaning and the TF-IDF baseline that reads it."""

import numpy as np

from modeldemo.text.cleaning import clean_text, join_fields, tokenise


def test_clean_text_exact_outputs():
    assert (
        clean_text("Fine-tuning BERT: the 2 best ways to do it!") == "fine tuning bert 2 best ways"
    )
    assert clean_text("What's NEW in C++20?") == "s new c 20"
    assert clean_text("Café_au_lait & 中文 分词") == "café au lait 中文 分词"
    assert clean_text("") == ""
    assert tokenise("The Rust compiler, and its borrow-checker") == [
        "rust",
        "compiler",
        "borrow",
        "checker",
    ]


def test_join_fields_skips_missing_fields():
    record = {"title": " Postgres ", "abstract": None, "notes": "Indexes"}

    assert join_fields(record, ["title", "abstract", "notes"]) == "Postgres\nIndexes"


def _tiny_tracks(seed):
    rng = np.random.default_rng(seed)
    words = {
        "ml": ["neural", "gradient", "training", "model", "embedding"],
        "db": ["query", "index", "postgres", "transaction", "replication"],
        "web": ["browser", "javascript", "css", "http", "frontend"],
    }
    filler = ["the", "talk", "about", "our", "new", "approach", "project", "team"]
    texts, labels = [], []
    for label, vocabulary in words.items():
        for _ in range(10):
            chosen = list(rng.choice(vocabulary, 2)) + list(rng.choice(filler, 4))
            texts.append(" ".join(rng.permutation(chosen)))
            labels.append(label)
    return texts, labels


def test_tfidf_beats_chance_and_survives_save_load(tmp_path):
    from modeldemo.text.tfidf import TfidfCategoriser

    train_texts, train_labels = _tiny_tracks(0)
    test_texts, test_labels = _tiny_tracks(1)
    categoriser = TfidfCategoriser.train(train_texts, train_labels)
    predicted = [ranking[0][0] for ranking in categoriser.predict(test_texts, k=3)]
    accuracy = np.mean([p == g for p, g in zip(predicted, test_labels, strict=True)])

    assert accuracy > 0.8  # chance is 1/3
    assert categoriser.kind == "tfidf" and categoriser.labels == ["db", "ml", "web"]
    loaded = TfidfCategoriser.load(categoriser.save(tmp_path / "tfidf"))
    assert loaded.version == categoriser.version
    assert np.allclose(loaded.predict_proba(test_texts), categoriser.predict_proba(test_texts))


def test_tfidf_two_labels_give_probabilities_summing_to_one():
    from modeldemo.text.tfidf import TfidfCategoriser

    categoriser = TfidfCategoriser.train(["sql index", "css browser"] * 3, ["db", "web"] * 3)
    probabilities = categoriser.predict_proba(["sql", "browser"])

    assert np.allclose(probabilities.sum(axis=1), 1)
    assert [r[0][0] for r in categoriser.predict(["sql", "browser"])] == ["db", "web"]
