"""One build of the site: pages finished in the page events, the content cache, and builds that must stop."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from kennisbank import exports
from kennisbank.build import SiteBuild
from kennisbank.cache import DATABASE, Cache
from kennisbank.pages import finish as site_finish
from kennisbank.search.bundle import SearchError
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.conftest import EDIT_URI, MKDOCS, ROOT, build_in_process_fails, copy_content, mkdocs_build

BUNDLE = "pagefind"


def _files(site: Path, *, bundle: bool = True) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and (bundle or not p.relative_to(site).as_posix().startswith(f"{BUNDLE}/"))
    }


def _built(root: Path, site: Path) -> str:
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _redone(log: str, kind: str) -> tuple[int, int]:
    found = re.search(rf"\b{kind} (\d+) van (\d+)", log)
    assert found, log[-2000:]
    return int(found.group(1)), int(found.group(2))


def _assert_same_site(site: Path, expected: Path) -> None:
    """Every page and file equal byte for byte; of the search bundle only what does not carry Pagefind's hashed names."""
    got, wanted = _files(site, bundle=False), _files(expected, bundle=False)
    assert sorted(got) == sorted(wanted)
    different = [name for name in wanted if got[name] != wanted[name]]
    assert not different, different[:10]
    for name in ("pagefind.js", "pagefind-entry.json"):
        assert (site / BUNDLE / name).is_file()


@pytest.fixture(scope="module")
def clean_and_warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, str]:
    """A copy of the content built with an empty cache, then again with the cache it filled."""
    work = tmp_path_factory.mktemp("cache")
    root = copy_content(work / "repo")
    _built(root, work / "clean")
    warm_log = _built(root, work / "warm")
    return root, work / "clean", work / "warm", warm_log


def test_a_warm_build_redoes_nothing_and_writes_the_same_site_byte_for_byte(clean_and_warm: tuple[Path, Path, Path, str]) -> None:
    root, clean, warm, log = clean_and_warm
    assert (root / ".cache" / "kennisbank").is_dir()
    assert _redone(log, "pagina")[0] == 0 and _redone(log, "bestand")[0] == 0 and _redone(log, "zoekbundel")[0] == 0
    assert _files(warm) == _files(clean)  # the search bundle too: it comes from the cache


DAMAGES: list[Callable[[bytes], bytes]] = [
    lambda data: data[: len(data) // 2],  # cut short
    lambda data: data.replace(b"e", b"a", 1),  # one letter changed
    lambda data: b"",  # empty
    lambda data: b"{}",  # another value that no longer fits its checksum
]


def test_a_damaged_cache_never_makes_a_wrong_page(clean_and_warm: tuple[Path, Path, Path, str], tmp_path: Path) -> None:
    root, clean, _, _ = clean_and_warm
    database = sqlite3.connect(root / ".cache" / "kennisbank" / DATABASE, isolation_level=None)
    for table, column in (("entries", "value"), ("files", "data")):
        rows = database.execute(f"SELECT rowid, {column} FROM {table}").fetchall()
        assert rows
        for number, (rowid, data) in enumerate(rows):
            database.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (DAMAGES[number % len(DAMAGES)](data), rowid))
    database.close()
    log = _built(root, tmp_path / "site")
    done, total = _redone(log, "pagina")
    assert done == total and _redone(log, "zoekbundel")[0] == 1
    _assert_same_site(tmp_path / "site", clean)


def test_a_build_stopped_halfway_leaves_the_cache_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit whose build fails late prunes nothing: back to the content before, the next build redoes nothing."""
    root = copy_content(tmp_path / "repo")
    _built(root, tmp_path / "before")
    case = root / "cases" / "buurtmoestuin-de-akker.md"
    original = case.read_text(encoding="utf-8")
    case.write_text(original.replace("titel: Voedselcoöperatie De Akker", "titel: Voedselcoöperatie De Halve Akker"), encoding="utf-8")

    def failing(*args: object) -> object:
        raise SearchError("halverwege gestopt")

    monkeypatch.setattr(SiteBuild, "start_search", failing)  # after every page was finished and its new entries made
    monkeypatch.chdir(root)
    with pytest.raises(Abort):
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "half")))
    monkeypatch.undo()
    case.write_text(original, encoding="utf-8")
    log = _built(root, tmp_path / "after")
    assert _redone(log, "pagina")[0] == 0 and _redone(log, "bestand")[0] == 0 and _redone(log, "zoekbundel")[0] == 0
    assert _files(tmp_path / "after") == _files(tmp_path / "before")


def test_two_builds_at_once_on_one_cache_both_succeed_and_leave_it_whole(tmp_path: Path) -> None:
    """A `make build` while `make serve` builds: SQLite lets them take turns writing; neither fails, and the cache is whole after."""
    root = copy_content(tmp_path / "repo")
    builds = [subprocess.Popen([MKDOCS, "build", "--strict", "--site-dir", str(tmp_path / name)], cwd=root, stderr=subprocess.PIPE, text=True) for name in "ab"]
    for process in builds:
        _, errors = process.communicate(timeout=600)
        assert process.returncode == 0, errors
    _assert_same_site(tmp_path / "a", tmp_path / "b")
    database = sqlite3.connect(root / ".cache" / "kennisbank" / DATABASE)
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    database.close()
    log = _built(root, tmp_path / "c")
    assert _redone(log, "pagina")[0] == 0 and _redone(log, "zoekbundel")[0] == 0
    assert _files(tmp_path / "c") == _files(tmp_path / "a") or _files(tmp_path / "c") == _files(tmp_path / "b")


def test_after_an_edit_a_warm_build_redoes_only_what_changed_and_equals_a_clean_build(tmp_path: Path) -> None:
    """A title and a theme change: the case's own page, the lists it is on and its related cases change; nothing else is made anew."""
    root = copy_content(tmp_path / "repo")
    _built(root, tmp_path / "before")

    def edit(folder: Path) -> None:
        case = folder / "cases" / "buurtmoestuin-de-akker.md"
        text = case.read_text(encoding="utf-8").replace("titel: Voedselcoöperatie De Akker", "titel: Voedselcoöperatie De Nieuwe Akker")
        case.write_text(text.replace("themas: [voedsel, natuur-en-landschap]", "themas: [voedsel, zorg]"), encoding="utf-8")

    edit(root)
    log = _built(root, tmp_path / "warm")
    fresh = copy_content(tmp_path / "fresh")
    edit(fresh)
    _built(fresh, tmp_path / "clean")
    _assert_same_site(tmp_path / "warm", tmp_path / "clean")
    assert "De Nieuwe Akker" in (tmp_path / "warm" / "casussen" / "thema" / "zorg" / "index.html").read_text(encoding="utf-8")
    redone, pages = _redone(log, "pagina")
    assert 0 < redone < pages / 2
    assert _redone(log, "bestand") == (1, _redone(log, "bestand")[1])


