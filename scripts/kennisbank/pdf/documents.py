"""The printed documents as HTML: a workbook per module and edition, a sheet per case.

Pure functions of the index (plus the image store): structured fields are
escaped, Markdown bodies go through `markup`, and all page layout lives in
`print.css`. Page numbers in the table of contents are filled in by
WeasyPrint (`target-counter`), bookmarks come from the h1/h2 headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape, unescape

from ..content.model import Case, Exercise, GlossaryTerm, Lesson, Module
from ..dutch import NOT_CHECKED, VALUE_LABELS, check_due_note, checked_label, duration, dutch_date
from ..index import Index
from ..pages.run_sheet_html import run_sheet_html
from ..run_sheet import clock, run_sheet
from .markup import Images, Links, body_html

ORGANISATION = "De Coöperatieve Samenleving"
LICENCE = "Teksten onder CC BY-SA 4.0"
MODULE_ANCHOR = "over-deze-module"
_TAG = re.compile(r"<[^>]+>")
_SELF_LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


@dataclass(frozen=True)
class Imprint:
    """Where a printed document comes from: shown on covers and in footers."""

    site_url: str
    date: str  # Dutch date, e.g. "3 december 2026"
    commit: str | None  # short commit of the content, when known

    @property
    def version(self) -> str:
        return f"{self.date} · inhoud {self.commit}" if self.commit else self.date

    @property
    def site_name(self) -> str:
        return self.site_url.split("//", 1)[-1].rstrip("/")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"


def _mark_self_links(html: str) -> str:
    """Links whose text is their own address get a class, so print does not repeat the URL."""

    def mark(match: re.Match[str]) -> str:
        href, text = match.group(1), match.group(2)
        if unescape(text).strip().removeprefix("mailto:") == unescape(href).removeprefix("mailto:"):
            return f'<a class="kb-url" href="{href}">{text}</a>'
        return match.group(0)

    return _SELF_LINK.sub(mark, html)


def _document(title: str, description: str, body_class: str, footer: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n"
        f'<meta name="author" content="{_e(ORGANISATION)}">\n'
        f'<meta name="description" content="{_e(description)}">\n'
        f'<meta name="generator" content="kennisbank pdf">\n'
        "</head>\n"
        f'<body class="{body_class}" data-footer="{_e(footer)}">\n{body}\n</body>\n</html>\n'
    )


def _case_card(case: Case, index: Index, level: int, *, two_columns: bool = False) -> str:
    """The value-case card: every structured field of a case, how complete and fresh it is, escaped."""
    tax = index.taxonomy
    facts = [
        ("Thema's", ", ".join(tax.themes[t].label for t in case.themes)),
        ("Gebied", tax.regions[case.region].label),
        ("Plaats", case.place),
        ("Gestart", str(case.year_started)),
        ("Rechtsvorm", tax.legal_forms[case.legal_form].label),
        ("Fase", tax.stages[case.stage].label),
    ]
    if case.members is not None:
        facts.append(("Leden", f"{case.members:,}".replace(",", ".")))
    partners = "; ".join(f"{p.name} ({tax.partner_kinds[p.kind].label.lower()})" for p in case.partners)
    badge = ""
    if case.illustrative:
        badge = '<p class="kb-badge kb-badge--voorbeeld"><strong>Voorbeeld</strong> — een verzonnen casus ter illustratie, geen bestaand initiatief.</p>'
    elif case.verified:
        badge = '<p class="kb-badge kb-badge--geverifieerd"><strong>Geverifieerd</strong>: de gegevens zijn nagegaan bij het initiatief of in de bronnen.</p>'
    if index.check_due(case):
        badge += f'<p class="kb-note-oud">{_e(check_due_note(case.checked, illustrative=case.illustrative))}</p>'
    checked = f"{checked_label(illustrative=case.illustrative)} {dutch_date(case.checked)}." if case.checked else NOT_CHECKED
    missing = f" Nog niet beschreven: {case.completeness.missing_text}." if case.completeness.missing else ""
    trust = f'<p class="kb-trust"><strong>{_e(case.completeness.level.label)}</strong>.{_e(missing)} {_e(checked)}</p>'
    if partners:
        facts.append(("Partners", partners))
    if two_columns:
        # Two tables side by side, so that each label heads only its own value; partners (often long) last, across both.
        listed, last = (facts[:-1], facts[-1:]) if partners else (facts, [])
        half = (len(listed) + 1) // 2
        table = _layout_columns(_facts_table(listed[:half]), _facts_table(listed[half:])) + (_facts_table(last) if last else "")
    else:
        table = _facts_table(facts)
    card = f'<div class="kb-casecard">{badge}<p class="kb-case-summary">{_e(case.summary)}</p>{table}{trust}</div>'
    return card + _value_case(case, f"h{level}", two_columns)


def _facts_table(facts: list[tuple[str, str]]) -> str:
    """Labels and values; each label is the header of its row (a screen reader reads 'Gebied: Utrecht')."""
    rows = "".join(f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>' for label, value in facts)
    return f'<table class="kb-facts">{rows}</table>'


def _layout_columns(left: str, right: str) -> str:
    """Two columns side by side: a CSS table of divs, laid out in one pass, and no table for a screen reader."""
    return f'<div class="kb-two-columns"><div class="kb-column">{left}</div><div class="kb-column">{right}</div></div>'


def _value_case(case: Case, h: str, two_columns: bool) -> str:
    """Need, value, beneficiaries, safeguarding, results and lessons: one column, or two for a sheet."""
    values = "".join(f"<dt>{_e(VALUE_LABELS[kind])}</dt><dd>{_e(text)}</dd>" for kind, text in case.value.items())
    blocks = [
        f"<{h}>Behoefte</{h}><p>{_e(case.need)}</p>",
        f'<{h}>Waarde</{h}><dl class="kb-values">{values}</dl>',
        f"<{h}>Voor wie</{h}>{_list(case.beneficiaries)}",
        f'<{h}>Borging</{h}><dl class="kb-values"><dt>Intern</dt><dd>{_e(case.safeguarding_internal)}</dd>'
        f"<dt>Extern</dt><dd>{_e(case.safeguarding_external)}</dd></dl>",
        f"<{h}>Resultaten</{h}>{_list(case.results)}",
        f"<{h}>Geleerde lessen</{h}>{_list(case.lessons_learned)}",
    ]
    cells = ["".join(f'<div class="kb-vc-block">{block}</div>' for block in part) for part in (blocks[:3], blocks[3:])]
    if two_columns:
        return f'<div class="kb-valuecase">{_layout_columns(cells[0], cells[1])}</div>'
    return f'<div class="kb-valuecase">{"".join(cells)}</div>'


def _sources(case: Case, level: int) -> str:
    if not case.sources:
        return ""
    items = "".join(f'<li>{_e(s.title)}: <a class="kb-url" href="{_e(s.url)}">{_e(s.url)}</a></li>' for s in case.sources)
    return f'<h{level}>Bronnen</h{level}><ul class="kb-sources">{items}</ul>'


# --- Workbooks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Workbook:
    module: Module
    index: Index
    facilitator: bool
    imprint: Imprint
    images: Images
    links: Links

    @property
    def lessons(self) -> list[Lesson]:
        return self.index.lessons_of(self.module)

    @property
    def cases(self) -> list[Case]:
        return self.index.illustrating.get(self.module.slug, [])

    def body(self, text: str, src_uri: str, prefix: str, *, contributed: bool = False, baselevel: int = 1) -> str:
        html = body_html(
            text,
            src_uri=src_uri,
            prefix=prefix,
            links=self.links,
            images=self.images,
            facilitator=self.facilitator,
            contributed=contributed,
            baselevel=baselevel,
        )
        return f'<div class="kb-body">{_mark_self_links(html)}</div>'


def lesson_anchor(lesson: Lesson) -> str:
    return f"les-{lesson.slug}"


def case_anchor(case: Case) -> str:
    return f"casus-{case.slug}"


def worksheet_anchor(lesson: Lesson, number: int) -> str:
    return f"werkblad-{lesson.slug}-{number}"


def _pageref(anchor: str) -> str:
    return f'<a class="kb-pageref" href="#{anchor}"></a>'


def _cover(book: _Workbook) -> str:
    module = book.module
    edition = "Werkboek voor begeleiders" if book.facilitator else "Werkboek voor deelnemers"
    note = ""
    if book.facilitator:
        note = (
            '<p class="kb-cover-note">Met het draaiboek voorin, de notities voor de begeleider (aanwijzingen voor het leiden van de bijeenkomst) '
            "en de uitwerkingen van de oefeningen, in paarse kaders.</p>"
        )
    lessons = book.lessons
    return (
        '<section class="kb-cover">'
        f'<div class="kb-cover-band"><p class="kb-cover-org">{_e(ORGANISATION)}</p><p class="kb-cover-kind">{edition}</p></div>'
        '<div class="kb-cover-main">'
        f'<h1 class="kb-cover-title">{_e(module.title)}</h1>'
        f'<p class="kb-cover-summary">{_e(module.summary)}</p>'
        f"{note}"
        '<table class="kb-cover-facts">'
        f'<tr><th scope="row">Voor</th><td>{_e(module.audience)}</td></tr>'
        f'<tr><th scope="row">Duur</th><td>{_e(duration(module.minutes))} in {len(lessons)} {"les" if len(lessons) == 1 else "lessen"}</td></tr>'
        "</table></div>"
        '<div class="kb-cover-foot">'
        f"<p><strong>{_e(ORGANISATION)}</strong> · {_e(book.imprint.site_name)}</p>"
        f"<p>Versie: {_e(book.imprint.version)}</p>"
        f"<p>{_e(LICENCE)}</p>"
        "</div></section>"
    )


def _appendix_titles(book: _Workbook) -> list[tuple[str, str]]:
    """(anchor, title) of the appendices, lettered in order."""
    parts = []
    if book.cases:
        parts.append(("bijlage-casussen", "Casussen bij deze module"))
    parts.append(("begrippen", "Begrippen"))
    return [(anchor, f"Bijlage {chr(ord('A') + n)}: {title}") for n, (anchor, title) in enumerate(parts)]


def _toc(book: _Workbook) -> str:
    items = [f'<li class="kb-toc-chapter"><a href="#{MODULE_ANCHOR}">Over deze module</a></li>']
    for lesson in book.lessons:
        sheets = [
            f'<li><a href="#{worksheet_anchor(lesson, n)}">Werkblad: {_e(ex.title)}</a></li>' for n, ex in enumerate(lesson.exercises, start=1) if ex.worksheet
        ]
        sub = f'<ul class="kb-toc-sub">{"".join(sheets)}</ul>' if sheets else ""
        label = f'<span class="kb-toc-label">Les {lesson.order}</span> {_e(lesson.title)}'
        items.append(f'<li class="kb-toc-chapter"><a href="#{lesson_anchor(lesson)}">{label}</a>{sub}</li>')
    for anchor, title in _appendix_titles(book):
        sub = ""
        if anchor == "bijlage-casussen":
            sub = '<ul class="kb-toc-sub">' + "".join(f'<li><a href="#{case_anchor(c)}">{_e(c.title)}</a></li>' for c in book.cases) + "</ul>"
        items.append(f'<li class="kb-toc-chapter"><a href="#{anchor}">{_e(title)}</a>{sub}</li>')
    return f'<nav class="kb-toc"><h1 id="inhoud">Inhoud</h1><ol class="kb-toc-list">{"".join(items)}</ol></nav>'


def _about(book: _Workbook) -> str:
    module = book.module
    rows = "".join(
        f'<tr><td class="kb-num">{lesson.order}</td><td>{_e(lesson.title)}</td><td class="kb-nowrap">{_e(duration(lesson.minutes))}</td>'
        f'<td class="kb-num">{_pageref(lesson_anchor(lesson))}</td></tr>'
        for lesson in book.lessons
    )
    total = f'<tr class="kb-total"><td></td><td>Totaal</td><td class="kb-nowrap">{_e(duration(module.minutes))}</td><td></td></tr>'
    how = (
        "Bij elke les vind je de leerdoelen, de uitleg, de oefeningen en vragen om over na te denken. "
        "Oefeningen met een werkblad hebben achter de les een eigen pagina met ruimte om te schrijven."
    )
    if not book.facilitator:
        how += " Je kunt de werkbladen ook op je computer invullen: klik in een vak, typ en sla het bestand op."
    if book.cases:
        how += " Achterin staan de casussen die bij deze module horen en de begrippen die erin voorkomen."
    else:
        how += " Achterin staan de begrippen die in deze module voorkomen."
    how += f" {QUIZ_NOTE_FACILITATOR if book.facilitator else QUIZ_NOTE}"
    if book.facilitator:
        how += " Deze versie is voor de begeleider: voorin staat het draaiboek, en de notities en uitwerkingen staan in paarse kaders."
    return (
        f'<section class="kb-chapter kb-about" id="{MODULE_ANCHOR}">'
        f'<h1 data-running="Over deze module">Over deze module</h1>'
        f'<p class="kb-lead">{_e(module.summary)}</p>'
        f'<div class="kb-box kb-objectives"><p class="kb-box-title">Leerdoelen</p><p>Na deze module kun je:</p>{_list(module.objectives)}</div>'
        + book.body(module.body, module.src_uri, "module")
        + '<h2 id="lessen">Lessen</h2>'
        '<table class="kb-lessons"><thead><tr><th scope="col" class="kb-num">#</th><th scope="col">Les</th><th scope="col">Duur</th>'
        '<th scope="col" class="kb-num">Blz.</th></tr></thead>'
        f"<tbody>{rows}{total}</tbody></table>"
        f'<h2 id="zo-werkt-dit-werkboek">Zo werkt dit werkboek</h2><p>{_e(how)}</p>'
        "</section>"
    )


def _ruled_lines(count: int) -> str:
    return '<div class="kb-lines">' + '<div class="kb-line"></div>' * count + "</div>"


def worksheet_field(lesson: Lesson, number: int, part: str) -> str:
    """The name of a form field of a worksheet, as PDF readers store it: the worksheet, then what is asked ('naam', 'datum', 'antwoord')."""
    return f"{worksheet_anchor(lesson, number)}-{part}"


def _writing_space(lesson: Lesson, number: int, *, fillable: bool) -> str:
    """Name, date and the ruled area of a worksheet; fillable, they are PDF form fields over the lines (empty, they print as lines)."""
    title = lesson.exercises[number - 1].title
    if not fillable:
        return (
            '<p class="kb-fill"><span class="kb-fill-label">Naam of groep</span> <span class="kb-fill-line kb-fill--naam"></span> '
            '<span class="kb-fill-label">Datum</span> <span class="kb-fill-line kb-fill--datum"></span></p><div class="kb-writing"></div>'
        )

    def field(part: str, label: str, tag: str) -> str:
        name, described = _e(worksheet_field(lesson, number, part)), _e(f"Werkblad {title}: {label.lower()}")
        if tag == "textarea":
            return f'<textarea class="kb-field" name="{name}" id="{name}" title="{described}"></textarea>'
        return (
            f'<label class="kb-fill-label" for="{name}">{label}</label> '
            f'<input class="kb-field kb-fill--{part}" type="text" name="{name}" id="{name}" title="{described}">'
        )

    writing = field("antwoord", "Antwoord", "textarea")
    return f'<p class="kb-fill">{field("naam", "Naam of groep", "input")} {field("datum", "Datum", "input")}</p><div class="kb-writing">{writing}</div>'


def _worksheet(lesson: Lesson, number: int, total_lessons: int, *, fillable: bool = False) -> str:
    exercise = lesson.exercises[number - 1]
    minutes = f" · {_e(duration(exercise.minutes))}" if exercise.minutes else ""
    return (
        f'<section class="kb-worksheet" id="{worksheet_anchor(lesson, number)}">'
        f'<p class="kb-worksheet-kicker">Werkblad · Les {lesson.order} van {total_lessons} · Oefening {number}{minutes}</p>'
        f'<h2 data-bookmark="Werkblad: {_e(exercise.title)}">{_e(exercise.title)}</h2>'
        f'<p class="kb-assignment">{_e(exercise.assignment)}</p>{_hint(exercise)}'
        f"{_writing_space(lesson, number, fillable=fillable)}"
        "</section>"
    )


def _hint(exercise: Exercise) -> str:
    return f'<p class="kb-hint"><strong>Hint:</strong> {_e(exercise.hint)}</p>' if exercise.hint else ""


def _exercise_help(exercise: Exercise, *, facilitator: bool) -> str:
    """After an exercise: its hint in every edition, its worked answer only in the facilitator's."""
    if not (facilitator and exercise.worked_answer):
        return _hint(exercise)
    return _hint(exercise) + f'<div class="kb-answer"><p class="kb-box-title">Uitwerking</p><p>{_e(exercise.worked_answer)}</p></div>'


