"""Shared bits of the ML management commands."""

from django.core.management.base import CommandError

from modeldemo.datasets import read_labelled_file


def read_examples(path, *, text_fields: str, label_field: str, stderr):
    """(texts, labels) from a JSONL/CSV file; any bad line stops the command, naming it."""
    parsed = read_labelled_file(
        path,
        text_fields=[f.strip() for f in text_fields.split(",") if f.strip()],
        label_field=label_field,
    )
    if parsed.errors:
        for number, problem in parsed.errors[:20]:
            stderr.write(f"line {number}: {problem}")
        raise CommandError(f"{len(parsed.errors)} bad line(s) in {path}.")
    return [text for text, _ in parsed.rows], [label for _, label in parsed.rows]


def version_or_folder(value: str):
    """A categoriser from a version name ("mlp-v3") or a model folder."""
    from pathlib import Path

    from modeldemo import training
    from modeldemo.models import ModelVersion

    if not Path(value).exists():
        kind, _, number = value.partition("-v")
        version = ModelVersion.objects.filter(kind=kind, pk=number if number.isdigit() else None)
        version = version.first()
        if version is None or not version.path:
            raise CommandError(f"{value}: no such model version or folder.")
        value = version.path
    try:
        return training.load_folder(value)
    except ValueError as error:
        raise CommandError(str(error)) from error
