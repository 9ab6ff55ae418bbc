"""MkDocs adapter: the only module that knows MkDocs.

Each event hands one step to the engine's `SiteBuild` (kennisbank.build), kept
in `config.extra`. A plugin (see pyproject.toml), not a hooks file: MkDocs keeps
it, and so the engine's `Memory`, for all builds of one `mkdocs serve`, so a
rebuild redoes only what an edit changed. Replacing MkDocs means replacing this file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from kennisbank.build import CONFIG_KEY, SiteBuild
from kennisbank.cache import Memory
from kennisbank.content.problems import ContentError
from kennisbank.pages.parts import AssembledPage
from kennisbank.preview import FailedRebuilds, NotTheServer
from kennisbank.search.bundle import SearchError
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


class _DirtyNotice(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave menus and links stale: the engine sees to that, and strict mode would stop on it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class _GeneratedPage(File):
    """A page the build makes; a dirty rebuild renders it again only when the engine deleted its output."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


def _log_of_this_build_only() -> None:
    """Under `mkdocs serve`, what a build logs and strict mode counts is that build's own.

    The server logs its answers (the error page, a 404) from threads of its
    own while a rebuild runs: those do not count (`NotTheServer`). And
    MkDocs drops a message its build log showed before in the same process
    (`DuplicateFilter`): the same mistake saved again would show no problem.
    """
    for counter in logging.getLogger(ENGINE_LOGGER).handlers:
        if isinstance(counter, CountHandler):
            counter.addFilter(NotTheServer(SERVER_LOGGER))
    for shown in mkdocs_build.log.filters:
        if isinstance(shown, DuplicateFilter):
            shown.msgs.clear()


def _build(config: MkDocsConfig) -> SiteBuild:
    build = config.extra.get(CONFIG_KEY)
    assert isinstance(build, SiteBuild), "on_config did not read the content"
    return build


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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._memory = Memory(adapter=Path(__file__)) if command == "serve" else None
        if dirty and not any(isinstance(f, _DirtyNotice) for f in mkdocs_build.log.filters):
            mkdocs_build.log.addFilter(_DirtyNotice())

    # Runs before mkdocs-macros (priority 0), whose define_env reads the index.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._memory is not None:  # serving
            _log_of_this_build_only()
            if self._memory.code_changed():
                raise PluginError("De code in scripts/ is veranderd sinds make serve startte; stop het (Ctrl+C) en start het opnieuw.")
        permalink_title = str((config.mdx_configs or {}).get("toc", {}).get("permalink_title", ""))
        root, site_url = Path(config.config_file_path).parent, config.site_url or "/"
        try:
            build = SiteBuild(
                root, site_url=site_url, site_name=config.site_name, permalink_title=permalink_title, edit_uri=config.edit_uri, memory=self._memory
            )
        except ContentError as error:
            raise PluginError(f"De inhoud is niet geldig; de site wordt niet gebouwd.\n{error}") from None
        config.extra[CONFIG_KEY] = build
        config.extra[CONTACT_KEY] = build.contact
        config.nav = build.nav(config.nav or [])
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = _build(config)
        try:
            generated = build.generated_pages() | build.data_files()
        except Exception as error:  # a site without its lists or open data is not published
            raise PluginError(f"De gemaakte pagina's en open data konden niet worden gemaakt: {type(error).__name__}: {error}") from error
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{src_uri} wordt door de build gemaakt; verwijder het bestand uit docs/")
            files.append((_GeneratedPage if src_uri.endswith(".md") else File).generated(config, src_uri, content=content))
        for image in build.case_images():
            files.append(File.generated(config, f"casussen/{image.name}", abs_src_path=str(image)))
        build.plan_rebuild(Path(config.site_dir), files, config.nav or [])
        return files

    # Runs before mkdocs-macros so that a case can never switch macro rendering on.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        source = _build(config).page_markdown(page.file.src_uri, markdown, generated=page.file.generated_by is not None)
        page.meta.update(source.meta)
        return source.markdown

    # Runs after any other plugin, so the page is finished as everything else left it.
    @event_priority(-100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
        try:
            finished = _build(config).finish_page(page.file.src_uri, page.url, page.title or "", html, frozenset(page.present_anchor_ids or ()))
        except Exception as error:  # never publish a page as MkDocs rendered it: a case's story would not be sanitized
            raise PluginError(f"De pagina {page.file.src_uri} kon niet worden afgemaakt: {type(error).__name__}: {error}") from error
        _add_headings(page, finished)
        return finished.content

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Every page is finished and none is written yet: Pagefind can start on the search documents."""
        env.bytecode_cache = self._memory.templates if self._memory is not None else None
        try:
            _build(config).start_search()
        except SearchError as error:
            raise PluginError(f"De zoekindex kon niet worden gemaakt: {error}") from None
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        """The header search's index (Pagefind), under `mkdocs build` and `mkdocs serve`."""
        build = _build(config)
        try:
            report = build.write_search(Path(config.site_dir))
        except SearchError as error:
            raise PluginError(f"De zoekindex kon niet worden gemaakt: {error}") from None
        build.record_build(Path(config.site_dir))
        log.info("Zoekindex: %s. Opnieuw gemaakt: %s", report.summary, build.cache.summary())

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
        """A rebuild that fails shows its Dutch problems on every page the browser asks for, instead of holding every request."""
        server.build_delay = max(server.build_delay, AUTOSAVE_PAUSE)  # a burst of saves is one rebuild
        failures = FailedRebuilds(ENGINE_LOGGER, SERVER_LOGGER)
        server.builder = failures.guard(server.builder)
        server.set_app(failures.app(server.serve_request))
        return server
