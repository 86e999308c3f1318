"""Train and evaluate a categoriser of any kind on (text, label) pairs. No Django here.

torch/transformers load only for the bert kind and for encoding, inside functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# progress(done, total, message)
Progress = Callable[[int, int, str], None]

SEED = 42
VALIDATION_SHARE = 0.2
# Validation texts the covered, calibrated model is scored and calibrated on: each needs a
# MiniLM encoding for the zero-shot prior (slow on a CPU), and 600 fix a temperature well.
CALIBRATION_MAX = 600
# How many times a decision of this conference's people counts in training against one past
# example: it is this year's talk under this year's track, set by a person, where a past example
# is another year's talk under a label mapped automatically (right about 4 times in 5).
DECIDED_WEIGHT = 5
# Kinds trained a second time on every example (the validation split included) once the
# validation split has chosen the blend's strength and the temperature: with past programmes
# in order, that split is their latest years, the ones most like this year's talks. TF-IDF on
# FOSDEM <= 2022, scored on 2023-24: 0.601 macro-F1 without its latest 20 %, 0.657 with them.
# Not bert: a second fine-tuning costs hours on a CPU.
REFIT_KINDS = ("tfidf", "mlp")


@dataclass
class TrainingResult:
    labels: list[str]
    metrics: dict
    trained_on: int
    validated_on: int
    config: dict
    path: Path | None = None  # the saved model's folder (None for zero-shot)
    # {"temperature", "ece_before", "ece", "bins", "validation": {confidence, correct}}
    calibration: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)  # {track: training examples}


def probabilities_for(categoriser, texts: Sequence[str], labels: Sequence[str]) -> np.ndarray:
    """A (n, len(labels)) probability matrix from any categoriser's top-k rankings."""
    index = {label: j for j, label in enumerate(labels)}
    matrix = np.zeros((len(texts), len(labels)), dtype=np.float64)
    for i, ranking in enumerate(categoriser.predict(list(texts), k=len(labels))):
        for label, probability in ranking:
            if label in index:
                matrix[i, index[label]] = probability
    return matrix


def evaluate_categoriser(categoriser, texts: Sequence[str], gold: Sequence[str]) -> dict:
    from modeldemo.bert.evaluate import evaluate

    labels = list(categoriser.labels)
    return evaluate(list(gold), probabilities_for(categoriser, texts, labels), labels)


