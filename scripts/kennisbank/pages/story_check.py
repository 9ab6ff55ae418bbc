"""Links and ids in the stories of cases, judged as MkDocs' strict build and the sanitizer judge them, but first and in Dutch.

MkDocs refuses, in English, a link to a page that does not exist, an
absolute link and an anchor that no heading has; a link whose scheme hides
behind character references (`jav&#x61;script:`) is one of those. The
sanitizer silently drops ids in the theme's names, repeated ids and links
with any scheme but http(s) and mailto. `kennisbank validate` says all of
that with file and line, so a contributor sees one kind of message.

A story renders as its page does (Python-Markdown with the site's
extensions), and its links and ids are read from the result. Most stories
hold only plain links to other cases and websites; those are judged from
the text, without rendering. Anchors are checked on case pages; a link to
an anchor on another kind of page is left to MkDocs.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from ..cache import Cache
from ..content.case_body import case_images
from ..content.contact import load_contact
from ..content.loader import CASES_DIR, read_content
from ..content.model import Case
from ..content.problems import ContentError, Problem
from ..content.source import folder_files, tree_files
from ..index import Index, build_index
from ..pdf.markup import MARKDOWN_EXTENSIONS
from ..sanitize import RESERVED_ID_PREFIXES, URL_SCHEMES, is_reserved_id
from .browser_page import BROWSER_PAGE
from .case_page import StoryText, story_markdown
from .finish import page_parts
from .inputs import GLOSSARY, OVERVIEW, page_inputs
from .overviews import facet_pages
from .parts import assemble

# Besides plain text and plain links: characters of HTML, attribute lists, character references, escapes and code,
# reference links and footnotes, indented code, and a heading whose text starts with 'kb' or '_' (its id may be the theme's).
_SPECIAL = ("<", "{", "&", "\\", "`", "[^", "\n    ", "\n\t")
_REFERENCE = re.compile(r"\]\s*[\[:]")
_HEADING_IN_THEME_NAMES = re.compile(r"^ {0,3}#{1,6}[ \t]*(?:kb|_)|^ {0,3}(?:kb|_).*\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_PLAIN_LINK = re.compile(r"!?\[[^\[\]]*\]\(([^()\s<>]*)\)")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
CASE_PAGES = "casussen"  # the folder of case pages in the site, where a story's relative links start
DOCS_DIR = "docs"


@dataclass(frozen=True)
class _Found:
    """A link address (with the tag it is on) or an id in a rendered story, and the text its line is found by."""

    tag: str
    value: str
    needle: str


@dataclass(frozen=True)
class _Rendered:
    """What a rendered story holds: links and images in Markdown and in raw HTML, and every id, in order."""

    links: tuple[_Found, ...]
    raw_links: tuple[_Found, ...]
    ids: tuple[_Found, ...]


class _Collect(Treeprocessor):  # type: ignore[misc]  # Markdown has no type hints
    """Reads links and ids from the finished tree, where MkDocs checks them (its link checker runs last, too)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.links: list[_Found] = []
        self.ids: list[_Found] = []

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag in ("a", "img") and (url := element.get("href" if element.tag == "a" else "src")) is not None:
                # Markdown keeps a character reference in an attribute list aside, with a placeholder in its place.
                url = HTML_PLACEHOLDER_RE.sub(lambda placeholder: str(self.md.htmlStash.rawHtmlBlocks[int(placeholder.group(1))]), url)
                self.links.append(_Found(element.tag, url, url))
            if anchor := element.get("id"):
                self.ids.append(_Found(element.tag, anchor, f"#{anchor}"))


class _CollectExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Collect(md), "kb_collect", 0)


