"""Plain Dutch: a warning, never an error, for reader pages and contributed stories that read hard.

The score is Flesch-Douma (Flesch's reading ease with Douma's weights for
Dutch: 206.835 − 0.93 × words per sentence − 77 × syllables per word),
computed by textstat in its Dutch mode, which counts syllables with Pyphen's
Dutch hyphenation. 60 and up reads easily for most adults (about language
level B1); the site's pages score about 70.

What is measured is the running text a reader reads: the paragraphs of the
page (the `<p>` elements of its Markdown rendered with the site's block
extensions, also inside admonitions and list items), each ending a
sentence. Front matter, headings (admonition titles too), tables, lists
without paragraphs, code and the macros of trusted pages are left out. The
pages are every Markdown file under `docs/`, and of a case its story (the
Markdown below the front matter). A text with fewer than `MIN_WORDS` words
gets no score.

Scoring costs a few milliseconds a file, so a score is kept in the cache by
a hash of the file: at 10,000 cases, a second `kennisbank validate` scores
only what changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from typing import Any

import markdown

from ..cache import Cache
from ..content.loader import Content
from ..content.problems import Problem
from ..content.source import tree_files
from . import Advice

READABLE = 60.0  # Flesch-Douma below this: a warning
MIN_WORDS = 40
LONGEST = 3  # sentences named in a warning
CACHE_KIND = "leesbaarheid"
# The block extensions of mkdocs.yml: they decide what a paragraph is (admonitions, lists, HTML blocks with Markdown).
EXTENSIONS = ("admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)  # macros on trusted pages: not text a reader reads
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w+")


class _Paragraphs(HTMLParser):
    """The text of every <p> of rendered Markdown but an admonition's title, which is a heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._open: list[list[str] | None] = []  # None: a title being skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            title = "admonition-title" in (dict(attrs).get("class") or "").split()
            self._open.append(None if title else [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._open:
            parts = self._open.pop()
            text = " ".join("".join(parts or ()).split())
            if text:
                self.found.append(text)

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] is not None:
            self._open[-1].append(data)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a page's Markdown (front matter and macros left out), as plain text."""
    body = _TEMPLATE.sub(" ", _FRONT_MATTER.sub("", text, count=1))
    reader = _Paragraphs()
    reader.feed(markdown.markdown(body, extensions=list(EXTENSIONS)))
    reader.close()
    return reader.found


def flesch_douma(found: list[str]) -> float | None:
    """The score of paragraphs, each ending a sentence; None for too little text to judge."""
    text = " ".join(p if p.endswith((".", "!", "?")) else p + "." for p in found)
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None
    import textstat  # with nltk, it takes a while to load: only `kennisbank validate` needs it

    dutch = type(textstat.textstat)()  # an instance of our own: set_lang on the shared one would change it for every caller
    dutch.set_lang("nl")
    return float(dutch.flesch_reading_ease(text))


def longest_sentences(found: list[str], count: int = LONGEST) -> list[str]:
    sentences = [sentence for paragraph in found for sentence in _SENTENCE_END.split(paragraph)]
    return sorted(sentences, key=lambda sentence: -len(_WORD.findall(sentence)))[:count]


def _line(source: str, sentence: str) -> int | None:
    """The file line where a sentence starts: found by its first words, whatever Markdown sits between them."""
    words = _WORD.findall(sentence)
    body = _FRONT_MATTER.match(source)
    start = body.end() if body else 0
    for size in (4, 3, 2):
        if len(words) < size:
            continue
        found = re.search(r"\W+".join(re.escape(word) for word in words[:size]), source[start:])
        if found:
            return source.count("\n", 0, start + found.start()) + 1
    return None


def _measure(source: str) -> dict[str, Any]:
    found = paragraphs(source)
    score = flesch_douma(found)
    longest = [[sentence, _line(source, sentence)] for sentence in longest_sentences(found)] if score is not None and score < READABLE else []
    return {"score": score, "longest": longest}


def _reader_files(content: Content) -> Iterator[Path]:
    yield from tree_files(content.root / "docs", "*.md")
    yield from (content.root / case.path for case in content.cases)


def hard_to_read(content: Content, cache: Cache) -> list[Problem]:
    """A warning for every reader page and case story that scores below `READABLE`, naming its longest sentences."""
    warnings = []
    scorers = " ".join(f"{name}={version(name)}" for name in ("textstat", "pyphen"))  # a new version may count otherwise
    for file in _reader_files(content):
        rel, raw = file.relative_to(content.root).as_posix(), file.read_bytes()
        measured = cache.remember(CACHE_KIND, cache.key(CACHE_KIND, scorers, rel, raw), partial(_measure, raw.decode("utf-8")))
        score = measured["score"]
        if score is None or score >= READABLE:
            continue
        sentences = "\n".join(
            f"  - {f'regel {line}' if line else 'zin'} ({len(_WORD.findall(sentence))} woorden): {sentence}" for sentence, line in measured["longest"]
        )
        message = (
            f"leest moeilijk: Flesch-Douma {score:.0f}, het doel is minstens {READABLE:.0f} (taalniveau B1). "
            f"Dit is een waarschuwing, geen fout. Maak vooral de langste zinnen korter en kies gewone woorden:\n{sentences}"
        )
        warnings.append(Problem(rel, measured["longest"][0][1] if measured["longest"] else None, None, message))
    cache.prune((CACHE_KIND,))  # every file was asked for: what was not is of files that changed or went
    return warnings


def check(content: Content) -> Advice:
    """The advice check of `kennisbank validate`: scores are kept in the project's cache."""
    return Advice(warnings=hard_to_read(content, Cache.for_project(content.root)))
