"""Freshness advice: the cases the editors should check against the initiative again; a warning, never an error.

A case not checked for more than two years, or never (see `content.trust`),
gets a warning on its field `gecontroleerd`, and so does a check dated after
today, which would keep a case from ever being due. "Today" is the build
date (`trust.build_date`): SOURCE_DATE_EPOCH pins it, as in the tests. These
warnings are for the editors, not for whoever changed a file: a pull
request's comment lists them apart from the writer's own warnings.
"""

from __future__ import annotations

import re
from datetime import date

from ..content.loader import Content
from ..content.model import Case
from ..content.problems import Problem
from ..content.trust import CHECK_INTERVAL_YEARS, build_date, check_due
from ..dutch import dutch_date
from . import Advice

FIELD = "gecontroleerd"
_FIELD_LINE = re.compile(rf"^{FIELD}[ \t]*:", re.MULTILINE)


def _line(content: Content, case: Case) -> int | None:
    """The file line of the field: found in the file's front matter, which validation has already read whole."""
    text = (content.root / case.path).read_text(encoding="utf-8")
    end = text.find("\n---", 3)
    found = _FIELD_LINE.search(text, 0, end if end != -1 else len(text))
    return text.count("\n", 0, found.start()) + 1 if found else None


def _message(case: Case, today: date) -> str | None:
    if case.checked is None:
        return (
            "ontbreekt: de redactie heeft deze casus nog nooit gecontroleerd. Leg de gegevens naast het initiatief "
            "en voeg dan 'gecontroleerd: JJJJ-MM-DD' toe met de datum van die dag. Dit is een waarschuwing, geen fout."
        )
    if check_due(case.checked, today) and case.illustrative:
        return (
            f"dit verzonnen voorbeeld is laatst nagelezen op {dutch_date(case.checked)}, meer dan {CHECK_INTERVAL_YEARS} jaar geleden. "
            "Lees het opnieuw na (kloppen regels en bedragen nog?) en zet dan de datum van die dag hier. Dit is een waarschuwing, geen fout."
        )
    if check_due(case.checked, today):
        return (
            f"laatst gecontroleerd op {dutch_date(case.checked)}, meer dan {CHECK_INTERVAL_YEARS} jaar geleden. "
            "Vraag het initiatief of de gegevens nog kloppen en zet dan de datum van die dag hier. Dit is een waarschuwing, geen fout."
        )
    if date.fromisoformat(case.checked) > today:
        return f"{dutch_date(case.checked)} ligt na vandaag ({dutch_date(today.isoformat())}); zet hier de dag waarop de redactie de casus controleerde."
    return None


def due_for_check(content: Content, today: date) -> list[Problem]:
    """A warning for every case that is due for a check on `today`, or whose check is dated after it."""
    warnings = []
    for case in content.cases:
        message = _message(case, today)
        if message is not None:
            warnings.append(Problem(case.path, _line(content, case) if case.checked else None, FIELD, message))
    return warnings


def check(content: Content) -> Advice:
    """The advice check of `kennisbank validate`, on the build date."""
    return Advice(due=due_for_check(content, build_date()))
