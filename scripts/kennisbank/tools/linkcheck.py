"""Check the external links (http/https) of a built site, on demand: `make linkcheck`.

Not part of `make test` or CI: other websites change and go down without us
doing anything, and a build should not fail because of that. Each distinct
URL is asked once (HEAD, then GET when a server does not answer HEAD), with a
timeout and a small, bounded number of requests at a time, at most two per host.
"""

from __future__ import annotations

import argparse
import sys
import threading
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from http.client import HTTPException
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

TIMEOUT_SECONDS = 15.0
MAX_WORKERS = 8
PER_HOST = 2
USER_AGENT = "Mozilla/5.0 (compatible; kennisbank-linkcheck/1.0; +https://decooperatievesamenleving.nl/)"
# Answers that say "not for robots" rather than "gone": reported, but not counted as broken.
REFUSED = {401, 403, 429, 999}
# Servers that do not (properly) answer HEAD; ask again with GET.
RETRY_WITH_GET = {400, 403, 404, 405, 429, 500, 501, 503}

# Where a page links to or loads from another site; <link rel="canonical"> and meta tags name the site itself.
LINK_ATTRIBUTES = {"a": "href", "img": "src", "source": "src", "iframe": "src", "video": "src", "audio": "src"}


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LINK_ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value and urlsplit(value.strip()).scheme in ("http", "https"):
                self.urls.append(urldefrag(value.strip()).url)


def external_links(site: Path) -> dict[str, list[str]]:
    """Every external URL in the site's HTML pages → the pages (site-relative) that contain it."""
    pages: dict[str, list[str]] = defaultdict(list)
    for path in sorted(site.rglob("*.html")):
        finder = _LinkFinder()
        finder.feed(path.read_text(encoding="utf-8", errors="replace"))
        page = path.relative_to(site).as_posix()
        for url in dict.fromkeys(finder.urls):
            pages[url].append(page)
    return dict(pages)


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None  # the final HTTP status, or None when there was no answer
    reason: str

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    @property
    def refused(self) -> bool:
        return self.status in REFUSED


def _request(url: str, method: str, timeout: float) -> tuple[int | None, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked above
            if method == "GET":
                response.read(1024)
            return int(response.status), str(response.reason)
    except urllib.error.HTTPError as error:
        return error.code, str(error.reason)
    except urllib.error.URLError as error:
        return None, f"geen verbinding ({error.reason})"
    except TimeoutError:
        return None, f"geen antwoord binnen {timeout:.0f} seconden"
    except (HTTPException, OSError, ValueError) as error:
        return None, f"fout: {error}"


class _HostLimits:
    """At most PER_HOST requests at the same time to one host."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = {}

    def of(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            return self._semaphores.setdefault(host, threading.Semaphore(self._per_host))


def check_url(url: str, limits: _HostLimits, timeout: float = TIMEOUT_SECONDS) -> Result:
    with limits.of(url):
        status, reason = _request(url, "HEAD", timeout)
        if status is None or status in RETRY_WITH_GET:
            status, reason = _request(url, "GET", timeout)
    return Result(url, status, reason)


def check_all(urls: Iterable[str], *, workers: int = MAX_WORKERS, per_host: int = PER_HOST, timeout: float = TIMEOUT_SECONDS) -> list[Result]:
    limits = _HostLimits(per_host)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda url: check_url(url, limits, timeout), urls))


def report(results: Sequence[Result], pages: dict[str, list[str]]) -> str:
    """The Dutch report: broken links first, with the pages they are on."""
    broken = [r for r in results if not r.ok and not r.refused]
    refused = [r for r in results if r.refused]
    page_count = len({page for found_on in pages.values() for page in found_on})
    lines = [f"{len(results)} verschillende externe links gecontroleerd (gevonden op {page_count} pagina's)."]

    def describe(result: Result) -> list[str]:
        status = f"{result.status} {result.reason}" if result.status is not None else result.reason
        found_on = pages.get(result.url, [])
        shown = ", ".join(found_on[:5]) + (f" en nog {len(found_on) - 5}" if len(found_on) > 5 else "")
        return [f"  ✗ {result.url}", f"      {status}", f"      staat op: {shown}"]

    if broken:
        lines += ["", f"Kapot ({len(broken)}):"]
        for result in broken:
            lines += describe(result)
    if refused:
        lines += ["", f"Geweigerd, mogelijk omdat de website geen robots toelaat; controleer deze met de hand ({len(refused)}):"]
        for result in refused:
            lines += describe(result)
    lines += ["", "Alle externe links werken." if not broken else f"{len(broken)} kapotte link(s) gevonden."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kennisbank-linkcheck", description="Controleer de externe links van de gebouwde site.")
    parser.add_argument("site", nargs="?", default="site", type=Path, help="de map met de gebouwde site (standaard: site)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS, help="seconden per verzoek (standaard: %(default)s)")
    args = parser.parse_args(argv)
    site: Path = args.site
    if not (site / "index.html").is_file():
        print(f"{site} bevat geen gebouwde site; draai eerst 'make build'.", file=sys.stderr)
        return 2
    pages = external_links(site)
    if not pages:
        print("De site heeft geen externe links.")
        return 0
    print(f"{len(pages)} externe links controleren…", flush=True)
    results = check_all(sorted(pages), timeout=args.timeout)
    print(report(results, pages))
    return 1 if any(not r.ok and not r.refused for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