def _run_sheet_chapter(book: _Workbook) -> str:
    """The facilitator's edition opens with the run sheet: every meeting with its blocks and clock times, on one page."""
    sheet = run_sheet(book.module, book.lessons)
    lead = (
        f"De tijden gaan uit van een begin om {clock(sheet.meetings[0].start)}. Begin je later, dan schuift alles mee; "
        "op de pagina van de module online kies je de begintijd en druk je het draaiboek opnieuw af."
    )
    return (
        f'<section class="kb-chapter kb-runsheet" id="draaiboek"><h1 data-running="Draaiboek">Draaiboek</h1>'
        f'<p class="kb-muted">{_e(lead)}</p>{run_sheet_html(sheet, interactive=False)}</section>'
    )


def _lesson(book: _Workbook, lesson: Lesson) -> str:
    total = len(book.module.lesson_slugs)
    exercises = []
    for number, exercise in enumerate(lesson.exercises, start=1):
        minutes = f' <span class="kb-muted">({_e(duration(exercise.minutes))})</span>' if exercise.minutes else ""
        sheet = ""
        if exercise.worksheet:
            sheet = f'<p class="kb-sheetref">Werkblad op blz. {_pageref(worksheet_anchor(lesson, number))}</p>'
        help_ = _exercise_help(exercise, facilitator=book.facilitator)
        exercises.append(
            f'<div class="kb-exercise"><h3>Oefening {number}: {_e(exercise.title)}{minutes}</h3><p>{_e(exercise.assignment)}</p>{help_}{sheet}</div>'
        )
    questions = "".join(f"<li><p>{_e(q)}</p>{_ruled_lines(2)}</li>" for q in lesson.questions)
    cases = book.index.illustrating.get(lesson.key, [])
    case_note = ""
    if cases:
        refs = "; ".join(f"{_e(c.title)} (blz. {_pageref(case_anchor(c))})" for c in cases)
        case_note = f'<p class="kb-casenote"><strong>Casussen bij deze les</strong> (in de bijlage): {refs}</p>'
    sheets = "".join(_worksheet(lesson, n, total, fillable=not book.facilitator) for n, ex in enumerate(lesson.exercises, start=1) if ex.worksheet)
    prefix = lesson_anchor(lesson)
    return (
        f'<section class="kb-chapter kb-lesson" id="{prefix}">'
        f'<h1 data-running="Les {lesson.order}: {_e(lesson.title)}"><span class="kb-kicker">Les {lesson.order} van {total}</span> {_e(lesson.title)}</h1>'
        f'<p class="kb-meta">Duur: {_e(duration(lesson.minutes))}</p>'
        f'<p class="kb-lead">{_e(lesson.summary)}</p>'
        f'<div class="kb-box kb-objectives"><p class="kb-box-title">Leerdoelen</p><p>Na deze les kun je:</p>{_list(lesson.objectives)}</div>'
        + book.body(lesson.body, lesson.src_uri, prefix)
        + f'<h2 id="{prefix}--oefeningen">Oefeningen</h2>{"".join(exercises)}'
        f'<h2 id="{prefix}--vragen">Vragen om over na te denken</h2><ol class="kb-questions">{questions}</ol>'
        f'<div class="kb-box kb-keypoints"><p class="kb-box-title">Kernpunten</p>{_list(lesson.key_points)}</div>'
        f"{_quiz(book, lesson)}"
        f"{case_note}"
        "</section>"
        f"{sheets}"
    )


