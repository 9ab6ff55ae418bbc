"""Glossary tooltips: first use of each term, whole words only, never inside links, code or headings."""

from __future__ import annotations

from kennisbank.content.model import GlossaryTerm
from kennisbank.pages.glossary_terms import GlossaryMarker

MARKER = GlossaryMarker(
    (
        GlossaryTerm("coöperatie U.A.", "Coöperatie met uitsluiting van aansprakelijkheid."),
        GlossaryTerm("coöperatie", "Een vereniging van leden die samen ondernemen."),
        GlossaryTerm("value case", "Beschrijving van behoefte, waarde en voor wie."),
        GlossaryTerm("Omgevingswet", "De wet voor de fysieke leefomgeving."),
    )
)


def test_first_use_is_marked_and_longest_term_wins() -> None:
    html = MARKER.mark("<p>Een coöperatie U.A. is een soort coöperatie. Nog een coöperatie U.A.</p>")
    assert html == (
        '<p>Een <abbr title="Coöperatie met uitsluiting van aansprakelijkheid.">coöperatie U.A.</abbr> is een soort '
        '<abbr title="Een vereniging van leden die samen ondernemen.">coöperatie</abbr>. Nog een coöperatie U.A.</p>'
    )


def test_plurals_case_and_line_breaks_are_recognised() -> None:
    html = MARKER.mark("<p>Twee Value\ncases onder de omgevingswet.</p>")
    assert '<abbr title="Beschrijving van behoefte, waarde en voor wie.">Value\ncases</abbr>' in html
    assert '<abbr title="De wet voor de fysieke leefomgeving.">omgevingswet</abbr>' in html


def test_links_code_headings_and_parts_of_words_are_left_alone() -> None:
    html = '<h2>Coöperatie</h2><p><a href="x">coöperatie</a> <code>coöperatie</code> energiecoöperatie</p>'
    assert MARKER.mark(html) == html


def test_attributes_are_never_touched() -> None:
    html = '<p title="coöperatie">tekst</p><img alt="coöperatie" src="a.png">'
    assert MARKER.mark(html) == html


def test_lists_of_cases_are_left_alone_and_the_first_use_after_them_is_marked() -> None:
    case_list = '<ul class="kb-caselist" data-pagefind-ignore>\n<li><a href="../a/">Zorg A</a> — Omgevingswet-dorp, 2020 · Zorg</li>\n</ul>'
    html = MARKER.mark(f"<h2>Casussen</h2>{case_list}<p>Onder de Omgevingswet.</p>")
    assert case_list in html
    assert '<p>Onder de <abbr title="De wet voor de fysieke leefomgeving.">Omgevingswet</abbr>.</p>' in html
