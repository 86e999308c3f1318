"""Pick the torch device at run time: CUDA when present, else the CPU."""

from __future__ import annotations

import os


def resolve_device(preference: str | None = None) -> str:
    """Return "cuda" or "cpu" for ML_DEVICE=auto|cpu|cuda.

    "cuda" asked for on a machine without CUDA falls back to the CPU rather than failing,
    so one configuration serves GPU and CPU workers alike.
    """
    import torch

    preference = (preference or os.environ.get("ML_DEVICE") or "auto").lower()
    if preference not in {"auto", "cpu", "cuda"}:
        raise ValueError(f"ML_DEVICE must be auto, cpu or cuda, not {preference!r}")
    if preference == "cpu":
        return "cpu"
    return "cuda" if torch.cuda.is_available() else "cpu"


def configure_cpu_threads(threads: int | None = None) -> None:
    """Cap torch's intra-op threads (ML_CPU_THREADS); 0 or unset keeps torch's default."""
    import torch

    threads = threads if threads is not None else int(os.environ.get("ML_CPU_THREADS") or 0)
    if threads > 0:
        torch.set_num_threads(threads)
