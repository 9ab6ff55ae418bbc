"""Editors and the system leave files beside the one being edited; they are never content, in any folder the build reads.

What each leaves, as each names it: vim a swap file `.x.md.swp` while the
file is open, Emacs a lock `.#x.md` (a link that points nowhere), an
autosave `#x.md#` and a backup `x.md~`, macOS a `.DS_Store` in every folder
it shows. MkDocs itself skips hidden files in docs/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kennisbank import cli
from kennisbank.content.problems import ContentError
from kennisbank.content.source import is_side_file
from kennisbank.pages.story_check import checked_index

from tests.conftest import copy_content, mkdocs_build

CASE = "cases/zonnedijk-energie.md"
ROUTE = "data/leerroutes/met-de-buurt-een-cooperatie-oprichten.yml"
LESSON = "docs/leren/van-waarden-naar-structuur/waarden-herkennen.md"
PAGE = "docs/over-ons/hoe-we-werken.md"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6300010000050001" + "0d0a2db40000000049454e44ae426082"
)


def leave_side_files(root: Path, path: str) -> list[Path]:
    """What editors and macOS leave beside `path` while it is open and after it was saved; their paths."""
    file = root / path
    swap, lock = file.with_name(f".{file.name}.swp"), file.with_name(f".#{file.name}")
    swap.write_bytes(b"b0VIM 9.1\x00\x00\x10\x00" + b"\x00" * 64)
    lock.symlink_to("redacteur@laptop.4242:1700000000")  # Emacs' lock: a link to nowhere
    file.with_name(f"#{file.name}#").write_text(file.read_text(encoding="utf-8")[:100], encoding="utf-8")
    file.with_name(f"{file.name}~").write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    (file.parent / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + b"\x00" * 32)
    return [swap, lock, file.with_name(f"#{file.name}#"), file.with_name(f"{file.name}~"), file.parent / ".DS_Store"]


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A copy of the content with a case, a route, a lesson and a page open in an editor, a hidden folder and a hidden image."""
    root = copy_content(tmp_path / "repo")
    for path in (CASE, ROUTE, LESSON, PAGE):
        leave_side_files(root, path)
    (root / "docs/leren/.obsidian").mkdir()  # a hidden folder, such as an editor's settings, among the modules
    (root / "cases/.akker.png").write_bytes(PNG)
    return root


@pytest.mark.parametrize("name", [".x.md.swp", ".#x.md", ".DS_Store", "x.md~", "#x.md#", ".obsidian"])
def test_side_files_are_recognised(name: str) -> None:
    assert is_side_file(name)


@pytest.mark.parametrize("name", ["x.md", "x-2.md", "a#b.md", "#", "x~y.md", "foto.png"])
def test_files_named_normally_are_content(name: str) -> None:
    assert not is_side_file(name)


def test_validate_passes_beside_an_editors_side_files(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checked_index(edited)
    assert cli.main(["--root", str(edited), "validate"]) == 0
    assert "Alles in orde" in capsys.readouterr().out


def test_a_case_named_normally_is_still_read_beside_its_side_files(edited: Path) -> None:
    """A case whose backup and swap file sit beside it: its own mistake is reported, and nothing about the side files."""
    case = edited / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("gebied: ", "gebied: nergensland-", 1), encoding="utf-8")
    shutil.copy2(case, edited / "cases/kopie-zonder-titel.md~")
    with pytest.raises(ContentError) as caught:
        checked_index(edited)
    assert {problem.path for problem in caught.value.problems} == {CASE}, [str(p) for p in caught.value.problems]


def test_an_image_with_an_editors_name_is_refused_in_a_story(edited: Path) -> None:
    """It would not be copied to the site: the story would show a broken image."""
    case = edited / CASE
    case.write_text(case.read_text(encoding="utf-8") + "\n![De akker](.akker.png)\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        checked_index(edited)
    (problem,) = caught.value.problems
    assert problem.path == CASE and "geef het bestand een gewone naam" in problem.message


def test_the_site_builds_beside_an_editors_side_files_and_publishes_none(edited: Path, tmp_path: Path) -> None:
    result = mkdocs_build(edited, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    published = [path.relative_to(site).as_posix() for path in site.rglob("*") if any(is_side_file(part) for part in path.relative_to(site).parts)]
    assert published == []
    assert (site / "casussen/zonnedijk-energie/index.html").is_file()
    assert (site / "over-ons/hoe-we-werken/index.html").is_file()
