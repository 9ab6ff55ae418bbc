"""Durations that add up: a warning, never an error, when a lesson's exercises do not fit in the lesson.

The run sheet (`run_sheet`) gives each exercise its own minutes and the
lesson's explanation what is left; when the exercises take longer than the
lesson, the meeting runs over and the run sheet no longer matches the
durations the pages show. An exercise without `duur_minuten` gets no time
of its own in the run sheet, so it is named too.
"""

from __future__ import annotations

import re

from ..content.loader import Content
from ..content.problems import Problem
from . import Advice

_DURATION = re.compile(r"^duur_minuten:", re.MULTILINE)


def _duration_line(text: str) -> int | None:
    """The line of the lesson's own `duur_minuten` (the first one at the start of a line; exercises' are indented)."""
    found = _DURATION.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def check(content: Content) -> Advice:
    advice = Advice()
    for lesson in content.lessons:
        timed = [exercise.minutes for exercise in lesson.exercises if exercise.minutes]
        untimed = [exercise.title for exercise in lesson.exercises if not exercise.minutes]
        if sum(timed) <= lesson.minutes and not untimed:
            continue
        line = _duration_line((content.root / lesson.path).read_text(encoding="utf-8"))
        if sum(timed) > lesson.minutes:
            message = (
                f"de oefeningen duren samen {sum(timed)} minuten, langer dan de les ({lesson.minutes} minuten); "
                "maak de les langer of de oefeningen korter, anders loopt het draaiboek uit"
            )
            advice.warnings.append(Problem(lesson.path, line, "duur_minuten", message))
        for title in untimed:
            message = f"oefening '{title}' heeft geen duur_minuten; het draaiboek geeft haar geen eigen tijd"
            advice.warnings.append(Problem(lesson.path, line, "oefeningen", message))
    return advice
