"""Seeded 2-D toy sets that a straight line cannot separate: XOR, two moons, circles.

Each returns (X, y): X float64 of shape (n, 2), y int of shape (n,) with classes 0 and 1.
"""

from __future__ import annotations

import numpy as np

# The truth table itself: the four corners of the unit square.
XOR_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_LABELS = np.array([0, 1, 1, 0])


def xor(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n points scattered around the four corners of [0, 1]², labelled by XOR of the corner."""
    rng = np.random.default_rng(seed)
    corner = rng.integers(0, 4, size=n)
    X = XOR_INPUTS[corner] + rng.normal(0.0, noise, size=(n, 2))
    return X, XOR_LABELS[corner].copy()


def two_moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles (as scikit-learn's make_moons draws them)."""
    rng = np.random.default_rng(seed)
    n_upper = n // 2
    n_lower = n - n_upper
    upper = np.linspace(0.0, np.pi, n_upper)
    lower = np.linspace(0.0, np.pi, n_lower)
    X = np.concatenate(
        [
            np.column_stack([np.cos(upper), np.sin(upper)]),
            np.column_stack([1.0 - np.cos(lower), 0.5 - np.sin(lower)]),
        ]
    )
    y = np.concatenate([np.zeros(n_upper, dtype=int), np.ones(n_lower, dtype=int)])
    X = X + rng.normal(0.0, noise, size=X.shape)
    order = rng.permutation(n)
    return X[order], y[order]


def circles(
    n: int = 200, *, noise: float = 0.05, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A ring of class 0 around a smaller ring of class 1 (radius `factor`)."""
    rng = np.random.default_rng(seed)
    n_outer = n // 2
    n_inner = n - n_outer
    outer = rng.uniform(0.0, 2.0 * np.pi, n_outer)
    inner = rng.uniform(0.0, 2.0 * np.pi, n_inner)
    X = np.concatenate(
        [
            np.column_stack([np.cos(outer), np.sin(outer)]),
            factor * np.column_stack([np.cos(inner), np.sin(inner)]),
        ]
    )
    y = np.concatenate([np.zeros(n_outer, dtype=int), np.ones(n_inner, dtype=int)])
    X = X + rng.normal(0.0, noise, size=X.shape)
    order = rng.permutation(n)
    return X[order], y[order]


DATASETS = {"xor": xor, "moons": two_moons, "circles": circles}


def make_dataset(name: str, n: int = 200, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    try:
        return DATASETS[name](n, seed=seed)
    except KeyError:
        raise ValueError(f"unknown toy set {name!r}; choose from {sorted(DATASETS)}") from None
