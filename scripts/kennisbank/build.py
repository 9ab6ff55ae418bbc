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
import re
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from . import exports, preview
from .cache import Cache, Memory, fingerprint
from .content.case_body import case_images
from .content.contact import load_contact
from .content.loader import CASES_DIR
from .content.problems import StopsTheBuild
from .content.source import tree_files
from .index import Index, load_index, page_title
from .pages import finish
from .pages.browser_page import BROWSER_DATA, BROWSER_TEXTS, browser_names_file, browser_page
from .pages.case_form_page import case_form_page
from .pages.case_page import case_markdown
from .pages.facilitator_page import facilitator_pages, module_page_kit
from .pages.glossary_terms import GlossaryMarker
from .pages.inputs import CASE_FORM_PAGE, GLOSSARY, OVERVIEW, WORKLIST, WORKLIST_CSV, case_slug, digest, page_inputs, route_page
from .pages.lesson_page import lesson_markdown, module_markdown
from .pages.overviews import cases_overview, facet_pages, glossary_page, site_nav
from .pages.parts import AssembledPage, Heading
from .pages.route_page import OVERVIEW_SRC as ROUTES_OVERVIEW
from .pages.route_page import route_markdown, routes_overview
from .pages.worklist_page import worklist_markdown
from .repository import Repository
from .search.bundle import SearchBundle, SearchReport

CONFIG_KEY = "kennisbank"  # where the adapter keeps the build in MkDocs' config.extra; the macros find the index there
CACHED_KINDS = ("bestand", "verwant", "pagina", "opendata", "woorden", "zoekbundel")
# Besides the engine's code and the page's own inputs, what every page's HTML is made from.
SITE_INPUTS = ("mkdocs.yml", "scripts/mkdocs_hooks.py", "macros", "overrides", "data")
MACRO_MARKS = ("{{", "{%")  # a trusted page that uses these may show any figure of the index
_FRONT_MATTER_TITLE = re.compile(r"\A---\n(?:.*\n)*?title:[ \t]*(.+)\n(?:.*\n)*?---\n")


class StepError(StopsTheBuild):
    """A step of the build failed; the message says which, in Dutch, and the adapter stops the build with it."""


class SiteFile(Protocol):
    """A file of the build as the adapter's engine has it: where it comes from, where it goes, and its text (read only when asked)."""

    src_uri: str
    dest_uri: str

    @property
    def content_string(self) -> str: ...


@dataclass(frozen=True)
class PageSource:
    """A page's Markdown as MkDocs should render it, and what its front matter should say."""

    markdown: str
    meta: dict[str, Any]


