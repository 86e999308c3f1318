"""Gradient-descent optimisers: θ ← θ − α·(step built from ∂J/∂θ), in place.

`step` takes the network's (parameter, gradient) pairs in the same order every call; the
per-parameter state (velocity, moments) is kept by position in that list.
"""

from __future__ import annotations

import numpy as np


class SGD:
    """Plain gradient descent: θ ← θ − α ∂J/∂θ."""

    name = "sgd"

    def __init__(self, learning_rate: float = 0.1):
        self.learning_rate = learning_rate

    def step(self, parameters: list[tuple[np.ndarray, np.ndarray]]) -> None:
        for param, grad in parameters:
            param -= self.learning_rate * grad

    def get_state(self) -> dict:
        """What a later step depends on, so training can stop and resume (plain SGD: nothing)."""
        return {}

    def set_state(self, state: dict) -> None:
        pass


class Momentum:
    """v ← βv + ∂J/∂θ; θ ← θ − αv: a running direction that damps zig-zags."""

    name = "momentum"

    def __init__(self, learning_rate: float = 0.1, beta: float = 0.9):
        self.learning_rate = learning_rate
        self.beta = beta
        self.velocity: list[np.ndarray] = []

    def step(self, parameters):
        if not self.velocity:
            self.velocity = [np.zeros_like(param) for param, _ in parameters]
        for (param, grad), v in zip(parameters, self.velocity, strict=True):
            v *= self.beta
            v += grad
            param -= self.learning_rate * v

    def get_state(self) -> dict:
        return {"velocity": [v.copy() for v in self.velocity]}

    def set_state(self, state: dict) -> None:
        self.velocity = [np.array(v) for v in state["velocity"]]


class Adam:
    """Adam (Kingma & Ba, 2015): per-parameter steps from bias-corrected gradient moments."""

    name = "adam"

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
    ):
        self.learning_rate = learning_rate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.t = 0
        self.m: list[np.ndarray] = []
        self.v: list[np.ndarray] = []

    def step(self, parameters):
        if not self.m:
            self.m = [np.zeros_like(param) for param, _ in parameters]
            self.v = [np.zeros_like(param) for param, _ in parameters]
        self.t += 1
        # The moments start at zero, so early averages are too small; these undo that bias.
        correction1 = 1.0 - self.beta1**self.t
        correction2 = 1.0 - self.beta2**self.t
        for (param, grad), m, v in zip(parameters, self.m, self.v, strict=True):
            m *= self.beta1
            m += (1.0 - self.beta1) * grad
            v *= self.beta2
            v += (1.0 - self.beta2) * grad * grad
            m_hat = m / correction1
            v_hat = v / correction2
            param -= (self.learning_rate * m_hat / (np.sqrt(v_hat) + self.epsilon)).astype(
                param.dtype
            )

    def get_state(self) -> dict:
        return {"t": self.t, "m": [m.copy() for m in self.m], "v": [v.copy() for v in self.v]}

    def set_state(self, state: dict) -> None:
        self.t = int(state["t"])
        self.m = [np.array(m) for m in state["m"]]
        self.v = [np.array(v) for v in state["v"]]


OPTIMISERS = {cls.name: cls for cls in (SGD, Momentum, Adam)}


def get_optimiser(name: str, learning_rate: float):
    try:
        return OPTIMISERS[name](learning_rate=learning_rate)
    except KeyError:
        raise ValueError(f"unknown optimiser {name!r}; choose from {sorted(OPTIMISERS)}") from None
