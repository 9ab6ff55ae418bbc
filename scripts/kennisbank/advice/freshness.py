"""Freshness advice: the cases the editors should check against the initiative again; a warning, never an error.

A case not checked for more than two years, or never (see `content.trust`),
gets a warning on its field `gecontroleerd`. Those are for the editors, not
for whoever changed a file: a pull request's comment lists them apart. A
check dated after today, which would keep a case from ever being due, is an
ordinary warning for the writer. "Today" is the build date
(`trust.build_date`): SOURCE_DATE_EPOCH pins it, as in the tests.
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


def _due_message(case: Case, today: date) -> str | None:
    if case.checked is None:
        return (
            "ontbreekt: de redactie heeft deze casus nog nooit gecontroleerd. Leg de gegevens naast het initiatief "
            "en voeg dan 'gecontroleerd: JJJJ-MM-DD' toe met de datum van die dag. Dit is een waarschuwing, geen fout."
        )
    if not check_due(case.checked, today):
        return None
    if case.illustrative:
        return (
            f"dit verzonnen voorbeeld is laatst nagelezen op {dutch_date(case.checked)}, meer dan {CHECK_INTERVAL_YEARS} jaar geleden. "
            "Lees het opnieuw na (kloppen regels en bedragen nog?) en zet dan de datum van die dag hier. Dit is een waarschuwing, geen fout."
        )
    return (
        f"laatst gecontroleerd op {dutch_date(case.checked)}, meer dan {CHECK_INTERVAL_YEARS} jaar geleden. "
        "Vraag het initiatief of de gegevens nog kloppen en zet dan de datum van die dag hier. Dit is een waarschuwing, geen fout."
    )


def freshness_advice(content: Content, today: date) -> Advice:
    """For the editors, every case due for a check on `today`; for the writer, a check dated after `today`."""
    advice = Advice()
    for case in content.cases:
        message = _due_message(case, today)
        if message is not None:
            advice.due.append(Problem(case.path, _line(content, case) if case.checked else None, FIELD, message))
        elif case.checked is not None and date.fromisoformat(case.checked) > today:
            message = (
                f"{dutch_date(case.checked)} ligt na vandaag ({dutch_date(today.isoformat())}); "
                "zet hier de dag waarop de redactie de casus controleerde. Dit is een waarschuwing, geen fout."
            )
            advice.warnings.append(Problem(case.path, _line(content, case), FIELD, message))
    return advice


def check(content: Content) -> Advice:
    """The advice check of `kennisbank validate`, on the build date."""
    return freshness_advice(content, build_date())
