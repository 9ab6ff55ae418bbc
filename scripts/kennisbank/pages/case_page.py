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
from ..dutch import NOT_CHECKED, VALUE_LABELS, check_due_note, checked_label, dutch_date
from .inputs import WORKLIST, CasePage
from .overviews import facet_url
from .parts import PageParts, Section, case_list, file_url, front_matter, link, link_list, md_text, src_url

WORKLIST_URL = src_url(WORKLIST)
LEVELS_ANCHOR = "wat-de-niveaus-betekenen"  # the worklist's heading that explains the levels
VERIFIED = "de redactie heeft de gegevens nagegaan bij het initiatief of in de bronnen"


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


# The facts on a case's card, by field of the case; the preview of the form 'Deel jouw initiatief' shows the same.
CARD_LABELS = {
    "themas": "Thema's",
    "gebied": "Gebied",
    "plaats": "Plaats",
    "startjaar": "Gestart",
    "rechtsvorm": "Rechtsvorm",
    "fase": "Fase",
    "leden": "Leden",
}
EXAMPLE_BADGE = ("Voorbeeld", " — dit is een verzonnen casus ter illustratie, geen bestaand initiatief.")


def case_card(page: CasePage) -> str:
    """The value-case card: badge, a note when the case is due for a check, summary, facts, and how complete and fresh it is; every value escaped."""
    case, tax = page.case, page.taxonomy
    here, labels = case.url, CARD_LABELS
    facts = [
        _dl_row(labels["themas"], ", ".join(link(here, facet_url("thema", t), tax.themes[t].label) for t in case.themes)),
        _dl_row(labels["gebied"], link(here, facet_url("gebied", case.region), tax.regions[case.region].label)),
        _dl_row(labels["plaats"], escape(case.place)),
        _dl_row(labels["startjaar"], link(here, facet_url("jaar", case.year_started), str(case.year_started))),
        _dl_row(labels["rechtsvorm"], link(here, facet_url("rechtsvorm", case.legal_form), tax.legal_forms[case.legal_form].label)),
        _dl_row(labels["fase"], link(here, facet_url("fase", case.stage), tax.stages[case.stage].label)),
    ]
    if case.members is not None:
        facts.append(_dl_row(labels["leden"], f"{case.members:,}".replace(",", ".")))
    badge = ""
    if case.illustrative:
        badge = f'<p class="kb-badge kb-badge--voorbeeld"><strong>{EXAMPLE_BADGE[0]}</strong>{EXAMPLE_BADGE[1]}</p>'
    elif case.verified:
        badge = f'<p class="kb-badge kb-badge--geverifieerd"><strong>Geverifieerd</strong> — {VERIFIED}.</p>'
    note = (
        f'<p class="kb-note-oud" role="note" data-pagefind-ignore>{escape(check_due_note(case.checked, illustrative=case.illustrative))}</p>'
        if page.check_due
        else ""
    )
    summary = f'<p class="kb-summary">{escape(case.summary)}</p><dl class="kb-facts">{"".join(facts)}</dl>'
    return f'<div class="kb-card">{badge}{note}{summary}{_trust(page)}</div>\n'


def _trust(page: CasePage) -> str:
    """How complete the case is, what it still misses, and when the editors last checked it."""
    case = page.case
    completeness = case.completeness
    level = f'<strong class="kb-level kb-level--{completeness.level.key}">{escape(completeness.level.label)}</strong>'
    explained = link(case.url, WORKLIST_URL, "wat betekent dit?", anchor=LEVELS_ANCHOR)
    missing = f" Nog niet beschreven: {escape(completeness.missing_text)}." if completeness.missing else ""
    checked = NOT_CHECKED
    if case.checked:
        checked = f'{checked_label(illustrative=case.illustrative)} <time datetime="{escape(case.checked)}">{dutch_date(case.checked)}</time>.'
    return f'<p class="kb-trust" data-pagefind-ignore>{level} ({explained}).{missing}<br>\n{checked}</p>'


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


def _contribute(page: CasePage) -> str:
    """Where a reader who knows more goes: the addition form and the case's file, on GitHub."""
    if page.github is None:
        return ""
    addition = f'<a href="{escape(page.github.addition)}">Aanvulling doorgeven</a>'
    edit = f'<a href="{escape(page.github.edit)}">Deze casus aanpassen</a>'
    return (
        '<p class="kb-aanpassen" data-pagefind-ignore><strong>Weet je meer over dit initiatief, of klopt er iets niet?</strong> '
        f"{addition} met een kort formulier, "
        f"of {edit} in het bestand zelf. Allebei op GitHub; je hebt daar een gratis account voor nodig.</p>\n"
    )


def case_parts(page: CasePage) -> PageParts:
    """The card and value-case sections after the title; the links onward, where to add to the case, and the date at the end."""
    case = page.case
    updated = f'<p class="kb-updated">Laatst bijgewerkt: <time datetime="{escape(case.updated)}">{dutch_date(case.updated)}</time></p>\n'
    before = [Section(None, case_card(page)), *_value_case_sections(case, page.taxonomy), Section(None, case_sheet_button(case))]
    return PageParts(before=tuple(before), after=(*_closing_sections(page), Section(None, _contribute(page) + updated)))