def train(
    *,
    kind: str,
    texts: Sequence[str],
    labels: Sequence[str],
    out_dir: Path,
    epochs: int | None = None,
    max_length: int | None = None,
    tfidf_weight: float | None = None,
    label_texts: dict[str, str] | None = None,
    progress: Progress | None = None,
    recent: int | None = None,
    chinese_texts: dict[str, str] | None = None,
) -> TrainingResult:
    """Train `kind` on an 80/20 split, evaluate on the 20 %, save into `out_dir`.

    recent: the first `recent` pairs are past programmes in the order they were held; the
    validation split is then their latest 20 % (as the model will meet next year's talks, so
    the temperature fitted there transfers), and every pair after them (this conference's own
    decisions) is trained on, each DECIDED_WEIGHT times. None: a stratified random split of all.
    chinese_texts: the tracks' Chinese texts, for the zero-shot prior of Chinese examples (as
    serving blends it).
    """
    progress = progress or (lambda done, total, message: None)
    if len(set(labels)) < 2:
        raise ValueError("At least two different labels are needed to train.")
    if kind == "zeroshot":
        return _zeroshot(texts, labels, label_texts or {}, out_dir, progress)
    from modeldemo.bert.data import split_indices  # numpy + scikit-learn only, no torch

    if recent:
        cut = recent - int(round(recent * VALIDATION_SHARE))
        train_ids = [*range(cut), *range(recent, len(texts))]
        val_ids = list(range(cut, recent))
    else:
        split = split_indices(labels, validation_fraction=VALIDATION_SHARE, seed=SEED)
        train_ids, val_ids = list(split.train), list(split.validation)
    evidence = dict(Counter(labels[i] for i in train_ids))
    if recent:
        train_ids = [*train_ids, *[i for i in train_ids if i >= recent] * (DECIDED_WEIGHT - 1)]
    train_texts = [texts[i] for i in train_ids]
    train_labels = [labels[i] for i in train_ids]
    val_texts = [texts[i] for i in val_ids]
    val_labels = [labels[i] for i in val_ids]
    categoriser = None
    # The MLP's MiniLM vectors, once for both of its fits (encoding is its slow part).
    vectors = None
    if kind in ("mlp", "tfidf"):
        progress(0, 2, "encoding and training" if kind == "mlp" else "training")
        if kind == "mlp":
            from modeldemo.bert.encoder import get_encoder

            vectors = np.asarray(get_encoder().encode(list(texts)))
        categoriser = _fit(kind, train_texts, train_labels, epochs, vectors, train_ids)
        path = categoriser.save(out_dir)
        config = dict(categoriser.config["training"])
        progress(1, 2, "evaluating")
        trained_labels = list(categoriser.labels)
        metrics = evaluate_categoriser(categoriser, val_texts, val_labels)
    elif kind == "bert":
        # Fine-tuning scores the saved predictor (blend included) on this validation split.
        trained_labels, metrics, config, path = _bert(
            train_texts,
            train_labels,
            val_texts,
            val_labels,
            out_dir,
            progress,
            epochs=epochs,
            max_length=max_length,
            tfidf_weight=tfidf_weight,
        )
    else:
        raise ValueError(f"unknown categoriser kind {kind!r}")
    calibration: dict = {}
    if label_texts:
        # What the version serves: the model over every track, blended with zero-shot where
        # evidence is thin, at the temperature that fits the validation split best.
        progress(1, 2, "calibrating")
        if categoriser is None:
            categoriser = load_folder(path)
        trained_labels, metrics, calibration = _cover_and_calibrate(
            categoriser, label_texts, evidence, val_texts, val_labels, chinese_texts
        )
    if kind in REFIT_KINDS and val_ids:
        # The figures above are the held-out model's; the version serves this one.
        progress(1, 2, "training on every example")
        every = list(range(len(texts)))
        evidence = dict(Counter(labels))
        if recent:
            every += [i for i in every if i >= recent] * (DECIDED_WEIGHT - 1)
        refitted = _fit(
            kind, [texts[i] for i in every], [labels[i] for i in every], epochs, vectors, every
        )
        path = refitted.save(out_dir)
        if not label_texts:
            trained_labels = list(refitted.labels)
        config = {**config, "refit": {"examples": len(every), "validated_without": len(val_ids)}}
    progress(2, 2, "done")
    return TrainingResult(
        labels=trained_labels,
        metrics=metrics,
        trained_on=sum(evidence.values()),
        validated_on=len(val_texts),
        config=config,
        path=path,
        calibration=calibration,
        evidence=evidence,
    )


def _fit(kind: str, texts: Sequence[str], labels: Sequence[str], epochs, vectors=None, ids=()):
    """An mlp or tfidf categoriser trained on the pairs; an mlp on `vectors[ids]`, the texts'
    MiniLM vectors encoded once (MLPCategoriser.train's settings)."""
    if kind == "mlp":
        from modeldemo.bert.encoder import get_encoder
        from modeldemo.categorisers.mlp import MLPCategoriser, early_stopping_split

        return MLPCategoriser.train_on_embeddings(
            vectors[list(ids)],
            labels,
            epochs=epochs or 100,
            encoder=get_encoder(),
            validation_split=early_stopping_split(len(texts)),
        )
    from modeldemo.text.tfidf import TfidfCategoriser

    return TfidfCategoriser.train(texts, labels)