class _RawHtml(HTMLParser):
    """Ids and link addresses in the story's raw HTML, which Markdown passes through untouched (character references decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[_Found] = []
        self.ids: list[_Found] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        source = self.get_starttag_text() or ""
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.append(_Found(tag, value, source))
            elif (tag, name) in (("a", "href"), ("img", "src")):
                self.links.append(_Found(tag, value, source))


class Linking(Protocol):
    """A page whose links are checked: where it is in the site, for links relative to it."""

    @property
    def src_uri(self) -> str: ...


@dataclass(frozen=True)
class DocPage:
    """A page written in docs/ (a lesson, a module or another page), whose links MkDocs checks: so does validate, first."""

    path: str  # from the project's root, for messages
    src_uri: str  # from docs/, as MkDocs names it
    text: str  # the whole file, so that a line number is the file's


def doc_pages(root: Path) -> list[DocPage]:
    """Every Markdown page in docs/, editors' side files left out as the build leaves them out."""
    docs = root / DOCS_DIR
    pages = ((file, file.relative_to(docs).as_posix()) for file in tree_files(docs, "*.md"))
    return [DocPage(f"{DOCS_DIR}/{relative}", relative, file.read_text(encoding="utf-8")) for file, relative in pages]


class Story(StoryText, Protocol):
    """What is checked of a case: its file, its page and its title and story."""

    @property
    def slug(self) -> str: ...

    @property
    def path(self) -> str: ...

    @property
    def src_uri(self) -> str: ...


@dataclass(frozen=True)
class UncheckedStory:
    """The story of a case file whose fields have problems of their own: its links and ids are checked, but not the
    anchors on its own page, whose sections are made from those fields."""

    slug: str
    path: str
    title: str
    body: str

    @property
    def src_uri(self) -> str:
        return f"{CASE_PAGES}/{self.slug}.md"


def render(case: StoryText) -> _Rendered:
    """The case's page text as MkDocs renders it, read for links and ids."""
    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _CollectExtension()])
    md.convert(story_markdown(case))
    collected: _Collect = md.treeprocessors["kb_collect"]
    raw = _RawHtml()
    for block in md.htmlStash.rawHtmlBlocks:
        raw.feed(str(block))
    raw.close()
    return _Rendered(tuple(collected.links), tuple(raw.links), (*collected.ids, *raw.ids))


