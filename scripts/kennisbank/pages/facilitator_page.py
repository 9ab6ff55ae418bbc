"""'Voor de begeleider': one generated page per module with everything a facilitator needs, and the run sheet on the module page.

The page gathers what the lessons hold for the facilitator: the run sheet,
what to bring (each lesson's `benodigdheden`, once each), every
`!!! begeleider` note in lesson order and the worked answers, with links to
the workbooks. It sits beside the lessons (`leren/<module>/begeleider/`) but
is not in the menu, so it is no step in a participant's way through the
lessons (Material's previous and next links follow the menu); the module
page links to it.
"""

from __future__ import annotations

import re
from html import escape

from ..content.loader import FACILITATOR_PAGE_SLUG
from ..content.model import Lesson, Module
from ..dutch import duration
from ..index import Index
from ..run_sheet import run_sheet
from .lesson_page import download_buttons
from .parts import file_url, front_matter, md_text, src_url
from .run_sheet_html import SCRIPT, run_sheet_html

# A `!!! begeleider` (or `??? begeleider`) block: its first line and every indented or empty line after it.
_NOTE = re.compile(r"^(?:!!!|\?\?\?\+?) begeleider\b.*\n(?:(?:[ \t]+\S.*|[ \t]*)(?:\n|\Z))*", re.MULTILINE)


def facilitator_src(module: Module) -> str:
    """Where the module's page for its facilitator is in the site's sources."""
    return f"leren/{module.slug}/{FACILITATOR_PAGE_SLUG}.md"


def facilitator_notes(lesson: Lesson) -> list[str]:
    """The lesson's `!!! begeleider` blocks as the author wrote them (Markdown)."""
    return [block.rstrip() + "\n" for block in _NOTE.findall(lesson.body + "\n")]


def run_sheet_section(module: Module, index: Index, page_url: str) -> str:
    """The module's run sheet with its start-time controls and their script, as Markdown with raw HTML."""
    sheet = run_sheet(module, index.lessons_of(module))
    script = escape(file_url(page_url, SCRIPT))
    return run_sheet_html(sheet, interactive=True) + f'\n\n<script src="{script}" defer></script>\n'


def module_page_kit(module: Module, index: Index) -> str:
    """What the module page shows for its facilitator: the run sheet and the way to the page with everything else."""
    return (
        "\n## Draaiboek\n\n"
        "Het draaiboek zet de lessen in bijeenkomsten, met de tijden en de pauzes. "
        f"Alles voor de begeleider staat bij elkaar op de pagina [Voor de begeleider]({FACILITATOR_PAGE_SLUG}.md): "
        "de notities bij elke les, wat je meeneemt en de uitwerkingen van de oefeningen.\n\n" + run_sheet_section(module, index, module.url)
    )


def _materials(lessons: list[Lesson]) -> str:
    """Every lesson's materials once, with the lessons that need them."""
    needed: dict[str, tuple[str, list[int]]] = {}
    for lesson in lessons:
        for item in lesson.materials:
            text, orders = needed.setdefault(item.casefold(), (item, []))
            if lesson.order not in orders:
                orders.append(lesson.order)
    if not needed:
        return "De lessen noemen geen benodigdheden.\n"
    lines = []
    for text, orders in needed.values():
        numbers = ", ".join(str(order) for order in orders[:-1]) + (" en " if len(orders) > 1 else "") + str(orders[-1])
        lines.append(f"- {md_text(text)} (les {numbers})")
    return "\n".join(lines) + "\n"


def _answers(lesson: Lesson) -> str:
    """The lesson's exercises with their hints and worked answers, for the facilitator (open, not folded)."""
    parts = []
    for number, exercise in enumerate(lesson.exercises, start=1):
        if not (exercise.hint or exercise.worked_answer):
            continue
        parts.append(f"#### Oefening {number}: {md_text(exercise.title)}\n\n{md_text(exercise.assignment)}\n")
        if exercise.hint:
            parts.append(f"\n**Hint:** {md_text(exercise.hint)}\n")
        if exercise.worked_answer:
            parts.append(f"\n**Uitwerking:** {md_text(exercise.worked_answer)}\n")
        parts.append("\n")
    return "### Hints en uitwerkingen\n\n" + "".join(parts) if parts else ""


def facilitator_page(module: Module, index: Index) -> str:
    """The Markdown of the module's page for its facilitator."""
    src = facilitator_src(module)
    url = src_url(src)
    lessons = index.lessons_of(module)
    title = f"Voor de begeleider: {module.title}"
    parts = [
        front_matter(title, f"Draaiboek, notities, benodigdheden en uitwerkingen voor wie de module {module.title} begeleidt."),
        f"# {md_text(title)}\n\n",
        f'<p class="kb-meta">Bij de module <a href="../">{escape(module.title)}</a> · {len(lessons)} lessen · {duration(module.minutes)}</p>\n\n',
        download_buttons(url, module.slug),
        "Deze pagina is voor wie de module begeleidt. Hier staat alles bij elkaar: het draaiboek met de tijden, wat je meeneemt, "
        "je notities bij elke les en de uitwerkingen van de oefeningen. Deelnemers hebben deze pagina niet nodig; zij volgen de lessen.\n\n",
        "## Draaiboek\n\n",
        run_sheet_section(module, index, url),
        "\n## Wat neem je mee?\n\n",
        _materials(lessons),
    ]
    for lesson in lessons:
        parts.append(f"\n## Les {lesson.order}: {md_text(lesson.title)}\n\n[Naar de les]({lesson.slug}.md) · {duration(lesson.minutes)}\n\n")
        parts += [note + "\n" for note in facilitator_notes(lesson)]
        parts.append(_answers(lesson))
    return "".join(parts)


def facilitator_pages(index: Index) -> dict[str, str]:
    """Every module's page for its facilitator, by its path in the site's sources."""
    return {facilitator_src(module): facilitator_page(module, index) for module in index.modules.values()}
