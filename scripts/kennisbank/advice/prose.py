"""The prose people write, with the file line each part starts on: what advice checks read.

A case's story and summary, and a module's or lesson's text and summary.
Markdown that is not prose (code, web addresses, link targets, HTML,
admonition types, attribute lists, template code) is blanked out with spaces,
so every word keeps its line and a check sees only words, as a reader does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..content.loader import Content
from ..content.model import Case, Lesson, Module

SUMMARY_KEY = "samenvatting"

# What is not prose, each with a string that must occur for it to be there: most
# texts have few of these, and trying only those keeps a long text quick to clean.
_NOT_PROSE = tuple(
    (trigger, re.compile(pattern, re.MULTILINE | re.DOTALL))
    for trigger, pattern in (
        ("```", r"^[ \t]*(`{3,}).*?(?:^[ \t]*\1[^\n]*$|\Z)"),  # fenced code block, also one left open
        ("~~~", r"^[ \t]*(~{3,}).*?(?:^[ \t]*\1[^\n]*$|\Z)"),
        ("`", r"`+[^`\n]*`+"),  # inline code
        ("<!--", r"<!--.*?(?:-->|\Z)"),  # HTML comment
        ("<", r"<[^<>\n]*>"),  # HTML tag, or a web address between < and >
        ("](", r"\]\([^)\n]*\)"),  # link or image target
        ("][", r"\]\[[^\]\n]*\]"),  # reference link label
        ("]:", r"^[ \t]*\[[^\]\n]+\]:[^\n]*"),  # reference link definition
        ("[^", r"\[\^[^\]\n]*\]"),  # footnote marker
        ("://", r"\b[a-z][a-z0-9+.-]*://[^\s)\]>]+"),  # bare web address
        ("www.", r"\bwww\.[^\s)\]>]+"),
        ("@", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail address
        ("!!!", r"^[ \t]*!!![ \t]+[\w-]+"),  # admonition type ('!!! tip')
        ("???", r"^[ \t]*\?\?\?\+?[ \t]+[\w-]+"),
        ("{", r"\{[ \t]*[:.#][^}\n]*\}"),  # attribute list ('{ #anker .klasse }')
        ("{", r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"),  # template code
        ("&", r"&#?\w+;"),  # HTML entity
    )
)


@dataclass(frozen=True)
class Prose:
    """Text from one file, starting on `line`; anything that is not prose is already spaces."""

    path: str
    line: int
    text: str


def blank(match: re.Match[str]) -> str:
    """The match as spaces, its line breaks kept."""
    return re.sub(r"[^\n]", " ", match.group())


def only_prose(markdown: str) -> str:
    """`markdown` with everything that is not prose replaced by spaces, line for line."""
    for trigger, pattern in _NOT_PROSE:
        if trigger in markdown:
            markdown = pattern.sub(blank, markdown)
    return markdown


def _summary(path: str, front_matter: list[str]) -> Prose | None:
    """The summary field as written: its key line and the indented lines that continue it."""
    for number, line in enumerate(front_matter):
        if line.startswith(f"{SUMMARY_KEY}:"):
            end = number + 1
            while end < len(front_matter) and (not front_matter[end].strip() or front_matter[end][0] in " \t"):
                end += 1
            text = "\n".join(front_matter[number:end])
            return Prose(path, number + 2, " " * (len(SUMMARY_KEY) + 1) + text[len(SUMMARY_KEY) + 1 :])  # +2: line 1 is the opening '---'
    return None


def prose(content: Content) -> Iterator[Prose]:
    """The summary and the body of every case, module and lesson, in file order."""
    items: tuple[Case | Module | Lesson, ...] = (*content.cases, *content.modules, *content.lessons)
    for item in items:
        text = (content.root / item.path).read_text(encoding="utf-8").replace("\r\n", "\n")
        start = text.rfind(item.body) if item.body else -1
        head = text[:start] if start >= 0 else text
        summary = _summary(item.path, head.split("\n")[1:])
        if summary:
            yield summary
        if start >= 0:
            yield Prose(item.path, head.count("\n") + 1, only_prose(item.body))
