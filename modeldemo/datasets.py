"""Reading labelled programmes (JSONL or CSV; schedules through schedule_import) into
(text, label) pairs, with line numbers.

No Django here: the import command and the benchmarks both use it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LABEL_MAX_LENGTH = 200


@dataclass
class ParsedFile:
    rows: list[tuple[str, str]] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)
    # (line, problem); the line is None where the format has none to name (JSON schedules).
    errors: list[tuple[int | None, str]] = field(default_factory=list)
    # Left out on purpose, not errors: schedule events without a track (breaks).
    skipped: list[tuple[int | None, str]] = field(default_factory=list)


def _records(path: Path, fmt: str) -> Iterator[tuple[int, dict | None, str | None]]:
    with path.open(encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            reader = csv.DictReader(handle)
            for record in reader:
                yield reader.line_num, record, None
            return
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, None, f"not valid JSON ({error.msg})"
                continue
            if not isinstance(record, dict):
                yield number, None, "not a JSON object"
                continue
            yield number, record, None


def join_text_fields(parts) -> str:
    """Joins "Title" and "Abstract." into "Title. Abstract."; empty parts are left out."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text:
            text += " " if text[-1] in ".!?:;" else ". "
        text += part
    return text


def read_labelled_file(
    path: str | Path, *, text_fields: Sequence[str], label_field: str, fmt: str = "auto"
) -> ParsedFile:
    """Parse every line; bad lines are collected with their number, never skipped silently."""
    path = Path(path)
    from modeldemo import schedule_import  # it imports this module

    if fmt == "auto":
        if schedule_import.is_schedule_file(path):
            fmt = "schedule"
        else:
            fmt = "csv" if path.suffix.lower() == ".csv" else "jsonl"
    if fmt == "schedule":
        # frab/pretalx schedule.xml, schedule.json, c3voc submission JSON: title + abstract,
        # labelled with the event's track (text_fields and label_field do not apply).
        return schedule_import.read_schedule_file(path)
    parsed = ParsedFile()
    for number, record, problem in _records(path, fmt):
        if problem:
            parsed.errors.append((number, problem))
            continue
        missing = [name for name in (*text_fields, label_field) if name not in record]
        if missing:
            parsed.errors.append((number, f"missing field(s): {', '.join(missing)}"))
            continue
        text = join_text_fields(str(record[name] or "") for name in text_fields)
        label = str(record[label_field] or "").strip()
        if not text:
            parsed.errors.append((number, "empty text"))
        elif not label:
            parsed.errors.append((number, f"empty {label_field}"))
        elif len(label) > LABEL_MAX_LENGTH:
            parsed.errors.append((number, f"{label_field} longer than {LABEL_MAX_LENGTH}"))
        else:
            parsed.rows.append((text, label))
            parsed.line_numbers.append(number)
            parsed.records.append(record)
    return parsed
