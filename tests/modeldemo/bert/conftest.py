"""One tiny fine-tuned model, trained once per session on the real MiniLM weights.

Three tracks whose texts share no content words, 36 examples, 32 tokens, batches of 8: a few
optimiser steps are enough for the loss to fall, and the whole run takes seconds on a CPU.
"""

import pytest

TOPICS = {
    "ml": ["neural networks", "gradient descent", "deep learning", "transformer models"],
    "db": ["postgres indexes", "sql query planner", "database replication", "btree storage"],
    "sec": ["tls certificates", "fuzzing exploits", "malware analysis", "password hashing"],
}
FRAMES = ["A talk on {}", "Lessons learned from {}", "{} in production"]


def tiny_examples():
    texts, labels = [], []
    for label, topics in TOPICS.items():
        for topic in topics:
            for frame in FRAMES:
                texts.append(frame.format(topic))
                labels.append(label)
    return texts, labels


@pytest.fixture(scope="session")
def examples():
    return tiny_examples()


@pytest.fixture(scope="session")
def progress_calls():
    return []


@pytest.fixture(scope="session")
def trained(examples, progress_calls):
    from modeldemo.bert.config import TrainingConfig
    from modeldemo.bert.train import train

    texts, labels = examples
    config = TrainingConfig(
        max_length=32, batch_size=8, epochs=3, learning_rate=3e-4, device="cpu", seed=42
    )
    return train(
        texts,
        labels,
        config=config,
        on_progress=lambda step, total, info: progress_calls.append((step, total, info)),
    )


@pytest.fixture(scope="session")
def saved_folder(trained, tmp_path_factory):
    from modeldemo.bert.save import save

    return save(trained, tmp_path_factory.mktemp("models"), name="tiny")
