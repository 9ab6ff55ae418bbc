"""Make every PDF: two workbooks and the worksheets per module, and a case sheet per case.

The HTML is built in this process from the index; WeasyPrint renders the
documents in parallel worker processes. WeasyPrint may only read files from
one source directory that this step fills itself (see `fetcher`), and the
new `pdf/` folder replaces the old one only when every document succeeded.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..content.loader import CASES_DIR
from ..content.model import PDF_DIR, WORKSHEETS_SUFFIX, case_sheet_path, workbook_path, worksheets_path
from ..content.problems import ContentError
from ..dutch import dutch_date
from ..index import Index, load_index
from .documents import SHEET_SIZES, Imprint, case_sheet_html, sheet_sizes, workbook_html, worksheets_html
from .markup import Images
from .table_scope import add_table_scopes

log = logging.getLogger("kennisbank.pdf")
CONTENT_PATHS = ("cases", "docs", "data")
WORK_DIR = ".pdf-bouw"  # inside the site dir while building; removed afterwards
# Tagged PDF for screen readers: headings, lists, tables and images (with their alt text) in a structure tree,
# the language (<html lang="nl">) and title (<title>) in the catalog, PDF/UA-1 in the metadata.
PDF_VARIANT = "pdf/ua-1"
DEFAULT_SITE_URL = "https://decooperatievesamenleving.nl/"


@dataclass(frozen=True)
class Job:
    """One PDF to render: the first HTML variant that fits `max_pages` wins."""

    path: str  # relative to the pdf/ folder
    variants: tuple[str, ...]
    max_pages: int | None = None


@dataclass(frozen=True)
class Result:
    path: str
    pages: int
    seconds: float


def content_imprint(root: Path, site_url: str, today: dt.date | None = None) -> Imprint:
    """Date and short commit of the last change to the content; the build date if git cannot tell."""
    try:
        found = subprocess.run(
            ["git", "log", "-1", "--format=%h %cs", "--", *CONTENT_PATHS], cwd=root, capture_output=True, text=True, timeout=20, check=True
        ).stdout.split()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *CONTENT_PATHS], cwd=root, capture_output=True, text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        found, dirty = [], ""
    if len(found) == 2 and not dirty.strip():
        return Imprint(site_url, dutch_date(found[1]), found[0])
    if len(found) == 2:
        return Imprint(site_url, dutch_date((today or dt.date.today()).isoformat()), f"{found[0]} met wijzigingen")
    return Imprint(site_url, dutch_date((today or dt.date.today()).isoformat()), None)


def plan(index: Index, *, imprint: Imprint, images: Images, only: Collection[str] | None = None) -> list[Job]:
    """Every PDF with its HTML (or those of the module and case slugs in `only`), built in this process."""
    jobs = []
    for module in index.modules.values():
        if only is not None and module.slug not in only:
            continue
        for facilitator in (False, True):
            html = workbook_html(module, index, facilitator=facilitator, imprint=imprint, images=images)
            jobs.append(Job(workbook_path(module.slug, facilitator=facilitator).removeprefix(f"{PDF_DIR}/"), (html,)))
        jobs.append(Job(worksheets_path(module.slug).removeprefix(f"{PDF_DIR}/"), (worksheets_html(module, index, imprint=imprint),)))
    for case in index.cases.values():
        if only is not None and case.slug not in only:
            continue
        sizes = sheet_sizes(case_sheet_html(case, index, imprint=imprint, font_size=SHEET_SIZES[0]))
        variants = tuple(case_sheet_html(case, index, imprint=imprint, font_size=size) for size in sizes)
        jobs.append(Job(case_sheet_path(case.slug).removeprefix(f"{PDF_DIR}/"), variants, max_pages=1))
    return jobs


@cache
def _stylesheet() -> object:
    from weasyprint import CSS

    return CSS(string=(Path(__file__).with_name("print.css")).read_text(encoding="utf-8"))


def _overflows(page: Any) -> bool:
    """Whether a page's content runs past its bottom margin (a fixed-height flex box does not break)."""
    try:
        page_box = page._page_box  # WeasyPrint internals; the version is pinned in pyproject.toml
        root = page_box.children[0]
        return bool(root.position_y + root.margin_height() > page_box.content_box_y() + page_box.height + 0.5)
    except (AttributeError, IndexError):
        return False


def _fits(document: Any, max_pages: int | None) -> bool:
    return max_pages is None or (len(document.pages) <= max_pages and not any(_overflows(page) for page in document.pages))


