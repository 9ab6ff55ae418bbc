"""Rebuilding into a site folder that holds the previous build (`make serve`): which outputs are stale.

MkDocs' dirty build renders only a page whose output is missing or older
than its source; it cannot know that a theme's page lists a case that just
changed. The engine can: a page's fingerprint is a hash of everything its
HTML is made from (its Markdown, its record in `pages.inputs`, the menu,
the settings, templates, data files and code). Each build records the
fingerprints of what it wrote in `.cache/kennisbank/voorbeeld/<site>/`;
the next build into the same folder deletes the output of every page whose
fingerprint changed, of every page the menu lists without a title (MkDocs
reads that title from the page) and of every file that is gone, so that
MkDocs' dirty build remakes exactly those. While a build runs, the record
holds only what stays true whatever part of it the build gets done
(`while_building`): a build that fails halfway leaves the next one a record
it can rebuild from, never one that vouches for a page the failed build
changed or forgets a file it must remove. A new folder is built in full;
after that, the search documents of that build are kept beside the record
and updated page by page. While the last rebuild failed, the server
answers every page with the problems instead (`FailedRebuilds`). It
answers each request on a thread of its own and logs every answer but a
200 as a warning: that is never a problem of the build running meanwhile
(`NotTheServer`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import signal
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PREVIEW_DIR = "voorbeeld"
RECORD = "vorige-build.json"
DOCUMENTS = "documenten"  # the search documents of the pages in the folder, updated page by page
DOCUMENT_KEYS = "documenten.json"  # per page URL, the key of the document written for it
PAGEFIND_PID = "pagefind.pid"
SITE_FOLDER = "map.txt"  # which site folder this record is of
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})


def is_local_preview(site_url: str) -> bool:
    """Whether the site is served on this machine (`mkdocs serve`), where search may trail the pages by a few seconds."""
    return urlsplit(site_url).hostname in LOCAL_HOSTS


def preview_folder(cache_folder: Path, site_dir: Path) -> Path:
    """Where the record of the builds into `site_dir` is kept."""
    return cache_folder / PREVIEW_DIR / hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SiteRecord:
    """What one build wrote into a site folder: every file, and the fingerprint of every page by its output path."""

    site_dir: str
    pages: dict[str, str]
    files: tuple[str, ...]


def read_record(folder: Path, site_dir: Path) -> SiteRecord | None:
    """The record of the last build into `site_dir`, if it is whole and every page it vouches for is still there.

    A file it lists that is missing is made again by MkDocs' dirty build itself.
    """
    try:
        stored = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        record = SiteRecord(str(stored["site_dir"]), dict(stored["pages"]), tuple(stored["files"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if record.site_dir != str(site_dir.resolve()) or not all(isinstance(v, str) for v in record.pages.values()):
        return None
    if not all((site_dir / path).is_file() for path in record.pages):
        return None  # cleaned, or changed by hand: build it in full
    return record


def begin_build(folder: Path, site_dir: Path, meanwhile: SiteRecord) -> None:
    """The site folder is about to change: until the build is done, the record is `meanwhile` (see `while_building`)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SITE_FOLDER).write_text(str(site_dir.resolve()), encoding="utf-8")
    write_record(folder, meanwhile)


def remove_abandoned(cache_folder: Path) -> None:
    """Delete the records of site folders that are gone: `mkdocs serve` builds into a new temporary folder
    each time it starts and removes it when it stops, so each start would leave a copy of the search documents."""
    for folder in (cache_folder / PREVIEW_DIR).glob("*/"):
        try:
            site_dir = Path((folder / SITE_FOLDER).read_text(encoding="utf-8"))
        except OSError:
            site_dir = None
        if site_dir is None or not site_dir.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def write_record(folder: Path, record: SiteRecord) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"site_dir": record.site_dir, "pages": record.pages, "files": list(record.files)}
    (folder / RECORD).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@dataclass(frozen=True)
class Rebuild:
    """What a build into a folder with a previous build must redo."""

    stale: frozenset[str]  # output paths of pages to render again
    gone: frozenset[str]  # output paths of files the build no longer makes


def plan(previous: SiteRecord, fingerprints: Mapping[str, str], files: Iterable[str], untitled_in_menu: Iterable[str]) -> Rebuild:
    """Pages whose fingerprint changed are stale, and so are the pages the menu lists without a title:
    MkDocs takes such a title from the page itself, and a page it does not make again it does not read.
    Recorded files the build no longer makes are gone."""
    stale = {path for path, print_ in fingerprints.items() if previous.pages.get(path) != print_} | set(untitled_in_menu)
    return Rebuild(frozenset(stale), frozenset(set(previous.files) - set(files)))


def while_building(before: SiteRecord, after: SiteRecord, rebuild: Rebuild) -> SiteRecord:
    """What the folder holds at any moment of the build from `before` to `after`: the pages it leaves alone, and the files of both.

    A build that fails halfway leaves this record behind, so the next one
    makes again every page the failed one may have removed or rewritten, and
    removes every file it does not make itself, such as a deleted case's page.
    """
    pages = {path: print_ for path, print_ in after.pages.items() if path not in rebuild.stale}
    return SiteRecord(after.site_dir, pages, tuple(sorted(set(before.files) | set(after.files))))


