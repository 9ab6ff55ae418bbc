"""MkDocs adapter: the only module that knows MkDocs.

It runs the engine once per build (files → model → index), adds the
generated pages and decorates module and lesson pages; their lists of cases
skip Markdown and are put back after rendering. Every rendered page goes to
the page worker, which sanitizes contributed cases, adds the generated case
sections and glossary tooltips and indexes the page for search beside the
build; it makes the open data there too. The finished contents and files are
put in place before anything is written. Replacing MkDocs means replacing
this file only.
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from kennisbank import case_page, exports, render
from kennisbank.browser_page import browser_page
from kennisbank.case_body import case_images
from kennisbank.contact import load_contact
from kennisbank.index import Index, load_index
from kennisbank.lesson_page import lesson_markdown, module_markdown
from kennisbank.loader import CASES_DIR
from kennisbank.markdown_bypass import MarkdownBypass
from kennisbank.page_worker import PageJob, PageWorker, PageWorkerError
from kennisbank.problems import ContentError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

log = logging.getLogger("mkdocs.hooks.kennisbank")
INDEX_KEY = "kennisbank_index"
CONTACT_KEY = "kennisbank_contact"
# The worker of the build in progress, and the pages it is finishing, by URL.
_worker: PageWorker | None = None
_unfinished: dict[str, Page] = {}
# Lists of cases on generated, module and lesson pages skip Markdown (see markdown_bypass).
_bypass = MarkdownBypass()


def _index(config: MkDocsConfig) -> Index:
    index = config.extra.get(INDEX_KEY)
    assert isinstance(index, Index), "on_config did not build the index"
    return index


# Runs before mkdocs-macros (priority 0), whose define_env reads the index.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        index = load_index(root)
        contact = load_contact(root)
    except ContentError as error:
        raise PluginError(f"De inhoud is niet geldig; de site wordt niet gebouwd.\n{error}") from None
    config.extra[INDEX_KEY] = index
    config.extra[CONTACT_KEY] = contact  # shown in every page's footer
    nav = config.nav or []
    config.nav = [{"Leren": render.learning_nav(index)} if isinstance(item, dict) and "Leren" in item else item for item in nav]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    index = _index(config)
    generated = {case.src_uri: case_page.case_markdown(case, index) for case in index.cases.values()}
    generated["casussen/index.md"] = render.cases_overview(index)
    generated["casussen/verkennen.md"] = browser_page(index)
    generated.update(render.facet_pages(index))
    generated["begrippen.md"] = render.glossary_page(index)
    # The data files are made by the page worker and filled in by on_env, before anything is written.
    generated.update(dict.fromkeys(_data_files(index, config), ""))
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"{src_uri} wordt door de build gemaakt; verwijder het bestand uit docs/")
        files.append(File.generated(config, src_uri, content=content))
    for image in case_images(index.content.root / CASES_DIR):
        files.append(File.generated(config, f"casussen/{image.name}", abs_src_path=str(image)))
    return files


def _data_files(index: Index, config: MkDocsConfig) -> dict[str, Callable[[], str]]:
    """Open data, feed and the case browser's data, all from the same index: how to make each, by path in the site."""
    site_url, site_name = config.site_url or "/", config.site_name
    return {
        "open-data/cases.json": lambda: exports.cases_json(index, site_url),
        "open-data/cases.csv": lambda: exports.cases_csv(index, site_url),
        "open-data/case.schema.json": lambda: json.dumps(exports.open_data_schema(index.taxonomy), ensure_ascii=False, indent=2) + "\n",
        "feed.xml": lambda: exports.atom_feed(index, site_url, site_name),
        "assets/casussen-verkennen.json": lambda: exports.browser_data(index),
        "assets/casussen-verkennen-tekst.json": lambda: exports.browser_texts(index),
    }


def _is_case(page: Page, index: Index) -> bool:
    src = page.file.src_uri
    return src.startswith("casussen/") and src.count("/") == 1 and src[len("casussen/") : -3] in index.cases


