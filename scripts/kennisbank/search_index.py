"""The site search index: Pagefind over the built site, with Dutch word forms added.

After MkDocs has written the site, `build_search_index` reads every page
once, keeps the part marked `data-pagefind-body` (the article, never
navigation or footer), and writes a copy of each page to index into a
temporary folder. Each copy gets, inside its body and invisible to readers:

* its kind and, for cases, the facets, as Pagefind metadata and filters;
* the compound parts and other word forms from `compounds.extra_terms`.

Pagefind indexes the copies in one run (so the pages readers get stay
untouched) and writes its bundle to `<site>/pagefind/`. Every step is one
pass over the pages, so the cost grows linearly with the number of pages.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

from .compounds import CompoundSplitter, Vocabulary, extra_terms
from .index import Index
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


class _BodyReader(HTMLParser):
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
    body_end: int  # offset in `html` of the body's closing tag

    def with_search_data(self, filters: dict[str, list[str]], terms: list[str]) -> str:
        """The page as Pagefind should read it: kind, filters and extra word forms added inside the body."""
        data = [f'<span data-pagefind-ignore data-pagefind-meta="soort">{escape(self.kind)}</span>']
        for name, values in filters.items():
            data += [f'<span data-pagefind-ignore data-pagefind-filter="{escape(name)}">{escape(value)}</span>' for value in values]
        if terms:
            data.append(f'<div class="kb-zoektermen" aria-hidden="true" data-pagefind-weight="{EXTRA_TERMS_WEIGHT}">{escape(" ".join(terms))}</div>')
        return self.html[: self.body_end] + "".join(data) + self.html[self.body_end :]


_SKIPPED_BLOCK = re.compile(r"<(" + "|".join(sorted(SKIPPED_ELEMENTS)) + r")\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a\s*>', re.S)
_IGNORED = re.compile(r"<([a-zA-Z0-9]+)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1\s*>", re.S)
_ANY_TAG = re.compile(r"<[^>]*>")


def _fast_body(html: str, marker: int) -> tuple[str, int] | None:
    """Text and end of the body for the layout our theme writes: a div closed right before </article>.

    Regular expressions over that one slice are many times faster than an HTML
    parser; any other layout falls back to the parser.
    """
    open_end = html.find(">", marker)
    stop = html.find("</article>", marker)
    if open_end == -1 or stop == -1 or not html[:marker].rstrip().endswith(("<div", '"')):
        return None
    end = html.rfind("</div>", open_end, stop)
    if end == -1 or html[end + len("</div>") : stop].strip():
        return None
    inner = html[open_end + 1 : end]
    if "<![CDATA[" in inner or "<!--" in inner:
        return None
    for pattern in (_SKIPPED_BLOCK, _HEADERLINK, _IGNORED):
        inner = pattern.sub(" ", inner)
    return " ".join(unescape(_ANY_TAG.sub(" ", inner)).split()), end


def read_page(path: Path, url: str, kind: str) -> SearchPage | None:
    """The page's searchable body, or None if it has no data-pagefind-body element."""
    html = path.read_text(encoding="utf-8")
    marker = html.find("data-pagefind-body")
    if marker == -1:
        return None
    fast = _fast_body(html, marker)
    if fast is not None:
        return SearchPage(url, kind, html, fast[0], fast[1])
    # Parse from the body's start tag to the end of the article: navigation before it and
    # the footer after it hold nothing to index, and skipping them halves the work.
    start = html.rfind("<", 0, marker)
    stop = html.find("</article>", marker)
    chunk = html[start : stop if stop != -1 else len(html)]
    reader = _BodyReader()
    reader.feed(chunk)
    reader.close()
    if reader.end is None:
        return None
    line, column = reader.end
    offset = start
    for _ in range(line - 1):
        offset = html.index("\n", offset) + 1
    return SearchPage(url, kind, html, " ".join("".join(reader.text).split()), offset + column)


def site_pages(site_dir: Path, index: Index) -> Iterator[SearchPage]:
    """Every page of the built site that belongs in the search, in a stable order."""
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.parent.relative_to(site_dir).as_posix()
        url = "" if rel == "." else rel + "/"
        if url.startswith(f"{BUNDLE_DIR}/"):
            continue
        kind = page_kind(url, index)
        if kind is not None:
            page = read_page(path, url, kind)
            if page is not None:
                yield page


@dataclass
class SearchIndexReport:
    pages: int
    words: int  # distinct words in the vocabulary
    extra_terms: int  # word forms added over all pages
    seconds: float
    kinds: dict[str, int] = field(default_factory=dict)


def prepare(site_dir: Path, target: Path, index: Index) -> SearchIndexReport:
    """Write the copies to index into `target`: one pass to read, one to add word forms."""
    started = time.perf_counter()
    pages = list(site_pages(site_dir, index))
    vocabulary = Vocabulary.from_texts(page.text for page in pages)
    splitter = CompoundSplitter(vocabulary)
    added = 0
    kinds: dict[str, int] = {}
    for page in pages:
        terms = extra_terms(page.text, splitter)
        added += len(terms)
        kinds[page.kind] = kinds.get(page.kind, 0) + 1
        out = target / page.url / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page.with_search_data(page_filters(page.url, page.kind, index), terms), encoding="utf-8")
    return SearchIndexReport(len(pages), len(vocabulary.counts), added, time.perf_counter() - started, kinds)


async def _run_pagefind(source: Path, bundle: Path) -> int:
    # Imported here: the pagefind package is only needed when a search index is built.
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(bundle), force_language=LANGUAGE, exclude_selectors=EXCLUDED_SELECTORS)
    async with PagefindIndex(config) as pagefind:
        result = await pagefind.add_directory(str(source))
        return int(result["page_count"])


def build_search_index(site_dir: Path, index: Index) -> SearchIndexReport:
    """Index the built site in `site_dir`; the bundle replaces `<site_dir>/pagefind/`."""
    started = time.perf_counter()
    bundle = site_dir / BUNDLE_DIR
    with tempfile.TemporaryDirectory(prefix="kennisbank-zoeken-") as tmp:
        report = prepare(site_dir, Path(tmp), index)
        shutil.rmtree(bundle, ignore_errors=True)
        indexed = asyncio.run(_run_pagefind(Path(tmp), bundle))
    if indexed != report.pages:
        raise RuntimeError(f"Pagefind indexeerde {indexed} van de {report.pages} pagina's")
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    return report
