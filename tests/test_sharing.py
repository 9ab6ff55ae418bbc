"""Sharing a link: every page has its own title, a description and Open Graph tags.

Chat apps and social media show og:title and og:description; search engines
show <title> and the meta description. For a case that is its own title and
summary, for a lesson or module its title and summary.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from kennisbank.content.model import Case, Lesson, Module

from tests.conftest import ROOT, mkdocs_build
from tests.site_pages import site_index


def _setting(name: str) -> str:
    """A top-level setting of mkdocs.yml (read as text: the file may use tags a plain YAML loader refuses)."""
    match = re.search(rf"^{name}:[ \t]*(.+?)[ \t]*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{name} ontbreekt in mkdocs.yml"
    return match.group(1)


SITE_URL = _setting("site_url")
SITE_NAME = _setting("site_name")
OG_PROPERTIES = ("og:title", "og:description", "og:type", "og:url", "og:locale", "og:site_name")


class Head(HTMLParser):
    """The sharing-related parts of a page's <head>, with entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, list[str]] = {}
        self.canonical = ""
        self._in_title = False
        self._past_head = False  # a <title> in the body names an SVG element, not the page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self._past_head:
            return
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and ("name" in values or "property" in values):
            self.meta.setdefault(values.get("property") or values["name"], []).append(values.get("content", ""))
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._past_head = True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def one(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, f"{name}: {len(values)} keer in plaats van één keer"
        return values[0]


def read_head(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    head.title = head.title.strip()
    return head


def page_url(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return SITE_URL + relative.removesuffix("index.html")


def content_pages(site: Path) -> list[Path]:
    """Every page a reader can open and share (the 404 page is not one)."""
    return sorted(path for path in site.rglob("index.html") if not path.relative_to(site).parts[0].startswith(("assets", "pagefind")))


def test_every_page_has_its_own_title_description_and_open_graph_tags(built_site: Path) -> None:
    pages = content_pages(built_site)
    assert len(pages) > 50
    titles: Counter[str] = Counter()
    for path in pages:
        head = read_head(path)
        where = path.relative_to(built_site).as_posix()
        url = page_url(built_site, path)
        home = url == SITE_URL
        assert head.title, f"{where}: geen <title>"
        assert home or head.title.endswith(f" - {SITE_NAME}"), f"{where}: {head.title!r}"
        titles[head.title] += 1
        description = head.one("description")
        assert len(description) >= 20, f"{where}: beschrijving {description!r} is te kort"
        for prop in OG_PROPERTIES:
            assert head.one(prop), f"{where}: {prop} is leeg"
        assert head.one("og:title") == (SITE_NAME if home else head.title.removesuffix(f" - {SITE_NAME}")), where
        assert head.one("og:description") == description, where
        assert head.one("og:type") == ("website" if home else "article"), where
        assert head.one("og:url") == head.canonical == url, where
        assert head.one("og:locale") == "nl_NL"
        assert head.one("og:site_name") == SITE_NAME
    assert [title for title, count in titles.items() if count > 1] == [], "meerdere pagina's met dezelfde titel"


def test_cases_lessons_and_modules_are_shared_with_their_own_summary(built_site: Path) -> None:
    index = site_index()
    items: list[Case | Lesson | Module] = [*index.cases.values(), *index.lessons.values(), *index.modules.values()]
    for item in items:
        head = read_head(built_site / item.url / "index.html")
        assert head.title == f"{item.title} - {SITE_NAME}"
        assert head.one("og:title") == item.title
        assert head.one("description") == head.one("og:description") == item.summary


def test_quotes_and_ampersands_in_a_case_survive_into_the_head(content_copy: Path, tmp_path: Path) -> None:
    """A case's title and summary are written into attributes; a quote must not end them early."""
    title = 'Coöperatie "De Brug" & Zn'
    summary = "Buren bouwen \"samen\" een brug & een steiger, met 'aanhalingstekens'."
    source = content_copy / "cases" / "zonnedijk-energie.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("titel: Energiecoöperatie Zonnedijk", f"titel: '{title}'", 1)
    text = text.replace(
        "samenvatting: Bewoners van een rivierdorp leggen samen zonnepanelen op een dijkmagazijn en delen de opbrengst met het dorp.",
        "samenvatting: '" + summary.replace("'", "''") + "'",
        1,
    )
    source.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(content_copy, site)
    assert result.returncode == 0, result.stderr
    head = read_head(site / "casussen" / "zonnedijk-energie" / "index.html")
    assert head.title == f"{title} - {SITE_NAME}"
    assert head.one("og:title") == title
    assert head.one("description") == head.one("og:description") == summary
