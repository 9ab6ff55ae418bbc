"""Measure and query the site search in a real browser (Playwright with Chromium).

`measure_first_query` is what a benchmark calls: on a served site, with an
empty cache, it opens the search the way a reader does (the "/" key), enters
a query and reports the time until the first result is on screen and the
bytes the browser transferred for it. `search_urls` asks Pagefind directly,
for tests that compare result sets.

Playwright is a development dependency, so nothing here imports it: callers
pass in a Playwright `Browser` or `Page`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Opens the search with "/", enters the query at once and resolves when the
# first result is in the list: the time a reader waits after typing.
_FIRST_RESULT_JS = """
async (query) => {
  const root = document.querySelector("[data-kb-search]");
  const input = root.querySelector(".kb-search__input");
  const list = root.querySelector(".md-search-result__list");
  const status = root.querySelector(".kb-search__status");
  const start = performance.now();
  document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "/", bubbles: true, cancelable: true }));
  input.value = query;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise((resolve) => {
    const done = () => list.querySelector("li") || /^Geen|lukt/.test(status.textContent);
    if (done()) return resolve();
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
  return { ms: performance.now() - start, shown: list.children.length, status: status.textContent };
}
"""

_SEARCH_JS = """
async ([query, filters]) => {
  const root = document.querySelector("[data-kb-search]");
  const bundle = new URL(root.getAttribute("data-kb-bundle"), location.href);
  const base = new URL(root.getAttribute("data-kb-base"), location.href).pathname;
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  await pagefind.options({ baseUrl: base, noWorker: true });
  const found = await pagefind.search(query, { filters });
  const pages = await Promise.all(found.results.map((result) => result.data()));
  return pages.map((page) => ({
    url: page.url.slice(base.length),
    title: page.meta.title || "",
    kind: page.meta.soort || "",
    excerpt: page.excerpt,
  }));
}
"""

SEARCH_ASSETS = ("/assets/zoeken.js", "/assets/zoeken.css")


@dataclass(frozen=True)
class SearchMeasurement:
    """One first query on a cold cache."""

    query: str
    seconds: float  # from opening the search to the first result on screen
    transferred: int  # bytes over the network for the search (see measure_first_query)
    status: str  # the result line the reader sees, e.g. "12 resultaten"
    shown: int  # results on screen
    requests: list[tuple[str, int]] = field(default_factory=list)  # (URL, bytes) of every search request

    @property
    def kilobytes(self) -> float:
        return self.transferred / 1024


def measure_first_query(browser: Any, site_url: str, query: str, path: str = "") -> SearchMeasurement:
    """Time and bytes of a reader's first search on `site_url + path`, in a fresh browser context.

    Counted as transferred: every request the search makes after the page
    has loaded (Pagefind's script, WebAssembly, index chunks and the excerpts
    of the results shown), plus the search's own script and style that the
    page loads. Sizes are as sent over the network (Chromium's encoded data
    length), so a server that compresses is measured as such.
    """
    context = browser.new_context()
    finished: list[Any] = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        _settle(page)
        loaded = len(finished)
        result = page.evaluate(_FIRST_RESULT_JS, query)
        page.wait_for_timeout(300)  # let the last network events arrive
        search_requests = [request for request in finished[loaded:] if request.url.startswith(site_url)]
        search_requests += [request for request in finished[:loaded] if request.url.split("?")[0].endswith(SEARCH_ASSETS)]
        requests = [(str(request.url), _transferred(request)) for request in search_requests]
        return SearchMeasurement(
            query=query,
            seconds=float(result["ms"]) / 1000,
            transferred=sum(size for _, size in requests),
            status=str(result["status"]),
            shown=int(result["shown"]),
            requests=requests,
        )
    finally:
        context.close()


def _settle(page: Any) -> None:
    """Wait until the page has stopped loading; `mkdocs serve` keeps a live-reload request open, so not forever."""
    try:
        page.wait_for_load_state("networkidle", timeout=3000)
    except Exception:  # Playwright's TimeoutError: the live-reload request never ends
        page.wait_for_timeout(500)


def _transferred(request: Any) -> int:
    sizes = request.sizes()
    body = int(sizes["responseBodySize"])
    response = request.response()
    if body == 0 and response is not None:  # Chromium reports no size for a web worker's own script
        length = response.headers.get("content-length")
        body = int(length) if length else len(response.body())
    return body + int(sizes["responseHeadersSize"])


def search_results(page: Any, query: str | None, filters: dict[str, str | list[str]] | None = None) -> list[dict[str, str]]:
    """All results, best first, for a query (None: filters only), asked of Pagefind on an open page of the site.

    Each result has its site-relative `url`, `title`, `kind` and the `excerpt` with <mark> around matches.
    """
    results = page.evaluate(_SEARCH_JS, [query, filters or {}])
    return [{key: str(value) for key, value in result.items()} for result in results]


def search_urls(page: Any, query: str | None, filters: dict[str, str | list[str]] | None = None) -> list[str]:
    """Site-relative URLs of all results, best first."""
    return [result["url"] for result in search_results(page, query, filters)]
