"""Train a track categoriser from a file or the database, with a progress bar."""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from conference.models import Conference
from modeldemo import services, training
from modeldemo.enums import Kind, VersionStatus
from modeldemo.management.commands._common import read_examples
from modeldemo.models import ModelVersion


class Command(BaseCommand):
    help = "Train a categoriser (bert, mlp or zeroshot) and register it as a model version."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=[k.value for k in Kind], required=True)
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--data", help="JSONL or CSV file of labelled examples")
        source.add_argument(
            "--from-db", action="store_true", help="the conference's examples (and --dataset)"
        )
        parser.add_argument("--conference", help="slug; the version is registered for it")
        parser.add_argument("--dataset", action="append", default=[], help="with --from-db")
        parser.add_argument("--text-fields", default="title,abstract")
        parser.add_argument("--label-field", default="label")
        parser.add_argument("--epochs", type=int)
        parser.add_argument("--max-length", type=int)
        parser.add_argument(
            "--tfidf-weight",
            type=float,
            help="bert: share of the TF-IDF model blended in (0 = BERT alone; default 0.5)",
        )
        parser.add_argument("--out", help="folder for the model (default: ML_MODELS_DIR)")
        parser.add_argument("--activate", action="store_true")

    def handle(self, *args, **options):
        conference = None
        if options["conference"]:
            conference = Conference.objects.filter(slug=options["conference"]).first()
            if conference is None:
                raise CommandError(f"No conference {options['conference']!r}.")
        if options["from_db"]:
            if conference is None and not options["dataset"]:
                raise CommandError("--from-db needs --conference and/or --dataset.")
            pairs = services.training_examples(conference=conference, datasets=options["dataset"])
            texts, labels = [t for t, _ in pairs], [label for _, label in pairs]
        else:
            texts, labels = read_examples(
                options["data"],
                text_fields=options["text_fields"],
                label_field=options["label_field"],
                stderr=self.stderr,
            )
        if len(set(labels)) < 2:
            raise CommandError("Training needs examples of at least two labels.")
        kind = options["kind"]
        version = ModelVersion.objects.create(
            conference=conference, kind=kind, training_config={"source": options["data"] or "db"}
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        root = Path(options["out"]) if options["out"] else settings.ML_MODELS_DIR
        folder = conference.slug if conference else "global"
        out_dir = (
            root / f"{kind}-v{version.pk}-{stamp}"
            if options["out"]
            else root / folder / version.name
        )
        label_texts = (
            {t.name: t.categoriser_text for t in conference.tracks.all()}
            if conference
            else {label: label for label in sorted(set(labels))}
        )
        bar = tqdm(total=1, desc=f"training {kind}", unit="step")

        def progress(done, total, message):
            bar.total = max(total, 1)
            bar.n = done
            bar.set_postfix_str(message)
            bar.refresh()

        try:
            result = training.train(
                kind=kind,
                texts=texts,
                labels=labels,
                out_dir=out_dir,
                epochs=options["epochs"],
                max_length=options["max_length"],
                tfidf_weight=options["tfidf_weight"],
                label_texts=label_texts,
                progress=progress,
            )
        except Exception as error:
            version.status, version.error = VersionStatus.FAILED, str(error)[:2000]
            version.save()
            raise CommandError(f"Training failed: {error}") from error
        finally:
            bar.close()
        version.labels, version.metrics = result.labels, result.metrics
        version.trained_on, version.validated_on = result.trained_on, result.validated_on
        version.training_config = {**version.training_config, **result.config}
        version.path, version.status = str(result.path or ""), VersionStatus.READY
        version.base_model = services.base_model_name()
        version.save()
        report = {"version": version.name, "path": version.path, **_headline(result.metrics)}
        if options["activate"]:
            if conference is None:
                raise CommandError("--activate needs --conference.")
            try:
                report["unknown_labels"] = services.make_version_active(version=version)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(json.dumps(report, indent=2))


def _headline(metrics: dict) -> dict:
    keys = ["examples", "accuracy", "f1_macro", "f1_weighted", "top_3_accuracy"]
    return {key: metrics[key] for key in keys if key in metrics}
