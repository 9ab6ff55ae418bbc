"""The case browser in a real browser: filters, combinations, URL state and keyboard use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from kennisbank.index import Index, load_index
from kennisbank.tools.synthetic import make_corpus

from tests.browser import serve
from tests.conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def shown_slugs(page: Any) -> set[str]:
    page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
    hrefs = page.eval_on_selector_all("#kb-resultaten a", "links => links.map(a => a.getAttribute('href'))")
    return {href.strip("./") for href in hrefs}


def test_filters_from_the_url_combine(chromium: Any, site_url: str, index: Index) -> None:
    case = next(iter(index.cases.values()))
    theme = case.themes[0]
    page = chromium.new_page()
    page.goto(f"{site_url}casussen/verkennen/?thema={theme}&gebied={case.region}")
    expected = {c.slug for c in index.by_theme[theme] if c.region == case.region}
    assert shown_slugs(page) == expected
    page.goto(f"{site_url}casussen/verkennen/?van={case.year_started}&tot={case.year_started}&fase={case.stage}")
    assert shown_slugs(page) == {c.slug for c in index.by_year[case.year_started] if c.stage == case.stage}
    page.close()


def test_free_text_ignores_accents_and_case(chromium: Any, site_url: str, index: Index) -> None:
    page = chromium.new_page()
    page.goto(f"{site_url}casussen/verkennen/?q=COOPERATIE")
    page.wait_for_selector("#kb-resultaten[data-tekst-geladen]", state="attached")
    expected = {c.slug for c in index.cases.values() if "coöperatie" in (c.title + " " + c.place + " " + c.summary).lower()}
    assert expected
    assert shown_slugs(page) == expected
    page.close()


def test_keyboard_only_filtering_updates_the_url(chromium: Any, site_url: str, index: Index) -> None:
    page = chromium.new_page()
    page.goto(f"{site_url}casussen/verkennen/")
    assert shown_slugs(page) == set(index.cases)
    theme = next(t for t, cases in index.by_theme.items() if cases)
    box = page.locator(f'input[name="thema"][value="{theme}"]')
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_url(f"**/verkennen/?thema={theme}")
    assert shown_slugs(page) == {c.slug for c in index.by_theme[theme]}
    shared = page.url
    other = chromium.new_page()
    other.goto(shared)
    assert shown_slugs(other) == {c.slug for c in index.by_theme[theme]}
    other.close()
    page.close()


def test_summaries_load_only_when_searching_text(chromium: Any, site_url: str) -> None:
    page = chromium.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}casussen/verkennen/?thema=energie")
    shown_slugs(page)
    assert not any(url.endswith("casussen-verkennen-tekst.json") for url in requested)
    assert not any(url.endswith("sitemap.xml") for url in requested), "the sitemap lists every case: never load it on a page view"
    page.fill("#kb-q", "dorp")
    page.wait_for_selector("#kb-resultaten[data-tekst-geladen]", state="attached")
    assert any(url.endswith("casussen-verkennen-tekst.json") for url in requested)
    page.close()


def test_at_a_thousand_cases_only_the_names_on_screen_are_fetched(chromium: Any, tmp_path: Path) -> None:
    """The first download holds facets only; names come per file for the cases shown, all of them once a word is typed."""
    corpus = make_corpus(ROOT, tmp_path / "corpus", 1200)
    result = mkdocs_build(corpus, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    index = load_index(corpus)
    with serve(tmp_path / "site") as url:
        page = chromium.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
        page.goto(f"{url}casussen/verkennen/")
        shown = shown_slugs(page)
        assert len(shown) == 200 and shown <= set(index.cases)
        assert sorted(name for name in requested if name.startswith("casussen-verkennen-namen-")) == ["casussen-verkennen-namen-0.json"]
        region = "zeeland"
        page.goto(f"{url}casussen/verkennen/?gebied={region}&fase=actief")
        expected = {c.slug for c in index.by_region[region] if c.stage == "actief"}
        assert 0 < len(expected) <= 200 and shown_slugs(page) == expected
        page.fill("#kb-q", "Samen Verder")
        page.wait_for_selector("#kb-resultaten[data-tekst-geladen]", state="attached")
        found = {c.slug for c in index.by_region[region] if c.stage == "actief" and "samen verder" in (c.title + " " + c.place + " " + c.summary).lower()}
        assert found and shown_slugs(page) == found
        assert {name for name in requested if name.startswith("casussen-verkennen-namen-")} == {f"casussen-verkennen-namen-{n}.json" for n in range(3)}
        page.close()
