"""How the walkthrough writes numbers: at most four decimals, no trailing zeros, a real minus."""

from __future__ import annotations

from collections.abc import Sequence


def number(value: float, places: int = 4) -> str:
    """0.59868 → "0.5987", 0.2 → "0.2", −0.26817 → "−0.2682", −0.00001 → "0"."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", "−")


def factor(value: float) -> str:
    """A number as the operand of a product: negative ones in brackets, “0.7·(−0.2682)”."""
    text = number(value)
    return f"({text})" if text.startswith("−") else text


def vector(values: Sequence[float]) -> str:
    return "[" + ", ".join(number(value) for value in values) + "]"
