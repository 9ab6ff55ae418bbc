"""The page of one case: the contributor's story between generated sections.

Only the title and the story are Markdown, which the adapter renders without
macros and which is sanitized afterwards. The value-case card and its
sections before the story, and the links onward after it (lessons, sources,
contact, related cases), are made here as escaped HTML: run through
Markdown, the card alone cost more than the story, and those pages are most
of the site.
"""

from __future__ import annotations

from html import escape
from typing import Protocol

from ..content.model import Case, case_sheet_path
from ..content.taxonomy import Taxonomy
from ..dutch import VALUE_LABELS, dutch_date
from .inputs import CasePage
from .overviews import facet_url
from .parts import PageParts, Section, case_list, file_url, front_matter, link, link_list, md_text, src_url


def case_markdown(case: Case) -> str:
    """The Markdown part: the title and the contributor's story."""
    return front_matter(case.title, case.summary) + story_markdown(case)


class StoryText(Protocol):
    """What the title and story of a case page are made from: a `Case`, or a case file whose fields have problems (`story_check`)."""

    @property
    def title(self) -> str: ...

    @property
    def body(self) -> str: ...


def story_markdown(case: StoryText) -> str:
    """What MkDocs renders of a case's page: the title as heading, and the story."""
    parts = [f"# {md_text(case.title)}\n\n"]
    if case.body.strip():
        story = case.body.strip()
        # A story that opens with its own heading needs no "Het verhaal" above it (an empty section otherwise).
        parts.append(("" if story.startswith("#") else "## Het verhaal\n\n") + story + "\n")
    return "".join(parts)


def _dl_row(label: str, value_html: str) -> str:
    # The spaces keep label and value apart as words in text extracts (search excerpts, reader modes).
    return f"<dt>{escape(label)}</dt> <dd>{value_html}</dd> "


def _items(values: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{escape(v)}</li>" for v in values) + "</ul>"


def case_card(case: Case, tax: Taxonomy) -> str:
    """The value-case card: badge, summary and facts, every value escaped."""
    here = case.url
    facts = [
        _dl_row("Thema's", ", ".join(link(here, facet_url("thema", t), tax.themes[t].label) for t in case.themes)),
        _dl_row("Gebied", link(here, facet_url("gebied", case.region), tax.regions[case.region].label)),
        _dl_row("Plaats", escape(case.place)),
        _dl_row("Gestart", link(here, facet_url("jaar", case.year_started), str(case.year_started))),
        _dl_row("Rechtsvorm", link(here, facet_url("rechtsvorm", case.legal_form), tax.legal_forms[case.legal_form].label)),
        _dl_row("Fase", link(here, facet_url("fase", case.stage), tax.stages[case.stage].label)),
    ]
    if case.members is not None:
        facts.append(_dl_row("Leden", f"{case.members:,}".replace(",", ".")))
    badge = ""
    if case.illustrative:
        badge = '<p class="kb-badge kb-badge--voorbeeld"><strong>Voorbeeld</strong> — dit is een verzonnen casus ter illustratie, geen bestaand initiatief.</p>'
    elif case.verified:
        badge = '<p class="kb-badge kb-badge--geverifieerd"><strong>Gecontroleerd</strong> door de redactie.</p>'
    return f'<div class="kb-card">{badge}<p class="kb-summary">{escape(case.summary)}</p><dl class="kb-facts">{"".join(facts)}</dl></div>\n'


def case_sheet_button(case: Case) -> str:
    href = file_url(case.url, case_sheet_path(case.slug))
    return f'<p class="kb-downloads"><a class="md-button" href="{escape(href)}" download>Casusblad (pdf)</a></p>\n\n'


def _value_case_sections(case: Case, tax: Taxonomy) -> list[Section]:
    """Need, value, beneficiaries, partners, safeguarding, results and lessons, as sections of the page."""
    kinds = tax.partner_kinds
    values = '<dl class="kb-values">' + "".join(_dl_row(VALUE_LABELS[kind], escape(text)) for kind, text in case.value.items()) + "</dl>"
    sections = [Section("Behoefte", f"<p>{escape(case.need)}</p>"), Section("Waarde", values), Section("Voor wie", _items(case.beneficiaries))]
    if case.partners:
        items = (f'<li>{escape(p.name)} <span class="kb-muted">({escape(kinds[p.kind].label.lower())})</span></li>' for p in case.partners)
        sections.append(Section("Partners", "<ul>" + "".join(items) + "</ul>"))
    safeguarding = f'<dl class="kb-values">{_dl_row("Intern", escape(case.safeguarding_internal))}{_dl_row("Extern", escape(case.safeguarding_external))}</dl>'
    sections += [
        Section("Borging", safeguarding),
        Section("Resultaten", _items(case.results)),
        Section("Geleerde lessen", _items(case.lessons_learned)),
    ]
    return sections


def _external(url: str, text: str) -> str:
    # The schema only lets through http(s) and mailto addresses; other sites get no credit from ours.
    return f'<a href="{escape(url)}" rel="noopener noreferrer nofollow">{escape(text)}</a>'


def _contact(case: Case) -> str:
    assert case.contact is not None
    lines = [escape(case.contact.name)] if case.contact.name else []
    if case.contact.email:
        lines.append(_external(f"mailto:{case.contact.email}", case.contact.email))
    if case.contact.website:
        lines.append(_external(case.contact.website, case.contact.website))
    return "<p>" + "<br>\n".join(lines) + "</p>"


def _closing_sections(page: CasePage) -> list[Section]:
    """Lessons, sources, contact, pages that refer here and related cases: links onward from the story."""
    case, here = page.case, page.case.url
    sections = []
    if page.learning:
        sections.append(Section("Leren met deze casus", link_list(here, [(item.url, item.title) for item in page.learning])))
    if case.sources:
        sources = "".join(f"<li>{_external(source.url, source.url)} — {escape(source.title)}</li>" for source in case.sources)
        sections.append(Section("Bronnen", f"<ul>{sources}</ul>"))
    if case.contact is not None:
        sections.append(Section("Contact", _contact(case)))
    if page.referring:
        sections.append(Section("Hier wordt naar verwezen", link_list(here, [(src_url(ref.src_uri), ref.title) for ref in page.referring])))
    if page.related:
        sections.append(Section("Verwante casussen", case_list(here, page.related, page.taxonomy)))
    return sections


def case_parts(page: CasePage) -> PageParts:
    """The card and value-case sections after the title, the links onward and the date at the end."""
    case = page.case
    updated = f'<p class="kb-updated">Laatst bijgewerkt: <time datetime="{escape(case.updated)}">{dutch_date(case.updated)}</time></p>\n'
    before = [Section(None, case_card(case, page.taxonomy)), *_value_case_sections(case, page.taxonomy), Section(None, case_sheet_button(case))]
    return PageParts(before=tuple(before), after=(*_closing_sections(page), Section(None, updated)))
