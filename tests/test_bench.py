"""`make bench` itself: a small run goes through, so that the figures in the README can be measured again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kennisbank.index import load_index
from kennisbank.tools import bench

from tests.conftest import ROOT


def test_bare_site_menu_holds_every_module_and_lesson_once(tmp_path: Path) -> None:
    """The bare build's menu is the site's menu: the Leren section filled in from the index, fixed pages only."""
    config = json.loads((bench._bare_copy(ROOT, tmp_path) / "mkdocs.yml").read_text(encoding="utf-8"))

    def pages(items: list[object]) -> list[str]:
        found: list[str] = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found += pages(value) if isinstance(value, list) else [str(value)]
        return found

    listed = pages(config["nav"])
    index = load_index(ROOT)
    expected = [module.src_uri for module in index.modules.values()] + [lesson.src_uri for lesson in index.lessons.values()]
    assert sorted(p for p in listed if p in expected) == sorted(expected)
    assert len(listed) == len(set(listed)), "elke pagina staat één keer in het menu"
    assert not [p for p in listed if p.startswith("casussen/")], "de kale build kent geen gemaakte pagina's"


def test_bench_measures_a_small_corpus(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert bench.main(["--aantallen", "20", "--herhalingen", "1", "--zonder-browser", "--zonder-pdf"]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("| 20 |") for line in out.splitlines()), out
    assert "20 casussen: schoon/kaal" in out
