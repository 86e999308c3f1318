"""Evaluate a saved categoriser on a labelled file: metrics as JSON, charts as PNG."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from modeldemo import training
from modeldemo.management.commands._common import read_examples, version_or_folder


class Command(BaseCommand):
    help = "Evaluate a model version (e.g. mlp-v3) or model folder on a JSONL/CSV file."

    def add_arguments(self, parser):
        parser.add_argument("--model", required=True, help="version name or folder")
        parser.add_argument("--data", required=True)
        parser.add_argument("--text-fields", default="title,abstract")
        parser.add_argument("--label-field", default="label")
        parser.add_argument("--report-dir", help="write confusion.png, f1.png, metrics.json here")

    def handle(self, *args, **options):
        categoriser = version_or_folder(options["model"])
        texts, gold = read_examples(
            options["data"],
            text_fields=options["text_fields"],
            label_field=options["label_field"],
            stderr=self.stderr,
        )
        known = set(categoriser.labels)
        pairs = [(t, g) for t, g in zip(texts, gold, strict=True) if g in known]
        if len(pairs) < len(texts):
            self.stderr.write(
                f"{len(texts) - len(pairs)} examples have labels the model does not know; "
                "they are left out."
            )
        metrics = training.evaluate_categoriser(
            categoriser, [t for t, _ in pairs], [g for _, g in pairs]
        )
        if options["report_dir"]:
            from modeldemo.bert import plots

            report = Path(options["report_dir"])
            report.mkdir(parents=True, exist_ok=True)
            (report / "metrics.json").write_text(json.dumps(metrics, indent=2))
            plots.confusion_matrix_png(
                metrics["confusion_matrix"], categoriser.labels, path=report / "confusion.png"
            )
            plots.per_class_f1_png(metrics["per_class"], path=report / "f1.png")
        self.stdout.write(json.dumps(metrics, indent=2))
