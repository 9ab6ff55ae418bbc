"""Module and lesson pages: the structured front matter shown around the author's text.

Lessons follow the Carpentries shape: objectives first, then the story,
exercises, reflection questions and key points; facilitator notes stay in
the author's `!!! begeleider` block so editions can include or drop them.
'Check jezelf' (`quiz`) and the reader's progress (`progress`) close a lesson.
The cases that illustrate a module or lesson, the pages that refer to it and
the way to the next lesson are sections after the rendered Markdown.
"""

from __future__ import annotations

from html import escape

from ..content.model import Exercise, Lesson, Module, workbook_path, worksheets_path
from ..dutch import duration
from ..index import Index
from .inputs import LearningPage
from .parts import PageParts, Section, case_list, file_url, link, link_list, md_text, rel, src_url
from .progress import done_mark, lesson_done_block, lesson_key, lessons_bar
from .quiz import quiz_markdown


def _bullets(items: tuple[str, ...], indent: str = "") -> str:
    return "\n".join(f"{indent}- {md_text(item)}" for item in items) + "\n"


def download_buttons(page_url: str, module_slug: str) -> str:
    """Raw HTML buttons to a module's workbooks and worksheets; raw so MkDocs does not validate the .pdf links."""
    participant = file_url(page_url, workbook_path(module_slug))
    facilitator = file_url(page_url, workbook_path(module_slug, facilitator=True))
    worksheets = file_url(page_url, worksheets_path(module_slug))
    return (
        '<p class="kb-downloads">'
        f'<a class="md-button" href="{escape(participant)}" download>Werkboek (pdf)</a> '
        f'<a class="md-button" href="{escape(facilitator)}" download>Werkboek voor begeleiders (pdf)</a> '
        f'<a class="md-button" href="{escape(worksheets)}" download>Werkbladen om in te vullen (pdf)</a>'
        "</p>\n\n"
    )


def exercise_help(exercise: Exercise) -> str:
    """An exercise's hint, shown, and its worked answer folded (closed until asked for), so that it does not tempt.

    The fold names its exercise for screen readers only: in a list of a page's controls, several identical
    'Bekijk een uitwerking' say nothing.
    """
    parts = []
    if exercise.hint:
        parts.append(f'\n!!! tip "Hint"\n\n    {md_text(exercise.hint)}\n')
    if exercise.worked_answer:
        which = f'<span class="kb-onzichtbaar"> bij {md_text(exercise.title)}</span>'
        parts.append(f'\n??? uitwerking "Bekijk een uitwerking{which}"\n\n    {md_text(exercise.worked_answer)}\n')
    return "".join(parts)


def module_markdown(module: Module, markdown: str, index: Index) -> str:
    header = (
        f"# {md_text(module.title)}\n\n"
        f'<p class="kb-meta">Voor: {md_text(module.audience)} · Duur: {duration(module.minutes)} · {len(module.lesson_slugs)} lessen</p>\n\n'
        + download_buttons(module.url, module.slug)
        + lessons_bar(module, index, "kb-voortgang-module")
        + "\n\n"
        + f"{md_text(module.summary)}\n\n"
        '!!! abstract "Leerdoelen"\n\n'
        "    Na deze module kun je:\n\n" + _bullets(module.objectives, "    ") + "\n"
    )
    rows = ["| # | Les | Duur |", "|---|-----|------|"]
    rows += [
        f"| {lesson.order} | [{md_text(lesson.title)}]({rel(module.src_uri, lesson.src_uri)}) {done_mark(lesson_key(lesson))} | {duration(lesson.minutes)} |"
        for lesson in index.lessons_of(module)
    ]
    rows.append(f"| | **Totaal** | **{duration(module.minutes)}** |")
    return header + markdown.strip() + "\n\n## Lessen\n\n" + "\n".join(rows) + "\n"


def lesson_markdown(lesson: Lesson, markdown: str, index: Index) -> str:
    module = index.modules[lesson.module]
    total = len(module.lesson_slugs)
    header = (
        f"# {md_text(lesson.title)}\n\n"
        f'<p class="kb-meta">Les {lesson.order} van {total} in <a href="../">{md_text(module.title)}</a> · Duur: {duration(lesson.minutes)}</p>\n\n'
        + download_buttons(lesson.url, module.slug)
        + '!!! abstract "Leerdoelen"\n\n'
        "    Na deze les kun je:\n\n" + _bullets(lesson.objectives, "    ") + "\n"
    )
    exercises = ["\n\n## Oefeningen\n"]
    for number, exercise in enumerate(lesson.exercises, start=1):
        minutes = f" ({duration(exercise.minutes)})" if exercise.minutes else ""
        exercises.append(f"\n### Oefening {number}: {md_text(exercise.title)}{minutes}\n\n{md_text(exercise.assignment)}\n" + exercise_help(exercise))
    footer = (
        "".join(exercises)
        + "\n## Vragen om over na te denken\n\n"
        + _bullets(lesson.questions)
        + '\n!!! success "Kernpunten"\n\n'
        + _bullets(lesson.key_points, "    ")
        + quiz_markdown(lesson)
        + lesson_done_block(lesson)
    )
    return header + markdown.strip() + footer


def learning_parts(page: LearningPage) -> PageParts:
    """The cases of a module or lesson, the pages that refer to it, and a lesson's previous and next lesson."""
    sections = []
    if page.cases:
        sections.append(Section(page.cases_title, case_list(page.url, page.cases, page.taxonomy)))
    if page.referring:
        sections.append(Section("Hier wordt naar verwezen", link_list(page.url, [(src_url(ref.src_uri), ref.title) for ref in page.referring])))
    steps = []
    if page.previous is not None:
        steps.append(f"← Vorige les: {link(page.url, page.previous.url, page.previous.title)}")
    if page.following is not None:
        steps.append(f"Volgende les: {link(page.url, page.following.url, page.following.title)} →")
    if steps:
        sections.append(Section(None, "<p>" + " · ".join(steps) + "</p>\n"))
    return PageParts(after=tuple(sections))
