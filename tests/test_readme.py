"""The README's commands, run as written: its make targets exist, and its ML command lines work
in order on a small data set of the same shape (the real file is FOSDEM's, in ../shared)."""

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from modeldemo.models import LabelMapping, ModelVersion
from talks.models import LabelledExample
from tests.factories import ConferenceFactory, TrackFactory

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FOSDEM = "../shared/data/fosdem_dev_2007_2024.jsonl"

PAST = {
    "languages": [
        "Rust ownership and borrowing explained for C++ programmers",
        "What is new in Python's type system this year",
        "Writing a compiler front end for a small functional language",
        "Go generics in practice: a year of experience",
        "Garbage collection in the JVM: how the new collectors work",
        "Pattern matching in modern programming languages",
    ],
    "databases": [
        "PostgreSQL query planning and indexes in depth",
        "Replication and failover for MySQL clusters",
        "Time-series storage with a columnar database engine",
        "SQLite as an application file format",
        "Vacuum, bloat and transaction IDs in PostgreSQL",
        "Designing schemas for a document database",
    ],
    "science-data-ai": [
        "Training neural networks for image classification",
        "Large language models for scientific text mining",
        "Machine learning pipelines with scikit-learn",
        "Reinforcement learning agents for robotics",
        "Deep learning inference on GPUs with PyTorch",
        "Statistical models of climate data in Python notebooks",
    ],
}


def _shell_lines(section: str) -> list[str]:
    """The command lines of the ```sh blocks in one README section (comments dropped)."""
    body = README.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", body, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def test_every_make_target_the_readme_names_exists():
    targets = sorted(set(re.findall(r"\bmake ([a-z][a-z-]*)", README)))
    assert {"run", "test", "worker", "worker-ml", "beat", "lint", "fmt"} <= set(targets)

    for target in targets:
        dry = subprocess.run(
            ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert dry.returncode == 0, f"make {target}: {dry.stderr}"
        assert dry.stdout.strip(), f"make {target} does nothing"


def test_the_machine_learning_commands_run_as_written(db, tmp_path, settings, capsys):
    settings.ML_MODELS_DIR = tmp_path / "models"
    conference = ConferenceFactory(slug="ai-dev-conf", name="AI Dev Conf")
    for name, description in [
        ("Programming Languages", "Compilers, type systems and language runtimes"),
        ("Databases", "SQL and storage engines, queries, replication"),
        ("Machine Learning", "Training and serving neural network models on data"),
    ]:
        TrackFactory(conference=conference, name=name, description=description)
    past = tmp_path / "fosdem.jsonl"
    past.write_text(
        "".join(
            json.dumps({"title": title, "abstract": "", "label_coarse": label}) + "\n"
            for label, titles in PAST.items()
            for title in titles
        ),
        encoding="utf-8",
    )
    lines = _shell_lines("Machine learning")
    assert [shlex.split(line)[2] for line in lines] == [
        "import_examples",
        "map_labels",
        "map_labels",
        "train_categoriser",
        "evaluate_categoriser",
        "categorise",
    ]

    outputs = []
    for line in lines:
        argv = shlex.split(line)
        assert argv[:2] == [".venv/bin/python", "manage.py"]
        argv = [str(past) if arg == FOSDEM else arg for arg in argv[2:]]
        argv = [str(tmp_path / "report") if arg == "var/report" else arg for arg in argv]
        if argv[0] == "evaluate_categoriser":
            # The README's mlp-v1 stands for the name that train_categoriser printed.
            version = ModelVersion.objects.get(kind="mlp")
            argv = [version.name if arg == "mlp-v1" else arg for arg in argv]
        call_command(*argv)
        outputs.append(capsys.readouterr().out)

    assert LabelledExample.objects.filter(dataset="fosdem").count() == 18
    assert "Imported 18 examples into data set 'fosdem'" in outputs[0]
    assert "map them with map_labels" in outputs[0]
    assert "Mapping stored." not in outputs[1] and "Mapping stored." in outputs[2]
    mapping = LabelMapping.objects.get(conference=conference, dataset="fosdem")
    names = dict(conference.tracks.values_list("pk", "name"))
    assert {label: names.get(track) for label, track in mapping.mapping.items()} == {
        "languages": "Programming Languages",
        "databases": "Databases",
        "science-data-ai": "Machine Learning",
    }
    version = ModelVersion.objects.get(kind="mlp")
    # 18 examples: the stratified validation split (4: one or two per label) validates a model
    # of the other 14, then the version is trained on all 18 (training.REFIT_KINDS)
    assert (version.status, version.trained_on, version.validated_on) == ("ready", 18, 4)
    assert json.loads(outputs[4])["examples"] == 18
    assert (tmp_path / "report" / "confusion.png").read_bytes()[:4] == b"\x89PNG"
    # "Serving LLMs on Kubernetes with vLLM": three suggestions, each "<probability>  <track>"
    suggestions = [
        re.fullmatch(r"\s*\d+\.\d%  (.+)", line).group(1) for line in outputs[5].splitlines()
    ]
    assert sorted(suggestions) == ["Databases", "Machine Learning", "Programming Languages"]


@pytest.mark.parametrize("variable", re.findall(r"^\| `([A-Z_]+)`", README, flags=re.M))
def test_every_variable_in_the_readme_is_in_env_example(variable):
    assert re.search(rf"^#? ?{variable}=", (ROOT / ".env.example").read_text(), flags=re.M)
