"""Markup for the progress a reader keeps in their own browser: 'Gedaan' switches, bars with their text, marks in lists.

Progress lives only in the browser (`docs/assets/voortgang.js`, one versioned
localStorage key), so the build writes what there is to count and the script
fills in the numbers and shows it; without JavaScript none of it appears.
Everything a reader can mark done has a key the script checks the form of:
'les:<module>/<les>', 'casus:<casus>', 'begrip:<anker>', 'werkboek:<module>'
or 'werkboek_begeleider:<module>'.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..content.model import Lesson, Module
from ..dutch import duration
from ..index import Index
from .parts import html_url

PROGRESS_SRC = "leren/voortgang.md"  # the page 'Je voortgang': what is kept, and reset, export and import
PROGRESS_PAGE = "leren/voortgang/"


def progress_key(kind: str, name: str) -> str:
    """The key of something a reader can mark done: a kind of route step ('les', 'casus', …) and what it names."""
    return f"{kind}:{name}"


def lesson_key(lesson: Lesson) -> str:
    return progress_key("les", lesson.key)


def progress_bar(keys: Sequence[str], noun: str, ident: str) -> str:
    """'0 van 5 lessen gedaan' with a bar that the text labels; `noun` agrees with the number of keys ('les', 'lessen').

    The reader's progress is the same text on every page of its kind, so it stays out of the search (`data-pagefind-ignore`), as do the switches.
    """
    total = len(keys)
    return (
        f'<div class="kb-voortgang" data-kb-voortgang="{escape(" ".join(keys))}" data-kb-wat="{escape(noun)}" hidden data-pagefind-ignore>'
        f'<span class="kb-voortgang__tekst" id="{escape(ident)}">0 van {total} {escape(noun)} gedaan</span> '
        f'<progress class="kb-voortgang__balk" max="{total}" value="0" aria-labelledby="{escape(ident)}">0 van {total}</progress>'
        "</div>"
    )


def lessons_bar(module: Module, index: Index, ident: str) -> str:
    lessons = index.lessons_of(module)
    return progress_bar([lesson_key(lesson) for lesson in lessons], "les" if len(lessons) == 1 else "lessen", ident)


def done_mark(key: str) -> str:
    """Where a list shows that an item is done; the script fills it in."""
    return f'<span class="kb-merk" data-kb-merk="{escape(key)}"></span>'


def done_switch(key: str, ident: str, label: str, progress_href: str, *, description: str = "", described_by: str = "") -> str:
    """A 'Gedaan' switch: a checkbox with the role of a switch and its label, described by its own text or by an element of the page.

    After it comes an empty live region where the script says why a change was not kept (stored progress it cannot
    read is never overwritten), linking to the page 'Je voortgang' at `progress_href`.
    """
    explained = f"{ident}-uitleg" if description else described_by
    aria = f' aria-describedby="{escape(explained)}"' if explained else ""
    text = f'<span class="kb-gedaan__uitleg" id="{escape(ident)}-uitleg">{escape(description)}</span>' if description else ""
    return (
        f'<div class="kb-gedaan" hidden data-pagefind-ignore><input type="checkbox" role="switch" class="kb-gedaan__schakelaar" id="{escape(ident)}" '
        f'data-kb-gedaan="{escape(key)}"{aria}><label for="{escape(ident)}">{escape(label)}</label>{text}</div>'
        f'<div role="status" id="{escape(ident)}-melding" data-kb-voortgang-pagina="{escape(progress_href)}" data-pagefind-ignore></div>'
    )


def lesson_done_block(lesson: Lesson) -> str:
    """The lesson's 'Gedaan' switch and the note that all its questions were answered correctly, as one raw HTML block."""
    key = lesson_key(lesson)
    note = f'<p class="kb-allesgoed" data-kb-allesgoed="{escape(key)}" hidden data-pagefind-ignore>Je hebt alle vragen van Check jezelf goed beantwoord.</p>'
    progress_href = html_url(lesson.url, PROGRESS_PAGE)
    switch = done_switch(key, "kb-gedaan", "Gedaan", progress_href, description="Zet dit aan als je deze les hebt afgerond. Alleen deze browser onthoudt het.")
    link = f'<a href="{escape(progress_href)}">Je voortgang</a>'
    more = f'<p class="kb-lesvoortgang__meer" hidden data-pagefind-ignore>Alles wat je hebt gedaan, zie je bij {link}.</p>'
    return f'<div class="kb-lesvoortgang">{switch}{note}{more}</div>\n'


def module_list(from_url: str, index: Index) -> str:
    """Every module with its summary, size and the reader's progress, linked from the page at `from_url`."""
    items = []
    for module in index.modules.values():
        count = len(module.lesson_slugs)
        size = f"{count} {'les' if count == 1 else 'lessen'} · {duration(module.minutes)}"
        items.append(
            f'<li><a href="{escape(html_url(from_url, module.url))}">{escape(module.title)}</a>: {escape(module.summary)} '
            f'<span class="kb-muted">({escape(size)})</span>{lessons_bar(module, index, f"kb-voortgang-module-{module.slug}")}</li>'
        )
    return '<ol class="kb-lijst">' + "".join(items) + "</ol>\n"


def _action_message(action: str) -> str:
    """The live region beside an action's button: on a phone the reader is there, not at the top of the controls."""
    return f'<div role="status" data-kb-melding-bij="{action}"></div>'


def progress_controls() -> str:
    """Export, import and reset on the page 'Je voortgang', shown by the script; GOV.UK's pattern for a file field with hint and error.

    Without JavaScript a sentence says why nothing follows the section's heading.
    """
    return (
        '<p class="kb-zonder-script" data-kb-zonder-script>Opslaan, terugzetten en wissen kan alleen als JavaScript aan staat.</p>'
        '<div class="kb-beheer" data-kb-beheer hidden><div role="status" data-kb-melding></div>'
        '<div class="kb-beheer__blok"><h3 id="opslaan-als-bestand">Opslaan als bestand</h3>'
        "<p>Bewaar je voortgang als bestand op je computer of telefoon. Zo kun je hem terugzetten, ook in een andere browser.</p>"
        f'<p><button type="button" class="md-button" data-kb-exporteer>Voortgang opslaan als bestand</button></p>{_action_message("opslaan")}</div>'
        '<div class="kb-beheer__blok kb-bestand"><h3 id="terugzetten-uit-een-bestand">Terugzetten uit een bestand</h3>'
        '<label class="kb-label" for="kb-bestand">Kies het bestand</label>'
        '<p class="kb-hint" id="kb-bestand-hint">Een bestand dat je eerder op deze pagina hebt opgeslagen (.json). '
        "Wat je in deze browser al hebt gedaan, blijft staan.</p>"
        '<p class="kb-fout" id="kb-bestand-fout" hidden></p>'
        '<input type="file" class="kb-bestand__kiezer" id="kb-bestand" accept=".json,application/json" aria-describedby="kb-bestand-hint">'
        f'<p><button type="button" class="md-button" data-kb-importeer>Voortgang terugzetten</button></p>{_action_message("terugzetten")}</div>'
        '<div class="kb-beheer__blok"><h3 id="opnieuw-beginnen">Opnieuw beginnen</h3>'
        "<p>Wis alles wat deze site in deze browser over je voortgang heeft bewaard. Sla het eerst op als bestand als je het later terug wilt.</p>"
        f'<p><button type="button" class="md-button" data-kb-wis>Voortgang wissen</button></p>{_action_message("wissen")}</div>'
        "</div>\n"
    )
