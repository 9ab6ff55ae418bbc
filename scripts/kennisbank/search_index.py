"""The site search index: Pagefind fed page by page while MkDocs builds the site.

`IndexBuilder` takes the content of each page as soon as MkDocs has
rendered it (what the template puts inside `data-pagefind-body`: the article,
never navigation or footer) and sends Pagefind a small document of just that
part, with, invisible to readers:

* its kind and, for cases, the facets, as Pagefind metadata and filters;
* the compound parts and other word forms from `compounds.extra_terms`.

This work runs in a worker process (`page_worker`) and Pagefind runs as a
service (`pagefind_service`), both beside the build. Content is ready before
MkDocs fills in the templates, so the bundle is written to `<site>/pagefind/`
while the pages are written. The compound splitter needs the site's
vocabulary before the first page, so it counts the words of the sources
(`source_texts`) rather than of the rendered pages. Every step is
one pass, so the cost grows linearly with the number of pages.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

from .compounds import CompoundSplitter, Vocabulary, extra_terms
from .index import Index
from .pagefind_service import PagefindService
from .render import FACETS

BUNDLE_DIR = "pagefind"
LANGUAGE = "nl"
# Pagefind's own list of elements whose text it never indexes.
SKIPPED_ELEMENTS = frozenset({"head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"})
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
KINDS = {"casus": "Casus", "les": "Les", "module": "Module", "begrip": "Begrip", "pagina": "Pagina"}
# Permalink signs (¶) after headings are not text.
EXCLUDED_SELECTORS = [".headerlink"]
# Pagefind's ready-made interfaces, its web worker (docs/assets/zoeken.js searches without one)
# and the index for pages without a language: the site uses none of them.
UNUSED_BUNDLE_FILES = (
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)
# Weight of the added word forms: a match there counts a quarter of a match in the text.
EXTRA_TERMS_WEIGHT = "0.5"


def page_kind(url: str, index: Index) -> str | None:
    """The kind of page behind a site-relative URL, or None for pages left out of the search.

    Left out are the case lists that grow with every case (all cases, and
    the cases per theme, region, legal form, stage and year): each case is
    found on its own page, and lists would only crowd the results.
    """
    parts = [part for part in url.split("/") if part]
    if parts[:1] == ["casussen"]:
        if len(parts) == 2 and parts[1] in index.cases:
            return "casus"
        if len(parts) == 1 or (len(parts) == 3 and parts[1] in FACETS):
            return None
    if parts[:1] == ["leren"] and len(parts) == 2 and parts[1] in index.modules:
        return "module"
    if parts[:1] == ["leren"] and len(parts) == 3 and f"{parts[1]}/{parts[2]}" in index.lessons:
        return "les"
    if parts == ["begrippen"]:
        return "begrip"
    return "pagina"


def page_filters(url: str, kind: str, index: Index) -> dict[str, list[str]]:
    """Search filters of a page: its kind, and for a case its theme, region, legal form and stage labels."""
    filters = {"soort": [kind]}
    if kind == "casus":
        case = index.cases[url.strip("/").split("/")[1]]
        tax = index.taxonomy
        filters["thema"] = [tax.themes[key].label for key in case.themes]
        filters["gebied"] = [tax.regions[case.region].label]
        filters["rechtsvorm"] = [tax.legal_forms[case.legal_form].label]
        filters["fase"] = [tax.stages[case.stage].label]
    return filters


class BodyReader(HTMLParser):
    """Finds the element marked data-pagefind-body: its text as Pagefind reads it, and where it ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.end: tuple[int, int] | None = None  # (line, column) of the body's closing tag
        self._stack: list[tuple[str, bool]] = []  # open elements inside the body: (tag, skipped)
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in_body:
            self.text.append(" ")
        if tag in VOID_ELEMENTS:
            return
        names = {name for name, _ in attrs}
        if not self._in_body:
            if "data-pagefind-body" in names and self.end is None:
                self._in_body = True
                self._stack = [(tag, False)]
            return
        classes = " ".join(value or "" for name, value in attrs if name == "class").split()
        excluded = tag in SKIPPED_ELEMENTS or "data-pagefind-ignore" in names or any(f".{name}" in EXCLUDED_SELECTORS for name in classes)
        self._stack.append((tag, self._stack[-1][1] or excluded))

    def handle_endtag(self, tag: str) -> None:
        if not self._in_body or not any(open_tag == tag for open_tag, _ in self._stack):
            return
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        self.text.append(" ")
        if not self._stack:
            self._in_body = False
            self.end = self.getpos()

    def handle_data(self, data: str) -> None:
        if self._in_body and not self._stack[-1][1]:
            self.text.append(data)


