"""Pages finished and indexed beside the build: contents back before any page is written, failures reported instead of hanging."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from kennisbank import exports
from kennisbank.index import Index, load_index
from kennisbank.page_worker import BACKGROUND_NICENESS, FinishedPage, PageFinisher, PageJob, PageWorker, PageWorkerError
from kennisbank.search_index import IndexBuilder

from tests.conftest import ROOT, build_in_process_fails

PAGE = "<h1>{title}</h1><p>{text}</p>"  # a page's rendered content


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def test_pages_come_back_finished_and_end_up_in_the_bundle(tmp_path: Path, index: Index) -> None:
    worker = PageWorker(index, ROOT / "docs", "Link naar dit onderdeel")
    case = next(iter(index.cases.values()))
    story = PAGE.format(title=case.title, text='Een zorgcoöperatie in het dorp.<script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">klik</a>')
    worker.add(PageJob(case.url, story, case.title, case_slug=case.slug, taken_anchors=frozenset({"behoefte"})))
    worker.add(PageJob("over-ons/", "<p>Een coöperatie is een vereniging van leden.</p>", "Over ons"))
    worker.add(PageJob("begrippen/", "<p>Een coöperatie is een vereniging.</p>", "Begrippen", mark_terms=False))
    worker.add(PageJob("casussen/", PAGE.format(title="Casussen", text="De lijst van alle casussen."), "Casussen"))  # a case list: not searched
    finished = worker.finished()
    assert set(finished) == {case.url, "over-ons/", "begrippen/", "casussen/"}
    page, headings = finished[case.url].content, finished[case.url].headings
    assert "<script" not in page and "javascript:" not in page and "onclick" not in page
    assert 'class="kb-card"' in page and '<h2 id="behoefte-1">Behoefte' in page  # the story's own anchor is kept apart
    # The headings for the table of contents are the ones on the page, in the same order.
    assert headings is not None and headings.before[0].anchor == "behoefte-1"
    anchors = [h.anchor for h in headings.before + headings.after]
    assert len(anchors) >= 7 and [page.index(f'<h2 id="{a}">') for a in anchors] == sorted(page.index(f'<h2 id="{a}">') for a in anchors)
    assert "<abbr" in finished["over-ons/"].content and "<abbr" not in finished["begrippen/"].content
    assert finished["over-ons/"].headings is None
    # The worker yields to the build when both cores are busy.
    assert os.getpriority(os.PRIO_PROCESS, worker._worker.pid or 0) == min(19, os.getpriority(os.PRIO_PROCESS, 0) + BACKGROUND_NICENESS)
    worker.write(tmp_path)  # all pages are in: the bundle is made while the caller goes on
    report, waited = worker.finish(tmp_path)
    assert report.pages == 3 and report.kinds == {"casus": 1, "pagina": 1, "begrip": 1}
    assert report.extra_terms >= 2  # zorg and coöperatie, from zorgcoöperatie
    assert waited >= 0
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == 3


def test_a_page_that_cannot_be_finished_fails_before_any_page_is_written(tmp_path: Path, index: Index) -> None:
    worker = PageWorker(index, ROOT / "docs", "")
    worker.add(PageJob("casussen/bestaat-niet/", "<p>Tekst.</p>", "Bestaat niet", case_slug="bestaat-niet"))
    for number in range(300):  # more than a pipe holds: the worker must keep reading after its failure
        worker.add(PageJob(f"pagina-{number}/", PAGE.format(title=f"Pagina {number}", text="Tekst. " * 500), f"Pagina {number}"))
    with pytest.raises(PageWorkerError, match="casussen/bestaat-niet/.*bestaat-niet"):
        worker.finished()
    with pytest.raises(PageWorkerError):
        worker.finish(tmp_path)
    assert not (tmp_path / "pagefind").exists()


def test_a_page_that_cannot_be_indexed_fails_the_build_even_when_indexed_last(tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    """Indexing waits until no page waits to be finished, so its failure may come after every page came back finished."""
    original = IndexBuilder.add

    def failing(self: IndexBuilder, url: str, content: str) -> None:
        if url == "pagina-299/":
            raise ValueError("onleesbaar")
        original(self, url, content)

    monkeypatch.setattr(IndexBuilder, "add", failing)  # the worker is forked from this process, so it fails too
    worker = PageWorker(index, ROOT / "docs", "")
    for number in range(300):
        worker.add(PageJob(f"pagina-{number}/", PAGE.format(title=f"Pagina {number}", text="Tekst. " * 50), f"Pagina {number}"))
    with pytest.raises(PageWorkerError, match="pagina-299/: ValueError: onleesbaar"):
        worker.finished()  # may already know, or else:
        worker.finish(tmp_path)
    worker.abort()  # stops the worker and Pagefind when finished() already raised
    assert not (tmp_path / "pagefind").exists()


def test_a_worker_that_cannot_start_pagefind_fails_the_build_with_the_reason(tmp_path: Path, index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "geen-pagefind"))
    worker = PageWorker(index, ROOT / "docs", "")
    for number in range(300):
        worker.add(PageJob(f"pagina-{number}/", PAGE.format(title=f"Pagina {number}", text="Tekst. " * 500), f"Pagina {number}"))
    with pytest.raises(PageWorkerError, match="geen-pagefind"):
        worker.finished()
    with pytest.raises(PageWorkerError, match="geen-pagefind"):
        worker.finish(tmp_path)
    assert not (tmp_path / "pagefind").exists()


def test_aborting_stops_the_worker_quickly(index: Index) -> None:
    worker = PageWorker(index, ROOT / "docs", "")
    worker.add(PageJob("over-ons/", PAGE.format(title="Over ons", text="Wie wij zijn."), "Over ons"))
    started = time.perf_counter()
    worker.abort()
    assert time.perf_counter() - started < 10
    assert not worker._worker.is_alive()


def test_a_worker_that_dies_fails_the_build_instead_of_hanging(index: Index) -> None:
    worker = PageWorker(index, ROOT / "docs", "")
    worker._worker.kill()  # as the system would under memory pressure
    worker._worker.join()
    with pytest.raises(PageWorkerError, match="gestopt"):
        for number in range(300):  # sending may already fail: the worker no longer reads
            worker.add(PageJob(f"pagina-{number}/", "<p>Tekst.</p>", f"Pagina {number}"))
        worker.finished()
    worker.abort()


def test_a_build_whose_pages_cannot_be_finished_writes_no_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """An unfinished case page is its story without the filter: the build must stop before writing anything."""
    original = PageFinisher.finish

    def failing(self: PageFinisher, job: PageJob) -> FinishedPage:
        if job.case_slug == "buurtmoestuin-de-akker":
            raise ValueError("kapot")
        return original(self, job)

    monkeypatch.setattr(PageFinisher, "finish", failing)  # the worker is forked from this process, so it fails too
    build_in_process_fails(tmp_path, monkeypatch)
    assert "De site kon niet worden afgemaakt: casussen/buurtmoestuin-de-akker/: ValueError: kapot" in caplog.text


def test_files_are_made_by_the_worker_and_a_file_that_fails_stops_the_build(index: Index) -> None:
    worker = PageWorker(index, ROOT / "docs", "", {"a.json": lambda: "[1]", "b.csv": lambda: "x,y\n"})
    worker.add(PageJob("over-ons/", PAGE.format(title="Over ons", text="Wie wij zijn."), "Over ons"))
    assert set(worker.finished()) == {"over-ons/"}
    assert worker.made_files() == {"a.json": "[1]", "b.csv": "x,y\n"}
    worker.abort()

    def broken() -> str:
        raise ValueError("kapot")

    worker = PageWorker(index, ROOT / "docs", "", {"open-data/cases.json": broken})
    with pytest.raises(PageWorkerError, match="open-data/cases.json: ValueError: kapot"):
        worker.made_files()
    worker.abort()


def test_a_build_whose_open_data_cannot_be_made_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """The open data is made beside the build: when it fails, no page and no empty data file may be published."""

    def failing(*args: object) -> str:
        raise ValueError("kapot")

    monkeypatch.setattr(exports, "cases_csv", failing)  # the worker is forked from this process, so it fails too
    build_in_process_fails(tmp_path, monkeypatch)
    assert "De site kon niet worden afgemaakt: open-data/cases.csv: ValueError: kapot" in caplog.text
    assert not (tmp_path / "site" / "open-data").exists()