@pytest.fixture(scope="module")
def build_without_cache() -> SiteBuild:
    return SiteBuild(ROOT, site_url="https://voorbeeld.nl/", site_name="Test", permalink_title="Link naar dit onderdeel", cache=Cache(None), edit_uri=EDIT_URI)


def test_a_case_page_is_sanitized_and_gets_its_sections_around_the_story(build_without_cache: SiteBuild) -> None:
    build = build_without_cache
    case = next(iter(build.index.cases.values()))
    story = (
        f'<h1 id="titel">{case.title}</h1><h2 id="behoefte">Behoefte</h2><p>Een zorgcoöperatie in het dorp.<script>alert(1)</script>'
        '<a href="javascript:alert(2)" onclick="x()">klik</a></p>'
    )
    page = build.finish_page(case.src_uri, case.url, case.title, story, frozenset({"titel", "behoefte"}))
    content = page.content
    assert "<script" not in content and "javascript:" not in content and "onclick" not in content
    assert 'class="kb-card"' in content and '<h2 id="behoefte-1">Behoefte' in content  # the story's own anchor is kept apart
    anchors = [h.anchor for h in page.before + page.after]
    assert page.before[0].anchor == "behoefte-1" and len(anchors) >= 7 and len(set(anchors)) == len(anchors)
    assert [content.index(f'<h2 id="{a}">') for a in anchors] == sorted(content.index(f'<h2 id="{a}">') for a in anchors)


def test_glossary_terms_are_explained_on_every_page_but_the_glossary(build_without_cache: SiteBuild) -> None:
    build = build_without_cache
    text = "<p>Een coöperatie is een vereniging van leden.</p>"
    assert "<abbr" in build.finish_page("over-ons/index.md", "over-ons/", "Over ons", text, frozenset()).content
    assert "<abbr" not in build.finish_page("begrippen.md", "begrippen/", "Begrippen", text, frozenset()).content


def test_a_build_whose_page_cannot_be_finished_writes_no_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """An unfinished case page is its story without the filter: the build must stop before writing anything."""
    original = site_finish.finish

    def failing(src_uri: str, *args: object) -> object:
        if src_uri == "casussen/buurtmoestuin-de-akker.md":
            raise ValueError("kapot")
        return original(src_uri, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(site_finish, "finish", failing)
    build_in_process_fails(tmp_path, monkeypatch)
    assert "De pagina casussen/buurtmoestuin-de-akker.md kon niet worden afgemaakt: ValueError: kapot" in caplog.text


def test_a_build_whose_open_data_cannot_be_made_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def failing(*args: object) -> str:
        raise ValueError("kapot")

    monkeypatch.setattr(exports, "cases_csv", failing)
    build_in_process_fails(tmp_path, monkeypatch)
    assert "open data konden niet worden gemaakt: ValueError: kapot" in caplog.text
    assert not (tmp_path / "site" / "open-data").exists()


def test_make_clean_removes_the_cache_and_leaves_the_content(content_copy: Path) -> None:
    shutil.copy2(ROOT / "Makefile", content_copy / "Makefile")
    (content_copy / ".cache" / "kennisbank").mkdir(parents=True)
    (content_copy / ".cache" / "kennisbank" / DATABASE).write_bytes(b"")
    cases = sorted(path.name for path in (content_copy / "cases").iterdir())
    result = subprocess.run(["make", "clean"], cwd=content_copy, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not (content_copy / ".cache").exists()
    assert sorted(path.name for path in (content_copy / "cases").iterdir()) == cases
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_a_page_in_docs_where_the_build_makes_one_stops_the_build(tmp_path: Path) -> None:
    """A file in docs/ with the name of a generated page would be replaced without a word: the build stops and says which."""
    root = copy_content(tmp_path / "repo")
    (root / "docs" / "begrippen.md").write_text("# Begrippen\n\nMijn eigen lijst.\n", encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "begrippen.md wordt door de build gemaakt; verwijder het bestand uit docs/" in result.stderr
    assert "Traceback" not in result.stderr
