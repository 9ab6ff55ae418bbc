"""Spelling advice in `kennisbank validate`: Dutch words from hunspell-nl, project words from the data, warnings that never fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kennisbank.advice.prose import only_prose
from kennisbank.advice.spelling import MAX_SUGGESTED, WORD_LIST_FILE, check
from kennisbank.content.loader import load_content

from tests.conftest import ROOT

KENNISBANK = str(Path(sys.executable).with_name("kennisbank"))
CASE = "cases/zonnedijk-energie.md"
LESSON = "docs/leren/value-cases-ontwikkelen/verdienmodel.md"


def validate(root: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=path) if path is not None else None
    return subprocess.run([KENNISBANK, "--root", str(root), "validate", *args], capture_output=True, text=True, check=False, env=env, timeout=120)


def append(root: Path, rel: str, text: str) -> int:
    """Add `text` at the end of a file; the file line it starts on."""
    file = root / rel
    before = file.read_text(encoding="utf-8")
    file.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def warnings_of(root: Path) -> list[str]:
    advice = check(load_content(root))
    assert advice.notes == []
    return [str(warning) for warning in advice.warnings]


def test_the_real_content_has_no_spelling_warnings() -> None:
    # A new word that is right belongs in data/woordenlijst.txt; a wrong one is fixed.
    assert warnings_of(ROOT) == []


def test_a_typo_in_a_story_summary_or_lesson_is_warned_on_its_line(content_copy: Path) -> None:
    summary = content_copy / CASE
    summary.write_text(summary.read_text(encoding="utf-8").replace("samenvatting: Bewoners van", "samenvatting: Bewonrs van"), encoding="utf-8")
    story = append(content_copy, CASE, "\nDe samenwerkng met de gemeente liep goed.\n")
    lesson = append(content_copy, LESSON, "\nEen vrijwiligers vergadering.\n")
    assert warnings_of(content_copy) == [
        f"{CASE}:3: mogelijke spelfout 'Bewonrs' (bedoel je 'Bewoners'?)",
        f"{CASE}:{story + 1}: mogelijke spelfout 'samenwerkng' (bedoel je 'samenwerking'?)",
        f"{LESSON}:{lesson + 1}: mogelijke spelfout 'vrijwiligers' (bedoel je 'vrijwilligers'?)",
    ]


def test_code_addresses_and_markup_are_not_checked(content_copy: Path) -> None:
    append(
        content_copy,
        CASE,
        "\nZie `samenwerkng` en [de website](https://samenwerkng.example/pad) of <https://www.samenwerkng.example>.\n"
        "Mail info@samenwerkng.example. { #samenwerkng }\n\n"
        "```\nsamenwerkng\n```\n\n"
        '!!! samenwerkng "Let op"\n    Gewone tekst.\n\n<span class="samenwerkng">Tekst</span>\n',
    )
    assert warnings_of(content_copy) == []


def test_only_prose_keeps_every_line() -> None:
    markdown = "Een `code` zin.\n\n```python\nprint('x')\n```\n[tekst](doel.md) en https://example.org/pad.\n"
    cleaned = only_prose(markdown)
    assert cleaned.count("\n") == markdown.count("\n")
    assert [line.split() for line in cleaned.split("\n")] == [["Een", "zin."], [], [], [], [], ["[tekst", "en"], []]


def test_project_words_are_known(content_copy: Path) -> None:
    # A place, a case's name, a glossary term, a region's label and a word from the word list.
    append(content_copy, CASE, "\nIn Ammerzoden, bij Zonnedijk, met governance, in Gelderse Rivierenland: noaberschap.\n")
    assert warnings_of(content_copy) == []
    line = append(content_copy, CASE, "\nHet dorpsmoestuinfeest was een succes.\n")
    assert warnings_of(content_copy) == [f"{CASE}:{line + 1}: mogelijke spelfout 'dorpsmoestuinfeest'"]
    append(content_copy, WORD_LIST_FILE, "Dorpsmoestuinfeest\n")
    assert warnings_of(content_copy) == []


def test_words_with_hyphens_pass_when_every_part_is_right(content_copy: Path) -> None:
    line = append(content_copy, CASE, "\nIn Nieuw-West kwam een concept-opzet en een samenwerkng-plan.\n")
    found = warnings_of(content_copy)
    assert len(found) == 1
    assert found[0].startswith(f"{CASE}:{line + 1}: mogelijke spelfout 'samenwerkng-plan'")


def test_past_the_limit_a_warning_comes_without_a_suggestion(content_copy: Path) -> None:
    typos = ["bewonrs", "gemeeente", "vrijwiligers", "initiatif", "duurzam", "coöperatei", "ledenvergaderign", "buurtbuss", "energiecooperatie", "samenwerkng"]
    typos += ["vergaderinng", "dorpshius"]
    line = append(content_copy, CASE, "\n" + "\n".join(typos) + "\n")
    found = warnings_of(content_copy)
    assert [warning.split("'")[1] for warning in found] == typos
    assert all("bedoel je" in warning for warning in found[:MAX_SUGGESTED])
    assert found[MAX_SUGGESTED:] == [
        f"{CASE}:{line + 1 + MAX_SUGGESTED}: mogelijke spelfout 'vergaderinng'",
        f"{CASE}:{line + 2 + MAX_SUGGESTED}: mogelijke spelfout 'dorpshius'",
    ]


def test_validate_warns_but_does_not_fail(content_copy: Path) -> None:
    line = append(content_copy, CASE, "\nDe samenwerkng liep goed.\n") + 1
    result = validate(content_copy, "--github")
    assert result.returncode == 0, result.stderr
    message = f"{CASE}:{line}: mogelijke spelfout 'samenwerkng' (bedoel je 'samenwerking'?)"
    assert result.stdout.splitlines()[:2] == [message, f"::warning file={CASE},line={line}::{message}"]
    assert result.stdout.splitlines()[-1].endswith("leerroutes. 1 waarschuwing: kijk ze na, maar ze houden niets tegen.")


def test_without_hunspell_validate_says_so_in_one_line(content_copy: Path, tmp_path: Path) -> None:
    result = validate(content_copy, path=str(tmp_path))
    assert result.returncode == 0, result.stderr
    note, done = result.stdout.splitlines()
    assert note.startswith("Spellingcontrole overgeslagen: het programma hunspell is niet gevonden.")
    assert done.startswith("Alles in orde:")


def test_without_the_dutch_dictionary_validate_says_so(content_copy: Path, tmp_path: Path) -> None:
    fake = tmp_path / "hunspell"
    fake.write_text('#!/bin/sh\necho "Can\'t open affix or dictionary files for dictionary named nl_NL." >&2\nexit 1\n', encoding="utf-8")
    fake.chmod(0o755)
    result = validate(content_copy, path=f"{tmp_path}:/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Spellingcontrole overgeslagen: het Nederlandse woordenboek (nl_NL) is niet gevonden.")
