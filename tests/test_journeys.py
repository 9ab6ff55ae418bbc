"""Whole reader journeys through the built site, on a desktop screen and on a phone.

Home → Casussen verkennen → a filter → a case → a related case → a lesson, with
the lesson's workbook link, a glossary explanation and the header search. On
every page: nothing scrolls sideways and no script fails. Screenshots of each
step land in test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.site_pages import (
    VIEWPORTS,
    assert_no_horizontal_scroll,
    assert_search_fits,
    has_header_search,
    journey_cases,
    key_pages,
    screenshot,
    search_from_header,
    search_query,
    site_index,
    wait_until_ready,
)

pytestmark = pytest.mark.browser


class Journey:
    """One reader in one browser context; every arrival is checked and photographed."""

    def __init__(self, page: Any, viewport: str) -> None:
        self.page = page
        self.viewport = viewport
        self.step = 0
        self.script_errors: list[str] = []
        page.on("pageerror", lambda error: self.script_errors.append(f"{page.url}: {error}"))

    def arrive(self, name: str, url_pattern: str, heading: str | None = None) -> None:
        self.page.wait_for_url(url_pattern)
        wait_until_ready(self.page)
        if heading is not None:
            expect(self.page.locator("article h1")).to_contain_text(heading)
        assert_no_horizontal_scroll(self.page, f"{name} ({self.viewport})")
        self.step += 1
        screenshot(self.page, f"reis-{self.viewport}-{self.step}-{name}")


def result_slugs(page: Any) -> set[str]:
    hrefs = page.eval_on_selector_all("#kb-resultaten a", "links => links.map(a => a.getAttribute('href'))")
    return {href.strip("./") for href in hrefs}


def site_file(built_site: Path, site_url: str, href: str) -> Path:
    assert href.startswith(site_url), f"{href} ligt buiten de site"
    return built_site / unquote(urlsplit(href).path.lstrip("/"))


def check_workbook_links(page: Any, built_site: Path, site_url: str) -> None:
    """The lesson's workbook buttons lead to PDFs that exist in the built site.

    The plain MkDocs build of the tests makes no PDFs (`make build` runs `kennisbank pdf`
    afterwards); once a build has site/pdf, the links are required and must resolve.
    """
    hrefs: list[str] = page.eval_on_selector_all("article a[href$='.pdf']", "links => links.map(a => a.href)")
    pdf_dir = built_site / "pdf"
    assert pdf_dir.is_dir(), "the built_site fixture makes the PDFs, as make build does"
    if pdf_dir.is_dir():
        assert hrefs, "de les heeft geen link naar het werkboek (pdf)"
    for href in hrefs:
        target = site_file(built_site, site_url, href)
        assert target.is_relative_to(pdf_dir), f"{href} wijst niet naar de map pdf/ van de site"
        if pdf_dir.is_dir():
            assert target.is_file(), f"het werkboek {href} bestaat niet in de gebouwde site"


def check_glossary_explanation(page: Any, viewport: str) -> None:
    """A glossary term carries its explanation; on a desktop, hovering shows Material's tooltip."""
    explanations = {term.explanation for term in site_index().content.glossary}
    term = page.locator("article abbr[title]").first
    expect(term).to_be_attached()
    title = term.get_attribute("title")
    assert title in explanations, f"{title!r} is geen uitleg uit de begrippenlijst"
    if viewport == "desktop":
        term.scroll_into_view_if_needed()
        term.hover()
        expect(page.locator(".md-tooltip2--active")).to_have_text(title)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_reader_goes_from_home_to_a_lesson(chromium: Any, site_url: str, built_site: Path, viewport: str) -> None:
    index = site_index()
    case, related, lesson = journey_cases(index)
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    journey = Journey(page, viewport)

    page.goto(site_url)
    journey.arrive("home", site_url)

    page.locator("article").get_by_role("link", name="alle casussen verkennen").click()
    journey.arrive("casussen-verkennen", "**/casussen/verkennen/", "Casussen verkennen")
    assert result_slugs(page) == set(index.cases)

    theme = case.themes[0]
    # Each theme's label carries the number of cases it would give: "Energie (4)".
    label = index.taxonomy.themes[theme].label
    page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \({len(index.by_theme[theme])}\)$")).check()
    journey.arrive("filter", f"**/casussen/verkennen/?thema={theme}")
    assert result_slugs(page) == {c.slug for c in index.by_theme[theme]}

    page.locator("#kb-resultaten").get_by_role("link", name=case.title, exact=True).click()
    journey.arrive("casus", f"**/{case.url}", case.title)

    page.locator("h2#verwante-casussen + ul").get_by_role("link", name=related.title, exact=True).click()
    journey.arrive("verwante-casus", f"**/{related.url}", related.title)

    page.locator("h2#leren-met-deze-casus + ul").get_by_role("link", name=lesson.title, exact=True).click()
    journey.arrive("les", f"**/{lesson.url}", lesson.title)
    check_workbook_links(page, built_site, site_url)
    check_glossary_explanation(page, viewport)

    assert journey.script_errors == []
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_reader_searches_from_the_header(chromium: Any, site_url: str, built_site: Path, viewport: str) -> None:
    index = site_index()
    case, _, lesson = journey_cases(index)
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    journey = Journey(page, viewport)
    page.goto(f"{site_url}{lesson.url}")
    journey.arrive("zoeken-vanaf-les", f"**/{lesson.url}", lesson.title)
    if not has_header_search(page):
        assert not (built_site / "pagefind").exists(), "de site heeft een zoekindex, maar de kop geen zoekvak"
        pytest.skip("deze build heeft nog geen zoekvak in de kop")

    search_from_header(page, search_query(case))
    found = page.locator(f'#kb-search-results a[href$="/{case.url}"]')
    expect(found).to_have_count(1)
    expect(found).to_contain_text(case.title)
    assert_search_fits(page, f"zoekresultaten ({viewport})")
    journey.step += 1
    screenshot(page, f"reis-{viewport}-{journey.step}-zoekresultaten", full_page=False)  # the open search covers the screen

    found.click()
    journey.arrive("casus-uit-zoeken", f"**/{case.url}", case.title)
    assert journey.script_errors == []
    context.close()


def test_every_key_page_fits_a_phone_and_a_desktop(chromium: Any, site_url: str) -> None:
    pages = key_pages(site_index())
    for viewport, size in VIEWPORTS.items():
        context = chromium.new_context(viewport=size)
        page = context.new_page()
        for name, url in pages.items():
            page.goto(f"{site_url}{url}")
            wait_until_ready(page)
            assert_no_horizontal_scroll(page, f"{name} ({viewport})")
            screenshot(page, f"pagina-{viewport}-{name}")
        context.close()
