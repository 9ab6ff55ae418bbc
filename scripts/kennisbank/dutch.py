"""How values from the content read in Dutch, the same on the site and on paper.

The site's pages and the printed workbooks both show dates, durations and
the three kinds of value; they take the wording from here so that both say
it the same way.
"""

from __future__ import annotations

from .content.trust import CHECK_INTERVAL_YEARS

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


NOT_CHECKED = "Nog niet gecontroleerd door de redactie."


def checked_label(*, illustrative: bool) -> str:
    """What precedes the date of the editors' last check: an invented example has no initiative to check against, only a text to reread."""
    return "Nagelezen door de redactie op" if illustrative else "Gecontroleerd op"


def check_due_note(checked: str | None, *, illustrative: bool) -> str:
    """The note on a case that is due for a check: friendly, and saying where the current facts are."""
    if checked is None:
        return "De redactie heeft deze casus nog niet gecontroleerd. Kijk voor de laatste stand ook bij het initiatief zelf."
    if illustrative:
        return f"Dit voorbeeld is sinds {dutch_date(checked)} niet nagelezen. Regels en subsidies kunnen intussen veranderd zijn."
    return (
        f"Deze casus is voor het laatst gecontroleerd op {dutch_date(checked)}, meer dan {CHECK_INTERVAL_YEARS} jaar geleden. "
        "Regels, subsidies en partners kunnen intussen veranderd zijn. Kijk voor de laatste stand ook bij het initiatief zelf."
    )
