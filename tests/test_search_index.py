"""Building the search index: which pages, which filters, and what readers get (without a browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kennisbank.index import Index, load_index
from kennisbank.search.bundle import BUNDLE_DIR, UNUSED_BUNDLE_FILES, SearchError, check_bundle
from kennisbank.search.documents import page_filters, page_kind, read_content

from tests.conftest import ROOT
from tests.written_site import read_page, site_pages


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def test_the_kind_of_a_page_follows_from_its_url(index: Index) -> None:
    case = next(iter(index.cases.values()))
    module = next(iter(index.modules.values()))
    lesson = next(iter(index.lessons.values()))
    assert page_kind(case.url, index) == "casus"
    assert page_kind(module.url, index) == "module"
    assert page_kind(lesson.url, index) == "les"
    assert page_kind("begrippen/", index) == "begrip"
    assert page_kind("", index) == "pagina"
    assert page_kind("over-ons/", index) == "pagina"
    assert page_kind("casussen/thema/", index) == "pagina"  # the list of themes: one line per theme


def test_case_lists_that_grow_with_the_cases_are_not_searched(index: Index) -> None:
    assert page_kind("casussen/", index) is None
    for facet in ("thema", "gebied", "rechtsvorm", "fase", "jaar"):
        assert page_kind(f"casussen/{facet}/iets/", index) is None


def test_case_filters_are_the_labels_of_its_facets(index: Index) -> None:
    case = next(iter(index.cases.values()))
    tax = index.taxonomy
    assert page_filters(case.url, "casus", index) == {
        "soort": ["casus"],
        "thema": [tax.themes[key].label for key in case.themes],
        "gebied": [tax.regions[case.region].label],
        "rechtsvorm": [tax.legal_forms[case.legal_form].label],
        "fase": [tax.stages[case.stage].label],
    }
    assert page_filters("over-ons/", "pagina", index) == {"soort": ["pagina"]}


PAGE = """<html lang="nl"><body><nav>Menu Casussen</nav>
<article><div class="kb-zoekbereik" data-pagefind-body>
<h1>Zorgcoöperatie<a class="headerlink" href="#x">¶</a></h1>
<p>Tekst met <abbr title="uitleg">begrip</abbr> &amp; meer.<br>Regel</p>
<form><label>Zoek</label><input name="q"></form><script>var geheim = 1;</script>
<div data-pagefind-ignore>Niet dit</div>
<div><p>Diep</p></div>
</div></article><footer>Voettekst</footer></body></html>"""


def test_read_page_takes_the_body_text_and_finds_where_it_ends(tmp_path: Path) -> None:
    file = tmp_path / "index.html"
    file.write_text(PAGE, encoding="utf-8")
    page = read_page(file, "test/", "pagina")
    assert page is not None
    assert page.text == "Zorgcoöperatie Tekst met begrip & meer. Regel Diep"
    assert PAGE[page.body_end :].startswith("</div></article>")
    assert PAGE[page.body_start :].startswith('<div class="kb-zoekbereik" data-pagefind-body>')


def test_pagefind_reads_only_the_body_with_kind_filters_and_word_forms(tmp_path: Path) -> None:
    file = tmp_path / "index.html"
    file.write_text(PAGE, encoding="utf-8")
    page = read_page(file, "test/", "pagina")
    assert page is not None
    document = page.document({"soort": ["pagina"], "thema": ["Zorg, en welzijn"]}, ["zorg", "coöperatie"])
    assert '<span data-pagefind-ignore data-pagefind-filter="thema">Zorg, en welzijn</span>' in document
    assert '<div class="kb-zoektermen" aria-hidden="true" data-pagefind-weight="0.5">zorg coöperatie</div></div></body>' in document
    assert "Menu" not in document and "Voettekst" not in document
    assert '<html lang="nl">' in document
    # Read back, the document is the same body: the same text, only the added word forms come on top.
    again = tmp_path / "document.html"
    again.write_text(document, encoding="utf-8")
    reread = read_page(again, "test/", "pagina")
    assert reread is not None and reread.text == page.text + " zorg coöperatie"


def test_a_page_without_a_search_body_is_skipped(tmp_path: Path) -> None:
    file = tmp_path / "index.html"
    file.write_text("<html><body><p>404</p></body></html>", encoding="utf-8")
    assert read_page(file, "", "pagina") is None


def test_the_built_site_marks_only_content_and_hides_nothing(built_site: Path, index: Index) -> None:
    pages = {page.url: page for page in site_pages(built_site, index)}
    assert {case.url for case in index.cases.values()} <= set(pages)
    assert {module.url for module in index.modules.values()} <= set(pages)
    assert {lesson.url for lesson in index.lessons.values()} <= set(pages)
    assert "casussen/" not in pages
    for path in built_site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        # The added word forms exist only in the copy Pagefind reads, never in the page readers get.
        assert "kb-zoektermen" not in html
        assert html.count("data-pagefind-body") <= 1
        body = html[html.find("data-pagefind-body") :]
        assert "<nav" not in body.split("</article>")[0]
        assert "md-footer" not in body.split("</article>")[0]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*lang="nl"', home)
    assert 'data-md-component="search"' not in home  # Material's own search stays off: no lunr index
    assert not (built_site / "search" / "search_index.json").exists()


def test_the_bundle_holds_only_what_the_site_uses(built_site: Path) -> None:
    bundle = built_site / BUNDLE_DIR
    assert (bundle / "pagefind.js").is_file()
    assert list(bundle.glob("pagefind.nl_*.pf_meta"))
    assert list((bundle / "fragment").iterdir())
    assert list((bundle / "filter").iterdir())
    for name in UNUSED_BUNDLE_FILES:
        assert not (bundle / name).exists(), name


def test_rendered_content_reads_as_the_written_page_does(tmp_path: Path) -> None:
    """The build hands Pagefind the content before the template wraps it: the text must be the same."""
    file = tmp_path / "index.html"
    file.write_text(PAGE, encoding="utf-8")
    written = read_page(file, "test/", "pagina")
    content = PAGE[PAGE.index("data-pagefind-body>") + len("data-pagefind-body>") : PAGE.index("</div></article>")]
    assert written is not None
    assert read_content(content, "test/", "pagina").text == written.text
    # A comment makes the quick reading give way to the HTML parser; the text stays the same.
    assert read_content("<!-- opmerking -->" + content, "test/", "pagina").text == written.text


@pytest.mark.parametrize(("entry", "reason"), [(None, "niet leesbaar"), ("", "niet leesbaar"), ('{"languages": {"nl": {"page_count": 3}}}', "telt 3")])
def test_an_incomplete_bundle_fails_the_build(tmp_path: Path, entry: str | None, reason: str) -> None:
    """An empty or missing entry file (as Pagefind can leave when stopped too early) breaks the search for every reader."""
    (tmp_path / BUNDLE_DIR).mkdir()
    if entry is not None:
        (tmp_path / BUNDLE_DIR / "pagefind-entry.json").write_text(entry, encoding="utf-8")
    with pytest.raises(SearchError, match=reason):
        check_bundle(tmp_path / BUNDLE_DIR, 54)
