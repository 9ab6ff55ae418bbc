"""A module's run sheet ('draaiboek'): per meeting, its blocks with the minutes they start and end.

A pure function of a module and its lessons. Each lesson becomes its
explanation, its exercises and a closing round: the exercises take their own
minutes, the closing round the module's `afronding_minuten` when the lesson
has more time left than that, and the explanation what remains, so a
lesson's blocks add up to its duration. Breaks come between blocks, never
inside one: before a block that would take the work since the last break
past `pauze_na_minuten`, and the first break in the hour and a half from
`lunchpauze_vanaf` is the lunch. Times are minutes after midnight from the
module's start time; the web page shifts them when a facilitator picks
another start (`docs/assets/draaiboek.js`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .content.model import Lesson, Module, RunSheetSettings

LUNCH_WINDOW = 90  # minutes after `lunch_from` in which a break becomes the lunch
INTRO, EXERCISE, CLOSING, BREAK, LUNCH = "uitleg", "oefening", "afronding", "pauze", "lunch"


@dataclass(frozen=True)
class Block:
    """One row of the run sheet: what happens, of which kind, from `start` for `minutes` (minutes after midnight)."""

    title: str
    kind: str
    start: int
    minutes: int
    lesson: int | None = None  # the lesson's number in the module; None for a break

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def is_break(self) -> bool:
        return self.kind in (BREAK, LUNCH)


@dataclass(frozen=True)
class Meeting:
    """One meeting: its number, its lessons and its blocks in order."""

    number: int
    lessons: tuple[Lesson, ...]
    blocks: tuple[Block, ...]

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end

    @property
    def title(self) -> str:
        names = ", ".join(f"les {lesson.order}, {lesson.title}" for lesson in self.lessons)
        return f"Bijeenkomst {self.number}: {names[0].upper()}{names[1:]}"


@dataclass(frozen=True)
class RunSheet:
    module: Module
    meetings: tuple[Meeting, ...]


def clock(minutes: int) -> str:
    """570 → '09:30'; past midnight it starts again at 00:00."""
    hours, rest = divmod(minutes % (24 * 60), 60)
    return f"{hours:02d}:{rest:02d}"


def lesson_parts(lesson: Lesson, settings: RunSheetSettings, *, first: bool) -> list[tuple[str, str, int]]:
    """(title, kind, minutes) of a lesson's blocks: explanation, exercises, closing round; empty parts left out."""
    exercises = [(f"Oefening {n}: {e.title}", EXERCISE, e.minutes) for n, e in enumerate(lesson.exercises, start=1) if e.minutes]
    rest = max(0, lesson.minutes - sum(minutes for _, _, minutes in exercises))
    closing = settings.closing_minutes if rest > settings.closing_minutes else 0
    intro = ("Welkom en uitleg" if first else f"Les {lesson.order}: uitleg", INTRO, rest - closing)
    return [part for part in (intro, *exercises, ("Afronding: vragen en kernpunten", CLOSING, closing)) if part[2] > 0]


def _meeting(number: int, lessons: tuple[Lesson, ...], settings: RunSheetSettings) -> Meeting:
    now, worked, lunched = settings.start, 0, False
    blocks: list[Block] = []
    for position, lesson in enumerate(lessons):
        for title, kind, minutes in lesson_parts(lesson, settings, first=position == 0):
            if blocks:
                lunch_time = settings.lunch_from <= now <= settings.lunch_from + LUNCH_WINDOW
                if settings.lunch_minutes and not lunched and lunch_time:
                    blocks.append(Block("Lunchpauze", LUNCH, now, settings.lunch_minutes))
                    now, worked, lunched = now + settings.lunch_minutes, 0, True
                elif settings.break_minutes and worked + minutes > settings.break_after:
                    blocks.append(Block("Pauze", BREAK, now, settings.break_minutes))
                    now, worked = now + settings.break_minutes, 0
            blocks.append(Block(title, kind, now, minutes, lesson.order))
            now, worked = now + minutes, worked + minutes
    return Meeting(number, lessons, tuple(blocks))


def run_sheet(module: Module, lessons: list[Lesson]) -> RunSheet:
    """The run sheet of a module whose lessons, in order, are `lessons`."""
    settings = module.run_sheet
    by_slug = {lesson.slug: lesson for lesson in lessons}
    groups = settings.meetings or tuple((lesson.slug,) for lesson in lessons)
    meetings = tuple(_meeting(number, tuple(by_slug[slug] for slug in group), settings) for number, group in enumerate(groups, start=1))
    return RunSheet(module, meetings)