# Runs before mkdocs-macros so that a case can never switch macro rendering on.
@event_priority(100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    index = _index(config)
    src = page.file.src_uri
    parts = src.split("/")
    is_case = _is_case(page, index)
    if page.file.generated_by is not None or is_case:
        page.meta["render_macros"] = False
    elif len(parts) == 3 and parts[0] == "leren" and parts[2] == "index.md" and parts[1] in index.modules:
        module = index.modules[parts[1]]
        page.meta.update(title=module.title, description=module.summary)
        markdown = module_markdown(module, markdown, index)
    elif len(parts) == 3 and parts[0] == "leren" and f"{parts[1]}/{parts[2][:-3]}" in index.lessons:
        lesson = index.lessons[f"{parts[1]}/{parts[2][:-3]}"]
        page.meta.update(title=lesson.title, description=lesson.summary)
        markdown = lesson_markdown(lesson, markdown, index)
    # A contributed story goes through Markdown and the filter exactly as written.
    return markdown if is_case else _bypass.hold(markdown)


def _add_case_headings(page: Page, headings: case_page.Headings) -> None:
    """A case page's generated headings, placed by the worker around the story, go into its table of contents."""
    items = page.toc.items
    entries = items[0].children if items and items[0].level == 1 else items
    entries[:0] = [AnchorLink(escape(h.title), h.anchor, 2) for h in headings.before]
    entries += [AnchorLink(escape(h.title), h.anchor, 2) for h in headings.after]
    page.present_anchor_ids = (page.present_anchor_ids or set()) | {h.anchor for h in headings.before + headings.after}


def _unfinishable(error: PageWorkerError) -> PluginError:
    return PluginError(f"De site kon niet worden afgemaakt: {error}")


# Runs after any other plugin, so the worker finishes the page as everything else left it.
@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """Hand the rendered page to the worker, which sanitizes and finishes it; `on_env` puts the result in place."""
    index = _index(config)
    assert _worker is not None, "on_pre_build did not start the page worker"
    if _is_case(page, index):
        # The worker places the case's generated headings clear of the anchors the story already uses.
        case_slug, taken = page.file.src_uri[len("casussen/") : -3], frozenset(page.present_anchor_ids or ())
    else:
        case_slug, taken = None, frozenset[str]()
        html = _bypass.restore(html)
    job = PageJob(page.url, html, page.title or "", case_slug=case_slug, taken_anchors=taken, mark_terms=page.file.src_uri != "begrippen.md")
    try:
        _worker.add(job)
    except PageWorkerError as error:
        raise _unfinishable(error) from error
    _unfinished[page.url] = page
    return html


def on_pre_build(config: MkDocsConfig) -> None:
    global _worker, _bypass
    _bypass = MarkdownBypass()
    if _worker is not None:  # a rebuild under `mkdocs serve` after a failed one
        _worker.abort()
    _unfinished.clear()
    permalink_title = str((config.mdx_configs or {}).get("toc", {}).get("permalink_title", ""))
    index = _index(config)
    # The index stays as it is for the whole build: the collector need not walk it again, here and in the forked worker.
    gc.freeze()
    _worker = PageWorker(index, Path(config.docs_dir), permalink_title, _data_files(index, config))


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page is rendered: put the finished contents in place before any page is written, then let the search bundle be written meanwhile."""
    assert _worker is not None, "on_pre_build did not start the page worker"
    try:
        finished = _worker.finished()
        made = _worker.made_files()
    except PageWorkerError as error:
        raise _unfinishable(error) from error
    for src_uri, content in made.items():
        made_file = files.get_file_from_path(src_uri)
        assert made_file is not None, f"on_files did not add {src_uri}"
        made_file.content_string = content
    missing = sorted(url for url in _unfinished if url not in finished)
    if missing:  # never publish a page as MkDocs rendered it: a case's story would not be sanitized
        raise PluginError(f"Deze pagina's kwamen niet klaar: {', '.join(missing[:5])}")
    lost = _bypass.still_held()
    if lost:  # a page would lack its list of cases
        raise PluginError(f"{lost} lijst(en) met casussen kwamen niet op hun pagina terug")
    for url, page in _unfinished.items():
        done = finished[url]
        page.content = done.content
        if done.headings is not None:
            _add_case_headings(page, done.headings)
    _unfinished.clear()
    _worker.write(Path(config.site_dir))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Wait for the header search's index (Pagefind), under `mkdocs build` and `mkdocs serve`."""
    global _worker
    assert _worker is not None, "on_pre_build did not start the page worker"
    worker, _worker = _worker, None
    gc.unfreeze()
    try:
        report, waited = worker.finish(Path(config.site_dir))
    except Exception as error:  # Pagefind reports its failures as plain exceptions
        raise PluginError(f"De zoekindex kon niet worden gemaakt: {error}") from error
    log.info(
        "Zoekindex: %d pagina's, %d extra woordvormen; %.1f s werk naast de build, waarvan de build %.1f s wachtte",
        report.pages,
        report.extra_terms,
        report.seconds,
        waited,
    )


def on_build_error(error: Exception) -> None:
    global _worker
    gc.unfreeze()
    if _worker is not None:
        _worker.abort()
        _worker = None
    _unfinished.clear()