def remove_outputs(site_dir: Path, paths: Iterable[str]) -> None:
    """Delete outputs in the site folder (only there, never a source), and folders left empty."""
    root = site_dir.resolve()
    for path in paths:
        target = (root / path).resolve()
        if root not in target.parents or not target.is_file():
            continue
        target.unlink()
        for parent in target.parents:
            if parent == root or any(parent.iterdir()):
                break
            parent.rmdir()


def clear_documents(folder: Path) -> Path:
    """After a whole build into the folder: remove its old search documents; where the build's go, to be updated page by page."""
    shutil.rmtree(folder / DOCUMENTS, ignore_errors=True)
    (folder / DOCUMENT_KEYS).unlink(missing_ok=True)
    return folder / DOCUMENTS


def stop_previous_pagefind(folder: Path) -> None:
    """Stop the Pagefind a previous rebuild started if it still runs: its bundle is outdated, and two may never write one bundle.

    Only a child of this server is stopped: a number left by an earlier run
    of the server may belong to another program by now.
    """
    try:
        pid = int((folder / PAGEFIND_PID).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return
    with contextlib.suppress(ChildProcessError):  # not a child of this server, or already collected
        if os.waitpid(pid, os.WNOHANG) == (0, 0):  # still running (once it ends, its number stays taken until collected)
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    (folder / PAGEFIND_PID).unlink(missing_ok=True)


def error_page(messages: Iterable[str]) -> bytes:
    """The page `make serve` shows for every page while the site cannot be built: the problems, and a reload once they are solved.

    The script asks the server for the site's version, then waits for a
    newer one (MkDocs' own live-reload requests) and reloads the page.
    """
    problems = "".join(f"<li><pre>{escape(message)}</pre></li>" for message in messages) or "<li>Zie het venster waarin make serve draait.</li>"
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>De site kan niet worden gebouwd</title><style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "pre{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #b00020;padding:.75rem}li{list-style:none}ul{padding:0}</style></head><body>"
        "<h1>De site kan niet worden gebouwd</h1>"
        "<p>Er is een probleem met de inhoud. Los het op en sla het bestand op: deze pagina ververst dan vanzelf.</p>"
        f"<ul>{problems}</ul>"
        "<script>(async()=>{const ask=async(v)=>(await fetch(`/livereload/${v}/0`)).text();"
        "const now=Number(await ask(0));for(;;){try{if(Number(await ask(now))>now){location.reload();return}}"
        "catch(e){await new Promise(r=>setTimeout(r,1000))}}})();</script>"
        "</body></html>"
    ).encode()


class NotTheServer(logging.Filter):
    """Lets through everything but what the server logs (`server` names its logger): the build's warnings, not the server's.

    MkDocs' strict mode counts every warning under its logger while a build
    runs, and its server logs each answer but a 200 as one, from the thread
    that answers the request. An error page or a 404 answered while a
    rebuild runs would fail that rebuild, and the error page would stay.
    """

    def __init__(self, server: str) -> None:
        super().__init__(server)

    def filter(self, record: logging.LogRecord) -> bool:
        return not super().filter(record)


class FailedRebuilds:
    """While the last rebuild of a served site failed, every page asked for is the error page; the server's own threads share it.

    `guard` wraps the server's rebuild so that a failure is kept instead of
    raised (the server would hold every request until a good build, or stop
    on an exit()); `app` wraps its WSGI application to answer page requests
    with `error_page`.
    """

    def __init__(self, logger: str, server: str) -> None:
        """`logger` is the one builds log under; `server` the server's own, below it."""
        self._logger, self._server = logger, server
        self.problems: list[str] = []  # of the last rebuild; empty when it succeeded

    def guard(self, rebuild: Callable[[], None]) -> Callable[[], None]:
        def guarded() -> None:
            found = _Collected()
            found.addFilter(NotTheServer(self._server))  # the problems of this rebuild, not the server's answers meanwhile
            logger = logging.getLogger(self._logger)
            logger.addHandler(found)
            try:
                rebuild()
                self.problems = []
            except (Exception, SystemExit) as error:  # mkdocs-macros ends a build with exit() on a macro error; the server goes on
                self.problems = found.messages or [str(error)]
                logging.getLogger(__name__).error("De site kan niet worden gebouwd; de browser toont waarom.")
            finally:
                logger.removeHandler(found)

        return guarded

    def app(self, serve: Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
        def answer(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            path, problems = str(environ.get("PATH_INFO", "")), self.problems
            if problems and path.endswith(("/", ".html")):
                start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8")])
                return [error_page(problems)]
            return serve(environ, start_response)

        return answer


class _Collected(logging.Handler):
    """The warnings and errors of one rebuild."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
