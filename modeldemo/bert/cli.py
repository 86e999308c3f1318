"""Command line for the BERT categoriser; no Django.

    python -m modeldemo.bert.cli train --data talks.jsonl --text-fields title,abstract \\
        --label-field label --epochs 3 --max-length 256 --out models/
    python -m modeldemo.bert.cli train --tiny --out /tmp/models      # smoke run, ~1 minute on CPU
    python -m modeldemo.bert.cli evaluate --model models/bert-XXXX --data test.jsonl
    python -m modeldemo.bert.cli predict --model models/bert-XXXX "Title. Abstract..."

JSONL and CSV files are read; each row needs the text fields and the label field.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from modeldemo.text.cleaning import join_fields

# --tiny without --data: three tracks that a few steps can tell apart.
_TOY = {
    "machine-learning": [
        "Training neural networks with backpropagation",
        "Fine-tuning transformers for text classification",
        "Gradient descent and learning rate schedules",
        "Convolutional networks for image recognition",
    ],
    "databases": [
        "Query planning in PostgreSQL",
        "Indexes, B-trees and write-ahead logs",
        "Replication and failover for SQL databases",
        "Tuning transactions and isolation levels",
    ],
    "security": [
        "Hardening Linux servers against intrusions",
        "Finding memory-safety vulnerabilities by fuzzing",
        "Public key cryptography and TLS certificates",
        "Threat models for web applications",
    ],
}
TINY_PER_LABEL = 12  # a few dozen examples in all


def read_rows(path: Path | str) -> list[dict]:
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".csv":
            return list(csv.DictReader(handle))
        return [json.loads(line) for line in handle if line.strip()]


def examples(rows: list[dict], text_fields: list[str], label_field: str):
    """(texts, labels) of the rows that have a label and some text."""
    texts, labels = [], []
    for row in rows:
        text, label = join_fields(row, text_fields), row.get(label_field)
        if text and label not in (None, ""):
            texts.append(text)
            labels.append(str(label))
    return texts, labels


def tiny_subset(texts, labels, *, per_label: int = TINY_PER_LABEL, max_labels: int = 4, seed=42):
    """A few dozen examples: `per_label` of each of the `max_labels` most frequent labels."""
    by_label = defaultdict(list)
    for text, label in zip(texts, labels, strict=True):
        by_label[label].append(text)
    chosen = sorted(by_label, key=lambda label: (-len(by_label[label]), label))[:max_labels]
    rng = random.Random(seed)
    pairs = [(t, label) for label in chosen for t in rng.sample(by_label[label], per_label)]
    return [t for t, _ in pairs], [label for _, label in pairs]


def toy_examples():
    rng = random.Random(42)
    texts, labels = [], []
    for label, titles in _TOY.items():
        for i in range(TINY_PER_LABEL):
            title = titles[i % len(titles)]
            texts.append(f"{title}. Talk {i} of our {rng.choice(['series', 'track', 'day'])}.")
            labels.append(label)
    return texts, labels


def _train(args) -> int:
    from dataclasses import replace

    from modeldemo.bert import save, train
    from modeldemo.bert.config import TrainingConfig

    fields = args.text_fields.split(",")
    if args.data:
        texts, labels = examples(read_rows(args.data), fields, args.label_field)
    elif args.tiny:
        texts, labels = toy_examples()
    else:
        raise SystemExit("--data is required (or --tiny for a smoke run on built-in examples)")
    config = TrainingConfig()
    overrides = {
        "epochs": args.epochs,
        "max_length": args.max_length,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "head_learning_rate": args.head_learning_rate,
        "tfidf_weight": args.tfidf_weight,
        "max_steps": args.max_steps,
        "seed": args.seed,
        "device": args.device,
    }
    if args.tiny:
        if args.data:
            texts, labels = tiny_subset(texts, labels, seed=args.seed)
        # Short texts, small batches, a high lr: the loss visibly falls within a minute.
        config = replace(config, epochs=3, max_length=64, batch_size=8, learning_rate=1e-4)
    config = replace(
        config, **{key: value for key, value in overrides.items() if value is not None}
    )
    print(f"{len(texts)} examples, {len(set(labels))} labels; {config}", file=sys.stderr)
    result = train.train(texts, labels, config=config, progress_bar=True)
    folder = save.save(result, args.out, name=args.name)
    summary = {
        "folder": str(folder),
        "best_epoch": result.best_epoch,
        "history": result.history,
        "seconds": result.seconds,
        "device": result.device,
    }
    print(json.dumps(summary, indent=2))
    return 0


def _evaluate(args) -> int:
    from modeldemo.bert.evaluate import evaluate
    from modeldemo.bert.predict import BertCategoriser

    categoriser = BertCategoriser.load(args.model, quantize=args.quantize)
    texts, labels = examples(read_rows(args.data), args.text_fields.split(","), args.label_field)
    known = set(categoriser.labels)
    kept = [(t, label) for t, label in zip(texts, labels, strict=True) if label in known]
    if len(kept) < len(texts):
        print(f"skipped {len(texts) - len(kept)} rows with labels the model lacks", file=sys.stderr)
    texts, labels = [t for t, _ in kept], [label for _, label in kept]
    metrics = evaluate(labels, categoriser.predict_proba(texts), categoriser.labels)
    if args.plots:
        from modeldemo.bert import plots

        Path(args.plots).mkdir(parents=True, exist_ok=True)
        plots.confusion_matrix_png(
            metrics["confusion_matrix"], categoriser.labels, path=Path(args.plots) / "confusion.png"
        )
        plots.per_class_f1_png(metrics["per_class"], path=Path(args.plots) / "per_class_f1.png")
    print(json.dumps({"model": categoriser.version, **metrics}, indent=2))
    return 0


def _predict(args) -> int:
    from modeldemo.bert.predict import BertCategoriser

    categoriser = BertCategoriser.load(args.model, quantize=args.quantize)
    for text, ranking in zip(args.texts, categoriser.predict(args.texts, k=args.k), strict=True):
        print(json.dumps({"text": text[:80], "ranking": ranking}, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m modeldemo.bert.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def data_options(command, *, required: bool):
        command.add_argument("--data", required=required, help="JSONL or CSV file")
        command.add_argument("--text-fields", default="title,abstract")
        command.add_argument("--label-field", default="label")

    train = commands.add_parser("train", help="fine-tune and save a versioned folder")
    data_options(train, required=False)
    train.add_argument("--out", required=True, help="root folder; the model goes in bert-NAME/")
    train.add_argument("--name", help="version name (default: UTC timestamp)")
    train.add_argument("--epochs", type=int)
    train.add_argument("--max-length", type=int)
    train.add_argument("--batch-size", type=int)
    train.add_argument("--learning-rate", type=float)
    train.add_argument("--head-learning-rate", type=float, help="pooler + classifier lr")
    train.add_argument(
        "--tfidf-weight", type=float, help="share of the TF-IDF model blended in (0 = BERT alone)"
    )
    train.add_argument("--max-steps", type=int)
    train.add_argument("--seed", type=int)
    train.add_argument("--device", choices=["auto", "cpu", "cuda"])
    train.add_argument("--tiny", action="store_true", help="smoke run on a few dozen examples")
    train.set_defaults(handler=_train)

    evaluate = commands.add_parser("evaluate", help="metrics of a saved model on a labelled file")
    evaluate.add_argument("--model", required=True)
    data_options(evaluate, required=True)
    evaluate.add_argument("--plots", help="folder for confusion.png and per_class_f1.png")
    evaluate.add_argument("--quantize", action="store_true", help="dynamic int8 (CPU)")
    evaluate.set_defaults(handler=_evaluate)

    predict = commands.add_parser("predict", help="top-k tracks of texts")
    predict.add_argument("--model", required=True)
    predict.add_argument("texts", nargs="+")
    predict.add_argument("-k", type=int, default=3)
    predict.add_argument("--quantize", action="store_true", help="dynamic int8 (CPU)")
    predict.set_defaults(handler=_predict)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
