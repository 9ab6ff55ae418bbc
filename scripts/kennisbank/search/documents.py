"""What Pagefind reads of each page: its text, kind, filters and extra Dutch word forms.

The build hands every finished page's content (what the template puts
inside `data-pagefind-body`: the article, never navigation or footer) to
`bundle`, which writes a small document of just that part for Pagefind,
with, invisible to readers:

* its kind and, for cases, the facets, as Pagefind metadata and filters;
* the compound parts and other word forms from `word_forms.extra_terms`.

The compound splitter needs the site's vocabulary, so it counts the words of
the sources (`source_texts`) rather than of the rendered pages. Every step
is one pass, so the cost grows linearly with the number of pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

from ..content.model import ROUTES_DIR
from ..content.source import tree_files
from ..index import FACETS, Index
from .word_forms import CompoundSplitter, Vocabulary, extra_terms

LANGUAGE = "nl"
# Pagefind's own list of elements whose text it never indexes.
SKIPPED_ELEMENTS = frozenset({"head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template"})
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Permalink signs (¶) after headings are not text.
EXCLUDED_SELECTORS = [".headerlink"]
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
    if parts[:2] == ROUTES_DIR.split("/") and len(parts) == 3 and parts[2] in index.routes:
        return "leerroute"
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


def searched_content(title: str, content: str) -> str:
    """What the template shows inside data-pagefind-body: Material adds the title when the content has no h1."""
    return content if "<h1" in content else f"<h1>{escape(title)}</h1>{content}"


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
    for path in tree_files(docs_dir, "*.md"):  # modules, lessons and the fixed pages
        yield path.read_text(encoding="utf-8")


def compound_splitter(index: Index, docs_dir: Path) -> CompoundSplitter:
    return CompoundSplitter(Vocabulary.from_texts(source_texts(index, docs_dir)))


def search_document(page: SearchPage, index: Index, splitter: CompoundSplitter) -> tuple[str, list[str]]:
    """The document Pagefind indexes for a page, and the word forms added to it."""
    terms = extra_terms(page.text, splitter)
    return page.document(page_filters(page.url, page.kind, index), terms), terms
