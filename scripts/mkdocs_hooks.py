"""MkDocs adapter, the only module that knows MkDocs: each event hands one step to the engine's `SiteBuild`.

A plugin (see pyproject.toml), not a hooks file: MkDocs keeps it, and so the engine's `Memory`, for all builds of
one `mkdocs serve`, so a rebuild redoes only what an edit changed. Replacing MkDocs means replacing this file.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import jinja2
from kennisbank.build import CONFIG_KEY, SiteBuild
from kennisbank.cache import Memory
from kennisbank.content.problems import StopsTheBuild
from kennisbank.pages.parts import AssembledPage
from kennisbank.preview import FailedRebuilds, NotTheServer
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import CountHandler, DuplicateFilter

log = logging.getLogger("mkdocs.plugins.kennisbank")
CONTACT_KEY = "kennisbank_contact"  # the footer template shows the contact details from here
ENGINE_LOGGER = mkdocs_build.__name__.partition(".")[0]  # 'mkdocs', or 'properdocs' under ProperDocs: strict mode counts its warnings
SERVER_LOGGER = LiveReloadServer.__module__  # where the live-reload server logs each request it answered
AUTOSAVE_PAUSE = 0.75  # seconds without a change before a rebuild starts: longer than the server's 0.5 s between looks
P = ParamSpec("P")
R = TypeVar("R")


def _stops_in_dutch(event: Callable[P, R]) -> Callable[P, R]:
    """An engine step that fails stops the build with its Dutch message, as MkDocs shows a plugin's: without a traceback."""

    @functools.wraps(event)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return event(*args, **kwargs)
        except StopsTheBuild as error:
            raise PluginError(error.headline + str(error)) from error

    return run


def _no_dirty_notice(record: logging.LogRecord) -> bool:
    """Drops MkDocs' warning that a dirty build may leave menus and links stale: the engine sees to that, and strict mode would stop on it."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _GeneratedPage(File):
    """A page the build makes; a dirty rebuild renders it again only when the engine deleted its output."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


def _log_of_this_build_only() -> None:
    """Under `mkdocs serve`, what a build logs and strict mode counts is its own: not the server's answers during a
    rebuild (`NotTheServer`), and again a message shown before (`DuplicateFilter`), or a mistake saved twice shows nothing."""
    for counter in logging.getLogger(ENGINE_LOGGER).handlers:
        if isinstance(counter, CountHandler):
            counter.addFilter(NotTheServer(SERVER_LOGGER))
    for shown in mkdocs_build.log.filters:
        if isinstance(shown, DuplicateFilter):
            shown.msgs.clear()


def _add_headings(page: Page, finished: AssembledPage) -> None:
    """The generated sections' headings go into the page's table of contents, around the rendered ones."""
    items = page.toc.items
    entries = items[0].children if items and items[0].level == 1 else items
    entries[:0] = [AnchorLink(escape(h.title), h.anchor, 2) for h in finished.before]
    entries += [AnchorLink(escape(h.title), h.anchor, 2) for h in finished.after]
    page.present_anchor_ids = (page.present_anchor_ids or set()) | {h.anchor for h in (*finished.before, *finished.after)}


class KennisbankPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # no settings; MkDocs' subclass hook is untyped
    def __init__(self) -> None:
        self._memory: Memory | None = None  # shared by the builds of one `mkdocs serve`
        self._site: SiteBuild  # this build's, from on_config on

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._memory = Memory(adapter=Path(__file__)) if command == "serve" else None
        if dirty and _no_dirty_notice not in mkdocs_build.log.filters:
            mkdocs_build.log.addFilter(_no_dirty_notice)

    # Runs before mkdocs-macros (priority 0), whose define_env reads the index.
    @event_priority(100)
    @_stops_in_dutch
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._memory is not None:  # serving
            _log_of_this_build_only()
            if self._memory.code_changed():
                raise PluginError("De code in scripts/ is veranderd sinds make serve startte; stop het (Ctrl+C) en start het opnieuw.")
        permalink_title = str((config.mdx_configs or {}).get("toc", {}).get("permalink_title", ""))
        root, site_url = Path(config.config_file_path).parent, config.site_url or "/"
        build = SiteBuild(root, site_url=site_url, site_name=config.site_name, permalink_title=permalink_title, edit_uri=config.edit_uri, memory=self._memory)
        self._site = config.extra[CONFIG_KEY] = build
        config.extra[CONTACT_KEY] = build.contact
        config.nav = build.nav(config.nav or [])
        return config

    @_stops_in_dutch
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._site
        for src_uri, content in build.site_files().items():
            files.append((_GeneratedPage if src_uri.endswith(".md") else File).generated(config, src_uri, content=content))
        for image in build.case_images():
            files.append(File.generated(config, f"casussen/{image.name}", abs_src_path=str(image)))
        build.plan_rebuild(Path(config.site_dir), files, config.nav or [])
        return files

    # Runs before mkdocs-macros so that a case can never switch macro rendering on.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        source = self._site.page_markdown(page.file.src_uri, markdown, generated=page.file.generated_by is not None)
        page.meta.update(source.meta)
        return source.markdown

    # Runs after any other plugin, so the page is finished as everything else left it.
    @event_priority(-100)
    @_stops_in_dutch
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        finished = self._site.finish_page(page.file.src_uri, page.url, page.title or "", html, frozenset(page.present_anchor_ids or ()))
        _add_headings(page, finished)
        return finished.content

    @_stops_in_dutch
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Every page is finished and none is written yet: Pagefind can start on the search documents."""
        env.bytecode_cache = self._memory.templates if self._memory is not None else None
        self._site.start_search()
        return env

    @_stops_in_dutch
    def on_post_build(self, config: MkDocsConfig) -> None:
        """The header search's index (Pagefind), under `mkdocs build` and `mkdocs serve`."""
        log.info(self._site.end(Path(config.site_dir)))

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
        """A rebuild that fails shows its Dutch problems on every page the browser asks for, instead of holding every request."""
        server.build_delay = max(server.build_delay, AUTOSAVE_PAUSE)  # a burst of saves is one rebuild
        failures = FailedRebuilds(ENGINE_LOGGER, SERVER_LOGGER)
        server.builder = failures.guard(server.builder)
        server.set_app(failures.app(server.serve_request))
        return server
