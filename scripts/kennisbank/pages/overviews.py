"""The generated overview pages and the learning menu: pure functions of the index.

Each page is Markdown for its title and introduction; its list of cases is a
section that `parts` puts after the rendered Markdown. Case pages have their
own module, `case_page`, and so do modules and lessons, `lesson_page`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..content.source import slugify
from ..content.taxonomy import Term
from ..index import FACETS, Index
from .inputs import CASE_FORM_PAGE, OVERVIEW, ListPage
from .parts import PageParts, Section, case_list, front_matter, html_url, md_text, rel
from .progress import PROGRESS_SRC
from .region_map import region_map_html
from .route_page import OVERVIEW_SRC as ROUTES_OVERVIEW

MAP_TITLE = "Waar zijn de initiatieven?"


def facet_src(facet: str, key: str | int) -> str:
    return f"casussen/{facet}/{key}.md"


def facet_url(facet: str, key: str | int) -> str:
    return f"casussen/{facet}/{key}/"


def site_nav(nav: list[Any], index: Index) -> list[Any]:
    """The menu of mkdocs.yml with its Leren section filled in from the index."""
    return [{"Leren": learning_nav(index)} if isinstance(item, dict) and "Leren" in item else item for item in nav]


def learning_nav(index: Index) -> list[Any]:
    """The Leren section of the menu: overview, the learning routes and the reader's progress, then each module with its
    lessons in order, each with its title (a page the menu lists by title need not be read again when another page
    changes, see `preview`). A route's own page is not in the menu, as a case's is not: the overview lists them all."""
    nav: list[Any] = [{"Leren": "leren/index.md"}, {"Leerroutes": ROUTES_OVERVIEW}, {"Je voortgang": PROGRESS_SRC}]
    for module in index.modules.values():
        lessons = [{lesson.title: lesson.src_uri} for lesson in index.lessons_of(module)]
        nav.append({module.title: [{module.title: module.src_uri}, *lessons]})
    return nav


def cases_overview(index: Index) -> str:
    """All cases, alphabetically, with the ways to narrow them down (the list itself is `list_parts`)."""
    count = len(index.cases)
    facet_links = " · ".join(f"[{title.split(' per ')[1].capitalize()}]({rel(OVERVIEW, f'casussen/{facet}/index.md')})" for facet, (title, _) in FACETS.items())
    return (
        front_matter("Casussen", f"Alle {count} value cases van De Coöperatieve Samenleving op een rij.")
        + "# Casussen\n\n"
        + "Een value case laat zien welke behoefte een initiatief in zijn gebied beantwoordt, welke waarde het maakt en voor wie, "
        "en hoe het zich heeft geborgd. Leer van wat anderen al hebben uitgeprobeerd.\n\n" + f"Bekijk de casussen per {facet_links}.\n\n"
        f"Ken jij een initiatief waar anderen van kunnen leren? [Deel jouw initiatief]({rel(OVERVIEW, CASE_FORM_PAGE)}): je hebt er geen account voor nodig.\n"
    )


def list_parts(page: ListPage) -> PageParts:
    """The map and the list of cases of the overview, or the list of a facet value's page and the way back to all values."""
    sections = [Section(page.title, case_list(page.url, page.cases, page.taxonomy))]
    if page.region_map is not None:
        sections.insert(0, Section(MAP_TITLE, region_map_html(page.url, page.region_map)))
    if page.back is not None:
        url, text = page.back
        sections.append(Section(None, f'<p><a href="{escape(html_url(page.url, url))}">{escape(text)}</a></p>\n'))
    return PageParts(after=tuple(sections))


def _facet_values(index: Index, facet: str) -> list[tuple[str, str, str, int]]:
    """(key, label, description, number of cases) for every value of a facet that has a page; a year is its own label."""
    tax = index.taxonomy
    terms: dict[str, Term] = {"thema": tax.themes, "gebied": tax.regions, "rechtsvorm": tax.legal_forms, "fase": tax.stages}.get(facet, {})
    values = []
    for key, cases in index.facet_groups(facet).items():
        term = terms.get(key)
        values.append((key, term.label, term.description, len(cases)) if term else (key, key, "", len(cases)))
    return values


def facet_pages(index: Index) -> dict[str, str]:
    """Index and detail pages for every facet, keyed by src_uri (the detail pages' lists are `list_parts`)."""
    pages: dict[str, str] = {}
    for facet, (title, noun) in FACETS.items():
        values = _facet_values(index, facet)
        src = f"casussen/{facet}/index.md"
        rows = [
            f"- [{md_text(label)}]({rel(src, facet_src(facet, key))}) ({count})" + (f" — {md_text(desc)}" if desc else "") for key, label, desc, count in values
        ]
        pages[src] = front_matter(title, f"Value cases geordend per {noun}.") + f"# {title}\n\n" + "\n".join(rows) + "\n"
        for key, label, desc, _ in values:
            heading = f"Casussen gestart in {label}" if facet == "jaar" else f"{noun.capitalize()}: {label}"
            intro = f"{md_text(desc)}\n" if desc else ""
            pages[facet_src(facet, key)] = front_matter(heading, desc or f"Value cases die in {label} zijn gestart.") + f"# {md_text(heading)}\n\n{intro}"
    return pages


def glossary_page(index: Index) -> str:
    terms = index.content.glossary
    rows = "".join(f'<dt id="{escape(slugify(t.term))}">{escape(t.term)}</dt> <dd>{escape(t.explanation)}</dd> ' for t in terms)
    return (
        front_matter("Begrippen", "Uitleg van de begrippen die op deze site terugkomen, van borging tot value case.")
        + "# Begrippen\n\n"
        + f"Op deze site komen {len(terms)} begrippen terug. Op elke pagina zie je de uitleg als je de muis op een begrip houdt of erop tikt.\n\n"
        + f'<dl class="kb-glossary">{rows}</dl>\n'
    )
