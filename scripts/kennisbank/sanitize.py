"""Allow-list sanitizing of HTML rendered from contributed case files, on the site and on paper.

Cases come from strangers through pull requests, so whatever Markdown or raw
HTML they contain is reduced to harmless markup before it reaches readers:
the site's case pages and the printed workbooks both pass it through here.
Ids and classes are names the page shares with the theme: a contributed
`id="__drawer"` would take over Material's menu, `class="md-header"` its
look. Such names are dropped, and so is an id the story already used (a
heading keeps its own), so that every link to an anchor has one target.
"""

from __future__ import annotations

import copy
import re

import nh3

from .content.case_body import is_remote

_TAGS = set(nh3.ALLOWED_TAGS) | {"abbr", "time", "dl", "dt", "dd", "figure", "figcaption", "details", "summary", "mark", "sup", "sub"}
_TAGS -= {"form", "input", "button", "iframe", "style", "script", "meta", "link", "object", "embed", "svg", "math"}
_ATTRIBUTES: dict[str, set[str]] = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
_ATTRIBUTES.setdefault("*", set()).update({"class", "id", "title", "lang"})
_ATTRIBUTES.setdefault("time", set()).add("datetime")
_ATTRIBUTES.setdefault("img", set()).update({"src", "alt", "width", "height", "loading"})
_ATTRIBUTES.setdefault("a", set()).update({"href"})
_ATTRIBUTES.setdefault("th", set()).add("align")
_ATTRIBUTES.setdefault("td", set()).add("align")
_ATTRIBUTES.pop("a", None)
_ATTRIBUTES["a"] = {"href", "hreflang"}
URL_SCHEMES = {"http", "https", "mailto"}
# Material names its own ids `__drawer`, `__search`, `__toc`, `__nav_1`…; ours (search, case browser) start with `kb-`.
RESERVED_ID_PREFIXES = ("__", "kb-")
RESERVED_CLASS_PREFIXES = ("md-", "kb-")
# A start tag as nh3 writes it: every attribute as name="value", with '"' escaped.
_START_TAG = re.compile(r'<([a-z][a-z0-9]*)((?:\s[^\s="\'>/]+="[^"]*")*)(\s*/?)>')
_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')
_HEADING = re.compile(r"h[1-6]")


def is_reserved_id(value: str) -> bool:
    """Whether an id belongs to the theme or the site's own parts."""
    return value.startswith(RESERVED_ID_PREFIXES)


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    """Images only from beside the case (a remote one would leak visitors' addresses); no theme ids or classes."""
    if tag == "img" and attribute == "src" and is_remote(value):
        return None
    if attribute == "id" and is_reserved_id(value):
        return None
    if attribute == "class":
        return " ".join(name for name in value.split() if not name.startswith(RESERVED_CLASS_PREFIXES)) or None
    return value


# Built once: the allow-lists are converted for the sanitizer a single time, not for every case.
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math", "form"},
    attributes=_ATTRIBUTES,
    attribute_filter=_attribute,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def _unique_ids(html: str) -> str:
    """Drop every id used before, headings first: the table of contents links to theirs."""
    ids = _ID_ATTRIBUTE.findall(html)
    if len(ids) == len(set(ids)):
        return html  # the usual story: nothing to drop
    heading_ids = {found.group(1) for tag in _START_TAG.finditer(html) if _HEADING.fullmatch(tag.group(1)) for found in _ID_ATTRIBUTE.finditer(tag.group(2))}
    seen: set[str] = set()
    seen_on_headings: set[str] = set()

    def keep_first(tag: re.Match[str]) -> str:
        found = _ID_ATTRIBUTE.search(tag.group(2))
        if found is None:
            return tag.group(0)
        value = found.group(1)
        if _HEADING.fullmatch(tag.group(1)):
            taken = value in seen_on_headings
            seen_on_headings.add(value)
        else:
            taken = value in seen or value in heading_ids
            seen.add(value)
        if not taken:
            return tag.group(0)
        attributes = tag.group(2)[: found.start()] + tag.group(2)[found.end() :]
        return f"<{tag.group(1)}{attributes}{tag.group(3)}>"

    return _START_TAG.sub(keep_first, html)


def sanitize_html(html: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes (no script, handlers, javascript: or data:), and ids no one else uses."""
    return _unique_ids(_CLEANER.clean(html))