# --- Check jezelf ----------------------------------------------------------------------------

QUIZ_TITLE = "Check jezelf"
QUIZ_NOTE = "Na de kernpunten kun je bij Check jezelf aankruisen wat volgens jou het goede antwoord is; de antwoorden staan op de site."
QUIZ_NOTE_FACILITATOR = "Bij Check jezelf staan in deze versie ook de juiste antwoorden, met uitleg bij elk antwoord."


def _quiz(book: _Workbook, lesson: Lesson) -> str:
    """A lesson's questions with a box to tick per answer (round where one answer is right); the facilitator's edition adds why each answer is right or not."""
    items = []
    for question in lesson.quiz:
        hint = "kies alle antwoorden die juist zijn" if question.several_correct else "kies één antwoord"
        tick = '<span class="kb-tick kb-tick--vierkant"></span>' if question.several_correct else '<span class="kb-tick"></span>'
        answers = "".join(f"<li>{tick}{_e(answer.text)}</li>" for answer in question.answers)
        key = ""
        if book.facilitator:
            explained = "".join(
                f"<li><strong>{'Juist' if answer.correct else 'Niet juist'}:</strong> {_e(answer.text)} — {_e(answer.explanation)}</li>"
                for answer in question.answers
            )
            key = f'<div class="kb-quiz-key"><p class="kb-box-title">Antwoorden</p><ul>{explained}</ul></div>'
        items.append(
            f'<li><p class="kb-quiz-question">{_e(question.question)} <span class="kb-muted">({hint})</span></p>'
            f'<ul class="kb-quiz-answers">{answers}</ul>{key}</li>'
        )
    return f'<h2 id="{lesson_anchor(lesson)}--check-jezelf">{QUIZ_TITLE}</h2><ol class="kb-quiz">{"".join(items)}</ol>'


