"""The pieces every page is made of: escaped links and lists, and the sections placed around the rendered Markdown.

Generated sections (a case's card and value-case sections, lists of cases,
backlinks) are escaped HTML, put into the page after MkDocs rendered its
Markdown: lists of thousands of cases never go through Markdown, which made
the overview pages several times slower. `assemble` places them and gives
each titled section an anchor the page does not use yet.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from html import escape

from markdown.extensions.toc import slugify as toc_slugify

from ..content.model import Case
from ..content.taxonomy import Taxonomy

# Opens every list of cases. The glossary marker leaves these lists alone, and the search index leaves them out:
# a case is found on its own page, not on every page that lists it.
CASE_LIST_START = '<ul class="kb-caselist" data-pagefind-ignore>'
CASE_LIST = re.compile("(" + re.escape(CASE_LIST_START) + ".*?</ul>)", re.S)  # one whole list, as a group for re.split
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_text(text: str) -> str:
    """Plain text made safe for Markdown: no accidental emphasis, links or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def front_matter(title: str, description: str) -> str:
    # JSON strings are valid YAML scalars and escape everything.
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n\n"


def _relative(from_url: str, to_path: str) -> list[str]:
    """The path segments from a directory-style page URL to a site path, compared segment by segment.

    posixpath.relpath asks the file system for the working directory on every
    call, and overview pages make thousands of links.
    """
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_path.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return [".."] * (len(here) - common) + there[common:]


def html_url(from_url: str, to_url: str) -> str:
    """Relative URL between two directory-style page URLs, for raw HTML."""
    parts = _relative(from_url, to_url)
    return "/".join(parts) + "/" if parts else "./"


def file_url(page_url: str, path: str) -> str:
    """Relative URL from a directory-style page URL to a file in the site, such as a PDF."""
    return "/".join(_relative(page_url, path))


def rel(from_src: str, to_src: str) -> str:
    """Relative Markdown link between two pages' sources, which MkDocs checks and rewrites."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def src_url(src_uri: str) -> str:
    """Directory-style URL of a page, as MkDocs makes it with use_directory_urls."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + "/"


def link(here: str, to_url: str, text: str, *, anchor: str = "") -> str:
    """An escaped link from the page at URL `here` to the page at `to_url` (at its heading `anchor`)."""
    return f'<a href="{escape(html_url(here, to_url) + (f"#{anchor}" if anchor else ""))}">{escape(text)}</a>'


def link_list(here: str, targets: Iterable[tuple[str, str]]) -> str:
    """A list of links to (URL, title) pairs."""
    return "<ul>" + "".join(f"<li>{link(here, url, title)}</li>" for url, title in targets) + "</ul>"


def case_list(from_url: str, cases: Sequence[Case], taxonomy: Taxonomy) -> str:
    """A list of cases with place, year and themes, as one escaped HTML block, linked from the page at `from_url`."""
    if not cases:
        return "<p>Er zijn nog geen casussen.</p>\n"
    themes = taxonomy.themes
    items = []
    for case in cases:
        theme_labels = ", ".join(themes[t].label for t in case.themes)
        href = escape(html_url(from_url, case.url))
        items.append(f'<li><a href="{href}">{escape(case.title)}</a> — {escape(case.place)}, {case.year_started} · {escape(theme_labels)}</li>')
    return CASE_LIST_START + "\n" + "\n".join(items) + "\n</ul>\n"


@dataclass(frozen=True)
class Section:
    """A generated part of a page: escaped HTML, under an h2 when it has a title."""

    title: str | None
    html: str


@dataclass(frozen=True)
class PageParts:
    """The sections a page gets before (after its h1) and after its rendered Markdown."""

    before: tuple[Section, ...] = ()
    after: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Heading:
    """A generated section heading, for the page's table of contents."""

    title: str
    anchor: str


@dataclass(frozen=True)
class AssembledPage:
    """A page's content as readers get it, and the headings the adapter adds to its table of contents."""

    content: str
    before: tuple[Heading, ...] = ()
    after: tuple[Heading, ...] = ()


def _headings(sections: Sequence[Section], taken: set[str]) -> list[Heading | None]:
    """Anchors like Markdown's; an id the page already uses gets a suffix. Adds the new anchors to `taken`."""
    headings: list[Heading | None] = []
    for section in sections:
        if section.title is None:
            headings.append(None)
            continue
        anchor = base = toc_slugify(section.title, "-")
        number = 0
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        headings.append(Heading(section.title, anchor))
    return headings


def _html(sections: Sequence[Section], headings: Sequence[Heading | None], permalink_title: str) -> str:
    out = []
    for section, heading in zip(sections, headings, strict=True):
        if heading is None:
            out.append(section.html)
            continue
        anchor = heading.anchor
        out.append(f'<h2 id="{anchor}">{escape(heading.title)}<a class="headerlink" href="#{anchor}" title="{escape(permalink_title)}">&para;</a></h2>\n')
        out.append(f"{section.html}\n")
    return "".join(out)


def assemble(rendered: str, parts: PageParts, taken: Set[str], permalink_title: str) -> AssembledPage:
    """The rendered Markdown with `parts.before` after its h1 and `parts.after` at its end.

    `taken` holds the anchors the rendered part already uses; the generated
    headings avoid them, so every link to a heading stays unambiguous.
    """
    anchors = set(taken)
    before, after = _headings(parts.before, anchors), _headings(parts.after, anchors)
    content = rendered
    if parts.before:
        title_end = rendered.find("</h1>")
        split = title_end + len("</h1>") if title_end != -1 else 0
        content = rendered[:split] + "\n" + _html(parts.before, before, permalink_title) + rendered[split:]
    if parts.after:
        content += "\n" + _html(parts.after, after, permalink_title)
    return AssembledPage(content, tuple(h for h in before if h), tuple(h for h in after if h))
