"""The page of one case: the contributor's story between generated parts.

Only the title and the story are Markdown, which the adapter renders without
macros and sanitizes. The value-case card before the story and the links
onward after it (lessons, sources, contact, related cases) are built here as
escaped HTML and joined to the rendered story by `assemble`: run through
Markdown, the card alone cost more than the story, and those pages are most
of the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markdown.extensions.toc import slugify as toc_slugify

from .index import Index
from .model import Case
from .pdf import case_sheet_button
from .render import VALUE_LABELS, case_list, dutch_date, facet_url, front_matter, html_url, learning_title, md_text, src_url


@dataclass(frozen=True)
class Heading:
    """A generated section heading, for the page's table of contents."""

    title: str
    anchor: str


@dataclass(frozen=True)
class _Section:
    title: str
    html: str  # escaped


@dataclass(frozen=True)
class CasePage:
    """The finished page body, and the generated headings before and after the story."""

    html: str
    before: list[Heading]
    after: list[Heading]


def case_markdown(case: Case, index: Index) -> str:
    """The Markdown part: the title and the contributor's story."""
    parts = [front_matter(case.title, case.summary), f"# {md_text(case.title)}\n\n"]
    if case.body.strip():
        story = case.body.strip()
        # A story that opens with its own heading needs no "Het verhaal" above it (an empty section otherwise).
        parts.append(("" if story.startswith("#") else "## Het verhaal\n\n") + story + "\n")
    return "".join(parts)


def _dl_row(label: str, value_html: str) -> str:
    # The spaces keep label and value apart as words in text extracts (search excerpts, reader modes).
    return f"<dt>{escape(label)}</dt> <dd>{value_html}</dd> "


def _items(values: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(v)}</li>" for v in values) + "</ul>"


def case_card(case: Case, index: Index) -> str:
    """The value-case card: badge, summary and facts, every value escaped."""
    tax = index.taxonomy
    here = case.url

    def link(facet: str, key: str | int, label: str) -> str:
        return f'<a href="{escape(html_url(here, facet_url(facet, key)))}">{escape(label)}</a>'

    facts = [
        _dl_row("Thema's", ", ".join(link("thema", t, tax.themes[t].label) for t in case.themes)),
        _dl_row("Gebied", link("gebied", case.region, tax.regions[case.region].label)),
        _dl_row("Plaats", escape(case.place)),
        _dl_row("Gestart", link("jaar", case.year_started, str(case.year_started))),
        _dl_row("Rechtsvorm", link("rechtsvorm", case.legal_form, tax.legal_forms[case.legal_form].label)),
        _dl_row("Fase", link("fase", case.stage, tax.stages[case.stage].label)),
    ]
    if case.members is not None:
        facts.append(_dl_row("Leden", f"{case.members:,}".replace(",", ".")))
    badge = ""
    if case.illustrative:
        badge = '<p class="kb-badge kb-badge--voorbeeld"><strong>Voorbeeld</strong> — dit is een verzonnen casus ter illustratie, geen bestaand initiatief.</p>'
    elif case.verified:
        badge = '<p class="kb-badge kb-badge--geverifieerd"><strong>Gecontroleerd</strong> door de redactie.</p>'
    return f'<div class="kb-card">{badge}<p class="kb-summary">{escape(case.summary)}</p><dl class="kb-facts">{"".join(facts)}</dl></div>\n'


def _value_case_sections(case: Case, index: Index) -> list[_Section]:
    """Need, value, beneficiaries, partners, safeguarding, results and lessons, as sections of the page."""
    kinds = index.taxonomy.partner_kinds
    values = "".join(_dl_row(VALUE_LABELS[kind], escape(text)) for kind, text in case.value.items())
    safeguarding = _dl_row("Intern", escape(case.safeguarding_internal)) + _dl_row("Extern", escape(case.safeguarding_external))
    sections = [
        _Section("Behoefte", f"<p>{escape(case.need)}</p>"),
        _Section("Waarde", f'<dl class="kb-values">{values}</dl>'),
        _Section("Voor wie", _items(case.beneficiaries)),
    ]
    if case.partners:
        partners = "".join(f'<li>{escape(p.name)} <span class="kb-muted">({escape(kinds[p.kind].label.lower())})</span></li>' for p in case.partners)
        sections.append(_Section("Partners", f"<ul>{partners}</ul>"))
    sections += [
        _Section("Borging", f'<dl class="kb-values">{safeguarding}</dl>'),
        _Section("Resultaten", _items(case.results)),
        _Section("Geleerde lessen", _items(case.lessons_learned)),
    ]
    return sections


