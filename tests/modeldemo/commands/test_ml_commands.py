"""train_categoriser, evaluate_categoriser and categorise on a tiny data set."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from modeldemo.models import ModelVersion
from tests.modeldemo.conftest import TINY


@pytest.fixture
def tiny_file(tmp_path):
    path = tmp_path / "tiny.jsonl"
    path.write_text(
        "".join(
            json.dumps({"title": text, "abstract": "", "track": label}) + "\n"
            for label, texts in TINY.items()
            for text in texts
        )
    )
    return path


@pytest.fixture(autouse=True)
def models_dir(settings, tmp_path):
    settings.ML_MODELS_DIR = tmp_path / "models"


def test_train_evaluate_and_categorise_with_an_mlp(
    conference, ml_tracks, tiny_file, tmp_path, capsys
):
    call_command(
        "train_categoriser",
        "--kind",
        "mlp",
        "--data",
        str(tiny_file),
        "--label-field",
        "track",
        "--conference",
        conference.slug,
        "--activate",
    )
    report = json.loads(capsys.readouterr().out)
    version = ModelVersion.objects.get()
    assert report["version"] == version.name == f"mlp-v{version.pk}"
    assert report["unknown_labels"] == []
    # 19 + the 5 that validated it (training.REFIT_KINDS)
    assert (version.status, version.is_active, version.trained_on) == ("ready", True, 24)

    call_command(
        "evaluate_categoriser",
        "--model",
        version.name,
        "--data",
        str(tiny_file),
        "--label-field",
        "track",
        "--report-dir",
        str(tmp_path / "report"),
    )
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["examples"] == 24
    assert metrics["accuracy"] >= 0.9
    for name in ("confusion.png", "f1.png"):
        assert (tmp_path / "report" / name).read_bytes()[:4] == b"\x89PNG"

    call_command("categorise", "Speech recognition of dialect audio", "--model", version.name)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("  Speech")


def test_train_categoriser_bert_without_the_tfidf_blend(conference, ml_tracks, tiny_file, capsys):
    call_command(
        "train_categoriser",
        "--kind",
        "bert",
        "--data",
        str(tiny_file),
        "--label-field",
        "track",
        "--conference",
        conference.slug,
        "--epochs",
        "1",
        "--max-length",
        "16",
        "--tfidf-weight",
        "0",
    )
    report = json.loads(capsys.readouterr().out)
    version = ModelVersion.objects.get()
    folder = Path(version.path)

    assert report["version"] == version.name == f"bert-v{version.pk}"
    assert (version.status, version.trained_on, version.validated_on) == ("ready", 19, 5)
    assert (version.training_config["tfidf_weight"], version.training_config["max_length"]) == (
        0.0,
        16,
    )
    assert version.training_config["validation_parts"] is None
    assert (folder / "model.safetensors").is_file()
    assert not (folder / "tfidf").exists()


def test_train_categoriser_names_bad_lines(db, tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "a", "abstract": "b", "label": "x"}\n{oops\n')

    with pytest.raises(CommandError, match=r"1 bad line\(s\)"):
        call_command("train_categoriser", "--kind", "mlp", "--data", str(path))

    assert capsys.readouterr().err.startswith("line 2: not valid JSON")
    assert ModelVersion.objects.count() == 0


def test_categorise_with_the_conferences_zero_shot(conference, ml_tracks, capsys):
    call_command("categorise", "Object detection in camera images", "--conference", "devconf")

    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[-1] for line in lines][0] == "Vision"


def test_evaluate_categoriser_refuses_unknown_models(db):
    with pytest.raises(CommandError, match="mlp-v99: no such model version or folder."):
        call_command("evaluate_categoriser", "--model", "mlp-v99", "--data", "x.jsonl")
