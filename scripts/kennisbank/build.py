"""One build of the site: what the MkDocs adapter asks of the engine, in the order it asks.

Data flows one way: the files are read into the model and the index
(`load_index`), the index makes the generated pages, the open data and the
feed, each page rendered by MkDocs is finished here (`finish_page`), and
its search document goes to the search bundle, written at the end. Every
step is a plain function of the index; what is costly and pure is kept in
the content cache (`.cache/kennisbank/`), so a second build redoes only
what changed.
"""

from __future__ import annotations

import json
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import exports
from .cache import Cache
from .content.case_body import case_images
from .content.contact import load_contact
from .content.loader import CASES_DIR
from .index import Index, load_index
from .pages import finish
from .pages.browser_page import BROWSER_DATA, BROWSER_TEXTS, browser_names_file, browser_page
from .pages.case_page import case_markdown
from .pages.glossary_terms import GlossaryMarker
from .pages.inputs import GLOSSARY, OVERVIEW, case_slug, digest, page_inputs
from .pages.lesson_page import lesson_markdown, module_markdown
from .pages.overviews import cases_overview, facet_pages, glossary_page, learning_nav
from .pages.parts import AssembledPage, Heading
from .search.bundle import SearchBundle, SearchReport

CONFIG_KEY = "kennisbank"  # where the adapter keeps the build in MkDocs' config.extra; the macros find the index there
CACHED_KINDS = ("bestand", "verwant", "pagina", "opendata", "zoekbundel")


@dataclass(frozen=True)
class PageSource:
    """A page's Markdown as MkDocs should render it, and what its front matter should say."""

    markdown: str
    meta: dict[str, Any]


class SiteBuild:
    """Everything one build needs from the engine; made in `on_config`, asked by every later event."""

    def __init__(self, root: Path, *, site_url: str, site_name: str, permalink_title: str, cache: Cache | None = None) -> None:
        """Read and check all content; raises `ContentError` listing every problem."""
        self.root = root
        self.cache = cache if cache is not None else Cache.for_project(root)
        self.index: Index = load_index(root, self.cache)
        self.contact = load_contact(root)
        self._site_url, self._site_name, self._permalink_title = site_url, site_name, permalink_title
        self._marker = GlossaryMarker(self.index.content.glossary)
        self._search = SearchBundle(self.index, root / "docs", self.cache)

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros logs str() of every variable on every build.
        return f"<SiteBuild {self.index!r}>"

    def nav(self, nav: list[Any]) -> list[Any]:
        """The menu of mkdocs.yml with the Leren section filled in from the index."""
        return [{"Leren": learning_nav(self.index)} if isinstance(item, dict) and "Leren" in item else item for item in nav]

    def generated_pages(self) -> dict[str, str]:
        """The Markdown of every page the build makes, by its path in the site's sources."""
        index = self.index
        pages = {case.src_uri: case_markdown(case) for case in index.cases.values()}
        pages[OVERVIEW] = cases_overview(index)
        pages["casussen/verkennen.md"] = browser_page(index)
        pages.update(facet_pages(index))
        pages[GLOSSARY] = glossary_page(index)
        return pages

    def data_files(self) -> dict[str, str]:
        """Open data, feed and the case browser's data, all from the same index, by path in the site.

        They read every case, so the cache keeps them by the hashes of all case files and the vocabularies.
        """
        index, site_url = self.index, self._site_url

        def make() -> dict[str, str]:
            files = {
                "open-data/cases.json": exports.cases_json(index, site_url),
                "open-data/cases.csv": exports.cases_csv(index, site_url),
                "open-data/case.schema.json": json.dumps(exports.open_data_schema(index.taxonomy), ensure_ascii=False, indent=2) + "\n",
                "feed.xml": exports.atom_feed(index, site_url, self._site_name),
                BROWSER_DATA: exports.browser_data(index),
                BROWSER_TEXTS: exports.browser_texts(index),
            }
            files.update({browser_names_file(number): names for number, names in enumerate(exports.browser_names(index))})
            return files

        def fits(stored: object) -> bool:
            return isinstance(stored, dict) and all(isinstance(value, str) for value in stored.values())

        key = self.cache.key("opendata", site_url, self._site_name, digest((index.taxonomy, tuple(index.cases.values()))))
        return self.cache.remember("opendata", key, make, check=fits)

    def case_images(self) -> list[Path]:
        """Images beside the cases, published next to the case pages."""
        return case_images(self.root / CASES_DIR)

    def page_markdown(self, src_uri: str, markdown: str, *, generated: bool) -> PageSource:
        """A module's or lesson's page around its author's text; generated and contributed pages never run macros."""
        if generated or case_slug(src_uri, self.index) is not None:
            return PageSource(markdown, {"render_macros": False})
        parts = src_uri.split("/")
        index = self.index
        if len(parts) == 3 and parts[0] == "leren" and parts[2] == "index.md" and parts[1] in index.modules:
            module = index.modules[parts[1]]
            return PageSource(module_markdown(module, markdown, index), {"title": module.title, "description": module.summary})
        key = f"{parts[1]}/{parts[2].removesuffix('.md')}" if len(parts) == 3 and parts[0] == "leren" else ""
        if key in index.lessons:
            lesson = index.lessons[key]
            return PageSource(lesson_markdown(lesson, markdown, index), {"title": lesson.title, "description": lesson.summary})
        return PageSource(markdown, {})

    def finish_page(self, src_uri: str, url: str, title: str, rendered: str, taken_anchors: Set[str]) -> AssembledPage:
        """A rendered page as readers get it; a page whose Markdown and record did not change comes from the cache."""
        inputs = page_inputs(src_uri, self.index)
        parts = (src_uri, url, self._permalink_title, self.index.content.glossary_digest, rendered, json.dumps(sorted(taken_anchors)), digest(inputs))

        def make() -> dict[str, Any]:
            page = finish.finish(src_uri, rendered, inputs, self._marker, taken_anchors, self._permalink_title)
            return {"content": page.content, "before": [[h.title, h.anchor] for h in page.before], "after": [[h.title, h.anchor] for h in page.after]}

        found = self.cache.remember("pagina", self.cache.key("pagina", *parts), make, check=_is_finished_page)
        page = AssembledPage(found["content"], tuple(Heading(*h) for h in found["before"]), tuple(Heading(*h) for h in found["after"]))
        self._search.add(url, title, page.content)
        return page

    def start_search(self) -> None:
        """Every page is finished: the search bundle is taken from the cache, or Pagefind starts on it while the pages are written."""
        self._search.start()

    def write_search(self, site_dir: Path) -> SearchReport:
        """The search bundle, once every page is written; then the cache lets go of what this build did not use."""
        report = self._search.write(site_dir)
        self.cache.prune(CACHED_KINDS)
        return report


def _is_finished_page(stored: object) -> bool:
    """Whether a stored value has the shape of a finished page."""
    if not isinstance(stored, dict) or not isinstance(stored.get("content"), str):
        return False
    headings = [stored.get("before"), stored.get("after")]
    return all(isinstance(h, list) and all(isinstance(x, list) and len(x) == 2 and all(isinstance(s, str) for s in x) for x in h) for h in headings)
