"""Learning route pages: the overview of all routes, a page per route, and the list of routes on Leren and the home page.

A route page is generated: its Markdown holds the title, who it is for, the
reader's progress and the introduction; its steps are a section after the
rendered Markdown, made from the page's record (`inputs.RoutePage`), each
with what it leads to, why, and a 'Gedaan' switch. A workbook step links
the PDF as raw HTML, like the workbook buttons: the PDFs are made after the
site, so MkDocs cannot check those links.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ..content.model import ROUTES_DIR
from .inputs import RoutePage, RouteStepLink
from .parts import PageParts, Section, file_url, front_matter, html_url, md_text
from .progress import PROGRESS_PAGE, done_switch, progress_bar

OVERVIEW_SRC = f"{ROUTES_DIR}/index.md"
OVERVIEW_URL = f"{ROUTES_DIR}/"
OVERVIEW_TITLE = "Leerroutes"
STEPS_TITLE = "De stappen"


def _steps_bar(keys: list[str], ident: str) -> str:
    return progress_bar(keys, "stap" if len(keys) == 1 else "stappen", ident)


def route_markdown(page: RoutePage) -> str:
    """The route's page up to its steps: title, who it is for, progress, summary and introduction."""
    route = page.route
    count = len(route.steps)
    return (
        front_matter(route.title, route.summary)
        + f"# {md_text(route.title)}\n\n"
        + f'<p class="kb-meta">Leerroute · Voor: {md_text(route.audience)} · {count} stappen</p>\n\n'
        + _steps_bar([step.key for step in page.steps], "kb-voortgang-route")
        + "\n\n"
        + f"{md_text(route.summary)}\n\n{md_text(route.intro)}\n"
    )


def _step(here: str, number: int, step: RouteStepLink) -> str:
    href = file_url(here, step.url) if step.is_file else html_url(here, step.url) + (f"#{step.anchor}" if step.anchor else "")
    download = " download" if step.is_file else ""
    ident = f"kb-stap-{number}"
    switch = done_switch(step.key, ident, f"Stap {number} gedaan", html_url(here, PROGRESS_PAGE), described_by=f"{ident}-titel")
    return (
        f'<li class="kb-stap"><p class="kb-stap__soort">{escape(step.label)}</p>'
        f'<p class="kb-stap__titel" id="{ident}-titel"><a href="{escape(href)}"{download}>{escape(step.title)}</a></p>'
        f'<p class="kb-stap__waarom">{escape(step.why)}</p>{switch}</li>'
    )


def route_parts(page: RoutePage) -> PageParts:
    """The steps in order, and the way back to all routes."""
    steps = "".join(_step(page.url, number, step) for number, step in enumerate(page.steps, start=1))
    back = f'<p><a href="{escape(html_url(page.url, OVERVIEW_URL))}">Alle leerroutes</a></p>\n'
    return PageParts(after=(Section(STEPS_TITLE, f'<ol class="kb-stappen">{steps}</ol>\n'), Section(None, back)))


def route_list(from_url: str, pages: Iterable[RoutePage]) -> str:
    """Every route with its summary, number of steps and the reader's progress, linked from the page at `from_url`."""
    items = []
    for page in pages:
        route = page.route
        bar = _steps_bar([step.key for step in page.steps], f"kb-voortgang-route-{route.slug}")
        items.append(
            f'<li><a href="{escape(html_url(from_url, route.url))}">{escape(route.title)}</a>: {escape(route.summary)} '
            f'<span class="kb-muted">({len(route.steps)} stappen)</span>{bar}</li>'
        )
    if not items:
        return "<p>Er zijn nog geen leerroutes.</p>\n"
    return '<ul class="kb-lijst">' + "".join(items) + "</ul>\n"


def routes_overview(pages: Iterable[RoutePage]) -> str:
    """The overview of all routes, as a generated page's Markdown (the list is one raw HTML block)."""
    return (
        front_matter(OVERVIEW_TITLE, "Leerroutes: een vaste volgorde van lessen, casussen, begrippen en werkboeken voor één situatie.")
        + f"# {OVERVIEW_TITLE}\n\n"
        + "Weet je niet waar je moet beginnen? Kies dan een leerroute die bij jouw situatie past. "
        "Een leerroute zet lessen, casussen, begrippen en werkboeken in een handige volgorde. "
        "Bij elke stap staat waarom die erbij hoort. Wat je hebt gedaan, zie je terug bij elke route.\n\n" + route_list(OVERVIEW_URL, pages)
    )
