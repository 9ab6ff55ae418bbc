"""A run sheet as escaped HTML: a table per meeting, for the module's pages and for the facilitator's workbook.

Cells stand on lines of their own, as in a Markdown table, so that search
(Pagefind) reads their words apart. Every time cell carries its minutes from the meeting's start (`data-van`,
`data-tot`), so `docs/assets/draaiboek.js` can shift them when a facilitator
picks another start time; without the script the times are those of the
module's default start. Print hides the controls.
"""

from __future__ import annotations

from html import escape

from ..dutch import duration
from ..run_sheet import Meeting, RunSheet, clock

SCRIPT = "assets/draaiboek.js"  # the page's run sheet controls, by path in the site


def _rows(meeting: Meeting) -> str:
    rows = []
    for block in meeting.blocks:
        start, end = block.start - meeting.start, block.end - meeting.start
        kind = f' class="kb-draaiboek__{block.kind}"'
        rows.append(
            f'<tr{kind}>\n<th scope="row" class="kb-draaiboek__tijd" data-van="{start}" data-tot="{end}">{clock(block.start)}–{clock(block.end)}</th>\n'
            f"<td>{escape(block.title)}</td>\n<td>{escape(duration(block.minutes))}</td>\n</tr>"
        )
    return "\n".join(rows)


def meeting_html(meeting: Meeting, *, interactive: bool) -> str:
    """One meeting: the start-time control (shown by the script), and its table with the meeting's title as caption."""
    control = ""
    if interactive:
        field = f"kb-draaiboek-begin-{meeting.number}"
        control = (
            f'<p class="kb-draaiboek__begin" hidden><label for="{field}">Begintijd van bijeenkomst {meeting.number}</label> '
            f'<input type="time" id="{field}" value="{clock(meeting.start)}" step="300"> '
            '<span class="kb-draaiboek__status" role="status"></span></p>'
        )
    span = f"{clock(meeting.start)}–{clock(meeting.end)}"
    return (
        f'<section class="kb-draaiboek__bijeenkomst" data-duur="{meeting.end - meeting.start}">'
        f"{control}"
        f'<table class="kb-draaiboek__tabel"><caption>{escape(meeting.title)} <span class="kb-draaiboek__van-tot">({span})</span></caption>'
        '<thead><tr>\n<th scope="col">Tijd</th>\n<th scope="col">Onderdeel</th>\n<th scope="col">Duur</th>\n</tr></thead>\n'
        f"<tbody>\n{_rows(meeting)}\n</tbody></table></section>"
    )


def run_sheet_html(sheet: RunSheet, *, interactive: bool) -> str:
    """Every meeting of the run sheet; `interactive` adds the controls for a web page (start time, print)."""
    actions = ""
    if interactive:
        actions = (
            '<p class="kb-draaiboek__acties" hidden>Kies de begintijd van een bijeenkomst; de andere tijden schuiven mee. '
            '<button type="button" class="md-button" data-kb-draaiboek-afdrukken>Draaiboek afdrukken</button></p>'
        )
    meetings = "".join(meeting_html(meeting, interactive=interactive) for meeting in sheet.meetings)
    return f'<div class="kb-draaiboek" data-kb-draaiboek>{actions}{meetings}</div>'
