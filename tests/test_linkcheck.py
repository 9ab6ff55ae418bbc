"""The external link check (`make linkcheck`), against a small server on localhost, never the internet."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kennisbank.tools.linkcheck import external_links, main


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, with_body: bool) -> None:
        status = {"/goed": 200, "/weg": 404, "/robots-nee": 403}.get(self.path, 200)
        if self.path == "/geen-head" and self.command == "HEAD":
            status = 405
        if self.path == "/verhuisd":
            self.send_response(301)
            self.send_header("Location", "/goed")
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._answer(with_body=False)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._answer(with_body=True)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def site_with_links(root: Path, hrefs: list[str]) -> Path:
    (root / "casus").mkdir(parents=True)
    links = "".join(f'<a href="{href}">link</a>' for href in hrefs)
    head = '<link rel="canonical" href="https://nog-niet-online.invalid/">'
    (root / "index.html").write_text(f"<html><head>{head}</head><body>{links}<a href='mailto:a@b.nl'>mail</a><a href='casus/'>casus</a></body></html>")
    (root / "casus" / "index.html").write_text(f'<a href="{hrefs[0]}#kop">zelfde link</a>')
    return root


def test_only_external_http_links_are_collected(tmp_path: Path) -> None:
    site = site_with_links(tmp_path / "site", ["https://voorbeeld.nl/a", "http://voorbeeld.nl/b"])
    assert external_links(site) == {"https://voorbeeld.nl/a": ["casus/index.html", "index.html"], "http://voorbeeld.nl/b": ["index.html"]}


def test_working_links_pass(tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_links(tmp_path / "site", [f"{server}/goed", f"{server}/geen-head", f"{server}/verhuisd"])
    assert main([str(site), "--timeout", "5"]) == 0
    assert "Alle externe links werken." in capsys.readouterr().out


def test_a_broken_link_fails_with_the_pages_it_is_on(tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with_links(tmp_path / "site", [f"{server}/weg", f"{server}/goed", f"{server}/robots-nee", "http://127.0.0.1:9/dicht"])
    assert main([str(site), "--timeout", "5"]) == 1
    out = capsys.readouterr().out
    assert f"✗ {server}/weg\n      404" in out
    assert "staat op: casus/index.html, index.html" in out
    assert "✗ http://127.0.0.1:9/dicht\n      geen verbinding" in out
    assert f"Geweigerd, mogelijk omdat de website geen robots toelaat; controleer deze met de hand (1):\n  ✗ {server}/robots-nee" in out
    assert "2 kapotte link(s) gevonden." in out


def test_without_a_built_site_it_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 2
    assert "make build" in capsys.readouterr().err
