"""Valid output: every HTML page of the built site passes the Nu HTML Checker.

vnu.jar (npm `vnu-jar`, pinned in tests/node/package.json) checks the whole
site in one Java process. The only errors allowed are the few below, which
Material for MkDocs' own templates produce on every page; nothing the project
writes or generates may be on this list.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.site_pages import VNU_JAR, require_tool


@dataclass(frozen=True)
class Allowed:
    template: str  # the Material template that writes the markup
    message: str  # regular expression for the checker's message
    extract: str  # regular expression for the markup it quotes

    def matches(self, error: dict[str, Any]) -> bool:
        return bool(re.search(self.message, error.get("message", ""))) and bool(re.search(self.extract, error.get("extract", "")))


ALLOWED = (
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off".
    Allowed(
        template="base.html",
        message=r"^Attribute “autocomplete” is only allowed when the input type is ",
        extract=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
    ),
    # partials/nav-item.html: `{% set tabindex = "0" if not is_section %}` leaves tabindex="" on section labels.
    Allowed(
        template="partials/nav-item.html",
        message=r"^Bad value “” for attribute “tabindex” on element “label”",
        extract=r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">',
    ),
    # partials/toc.html: the table of contents' title points at the __toc toggle, which nav-item.html only
    # writes for pages in the navigation; case and facet pages are deliberately not in it.
    Allowed(
        template="partials/toc.html",
        message=r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.",
        extract=r'<label class="md-nav__title" for="__toc">',
    ),
)


def require_java() -> str:
    java = shutil.which("java")
    if java:
        return java
    message = "Java ontbreekt voor de HTML-controle: installeer het met 'apt-get install default-jre-headless' (of draai 'make test' als root)."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def checker_errors(built_site: Path) -> list[dict[str, Any]]:
    """All errors of the Nu HTML Checker for the whole built site, from one run."""
    require_tool(VNU_JAR)
    java = require_java()
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(built_site)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    messages: list[dict[str, Any]] = json.loads(result.stderr or '{"messages": []}')["messages"]
    return messages


def describe(error: dict[str, Any], site: Path) -> str:
    where = error.get("url", "").removeprefix("file:").removeprefix(str(site)).lstrip("/")
    extract = re.sub(r"\s+", " ", error.get("extract", "")).strip()
    return f"{where}:{error.get('lastLine', '?')}: {error.get('message')}\n    {extract}"


def test_every_page_is_valid_html(built_site: Path, checker_errors: list[dict[str, Any]]) -> None:
    assert len(list(built_site.rglob("*.html"))) > 50
    left = [error for error in checker_errors if not any(allowed.matches(error) for allowed in ALLOWED)]
    assert left == [], f"{len(left)} fouten in de HTML:\n" + "\n".join(describe(error, built_site) for error in left[:30])


def test_the_allow_list_has_no_stale_entries(checker_errors: list[dict[str, Any]]) -> None:
    """An entry nothing matches any more (say, after a Material update) is removed."""
    used = Counter(allowed.template for error in checker_errors for allowed in ALLOWED if allowed.matches(error))
    assert [allowed.template for allowed in ALLOWED if not used[allowed.template]] == []