class StoryCheck:
    """The links and ids of every case's story, checked against the pages of the site built from `index`."""

    def __init__(self, index: Index) -> None:
        self.index = index
        root = index.content.root
        docs = root / "docs"
        self.pages = {p.relative_to(docs).as_posix() for p in tree_files(docs, "*") if p.is_file()}
        # Every case file has a page once it is valid: a link to a case with problems of its own is not one more problem.
        self.pages |= {f"{CASE_PAGES}/{file.name}" for file in folder_files(root / CASES_DIR, ".md")} | {case.src_uri for case in index.cases.values()}
        self.pages |= {f"{CASE_PAGES}/{image.name}" for image in case_images(root / CASES_DIR)}
        self.pages |= {OVERVIEW, BROWSER_PAGE, GLOSSARY, *facet_pages(index)}
        self._cases_by_page = {case.src_uri: case for case in index.cases.values()}  # only a valid case's anchors are known
        self._anchors: dict[str, frozenset[str]] = {}
        self._rendered: dict[str, _Rendered] = {}

    def rendered(self, case: Story) -> _Rendered:
        if case.slug not in self._rendered:
            self._rendered[case.slug] = render(case)
        return self._rendered[case.slug]

    def anchors(self, case: Case) -> frozenset[str]:
        """Every anchor of the case's page: its rendered ids and the generated sections' headings."""
        if case.slug not in self._anchors:
            ids = {found.value for found in self.rendered(case).ids}
            finished = assemble("", page_parts(page_inputs(case.src_uri, self.index)), ids, "")
            self._anchors[case.slug] = frozenset(ids | {h.anchor for h in (*finished.before, *finished.after)})
        return self._anchors[case.slug]

    def problems(self, unchecked: Iterable[Story] = ()) -> list[Problem]:
        """The problems of every case's story, and of the `unchecked` stories of case files with problems of their own."""
        found: list[Problem] = []
        for case in (*self.index.cases.values(), *unchecked):
            if case_problems := list(self.story_problems(case)):
                text = (self.index.content.root / case.path).read_text(encoding="utf-8")
                found += [Problem(case.path, _line_of(text, needle), None, message) for message, needle in case_problems]
        return found

    def story_problems(self, case: Story) -> Iterator[tuple[str, str]]:
        """(message, text to find its line by) for each problem in the story of `case`."""
        if _is_plain(case.body):
            for match in _PLAIN_LINK.finditer(case.body):
                yield from self._link_problems(case, _Found("img" if match.group().startswith("!") else "a", match.group(1), match.group(1)))
            return
        rendered = self.rendered(case)
        for link in rendered.links:
            yield from self._link_problems(case, link)
        for link in rendered.raw_links:  # MkDocs leaves raw HTML alone; the sanitizer drops a bad scheme without a word
            yield from self._scheme_problems(link)
        seen: set[str] = set()
        for anchor in rendered.ids:
            if is_reserved_id(anchor.value):
                prefixes = " of ".join(f"'{prefix}'" for prefix in RESERVED_ID_PREFIXES)
                yield f"het anker (id) '{anchor.value}' hoort bij de site zelf (ankers die beginnen met {prefixes}); kies een andere naam", anchor.needle
            elif anchor.value in seen:
                yield f"het anker (id) '{anchor.value}' komt twee keer voor op de pagina; kies een andere naam", anchor.needle
            seen.add(anchor.value)

    def _scheme_problems(self, link: _Found) -> Iterator[tuple[str, str]]:
        """A scheme but http(s) or mailto, also when character references or spaces hide it, as a browser reads it."""
        decoded = _CONTROL_OR_SPACE.sub("", html.unescape(link.value))
        scheme = urlsplit(decoded).scheme.lower()
        if scheme and scheme not in URL_SCHEMES:
            hidden = f" (verstopt achter tekencodes als '&#…;': '{decoded[:40]}')" if decoded != link.value.strip() else ""
            allowed = "alleen adressen met https://, http:// of mailto: zijn toegestaan"
            yield f"{_what(link.tag)} '{_shown(link.value)}' begint met '{scheme}:'{hidden}; {allowed}", link.needle

    def _link_problems(self, case: Linking, link: _Found) -> Iterator[tuple[str, str]]:
        scheme_problems = list(self._scheme_problems(link))
        if scheme_problems:
            yield from scheme_problems
            return
        url, what, shown = link.value, _what(link.tag), _shown(link.value)
        # From here on, as MkDocs reads the address: character references are text to it.
        scheme, netloc, path, _, anchor = urlsplit(url)
        if scheme or netloc or AMP_SUBSTITUTE in url:
            return
        if url.startswith(("/", "\\")):
            yield f"{what} '{shown}' begint met '/'; verwijs naar een casus met haar bestandsnaam of gebruik een volledig webadres (https://…)", link.needle
            return
        target = posixpath.normpath(posixpath.join(posixpath.dirname(case.src_uri), unquote(path))).lstrip("/") if path else case.src_uri
        if target not in self.pages:
            yield f"{what} '{shown}' wijst naar een pagina of bestand dat niet bestaat{self._suggestion(target, case)}", link.needle
            return
        other = self._cases_by_page.get(target) if anchor else None
        if other is not None and unquote(anchor) not in self.anchors(other):
            where = "op deze pagina" if other is case else f"op de pagina van '{other.title}'"
            yield f"{what} '{shown}' wijst naar het anker '#{anchor}', maar dat staat niet {where}", link.needle

    def _suggestion(self, target: str, page: Linking) -> str:
        """A page with a name close to the missing one, as a link from `page`."""
        close = difflib.get_close_matches(target, sorted(self.pages), n=1, cutoff=0.8)
        if close:
            return f" (bedoel je '{posixpath.relpath(close[0], posixpath.dirname(page.src_uri))}'?)"
        if isinstance(page, DocPage):
            return "; is de casus hernoemd of verwijderd? Pas de link aan of haal haar weg"
        return "; verwijs naar een andere casus met haar bestandsnaam, zoals 'samen-oud-zorg.md'"

    def doc_page_problems(self, pages: Iterable[DocPage]) -> list[Problem]:
        """Links from pages in docs/ to case pages that are not there: a case renamed or removed breaks them.

        Only links into the cases' folder: its pages come from files that contributors add and editors rename,
        while the other pages' links are the keepers' own (MkDocs' strict build checks those, in English).
        """
        found = []
        for page in pages:
            for match in _PLAIN_LINK.finditer(page.text):
                url = match.group(1)
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), unquote(urlsplit(url).path)))
                if "{" in url or urlsplit(url).scheme or not target.startswith(f"{CASE_PAGES}/") or not target.endswith(".md"):
                    continue
                link = _Found("img" if match.group().startswith("!") else "a", url, url)
                line = page.text.count("\n", 0, match.start()) + 1
                found += [Problem(page.path, line, None, message) for message, _ in self._link_problems(page, link)]
        return found


