"""Glossary tooltips: mark the first use of each glossary term on a page with <abbr title>.

Python-Markdown's abbr extension tries every term at every text position and
cost about 0.4 s per page with our glossary; this pass lets one regular
expression find the words that can start a term, and tries only the terms
that start there, so a page costs time linear in its length.
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
    key: str  # identifies the glossary term, to mark it once per page
    explanation: str
    pattern: re.Pattern[str]  # the term's words, apart only by spaces, full stops, tabs or line ends, and its own full stop


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
                pattern = r"[ .\n\t]+".join(map(re.escape, words)) + (r"\." if form.endswith(".") else r"(?!\w)")
                self._by_first.setdefault(words[0], []).append(_Entry(words, term.term, term.explanation, re.compile(pattern, re.IGNORECASE)))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e.words))  # longest match first
        firsts = "|".join(re.escape(word) for word in sorted(self._by_first, key=len, reverse=True))
        self._first_words = re.compile(rf"(?<!\w)(?:{firsts})(?!\w)", re.IGNORECASE) if firsts else None

    def _mark_text(self, text: str, done: set[str]) -> str:
        if self._first_words is None:
            return text
        out: list[str] = []
        cursor = 0
        for candidate in self._first_words.finditer(text):
            start = candidate.start()
            if start < cursor:  # inside the term just marked
                continue
            for entry in self._by_first.get(candidate.group().lower(), ()):
                found = None if entry.key in done else entry.pattern.match(text, start)
                # Letters that only match when case is ignored (not when lowercased) are no match.
                if found is None or tuple(w.lower() for w in _WORD.findall(found.group())) != entry.words:
                    continue
                out.append(text[cursor:start])
                out.append(f'<abbr title="{escape(entry.explanation)}">{found.group()}</abbr>')
                cursor = found.end()
                done.add(entry.key)
                break
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
