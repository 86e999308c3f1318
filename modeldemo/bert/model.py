"""A BERT encoder with a fresh classification head, from a local folder only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def load_tokenizer(path: Path | str):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(path), local_files_only=True)


def build_model(base_model: Path | str, labels: Sequence[str]):
    """BertForSequenceClassification over `labels` (ids = positions in `labels`).

    The encoder keeps its pre-trained weights; the head (dropout + one linear layer on the
    pooled [CLS] state) starts random, which transformers reports as "newly initialized".
    id2label/label2id travel in config.json, so a saved model names its own outputs.
    """
    from transformers import AutoModelForSequenceClassification
    from transformers.utils import logging

    verbosity = logging.get_verbosity()
    # The load report lists the head as missing from the checkpoint: expected, not news.
    logging.set_verbosity_error()
    try:
        return AutoModelForSequenceClassification.from_pretrained(
            str(base_model),
            num_labels=len(labels),
            id2label=dict(enumerate(labels)),
            label2id={label: i for i, label in enumerate(labels)},
            local_files_only=True,
        )
    finally:
        logging.set_verbosity(verbosity)
