"""Privacy and offline use: reading the site asks no other host for anything.

No web fonts, no icon or emoji CDN, no analytics: in a browser every request of
a key page (and of a search) goes to the site's own origin, and no generated
page or stylesheet refers to a resource elsewhere.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.site_pages import (
    KEY_PAGE_NAMES,
    VIEWPORTS,
    has_header_search,
    journey_cases,
    key_pages,
    search_from_header,
    site_index,
    wait_until_ready,
)

LOCAL_SCHEMES = {"data", "blob"}  # inline resources, never sent over the network


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def foreign_requests(requested: list[str], site_url: str) -> list[str]:
    return [url for url in requested if urlsplit(url).scheme not in LOCAL_SCHEMES and origin(url) != origin(site_url)]


def recording_page(chromium: Any, viewport: str) -> tuple[Any, Any, list[str]]:
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return context, page, requested


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", KEY_PAGE_NAMES)
def test_a_key_page_only_asks_its_own_site(chromium: Any, site_url: str, name: str, viewport: str) -> None:
    context, page, requested = recording_page(chromium, viewport)
    page.goto(f"{site_url}{key_pages(site_index())[name]}", wait_until="networkidle")
    wait_until_ready(page)
    terms = page.locator("article abbr[title]")
    if viewport == "desktop" and terms.count():
        terms.first.hover()  # tooltips
    page.mouse.wheel(0, 100_000)  # anything loaded on scrolling
    page.wait_for_load_state("networkidle")
    context.close()
    assert len(requested) > 1
    assert foreign_requests(requested, site_url) == [], f"{name} ({viewport}) vraagt iets op bij een andere website"


@pytest.mark.browser
def test_searching_only_asks_its_own_site(chromium: Any, site_url: str) -> None:
    case, _, _ = journey_cases(site_index())
    context, page, requested = recording_page(chromium, "desktop")
    page.goto(site_url, wait_until="networkidle")
    if not has_header_search(page):
        context.close()
        pytest.skip("deze build heeft nog geen zoekvak in de kop")
    search_from_header(page, case.title)
    page.wait_for_load_state("networkidle")
    context.close()
    assert any("pagefind" in url for url in requested)
    assert foreign_requests(requested, site_url) == []


# Elements and attributes through which a page loads something by itself (links to click are fine).
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
LOADING_LINK_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest"}
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*(?:https?:)?//""", re.IGNORECASE)


class _ResourceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.remote: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        values = {name: value or "" for name, value in attrs}
        names = RESOURCE_ATTRIBUTES.get(tag, ())
        if tag == "link" and LOADING_LINK_RELS & set(values.get("rel", "").lower().split()):
            names = ("href",)
        for name in names:
            for candidate in values.get(name, "").split(","):
                if REMOTE.match(candidate):
                    self.remote.append(f"<{tag} {name}={candidate.strip()}>")
        if CSS_REMOTE.search(values.get("style", "")):
            self.remote.append(f"<{tag} style=…>")

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style and CSS_REMOTE.search(data):
            self.remote.append("url(…) of @import in een <style>")


def test_no_page_or_stylesheet_loads_anything_from_elsewhere(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    found: dict[str, list[str]] = {}
    for path in pages:
        finder = _ResourceFinder()
        finder.feed(path.read_text(encoding="utf-8"))
        if finder.remote:
            found[str(path.relative_to(built_site))] = finder.remote
    for path in sorted(built_site.rglob("*.css")):
        if CSS_REMOTE.search(path.read_text(encoding="utf-8")):
            found[str(path.relative_to(built_site))] = ["url(…) of @import naar een andere website"]
    assert found == {}
