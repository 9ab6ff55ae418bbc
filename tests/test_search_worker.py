"""The search index made beside the build: pages in, bundle out, and failures reported instead of hanging."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from kennisbank.index import Index, load_index
from kennisbank.search_worker import SearchIndexer, SearchIndexError

from tests.conftest import ROOT

PAGE = "<h1>{title}</h1><p>{text}</p>"  # a page's rendered content


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def test_pages_handed_over_end_up_in_the_bundle(tmp_path: Path, index: Index) -> None:
    indexer = SearchIndexer(index, ROOT / "docs")
    case = next(iter(index.cases.values()))
    indexer.add(case.url, PAGE.format(title=case.title, text="Een zorgcoöperatie in het dorp."))
    indexer.add("over-ons/", PAGE.format(title="Over ons", text="Wie wij zijn."))
    indexer.add("casussen/", PAGE.format(title="Casussen", text="De lijst van alle casussen."))  # a case list: not searched
    indexer.write(tmp_path)  # all pages are in: the bundle is made while the caller goes on
    report, waited = indexer.finish(tmp_path)
    assert report.pages == 2 and report.kinds == {"casus": 1, "pagina": 1}
    assert report.extra_terms >= 2  # zorg and coöperatie, from zorgcoöperatie
    assert waited >= 0
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == 2


def test_a_worker_that_cannot_start_pagefind_fails_the_build_with_the_reason(tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "geen-pagefind"))
    indexer = SearchIndexer(index, ROOT / "docs")
    for number in range(300):  # more than a pipe holds: the worker must keep reading after its failure
        indexer.add(f"pagina-{number}/", PAGE.format(title=f"Pagina {number}", text="Tekst. " * 500))
    with pytest.raises(SearchIndexError, match="geen-pagefind"):
        indexer.finish(tmp_path)
    assert not (tmp_path / "pagefind").exists()


def test_aborting_stops_the_worker_quickly(index: Index) -> None:
    indexer = SearchIndexer(index, ROOT / "docs")
    indexer.add("over-ons/", PAGE.format(title="Over ons", text="Wie wij zijn."))
    started = time.perf_counter()
    indexer.abort()
    assert time.perf_counter() - started < 10
    assert not indexer._worker.is_alive()
