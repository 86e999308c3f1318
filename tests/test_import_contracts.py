"""The import rules of pyproject.toml ([tool.importlinter]) hold, and a broken one is caught."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["conference", "talks", "scheduling", "modeldemo"]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH first, so the copy's packages are read, not the installed checkout.
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def tree_copy(tmp_path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        (
            "conference/leak.py",
            "from talks.models import Submission\n",
            "The event domain imports nothing of talks, scheduling or modeldemo BROKEN",
        ),
        (
            "talks/leak.py",
            "from scheduling import selectors\n",
            "talks imports nothing of scheduling or modeldemo BROKEN",
        ),
        (
            "scheduling/leak.py",
            "def embed():\n    import torch\n\n    return torch\n",
            "Only modeldemo.bert and modeldemo.categorisers import torch or transformers BROKEN",
        ),
        (
            "modeldemo/mlp/leak.py",
            "from django.conf import settings\n",
            "The teaching MLP (modeldemo.mlp) imports no Django BROKEN",
        ),
    ],
)
def test_import_contracts_catch_a_forbidden_import(tree_copy, module, source, contract):
    (tree_copy / module).write_text(source)

    result = lint_imports(tree_copy)

    assert result.returncode == 1, result.stdout + result.stderr
    assert contract in result.stdout
    assert "Contracts: 3 kept, 1 broken." in result.stdout
