"""Pages finished and indexed for search in a worker process, beside the build.

MkDocs renders pages one after another on one processor core. What the
project adds to each rendered page needs nothing from MkDocs but the page's
content: sanitizing a contributed story and placing the generated case
sections around it, the glossary tooltips, and the search index (reading the
text, adding word forms, feeding Pagefind). A forked worker does all of that
on the other core. `add` sends a page down one pipe; the finished content
comes back up another, read by a thread, so neither side ever blocks on a
full pipe. MkDocs renders every page's content before it fills in any
template: `finished` hands the finished contents back at that point, and
`write` lets Pagefind write its bundle while MkDocs writes the pages. So the
worker finishes pages first; when no page waits, it makes the other files
the build asks for (the open data) and then indexes pages for search.
Whatever fails in the worker comes back as an error, before a page is
written.
"""

from __future__ import annotations

import contextlib
import fcntl
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from multiprocessing.connection import Connection
from pathlib import Path

from . import case_page
from .glossary_terms import GlossaryMarker
from .index import Index
from .sanitize import sanitize_html
from .search_index import IndexBuilder, SearchIndexReport

BACKGROUND_NICENESS = 19  # the lowest priority: the worker takes what the build leaves
PIPE_BYTES = 1 << 20  # Linux's default limit for an unprivileged process
FINISH_TIMEOUT = 900.0  # seconds; the bundle of 10,000 pages is written well within a minute


class PageWorkerError(RuntimeError):
    pass


@dataclass(frozen=True)
class PageJob:
    """One rendered page and what the worker needs to finish it."""

    url: str  # site-relative
    content: str  # as MkDocs rendered it from Markdown
    title: str  # shown as the page's h1 where the content has none
    case_slug: str | None = None  # a contributed case: sanitize its story, add the generated sections
    taken_anchors: frozenset[str] = frozenset()  # anchors the rendered content already uses
    mark_terms: bool = True  # glossary tooltips (not on the glossary itself)


@dataclass(frozen=True)
class FinishedPage:
    """A page's content as readers get it, and for a case the generated headings its table of contents lacks."""

    content: str
    headings: case_page.Headings | None = None


class PageFinisher:
    """What the project adds to a rendered page, the same in the worker and in tests."""

    def __init__(self, index: Index, permalink_title: str) -> None:
        self._index = index
        self._marker = GlossaryMarker(index.content.glossary)
        self._permalink_title = permalink_title

    def finish(self, job: PageJob) -> FinishedPage:
        """The page as readers get it."""
        content, headings = job.content, None
        if job.case_slug is not None:
            case = self._index.cases[job.case_slug]
            content, headings = case_page.assemble(case, self._index, sanitize_html(content), job.taken_anchors, self._permalink_title)
        return FinishedPage(self._marker.mark(content) if job.mark_terms else content, headings)


def searched_content(job: PageJob, content: str) -> str:
    """What the template shows inside data-pagefind-body: Material adds the title when the content has no h1."""
    return content if "<h1" in content else f"<h1>{escape(job.title)}</h1>{content}"


def _work(index: Index, docs_dir: Path, permalink_title: str, files: Mapping[str, Callable[[], str]], jobs: Connection, results: Connection) -> None:
    """The worker: finish each page and send it back at once; make the files and index the pages when no page is waiting.

    The build cannot write a page before every page is finished and every
    file is made, while the search bundle is only needed at the very end: so
    finishing goes first, then the files, and finished pages wait in
    `backlog` to be indexed in the gaps, and at the latest when the bundle
    is asked for.
    """
    # MkDocs renders and writes the pages on the other core and nothing can go faster than that: when both
    # cores are busy (Pagefind, started from here, runs beside this worker), the build goes first.
    os.nice(BACKGROUND_NICENESS)
    builder: IndexBuilder | None = None
    error: str | None = None
    reported = False  # the first error goes back at once, only once: a second message nobody reads could fill the pipe
    backlog: deque[tuple[PageJob, str]] = deque()
    to_make, made = dict(files), dict[str, str]()
    try:
        finisher = PageFinisher(index, permalink_title)
        builder = IndexBuilder(index, docs_dir)
    except Exception as problem:
        error = f"{type(problem).__name__}: {problem}"

    def make_one() -> str | None:
        name = next(iter(to_make))
        try:
            made[name] = to_make.pop(name)()
        except Exception as problem:
            return f"{name}: {type(problem).__name__}: {problem}"
        if not to_make:
            results.send(("files", made))
        return None

    def index_one() -> str | None:
        job, content = backlog.popleft()
        try:
            assert builder is not None
            builder.add(job.url, searched_content(job, content))
        except Exception as problem:
            return f"{job.url}: {type(problem).__name__}: {problem}"
        return None

    def end(message: tuple[str, ...], failure: str | None) -> None:
        """The last message: write the bundle if asked and nothing failed, else stop Pagefind and say why (once)."""
        if message[0] == "write" and builder is not None:
            while backlog and failure is None:
                failure = index_one()
            if failure is None:
                try:
                    results.send(("done", builder.finish(Path(message[1]))))
                    return
                except Exception as problem:
                    failure = f"{type(problem).__name__}: {problem}"
        if builder is not None:
            builder.abort()
        if not reported:
            results.send(("error", failure or "afgebroken"))

    while True:
        if (to_make or backlog) and error is None and not jobs.poll():
            error = make_one() if to_make else index_one()
        else:
            message = jobs.recv()
            if message[0] != "page":
                end(message, error)
                return
            job: PageJob = message[1]
            if error is None:
                try:
                    page = finisher.finish(job)
                    results.send(("finished", job.url, page))
                    backlog.append((job, page.content))
                except Exception as problem:
                    error = f"{job.url}: {type(problem).__name__}: {problem}"
        if error is not None and not reported:
            results.send(("error", error))
            reported = True


