"""The search bundle of one build: a document per finished page, then Pagefind's own command over them.

The build hands over every finished page (`add`). Once all pages are
finished (`start`), each gets a small document of what Pagefind should read
of it (see `documents`) in a folder mirroring the site, and the Pagefind
program indexes that folder the way its own command indexes a built site,
in its own process, while MkDocs writes the pages. `write` waits for it and
puts the bundle in `<site>/pagefind/`. Pagefind's Python package is not
used: it waits a tenth of a second before reading each answer of its
service, which comes to minutes for a site of thousands of pages.

The bundle is kept in the cache by a hash of every page it indexes and the
site's vocabulary: when nothing changed, no document is written and
Pagefind does not run. Beside Pagefind's files it holds the words of the
searched pages, for the search's "Bedoel je …?" (see `suggestions`), and
the documents, which a served site updates page by page (see `update`).
The documents are files only while Pagefind reads them: it indexes a folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.service import get_executable

from ..cache import Cache, fingerprint
from ..content.problems import StopsTheBuild
from ..index import Index
from ..preview import DOCUMENT_KEYS, DOCUMENTS, PAGEFIND_PID, remove_outputs, stop_previous_pagefind
from .documents import EXCLUDED_SELECTORS, LANGUAGE, page_filters, page_kind, read_content, searched_content, source_texts
from .suggestions import SUGGESTIONS_FILE, SuggestionWords
from .word_forms import CompoundSplitter, Vocabulary, extra_terms

BUNDLE_DIR = "pagefind"
TREE = "zoekbundel"  # the cache's kind for the bundle with its documents
MADE = "bundel/"  # in the stored folder: the bundle; beside it DOCUMENTS
SERVED_VOCABULARY = "make serve"  # the one vocabulary a server keeps in memory
PAGEFIND_TIMEOUT = 900  # seconds; 10,000 pages take well under a minute
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


class SearchError(StopsTheBuild):
    """The search bundle could not be made; the message says why, in Dutch."""

    headline = "De zoekindex kon niet worden gemaakt: "


@dataclass
class SearchReport:
    pages: int = 0
    extra_terms: int = 0  # word forms added over all pages
    kinds: dict[str, int] = field(default_factory=dict)
    from_cache: bool = False  # the bundle was taken from the cache
    in_background: bool = False  # a rebuild in place: `pages` were updated, and Pagefind makes the bundle after the build
    seconds: float = 0.0  # time spent on word forms, documents and the bundle

    @property
    def summary(self) -> str:
        """What happened to the search index, in Dutch, for the build's log."""
        if self.in_background:
            return f"{self.pages} pagina's bijgewerkt; Pagefind maakt de zoekbundel op de achtergrond"
        return f"{self.pages} pagina's, " + ("uit de cache" if self.from_cache else "door Pagefind gemaakt")


def pagefind_command(documents: Path, bundle: Path) -> list[str]:
    """Pagefind's command over a folder of documents, writing the bundle to `bundle`."""
    binary = get_executable()
    if binary is None:
        raise SearchError("het programma pagefind is niet gevonden; voer 'make install' uit")
    command = [str(binary), "--site", str(documents), "--output-path", str(bundle), "--force-language", LANGUAGE, "--silent"]
    for selector in EXCLUDED_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def check_bundle(bundle: Path, pages: int) -> None:
    """A bundle whose entry file is missing, broken or counts other pages would break the search for every reader."""
    entry = bundle / "pagefind-entry.json"
    try:
        counted = json.loads(entry.read_text(encoding="utf-8"))["languages"][LANGUAGE]["page_count"]
    except (OSError, ValueError, KeyError, TypeError) as problem:
        raise SearchError(f"de zoekbundel is onvolledig: {entry.name} is niet leesbaar ({problem})") from None
    if counted != pages:
        raise SearchError(f"de zoekbundel telt {counted} pagina's, er zijn er {pages} geïndexeerd")


@dataclass(frozen=True)
class _Page:
    url: str
    kind: str
    title: str
    content: str  # the same string as the finished page's: kept, not copied


