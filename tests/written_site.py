"""The search text of the written site, read with the HTML parser as the reference.

The build hands Pagefind each page's content before the template wraps it;
the tests read the pages as readers get them, to check both say the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kennisbank.index import Index
from kennisbank.search.bundle import BUNDLE_DIR
from kennisbank.search.documents import BodyReader, SearchPage, page_kind


def read_page(path: Path, url: str, kind: str) -> SearchPage | None:
    """A written page's searchable body, or None if it has no data-pagefind-body element."""
    html = path.read_text(encoding="utf-8")
    marker = html.find("data-pagefind-body")
    if marker == -1:
        return None
    start = html.rfind("<", 0, marker)
    reader = BodyReader()
    reader.feed(html[start:])
    reader.close()
    if reader.end is None:
        return None
    line, column = reader.end
    offset = start
    for _ in range(line - 1):
        offset = html.index("\n", offset) + 1
    return SearchPage(url, kind, html, " ".join("".join(reader.text).split()), start, offset + column)


def site_pages(site_dir: Path, index: Index) -> Iterator[SearchPage]:
    """Every written page that belongs in the search, in a stable order."""
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.parent.relative_to(site_dir).as_posix()
        url = "" if rel == "." else rel + "/"
        if url.startswith(f"{BUNDLE_DIR}/"):
            continue
        kind = page_kind(url, index)
        if kind is not None:
            page = read_page(path, url, kind)
            if page is not None:
                yield page
