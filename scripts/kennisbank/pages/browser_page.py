"""The case browser page ("Casussen verkennen"): a plain form, enhanced by a small script.

The page itself holds only the filter controls (sized by the vocabularies, not
by the number of cases). The script fetches a compact file of every case's
facets when the page is opened, then the names of just the cases it shows,
and the names and summaries of all cases once a reader types a search word;
no other page carries any case data.
"""

from __future__ import annotations

from html import escape

from ..content.taxonomy import Term
from ..content.trust import LEVEL_BY_KEY, Level
from ..index import Index
from .parts import front_matter

BROWSER_PAGE = "casussen/verkennen.md"  # the page's source in the site
# The browser's data files, by path in the site; the page links them relative to /casussen/verkennen/.
BROWSER_DATA = "assets/casussen-verkennen.json"
BROWSER_TEXTS = "assets/casussen-verkennen-tekst.json"
BROWSER_NAMES = "assets/casussen-verkennen-namen-"
SCRIPT_URL = "../../assets/verkennen.js"


def browser_names_file(number: int) -> str:
    """The file with slug, title and place of the `number`-th group of cases."""
    return f"{BROWSER_NAMES}{number}.json"


def _checkboxes(name: str, legend: str, terms: dict[str, Term]) -> str:
    boxes = "".join(
        f'<label class="kb-check"><input type="checkbox" name="{name}" value="{escape(key)}"> <span class="kb-check__tekst">{escape(term.label)}</span></label>'
        for key, term in terms.items()
    )
    return f'<fieldset class="kb-filter"><legend>{escape(legend)}</legend>{boxes}</fieldset>'


def _select(name: str, label: str, terms: dict[str, Term] | dict[str, Level]) -> str:
    options = '<option value="">Alle</option>' + "".join(f'<option value="{escape(key)}">{escape(term.label)}</option>' for key, term in terms.items())
    return f'<div class="kb-filter"><label for="kb-{name}">{escape(label)}</label><select id="kb-{name}" name="{name}">{options}</select></div>'


def _year(name: str, label: str, placeholder: int, years: list[int]) -> str:
    bounds = f'min="{years[0]}" max="{years[-1]}" placeholder="{placeholder}"'
    return f'<div class="kb-filter"><label for="kb-{name}">{label}</label><input id="kb-{name}" name="{name}" type="number" inputmode="numeric" {bounds}></div>'


def browser_page(index: Index) -> str:
    tax = index.taxonomy
    years = sorted(index.by_year) or [2000]
    form = (
        '<form id="kb-verkennen" class="kb-browser" role="search" aria-label="Casussen filteren" action="." method="get">'
        '<div class="kb-filter kb-filter--text"><label for="kb-q">Zoek in titel, plaats en samenvatting</label>'
        '<input id="kb-q" name="q" type="search" autocomplete="off" placeholder="bijvoorbeeld zonnepanelen"></div>'
        + _checkboxes("thema", "Thema's", tax.themes)
        + '<div class="kb-filter-row">'
        + _select("gebied", "Gebied", tax.regions)
        + _select("rechtsvorm", "Rechtsvorm", tax.legal_forms)
        + _select("fase", "Fase", tax.stages)
        + _select("volledigheid", "Volledigheid", LEVEL_BY_KEY)
        + _year("van", "Gestart vanaf", years[0], years)
        + _year("tot", "tot en met", years[-1], years)
        + "</div>"
        + '<p class="kb-browser-actions"><button type="submit" class="md-button md-button--primary">Filter toepassen</button> '
        + '<button type="reset" class="md-button" id="kb-wissen">Filters wissen</button></p>'
        + "</form>"
    )
    return (
        front_matter("Casussen verkennen", "Filter alle value cases op thema, gebied, rechtsvorm, fase, volledigheid, startjaar en trefwoord.")
        + "# Casussen verkennen\n\n"
        + "Kies een of meer filters. Achter elke keuze staat hoeveel casussen je dan vindt. De lijst past zich direct aan, "
        + "en het adres van de pagina onthoudt je keuze: kopieer de link om precies deze selectie te delen.\n\n"
        + f"{form}\n\n"
        + '<p id="kb-aantal" class="kb-count" role="status" aria-live="polite" '
        + f'data-bron="../../{BROWSER_DATA}" data-tekst="../../{BROWSER_TEXTS}" data-namen="../../{BROWSER_NAMES}">'
        + "De casussen worden geladen…</p>\n\n"
        + '<ol id="kb-resultaten" class="kb-results"></ol>\n\n'
        + '<noscript><p>Zonder JavaScript werkt het filter niet. Bekijk de casussen <a href="../thema/">per thema</a>, '
        + '<a href="../gebied/">per gebied</a> of <a href="../">allemaal op één pagina</a>.</p></noscript>\n\n'
        + f'<script src="{SCRIPT_URL}" defer></script>\n'
    )
