"""Generated lists of cases skip Markdown: a placeholder goes in, the list is put back after rendering.

The lists are complete, escaped HTML already (`render.case_list`). Python-Markdown
still reads every tag of a raw HTML block with its pure-Python HTML parser, and
on the overview pages, with thousands of cases, that was most of their
rendering time. A placeholder paragraph costs Markdown nothing.

The placeholders carry a random part made anew for every build, so no text on
any page can stand for one. A list that is not put back is an error: the
build stops rather than publish a page without its cases.
"""

from __future__ import annotations

import re
import secrets

from .render import CASE_LIST


class MarkdownBypass:
    """One build's lists set aside: `hold` them in a page's Markdown, `restore` them in its HTML."""

    def __init__(self) -> None:
        self._mark = f"kb-lijst-{secrets.token_hex(8)}-"
        self._held: dict[str, str] = {}
        self._placeholder = re.compile(rf"<p>{re.escape(self._mark)}(\d+)</p>")

    def hold(self, markdown: str) -> str:
        """The Markdown with every list of cases replaced by a placeholder paragraph."""

        def aside(found: re.Match[str]) -> str:
            key = str(len(self._held))
            self._held[key] = found.group()
            return f"\n\n{self._mark}{key}\n\n"

        return CASE_LIST.sub(aside, markdown)

    def restore(self, html: str) -> str:
        """The rendered page with its lists back where their placeholders are."""
        if self._mark not in html:
            return html
        return self._placeholder.sub(lambda found: self._held.pop(found.group(1)), html)

    def still_held(self) -> int:
        """How many lists were set aside and never put back."""
        return len(self._held)
