"""Allow-list sanitizing of HTML rendered from contributed case files, on the site and on paper.

Cases come from strangers through pull requests, so whatever Markdown or raw
HTML they contain is reduced to harmless markup before it reaches readers:
the site's case pages and the printed workbooks both pass it through here.
"""

from __future__ import annotations

import copy

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


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    """Images must come from beside the case: a remote one would leak visitors' addresses."""
    if tag == "img" and attribute == "src" and is_remote(value):
        return None
    return value


# Built once: the allow-lists are converted for the sanitizer a single time, not for every case.
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math", "form"},
    attributes=_ATTRIBUTES,
    attribute_filter=_local_images_only,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes (no script, handlers, javascript: or data:)."""
    return _CLEANER.clean(html)
