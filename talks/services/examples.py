"""Labelled examples imported from past programmes, for training categorisers."""

from collections.abc import Iterable

from django.db import transaction

from talks.enums import ExampleSource
from talks.models import LabelledExample
from talks.services.tracks import text_hash


@transaction.atomic
def import_labelled_examples(*, rows: Iterable[tuple[str, str]], dataset: str) -> tuple[int, int]:
    """Import (text, label) rows into a named data set; returns (created, skipped duplicates).

    A row whose text and label the data set already holds (or that came earlier in `rows`) is
    skipped. Side effects: LabelledExample rows with source "import" and no conference.
    """
    existing = set(
        LabelledExample.objects.filter(dataset=dataset).values_list("text_hash", "label")
    )
    new = []
    skipped = 0
    for text, label in rows:
        key = (text_hash(text), label)
        if key in existing:
            skipped += 1
            continue
        existing.add(key)
        new.append(
            LabelledExample(
                text=text,
                label=label,
                text_hash=key[0],
                source=ExampleSource.IMPORT,
                dataset=dataset,
            )
        )
    LabelledExample.objects.bulk_create(new, batch_size=500)
    return len(new), skipped
