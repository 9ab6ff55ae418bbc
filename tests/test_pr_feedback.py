"""The comment on a pull request: made from findings that a fork's code may have written, so read as untrusted data."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from kennisbank.contribute.pr_feedback import (
    FINDINGS_FILE,
    FORMAT,
    FORMAT_WITHOUT_DUE,
    MARKER,
    MAX_FINDINGS_BYTES,
    MAX_SHOWN,
    NUMBER_FILE,
    Findings,
    comment,
    read_findings,
    read_number,
)
from markdown_it import MarkdownIt

from tests.conftest import ROOT

RUN_URL = "https://github.com/decooperatievesamenleving/kennisbank/actions/runs/99"


def write(folder: Path, data: object, number: str = "7\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FINDINGS_FILE).write_text(json.dumps(data), encoding="utf-8")
    (folder / NUMBER_FILE).write_text(number, encoding="utf-8")
    return folder


def findings(problems: list[str] | None = None, warnings: list[str] | None = None, notes: list[str] | None = None) -> dict[str, object]:
    return {"format": FORMAT, "problems": problems or [], "warnings": warnings or [], "notes": notes or [], "due": []}


def test_problems_are_listed_and_the_preview_is_not_offered() -> None:
    text = comment(Findings(problems=["cases/x.md:4: veld 'titel': ontbreekt"]), conclusion="failure", run_url=RUN_URL, preview_url=None)
    assert text.startswith(f"{MARKER}\n\n### Controle van je wijziging: niet geslaagd\n\nDe controle vond één fout in de inhoud.")
    assert "\n- cases/x.md:4: veld 'titel': ontbreekt\n" in text
    assert "Er is nog geen voorbeeld van de site" in text
    assert text.endswith(f"[Alle details van de controle]({RUN_URL}). Deze reactie wordt bijgewerkt na elke nieuwe controle.\n")


def test_a_failure_without_content_problems_says_it_is_not_the_content() -> None:
    text = comment(Findings(), conclusion="failure", run_url=RUN_URL, preview_url=None)
    assert "De inhoud is in orde, maar een test of het bouwen van de site ging mis." in text
    missing = comment(None, conclusion="failure", run_url=RUN_URL, preview_url=None)
    assert "De controle gaf geen bevindingen door" in missing


def test_warnings_notes_and_the_preview_of_a_successful_check() -> None:
    found = Findings(warnings=["cases/x.md:9: mogelijke spelfout 'samenwerkng' (bedoel je 'samenwerking'?)"], notes=["Spellingcontrole overgeslagen: …"])
    text = comment(found, conclusion="success", run_url=RUN_URL, preview_url=f"{RUN_URL}/artifacts/5")
    assert "### Controle van je wijziging: geslaagd" in text
    assert "**Waarschuwingen.** Kijk ze na; ze houden je wijziging niet tegen." in text
    assert "\n- cases/x.md:9: mogelijke spelfout 'samenwerkng' (bedoel je 'samenwerking'?)\n" in text
    assert "\n- Spellingcontrole overgeslagen: …\n" in text
    assert f"[download het voorbeeld]({RUN_URL}/artifacts/5)" in text


def test_hostile_findings_show_as_text_and_long_lists_are_cut() -> None:
    hostile = ["@redactie <script>alert(1)</script> ![x](https://evil.example/p.png) [klik](javascript:alert(1)) #12"] * (MAX_SHOWN + 5)
    text = comment(Findings(problems=hostile, warnings=["x" * 5000]), conclusion="failure", run_url=RUN_URL, preview_url=None)
    html = MarkdownIt("commonmark").render(text)
    assert set(re.findall(r"<(\w+)", html)) <= {"h3", "p", "ul", "li", "strong", "a"}
    assert re.findall(r'<a href="([^"]*)"', html) == [RUN_URL]
    assert "@redactie" not in text
    assert "\n- en nog 5\n" in text
    assert len(text) < 65_536


def test_a_comment_of_the_longest_findings_stays_under_githubs_limit() -> None:
    """Every character escaped, every item as long as shown, every list full: still one comment GitHub accepts."""
    worst = ["<*_[]>`#" * 60] * (MAX_SHOWN + 10)
    text = comment(Findings(problems=worst, warnings=worst, notes=worst, due=worst), conclusion="failure", run_url=RUN_URL, preview_url=None)
    assert len(text) < 65_536
    assert re.search(r"\n- en nog [0-9]+\n", text)


def test_cases_due_for_a_check_are_listed_for_the_editors_apart_from_the_writers_warnings() -> None:
    due = "cases/x.md:48: veld 'gecontroleerd': laatst gecontroleerd op 3 maart 2024, meer dan 2 jaar geleden."
    found = Findings(warnings=["cases/y.md:9: mogelijke spelfout 'samenwerkng'"], due=[due])
    text = comment(found, conclusion="success", run_url=RUN_URL, preview_url=None)
    writer, editors = text.index("**Waarschuwingen.**"), text.index("**Voor de redactie: toe aan een controle.**")
    assert writer < text.index("cases/y.md:9") < editors < text.index(f"\n- {due}\n")
    assert "je hoeft er niets mee te doen" in text
    assert "toe aan een controle" not in comment(Findings(), conclusion="success", run_url=RUN_URL, preview_url=None)


def test_findings_of_a_check_made_before_the_freshness_warnings_are_still_read(tmp_path: Path) -> None:
    """A pull request checked with the code of before this change writes the first format; its comment still comes."""
    old = {"format": FORMAT_WITHOUT_DUE, "problems": [], "warnings": ["cases/x.md:9: mogelijke spelfout 'samenwerkng'"], "notes": []}
    found = read_findings(write(tmp_path, old))
    assert found is not None and found.warnings == old["warnings"] and found.due == []
    assert read_findings(write(tmp_path / "nieuw", {**old, "due": ["cases/x.md:48: …"]})) is None, "the first format has no 'due'"


@pytest.mark.parametrize(
    "data",
    [
        {"format": "iets anders", "problems": [], "warnings": [], "notes": []},
        {"format": FORMAT, "problems": [], "warnings": [], "notes": []},
        {**findings(), "format": ["kennisbank-bevindingen 2"]},
        {**findings(), "extra": 1},
        findings(problems=[{"text": "geen tekst"}]),  # type: ignore[list-item]
        [1, 2],
        "tekst",
    ],
)
def test_findings_that_are_not_exactly_what_the_check_writes_are_ignored(tmp_path: Path, data: object) -> None:
    assert read_findings(write(tmp_path, data)) is None


def test_too_large_linked_or_missing_findings_are_ignored(tmp_path: Path) -> None:
    folder = write(tmp_path / "groot", findings(problems=["x" * MAX_FINDINGS_BYTES]))
    assert read_findings(folder) is None
    secret = tmp_path / "geheim.json"
    secret.write_text(json.dumps(findings(problems=["geheim"])), encoding="utf-8")
    linked = tmp_path / "link"
    linked.mkdir()
    (linked / FINDINGS_FILE).symlink_to(secret)
    assert read_findings(linked) is None
    assert read_findings(tmp_path / "leeg") is None
    (tmp_path / "diep").mkdir()
    (tmp_path / "diep" / FINDINGS_FILE).write_text("[" * 100_000, encoding="utf-8")
    assert read_findings(tmp_path / "diep") is None


@pytest.mark.parametrize(("written", "expected"), [("7\n", 7), ("007", None), ("7; rm -rf /", None), ("-1", None), ("", None), ("9" * 40, None)])
def test_the_number_is_a_plain_positive_number(tmp_path: Path, written: str, expected: int | None) -> None:
    assert read_number(write(tmp_path, findings(), number=written)) == expected


def test_it_runs_with_the_standard_library_alone(tmp_path: Path) -> None:
    folder = write(tmp_path / "bevindingen", findings(warnings=["cases/x.md:9: mogelijke spelfout 'samenwerkng'"]))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"))
    command = [sys.executable, "-S", "-m", "kennisbank.contribute.pr_feedback"]  # -S: no installed packages
    number = subprocess.run([*command, "number", str(folder)], capture_output=True, text=True, check=False, env=env, cwd=tmp_path)
    assert (number.returncode, number.stdout) == (0, "7\n")
    made = subprocess.run(
        [*command, "comment", str(folder), "--conclusion", "success", "--run-url", RUN_URL, "--preview-id", "5"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(MARKER)
    forged = subprocess.run(
        [*command, "comment", str(folder), "--conclusion", "success", "--run-url", "javascript:alert(1)"], capture_output=True, text=True, check=False, env=env
    )
    assert forged.returncode == 1
    assert forged.stdout == ""


def test_validate_writes_the_problems_of_broken_content_too(content_copy: Path, tmp_path: Path) -> None:
    case = content_copy / "cases" / "zonnedijk-energie.md"
    case.write_text(case.read_text(encoding="utf-8").replace("startjaar: 2016", "startjaar: twintig"), encoding="utf-8")
    out = tmp_path / "bevindingen"
    command = [str(Path(sys.executable).with_name("kennisbank")), "--root", str(content_copy), "validate", "--findings", str(out / FINDINGS_FILE)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    (out / NUMBER_FILE).write_text("7\n", encoding="utf-8")
    found = read_findings(out)
    assert found is not None
    assert [problem.split(": ", 1)[0] for problem in found.problems] == ["cases/zonnedijk-energie.md:7"]
    assert found.warnings == [] and found.due == []
    assert "De controle vond één fout in de inhoud." in comment(found, conclusion="failure", run_url=RUN_URL, preview_url=None)


def test_validate_writes_the_cases_due_for_a_check_for_the_editors(content_copy: Path, tmp_path: Path) -> None:
    case = content_copy / "cases" / "zonnedijk-energie.md"
    case.write_text(case.read_text(encoding="utf-8").replace("gecontroleerd: 2026-11-26", "gecontroleerd: 2024-03-03"), encoding="utf-8")
    out = tmp_path / "bevindingen"
    command = [str(Path(sys.executable).with_name("kennisbank")), "--root", str(content_copy), "validate", "--findings", str(out / FINDINGS_FILE)]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1796083200")  # 2026-12-01
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert "Toe aan een controle door de redactie: 1 casus." in result.stdout
    found = read_findings(out)
    assert found is not None
    line = case.read_text(encoding="utf-8").split("\n").index("gecontroleerd: 2024-03-03") + 1
    assert [item.split(": veld")[0] for item in found.due] == [f"cases/zonnedijk-energie.md:{line}"]
    assert "3 maart 2024" in found.due[0] and not any("gecontroleerd" in warning for warning in found.warnings)
