"""The Pagefind service client: pages go in without waiting, failures come out as errors, never as a hang."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kennisbank.pagefind_service import PagefindError, PagefindService

DOCUMENT = '<html lang="nl"><body><div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>'


def test_pages_sent_without_waiting_are_all_in_the_bundle(tmp_path: Path) -> None:
    service = PagefindService({"force_language": "nl"})
    try:
        for number in range(50):
            service.add_html(f"/pagina-{number}/", DOCUMENT.format(title=f"Pagina {number}", text="Een energiecoöperatie in het dorp."))
        assert service.write(tmp_path / "bundle") == 50
    finally:
        service.close()
    entry = json.loads((tmp_path / "bundle" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == 50
    assert len(list((tmp_path / "bundle" / "fragment").iterdir())) == 50


def test_a_stopped_pagefind_is_an_error_not_a_hang(tmp_path: Path) -> None:
    service = PagefindService({"force_language": "nl"})
    try:
        service.add_html("/a/", DOCUMENT.format(title="A", text="Tekst."))
        service._process.kill()  # what a crash of the binary looks like to the build
        service._process.wait()
        with pytest.raises(PagefindError, match="Pagefind is gestopt"):
            service.add_html("/b/", DOCUMENT.format(title="B", text="Tekst." * 20000))
            service.write(tmp_path / "bundle")
    finally:
        service.close()


def test_a_request_pagefind_rejects_fails_the_index(tmp_path: Path) -> None:
    service = PagefindService({"force_language": "nl"})
    try:
        service._send({"type": "AddFile", "index_id": 12345, "url": "/x/", "file_contents": "<p>x</p>", "file_path": None})
        with pytest.raises(PagefindError):
            service.write(tmp_path / "bundle")
    finally:
        service.close()
