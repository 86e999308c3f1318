"""The fine-tuned BERT as a Categoriser: loaded once per process, batched, no gradients."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from conference.language import CHINESE, detect_language
from modeldemo.categorisers.base import Ranking, top_k

# TF-IDF's share of the blend by the text's language (conference.language), where it is not
# the folder's tfidf_weight. MiniLM-L6 was trained on English: on the Chinese abstracts at hand
# the fine-tuned model trails character TF-IDF far, and every blend with it scores below TF-IDF
# alone (bench/categorise.py --lang zh, BENCHMARKS.md), so Chinese texts get TF-IDF alone and
# skip the BERT forward pass. A folder's own "tfidf_weight_by_language" overrides this.
LANGUAGE_TFIDF_WEIGHTS = {CHINESE: 1.0}


def predict_probabilities(
    model, tokenizer, texts: Sequence[str], *, batch_size: int, max_length: int, device: str
) -> np.ndarray:
    """Softmax probabilities (len(texts), num_labels) in input order.

    Texts are batched by token length (little padding) under inference_mode (no autograd
    bookkeeping); the model's train/eval mode is restored afterwards.
    """
    import torch

    from modeldemo.bert.data import length_sorted_batches

    out = np.zeros((len(texts), model.config.num_labels), dtype=np.float32)
    was_training = model.training
    model.eval()
    with torch.inference_mode():
        for indices, batch in length_sorted_batches(
            tokenizer, texts, batch_size=batch_size, max_length=max_length
        ):
            logits = model(**{key: value.to(device) for key, value in batch.items()}).logits
            out[indices] = torch.softmax(logits.float(), dim=-1).cpu().numpy()
    model.train(was_training)
    return out


def align_columns(
    probabilities: np.ndarray, labels: Sequence[str], to_labels: Sequence[str]
) -> np.ndarray:
    """The columns of `probabilities` (in `labels` order) rearranged into `to_labels` order.

    A label of `to_labels` that `labels` lacks gets a column of 0 (the TF-IDF model never saw
    a label that occurs only in the validation split).
    """
    column = {label: j for j, label in enumerate(labels)}
    aligned = np.zeros((len(probabilities), len(to_labels)), dtype=np.float64)
    for j, label in enumerate(to_labels):
        if label in column:
            aligned[:, j] = probabilities[:, column[label]]
    return aligned


def blend(
    bert: np.ndarray,
    bert_labels: Sequence[str],
    tfidf: np.ndarray,
    tfidf_labels: Sequence[str],
    weight: float | np.ndarray,
) -> np.ndarray:
    """(1 - weight) * bert + weight * tfidf, columns in `bert_labels` order (see align_columns);
    rows sum to 1 whenever both models know the same labels, as training guarantees for every
    label with a training example. `weight` may be one per row (an (n, 1) array)."""
    aligned = align_columns(tfidf, tfidf_labels, bert_labels)
    return ((1.0 - weight) * bert + weight * aligned).astype(np.float32)


def quantize_dynamic(model):
    """int8 weights for every Linear layer, activations quantised on the fly; CPU only.

    About 4x smaller Linear weights and faster matrix products on CPUs with int8 support; the
    embeddings and LayerNorms stay float32. torch marks torch.ao.quantization deprecated in
    favour of torchao, which is not installed here; the eager API still works in torch 2.13.
    """
    import torch

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=".*deprecated.*")
        return torch.ao.quantization.quantize_dynamic(
            model.to("cpu").eval(), {torch.nn.Linear}, dtype=torch.qint8
        )


class BertCategoriser:
    kind = "bert"

    def __init__(
        self,
        model,
        tokenizer,
        labels: Sequence[str],
        *,
        version: str,
        device: str = "cpu",
        max_length: int = 256,
        batch_size: int = 64,
        quantized: bool = False,
        tfidf=None,
        tfidf_weight: float = 0.0,
        tfidf_weight_by_language: dict[str, float] | None = None,
    ):
        self.model = model
        self.tokenizer = tokenizer
        self.labels = list(labels)
        self.version = version
        self.device = device
        self.max_length = max_length
        self.batch_size = batch_size
        self.quantized = quantized
        # A TfidfCategoriser trained beside the model, blended in with this weight (or None).
        self.tfidf = tfidf if tfidf_weight > 0 else None
        self.tfidf_weight = tfidf_weight if self.tfidf is not None else 0.0
        self.tfidf_weight_by_language = {
            **LANGUAGE_TFIDF_WEIGHTS,
            **(tfidf_weight_by_language or {}),
        }

    @classmethod
    def load(
        cls,
        folder: Path | str,
        *,
        device: str | None = None,
        quantize: bool = False,
        batch_size: int = 64,
    ) -> BertCategoriser:
        """Load a folder written by save.save(); its name is the version.

        quantize=True applies dynamic int8 quantisation and runs on the CPU whatever `device`
        says (quantised kernels exist for CPUs only).
        """
        from modeldemo.bert import save
        from modeldemo.bert.device import configure_cpu_threads, resolve_device

        configure_cpu_threads()
        folder = Path(folder)
        device = "cpu" if quantize else resolve_device(device)
        model, tokenizer, labels = save.load(folder, device=device)
        if quantize:
            model = quantize_dynamic(model)
        config = save.read_json(folder, save.CONFIG_FILE)
        tfidf = save.load_tfidf(folder)
        return cls(
            model,
            tokenizer,
            labels,
            version=folder.name + ("-int8" if quantize else ""),
            device=device,
            max_length=int(config.get("max_length", 256)),
            batch_size=batch_size,
            quantized=quantize,
            tfidf=tfidf,
            tfidf_weight=float(config.get("tfidf_weight", 0.0)),
            tfidf_weight_by_language=config.get("tfidf_weight_by_language"),
        )

    def bert_proba(self, texts: Sequence[str]) -> np.ndarray:
        """The fine-tuned model's own probabilities, without the TF-IDF blend."""
        return predict_probabilities(
            self.model,
            self.tokenizer,
            list(texts),
            batch_size=self.batch_size,
            max_length=self.max_length,
            device=self.device,
        )

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(labels)) probabilities, rows summing to 1, in `self.labels` order.

        BERT's, blended with the TF-IDF model's when the folder holds one, at the share of
        each text's language (tfidf_weights); texts whose share is 1 skip BERT.
        """
        if self.tfidf is None or not len(texts):
            return self.bert_proba(texts)
        texts = list(texts)
        weights = self.tfidf_weights(texts)
        probabilities = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        needs_bert = [i for i, weight in enumerate(weights) if weight < 1.0]
        if needs_bert:
            probabilities[needs_bert] = self.bert_proba([texts[i] for i in needs_bert])
        tfidf = self.tfidf.predict_proba(texts)
        return blend(probabilities, self.labels, tfidf, self.tfidf.labels, weights[:, None])

    def tfidf_weights(self, texts: Sequence[str]) -> np.ndarray:
        """TF-IDF's share for each text: its language's, else the folder's tfidf_weight."""
        return np.array(
            [
                self.tfidf_weight_by_language.get(detect_language(text), self.tfidf_weight)
                for text in texts
            ]
        )

    def predict(self, texts: Sequence[str], *, k: int = 3) -> list[Ranking]:
        if not texts:
            return []
        return top_k(self.predict_proba(texts), self.labels, k)


@functools.lru_cache(maxsize=4)
def load_categoriser(path: str, *, quantize: bool = False) -> BertCategoriser:
    """One categoriser per process and folder: loading takes seconds, predicting milliseconds.

    Pass the path as a str (the cache key). A new model version is a new folder, so the cache
    never serves stale weights.
    """
    return BertCategoriser.load(path, quantize=quantize)
