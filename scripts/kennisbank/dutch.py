"""How values from the content read in Dutch, the same on the site and on paper.

The site's pages and the printed workbooks both show dates, durations and
the three kinds of value; they take the wording from here so that both say
it the same way.
"""

from __future__ import annotations

VALUE_LABELS = {"sociaal": "Sociaal", "economisch": "Economisch", "ecologisch": "Ecologisch"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")


def dutch_date(iso: str) -> str:
    """'2026-03-01' → '1 maart 2026'."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def duration(minutes: int) -> str:
    """90 → '1 uur 30 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} uur" + (f" {rest} min" if rest else "")