@dataclass
class SearchPage:
    """One page to index: where it is, what it is, and its searchable text."""

    url: str
    kind: str
    html: str
    text: str
    body_start: int  # offset in `html` of the body's start tag
    body_end: int  # offset in `html` of the body's closing tag

    def document(self, filters: dict[str, list[str]], terms: list[str]) -> str:
        """What Pagefind reads: the body alone, with kind, filters and extra word forms added inside it.

        Pagefind indexes only the body anyway; leaving out the rest of the
        page (menus, scripts) makes its work and the messages to it smaller.
        """
        data = [f'<span data-pagefind-ignore data-pagefind-meta="soort">{escape(self.kind)}</span>']
        for name, values in filters.items():
            data += [f'<span data-pagefind-ignore data-pagefind-filter="{escape(name)}">{escape(value)}</span>' for value in values]
        if terms:
            data.append(f'<div class="kb-zoektermen" aria-hidden="true" data-pagefind-weight="{EXTRA_TERMS_WEIGHT}">{escape(" ".join(terms))}</div>')
        close = self.html.index(">", self.body_end) + 1
        body = self.html[self.body_start : self.body_end] + "".join(data) + self.html[self.body_end : close]
        return f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head><body>{body}</body></html>'


_SKIPPED_BLOCK = re.compile(r"<(" + "|".join(sorted(SKIPPED_ELEMENTS)) + r")\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a\s*>', re.S)
_IGNORED = re.compile(r"<([a-zA-Z0-9]+)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1\s*>", re.S)
_ANY_TAG = re.compile(r"<[^>]*>")


def _fast_text(inner: str) -> str | None:
    """The text Pagefind reads in a body's inner HTML, or None where only a parser can tell (comments, CDATA).

    Regular expressions over generated, well-formed HTML are many times faster
    than `BodyReader`, which stays the reference (the tests read the written
    site with it).
    """
    if "<![CDATA[" in inner or "<!--" in inner:
        return None
    for pattern in (_SKIPPED_BLOCK, _HEADERLINK, _IGNORED):
        inner = pattern.sub(" ", inner)
    return " ".join(unescape(_ANY_TAG.sub(" ", inner)).split())


def read_content(content: str, url: str, kind: str) -> SearchPage:
    """A page's searchable body from its rendered content, inside data-pagefind-body as the template puts it."""
    html = f"<div data-pagefind-body>{content}</div>"
    text = _fast_text(content)
    if text is None:
        reader = BodyReader()
        reader.feed(html)
        reader.close()
        text = " ".join("".join(reader.text).split())
    return SearchPage(url, kind, html, text, 0, len(html) - len("</div>"))


def source_texts(index: Index, docs_dir: Path) -> Iterator[str]:
    """The words of the site before it is rendered: cases, glossary, facet labels and the Markdown pages."""
    tax = index.taxonomy
    for vocabulary in (tax.themes, tax.regions, tax.legal_forms, tax.stages, tax.partner_kinds):
        for term in vocabulary.values():
            yield term.label
            yield term.description
    for case in index.cases.values():
        yield from (case.title, case.summary, case.place, case.need, case.safeguarding_internal, case.safeguarding_external, case.body)
        yield from (*case.value.values(), *case.beneficiaries, *case.results, *case.lessons_learned)
        yield from (partner.name for partner in case.partners)
        yield from (source.title for source in case.sources)
    for entry in index.content.glossary:
        yield entry.term
        yield entry.explanation
    for path in sorted(docs_dir.rglob("*.md")):  # modules, lessons and the fixed pages
        yield path.read_text(encoding="utf-8")


def compound_splitter(index: Index, docs_dir: Path) -> CompoundSplitter:
    return CompoundSplitter(Vocabulary.from_texts(source_texts(index, docs_dir)))


def search_document(page: SearchPage, index: Index, splitter: CompoundSplitter) -> tuple[str, list[str]]:
    """The document Pagefind indexes for a page, and the word forms added to it."""
    terms = extra_terms(page.text, splitter)
    return page.document(page_filters(page.url, page.kind, index), terms), terms


@dataclass
class SearchIndexReport:
    pages: int = 0
    extra_terms: int = 0  # word forms added over all pages
    seconds: float = 0.0  # time spent preparing pages and writing the bundle (beside the build)
    kinds: dict[str, int] = field(default_factory=dict)


def check_bundle(bundle: Path, pages: int) -> None:
    """A bundle whose entry file is missing, broken or counts other pages would break the search for every reader."""
    entry = bundle / "pagefind-entry.json"
    try:
        counted = json.loads(entry.read_text(encoding="utf-8"))["languages"][LANGUAGE]["page_count"]
    except (OSError, ValueError, KeyError, TypeError) as problem:
        raise RuntimeError(f"de zoekbundel is onvolledig: {entry.name} is niet leesbaar ({problem})") from None
    if counted != pages:
        raise RuntimeError(f"de zoekbundel telt {counted} pagina's, er zijn er {pages} geïndexeerd")


class IndexBuilder:
    """The search index of one build: `add` every rendered page, then `finish` once.

    `page_worker` runs it in a process of its own, beside the build.
    """

    def __init__(self, index: Index, docs_dir: Path) -> None:
        started = time.perf_counter()
        self._index = index
        self._splitter = compound_splitter(index, docs_dir)
        self._pagefind = PagefindService({"force_language": LANGUAGE, "exclude_selectors": EXCLUDED_SELECTORS})
        self.report = SearchIndexReport(seconds=time.perf_counter() - started)

    def add(self, url: str, content: str) -> None:
        """Index one page's rendered content at its site-relative URL, if the page belongs in the search."""
        started = time.perf_counter()
        kind = page_kind(url, self._index)
        if kind is not None:
            page = read_content(content, url, kind)
            document, terms = search_document(page, self._index, self._splitter)
            self._pagefind.add_html("/" + url, document)
            self.report.pages += 1
            self.report.extra_terms += len(terms)
            self.report.kinds[page.kind] = self.report.kinds.get(page.kind, 0) + 1
        self.report.seconds += time.perf_counter() - started

    def finish(self, site_dir: Path) -> SearchIndexReport:
        """Write the bundle to `<site_dir>/pagefind/`, replacing any earlier one."""
        started = time.perf_counter()
        bundle = site_dir / BUNDLE_DIR
        shutil.rmtree(bundle, ignore_errors=True)
        try:
            indexed = self._pagefind.write(bundle, leave_out=UNUSED_BUNDLE_FILES)
        finally:
            self._pagefind.close()
        if indexed != self.report.pages:
            raise RuntimeError(f"Pagefind indexeerde {indexed} van de {self.report.pages} pagina's")
        check_bundle(bundle, self.report.pages)
        self.report.seconds += time.perf_counter() - started
        return self.report

    def abort(self) -> None:
        """Stop Pagefind after a failed build."""
        self._pagefind.close()