class SiteBuild:
    """Everything one build needs from the engine; made in `on_config`, asked by every later event."""

    def __init__(
        self,
        root: Path,
        *,
        site_url: str,
        site_name: str,
        permalink_title: str,
        edit_uri: str | None = None,
        today: date | None = None,
        cache: Cache | None = None,
        memory: Memory | None = None,
    ) -> None:
        """Read and check all content; raises `ContentError` listing every problem.

        `edit_uri` is mkdocs.yml's (see `repository`); `today` defaults to the
        build date (see `content.trust.build_date`). `memory` is shared by the
        builds of one server (see `cache.Memory`).
        """
        self.root = root
        self.cache = cache if cache is not None else Cache.for_project(root, memory)
        self.repository = Repository.from_edit_uri(edit_uri)
        self.index: Index = load_index(root, self.cache, today)
        self.contact = load_contact(root)
        self._site_url, self._site_name, self._permalink_title = site_url, site_name, permalink_title
        self._marker = GlossaryMarker(self.index.content.glossary)
        self._search = SearchBundle(self.index, root / "docs", self.cache)
        self._record: preview.SiteRecord | None = None  # what this build will have written into a served site folder
        self._rebuild: preview.Rebuild | None = None  # set when it rebuilds a served folder in place

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros logs str() of every variable on every build.
        return f"<SiteBuild {self.index!r}>"

    def nav(self, nav: list[Any]) -> list[Any]:
        """The menu of mkdocs.yml with the Leren section filled in from the index."""
        return site_nav(nav, self.index)

    def generated_pages(self) -> dict[str, str]:
        """The Markdown of every page the build makes, by its path in the site's sources."""
        index = self.index
        pages = {case.src_uri: case_markdown(case) for case in index.cases.values()}
        pages[OVERVIEW] = cases_overview(index)
        pages["casussen/verkennen.md"] = browser_page(index)
        pages[CASE_FORM_PAGE] = case_form_page(index, self.contact, self.repository)
        pages.update(facet_pages(index))
        pages[GLOSSARY] = glossary_page(index)
        pages[WORKLIST] = worklist_markdown()
        routes = [route_page(route, index) for route in index.routes.values()]
        pages[ROUTES_OVERVIEW] = routes_overview(routes)
        pages.update({page.route.src_uri: route_markdown(page) for page in routes})
        pages.update(facilitator_pages(index))
        return pages

    def site_files(self) -> dict[str, str]:
        """Every page and data file the build makes, by path: a site without its lists or open data is not published."""
        try:
            made = self.generated_pages() | self.data_files()
        except Exception as error:
            raise StepError(f"De gemaakte pagina's en open data konden niet worden gemaakt: {type(error).__name__}: {error}") from error
        if taken := sorted(src_uri for src_uri in made if (self.root / "docs" / src_uri).exists()):
            raise StepError(f"{taken[0]} wordt door de build gemaakt; verwijder het bestand uit docs/")
        return made

    def data_files(self) -> dict[str, str]:
        """Open data, feed, the case browser's data and the worklist as CSV, all from the same index, by path in the site.

        They read every case, so the cache keeps them by the hashes of all case files and the vocabularies.
        """
        index, site_url = self.index, self._site_url

        def make() -> dict[str, str]:
            files = {
                "open-data/cases.json": exports.cases_json(index, site_url, self.cache),
                "open-data/cases.csv": exports.cases_csv(index, site_url, self.cache),
                "open-data/case.schema.json": json.dumps(exports.open_data_schema(index.taxonomy), ensure_ascii=False, indent=2) + "\n",
                "open-data/datapackage.json": exports.data_package(index, site_url),
                "feed.xml": exports.atom_feed(index, site_url, self._site_name),
                BROWSER_DATA: exports.browser_data(index),
                BROWSER_TEXTS: exports.browser_texts(index),
            }
            files.update({browser_names_file(number): names for number, names in enumerate(exports.browser_names(index))})
            return files

        def fits(stored: object) -> bool:
            return isinstance(stored, dict) and all(isinstance(value, str) for value in stored.values())

        # The worklist depends on the day as well as the cases: made anew every build, in milliseconds.
        worklist = {WORKLIST_CSV: exports.worklist_csv(index, site_url, self.repository)}
        if self.cache.memory is not None:  # a server: each edit makes new files, from parts kept per case in memory (see exports)
            return make() | worklist
        key = self.cache.key("opendata", site_url, self._site_name, digest((index.taxonomy, tuple(index.cases.values()))))
        return self.cache.remember("opendata", key, make, check=fits) | worklist

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
            return PageSource(module_markdown(module, markdown, index) + module_page_kit(module, index), {"title": module.title, "description": module.summary})
        key = f"{parts[1]}/{parts[2].removesuffix('.md')}" if len(parts) == 3 and parts[0] == "leren" else ""
        if key in index.lessons:
            lesson = index.lessons[key]
            return PageSource(lesson_markdown(lesson, markdown, index), {"title": lesson.title, "description": lesson.summary})
        return PageSource(markdown, {})

    def finish_page(self, src_uri: str, url: str, title: str, rendered: str, taken_anchors: Set[str]) -> AssembledPage:
        """A rendered page as readers get it; a page whose Markdown and record did not change comes from the cache.

        A page that cannot be finished stops the build: as MkDocs rendered it, a case's story would not be sanitized.
        """
        try:
            return self._finish_page(src_uri, url, title, rendered, taken_anchors)
        except Exception as error:
            raise StepError(f"De pagina {src_uri} kon niet worden afgemaakt: {type(error).__name__}: {error}") from error

    def _finish_page(self, src_uri: str, url: str, title: str, rendered: str, taken_anchors: Set[str]) -> AssembledPage:
        inputs = page_inputs(src_uri, self.index, self.repository)
        parts = (src_uri, url, self._permalink_title, self.index.content.glossary_digest, rendered, json.dumps(sorted(taken_anchors)), digest(inputs))

        def make() -> dict[str, Any]:
            page = finish.finish(src_uri, rendered, inputs, self._marker, taken_anchors, self._permalink_title)
            return {"content": page.content, "before": [[h.title, h.anchor] for h in page.before], "after": [[h.title, h.anchor] for h in page.after]}

        found = self.cache.remember("pagina", self.cache.key("pagina", *parts), make, check=_is_finished_page)
        page = AssembledPage(found["content"], tuple(Heading(*h) for h in found["before"]), tuple(Heading(*h) for h in found["after"]))
        self._search.add(url, title, page.content)
        return page

    def plan_rebuild(self, site_dir: Path, files: Iterable[SiteFile], nav: list[Any]) -> None:
        """For a site served on this machine: delete the outputs a rebuild into `site_dir` must make anew (see `preview`).

        `files` are all files of the build; a folder without a record, or
        without the search documents of its last whole build, has every page
        made anew. A published build reads nothing here.
        """
        if self.cache.folder is None or not preview.is_local_preview(self._site_url):
            return
        files = list(files)
        pages = {file.src_uri: (file.dest_uri, file.content_string) for file in files if file.src_uri.endswith(".md")}
        folder = preview.preview_folder(self.cache.folder, site_dir)
        previous = preview.read_record(folder, site_dir)
        if previous is None:  # a new folder, as at every start of `mkdocs serve`
            preview.remove_abandoned(self.cache.folder)
        fingerprints = self.page_fingerprints(pages, nav)
        outputs = tuple(file.dest_uri for file in files)
        site = str(site_dir.resolve())
        self._record = preview.SiteRecord(site, fingerprints, outputs)
        # Rebuilt in place from the record; without one, or without the search documents of the last whole build,
        # every page counts as changed, and the files of an earlier build that this one does not make still go.
        in_place = previous if previous is not None and (folder / preview.DOCUMENTS).is_dir() else None
        known = in_place or preview.SiteRecord(site, {}, previous.files if previous is not None else ())
        untitled = [pages[src][0] for src in _untitled_menu_pages(nav) if src in pages]
        rebuild = preview.plan(known, fingerprints, outputs, untitled)
        preview.begin_build(folder, site_dir, preview.while_building(known, self._record, rebuild))
        preview.remove_outputs(site_dir, rebuild.stale | rebuild.gone)
        self._rebuild = rebuild if in_place is not None else None

    def page_fingerprints(self, pages: Mapping[str, tuple[str, str]], nav: list[Any]) -> dict[str, str]:
        """Per output path, a hash of everything the page's HTML is made from."""
        index = self.index
        menu = [(src, self._menu_title(src, pages[src][1] if src in pages else "")) for src in _untitled_menu_pages(nav)]
        site = fingerprint(self.cache.version, self._site_url, self._site_name, json.dumps([nav, menu], ensure_ascii=False), *self._site_inputs())
        everything = ""  # pages with macros may show any figure: all content counts for them
        prints = {}
        for src_uri, (dest, markdown) in pages.items():
            extra = ""
            if any(mark in markdown for mark in MACRO_MARKS) and case_slug(src_uri, index) is None:
                everything = everything or digest((index.taxonomy, tuple(index.cases.values()), tuple(index.lessons.values()), tuple(index.modules.values())))
                extra = everything
            prints[dest] = fingerprint(site, src_uri, markdown, digest(page_inputs(src_uri, index, self.repository)), extra)
        return prints

    def _menu_title(self, src_uri: str, markdown: str) -> str:
        """The title the menu shows for a page listed without one: a module's or lesson's, its front matter's, or its first heading."""
        source = self.page_markdown(src_uri, markdown, generated=False)
        front = _FRONT_MATTER_TITLE.search(markdown)
        return str(source.meta.get("title") or (front.group(1) if front else page_title(markdown, src_uri)))

    def _site_inputs(self) -> list[bytes]:
        found = []
        for name in SITE_INPUTS:
            path = self.root / name
            for file in tree_files(path, "*") if path.is_dir() else [path]:
                if file.is_file() and "__pycache__" not in file.parts:
                    found += [file.relative_to(self.root).as_posix().encode(), file.read_bytes()]
        return found

    def start_search(self) -> None:
        """Every page is finished: the search bundle is taken from the cache, or Pagefind starts on it while the pages are written."""
        if self._rebuild is None:
            self._search.start()

    def write_search(self, site_dir: Path) -> SearchReport:
        """The search bundle, once every page is written; then the cache lets go of what this build did not use.

        A rebuild in place updates the documents of the pages it made and lets
        Pagefind remake the bundle in the background; it keeps the cache as is,
        since it asked only for part of the site.
        """
        if self._rebuild is not None:
            assert self.cache.folder is not None
            folder = preview.preview_folder(self.cache.folder, site_dir)
            return self._search.update(site_dir, folder, {path for path in self._rebuild.gone if path.endswith("index.html")})
        report = self._search.write(site_dir)
        self.cache.prune(CACHED_KINDS)
        return report

    def end(self, site_dir: Path) -> str:
        """The search bundle written and this build recorded, after every page was written; what to log of both."""
        report = self.write_search(site_dir)
        self.record_build(site_dir)
        return f"Zoekindex: {report.summary}. Opnieuw gemaakt: {self.cache.summary()}"

    def record_build(self, site_dir: Path) -> None:
        """The build is done: store what it made, and keep what it wrote (after a whole build, its search documents too),
        for the next rebuild into the same folder."""
        self.cache.commit()
        if self.cache.memory is not None:
            self.cache.memory.build_finished()
        if self._record is None or self.cache.folder is None:
            return
        folder = preview.preview_folder(self.cache.folder, site_dir)
        if self._rebuild is None and not self._search.write_documents(preview.clear_documents(folder)):
            return  # the bundle could not be kept: the next build is whole again
        preview.write_record(folder, self._record)


def _untitled_menu_pages(nav: list[Any]) -> list[str]:
    """The source paths of the pages the menu lists without a title: to show one, MkDocs must read the page."""
    found: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) and item else item
        if isinstance(value, list):
            found += _untitled_menu_pages(value)
        elif isinstance(item, str) and item.endswith(".md"):
            found.append(item)
    return found


def _is_finished_page(stored: object) -> bool:
    """Whether a stored value has the shape of a finished page."""
    if not isinstance(stored, dict) or not isinstance(stored.get("content"), str):
        return False
    headings = [stored.get("before"), stored.get("after")]
    return all(isinstance(h, list) and all(isinstance(x, list) and len(x) == 2 and all(isinstance(s, str) for s in x) for x in h) for h in headings)
