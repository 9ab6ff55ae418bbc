"""Glossary tooltips: mark the first use of each glossary term on a page with <abbr title>.

Python-Markdown's abbr extension tries every term at every text position and
cost about 0.4 s per page with our glossary; this pass looks terms up by
their first word instead, so a page costs time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..content.model import GlossaryTerm
from .parts import CASE_LIST

_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
# Text inside these elements is never annotated: links, code, headings, form controls, existing abbr.
_SKIP = frozenset(
    {
        "a",
        "abbr",
        "code",
        "pre",
        "kbd",
        "script",
        "style",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "button",
        "label",
        "select",
        "option",
        "textarea",
        "dt",
        "title",
        "svg",
    }
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "param", "track"})


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]  # lowercased words of the term
    ends_with_stop: bool
    key: str  # identifies the glossary term, to mark it once per page
    explanation: str


def _variants(term: str) -> list[str]:
    """The term plus simple Dutch plurals for single lowercase words."""
    forms = [term]
    if term[-1:].isalpha() and term[-1:].islower():
        forms += [term + "s", term + "en"]
    return forms


class GlossaryMarker:
    """Built once per build from the glossary; `mark` runs once per page."""

    def __init__(self, terms: tuple[GlossaryTerm, ...]) -> None:
        self._by_first: dict[str, list[_Entry]] = {}
        for term in terms:
            for form in _variants(term.term):
                words = tuple(w.lower() for w in _WORD.findall(form))
                if not words:
                    continue
                entry = _Entry(words, form.endswith("."), term.term, term.explanation)
                self._by_first.setdefault(words[0], []).append(entry)
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e.words))  # longest match first

    def _mark_text(self, text: str, done: set[str]) -> str:
        words = list(_WORD.finditer(text))
        out: list[str] = []
        cursor = 0
        i = 0
        while i < len(words):
            match = words[i]
            for entry in self._by_first.get(match.group().lower(), ()):
                n = len(entry.words)
                if entry.key in done or i + n > len(words):
                    continue
                span = words[i : i + n]
                if tuple(w.group().lower() for w in span) != entry.words:
                    continue
                end = span[-1].end()
                separators = _WORD.split(text[match.start() : end])[1:-1]
                if any(sep.strip(" .\n\t") for sep in separators):
                    continue
                if entry.ends_with_stop:
                    if text[end : end + 1] != ".":
                        continue
                    end += 1
                out.append(text[cursor : match.start()])
                out.append(f'<abbr title="{escape(entry.explanation)}">{text[match.start() : end]}</abbr>')
                cursor = end
                done.add(entry.key)
                i += n - 1
                break
            i += 1
        out.append(text[cursor:])
        return "".join(out)

    def mark(self, html: str) -> str:
        """Annotate the first use of each term in text outside skipped elements and lists of cases."""
        done: set[str] = set()
        # Lists of cases hold titles, places and themes, no prose to explain; the overview
        # pages are little else, and skipping them saves most of the marking time there.
        pieces = CASE_LIST.split(html)
        return "".join(piece if number % 2 else self._mark_html(piece, done) for number, piece in enumerate(pieces))

    def _mark_html(self, html: str, done: set[str]) -> str:
        parts = _TAG.split(html)
        depth = 0  # how many skipped elements we are inside
        stack: list[str] = []
        for index, part in enumerate(parts):
            if index % 2:  # a tag
                name_match = _TAG_NAME.match(part)
                if not name_match:
                    continue
                name = name_match.group(1).lower()
                if part.startswith("</"):
                    if name in _SKIP and depth and name in stack:
                        while stack:
                            if stack.pop() == name:
                                break
                        depth = len(stack)
                elif name in _SKIP and name not in _VOID and not part.endswith("/>"):
                    stack.append(name)
                    depth = len(stack)
            elif part and not depth:
                parts[index] = self._mark_text(part, done)
        return "".join(parts)
