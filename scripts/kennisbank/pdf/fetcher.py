"""The only way WeasyPrint may load anything: files inside one source directory.

Workbooks are built from contributed text, so a case could ask for
`file:///etc/passwd` as an attachment or for an image on a remote server.
The page builder already leaves such references out; this fetcher is the
backstop: it serves regular files under its directory and stops the whole
build on anything else, so a mistake cannot pass silently.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# A fixed table: `mimetypes` would read /etc/mime.types, a file outside the allowed directory.
CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".svg": "image/svg+xml"}


class ForbiddenFetch(FatalURLFetchingError):  # type: ignore[misc]  # WeasyPrint has no type hints
    """WeasyPrint asked for something outside the allowed directory."""


class SourceDirFetcher(URLFetcher):  # type: ignore[misc]
    """Serve `file:` URLs inside `root` and refuse everything else, loudly."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
        self.root = root.resolve()
        self.served: list[Path] = []

    def _allowed_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ForbiddenFetch(f"PDF: geweigerd om {url!r} op te halen; alleen bestanden in {self.root} mogen in een pdf")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ForbiddenFetch(f"PDF: geweigerd om {url!r} te lezen; alleen bestanden in {self.root} mogen in een pdf")
        return path

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = self._allowed_path(url)
        self.served.append(path)
        content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type})
