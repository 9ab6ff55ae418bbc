"""Shared helpers for the tests that look at the built site as a reader does.

The key pages, the two screen sizes, the npm test tools (axe-core, the Nu HTML
Checker) and small browser helpers used by the journey, accessibility and
privacy tests.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import pytest
from kennisbank.content.model import Case, Lesson
from kennisbank.index import Index, load_index
from playwright.sync_api import expect

from tests.conftest import ROOT

NODE_MODULES = ROOT / "tests" / "node" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
WORLD_ATLAS = NODE_MODULES / "world-atlas" / "countries-10m.json"
ARTIFACTS = ROOT / "test-artifacts"

VIEWPORTS: dict[str, dict[str, int]] = {
    "desktop": {"width": 1280, "height": 900},
    "mobiel": {"width": 375, "height": 812},
}


@functools.cache
def site_index() -> Index:
    return load_index(ROOT)


def journey_cases(index: Index) -> tuple[Case, Case, Lesson]:
    """A case, one of its related cases, and a lesson that related case links to."""
    for case in index.cases.values():
        for related in index.related.get(case.slug, []):
            lessons = [index.lessons[ref] for ref in related.learning if ref in index.lessons]
            if lessons:
                return case, related, lessons[0]
    raise AssertionError("geen casus met een verwante casus die naar een les verwijst")


KEY_PAGE_NAMES = ("home", "casus", "overzicht", "verkennen", "les", "module", "begeleider", "begrippen", "aandragen", "aanvullen", "leerroute", "voortgang")


def key_pages(index: Index) -> dict[str, str]:
    """Name → site-relative URL of the pages every reader passes (named in KEY_PAGE_NAMES)."""
    case, _, lesson = journey_cases(index)
    module = index.modules[lesson.module]
    pages = {
        "home": "",
        "casus": case.url,
        "overzicht": "casussen/",
        "verkennen": "casussen/verkennen/",
        "les": lesson.url,
        "module": module.url,
        "begeleider": f"{module.url}begeleider/",
        "begrippen": "begrippen/",
        "aandragen": "bijdragen/casus-aandragen/",
        "aanvullen": "bijdragen/aanvullen/",
        "leerroute": next(iter(index.routes.values())).url,
        "voortgang": "leren/voortgang/",
    }
    assert tuple(pages) == KEY_PAGE_NAMES
    return pages


def require_tool(path: Path) -> None:
    """In CI a missing npm test tool is a failure; locally it skips with the install command."""
    if path.is_file():
        return
    message = f"{path.relative_to(ROOT)} ontbreekt: installeer de testhulpmiddelen met 'make node-deps'."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def wait_until_ready(page: Any) -> None:
    """Wait for the parts that appear after loading: the case browser's list."""
    if page.locator("#kb-aantal").count():
        page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")


def has_header_search(page: Any) -> bool:
    return bool(page.locator("[data-kb-search] input[type=search]").count())


def search_query(case: Case) -> str:
    """The longest word of the case's title: specific enough for the search to find the case."""
    return max(case.title.split(), key=len)


def search_from_header(page: Any, query: str) -> Any:
    """Type `query` into the header search, as a reader does; returns the result links."""
    field = page.locator("[data-kb-search] input[type=search]")
    opener = page.locator(".kb-search-open")
    if opener.count() and opener.is_visible():
        opener.click()  # small screens: the search box sits behind a button
    else:
        field.click()
    expect(field).to_be_focused()
    page.keyboard.type(query)
    links = page.locator("#kb-search-results a")
    links.first.wait_for()
    return links


def assert_no_horizontal_scroll(page: Any, where: str) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{where}: de pagina schuift opzij ({widths[0]} px breed bij een venster van {widths[1]} px)"


def assert_search_fits(page: Any, where: str) -> None:
    """The open search on a phone: the results fit the screen. Material's overlay behind them is a
    circle scaled far beyond the screen by design, clipped by the page (overflow-x hidden on <html>)."""
    # Material slides the search panel in; measure once it has arrived.
    page.wait_for_function("document.querySelector('.md-search').getAnimations({subtree: true}).every(a => a.playState !== 'running')")
    fit = page.evaluate(
        """() => ({
            right: Math.max(...[...document.querySelectorAll('.md-search__inner, #kb-search-results > li')].map(e => e.getBoundingClientRect().right)),
            width: window.innerWidth,
            clipped: ['hidden', 'clip'].includes(getComputedStyle(document.documentElement).overflowX),
        })"""
    )
    assert fit["right"] <= fit["width"] + 0.5, f"{where}: de zoekresultaten zijn breder dan het scherm ({fit['right']} px bij {fit['width']} px)"
    assert fit["clipped"], f"{where}: de pagina kan opzij schuiven"


def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """A screenshot in test-artifacts/, to look at after the run."""
    path = ARTIFACTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
