"""Header cells with their scope, so a screen reader can follow every table in a PDF (PDF/UA-1, Matterhorn 15-003).

WeasyPrint 70 tags `<th>` as /TH with an ID and lists, on every data cell,
the IDs of its headers (/Headers): a `<th scope="row">` for the cells of
its row, any other `<th>` for the cells of its column. It writes no /Scope,
which checkers such as `pdfua` look for on the header cells themselves. This
finisher, run by WeasyPrint just before it writes the file, gives every /TH
the scope WeasyPrint already worked out: /Row when a data cell of its own
row names it, /Column otherwise.
"""

from __future__ import annotations

from typing import Any


def add_table_scopes(document: Any, pdf: Any) -> None:
    """WeasyPrint's `finisher`: set /Scope on every header cell in the structure tree of `pdf` (a pydyf.PDF)."""
    cells = [obj for obj in pdf.objects if isinstance(obj, dict) and obj.get("Type") == "/StructElem" and obj.get("S") in ("/TH", "/TD")]
    row_headers = set()  # (row, header ID) of every header a data cell in the same row names
    for cell in cells:
        if cell["S"] == "/TD":
            for header in cell.get("A", {}).get("Headers", ()):
                row_headers.add((cell["P"], header.string))
    for cell in cells:
        if cell["S"] == "/TH":
            identifier = cell.get("ID")
            row = identifier is not None and (cell["P"], identifier.string) in row_headers
            cell["A"]["Scope"] = "/Row" if row else "/Column"  # WeasyPrint gives every cell an attribute dictionary (/O /Table)
