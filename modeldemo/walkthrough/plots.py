"""SVG geometry for the toy trainer: the loss curve and the decision boundary.

Only numbers and colours are computed here; templates/modeldemo/walkthrough/_toy_figures.html
draws them. Plain SVG keeps a chunk's response in milliseconds (matplotlib took seconds).
"""

from __future__ import annotations

import numpy as np

from modeldemo.mlp.network import MLP
from modeldemo.walkthrough.numbers import number

CURVE_WIDTH, CURVE_HEIGHT = 320, 180
BOUNDARY_SIZE = 200
GRID = 24  # cells per side of the decision-boundary map
BLUE, WHITE, RED = (47, 95, 167), (255, 255, 255), (192, 97, 43)


def _points(values: list[float], *, epochs: int, top: float) -> str:
    if not values:
        return ""
    step = CURVE_WIDTH / max(epochs - 1, 1)
    return " ".join(
        f"{i * step:.1f},{CURVE_HEIGHT - min(value / top, 1.0) * CURVE_HEIGHT:.1f}"
        for i, value in enumerate(values)
    )


def loss_curve(train_loss: list[float], val_loss: list[float], *, epochs: int) -> dict:
    """Polylines in a CURVE_WIDTH × CURVE_HEIGHT box: x from epoch 1 to `epochs`, y from 0."""
    top = max([*train_loss, *val_loss, 1e-9])
    return {
        "width": CURVE_WIDTH,
        "height": CURVE_HEIGHT,
        "train_points": _points(train_loss, epochs=epochs, top=top),
        "val_points": _points(val_loss, epochs=epochs, top=top),
        "top_text": number(top),
        "epochs": epochs,
    }


def _colour(p: float) -> str:
    """0 → blue, 0.5 → white, 1 → red."""
    low, high, t = (BLUE, WHITE, p * 2) if p < 0.5 else (WHITE, RED, p * 2 - 1)
    r, g, b = (round(a + (c - a) * t) for a, c in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def decision_boundary(network: MLP, X: np.ndarray, y: np.ndarray) -> dict:
    """P(class 1) on a GRID × GRID map over the points (plus a margin), and the points."""
    margin = 0.5
    low = X.min(axis=0) - margin
    span = X.max(axis=0) + margin - low
    centres = (np.arange(GRID) + 0.5) / GRID
    gx, gy = np.meshgrid(low[0] + centres * span[0], low[1] + centres * span[1])
    probability = network.predict_proba(np.column_stack([gx.ravel(), gy.ravel()]))[:, 0]
    cell = BOUNDARY_SIZE / GRID
    cells = [
        {
            # SVG's y grows downwards, the data's upwards.
            "x": f"{(i % GRID) * cell:.2f}",
            "y": f"{BOUNDARY_SIZE - (i // GRID + 1) * cell:.2f}",
            "fill": _colour(float(p)),
        }
        for i, p in enumerate(probability)
    ]
    scaled = (X - low) / span * BOUNDARY_SIZE
    points = [
        {"cx": f"{px:.1f}", "cy": f"{BOUNDARY_SIZE - py:.1f}", "label": int(label)}
        for (px, py), label in zip(scaled, y, strict=True)
    ]
    return {"size": BOUNDARY_SIZE, "cell": f"{cell + 0.05:.2f}", "cells": cells, "points": points}
