"""Save a fine-tuned model as a versioned folder, and load it back.

<root>/bert-<name or UTC timestamp>/
    config.json, model.safetensors   save_pretrained (id2label/label2id included)
    tokenizer.json, vocab.txt, ...   the tokenizer it was trained with
    labels.json                      ["label of id 0", "label of id 1", ...]
    training_config.json             TrainingConfig + history, best epoch, sizes, timing
    metrics.json                     evaluate() of the saved predictor on the validation split
    tfidf/                           the TF-IDF + LR model blended in (when tfidf_weight > 0)
The folder's name is the model's version.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

LABELS_FILE = "labels.json"
TFIDF_FOLDER = "tfidf"
CONFIG_FILE = "training_config.json"
METRICS_FILE = "metrics.json"


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def save(
    result,
    root: Path | str,
    *,
    name: str | None = None,
    metrics: dict | None = None,
    kind: str = "bert",
) -> Path:
    """Write a train.TrainingResult under `root` and return its folder.

    `metrics` defaults to the result's validation metrics. The folder is written under a
    temporary name and renamed at the end, so a worker never loads a half-written model;
    an existing folder of the same name is an error, never overwritten.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    name = name or datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    folder = root / f"{kind}-{name}"
    if folder.exists():
        raise FileExistsError(f"{folder} exists already")
    staging = root / f".{folder.name}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        result.model.save_pretrained(staging)
        result.tokenizer.save_pretrained(staging)
        _write_json(staging / LABELS_FILE, list(result.labels))
        _write_json(
            staging / CONFIG_FILE,
            {
                "kind": kind,
                **result.config.to_dict(),
                "history": result.history,
                "best_epoch": result.best_epoch,
                "train_examples": result.train_examples,
                "validation_examples": result.validation_examples,
                "validation_parts": getattr(result, "validation_parts", None),
                "seconds": result.seconds,
                "device": result.device,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
        _write_json(staging / METRICS_FILE, metrics or result.validation_metrics or {})
        if getattr(result, "tfidf", None) is not None:
            result.tfidf.save(staging / TFIDF_FOLDER)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def read_json(folder: Path | str, filename: str):
    return json.loads((Path(folder) / filename).read_text())


def load(folder: Path | str, *, device: str | None = None):
    """(model in eval mode on `device`, tokenizer, labels) of a saved folder."""
    from transformers import AutoModelForSequenceClassification

    from modeldemo.bert.device import resolve_device
    from modeldemo.bert.model import load_tokenizer

    folder = Path(folder)
    labels = read_json(folder, LABELS_FILE)
    model = AutoModelForSequenceClassification.from_pretrained(str(folder), local_files_only=True)
    if model.config.num_labels != len(labels):
        raise ValueError(f"{folder}: {model.config.num_labels} outputs but {len(labels)} labels")
    model.to(resolve_device(device)).eval()
    return model, load_tokenizer(folder), labels


def load_tfidf(folder: Path | str):
    """The TfidfCategoriser saved beside the model, or None."""
    path = Path(folder) / TFIDF_FOLDER
    if not path.is_dir():
        return None
    from modeldemo.text.tfidf import TfidfCategoriser

    return TfidfCategoriser.load(path)