def render(job: Job, source_dir: Path, out_dir: Path) -> Result:
    """Render one job with WeasyPrint, reading nothing outside `source_dir`."""
    from weasyprint import HTML

    from .fetcher import SourceDirFetcher

    start = time.perf_counter()
    fetcher = SourceDirFetcher(source_dir)
    base_url = source_dir.resolve().as_uri() + "/"
    document = None
    for html in job.variants:
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(stylesheets=[_stylesheet()])
        if _fits(document, job.max_pages):
            break
    assert document is not None, "a job has at least one variant"
    if job.max_pages is not None and not _fits(document, job.max_pages):
        log.warning("PDF %s past niet op %d pagina('s); alleen het begin wordt afgedrukt", job.path, job.max_pages)
        document = document.copy(document.pages[: job.max_pages])
    target = out_dir / job.path
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_variant=PDF_VARIANT, finisher=add_table_scopes)
    return Result(job.path, len(document.pages), time.perf_counter() - start)


def _render_all(jobs: list[Job], source_dir: Path, out_dir: Path, workers: int) -> list[Result]:
    # Biggest documents first, so the workers finish at about the same time.
    ordered = sorted(jobs, key=lambda job: (job.max_pages is not None, -len(job.variants[0])))
    if workers <= 1 or len(ordered) <= 1:
        return [render(job, source_dir, out_dir) for job in ordered]
    import weasyprint  # noqa: F401 (imported once here, so forked workers start warm)

    with ProcessPoolExecutor(max_workers=min(workers, len(ordered))) as pool:
        futures = [pool.submit(render, job, source_dir, out_dir) for job in ordered]
        return [future.result() for future in futures]


def build_pdfs(
    index: Index, site_dir: Path, *, site_url: str, workers: int | None = None, today: dt.date | None = None, only: Collection[str] | None = None
) -> list[Result]:
    """Write `<site_dir>/pdf/`: workbooks (both editions) and case sheets; replace the old folder only on success.

    `only` limits the build to some module and case slugs (tests); the new folder still replaces the old one.
    """
    root = index.content.root
    site_dir.mkdir(parents=True, exist_ok=True)
    work = site_dir / WORK_DIR
    shutil.rmtree(work, ignore_errors=True)
    source_dir, out_dir = work / "bron", work / PDF_DIR
    out_dir.mkdir(parents=True)
    try:
        images = Images(source_dir, [("", site_dir), ("", root / "docs"), ("casussen/", root / CASES_DIR)])
        jobs = plan(index, imprint=content_imprint(root, site_url, today), images=images, only=only)
        results = _render_all(jobs, source_dir, out_dir, workers or os.cpu_count() or 1)
        final = site_dir / PDF_DIR
        shutil.rmtree(final, ignore_errors=True)
        out_dir.rename(final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return sorted(results, key=lambda r: r.path)


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without executing or resolving its `!!python/...` tags."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_of(root: Path) -> str:
    """The public address from mkdocs.yml, ending in '/'."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)  # a SafeLoader subclass
    url = str((config or {}).get("site_url") or DEFAULT_SITE_URL)
    return url if url.endswith("/") else url + "/"


def run(root: Path, site_dir: Path, workers: int | None = None) -> int:
    """`kennisbank pdf`: every workbook, worksheets PDF and case sheet into `<site_dir>/pdf/`."""
    try:
        import weasyprint  # noqa: F401 (fails here, with a clear message, when Pango is missing)
    except OSError as error:
        print(f"De pdf's kunnen niet worden gemaakt: WeasyPrint mist systeembibliotheken ({error}).", file=sys.stderr)
        print("Installeer ze met: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation", file=sys.stderr)
        return 1
    try:
        index = load_index(root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    start = time.perf_counter()
    results = build_pdfs(index, site_dir, site_url=site_url_of(root), workers=workers)
    per_module = [r for r in results if "/" not in r.path]
    for result in per_module:
        print(f"  {PDF_DIR}/{result.path}: {result.pages} blz.")
    worksheets = sum(r.path.endswith(f"{WORKSHEETS_SUFFIX}.pdf") for r in per_module)
    sheets = len(results) - len(per_module)
    made = f"{len(per_module) - worksheets} werkboeken, {worksheets} pdf's met werkbladen en {sheets} casusbladen"
    print(f"{made} gemaakt in {site_dir / PDF_DIR} ({time.perf_counter() - start:.1f} s).")
    return 0
