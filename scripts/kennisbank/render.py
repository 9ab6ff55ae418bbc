"""Generated pages as Markdown strings: pure functions of the index.

Case pages have their own module, `case_page`.

Contributed text only ever reaches a page escaped (in HTML) or as the case
body, which the adapter renders without macros and sanitizes afterwards.
"""

from __future__ import annotations

import json
import posixpath
import re
from html import escape
from typing import Any

from .index import Index, PageRef
from .model import Case, Lesson, Module
from .source import slugify
from .taxonomy import Term

# Opens every list of cases. The glossary marker leaves these lists alone, they skip Markdown (markdown_bypass),
# and the search index leaves them out: a case is found on its own page, not on every page that lists it.
CASE_LIST_START = '<ul class="kb-caselist" data-pagefind-ignore>'
CASE_LIST = re.compile("(" + re.escape(CASE_LIST_START) + ".*?</ul>)", re.S)  # one whole list, as a group for re.split
VALUE_LABELS = {"sociaal": "Sociaal", "economisch": "Economisch", "ecologisch": "Ecologisch"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")

# Facet folders under /casussen/: (folder, page title, singular noun).
FACETS = {
    "thema": ("Casussen per thema", "thema"),
    "gebied": ("Casussen per gebied", "gebied"),
    "rechtsvorm": ("Casussen per rechtsvorm", "rechtsvorm"),
    "fase": ("Casussen per fase", "fase"),
    "jaar": ("Casussen per startjaar", "startjaar"),
}


def md_text(text: str) -> str:
    """Plain text made safe for Markdown: no accidental emphasis, links or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def dutch_date(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} uur" + (f" {rest} min" if rest else "")


def rel(from_src: str, to_src: str) -> str:
    """Relative Markdown link between two pages, which MkDocs checks and rewrites."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def html_url(from_url: str, to_url: str) -> str:
    """Relative URL between two directory-style page URLs, for raw HTML.

    Compared segment by segment: posixpath.relpath asks the file system for the
    working directory on every call, and overview pages make thousands of links.
    """
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    return "/".join(parts) + "/" if parts else "./"


def front_matter(title: str, description: str) -> str:
    # JSON strings are valid YAML scalars and escape everything.
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n\n"


def src_url(src_uri: str) -> str:
    """Directory-style URL of a page, as MkDocs makes it with use_directory_urls."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + "/"


def case_list(from_src: str, cases: list[Case], index: Index) -> str:
    """A list of cases with place and themes, as one escaped HTML block.

    Overview pages list thousands of cases; as HTML they skip Markdown's
    inline parsing, which made the build several times slower.
    """
    if not cases:
        return "Er zijn nog geen casussen.\n"
    themes = index.taxonomy.themes
    here = src_url(from_src)
    items = []
    for case in cases:
        theme_labels = ", ".join(themes[t].label for t in case.themes)
        href = escape(html_url(here, case.url))
        items.append(f'<li><a href="{href}">{escape(case.title)}</a> — {escape(case.place)}, {case.year_started} · {escape(theme_labels)}</li>')
    return CASE_LIST_START + "\n" + "\n".join(items) + "\n</ul>\n"


def facet_src(facet: str, key: str | int) -> str:
    return f"casussen/{facet}/{key}.md"


def facet_url(facet: str, key: str | int) -> str:
    return f"casussen/{facet}/{key}/"


def learning_nav(index: Index) -> list[Any]:
    """The Leren section of the menu: overview, then each module with its lessons in order."""
    nav: list[Any] = ["leren/index.md"]
    for module in index.modules.values():
        lessons = [{lesson.title: lesson.src_uri} for lesson in index.lessons_of(module)]
        nav.append({module.title: [module.src_uri, *lessons]})
    return nav


def learning_title(index: Index, ref: str) -> tuple[str, str]:
    """Title and src_uri of a module or lesson reference."""
    if "/" in ref:
        lesson = index.lessons[ref]
        return lesson.title, lesson.src_uri
    module = index.modules[ref]
    return module.title, module.src_uri


def backlinks_section(index: Index, src_uri: str) -> str:
    refs: list[PageRef] = index.backlinks.get(src_uri, [])
    if not refs:
        return ""
    lines = [f"- [{md_text(ref.title)}]({rel(src_uri, ref.src_uri)})" for ref in refs]
    return "\n## Hier wordt naar verwezen\n\n" + "\n".join(lines) + "\n"


def cases_overview(index: Index) -> str:
    """All cases, alphabetically, with the ways to narrow them down."""
    src = "casussen/index.md"
    count = len(index.cases)
    facet_links = " · ".join(f"[{title.split(' per ')[1].capitalize()}]({rel(src, f'casussen/{facet}/index.md')})" for facet, (title, _) in FACETS.items())
    return (
        front_matter("Casussen", f"Alle {count} value cases van De Coöperatieve Samenleving op een rij.")
        + "# Casussen\n\n"
        + "Een value case laat zien welke behoefte een initiatief in zijn gebied beantwoordt, welke waarde het maakt en voor wie, "
        "en hoe het zich heeft geborgd. Leer van wat anderen al hebben uitgeprobeerd.\n\n"
        + f"Bekijk de casussen per {facet_links}.\n\n"
        + f"## Alle casussen ({count})\n\n"
        + case_list(src, list(index.cases.values()), index)
    )


def _facet_values(index: Index, facet: str) -> list[tuple[str | int, str, str, list[Case]]]:
    """(key, label, description, cases) for every value of a facet that has a page."""
    tax = index.taxonomy
    vocab: dict[str, Term] | None = {"thema": tax.themes, "gebied": tax.regions, "rechtsvorm": tax.legal_forms, "fase": tax.stages}.get(facet)
    if vocab is None:
        return [(year, str(year), "", cases) for year, cases in index.by_year.items()]
    groups = {"thema": index.by_theme, "gebied": index.by_region, "rechtsvorm": index.by_legal_form, "fase": index.by_stage}[facet]
    return [(key, term.label, term.description, groups.get(key, [])) for key, term in vocab.items()]


def facet_pages(index: Index) -> dict[str, str]:
    """Index and detail pages for every facet, keyed by src_uri."""
    pages: dict[str, str] = {}
    for facet, (title, noun) in FACETS.items():
        values = _facet_values(index, facet)
        src = f"casussen/{facet}/index.md"
        rows = [
            f"- [{md_text(label)}]({rel(src, facet_src(facet, key))}) ({len(cases)})" + (f" — {md_text(desc)}" if desc else "")
            for key, label, desc, cases in values
        ]
        pages[src] = front_matter(title, f"Value cases geordend per {noun}.") + f"# {title}\n\n" + "\n".join(rows) + "\n"
        for key, label, desc, cases in values:
            page_src = facet_src(facet, key)
            heading = f"Casussen gestart in {label}" if facet == "jaar" else f"{noun.capitalize()}: {label}"
            intro = f"{md_text(desc)}\n\n" if desc else ""
            sorted_cases = sorted(cases, key=lambda c: c.title.casefold())
            pages[page_src] = (
                front_matter(heading, desc or f"Value cases die in {label} zijn gestart.")
                + f"# {md_text(heading)}\n\n{intro}"
                + f"## Casussen ({len(cases)})\n\n"
                + case_list(page_src, sorted_cases, index)
                + f"\n[Alle {title.lower()}]({rel(page_src, src)})\n"
            )
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


def module_lessons_section(module: Module, index: Index) -> str:
    """The module's lessons in order with durations and the total time."""
    src = module.src_uri
    lessons = index.lessons_of(module)
    rows = ["| # | Les | Duur |", "|---|-----|------|"]
    rows += [f"| {lesson.order} | [{md_text(lesson.title)}]({rel(src, lesson.src_uri)}) | {duration(lesson.minutes)} |" for lesson in lessons]
    rows.append(f"| | **Totaal** | **{duration(module.minutes)}** |")
    section = "\n\n## Lessen\n\n" + "\n".join(rows) + "\n"
    cases = index.illustrating.get(module.slug, [])
    if cases:
        section += "\n## Casussen bij deze module\n\n" + case_list(src, cases, index)
    return section + backlinks_section(index, src)


def lesson_cases_section(lesson: Lesson, index: Index) -> str:
    src = lesson.src_uri
    section = ""
    cases = index.illustrating.get(lesson.key, [])
    if cases:
        section += "\n\n## Casussen bij deze les\n\n" + case_list(src, cases, index)
    return section + backlinks_section(index, src)
