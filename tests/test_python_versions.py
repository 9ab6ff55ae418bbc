"""The Python versions we support are said the same way in pyproject.toml and in the pull-request workflow."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import ROOT


def classifier_versions() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [m.group(1) for c in project["classifiers"] if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))]


def test_the_workflow_tests_every_version_the_classifiers_name() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))
    matrix = workflow["jobs"]["controleren"]["strategy"]["matrix"]["python"]
    assert matrix == classifier_versions() == ["3.11", "3.12", "3.13"]


def test_requires_python_starts_at_the_lowest_tested_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == f">={classifier_versions()[0]}"