def _is_plain(story: str) -> bool:
    """Whether a story is plain text and plain links only, so that its links can be read without rendering it."""
    if story.startswith(("    ", "\t")) or any(special in story for special in _SPECIAL):
        return False
    if "]" in story and (_REFERENCE.search(story) or story.count("](") != len(_PLAIN_LINK.findall(story))):
        return False
    # A heading's anchor is made from its text with compatibility forms folded: '＿＿drawer' gives '__drawer'.
    folded = story if story.isascii() else unicodedata.normalize("NFKC", story)
    return not (("kb" in folded.lower() or "_" in folded) and _HEADING_IN_THEME_NAMES.search(folded))


def _what(tag: str) -> str:
    return "afbeelding" if tag == "img" else "link"


def _shown(url: str) -> str:
    return url if len(url) <= 60 else url[:60] + "…"


def _line_of(text: str, needle: str) -> int | None:
    """Line of the first place `needle` appears below the front matter."""
    body_start = text.find("\n---", 3)
    at = text.find(needle, max(body_start, 0)) if needle else -1
    return text.count("\n", 0, at) + 1 if at != -1 else None


def _contact_problems(root: Path) -> list[Problem]:
    """The contact details every page shows: the build reads them, so validate does too."""
    try:
        load_contact(root)
    except ContentError as error:
        return error.problems
    return []


def checked_index(root: Path, cache: Cache | None = None) -> Index:
    """The index of the content under `root`, after every check of `kennisbank validate`; raises ContentError listing every problem.

    The links and ids of every story within its limits are checked, also
    when its own fields or other files have problems: one run names them all.
    """
    found = read_content(root, cache)
    if found.content is None:  # without vocabularies there are no pages to link to
        raise ContentError(found.problems)
    index = build_index(found.content, cache)
    titled = ((source, source.meta.get("titel")) for source in found.stories)
    stories = [UncheckedStory(source.slug, source.path, title if isinstance(title, str) else source.slug, source.body) for source, title in titled]
    check = StoryCheck(index)
    problems = found.problems + check.problems(stories) + check.doc_page_problems(doc_pages(root)) + _contact_problems(root)
    if problems:
        raise ContentError(problems)
    return index


def new_case_problems(root: Path, case: Case, text: str) -> list[Problem]:
    """The link and id problems of a case not yet in cases/ (its file text is `text`), as validate will find them once it is.

    The case joins the content under `root` that passes its own checks, so a link
    to one of its own sections or to another case is judged as on the site.
    """
    found = read_content(root)
    if found.content is None:
        raise ContentError(found.problems)
    check = StoryCheck(build_index(replace(found.content, cases=(*found.content.cases, case))))
    story_line = text.count("\n", 0, text.find("\n---", 3) + 4) + 2  # an id made from a heading is not in the text: it is in the story
    return [Problem(case.path, _line_of(text, needle) or story_line, None, message) for message, needle in check.story_problems(case)]
