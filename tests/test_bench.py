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
    cells = [line.strip(" |").split(" | ") for line in out.splitlines() if line.startswith("| 20 | ")]
    counted = {row[1]: [int(cell.replace(".", "")) for cell in row[2:]] for row in cells if row[1] in ("schoon", "warm", "kaal")}
    assert sorted(counted) == ["kaal", "schoon", "warm"], out
    assert all(counts[1] > 20 and counts[2] > 20 for counts in counted.values()), counted  # each writes its pages, in their folders
    assert "Doelen: geen bij deze aantallen" in out


def _row(cases: int, clean: float, warm: float, bare: float, **measured: object) -> bench.Row:
    return bench.Row(cases, bench.Run(clean, 900, 700, 1900), bench.Run(warm, 500, 400), bench.Run(bare, 300, 300), 28, 29, 100, 50, **measured)  # type: ignore[arg-type]


def test_every_target_is_printed_with_its_figure_and_whether_it_is_met() -> None:
    rows = [
        _row(1000, 7.0, 4.0, 3.6),
        _row(3000, 18.0, 11.0, 9.0, search_kb=288.0, search_s=0.2, edit_seconds=[2.0, 2.5, 2.6]),
        _row(10000, 50.0, 30.0, 25.0, search_kb=581.0, search_s=0.6),
    ]
    lines = [target.line() for target in bench.targets(rows)]
    assert lines == [
        "schone build ≤ 2,0× de kale bij 1.000 casussen: 1,94× (7,0 tegen 3,6 s) — gehaald",
        "warme build ≤ 1,2× de kale bij 1.000 casussen: 1,11× (4,0 tegen 3,6 s) — gehaald",
        "schone build ≤ 2,0× de kale bij 3.000 casussen: 2,00× (18,0 tegen 9,0 s) — gehaald",
        "warme build ≤ 1,2× de kale bij 3.000 casussen: 1,22× (11,0 tegen 9,0 s) — NIET gehaald",
        "eerste zoekvraag ≤ 300 kB bij 3.000 casussen: 288 kB — gehaald",
        "make serve, van opslaan tot pagina ≤ een kwart van de kale build bij 3.000 casussen: 2,5 s (een kwart van de kale build: 2,25 s) — NIET gehaald",
        "schone build ≤ 2,0× de kale bij 10.000 casussen: 2,00× (50,0 tegen 25,0 s) — gehaald",
        "warme build ≤ 1,2× de kale bij 10.000 casussen: 1,20× (30,0 tegen 25,0 s) — gehaald",
        "geheugen van het buildproces < 1.024 MB bij 10.000 casussen: 700 MB (Pagefind ernaast: 1.900 MB) — gehaald",
        "eerste zoekvraag ≤ 600 kB bij 10.000 casussen: 581 kB — gehaald",
    ]
    unmeasured = bench.targets([_row(3000, 18.0, 11.0, 9.0)])
    assert [target.line() for target in unmeasured][2:] == [
        "eerste zoekvraag ≤ 300 kB bij 3.000 casussen: — — niet gemeten",
        "make serve, van opslaan tot pagina ≤ een kwart van de kale build bij 3.000 casussen: — — niet gemeten",
    ]
