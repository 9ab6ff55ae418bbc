"""The search bundle: every page in it, Pagefind's own failures as Dutch errors (never a hang), and the bundle kept in the cache."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from kennisbank.cache import DATABASE, Cache
from kennisbank.index import Index, load_index
from kennisbank.search.bundle import BUNDLE_DIR, UNUSED_BUNDLE_FILES, SearchBundle, SearchError

from tests.conftest import ROOT

PAGE = "<h1>{title}</h1><p>{text}</p>"


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def _bundle(index: Index, cache: Cache, pages: int = 50) -> SearchBundle:
    bundle = SearchBundle(index, ROOT / "docs", cache)
    case = next(iter(index.cases.values()))
    bundle.add(case.url, case.title, PAGE.format(title=case.title, text="Een zorgcoöperatie in het dorp."))
    bundle.add("casussen/", "Casussen", PAGE.format(title="Casussen", text="De lijst van alle casussen."))  # a list of cases: not searched
    for number in range(pages - 1):
        bundle.add(f"pagina-{number}/", f"Pagina {number}", PAGE.format(title=f"Pagina {number}", text="Een energiecoöperatie in het gebied."))
    return bundle


def _fake_pagefind(tmp_path: Path, script: str) -> str:
    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return str(program)


def test_every_page_ends_up_in_the_bundle_with_its_word_forms(tmp_path: Path, index: Index) -> None:
    report = _bundle(index, Cache(None)).write(tmp_path)
    bundle = tmp_path / BUNDLE_DIR
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == 50 == report.pages
    assert len(list((bundle / "fragment").iterdir())) == 50
    assert report.kinds == {"casus": 1, "pagina": 49}
    assert report.extra_terms >= 2  # zorg and coöperatie, from zorgcoöperatie
    assert not report.from_cache
    for name in UNUSED_BUNDLE_FILES:
        assert not (bundle / name).exists(), name


def test_a_bundle_from_the_cache_needs_no_pagefind(tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir = tmp_path / "cache"
    _bundle(index, Cache(cache_dir, version="1")).write(tmp_path / "eerst")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", _fake_pagefind(tmp_path, "exit 9"))
    report = _bundle(index, Cache(cache_dir, version="1")).write(tmp_path / "daarna")
    assert report.from_cache
    first = sorted(p.relative_to(tmp_path / "eerst").as_posix() for p in (tmp_path / "eerst").rglob("*"))
    assert first == sorted(p.relative_to(tmp_path / "daarna").as_posix() for p in (tmp_path / "daarna").rglob("*"))
    # One page more, and Pagefind must run again: here it fails, and says so.
    other = _bundle(index, Cache(cache_dir, version="1"), pages=51)
    with pytest.raises(SearchError, match="Pagefind stopte met code 9"):
        other.write(tmp_path / "weer")


def test_a_missing_pagefind_is_an_error_with_the_reason(tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "geen-pagefind"))
    with pytest.raises(SearchError, match="Pagefind kon niet starten: .*geen-pagefind"):
        _bundle(index, Cache(None)).start()


def test_a_pagefind_that_crashes_is_an_error_not_a_hang(tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", _fake_pagefind(tmp_path, "echo 'Error: kapot' >&2; exit 3"))
    with pytest.raises(SearchError, match="Pagefind stopte met code 3: Error: kapot"):
        _bundle(index, Cache(None)).write(tmp_path / "site")


def test_a_pagefind_that_writes_no_bundle_fails_the_build_and_nothing_is_kept(tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", _fake_pagefind(tmp_path, "exit 0"))
    with pytest.raises(SearchError, match="de zoekbundel is onvolledig"):
        _bundle(index, Cache(tmp_path / "cache", version="1")).write(tmp_path / "site")
    database = sqlite3.connect(tmp_path / "cache" / DATABASE)
    assert database.execute("SELECT count(*) FROM entries WHERE kind = 'zoekbundel'").fetchone() == (0,)
    assert database.execute("SELECT count(*) FROM files").fetchone() == (0,)


def test_a_stored_bundle_found_damaged_while_written_out_is_made_by_pagefind_after_all(tmp_path: Path, index: Index) -> None:
    cache_dir = tmp_path / "cache"
    _bundle(index, Cache(cache_dir, version="1")).write(tmp_path / "eerst")
    database = sqlite3.connect(cache_dir / DATABASE, isolation_level=None)
    database.execute("UPDATE files SET data = x'00' WHERE path = 'bundel/pagefind-entry.json'")  # the manifest still names it whole
    database.close()
    report = _bundle(index, Cache(cache_dir, version="1")).write(tmp_path / "daarna")
    assert not report.from_cache
    entry = json.loads((tmp_path / "daarna" / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == 50
    assert len(list((tmp_path / "daarna" / BUNDLE_DIR / "fragment").iterdir())) == 50