class SearchBundle:
    """One build's search: `add` every finished page, `start` once all are in, then `write` the bundle."""

    def __init__(self, index: Index, docs_dir: Path, cache: Cache) -> None:
        self._index = index
        self._docs_dir = docs_dir
        self._cache = cache
        self._pages: list[_Page] = []
        self._work: tempfile.TemporaryDirectory[str] | None = None  # documents and new bundle; removed with this object, also after a failure
        self._stored: Mapping[str, str] | None = None  # the manifest of the bundle and documents in the cache
        self._pagefind: subprocess.Popen[bytes] | None = None
        self._key = ""
        self._texts: list[str] = []  # the sources' texts, for the site's vocabulary
        self._vocabulary = ""  # a hash of them
        self._suggestions = ""  # the words for "Bedoel je …?", once the documents are written
        self.report = SearchReport()

    def add(self, url: str, title: str, content: str) -> None:
        """A finished page at its site-relative URL; pages left out of the search are passed over."""
        kind = page_kind(url, self._index)
        if kind is not None:
            self._pages.append(_Page(url, kind, title, content))
            self.report.kinds[kind] = self.report.kinds.get(kind, 0) + 1

    def start(self) -> None:
        """Every page is in: find the bundle in the cache, or write the documents and start Pagefind on them."""
        if self._key:
            return
        started = time.perf_counter()
        self.report.pages = len(self._pages)
        self._texts = list(source_texts(self._index, self._docs_dir))
        self._vocabulary = fingerprint(*self._texts)
        self._pages.sort(key=lambda page: page.url)
        self._key = self._cache.key(TREE, self._vocabulary, *(self._page_key(page) for page in self._pages))
        self._stored = self._cache.stored_tree(TREE, self._key)
        self.report.from_cache = self._stored is not None
        if self._cache.memory is not None:  # a server: its rebuilds give pages the word forms of the site as it started
            self._cache.keep("woordenschat", SERVED_VOCABULARY, lambda: self._splitter(self._texts, self._vocabulary))
        if self._stored is None:
            self._start_pagefind()
        self.report.seconds += time.perf_counter() - started

    def _start_pagefind(self) -> None:
        """Write every page's document into a scratch folder and start Pagefind on it."""
        self._work = self._cache.work_folder(TREE)
        tree = Path(self._work.name, "boom")
        documents = tree / DOCUMENTS
        splitter = self._splitter(self._texts, self._vocabulary)
        suggestions = SuggestionWords()
        for page in self._pages:
            terms, text = _write_document(documents, page, self._index, splitter)
            self.report.extra_terms += terms
            suggestions.add(text)
        self._suggestions = suggestions.document()
        # Its output goes to a file, never a pipe: nothing has to read it while Pagefind works.
        with Path(self._work.name, "pagefind.log").open("wb") as log:
            try:
                self._pagefind = subprocess.Popen(pagefind_command(documents, tree / MADE), stdout=log, stderr=subprocess.STDOUT)
            except OSError as error:
                raise SearchError(f"Pagefind kon niet starten: {error}") from None

    def _splitter(self, texts: list[str], vocabulary: str) -> CompoundSplitter:
        """The compound splitter over the site's words; the word counts are kept in the cache by a hash of the texts."""

        def count() -> dict[str, int]:
            return dict(Vocabulary.from_texts(texts).counts)

        def fits(stored: object) -> bool:
            return isinstance(stored, dict) and all(isinstance(n, int) for n in stored.values())

        return CompoundSplitter(Vocabulary(self._cache.remember("woorden", self._cache.key("woorden", vocabulary), count, check=fits)))

    def _splitter_of_now(self) -> CompoundSplitter:
        texts = list(source_texts(self._index, self._docs_dir))
        return self._splitter(texts, fingerprint(*texts))

    def _page_key(self, page: _Page) -> str:
        """A hash of everything that makes a page's document, but the site's vocabulary."""
        return fingerprint(page.url, page.kind, page.title, json.dumps(page_filters(page.url, page.kind, self._index), ensure_ascii=False), page.content)

    def write(self, site_dir: Path) -> SearchReport:
        """Put the bundle in `<site_dir>/pagefind/`: from the cache, or once Pagefind is done (and then into the cache)."""
        self.start()
        started = time.perf_counter()
        bundle = site_dir / BUNDLE_DIR
        shutil.rmtree(bundle, ignore_errors=True)
        try:
            if self._stored is None or not self._cache.write_tree(self._key, self._stored, bundle, under=MADE):
                if self._pagefind is None:  # the stored bundle turned out damaged: it is made after all
                    shutil.rmtree(bundle, ignore_errors=True)
                    self._stored, self.report.from_cache = None, False
                    self._start_pagefind()
                self._finish_pagefind(bundle)
            check_bundle(bundle, self.report.pages)
        finally:
            if self._work is not None:
                self._work.cleanup()
        self.report.seconds += time.perf_counter() - started
        return self.report

    def write_documents(self, target: Path) -> bool:
        """Write the search documents kept with the bundle into `target`, for a served site's rebuilds; False if the cache has none."""
        return self._stored is not None and self._cache.write_tree(self._key, self._stored, target, under=f"{DOCUMENTS}/")

    def _finish_pagefind(self, bundle: Path) -> None:
        """Wait for Pagefind; its bundle, checked, goes into the cache with the documents, and then to `bundle`."""
        assert self._pagefind is not None and self._work is not None
        try:
            code = self._pagefind.wait(timeout=PAGEFIND_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._pagefind.kill()
            self._pagefind.wait()
            raise SearchError(f"Pagefind was na {PAGEFIND_TIMEOUT} s niet klaar") from None
        tree = Path(self._work.name, "boom")
        made = tree / MADE
        if code != 0:
            output = Path(self._work.name, "pagefind.log").read_text(encoding="utf-8", errors="replace").strip()[-2000:] or "geen foutmelding"
            raise SearchError(f"Pagefind stopte met code {code}: {output}")
        for name in UNUSED_BUNDLE_FILES:
            (made / name).unlink(missing_ok=True)
        check_bundle(made, self.report.pages)  # never keep a broken bundle
        (made / SUGGESTIONS_FILE).write_text(self._suggestions, encoding="utf-8")
        # The documents are kept with the bundle: a rebuild of a served site updates them page by page (see `update`).
        self._stored = self._cache.store_tree(TREE, self._key, tree)
        shutil.move(made, bundle)

    def update(self, site_dir: Path, preview_folder: Path, gone: set[str]) -> SearchReport:
        """A rebuild of a served site in place: rewrite the documents of the pages it made, drop those of pages gone,
        and let Pagefind remake `<site_dir>/pagefind/` in the background; search trails the pages by a few seconds.

        Pagefind writes its hashed files first and its entry file last, and
        deletes nothing, so a search while it works still finds the bundle
        before. The documents get their word forms from the site's vocabulary
        as it was when the server started, kept in memory: counting every word
        again would cost more than the rest of a rebuild. `make build` makes
        every document from one vocabulary again.
        """
        started = time.perf_counter()
        stop_previous_pagefind(preview_folder)
        documents = preview_folder / DOCUMENTS
        keys_file = preview_folder / DOCUMENT_KEYS
        try:
            keys = dict(json.loads(keys_file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            keys = {}
        changed = [page for page in self._pages if keys.get(page.url) != self._page_key(page)]
        splitter = self._cache.keep("woordenschat", SERVED_VOCABULARY, self._splitter_of_now)  # asked for always, so memory keeps it
        for page in changed:
            self.report.extra_terms += _write_document(documents, page, self._index, splitter)[0]
            keys[page.url] = self._page_key(page)
        for url in (path.removesuffix("index.html") for path in gone):
            keys.pop(url, None)
        keys_file.write_text(json.dumps(keys, ensure_ascii=False), encoding="utf-8")
        remove_outputs(documents, gone)
        self.report.pages, self.report.in_background = len(changed), True
        command = pagefind_command(documents, site_dir / BUNDLE_DIR)
        lowest_priority = ["nice", "-n", "19"] if shutil.which("nice") else []  # the next rebuild goes first
        with (preview_folder / "pagefind.log").open("wb") as log:
            try:
                pagefind = subprocess.Popen([*lowest_priority, *command], stdout=log, stderr=subprocess.STDOUT)
            except OSError as error:
                raise SearchError(f"Pagefind kon niet starten: {error}") from None
        (preview_folder / PAGEFIND_PID).write_text(str(pagefind.pid), encoding="ascii")
        self.report.seconds += time.perf_counter() - started
        return self.report


def _write_document(folder: Path, page: _Page, index: Index, splitter: CompoundSplitter) -> tuple[int, str]:
    """Write what Pagefind reads of one page to `<folder>/<url>/index.html`; how many word forms it got, and its text."""
    found = read_content(searched_content(page.title, page.content), page.url, page.kind)
    terms = extra_terms(found.text, splitter)
    target = folder / page.url / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(found.document(page_filters(page.url, page.kind, index), terms), encoding="utf-8")
    return len(terms), found.text
