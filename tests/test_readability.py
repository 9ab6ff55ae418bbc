"""Plain Dutch: what the readability warning measures, and that `kennisbank validate` warns but never fails."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from kennisbank import cli
from kennisbank.advice.readability import CACHE_KIND, flesch_douma, hard_to_read, paragraphs
from kennisbank.cache import DATABASE, Cache
from kennisbank.content.loader import load_content

PAGE = """---
title: Een pagina
render_macros: true
---

# Een kop die niet meetelt

Dit is de eerste alinea.
Ze loopt door op een tweede regel

| Tabel | telt niet |
|---|---|
| nee | nee |

```text
Code telt ook niet mee.
```

- een korte lijst
- telt niet

{{ contactblok() }}

!!! tip "Een tip"

    Een alinea in een blok telt wel mee.
"""

# A contributed story in stiff official language: long sentences full of long words.
HARD_STORY = (
    "## Hoe het begon\n\n"
    "In het kader van de gemeentelijke beleidsontwikkeling met betrekking tot maatschappelijke participatievraagstukken "
    "werd door de initiatiefnemers een samenwerkingsovereenkomst geformaliseerd.\n\n"
    "De organisatorische inbedding van de werkzaamheden vond plaats binnen een coöperatieve verenigingsstructuur "
    "met uitsluiting van aansprakelijkheid, waarbij de bestuurlijke verantwoordelijkheid en de financiële "
    "verantwoordingsplicht uitdrukkelijk werden belegd bij de ledenvergadering en de raad van toezicht.\n\n"
    "Gedurende de implementatiefase werden de noodzakelijke investeringsbeslissingen voorbereid.\n"
)


def test_only_paragraphs_are_measured() -> None:
    assert paragraphs(PAGE) == ["Dit is de eerste alinea. Ze loopt door op een tweede regel", "Een alinea in een blok telt wel mee."]


def test_the_score_is_flesch_douma() -> None:
    """206.835 − 0.93 × words per sentence − 77 × syllables per word: six one-syllable words a sentence give 124.255."""
    assert flesch_douma(["De kat zit op de mat."] * 8) == pytest.approx(206.835 - 0.93 * 6 - 77 * 1)
    assert flesch_douma(["Te kort om iets over te zeggen."]) is None


def hard_case(root: Path) -> str:
    """Give a case of the copy a hard story; the case's path."""
    case = next(iter(sorted((root / "cases").glob("*.md"))))
    front = re.match(r"\A---\n.*?\n---\n", case.read_text(encoding="utf-8"), re.S)
    assert front is not None
    case.write_text(front.group(0) + "\n" + HARD_STORY, encoding="utf-8")
    return case.relative_to(root).as_posix()


def test_a_hard_story_is_a_warning_with_its_longest_sentences_and_validate_passes(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hard_case(content_copy)
    lines = (content_copy / path).read_text(encoding="utf-8").split("\n")
    longest = next(n for n, text in enumerate(lines, start=1) if text.startswith("De organisatorische inbedding"))
    assert cli.main(["--root", str(content_copy), "validate"]) == 0
    out = capsys.readouterr().out
    assert f"{path}:{longest}: leest moeilijk: Flesch-Douma " in out
    sentence = HARD_STORY.split("\n\n")[2]
    words = len(re.findall(r"\w+", sentence))
    assert f"  - regel {longest} ({words} woorden): {sentence}" in out
    assert out.rstrip().endswith("1 waarschuwing: kijk ze na, maar ze houden niets tegen.")  # nothing failed
    assert cli.main(["--root", str(content_copy), "validate", "--github"]) == 0
    assert f"::warning file={path},line={longest}::{path}:{longest}: leest moeilijk" in capsys.readouterr().out


def test_a_score_is_kept_by_the_hash_of_its_file(content_copy: Path) -> None:
    content = load_content(content_copy)
    files = len(list((content_copy / "docs").rglob("*.md"))) + len(content.cases)
    first = Cache(content_copy / ".cache", version="1")
    hard_to_read(content, first)
    assert first.computed[CACHE_KIND] == files
    path = hard_case(content_copy)
    content = load_content(content_copy)
    second = Cache(content_copy / ".cache", version="1")
    warnings = hard_to_read(content, second)
    assert second.computed[CACHE_KIND] == 1 and second.reused[CACHE_KIND] == files - 1
    assert [warning.path for warning in warnings if warning.path == path] == [path]
    stored = sqlite3.connect(content_copy / ".cache" / DATABASE).execute("SELECT count(*) FROM entries WHERE kind = ?", (CACHE_KIND,)).fetchone()
    assert stored == (files,), "the score of the old story is gone"
