"""Printable workbooks and case sheets, for workshops in places without internet.

This module only knows where the PDFs live in the site, so page generators can
link to them without importing WeasyPrint; `build` makes them.
"""

from __future__ import annotations

import posixpath
from html import escape

PDF_DIR = "pdf"
FACILITATOR_SUFFIX = "-begeleider"


def workbook_path(module_slug: str, *, facilitator: bool = False) -> str:
    """Site-relative path of a module's workbook (participant or facilitator edition)."""
    return f"{PDF_DIR}/{module_slug}{FACILITATOR_SUFFIX if facilitator else ''}.pdf"


def case_sheet_path(case_slug: str) -> str:
    """Site-relative path of a case's one-page case sheet."""
    return f"{PDF_DIR}/casussen/{case_slug}.pdf"


def relative_url(page_url: str, path: str) -> str:
    """URL of a site file relative to a directory-style page URL such as `leren/module/`."""
    return posixpath.relpath(path, page_url.rstrip("/") or ".")


def download_buttons(page_url: str, module_slug: str) -> str:
    """Raw HTML buttons to a module's workbooks; raw so MkDocs does not validate the .pdf links."""
    participant = relative_url(page_url, workbook_path(module_slug))
    facilitator = relative_url(page_url, workbook_path(module_slug, facilitator=True))
    return (
        '<p class="kb-downloads">'
        f'<a class="md-button" href="{escape(participant)}" download>Werkboek (pdf)</a> '
        f'<a class="md-button" href="{escape(facilitator)}" download>Werkboek voor begeleiders (pdf)</a>'
        "</p>\n\n"
    )


def case_sheet_button(case_slug: str, case_url: str) -> str:
    return (
        f'<p class="kb-downloads"><a class="md-button" href="{escape(relative_url(case_url, case_sheet_path(case_slug)))}" download>Casusblad (pdf)</a></p>\n\n'
    )
