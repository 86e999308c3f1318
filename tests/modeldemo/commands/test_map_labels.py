"""import_examples --conference --map and map_labels: the mapping step on the command line."""

import json

import pytest
from django.core.management import CommandError, call_command

from modeldemo import label_maps
from modeldemo.models import LabelMapping
from tests.factories import TrackFactory
from tests.modeldemo.test_mapping import WordEncoder


@pytest.fixture(autouse=True)
def word_encoder(monkeypatch):
    monkeypatch.setattr("modeldemo.bert.encoder.get_encoder", lambda *args: WordEncoder())


@pytest.fixture
def tracks(conference):
    return [
        TrackFactory(conference=conference, name="Languages", slug="lang", description="Python"),
        TrackFactory(conference=conference, name="Systems", slug="sys", description="Linux kernel"),
    ]


@pytest.fixture
def past_file(tmp_path):
    path = tmp_path / "past.jsonl"
    records = [
        {"title": "Typing in python", "abstract": "Types.", "label": "python-devroom"},
        {"title": "Linux scheduling", "abstract": "CFS.", "label": "kernel"},
        {"title": "Cat pictures", "abstract": "Cute.", "label": "cats"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_import_with_map_auto_stores_the_proposal(conference, tracks, past_file, capsys):
    call_command(
        "import_examples",
        str(past_file),
        "--dataset",
        "past",
        "--conference",
        "devconf",
        "--map",
        "auto",
    )

    out = capsys.readouterr().out
    assert "python-devroom [1] -> Languages  1.000  e.g. Typing in python" in out
    assert "cats [1] -> (ignore)" in out
    assert "Mapped 2 label(s), ignored 1." in out
    mapping = label_maps.current_mapping(
        conference=conference, stored=LabelMapping.objects.get(dataset="past")
    )
    assert mapping == {"python-devroom": "Languages", "kernel": "Systems", "cats": None}


def test_import_with_a_map_file(conference, tracks, past_file, tmp_path):
    given = tmp_path / "map.json"
    given.write_text(json.dumps({"python-devroom": "Languages", "cats": "Systems"}))

    call_command(
        "import_examples",
        str(past_file),
        "--dataset",
        "past",
        "--conference",
        "devconf",
        "--map",
        str(given),
    )

    mapping = label_maps.current_mapping(
        conference=conference, stored=LabelMapping.objects.get(dataset="past")
    )
    assert mapping == {"python-devroom": "Languages", "kernel": None, "cats": "Systems"}


def test_import_with_a_map_to_an_unknown_track_fails(conference, tracks, past_file, tmp_path):
    given = tmp_path / "map.json"
    given.write_text(json.dumps({"cats": "Cooking"}))

    with pytest.raises(CommandError, match="Not a track of this conference: Cooking"):
        call_command(
            "import_examples",
            str(past_file),
            "--dataset",
            "past",
            "--conference",
            "devconf",
            "--map",
            str(given),
        )


def test_map_labels_prints_and_accepts(conference, tracks, past_file, capsys):
    call_command("import_examples", str(past_file), "--dataset", "past")
    capsys.readouterr()

    call_command("map_labels", "--conference", "devconf", "--dataset", "past")
    assert not LabelMapping.objects.exists()
    call_command("map_labels", "--conference", "devconf", "--dataset", "past", "--accept")

    out = capsys.readouterr().out
    assert "kernel [1] -> Systems" in out
    assert "Mapping stored." in out
    assert LabelMapping.objects.get(dataset="past").revision == 1
