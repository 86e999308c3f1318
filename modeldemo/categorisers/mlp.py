"""MLP categoriser: the teaching engine (modeldemo.mlp) trained on frozen MiniLM embeddings.

Texts become 384-d sentence vectors once; only a small dense network on top is trained,
so a few thousand examples train in seconds on a CPU. Saved as weights.npz + config.json
(no pickle). The encoder is imported inside functions: it pulls in torch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from modeldemo.categorisers.base import Ranking, top_k
from modeldemo.mlp.network import MLP, one_hot

WEIGHTS_FILE = "weights.npz"
CONFIG_FILE = "config.json"


# Below this many texts a handful held out for early stopping would make the stopping point
# noise: no early-stopping split.
MIN_TEXTS_FOR_EARLY_STOPPING = 50


def early_stopping_split(count: int, split: float = 0.1) -> float:
    """The share of `count` training texts held out for early stopping."""
    return split if count >= MIN_TEXTS_FOR_EARLY_STOPPING else 0.0


def _default_encoder():
    from modeldemo.bert.encoder import get_encoder

    return get_encoder()


class MLPCategoriser:
    kind = "mlp"

    def __init__(self, network: MLP, labels: Sequence[str], *, config: dict, encoder=None):
        self.network = network
        self.labels = list(labels)
        self.config = config
        self.version = config["version"]
        self.history: dict | None = None
        self._encoder = encoder

    @property
    def encoder(self):
        if self._encoder is None:
            self._encoder = _default_encoder()
        return self._encoder

    # -- training -------------------------------------------------------------------------------

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        *,
        hidden: int = 128,
        epochs: int = 100,
        seed: int = 42,
        encoder=None,
        learning_rate: float = 0.005,
        batch_size: int = 64,
        validation_split: float = 0.1,
        patience: int = 10,
    ) -> MLPCategoriser:
        """Encode `texts` and fit 384 → hidden (ReLU) → labels (softmax) with Adam.

        Early stopping watches a `validation_split` hold-out (early_stopping_split: none below
        MIN_TEXTS_FOR_EARLY_STOPPING texts).
        """
        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
        encoder = encoder or _default_encoder()
        embeddings = encoder.encode(list(texts))
        return cls.train_on_embeddings(
            embeddings,
            labels,
            hidden=hidden,
            epochs=epochs,
            seed=seed,
            encoder=encoder,
            learning_rate=learning_rate,
            batch_size=batch_size,
            validation_split=early_stopping_split(len(texts), validation_split),
            patience=patience,
        )

    @classmethod
    def train_on_embeddings(
        cls,
        embeddings: np.ndarray,
        labels: Sequence[str],
        *,
        hidden: int = 128,
        epochs: int = 100,
        seed: int = 42,
        encoder=None,
        encoder_name: str | None = None,
        learning_rate: float = 0.005,
        batch_size: int = 64,
        validation_split: float = 0.1,
        patience: int = 10,
    ) -> MLPCategoriser:
        label_names = sorted(set(labels))
        if len(label_names) < 2:
            raise ValueError("an MLP categoriser needs at least two labels")
        index = {label: i for i, label in enumerate(label_names)}
        X = np.asarray(embeddings, dtype=np.float32)
        Y = one_hot([index[label] for label in labels], len(label_names))
        network = MLP(
            (X.shape[1], hidden, len(label_names)),
            hidden_activation="relu",
            output_activation="softmax",
            loss="cce",
            seed=seed,
            dtype=np.float32,
        )
        history = network.fit(
            X,
            Y,
            epochs=epochs,
            batch_size=batch_size,
            optimiser="adam",
            learning_rate=learning_rate,
            seed=seed,
            validation_split=validation_split,
            patience=patience if validation_split > 0 else None,
            # Improvements below 0.001 nats are noise on a few hundred held-out texts.
            min_delta=1e-3,
        )
        name = encoder_name or getattr(encoder, "name", "unknown-encoder")
        config = {
            "kind": cls.kind,
            "version": _version(name, label_names, network),
            "labels": label_names,
            "encoder": name,
            "sizes": network.sizes,
            "hidden_activation": "relu",
            "output_activation": "softmax",
            "loss": "cce",
            "training": {
                "examples": len(X),
                "seed": seed,
                "learning_rate": learning_rate,
                "batch_size": batch_size,
                "validation_split": validation_split,
                "epochs_run": history["epochs_run"],
                "best_epoch": history["best_epoch"],
                "final_train_loss": history["train_loss"][-1],
            },
        }
        categoriser = cls(network, label_names, config=config, encoder=encoder)
        categoriser.history = history
        return categoriser

    # -- prediction -----------------------------------------------------------------------------

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(labels)) probabilities, rows summing to 1, in `self.labels` order."""
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.network.predict_proba(self.encoder.encode(list(texts)))

    def predict(self, texts: Sequence[str], *, k: int = 3) -> list[Ranking]:
        if not texts:
            return []
        return top_k(self.predict_proba(texts), self.labels, k)

    def predict_embeddings(self, embeddings: np.ndarray, *, k: int = 3) -> list[Ranking]:
        """Rank texts already encoded by the same encoder (saves encoding them twice)."""
        return top_k(self.network.predict_proba(embeddings), self.labels, k)

    # -- storage --------------------------------------------------------------------------------

    def save(self, directory: Path | str) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        arrays = {}
        for i, layer in enumerate(self.network.layers, start=1):
            arrays[f"W{i}"] = layer.W
            arrays[f"b{i}"] = layer.b
        np.savez(directory / WEIGHTS_FILE, **arrays)
        (directory / CONFIG_FILE).write_text(json.dumps(self.config, indent=2) + "\n")
        return directory

    @classmethod
    def load(cls, directory: Path | str, *, encoder=None) -> MLPCategoriser:
        directory = Path(directory)
        config = json.loads((directory / CONFIG_FILE).read_text())
        if config.get("kind") != cls.kind:
            raise ValueError(f"{directory} holds a {config.get('kind')!r} model, not 'mlp'")
        network = MLP(
            config["sizes"],
            hidden_activation=config["hidden_activation"],
            output_activation=config["output_activation"],
            loss=config["loss"],
            dtype=np.float32,
        )
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as stored:
            n_layers = len(network.layers)
            network.set_weights(
                [stored[f"{name}{i}"] for i in range(1, n_layers + 1) for name in ("W", "b")]
            )
        return cls(network, config["labels"], config=config, encoder=encoder)


def _version(encoder_name: str, labels: Sequence[str], network: MLP) -> str:
    digest = hashlib.sha1("\x1f".join(labels).encode())
    for array in network.get_weights():
        digest.update(np.ascontiguousarray(array).tobytes())
    return f"mlp-{encoder_name}-{digest.hexdigest()[:10]}"
