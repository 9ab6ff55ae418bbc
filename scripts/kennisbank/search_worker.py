"""The search index made in a worker process, so the build itself only hands over pages.

MkDocs renders pages one after another on one processor core. Reading the
search text out of a page, adding word forms and feeding Pagefind needs
nothing from the build but the page's content, so a forked worker does it on
the other core: `add` only sends the content down a pipe. MkDocs renders the
content of every page before it fills in any template, so `write` can start
the bundle while the pages are still being written; `finish` waits for it.
Whatever fails in the worker comes back from `finish` as an error; the worker
keeps reading pages until then, so the build never blocks on a full pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from multiprocessing.connection import Connection
from pathlib import Path

from .index import Index
from .search_index import IndexBuilder, SearchIndexReport

FINISH_TIMEOUT = 900.0  # seconds; the bundle of 10,000 pages is written well within a minute


class SearchIndexError(RuntimeError):
    pass


def _work(index: Index, docs_dir: Path, pages: Connection) -> None:
    """The worker: build the index from the pages that arrive, answer `write` with a report or an error."""
    builder: IndexBuilder | None = None
    error: str | None = None
    try:
        builder = IndexBuilder(index, docs_dir)
    except Exception as problem:
        error = f"{type(problem).__name__}: {problem}"
    while True:
        message = pages.recv()
        if message[0] == "page":
            if builder is not None and error is None:
                try:
                    builder.add(message[1], message[2])
                except Exception as problem:
                    error = f"{type(problem).__name__}: {problem}"
            continue
        if message[0] == "write" and builder is not None and error is None:
            try:
                pages.send(("done", builder.finish(Path(message[1]))))
                return
            except Exception as problem:
                error = f"{type(problem).__name__}: {problem}"
        if builder is not None:
            builder.abort()
        pages.send(("error", error or "afgebroken"))
        return


class SearchIndexer:
    """One build's search index: `add` every page's content, `write` once all are in, then `finish` (or `abort`)."""

    def __init__(self, index: Index, docs_dir: Path) -> None:
        # Forked, so the worker starts with the index already in memory: nothing is copied or loaded twice.
        context = multiprocessing.get_context("fork")
        self._pages, worker_end = context.Pipe()
        self._worker = context.Process(target=_work, args=(index, docs_dir, worker_end), name="kennisbank-zoekindex", daemon=True)
        self._worker.start()
        worker_end.close()
        self._handed_over = 0.0
        self._write_asked = False

    def add(self, url: str, content: str) -> None:
        """Hand a page's rendered content to the worker, at the page's site-relative URL."""
        started = time.perf_counter()
        self._pages.send(("page", url, content))
        self._handed_over += time.perf_counter() - started

    def write(self, site_dir: Path) -> None:
        """Every page is in: let the worker write the bundle to `<site_dir>/pagefind/` while the build goes on."""
        if not self._write_asked:
            self._pages.send(("write", str(site_dir)))
            self._write_asked = True

    def finish(self, site_dir: Path) -> tuple[SearchIndexReport, float]:
        """Wait for the bundle: the worker's report, and the seconds the build spent on search."""
        started = time.perf_counter()
        try:
            self.write(site_dir)
            if not self._pages.poll(FINISH_TIMEOUT):
                raise SearchIndexError(f"de zoekindex was na {FINISH_TIMEOUT:.0f} s nog niet klaar")
            status, result = self._pages.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            raise SearchIndexError(f"het proces voor de zoekindex is gestopt (code {self._worker.exitcode})") from None
        finally:
            self._stop()
        if status != "done":
            raise SearchIndexError(str(result))
        assert isinstance(result, SearchIndexReport)
        return result, self._handed_over + time.perf_counter() - started

    def abort(self) -> None:
        """Stop the worker and Pagefind after a failed build."""
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._pages.send(("abort",))
        self._stop()

    def _stop(self) -> None:
        self._worker.join(timeout=10)
        if self._worker.is_alive():
            self._worker.kill()
            self._worker.join()
        self._pages.close()
