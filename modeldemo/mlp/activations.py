"""Activations a = σ(z), each with the backward step δ = ∂J/∂z from ∂J/∂a.

Arrays hold one sample per row: z has shape (n_samples, n_units).
"""

from __future__ import annotations

import numpy as np


class Activation:
    name = ""

    def forward(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def derivative(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        """σ'(z), element-wise; `a` is σ(z), passed in because most derivatives reuse it."""
        raise NotImplementedError

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """δ = ∂J/∂a ⊙ σ'(z) for element-wise activations."""
        return grad_a * self.derivative(z, a)


class Sigmoid(Activation):
    name = "sigmoid"

    def forward(self, z):
        # Two branches so exp never overflows: 1/(1+e^-z) for z >= 0, e^z/(1+e^z) below.
        out = np.empty_like(z)
        positive = z >= 0
        out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
        ez = np.exp(z[~positive])
        out[~positive] = ez / (1.0 + ez)
        return out

    def derivative(self, z, a):
        return a * (1.0 - a)


class Tanh(Activation):
    name = "tanh"

    def forward(self, z):
        return np.tanh(z)

    def derivative(self, z, a):
        return 1.0 - a * a


class ReLU(Activation):
    name = "relu"

    def forward(self, z):
        return np.maximum(z, 0.0)

    def derivative(self, z, a):
        # The kink at z = 0 gets slope 0, as in PyTorch.
        return (z > 0).astype(z.dtype)


class Identity(Activation):
    name = "identity"

    def forward(self, z):
        return z.copy()

    def derivative(self, z, a):
        return np.ones_like(z)


class Softmax(Activation):
    """a_k = e^{z_k} / Σ_j e^{z_j} along each row; not element-wise, so no σ'(z) vector."""

    name = "softmax"

    def forward(self, z):
        # Subtracting the row maximum changes nothing mathematically and keeps exp finite.
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def derivative(self, z, a):
        raise TypeError("softmax has a Jacobian, not an element-wise derivative; use backward()")

    def backward(self, z, a, grad_a):
        # δ = J_softmaxᵀ ∂J/∂a with J_ij = a_i (1[i=j] − a_j), i.e. a ⊙ (g − (g·a)).
        return a * (grad_a - (grad_a * a).sum(axis=-1, keepdims=True))


ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Sigmoid, Tanh, ReLU, Identity, Softmax)
}


def get_activation(name: str | Activation) -> Activation:
    if isinstance(name, Activation):
        return name
    try:
        return ACTIVATIONS[name]()
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose from {sorted(ACTIVATIONS)}"
        ) from None
