"""A sequential multilayer perceptron: forward, backpropagation, and seeded mini-batch training."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from modeldemo.mlp.layers import Dense
from modeldemo.mlp.losses import Loss, get_loss
from modeldemo.mlp.optimisers import get_optimiser


def one_hot(classes: Sequence[int] | np.ndarray, n_classes: int, *, dtype=np.float32) -> np.ndarray:
    classes = np.asarray(classes, dtype=int)
    out = np.zeros((len(classes), n_classes), dtype=dtype)
    out[np.arange(len(classes)), classes] = 1.0
    return out


class MLP:
    """Dense layers applied in order, trained against one loss.

    `sizes` lists the widths from input to output, e.g. (2, 8, 1): two inputs, eight hidden
    units, one output. Weights are drawn from `seed`, so the same seed gives the same network.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        *,
        hidden_activation: str = "relu",
        output_activation: str = "sigmoid",
        loss: str | Loss = "bce",
        seed: int = 0,
        dtype=np.float32,
    ):
        if len(sizes) < 2:
            raise ValueError("an MLP needs at least an input and an output size")
        rng = np.random.default_rng(seed)
        n_layers = len(sizes) - 1
        self.layers = [
            Dense(
                sizes[i],
                sizes[i + 1],
                output_activation if i == n_layers - 1 else hidden_activation,
                rng=rng,
                dtype=dtype,
            )
            for i in range(n_layers)
        ]
        self.loss = get_loss(loss)
        self.dtype = np.dtype(dtype)

    @classmethod
    def from_layers(cls, layers: Sequence[Dense], *, loss: str | Loss) -> MLP:
        network = cls.__new__(cls)
        network.layers = list(layers)
        network.loss = get_loss(loss)
        network.dtype = layers[0].W.dtype
        return network

    @property
    def sizes(self) -> list[int]:
        return [self.layers[0].n_in] + [layer.n_out for layer in self.layers]

    # -- one pass -------------------------------------------------------------------------------

    def forward(self, X: np.ndarray) -> np.ndarray:
        a = np.asarray(X, dtype=self.dtype)
        for layer in self.layers:
            a = layer.forward(a)
        return a

    def backward(self, y: np.ndarray, *, shortcut: bool = True) -> None:
        """Backpropagate from the last forward pass; leaves δ, ∂J/∂W, ∂J/∂b on every layer.

        With `shortcut`, a sigmoid + binary cross-entropy or softmax + categorical
        cross-entropy output starts from δ⁽ᴸ⁾ = (a − y)/n; otherwise from the full chain rule
        ∂J/∂a ⊙ σ'(z). Both give the same numbers; the shortcut avoids dividing by a(1 − a).
        """
        output = self.layers[-1]
        y = np.asarray(y, dtype=self.dtype).reshape(output.a.shape)
        if shortcut and self.loss.shortcut == output.activation.name:
            grad = output.backward(delta=self.loss.delta(output.a, y))
        else:
            grad = output.backward(self.loss.backward(output.a, y))
        for layer in reversed(self.layers[:-1]):
            grad = layer.backward(grad)

    def loss_and_gradients(self, X: np.ndarray, y: np.ndarray, *, shortcut: bool = True) -> float:
        a = self.forward(X)
        y = np.asarray(y, dtype=self.dtype).reshape(a.shape)
        loss = self.loss.forward(a, y)
        self.backward(y, shortcut=shortcut)
        return loss

    def parameters(self) -> list[tuple[np.ndarray, np.ndarray]]:
        return [pair for layer in self.layers for pair in layer.parameters()]

    # -- training -------------------------------------------------------------------------------

    def fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        *,
        epochs: int = 100,
        batch_size: int = 32,
        optimiser: str = "adam",
        learning_rate: float = 0.01,
        seed: int = 0,
        validation_split: float = 0.0,
        patience: int | None = None,
        min_delta: float = 0.0,
        restore_best: bool = True,
    ) -> dict:
        """Mini-batch gradient descent; returns the history of train (and validation) loss.

        `validation_split` holds out that fraction of the shuffled samples; with `patience`,
        training stops once the validation loss (the training loss when nothing is held out)
        has not improved by more than `min_delta` for that many epochs, and with
        `restore_best` the weights of the best epoch are put back.
        """
        X = np.asarray(X, dtype=self.dtype)
        y = np.asarray(y, dtype=self.dtype).reshape(len(X), self.layers[-1].n_out)
        rng = np.random.default_rng(seed)
        order = rng.permutation(len(X))
        n_val = int(round(len(X) * validation_split))
        val_idx, train_idx = order[:n_val], order[n_val:]
        X_train, y_train = X[train_idx], y[train_idx]
        X_val, y_val = X[val_idx], y[val_idx]
        opt = get_optimiser(optimiser, learning_rate)
        params = self.parameters()

        history: dict = {"train_loss": [], "val_loss": [], "best_epoch": 0, "stopped_early": False}
        best, best_weights, waited = np.inf, self.get_weights(), 0
        for epoch in range(1, epochs + 1):
            shuffled = rng.permutation(len(X_train))
            for start in range(0, len(shuffled), batch_size):
                batch = shuffled[start : start + batch_size]
                self.loss_and_gradients(X_train[batch], y_train[batch])
                opt.step(params)
            train_loss = self.evaluate(X_train, y_train)
            history["train_loss"].append(train_loss)
            monitored = train_loss
            if n_val:
                monitored = self.evaluate(X_val, y_val)
                history["val_loss"].append(monitored)
            if monitored < best - min_delta:
                best, best_weights, waited = monitored, self.get_weights(), 0
                history["best_epoch"] = epoch
            else:
                waited += 1
                if patience is not None and waited >= patience:
                    history["stopped_early"] = True
                    break
        history["epochs_run"] = len(history["train_loss"])
        if patience is not None and restore_best:
            self.set_weights(best_weights)
        return history

    def evaluate(self, X: np.ndarray, y: np.ndarray) -> float:
        a = self.forward(X)
        return self.loss.forward(a, np.asarray(y, dtype=self.dtype).reshape(a.shape))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return self.forward(X)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class indices: argmax over several outputs, a 0.5 threshold on a single one."""
        a = self.forward(X)
        if a.shape[1] == 1:
            return (a[:, 0] >= 0.5).astype(int)
        return a.argmax(axis=1)

    # -- weights --------------------------------------------------------------------------------

    def get_weights(self) -> list[np.ndarray]:
        return [array.copy() for layer in self.layers for array in (layer.W, layer.b)]

    def set_weights(self, weights: Sequence[np.ndarray]) -> None:
        if len(weights) != 2 * len(self.layers):
            raise ValueError(f"expected {2 * len(self.layers)} arrays, got {len(weights)}")
        for i, layer in enumerate(self.layers):
            W, b = weights[2 * i], weights[2 * i + 1]
            if W.shape != layer.W.shape or b.shape != layer.b.shape:
                raise ValueError(f"layer {i + 1}: shapes {W.shape}, {b.shape} do not fit")
            # In place: optimisers hold references to these very arrays.
            layer.W[...] = W
            layer.b[...] = b
