"""How deep and how tangled a contributed story may be, so that rendering it stays quick and never crashes.

Python-Markdown recurses once per level of nested lists, quotes, HTML blocks
and emphasis, and scans ahead from every unclosed '[', '(' and '<' to the
end of its paragraph (or of the whole text): a few kilobytes of `> > > …`,
`*a *a *a …` or `[a](` end in a RecursionError or take minutes. These limits
lie far above what a story needs and far below where Python-Markdown,
the sanitizer and WeasyPrint get into trouble; each is checked in one pass
over the text, and the first line past a limit is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .problems import Problem
from .source import SourceFile

MAX_BLOCK_DEPTH = 10  # lists in lists, quotes ('>'), indented blocks
MAX_HTML_DEPTH = 10  # HTML elements inside each other
MAX_OPEN_BRACKETS = 10  # '[' and '(' open at once in a paragraph
MAX_OPEN_TAGS = 10  # '<' that starts HTML without its '>' yet, in the whole story
MAX_EMPHASIS_MARKS = 100  # '*' and '_' in one paragraph
# Each of these costs Python-Markdown a millisecond or more, and a heading is an entry in the page's table of contents.
MAX_HEADINGS = 50
MAX_CODE_BLOCKS = 20
MAX_FOOTNOTES = 50
MAX_FOOTNOTE_REFERENCES = 200  # Python-Markdown numbers each reference by searching all earlier ones: quadratic

# A line's containers: quote marks and list markers, each possibly indented.
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
# Each container takes at least one of these characters: only a line that starts with more can be too deep.
_LONG_PREFIX = re.compile(rf"^[ \t>*+\-.)0-9]{{{MAX_BLOCK_DEPTH + 1},}}", re.MULTILINE)
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_FENCE = re.compile(r"[ \t]*(?:`{3,}|~{3,})")
_FOOTNOTE = re.compile(r"[ \t]*\[\^[^\]]*\]:")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\n]*\](?!:)")
_BRACKET = re.compile(r"\\.|[][()]")  # an escaped character, or a bracket
_MARKUP_START_OR_END = re.compile(r"<[a-zA-Z/!?]|>")  # what Python-Markdown's HTML parser takes for the start of a tag, and its end
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>")
# Shared with the form on the site, which counts headings, code blocks, footnotes and emphasis the same way.
STORY_PATTERNS = {"atx": _ATX_HEADING, "onderstreept": _SETEXT_UNDERLINE, "hek": _FENCE, "voetnoot": _FOOTNOTE}
STORY_MESSAGES = {
    "te_veel": "het verhaal heeft {aantal} {wat}; de grens is {grens}",
    "nadruk": "deze alinea heeft {aantal} tekens '*' of '_'; de grens is {grens}",
}
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Elements whose end tag HTML lets out: a second <p> closes the first.
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})


def _line_of(source: SourceFile, offset: int) -> int:
    """File line of a position in the story."""
    return source.body_line + source.body.count("\n", 0, offset)


def _indent_levels(whitespace: str) -> int:
    return sum(4 if char == "\t" else 1 for char in whitespace if char in " \t") // 4


def _block_depth(line: str) -> int:
    """Containers a line opens: quote marks and list markers, and every four columns of indentation before or after them."""
    if _THEMATIC_BREAK.fullmatch(line):
        return 0
    depth, end = 0, 0
    while match := _CONTAINER.match(line, end):
        depth += 1 + _indent_levels(match.group())
        end = match.end()
    rest = line[end:]
    return depth + _indent_levels(rest[: len(rest) - len(rest.lstrip(" \t"))])


def _nesting_problems(source: SourceFile) -> Iterator[Problem]:
    for match in _LONG_PREFIX.finditer(source.body):
        line_end = source.body.find("\n", match.start())
        depth = _block_depth(source.body[match.start() : line_end if line_end != -1 else None])
        if depth > MAX_BLOCK_DEPTH:
            message = f"de tekst is hier {depth} niveaus diep genest (lijsten in lijsten, citaten met '>' of inspringen); de grens is {MAX_BLOCK_DEPTH}"
            yield Problem(source.path, _line_of(source, match.start()), None, message)
            return


def _count_problems(source: SourceFile) -> Iterator[Problem]:
    """Headings, fenced code blocks and footnotes, each counted over the whole story."""
    limits = {"kopjes": MAX_HEADINGS, "codeblokken": MAX_CODE_BLOCKS, "voetnoten": MAX_FOOTNOTES}
    body = source.body
    if body.count("\n") < min(MAX_HEADINGS, MAX_FOOTNOTES) and body.count("```") + body.count("~~~") <= MAX_CODE_BLOCKS:
        return  # too few lines for too many headings or footnotes, too few fences for too many code blocks
    counts = dict.fromkeys(limits, 0)
    first_over: dict[str, int] = {}
    in_code, previous = False, ""
    for number, line in enumerate(body.split("\n")):
        found = None
        if _FENCE.match(line):
            found = None if in_code else "codeblokken"
            in_code = not in_code
        elif in_code:
            pass
        elif _ATX_HEADING.match(line) or (previous.strip() and _SETEXT_UNDERLINE.fullmatch(line)):
            found = "kopjes"
        elif _FOOTNOTE.match(line):
            found = "voetnoten"
        previous = line
        if found:
            counts[found] += 1
            if counts[found] > limits[found]:
                first_over.setdefault(found, number)
    for what, number in first_over.items():
        yield Problem(source.path, source.body_line + number, None, STORY_MESSAGES["te_veel"].format(aantal=counts[what], wat=what, grens=limits[what]))


def _footnote_reference_problems(source: SourceFile) -> Iterator[Problem]:
    body = source.body
    if body.count("[^") <= MAX_FOOTNOTE_REFERENCES:
        return
    for number, match in enumerate(_FOOTNOTE_REFERENCE.finditer(body), start=1):
        if number > MAX_FOOTNOTE_REFERENCES:
            message = f"het verhaal verwijst meer dan {MAX_FOOTNOTE_REFERENCES} keer naar een voetnoot ('[^…]'); de grens is {MAX_FOOTNOTE_REFERENCES}"
            yield Problem(source.path, _line_of(source, match.start()), None, message)
            return


def _open_brackets(text: str) -> int:
    """The most '[' and '(' open at once (a closing one without an opening one is ignored, an escaped one does not count).

    Exact past the limit; within it, the number of '[' and '(' may stand in for it, which is quicker to count.
    """
    openers = text.count("[") + text.count("(")
    if openers <= MAX_OPEN_BRACKETS:
        return openers
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        char = match.group()
        if char in "[(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "])" and depth:
            depth -= 1
    return deepest


def _paragraph_problems(source: SourceFile) -> Iterator[Problem]:
    """Brackets and emphasis marks per paragraph (run of non-blank lines): the unit Python-Markdown parses inline."""
    body = source.body
    if _open_brackets(body) <= MAX_OPEN_BRACKETS and body.count("*") + body.count("_") <= MAX_EMPHASIS_MARKS:
        return  # the whole story is within both limits, so every paragraph is
    brackets = emphasis = False
    offset = 0
    for paragraph in re.split(r"(\n[ \t]*\n)", body):
        if (open_brackets := _open_brackets(paragraph)) > MAX_OPEN_BRACKETS and not brackets:
            brackets = True
            message = f"in deze alinea staan {open_brackets} haakjes '[' of '(' tegelijk open; de grens is {MAX_OPEN_BRACKETS}: sluit elk haakje"
            yield Problem(source.path, _line_of(source, offset), None, message)
        if (marks := paragraph.count("*") + paragraph.count("_")) > MAX_EMPHASIS_MARKS and not emphasis:
            emphasis = True
            yield Problem(source.path, _line_of(source, offset), None, STORY_MESSAGES["nadruk"].format(aantal=marks, grens=MAX_EMPHASIS_MARKS))
        offset += len(paragraph)


def _html_problems(source: SourceFile) -> Iterator[Problem]:
    """Unclosed '<', CDATA and nesting of HTML elements, over the whole story as Python-Markdown's HTML parser reads it."""
    body = source.body
    if "<" not in body:
        return
    if (cdata := body.find("<![CDATA[")) != -1:
        yield Problem(source.path, _line_of(source, cdata), None, "CDATA-blokken ('<![CDATA[') zijn niet toegestaan")
        return
    open_tags = 0
    for match in _MARKUP_START_OR_END.finditer(body):
        open_tags = max(open_tags - 1, 0) if match.group() == ">" else open_tags + 1
        if open_tags > MAX_OPEN_TAGS:
            message = f"er staan {open_tags} keer '<' zonder bijbehorende '>'; de grens is {MAX_OPEN_TAGS}"
            yield Problem(source.path, _line_of(source, match.start()), None, message)
            return
    stack: list[str] = []
    for match in _TAG.finditer(body):
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            continue
        if name in _VOID or rest.rstrip().endswith("/"):
            continue
        if name in _OPTIONAL_END and stack and stack[-1] == name:
            stack.pop()
        stack.append(name)
        if len(stack) > MAX_HTML_DEPTH:
            message = f"HTML-elementen zijn hier {len(stack)} niveaus diep genest; de grens is {MAX_HTML_DEPTH} (is er een element niet afgesloten?)"
            yield Problem(source.path, _line_of(source, match.start()), None, message)
            return


def story_limit_problems(source: SourceFile) -> list[Problem]:
    """Every limit a case's story exceeds, each at the first line past it; most stories pass each check on a quick look."""
    return [*_nesting_problems(source), *_count_problems(source), *_footnote_reference_problems(source), *_paragraph_problems(source), *_html_problems(source)]
