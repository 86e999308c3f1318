"""The `mlp` categoriser: the engine trained on real MiniLM embeddings of a tiny 3-track set."""

import json
import subprocess
import sys

import numpy as np
import pytest

from modeldemo.categorisers.mlp import MLPCategoriser

TEXTS = {
    "Databases": [
        "Tuning PostgreSQL indexes for faster queries",
        "Designing a relational schema with foreign keys",
        "Sharding a MySQL cluster across regions",
        "Query planners and how SQL joins are executed",
        "Running database migrations without downtime",
        "Replication and failover in PostgreSQL",
        "Choosing between SQL and NoSQL databases",
        "Transactions, isolation levels and locking in SQL",
        "Backing up and restoring a large database",
        "Writing efficient SQL queries with window functions",
        "Connection pooling for database servers",
        "Storing time series data in a database",
    ],
    "Frontend": [
        "Building accessible forms in HTML and CSS",
        "State management in React applications",
        "Responsive layouts with CSS grid and flexbox",
        "Speeding up page load with lazy-loaded images",
        "Writing reusable Vue components",
        "Animating user interfaces with CSS transitions",
        "Testing browser UI with Playwright",
        "Designing a component library for the web",
        "TypeScript in large frontend codebases",
        "Rendering web pages on the server versus the browser",
        "Keyboard navigation and screen readers on websites",
        "Bundling JavaScript with modern build tools",
    ],
    "Machine learning": [
        "Training a neural network with backpropagation",
        "Fine-tuning a transformer language model",
        "Gradient descent and learning rate schedules",
        "Evaluating classifiers with precision and recall",
        "Overfitting, regularisation and dropout in deep learning",
        "Embedding sentences with pretrained models",
        "Decision trees and random forests explained",
        "Deploying a machine learning model to production",
        "Convolutional networks for image recognition",
        "Reinforcement learning agents that play games",
        "Feature engineering for predictive models",
        "Clustering data with k-means",
    ],
}


@pytest.fixture(scope="module")
def encoder():
    from modeldemo.bert.encoder import get_encoder

    return get_encoder()


@pytest.fixture(scope="module")
def dataset():
    texts = [text for track in TEXTS.values() for text in track]
    labels = [label for label, track in TEXTS.items() for _ in track]
    return texts, labels


@pytest.fixture(scope="module")
def trained(encoder, dataset):
    texts, labels = dataset
    return MLPCategoriser.train(texts, labels, hidden=32, epochs=100, seed=42, encoder=encoder)


def test_mlp_categoriser_fits_its_training_texts(trained, dataset, encoder):
    texts, labels = dataset

    rankings = trained.predict(texts, k=3)

    accuracy = np.mean(
        [ranking[0][0] == label for ranking, label in zip(rankings, labels, strict=True)]
    )
    assert accuracy >= 0.9
    assert trained.kind == "mlp"
    assert trained.labels == ["Databases", "Frontend", "Machine learning"]
    assert trained.version.startswith(f"mlp-{encoder.name}-")
    assert len(trained.version) == len(f"mlp-{encoder.name}-") + 10
    assert [len(r) for r in rankings] == [3] * len(texts)
    assert sorted(label for label, _ in rankings[0]) == trained.labels


def test_mlp_categoriser_probabilities_sum_to_one_and_k_limits(trained):
    probabilities = trained.predict_proba(["Indexing tables in PostgreSQL"])
    ranking = trained.predict(["Indexing tables in PostgreSQL"], k=1)

    assert probabilities.shape == (1, 3)
    assert float(probabilities.sum()) == pytest.approx(1.0, abs=1e-6)
    assert len(ranking[0]) == 1
    assert ranking[0][0][0] == "Databases"
    assert trained.predict([]) == []


def test_mlp_categoriser_save_load_gives_identical_probabilities(trained, encoder, tmp_path):
    probe = ["A talk about CSS layout", "Vector databases for embeddings", "Tuning SGD"]

    trained.save(tmp_path / "mlp")
    loaded = MLPCategoriser.load(tmp_path / "mlp", encoder=encoder)

    assert sorted(p.name for p in (tmp_path / "mlp").iterdir()) == ["config.json", "weights.npz"]
    assert np.array_equal(loaded.predict_proba(probe), trained.predict_proba(probe))
    assert loaded.predict(probe) == trained.predict(probe)
    assert loaded.version == trained.version
    assert loaded.labels == trained.labels
    config = json.loads((tmp_path / "mlp" / "config.json").read_text())
    assert config["sizes"] == [384, 32, 3]
    assert config["training"]["seed"] == 42


def test_mlp_categoriser_predict_embeddings_equals_predict(trained, encoder):
    texts = ["Indexing tables in PostgreSQL", "React hooks", "Training transformers"]

    from_embeddings = trained.predict_embeddings(encoder.encode(texts), k=2)

    assert from_embeddings == trained.predict(texts, k=2)
    assert [ranking[0][0] for ranking in from_embeddings] == [
        "Databases",
        "Frontend",
        "Machine learning",
    ]


def test_mlp_categoriser_same_seed_same_version(encoder, dataset, trained):
    texts, labels = dataset

    again = MLPCategoriser.train(texts, labels, hidden=32, epochs=100, seed=42, encoder=encoder)

    assert again.version == trained.version


class FakeEncoder:
    """Maps each text to a fixed random unit vector: fast, and enough for storage tests."""

    name = "fake"

    def encode(self, texts):
        out = []
        for text in texts:
            rng = np.random.default_rng(sum(text.encode()))
            vector = rng.normal(size=8)
            out.append(vector / np.linalg.norm(vector))
        return np.asarray(out, dtype=np.float32)


def test_mlp_categoriser_rejects_a_single_label():
    with pytest.raises(ValueError, match="at least two labels"):
        MLPCategoriser.train(["a", "b"], ["x", "x"], encoder=FakeEncoder())


def test_mlp_categoriser_load_refuses_another_kind(tmp_path):
    model = MLPCategoriser.train(["a", "b", "c", "d"], ["x", "y", "x", "y"], encoder=FakeEncoder())
    model.save(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text())
    (tmp_path / "config.json").write_text(json.dumps(config | {"kind": "bert"}))

    with pytest.raises(ValueError, match="not 'mlp'"):
        MLPCategoriser.load(tmp_path, encoder=FakeEncoder())


def test_mlp_categoriser_import_does_not_load_torch():
    code = (
        "import sys, modeldemo.categorisers.mlp, modeldemo.mlp.examples, modeldemo.mlp.network;"
        "print('torch' in sys.modules)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "False"


def test_mlp_categoriser_trains_on_2000_vectors():
    # How fast is measured in bench/, not here: timed asserts fail on a busy machine.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2000, 384)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    labels = [f"track-{i % 8}" for i in range(2000)]

    model = MLPCategoriser.train_on_embeddings(X, labels, encoder_name="random")

    assert model.version.startswith("mlp-random-")
    assert model.config["training"]["examples"] == 2000
