"""Imports point only downwards: core → staff → network → events, publications → portal.

The contracts live in pyproject.toml ([tool.importlinter]); `make lint` runs them with
`lint-imports`, and this test runs the same command so that `make test` fails on an import that
climbs a layer, with import-linter's report (module, line) as the failure message.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports_command():
    beside_python = Path(sys.executable).with_name("lint-imports")
    found = str(beside_python) if beside_python.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is not installed: run `make install` (it is in the dev extra)")
    return found


def test_imports_follow_the_layers():
    """No module imports from a layer above its own."""
    result = subprocess.run(
        [lint_imports_command(), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_layers_contract_names_every_app():
    """A new top-level app outside the contract would escape the rule unnoticed."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert set(config["importlinter"]["root_packages"]) == apps
    layered = set()
    for contract in config["importlinter"]["contracts"]:
        if contract["type"] == "layers":
            for layer in contract["layers"]:
                layered.update(name.strip() for name in layer.split("|"))
    assert layered == apps
