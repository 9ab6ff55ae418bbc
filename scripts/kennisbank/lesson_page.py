"""Module and lesson pages: the structured front matter shown around the author's text.

Lessons follow the Carpentries shape: objectives first, then the story,
exercises, reflection questions and key points; facilitator notes stay in
the author's `!!! begeleider` block so editions can include or drop them.
"""

from __future__ import annotations

from .index import Index
from .model import Lesson, Module
from .pdf import download_buttons
from .render import duration, lesson_cases_section, md_text, module_lessons_section, rel


def _bullets(items: tuple[str, ...], indent: str = "") -> str:
    return "\n".join(f"{indent}- {md_text(item)}" for item in items) + "\n"


def module_markdown(module: Module, markdown: str, index: Index) -> str:
    header = (
        f"# {md_text(module.title)}\n\n"
        f'<p class="kb-meta">Voor: {md_text(module.audience)} · Duur: {duration(module.minutes)} · {len(module.lesson_slugs)} lessen</p>\n\n'
        + download_buttons(module.url, module.slug)
        + f"{md_text(module.summary)}\n\n"
        '!!! abstract "Leerdoelen"\n\n'
        "    Na deze module kun je:\n\n" + _bullets(module.objectives, "    ") + "\n"
    )
    return header + markdown.strip() + module_lessons_section(module, index)


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
        exercises.append(f"\n### Oefening {number}: {md_text(exercise.title)}{minutes}\n\n{md_text(exercise.assignment)}\n")
    footer = (
        "".join(exercises)
        + "\n## Vragen om over na te denken\n\n"
        + _bullets(lesson.questions)
        + '\n!!! success "Kernpunten"\n\n'
        + _bullets(lesson.key_points, "    ")
    )
    lessons = index.lessons_of(module)
    position = lessons.index(lesson)
    steps = []
    if position > 0:
        previous = lessons[position - 1]
        steps.append(f"← Vorige les: [{md_text(previous.title)}]({rel(lesson.src_uri, previous.src_uri)})")
    if position + 1 < len(lessons):
        following = lessons[position + 1]
        steps.append(f"Volgende les: [{md_text(following.title)}]({rel(lesson.src_uri, following.src_uri)}) →")
    navigation = ("\n\n" + " · ".join(steps) + "\n") if steps else ""
    return header + markdown.strip() + footer + lesson_cases_section(lesson, index) + navigation
