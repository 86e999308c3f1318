"""A dense layer: z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = σ(z⁽ˡ⁾), and its backward pass.

W has the brief's shape (n_out, n_in): row j holds the weights into neuron j. A batch holds
one sample per row, so for a batch the column-vector formula W a + b is written A Wᵀ + b.
"""

from __future__ import annotations

import numpy as np

from modeldemo.mlp.activations import Activation, get_activation


class Dense:
    def __init__(
        self,
        n_in: int,
        n_out: int,
        activation: str | Activation = "sigmoid",
        *,
        rng: np.random.Generator | None = None,
        dtype=np.float64,
    ):
        self.activation = get_activation(activation)
        rng = rng if rng is not None else np.random.default_rng(0)
        # He initialisation for ReLU, Glorot (Xavier) for the saturating ones: keeps the
        # variance of z roughly constant from layer to layer so training starts moving.
        if self.activation.name == "relu":
            scale = np.sqrt(2.0 / n_in)
        else:
            scale = np.sqrt(2.0 / (n_in + n_out))
        self.W = (rng.standard_normal((n_out, n_in)) * scale).astype(dtype)
        self.b = np.zeros(n_out, dtype=dtype)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)

    @classmethod
    def from_weights(cls, W, b, activation: str | Activation = "sigmoid", *, dtype=np.float64):
        W = np.asarray(W, dtype=dtype)
        layer = cls(W.shape[1], W.shape[0], activation, dtype=dtype)
        layer.W = W.copy()
        layer.b = np.asarray(b, dtype=dtype).reshape(W.shape[0]).copy()
        layer.dW = np.zeros_like(layer.W)
        layer.db = np.zeros_like(layer.b)
        return layer

    @property
    def n_in(self) -> int:
        return self.W.shape[1]

    @property
    def n_out(self) -> int:
        return self.W.shape[0]

    def forward(self, a_prev: np.ndarray) -> np.ndarray:
        self.a_prev = a_prev
        self.z = a_prev @ self.W.T + self.b  # z = W a⁽ˡ⁻¹⁾ + b
        self.a = self.activation.forward(self.z)  # a = σ(z)
        return self.a

    def backward(
        self, grad_a: np.ndarray | None = None, *, delta: np.ndarray | None = None
    ) -> np.ndarray:
        """Take ∂J/∂a⁽ˡ⁾ (or δ⁽ˡ⁾ itself, for the output shortcut); return ∂J/∂a⁽ˡ⁻¹⁾.

        Stores δ = ∂J/∂z, ∂J/∂W = δ a⁽ˡ⁻¹⁾ᵀ and ∂J/∂b = δ, each summed over the batch
        (the loss already divided by n, so the sums are batch means).
        """
        if delta is None:
            delta = self.activation.backward(self.z, self.a, grad_a)  # δ = ∂J/∂a ⊙ σ'(z)
        self.delta = delta
        # Written in place: optimisers hold these arrays from parameters().
        self.dW[...] = delta.T @ self.a_prev  # ∂J/∂W = δ a⁽ˡ⁻¹⁾ᵀ
        self.db[...] = delta.sum(axis=0)  # ∂J/∂b = δ
        return delta @ self.W  # ∂J/∂a⁽ˡ⁻¹⁾ = Wᵀ δ

    def parameters(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(parameter, gradient) pairs; optimisers update the parameters in place."""
        return [(self.W, self.dW), (self.b, self.db)]
