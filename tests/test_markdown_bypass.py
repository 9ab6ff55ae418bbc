"""Lists of cases skip Markdown and come back whole, or the build stops."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from kennisbank.index import Index, load_index
from kennisbank.markdown_bypass import MarkdownBypass
from kennisbank.render import CASE_LIST_START, cases_overview, facet_pages

from tests.conftest import ROOT, build_in_process_fails

EXTENSIONS = ["toc", "tables", "attr_list", "def_list", "md_in_html", "pymdownx.superfences"]


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def _html(text: str) -> str:
    return str(markdown.Markdown(extensions=EXTENSIONS).convert(text))


def _blank_lines_apart(html: str) -> str:
    return re.sub(r"\n+", "\n", html)


@pytest.mark.parametrize("page", ["casussen/index.md", "casussen/thema/energie.md", "casussen/jaar/index.md"])
def test_pages_render_the_same_with_their_lists_set_aside(index: Index, page: str) -> None:
    markdown_text = {"casussen/index.md": cases_overview(index), **facet_pages(index)}[page].split("---\n", 2)[2]
    bypass = MarkdownBypass()
    held = bypass.hold(markdown_text)
    assert bypass.still_held() == markdown_text.count(CASE_LIST_START)
    assert CASE_LIST_START not in held
    restored = bypass.restore(_html(held))
    assert _blank_lines_apart(restored) == _blank_lines_apart(_html(markdown_text))
    assert bypass.still_held() == 0


def test_only_this_builds_placeholders_are_replaced() -> None:
    lists = '<ul class="kb-caselist" data-pagefind-ignore>\n<li><a href="../a/">A</a></li>\n</ul>'
    earlier, current = MarkdownBypass(), MarkdownBypass()
    stale = _html(earlier.hold(f"Tekst.\n\n{lists}\n"))
    assert current.restore(stale) == stale  # an old or guessed placeholder stays text
    written = "<p>kb-lijst-0000000000000000-0</p>"
    assert current.restore(written) == written


def test_a_list_whose_placeholder_is_lost_is_counted() -> None:
    bypass = MarkdownBypass()
    bypass.hold('<ul class="kb-caselist" data-pagefind-ignore>\n<li>A</li>\n</ul>\n\n<ul class="kb-caselist" data-pagefind-ignore>\n<li>B</li>\n</ul>\n')
    assert bypass.still_held() == 2
    bypass.restore("<p>Iets anders</p>")
    assert bypass.still_held() == 2


def test_a_build_that_loses_a_list_stops_and_writes_no_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    original = MarkdownBypass.restore

    def losing(self: MarkdownBypass, html: str) -> str:
        return html if "Thema: Energie" in html else original(self, html)

    monkeypatch.setattr(MarkdownBypass, "restore", losing)
    build_in_process_fails(tmp_path, monkeypatch)
    assert "lijst(en) met casussen kwamen niet op hun pagina terug" in caplog.text
