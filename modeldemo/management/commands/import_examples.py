"""Import labelled examples (past programmes) from JSONL or CSV, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from modeldemo.datasets import read_labelled_file
from talks.services import import_labelled_examples


class Command(BaseCommand):
    help = "Import (text, label) examples from a JSONL or CSV file. Any bad line: nothing imported."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--text-fields", default="title,abstract")
        parser.add_argument("--label-field", default="label")
        parser.add_argument("--dataset", help="name of the data set (default: the file name)")
        parser.add_argument("--format", choices=["auto", "jsonl", "csv"], default="auto")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        parsed = read_labelled_file(
            path,
            text_fields=[f.strip() for f in options["text_fields"].split(",") if f.strip()],
            label_field=options["label_field"],
            fmt=options["format"],
        )
        if parsed.errors:
            for number, problem in parsed.errors:
                self.stderr.write(f"{path.name}, line {number}: {problem}")
            raise CommandError(f"{len(parsed.errors)} bad line(s); nothing was imported.")
        if not parsed.rows:
            raise CommandError(f"{path}: no examples found.")
        dataset = options["dataset"] or path.name
        created, skipped = import_labelled_examples(rows=parsed.rows, dataset=dataset)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {created} examples into data set {dataset!r}; "
                f"skipped {skipped} duplicates."
            )
        )