def _cover_and_calibrate(
    categoriser, label_texts, evidence, val_texts, val_labels, chinese_texts=None
):
    """(labels, validation metrics, calibration) of the covered, calibrated categoriser."""
    from modeldemo.bert.evaluate import evaluate
    from modeldemo.calibration import (
        apply_temperature,
        expected_calibration_error,
        fit_temperature,
        logits_of,
        reliability_bins,
    )
    from modeldemo.categorisers.covered import CoveredCategoriser, probabilities_of
    from modeldemo.categorisers.zeroshot import ZeroShotCategoriser
    from modeldemo.coverage import blend_with_prior, fit_strength

    zeroshot = ZeroShotCategoriser(
        dict(sorted(label_texts.items())), chinese_texts=chinese_texts or None
    )
    covered = CoveredCategoriser(categoriser, zeroshot, evidence=evidence)
    labels = list(covered.labels)
    index = {label: j for j, label in enumerate(labels)}
    pairs = [(t, y) for t, y in zip(val_texts, val_labels, strict=True) if y in index]
    if len(pairs) > CALIBRATION_MAX:
        chosen = np.random.default_rng(SEED).choice(len(pairs), CALIBRATION_MAX, replace=False)
        pairs = [pairs[i] for i in sorted(chosen)]
    if not pairs:
        return labels, {}, {"temperature": 1.0}
    texts, gold = [t for t, _ in pairs], [y for _, y in pairs]
    gold_ids = [index[y] for y in gold]
    # The model's and zero-shot's probabilities once; the blend's strength is fitted on them.
    model_probabilities = probabilities_of(categoriser, texts)
    prior = zeroshot.predict_proba(texts)
    covered.strength = fit_strength(
        model_probabilities, list(categoriser.labels), prior, labels, evidence, gold_ids
    )
    raw = blend_with_prior(
        model_probabilities,
        list(categoriser.labels),
        prior,
        labels,
        evidence,
        strength=covered.strength,
    )
    temperature = fit_temperature(logits_of(raw), gold_ids)
    covered.temperature = temperature
    calibrated = apply_temperature(raw, temperature)
    calibration = {
        "temperature": round(temperature, 6),
        "strength": covered.strength,
        "fitted_on": len(gold),
        "ece_before": round(expected_calibration_error(raw, gold_ids), 4),
        "ece": round(expected_calibration_error(calibrated, gold_ids), 4),
        "bins": reliability_bins(calibrated, gold_ids),
        "validation": {
            "confidence": [round(float(p), 5) for p in calibrated.max(axis=1)],
            "correct": [
                bool(j == g) for j, g in zip(calibrated.argmax(axis=1), gold_ids, strict=True)
            ],
        },
    }
    return labels, evaluate(gold, calibrated, labels), calibration


def _zeroshot(texts, labels, label_texts, out_dir, progress) -> TrainingResult:
    """Nothing to train; evaluate on every example whose label is one of the tracks."""
    from modeldemo.categorisers.zeroshot import ZeroShotCategoriser

    categoriser = ZeroShotCategoriser(label_texts)
    pairs = [(t, label) for t, label in zip(texts, labels, strict=True) if label in label_texts]
    progress(0, 1, "evaluating")
    metrics = (
        evaluate_categoriser(categoriser, [t for t, _ in pairs], [label for _, label in pairs])
        if pairs
        else {}
    )
    progress(1, 1, "done")
    return TrainingResult(
        labels=list(label_texts), metrics=metrics, trained_on=0, validated_on=len(pairs), config={}
    )


def _bert(train_texts, train_labels, val_texts, val_labels, out_dir, progress, **overrides):
    from dataclasses import replace

    from modeldemo.bert import save
    from modeldemo.bert import train as bert_train
    from modeldemo.bert.config import TrainingConfig

    config = replace(
        TrainingConfig(), **{key: value for key, value in overrides.items() if value is not None}
    )
    result = bert_train.train(
        train_texts,
        train_labels,
        config=config,
        val_texts=val_texts,
        val_labels=val_labels,
        on_progress=lambda step, total, info: progress(step, total, "fine-tuning"),
    )
    # save() names the folder "<kind>-<name>": out_dir is already "bert-v<pk>".
    folder = save.save(result, out_dir.parent, name=out_dir.name.removeprefix("bert-"))
    details = {**config.to_dict(), "validation_parts": result.validation_parts}
    return list(result.labels), result.validation_metrics or {}, details, folder


def load_folder(path: str | Path):
    """Load a saved categoriser of any kind from its folder (mlp or bert)."""
    path = Path(path)
    if (path / "weights.npz").is_file() and '"tfidf"' in (path / "config.json").read_text()[:200]:
        from modeldemo.text.tfidf import TfidfCategoriser

        return TfidfCategoriser.load(path)
    if (path / "weights.npz").is_file():
        from modeldemo.categorisers.mlp import MLPCategoriser

        return MLPCategoriser.load(path)
    if (path / "training_config.json").is_file():
        from modeldemo.bert.predict import load_categoriser

        return load_categoriser(str(path))
    raise ValueError(f"{path} holds no saved categoriser (mlp or bert).")