def _widen(pipe: Connection) -> None:
    """Let the pipe to the worker hold many pages, so the build goes on while the worker catches up after a busy moment.

    Linux only (elsewhere the pipe keeps its 64 kB); the size stays within what the system allows.
    """
    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), setting, PIPE_BYTES)


class PageWorker:
    """One build's worker: `add` every page, take the `finished` contents, `write` the search bundle, then `finish` (or `abort`)."""

    def __init__(self, index: Index, docs_dir: Path, permalink_title: str, files: Mapping[str, Callable[[], str]] | None = None) -> None:
        """`files` are made by the worker too, by name: whatever the build needs that takes time and no page."""
        # Forked, so the worker starts with the index already in memory: nothing is copied or loaded twice.
        context = multiprocessing.get_context("fork")
        worker_jobs, self._jobs = context.Pipe(duplex=False)
        _widen(self._jobs)
        self._results, worker_results = context.Pipe(duplex=False)
        self._worker = context.Process(
            target=_work, args=(index, docs_dir, permalink_title, files or {}, worker_jobs, worker_results), name="kennisbank-pagina's", daemon=True
        )
        self._worker.start()
        worker_jobs.close()
        worker_results.close()
        self._changed = threading.Condition()
        self._finished: dict[str, FinishedPage] = {}
        self._files: dict[str, str] | None = None if files else {}
        self._sent = 0
        self._received = 0
        self._error: str | None = None
        self._report: SearchIndexReport | None = None
        self._ended = False
        self._handed_over = 0.0
        self._write_asked = False
        self._reader = threading.Thread(target=self._read_results, name="kennisbank-paginas-terug", daemon=True)
        self._reader.start()

    def add(self, job: PageJob) -> None:
        """Hand a rendered page to the worker; its finished content comes back through `finished`."""
        started = time.perf_counter()
        try:
            self._jobs.send(("page", job))
        except OSError:  # the worker is gone: say so instead of a broken pipe
            self._worker.join(timeout=5)
            raise PageWorkerError(self._stopped_reason(True)) from None
        self._sent += 1
        self._handed_over += time.perf_counter() - started

    def finished(self) -> dict[str, FinishedPage]:
        """Every page added so far, finished, by URL. Waits for the worker; raises what failed there."""
        started = time.perf_counter()
        with self._changed:
            self._wait_for(lambda: self._received >= self._sent)
            self._handed_over += time.perf_counter() - started
            finished, self._finished = self._finished, {}
            self._sent = self._received = 0
        return finished

    def made_files(self) -> dict[str, str]:
        """The files asked for at the start, by name. Waits for the worker; raises what failed there."""
        with self._changed:
            self._wait_for(lambda: self._files is not None)
            assert self._files is not None
            return self._files

    def write(self, site_dir: Path) -> None:
        """Every page is in: let the worker write the search bundle to `<site_dir>/pagefind/` while the build goes on."""
        if not self._write_asked:
            with contextlib.suppress(BrokenPipeError):
                self._jobs.send(("write", str(site_dir)))
            self._write_asked = True

    def finish(self, site_dir: Path) -> tuple[SearchIndexReport, float]:
        """Wait for the search bundle: the worker's report, and the seconds the build spent handing over and waiting."""
        started = time.perf_counter()
        try:
            self.write(site_dir)
            with self._changed:
                self._wait_for(lambda: self._report is not None)
                assert self._report is not None
                report = self._report
        finally:
            self._stop()
        return report, self._handed_over + time.perf_counter() - started

    def abort(self) -> None:
        """Stop the worker and Pagefind after a failed build."""
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, OSError):
            self._jobs.send(("abort",))
        self._stop()

    def _wait_for(self, ready: Callable[[], bool]) -> None:
        """Wait, holding `_changed`, until `ready`; raise what failed in the worker, or that it stopped or took too long."""
        done = self._changed.wait_for(lambda: ready() or self._error is not None or self._ended, FINISH_TIMEOUT)
        if self._error is not None:
            raise PageWorkerError(self._error)
        if not ready():
            raise PageWorkerError(self._stopped_reason(done))

    def _stopped_reason(self, done: bool) -> str:
        if not done:
            return f"het werk aan de pagina's was na {FINISH_TIMEOUT:.0f} s nog niet klaar"
        return f"het proces voor de pagina's en de zoekindex is gestopt (code {self._worker.exitcode})"

    def _read_results(self) -> None:
        try:
            while True:
                message = self._results.recv()
                with self._changed:
                    if message[0] == "finished":
                        self._finished[message[1]] = message[2]
                        self._received += 1
                    elif message[0] == "files":
                        self._files = message[1]
                    elif message[0] == "done":
                        self._report = message[1]
                    elif self._error is None:
                        self._error = str(message[1])
                    self._changed.notify_all()
                if message[0] not in ("finished", "files"):
                    return
        except (EOFError, OSError):
            pass
        finally:
            with self._changed:
                self._ended = True
                self._changed.notify_all()

    def _stop(self) -> None:
        self._worker.join(timeout=10)
        if self._worker.is_alive():
            self._worker.kill()
            self._worker.join()
        self._jobs.close()
        self._reader.join(timeout=10)
        self._results.close()
