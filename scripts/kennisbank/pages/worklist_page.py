"""The editors' worklist page (/bijdragen/aanvullen/): counts, then the first hundred cases to add to or check.

Its Markdown explains the levels and the check, in words taken from the
rules themselves (`content.trust`); its numbers and list are sections made
from the page's record (`inputs.WorklistPage`). However many cases there are,
the page shows the same few counts and at most `worklist.SHOWN` cases; the
whole list is a CSV file beside it (`exports.worklist_csv`).
"""

from __future__ import annotations

from html import escape

from ..content.trust import CHECK_INTERVAL_YEARS, LEVEL_BY_KEY, LEVELS, MIN_SECTION_WORDS, PART_BY_KEY, STORY_HEADINGS
from ..dutch import NOT_CHECKED, checked_label, dutch_date
from ..worklist import DUE, EXAMPLES, GROUPS, SHOWN, Entry
from .inputs import WORKLIST_CSV, GitHubLinks, WorklistPage
from .parts import PageParts, Section, file_url, front_matter, link, md_text


def _number(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def worklist_markdown() -> str:
    """The page's title and the explanation of the levels and the check."""
    levels = "\n".join(f"- **{md_text(level.label)}**: {md_text(level.meaning)}." for level in LEVELS)
    headings = ", ".join(f"'{heading}'" for heading in STORY_HEADINGS)
    return (
        front_matter("Casussen aanvullen", "De casussen die nog niet volledig zijn of toe zijn aan een controle, met wat er bij elke casus ontbreekt.")
        + "# Casussen aanvullen\n\n"
        + "Weet je meer over een initiatief op deze site? Hier zie je welke casussen nog niet volledig zijn, en welke de redactie opnieuw moet "
        "controleren. Het nuttigste werk staat bovenaan. Bij elke casus staat wat er ontbreekt, met een link naar de casus, naar het bestand "
        "op GitHub en naar een kort formulier om je aanvulling door te geven.\n\n"
        + "## Wat de niveaus betekenen\n\n"
        + f"Elke casus heeft een niveau. De site berekent het uit wat er in de casus staat:\n\n{levels}\n\n"
        + f"Een deel van het verhaal telt mee als het verhaal dat kopje heeft ({md_text(headings)}), met minstens {MIN_SECTION_WORDS} woorden eronder.\n\n"
        + "## Wanneer een casus een controle nodig heeft\n\n"
        + "De redactie legt elke casus geregeld naast het initiatief zelf. De datum van die controle staat bij de casus. "
        + f"Is dat meer dan {CHECK_INTERVAL_YEARS} jaar geleden, of nog nooit gebeurd, dan ziet de lezer een korte opmerking "
        + "dat gegevens veranderd kunnen zijn. Regels, subsidies en partners veranderen immers.\n"
    )


def _entry(here: str, entry: Entry, github: GitHubLinks | None) -> str:
    case = entry.case
    completeness = case.completeness
    checked = NOT_CHECKED.rstrip(".") if case.checked is None else f"{checked_label(illustrative=case.illustrative)} {dutch_date(case.checked)}"
    facts = f"{completeness.level.label} · {checked}" + (" · toe aan een controle" if entry.check_due and case.checked else "")
    lines = [f'{link(here, case.url, case.title)} <span class="kb-muted">— {escape(facts)}</span>']
    if completeness.missing:
        lines.append(f"Nog niet beschreven: {escape(completeness.missing_text)}.")
    if github is not None:
        hidden = f'<span class="kb-onzichtbaar"> van {escape(case.title)}</span>'
        lines.append(f'<a href="{escape(github.file)}">Bestand{hidden} op GitHub</a> · <a href="{escape(github.addition)}">Aanvulling{hidden} doorgeven</a>')
    return "<li>" + "<br>\n".join(lines) + "</li>"


def _table(caption: str, headers: tuple[str, str], rows: list[tuple[str, int]]) -> str:
    """A small table of counts, an element per line: Pagefind joins the words of adjacent table cells otherwise."""
    head = " ".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = "\n".join(f'<tr><th scope="row">{escape(label)}</th> <td>{_number(count)}</td></tr>' for label, count in rows)
    return f"<table>\n<caption>{escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def _counts(page: WorklistPage) -> str:
    levels = [("Alle casussen", page.cases)] + [(LEVEL_BY_KEY[key].label, count) for key, count in page.levels]
    missing = [(PART_BY_KEY[key].label.capitalize(), count) for key, count in page.missing]
    return (
        '<div class="kb-cijfers">\n'
        + _table("Niveaus", ("Niveau", "Casussen"), levels)
        + _table("Wat ontbreekt", ("Onderdeel", "Casussen zonder"), missing)
        + "</div>\n"
        + f"<p>Toe aan een controle: {_number(page.due)} {'casus' if page.due == 1 else 'casussen'} "
        + f"(langer dan {CHECK_INTERVAL_YEARS} jaar niet gecontroleerd, of nog nooit).{_due_examples(page)}</p>\n"
    )


def _due_examples(page: WorklistPage) -> str:
    """Why the group 'Toe aan een controle' can hold fewer cases than are due: invented examples have a group of their own."""
    examples = page.due - dict(page.listed).get(DUE.key, 0)
    if not examples:
        return ""
    which = "is een verzonnen voorbeeld; dat staat" if examples == 1 else "zijn verzonnen voorbeelden; die staan"
    return f" Daarvan {which} bij '{EXAMPLES.title}'."


def worklist_parts(page: WorklistPage) -> PageParts:
    """The counts, each group's first cases (at most `SHOWN` in all), and the whole list as CSV."""
    listed = dict(page.listed)
    total = sum(listed.values())
    sections = [Section("De lijst in cijfers", _counts(page))]
    for group in GROUPS:
        shown = [(entry, github) for entry, github in zip(page.entries, page.github, strict=True) if entry.group == group]
        if not shown:
            continue
        items = "\n".join(_entry(page.url, entry, github) for entry, github in shown)
        more = listed[group.key] - len(shown)
        rest = f"<p>En nog {_number(more)} in het CSV-bestand hieronder.</p>\n" if more else ""
        entries = f'<p>{escape(group.explanation)}</p>\n<ul class="kb-werklijst" data-pagefind-ignore>\n{items}\n</ul>\n{rest}'
        sections.append(Section(f"{group.title} ({_number(listed[group.key])})", entries))
    csv_link = f'<a href="{escape(file_url(page.url, WORKLIST_CSV))}" download>de hele lijst als CSV-bestand</a>'
    if not total:
        end = "<p>Alle casussen zijn volledig en op tijd gecontroleerd. Dank aan iedereen die meehielp!</p>\n"
    elif total > SHOWN:
        end = f"<p>Op de lijst staan {_number(total)} casussen; hierboven staan de eerste {SHOWN}. "
        end += f"Download {csv_link} om ze allemaal te zien, bijvoorbeeld in een rekenblad.</p>\n"
    else:
        end = f"<p>Op de lijst staan {_number(total)} casussen. Je kunt ook {csv_link} downloaden, bijvoorbeeld voor een rekenblad.</p>\n"
    sections.append(Section(None, end))
    return PageParts(after=tuple(sections))
