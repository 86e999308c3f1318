"""Losses J(a, y) averaged over the samples of a batch, with ∂J/∂a and the δ shortcuts.

`a` and `y` have shape (n_samples, n_outputs). Every loss is a mean over samples, so every
gradient carries a factor 1/n; the sum over output units is not averaged.
"""

from __future__ import annotations

import numpy as np

# Keeps log() finite when an output saturates at exactly 0 or 1.
EPSILON = 1e-12


def _clip(a: np.ndarray, *, upper: bool = True) -> np.ndarray:
    # 1 − 1e-12 rounds to 1.0 in float32: there the margin must be float32's own epsilon.
    eps = max(EPSILON, float(np.finfo(a.dtype).eps))
    return np.clip(a, eps, 1.0 - eps if upper else None)


class Loss:
    name = ""
    # The output activation for which δ⁽ᴸ⁾ = ∂J/∂z⁽ᴸ⁾ simplifies to (a − y)/n.
    shortcut: str | None = None

    def forward(self, a: np.ndarray, y: np.ndarray) -> float:
        raise NotImplementedError

    def backward(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """∂J/∂a, same shape as a."""
        raise NotImplementedError

    def delta(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """δ⁽ᴸ⁾ = (a − y)/n, valid only when the output activation is `self.shortcut`."""
        return (a - y) / a.shape[0]


class MeanSquaredError(Loss):
    """J = 1/(2n) Σ_i ‖a_i − y_i‖²; the ½ is the textbook convention that makes ∂J/∂a = a − y."""

    name = "mse"

    def forward(self, a, y):
        return float(0.5 * np.sum((a - y) ** 2) / a.shape[0])

    def backward(self, a, y):
        return (a - y) / a.shape[0]


class BinaryCrossEntropy(Loss):
    """J = −1/n Σ_i Σ_k [y log a + (1 − y) log(1 − a)]: one independent yes/no per output."""

    name = "bce"
    shortcut = "sigmoid"

    def forward(self, a, y):
        a = _clip(a)
        return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)) / a.shape[0])

    def backward(self, a, y):
        a = _clip(a)
        return (a - y) / (a * (1.0 - a)) / a.shape[0]


class CategoricalCrossEntropy(Loss):
    """J = −1/n Σ_i Σ_k y_k log a_k, with one-hot (or probability) rows y."""

    name = "cce"
    shortcut = "softmax"

    def forward(self, a, y):
        return float(-np.sum(y * np.log(_clip(a, upper=False))) / a.shape[0])

    def backward(self, a, y):
        return -y / _clip(a, upper=False) / a.shape[0]


LOSSES: dict[str, type[Loss]] = {
    cls.name: cls for cls in (MeanSquaredError, BinaryCrossEntropy, CategoricalCrossEntropy)
}


def get_loss(name: str | Loss) -> Loss:
    if isinstance(name, Loss):
        return name
    try:
        return LOSSES[name]()
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose from {sorted(LOSSES)}") from None
