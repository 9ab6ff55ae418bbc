"""Markdown bodies as print-ready HTML fragments, with nothing that reaches outside.

Bodies are rendered with the Markdown extensions of the site (never with
macros or Jinja), facilitator notes are kept or dropped per edition, and a
final allow-list pass rewrites every link and image: links to pages in the
same workbook become in-document anchors, other site links point at the
public site, local images are copied into the fetcher's directory and
anything remote becomes a visible placeholder.
"""

from __future__ import annotations

import hashlib
import posixpath
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..sanitize import sanitize_html

# The extensions of mkdocs.yml (tests keep the two lists in step).
MARKDOWN_EXTENSIONS = (
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
)
FACILITATOR_CLASS = "begeleider"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
PLACEHOLDER = "img/niet-opgenomen.svg"
_PLACEHOLDER_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40" viewBox="0 0 240 40">'
    '<rect x="1" y="1" width="238" height="38" rx="4" fill="#f4f4f4" stroke="#999" stroke-dasharray="4 3"/>'
    '<text x="120" y="25" font-family="sans-serif" font-size="13" text-anchor="middle" fill="#555">Afbeelding niet opgenomen</text>'
    "</svg>\n"
)

_TAGS = (set(nh3.ALLOWED_TAGS) | {"section", "figure", "figcaption"}) - {"area", "map"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "colspan", "rowspan", "style"},
    "td": {"align", "colspan", "rowspan", "style"},
    "ol": {"start"},
    "details": {"open"},
    "time": {"datetime"},
}
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "form", "template", "video", "audio", "noscript", "title"}


class _DropFacilitatorNotes(Treeprocessor):  # type: ignore[misc]  # Markdown has no type hints
    """Remove `!!! begeleider` / `??? begeleider` blocks for the participant edition."""

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if FACILITATOR_CLASS in (child.get("class") or "").split():
                    parent.remove(child)


class _ParticipantEdition(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_DropFacilitatorNotes(md), "kb_drop_facilitator_notes", 15)


def markdown_html(text: str, *, facilitator: bool, baselevel: int = 1) -> str:
    """Markdown → HTML with the site's extensions; facilitator notes only in the facilitator edition."""
    extensions: list[str | Extension] = list(MARKDOWN_EXTENSIONS)
    if not facilitator:
        extensions.append(_ParticipantEdition())
    md = markdown.Markdown(extensions=extensions, extension_configs={"toc": {"baselevel": baselevel, "permalink": False}})
    html: str = md.convert(text)
    return html


def page_url(src_uri: str) -> str:
    """Directory-style site URL of a Markdown page (`a/b.md` → `a/b/`, `a/index.md` → `a/`)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Links:
    """Where links in one document go: anchors inside it, else the public site."""

    site_url: str
    anchors: dict[str, str] = field(default_factory=dict)  # src_uri → element id in this document

    def resolve(self, href: str, src_uri: str, prefix: str) -> str | None:
        href = href.strip()
        if href.startswith("#"):
            return f"#{prefix}--{href[1:]}" if len(href) > 1 else None
        parts = urlsplit(href)
        if parts.scheme:
            return href if parts.scheme in ("http", "https", "mailto") else None
        if parts.netloc or not parts.path:
            return None
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), parts.path))
        if path.startswith(("..", "/")):
            return None
        if path.endswith(".md"):
            if path in self.anchors:
                return f"#{self.anchors[path]}"
            return self.site_url + page_url(path) + (f"#{parts.fragment}" if parts.fragment else "")
        return self.site_url + path + ("/" if parts.path.endswith("/") else "")


class Images:
    """Local images copied into the source directory the fetcher serves; the rest is a placeholder.

    `mounts` maps a site path prefix to a folder that holds those files: the built
    site, and the content it is built from (so `make pdf` also works without a site).
    """

    def __init__(self, source_dir: Path, mounts: list[tuple[str, Path]]) -> None:
        self.source_dir = source_dir
        self.mounts = [(prefix, folder.resolve()) for prefix, folder in mounts if folder.is_dir()]
        (source_dir / "img").mkdir(parents=True, exist_ok=True)
        (source_dir / PLACEHOLDER).write_text(_PLACEHOLDER_SVG, encoding="utf-8")
        self.copied: dict[Path, str] = {}

    def _find(self, path: str) -> Path | None:
        if PurePosixPath(path).suffix.lower() not in IMAGE_SUFFIXES:
            return None
        for prefix, folder in self.mounts:
            if not path.startswith(prefix):
                continue
            candidate = (folder / path.removeprefix(prefix)).resolve()
            if candidate.is_relative_to(folder) and candidate.is_file():
                return candidate
        return None

    def resolve(self, src: str, src_uri: str) -> str:
        """Path (relative to the source directory) of the image to print for `src`."""
        parts = urlsplit(src.strip())
        if parts.scheme or parts.netloc or not parts.path:
            return PLACEHOLDER
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), parts.path))
        found = None if path.startswith(("..", "/")) else self._find(path)
        if found is None:
            return PLACEHOLDER
        if found not in self.copied:
            name = f"img/{hashlib.sha256(str(found).encode()).hexdigest()[:16]}{found.suffix.lower()}"
            shutil.copyfile(found, self.source_dir / name)
            self.copied[found] = name
        return self.copied[found]


def print_filter(html: str, *, src_uri: str, prefix: str, links: Links, images: Images) -> str:
    """Allow-list pass over a fragment: only printable markup, ids made unique, links and images rewritten."""

    def attribute(tag: str, name: str, value: str) -> str | None:
        if name == "id":
            return f"{prefix}--{value}"
        if tag == "a" and name == "href":
            return links.resolve(value, src_uri, prefix)
        if tag == "img" and name == "src":
            return images.resolve(value, src_uri)
        return value

    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


def body_html(text: str, *, src_uri: str, prefix: str, links: Links, images: Images, facilitator: bool, contributed: bool, baselevel: int = 1) -> str:
    """A page body ready for print; contributed (case) HTML is sanitized like on the site first."""
    html = markdown_html(text, facilitator=facilitator, baselevel=baselevel)
    if contributed:
        html = sanitize_html(html)
    return print_filter(html, src_uri=src_uri, prefix=prefix, links=links, images=images)
