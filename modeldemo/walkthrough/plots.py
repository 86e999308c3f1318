"""PNG figures for the toy-training panel: the loss curve and the decision boundary.

matplotlib is imported inside each function and drawn with the Agg canvas on a bare Figure,
so no pyplot global state is shared between requests and web processes start without it.
"""

from __future__ import annotations

import io

import numpy as np
from django.utils.translation import gettext as _

from modeldemo.mlp.network import MLP


def _png(figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def loss_curve_png(history: dict) -> bytes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5, 3.2), dpi=100, layout="tight")
    axes = figure.add_subplot()
    epochs = np.arange(1, len(history["train_loss"]) + 1)
    axes.plot(epochs, history["train_loss"], label=_("training loss"), color="#2f5fa7")
    if history["val_loss"]:
        axes.plot(epochs, history["val_loss"], label=_("validation loss"), color="#c0612b")
    if history.get("stopped_early"):
        axes.axvline(history["best_epoch"], color="#5b6675", linestyle=":", label=_("best epoch"))
    axes.set_xlabel(_("epoch"))
    axes.set_ylabel(_("cross-entropy"))
    axes.grid(alpha=0.3)
    axes.legend()
    return _png(figure)


def decision_boundary_png(network: MLP, X: np.ndarray, y: np.ndarray) -> bytes:
    from matplotlib.figure import Figure

    margin = 0.5
    xs = np.linspace(X[:, 0].min() - margin, X[:, 0].max() + margin, 150)
    ys = np.linspace(X[:, 1].min() - margin, X[:, 1].max() + margin, 150)
    grid_x, grid_y = np.meshgrid(xs, ys)
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    probability = network.predict_proba(grid)[:, 0].reshape(grid_x.shape)

    figure = Figure(figsize=(4.2, 4.2), dpi=100, layout="tight")
    axes = figure.add_subplot()
    axes.contourf(grid_x, grid_y, probability, levels=20, cmap="RdBu_r", vmin=0, vmax=1, alpha=0.7)
    axes.contour(grid_x, grid_y, probability, levels=[0.5], colors="black", linewidths=1.5)
    axes.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu_r", vmin=0, vmax=1, edgecolors="white", s=18)
    axes.set_title(_("P(class 1); black line: 0.5"))
    axes.set_xticks([])
    axes.set_yticks([])
    return _png(figure)
