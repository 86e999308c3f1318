"""Fine-tune BERT for sequence classification: one seeded loop for CPU and CUDA.

The brief's recipe: AdamW, linear warm-up then decay, a few epochs; the epoch with the best
validation macro-F1 is the one kept; then, unless config.tfidf_weight is 0, a TF-IDF + logistic
regression model trains on the same examples to be blended in (see config). on_progress(step,
total_steps, info) reports every optimiser step (the Celery task relays it to the browser);
the CLI shows a tqdm bar instead.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from modeldemo.bert.config import TrainingConfig

# on_progress(step, total_steps, info): info has "phase" ("train" | "evaluated"), "epoch",
# and "loss"/"learning_rate" while training or "metrics" after an epoch's evaluation.
Progress = Callable[[int, int, dict], None]


@dataclass
class TrainingResult:
    model: object  # the best epoch's BertForSequenceClassification, in eval mode
    tokenizer: object
    labels: list[str]
    config: TrainingConfig
    history: list[dict] = field(default_factory=list)  # one dict per epoch
    best_epoch: int | None = None
    # evaluate() of what the saved folder predicts (the blend when tfidf is set) on the
    # validation split; None without one.
    validation_metrics: dict | None = None
    # Headline validation metrics of "bert" alone, "tfidf" alone and their "blend".
    validation_parts: dict | None = None
    tfidf: object | None = None  # the TfidfCategoriser blended in (config.tfidf_weight > 0)
    train_examples: int = 0
    validation_examples: int = 0
    seconds: float = 0.0
    device: str = "cpu"


def seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # seeds CUDA too


def autocast_dtype(config: TrainingConfig, device: str):
    """The autocast dtype for this run, or None for float32 (always on CPU)."""
    import torch

    if device != "cuda" or config.mixed_precision == "no":
        return None
    if config.mixed_precision in {"auto", "bf16"} and torch.cuda.is_bf16_supported():
        return torch.bfloat16
    return torch.float16


def _optimizer(model, config: TrainingConfig):
    import torch

    head_lr = config.head_learning_rate or config.learning_rate
    groups: dict[tuple[float, float], list] = {}
    for name, parameter in model.named_parameters():
        if not parameter.requires_grad:
            continue
        # Weight decay on biases and LayerNorm gains would pull them to zero for no benefit.
        decay = 0.0 if parameter.ndim < 2 or "LayerNorm" in name else config.weight_decay
        head = name.startswith(("classifier.", "bert.pooler."))
        groups.setdefault((head_lr if head else config.learning_rate, decay), []).append(parameter)
    return torch.optim.AdamW(
        [{"params": ps, "lr": lr, "weight_decay": decay} for (lr, decay), ps in groups.items()],
        lr=config.learning_rate,
    )


def train(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    config: TrainingConfig | None = None,
    val_texts: Sequence[str] | None = None,
    val_labels: Sequence[str] | None = None,
    on_progress: Progress | None = None,
    progress_bar: bool = False,
) -> TrainingResult:
    """Fine-tune config.base_model on (text, label) pairs and return the best epoch's model.

    Without val_texts/val_labels, config.validation_fraction of the examples is held out
    (stratified, seeded). With no validation examples at all, the last epoch is kept.
    """
    import torch
    from transformers import get_linear_schedule_with_warmup

    from conference.language import detect_language
    from modeldemo.bert.data import TextDataset, label_map, split_indices, train_loader
    from modeldemo.bert.device import configure_cpu_threads, resolve_device
    from modeldemo.bert.evaluate import evaluate
    from modeldemo.bert.model import build_model, load_tokenizer
    from modeldemo.bert.predict import (
        LANGUAGE_TFIDF_WEIGHTS,
        align_columns,
        blend,
        predict_probabilities,
    )

    started = time.monotonic()
    config = config or TrainingConfig()
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    texts, labels = list(texts), list(labels)
    if val_texts is None:
        split = split_indices(
            labels, validation_fraction=config.validation_fraction, seed=config.seed
        )
        val_texts = [texts[i] for i in split.validation]
        val_labels = [labels[i] for i in split.validation]
        texts = [texts[i] for i in split.train]
        labels = [labels[i] for i in split.train]
    val_texts, val_labels = list(val_texts), list(val_labels or [])
    names, ids = label_map(labels + val_labels)
    if len(names) < 2:
        raise ValueError("fine-tuning needs at least two labels")

    seed_everything(config.seed)
    configure_cpu_threads()
    device = resolve_device(None if config.device == "auto" else config.device)
    tokenizer = load_tokenizer(config.base_model)
    model = build_model(config.base_model, names).to(device)
    model.train()

    dataset = TextDataset(
        tokenizer, texts, [ids[label] for label in labels], max_length=config.max_length
    )
    loader = train_loader(dataset, tokenizer, batch_size=config.batch_size, seed=config.seed)
    total_steps = config.epochs * len(loader)
    if config.max_steps is not None:
        total_steps = min(total_steps, config.max_steps)
    optimizer = _optimizer(model, config)
    scheduler = get_linear_schedule_with_warmup(
        optimizer, round(config.warmup_ratio * total_steps), total_steps
    )
    amp_dtype = autocast_dtype(config, device)
    # fp16 gradients underflow without loss scaling; bf16 has float32's range and needs none.
    scaler = torch.amp.GradScaler("cuda", enabled=amp_dtype == torch.float16)

    bar = None
    if progress_bar:
        from tqdm.auto import tqdm

        bar = tqdm(total=total_steps, unit="step", desc="fine-tuning")
    history: list[dict] = []
    best_score, best_state, best_epoch, best_metrics = None, None, None, None
    best_probabilities = None
    step = 0
    for epoch in range(1, config.epochs + 1):
        if step >= total_steps:
            break
        losses = []
        for batch in loader:
            batch = {key: value.to(device) for key, value in batch.items()}
            with torch.autocast(device_type=device, dtype=amp_dtype, enabled=amp_dtype is not None):
                loss = model(**batch).loss
            scaler.scale(loss).backward()
            scaler.unscale_(optimizer)  # clip the true gradients, not the scaled ones
            torch.nn.utils.clip_grad_norm_(model.parameters(), config.max_grad_norm)
            scaler.step(optimizer)
            scaler.update()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            losses.append(float(loss.detach()))
            info = {
                "phase": "train",
                "epoch": epoch,
                "loss": losses[-1],
                "learning_rate": scheduler.get_last_lr()[0],
            }
            if on_progress:
                on_progress(step, total_steps, info)
            if bar:
                bar.update(1)
                bar.set_postfix(epoch=epoch, loss=f"{losses[-1]:.3f}")
            if step >= total_steps:
                break

        record = {"epoch": epoch, "steps": step, "train_loss": float(np.mean(losses))}
        if val_texts:
            probabilities = predict_probabilities(
                model,
                tokenizer,
                val_texts,
                batch_size=config.eval_batch_size,
                max_length=config.max_length,
                device=device,
            )
            metrics = evaluate(val_labels, probabilities, names)
            gold = [ids[label] for label in val_labels]
            val_loss = float(-np.mean(np.log(probabilities[np.arange(len(gold)), gold] + 1e-12)))
            record.update(
                val_loss=val_loss,
                val_accuracy=metrics["accuracy"],
                val_macro_f1=metrics["f1_macro"],
            )
            # Macro-F1 first; on a tie (common on small sets) the lower validation loss wins.
            score = (metrics["f1_macro"], -val_loss)
            if best_score is None or score > best_score:
                # A copy on the CPU: ~90 MB for MiniLM, and GPU memory stays free for training.
                best_score, best_epoch, best_metrics = score, epoch, metrics
                best_probabilities = probabilities
                best_state = {
                    k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()
                }
            if on_progress:
                on_progress(
                    step, total_steps, {"phase": "evaluated", "epoch": epoch, "metrics": record}
                )
        history.append(record)
    if bar:
        bar.close()

    if best_state is not None:
        model.load_state_dict(best_state)
    else:
        best_epoch = history[-1]["epoch"] if history else None
    model.eval()

    tfidf, validation_metrics, parts = None, best_metrics, None
    if config.tfidf_weight > 0 and len(set(labels)) >= 2:
        from modeldemo.text.tfidf import TfidfCategoriser

        tfidf = TfidfCategoriser.train(texts, labels, seed=config.seed)
        if best_probabilities is not None:
            tfidf_probabilities = tfidf.predict_proba(val_texts)
            # At each text's language's share, as BertCategoriser serves it.
            weights = np.array(
                [
                    LANGUAGE_TFIDF_WEIGHTS.get(detect_language(text), config.tfidf_weight)
                    for text in val_texts
                ]
            )
            blended = blend(
                best_probabilities, names, tfidf_probabilities, tfidf.labels, weights[:, None]
            )
            alone = align_columns(tfidf_probabilities, tfidf.labels, names)
            validation_metrics = evaluate(val_labels, blended, names)
            parts = {
                "bert": _headline(best_metrics),
                "tfidf": _headline(evaluate(val_labels, alone, names)),
                "blend": _headline(validation_metrics),
                "tfidf_weight": config.tfidf_weight,
            }
    return TrainingResult(
        model=model,
        tokenizer=tokenizer,
        labels=names,
        config=config,
        history=history,
        best_epoch=best_epoch,
        validation_metrics=validation_metrics,
        validation_parts=parts,
        tfidf=tfidf,
        train_examples=len(texts),
        validation_examples=len(val_texts),
        seconds=round(time.monotonic() - started, 1),
        device=device,
    )


def _headline(metrics: dict) -> dict:
    return {key: metrics[key] for key in ("accuracy", "f1_macro", "top_3_accuracy")}
