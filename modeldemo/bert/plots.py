"""PNG figures of evaluate()'s metrics: confusion-matrix heatmap and per-class F1 bars.

matplotlib is imported inside each function and drawn on a bare Figure with the Agg canvas:
no pyplot global state, no display needed, and importing this module costs nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def _png(figure, path: Path | str | None) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def confusion_matrix_png(
    matrix: Sequence[Sequence[int]], labels: Sequence[str], *, path: Path | str | None = None
) -> bytes:
    """Heatmap of a confusion matrix (rows gold, columns predicted), counts in the cells.

    Colours are row-normalised (recall per gold label), so a small class's errors show as
    clearly as a big one's; the numbers stay raw counts. Returns PNG bytes, also written to
    `path` when given.
    """
    from matplotlib.figure import Figure

    counts = np.asarray(matrix, dtype=float)
    rows = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, rows, out=np.zeros_like(counts), where=rows > 0)
    size = max(4.0, 0.5 * len(labels) + 2.5)
    figure = Figure(figsize=(size + 1, size), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    image = axes.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04, label="share of gold row")
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
    axes.set_yticks(range(len(labels)), labels, fontsize=8)
    axes.set_xlabel("predicted")
    axes.set_ylabel("gold")
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            if counts[i, j]:
                colour = "white" if shares[i, j] > 0.5 else "black"
                axes.text(
                    j, i, int(counts[i, j]), ha="center", va="center", fontsize=7, color=colour
                )
    return _png(figure, path)


def per_class_f1_png(per_class: dict, *, path: Path | str | None = None) -> bytes:
    """Horizontal bars of F1 per label (evaluate()'s "per_class"), with the support in the name."""
    from matplotlib.figure import Figure

    names = list(per_class)
    f1 = [per_class[name]["f1"] for name in names]
    figure = Figure(figsize=(6, max(2.5, 0.35 * len(names) + 1)), dpi=100, layout="tight")
    axes = figure.add_subplot()
    positions = np.arange(len(names))
    axes.barh(positions, f1, color="#2f5fa7")
    axes.set_yticks(
        positions, [f"{name} ({per_class[name]['support']})" for name in names], fontsize=8
    )
    axes.invert_yaxis()  # first label on top
    axes.set_xlim(0, 1)
    axes.set_xlabel("F1")
    axes.grid(axis="x", alpha=0.3)
    return _png(figure, path)