def _learning_refs(case: Case, index: Index) -> list[str]:
    refs = []
    for ref in case.learning:
        if "/" in ref:
            lesson = index.lessons[ref]
            refs.append(f"Les {lesson.order}: {lesson.title} ({index.modules[lesson.module].title})")
        else:
            refs.append(f"Module: {index.modules[ref].title}")
    return refs


def _appendix_case(book: _Workbook, case: Case) -> str:
    anchor = case_anchor(case)
    story = ""
    if case.body.strip():
        story = '<h3 class="kb-story-title">Het verhaal</h3>' + book.body(case.body, case.src_uri, anchor, contributed=True, baselevel=3)
    return (
        f'<section class="kb-case" id="{anchor}">'
        f"<h2>{_e(case.title)}</h2>"
        f"{_case_card(case, book.index, 3)}{story}{_sources(case, 3)}"
        f'<p class="kb-online">Online: <a class="kb-url" href="{_e(book.imprint.site_url + case.url)}">{_e(book.imprint.site_url + case.url)}</a></p>'
        "</section>"
    )


def glossary_terms_in(text: str, glossary: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
    """Glossary terms that occur in a text, also in a simple plural form (-s, -en, -'s)."""
    plain = " ".join(unescape(_TAG.sub(" ", text)).casefold().split())
    found = []
    for term in glossary:
        words = r"\s+".join(re.escape(word) for word in term.term.casefold().split())
        if re.search(rf"(?<!\w){words}(?:s|en|'s)?(?!\w)", plain):
            found.append(term)
    return found


def _appendices(book: _Workbook, text_so_far: str) -> str:
    parts = []
    for anchor, title in _appendix_titles(book):
        if anchor == "bijlage-casussen":
            intro = "<p>Deze casussen laten zien hoe initiatieven in de praktijk doen wat in de lessen aan bod komt.</p>"
            cases = "".join(_appendix_case(book, case) for case in book.cases)
            parts.append(f'<section class="kb-chapter kb-appendix" id="{anchor}"><h1 data-running="{_e(title)}">{_e(title)}</h1>{intro}{cases}</section>')
        else:
            cases_html = "".join(parts)
            terms = glossary_terms_in(text_so_far + cases_html, book.index.content.glossary)
            rows = "".join(f"<dt>{_e(t.term)}</dt><dd>{_e(t.explanation)}</dd>" for t in terms)
            url = _e(book.imprint.site_url + "begrippen/")
            intro = f'<p>De begrippen die in dit werkboek voorkomen. De volledige lijst staat op <a class="kb-url" href="{url}">{url}</a>.</p>'
            glossary = f'<dl class="kb-glossary">{rows}</dl>' if terms else "<p>In dit werkboek komen geen begrippen uit de begrippenlijst voor.</p>"
            parts.append(f'<section class="kb-chapter kb-appendix" id="{anchor}"><h1 data-running="{_e(title)}">{_e(title)}</h1>{intro}{glossary}</section>')
    return "".join(parts)


def workbook_html(module: Module, index: Index, *, facilitator: bool, imprint: Imprint, images: Images) -> str:
    """The complete workbook of a module as one HTML document."""
    anchors = {module.src_uri: MODULE_ANCHOR}
    anchors.update({lesson.src_uri: lesson_anchor(lesson) for lesson in index.lessons_of(module)})
    anchors.update({case.src_uri: case_anchor(case) for case in index.illustrating.get(module.slug, [])})
    book = _Workbook(module, index, facilitator, imprint, images, Links(imprint.site_url, anchors))
    main = _about(book) + "".join(_lesson(book, lesson) for lesson in book.lessons)
    body = _cover(book) + (_run_sheet_chapter(book) if facilitator else "") + _toc(book) + main + _appendices(book, main)
    edition = "Werkboek voor begeleiders" if facilitator else "Werkboek"
    kind = "begeleider" if facilitator else "deelnemer"
    return _document(
        f"{module.title} — {edition.lower()}",
        module.summary,
        f"kb-workbook kb-edition-{kind}",
        f"{ORGANISATION} · {edition} · {imprint.version}",
        body,
    )


def worksheets_html(module: Module, index: Index, *, imprint: Imprint) -> str:
    """A module's worksheets alone, with form fields to fill in on a computer and lines to write on when printed."""
    lessons = index.lessons_of(module)
    sheets = [(lesson, n) for lesson in lessons for n, exercise in enumerate(lesson.exercises, start=1) if exercise.worksheet]
    items = "".join(
        f'<li><a href="#{worksheet_anchor(lesson, n)}"><span class="kb-toc-label">Les {lesson.order}</span> {_e(lesson.exercises[n - 1].title)}</a></li>'
        for lesson, n in sheets
    )
    how = (
        "Vul de werkbladen in op je computer: klik in een vak en typ. Sla het bestand daarna op; de meeste pdf-lezers bewaren wat je typte. "
        "Je kunt de bladen ook afdrukken en op de lijnen schrijven."
    )
    listing = f'<ol class="kb-toc-list">{items}</ol>' if sheets else "<p>Deze module heeft geen werkbladen.</p>"
    intro = (
        '<section class="kb-worksheets-intro">'
        f'<p class="kb-cover-org">{_e(ORGANISATION)} · Werkbladen</p>'
        f'<h1 class="kb-cover-title">{_e(module.title)}</h1>'
        f'<p class="kb-lead">{_e(module.summary)}</p><p>{_e(how)}</p>'
        f'<h2 id="werkbladen">Werkbladen</h2>{listing}'
        f'<p class="kb-muted">Versie: {_e(imprint.version)} · {_e(LICENCE)} · {_e(imprint.site_name)}</p>'
        "</section>"
    )
    body = intro + "".join(_worksheet(lesson, n, len(lessons), fillable=True) for lesson, n in sheets)
    footer = f"{ORGANISATION} · Werkbladen · {imprint.version}"
    return _document(f"{module.title} — werkbladen", module.summary, "kb-workbook kb-worksheets kb-edition-deelnemer", footer, body)


# --- Case sheets ---------------------------------------------------------------------------

# Root font sizes (pt) for a case sheet, largest first; the builder uses the first that fits.
SHEET_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
# About this many characters fit on a sheet at 10 pt (measured on the real cases; a little
# optimistic, so the first try is rarely smaller than needed).
SHEET_CHARS_AT_10PT = 2250


def sheet_sizes(case_html: str) -> tuple[float, ...]:
    """The sheet sizes worth trying for a case, starting at the largest that may fit."""
    text = " ".join(unescape(_TAG.sub(" ", case_html.split("<body", 1)[-1])).split())
    estimate = 10 * (SHEET_CHARS_AT_10PT / max(len(text), 1)) ** 0.5
    fitting = [size for size in SHEET_SIZES if size <= estimate]
    return tuple(fitting) or SHEET_SIZES[-1:]


def case_sheet_html(case: Case, index: Index, *, imprint: Imprint, font_size: float) -> str:
    """A one-page sheet with the case's value-case card, to print and discuss."""
    url = imprint.site_url + case.url
    learning = _list(_learning_refs(case, index))
    body = (
        '<div class="kb-sheet-page">'
        f'<header class="kb-sheet-head"><span>Casusblad</span><span>{_e(ORGANISATION)}</span></header>'
        f'<h1 class="kb-sheet-title">{_e(case.title)}</h1>'
        f"{_case_card(case, index, 2, two_columns=True)}"
        f'<div class="kb-sheet-more"><h2>Leren met deze casus</h2>{learning}{_sources(case, 2)}'
        f'<p class="kb-online">Het hele verhaal: <a class="kb-url" href="{_e(url)}">{_e(url)}</a></p></div>'
        '<div class="kb-sheet-notes"><h2>Aantekeningen</h2><div class="kb-writing"></div></div>'
        "</div>"
    )
    document = _document(case.title, case.summary, "kb-sheet", f"{ORGANISATION} · casusblad · {imprint.version}", body)
    return document.replace("<head>\n", f"<head>\n<style>html {{ font-size: {font_size}pt; }}</style>\n", 1)
