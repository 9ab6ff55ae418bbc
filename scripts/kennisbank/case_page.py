"""The page of one case: the contributor's story between generated parts.

Only the title and the story are Markdown, which the adapter renders without
macros and sanitizes. The value-case card before the story and the links
onward after it (lessons, sources, contact, related cases) are built here as
escaped HTML and joined to the sanitized story by `assemble`: run through
Markdown, the card alone cost more than the story, and those pages are most
of the site. `assemble` also returns the headings it added, for the table of
contents.
"""

from __future__ import annotations

from collections.abc import Callable, Set
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
    render: Callable[[], str]  # escaped HTML, built only for a section the page shows


@dataclass(frozen=True)
class Headings:
    """The generated headings before and after the story, with the anchors they get on the page."""

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

    def values() -> str:
        return '<dl class="kb-values">' + "".join(_dl_row(VALUE_LABELS[kind], escape(text)) for kind, text in case.value.items()) + "</dl>"

    def partners() -> str:
        items = (f'<li>{escape(p.name)} <span class="kb-muted">({escape(kinds[p.kind].label.lower())})</span></li>' for p in case.partners)
        return "<ul>" + "".join(items) + "</ul>"

    def safeguarding() -> str:
        return f'<dl class="kb-values">{_dl_row("Intern", escape(case.safeguarding_internal))}{_dl_row("Extern", escape(case.safeguarding_external))}</dl>'

    sections = [
        _Section("Behoefte", lambda: f"<p>{escape(case.need)}</p>"),
        _Section("Waarde", values),
        _Section("Voor wie", lambda: _items(case.beneficiaries)),
    ]
    if case.partners:
        sections.append(_Section("Partners", partners))
    sections += [
        _Section("Borging", safeguarding),
        _Section("Resultaten", lambda: _items(case.results)),
        _Section("Geleerde lessen", lambda: _items(case.lessons_learned)),
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
    refs = index.backlinks.get(case.src_uri, [])
    related = index.related[case.slug]

    def lessons() -> str:
        return "<ul>" + "".join(f"<li>{_link(here, src, title)}</li>" for title, src in (learning_title(index, ref) for ref in case.learning)) + "</ul>"

    def sources() -> str:
        return "<ul>" + "".join(f"<li>{_external(source.url, source.url)} — {escape(source.title)}</li>" for source in case.sources) + "</ul>"

    def contact() -> str:
        assert case.contact is not None
        lines = [escape(case.contact.name)] if case.contact.name else []
        if case.contact.email:
            lines.append(_external(f"mailto:{case.contact.email}", case.contact.email))
        if case.contact.website:
            lines.append(_external(case.contact.website, case.contact.website))
        return "<p>" + "<br>\n".join(lines) + "</p>"

    def referring() -> str:
        return "<ul>" + "".join(f"<li>{_link(here, ref.src_uri, ref.title)}</li>" for ref in refs) + "</ul>"

    present = [
        (bool(case.learning), _Section("Leren met deze casus", lessons)),
        (bool(case.sources), _Section("Bronnen", sources)),
        (case.contact is not None, _Section("Contact", contact)),
        (bool(refs), _Section("Hier wordt naar verwezen", referring)),
        (bool(related), _Section("Verwante casussen", lambda: case_list(case.src_uri, related, index))),
    ]
    return [section for shown, section in present if shown]


def _anchors(sections: list[_Section], taken: set[str]) -> list[Heading]:
    """Anchors like Markdown's; an id the page already uses gets a suffix. Adds the new anchors to `taken`."""
    headings = []
    for section in sections:
        anchor = base = toc_slugify(section.title, "-")
        number = 0
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        headings.append(Heading(section.title, anchor))
    return headings


def _placed(case: Case, index: Index, taken: Set[str]) -> tuple[list[tuple[_Section, Heading]], list[tuple[_Section, Heading]]]:
    """The sections before and after the story, each with its heading; `taken` is left as it was."""
    taken = set(taken)
    before, after = _value_case_sections(case, index), _closing_sections(case, index)
    return list(zip(before, _anchors(before, taken), strict=True)), list(zip(after, _anchors(after, taken), strict=True))


def _sections_html(placed: list[tuple[_Section, Heading]], permalink_title: str) -> str:
    return "".join(
        f'<h2 id="{h.anchor}">{escape(h.title)}<a class="headerlink" href="#{h.anchor}" title="{escape(permalink_title)}">&para;</a></h2>\n{s.render()}\n'
        for s, h in placed
    )


def assemble(case: Case, index: Index, story_html: str, taken: Set[str], permalink_title: str) -> tuple[str, Headings]:
    """The sanitized, rendered Markdown part with the card after its title and the related cases at its end, and the headings it added.

    `taken` holds the anchors the rendered part already uses; the generated
    headings avoid them, so every link to a heading stays unambiguous. The
    adapter adds the headings to the page's table of contents.
    """
    before, after = _placed(case, index, taken)
    title_end = story_html.find("</h1>")
    split = title_end + len("</h1>") if title_end != -1 else 0
    updated = f'<p class="kb-updated">Laatst bijgewerkt: <time datetime="{escape(case.updated)}">{dutch_date(case.updated)}</time></p>\n'
    content = (
        story_html[:split]
        + "\n"
        + case_card(case, index)
        + _sections_html(before, permalink_title)
        + case_sheet_button(case.slug, case.url)
        + story_html[split:]
        + "\n"
        + _sections_html(after, permalink_title)
        + updated
    )
    return content, Headings([heading for _, heading in before], [heading for _, heading in after])