def _link(here: str, target_src: str, title: str) -> str:
    return f'<a href="{escape(html_url(here, src_url(target_src)))}">{escape(title)}</a>'


def _external(url: str, text: str) -> str:
    # The schema only lets through http(s) and mailto addresses; other sites get no credit from ours.
    return f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{escape(text)}</a>'


def _closing_sections(case: Case, index: Index) -> list[_Section]:
    """Lessons, sources, contact, pages that refer here and related cases: links onward from the story."""
    here = case.url
    sections = []
    lessons = [learning_title(index, ref) for ref in case.learning]
    if lessons:
        sections.append(_Section("Leren met deze casus", "<ul>" + "".join(f"<li>{_link(here, src, title)}</li>" for title, src in lessons) + "</ul>"))
    if case.sources:
        items = "".join(f"<li>{_external(source.url, source.url)} — {escape(source.title)}</li>" for source in case.sources)
        sections.append(_Section("Bronnen", f"<ul>{items}</ul>"))
    if case.contact:
        contact = case.contact
        lines = [escape(contact.name)] if contact.name else []
        if contact.email:
            lines.append(_external(f"mailto:{contact.email}", contact.email))
        if contact.website:
            lines.append(_external(contact.website, contact.website))
        sections.append(_Section("Contact", "<p>" + "<br>\n".join(lines) + "</p>"))
    refs = index.backlinks.get(case.src_uri, [])
    if refs:
        sections.append(_Section("Hier wordt naar verwezen", "<ul>" + "".join(f"<li>{_link(here, ref.src_uri, ref.title)}</li>" for ref in refs) + "</ul>"))
    related = index.related.get(case.slug, [])
    if related:
        sections.append(_Section("Verwante casussen", case_list(case.src_uri, related, index)))
    return sections


def _place(sections: list[_Section], taken: set[str], permalink_title: str) -> tuple[str, list[Heading]]:
    """Sections as HTML with headings like Markdown's (id and permalink); an id the story already uses gets a suffix."""
    html, headings = [], []
    for section in sections:
        anchor = base = toc_slugify(section.title, "-")
        number = 0
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        title = escape(section.title)
        html.append(f'<h2 id="{anchor}">{title}<a class="headerlink" href="#{anchor}" title="{escape(permalink_title)}">&para;</a></h2>\n{section.html}\n')
        headings.append(Heading(section.title, anchor))
    return "".join(html), headings


def assemble(case: Case, index: Index, story_html: str, taken: set[str], permalink_title: str) -> CasePage:
    """The rendered Markdown part with the card after its title and the related cases at its end.

    `taken` holds the anchors the rendered part already uses; the generated
    headings avoid them, so every link to a heading stays unambiguous.
    """
    taken = set(taken)
    before_html, before = _place(_value_case_sections(case, index), taken, permalink_title)
    after_html, after = _place(_closing_sections(case, index), taken, permalink_title)
    title_end = story_html.find("</h1>")
    split = title_end + len("</h1>") if title_end != -1 else 0
    updated = f'<p class="kb-updated">Laatst bijgewerkt: <time datetime="{escape(case.updated)}">{dutch_date(case.updated)}</time></p>\n'
    html = (
        story_html[:split]
        + "\n"
        + case_card(case, index)
        + before_html
        + case_sheet_button(case.slug, case.url)
        + story_html[split:]
        + "\n"
        + after_html
        + updated
    )
    return CasePage(html, before, after)
