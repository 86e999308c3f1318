"""Evaluate a saved categoriser on a labelled file: metrics as JSON, charts as PNG.

With --conference and --dataset, the file's labels are first relabelled through the label
mapping stored for that data set (a past programme whose labels are not the tracks).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conference.models import Conference
from modeldemo import label_maps, training
from modeldemo.management.commands._common import read_examples, version_or_folder
from modeldemo.mapping import apply_mapping


class Command(BaseCommand):
    help = "Evaluate a model version (e.g. mlp-v3) or model folder on a JSONL/CSV file."

    def add_arguments(self, parser):
        parser.add_argument("--model", required=True, help="version name or folder")
        parser.add_argument("--data", required=True)
        parser.add_argument("--text-fields", default="title,abstract")
        parser.add_argument("--label-field", default="label")
        parser.add_argument("--report-dir", help="write confusion.png, f1.png, metrics.json here")
        parser.add_argument("--conference", help="with --dataset: relabel through its mapping")
        parser.add_argument("--dataset", help="the data set whose stored label mapping to use")

    def handle(self, *args, **options):
        categoriser = version_or_folder(options["model"])
        texts, gold = read_examples(
            options["data"],
            text_fields=options["text_fields"],
            label_field=options["label_field"],
            stderr=self.stderr,
        )
        rows = list(zip(texts, gold, strict=True))
        if options["conference"] or options["dataset"]:
            rows = apply_mapping(rows, self._mapping(options["conference"], options["dataset"]))
            if len(rows) < len(texts):
                self.stderr.write(
                    f"{len(texts) - len(rows)} examples have labels the mapping ignores or "
                    "lacks; they are left out."
                )
        known = set(categoriser.labels)
        pairs = [(t, g) for t, g in rows if g in known]
        if len(pairs) < len(rows):
            self.stderr.write(
                f"{len(rows) - len(pairs)} examples have labels the model does not know; "
                "they are left out."
            )
        if not pairs:
            raise CommandError(
                "No example has a label the model knows"
                + (
                    ""
                    if options["dataset"]
                    else "; if the file's labels were mapped to tracks, pass --conference and "
                    "--dataset to relabel them through that mapping"
                )
                + "."
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

    def _mapping(self, slug: str | None, dataset: str | None) -> dict:
        if not (slug and dataset):
            raise CommandError("--conference and --dataset go together.")
        conference = Conference.objects.filter(slug=slug).first()
        if conference is None:
            raise CommandError(f"{slug}: no such conference")
        stored = label_maps.label_mapping_for(conference=conference, dataset=dataset)
        if stored is None:
            raise CommandError(f"{dataset!r} has no label mapping for {slug}: run map_labels.")
        return label_maps.current_mapping(conference=conference, stored=stored)
