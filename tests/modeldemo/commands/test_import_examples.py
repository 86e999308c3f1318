import json

import pytest
from django.core.management import CommandError, call_command

from talks.models import LabelledExample


def _jsonl(path, records):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    return path


def test_import_examples_jsonl_imports_and_skips_duplicates(db, tmp_path, capsys):
    path = _jsonl(
        tmp_path / "past.jsonl",
        [
            {"title": "Rust in the kernel", "abstract": "Drivers.", "track": "Kernel"},
            {"title": "Postgres tuning", "abstract": "Vacuum.", "track": "Databases"},
            {"title": "Rust in the kernel", "abstract": "Drivers.", "track": "Kernel"},
        ],
    )

    call_command("import_examples", str(path), "--label-field", "track")
    call_command("import_examples", str(path), "--label-field", "track")

    examples = list(
        LabelledExample.objects.order_by("label").values_list("text", "label", "source")
    )
    assert examples == [
        ("Postgres tuning. Vacuum.", "Databases", "import"),
        ("Rust in the kernel. Drivers.", "Kernel", "import"),
    ]
    out = capsys.readouterr().out
    assert "Imported 2 examples into data set 'past.jsonl'; skipped 1 duplicates." in out
    assert "Imported 0 examples into data set 'past.jsonl'; skipped 3 duplicates." in out


def test_import_examples_reports_every_bad_line_and_imports_nothing(db, tmp_path, capsys):
    path = _jsonl(
        tmp_path / "bad.jsonl",
        [
            {"title": "Good", "abstract": "Fine.", "label": "A"},
            "{not json",
            {"title": "No label", "abstract": "x"},
            {"title": "", "abstract": "", "label": "B"},
            {"title": "Empty label", "abstract": "x", "label": " "},
        ],
    )

    with pytest.raises(CommandError, match=r"^4 bad line\(s\); nothing was imported\.$"):
        call_command("import_examples", str(path))

    assert LabelledExample.objects.count() == 0
    assert capsys.readouterr().err.splitlines() == [
        "bad.jsonl, line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        "bad.jsonl, line 3: missing field(s): label",
        "bad.jsonl, line 4: empty text",
        "bad.jsonl, line 5: empty label",
    ]


def test_import_examples_csv_with_chosen_fields(db, tmp_path):
    path = tmp_path / "programme.csv"
    path.write_text('name,summary,area\n"Talk, one",About A,Alpha\nTalk two,"About B",Beta\n')

    call_command(
        "import_examples",
        str(path),
        "--text-fields",
        "name,summary",
        "--label-field",
        "area",
        "--dataset",
        "conf-2024",
    )

    assert list(
        LabelledExample.objects.order_by("label").values_list("text", "label", "dataset")
    ) == [
        ("Talk, one. About A", "Alpha", "conf-2024"),
        ("Talk two. About B", "Beta", "conf-2024"),
    ]


def test_import_examples_csv_bad_line_is_numbered(db, tmp_path, capsys):
    path = tmp_path / "programme.csv"
    path.write_text("title,abstract,label\nA,B,C\nD,E,\n")

    with pytest.raises(CommandError):
        call_command("import_examples", str(path))

    assert capsys.readouterr().err.strip() == "programme.csv, line 3: empty label"
    assert LabelledExample.objects.count() == 0
