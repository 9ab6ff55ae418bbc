"""The project's repository on GitHub as the site links to it: a case's file, its edit page, and a prefilled addition form.

The one setting is MkDocs' `edit_uri` in mkdocs.yml, given as a whole address
(`https://github.com/<owner>/<name>/edit/<branch>/docs/`): it also gives pages
in docs/ Material's edit button. There is deliberately no `repo_url`: with it,
Material's header asks GitHub's API for the repository's stars on every visit.
GitHub fills an issue form's input and textarea fields from query parameters
named by their ids (not its dropdowns); the form is
`.github/ISSUE_TEMPLATE/aanvulling-op-een-casus.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from .content.model import Case
from .content.problems import ContentError, Problem
from .dutch import dutch_date

ADDITION_FORM = "aanvulling-op-een-casus.yml"
# The ids of the addition form's fields that a link fills in.
CASE_FIELD = "casus"
MISSING_FIELD = "ontbreekt"
_EDIT_URI = re.compile(r"(https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)/edit/([A-Za-z0-9_./-]+?)/docs/")


@dataclass(frozen=True)
class Repository:
    """Where the sources live: `https://github.com/<owner>/<name>` and the branch the site is built from."""

    url: str
    branch: str

    @classmethod
    def from_edit_uri(cls, edit_uri: str | None) -> Repository | None:
        """The repository named by mkdocs.yml's `edit_uri`; None when it has none (then no page links to GitHub)."""
        if not edit_uri:
            return None
        match = _EDIT_URI.fullmatch(edit_uri)
        if match is None:
            expected = "een volledig adres zoals https://github.com/<eigenaar>/<repository>/edit/main/docs/"
            raise ContentError([Problem("mkdocs.yml", None, "edit_uri", f"'{edit_uri[:100]}' is geen adres op GitHub; verwacht {expected}")])
        return cls(match.group(1), match.group(2))

    @property
    def new_issue_url(self) -> str:
        """Where GitHub opens a new issue; query parameters choose the form and fill in its fields."""
        return f"{self.url}/issues/new"

    def file_url(self, path: str) -> str:
        """A file of the repository (such as `cases/x.md`) as GitHub shows it."""
        return f"{self.url}/blob/{self.branch}/{path}"

    def edit_url(self, path: str) -> str:
        """GitHub's editor for a file; someone without write access gets a copy and a pull request."""
        return f"{self.url}/edit/{self.branch}/{path}"

    def addition_url(self, case: Case, *, check_due: bool) -> str:
        """A new 'Aanvulling op een casus' issue, naming the case and what it misses."""
        missing = [f"- {part.label}" for part in case.completeness.missing]
        if check_due:
            last = f"laatst gecontroleerd op {dutch_date(case.checked)}" if case.checked else "nog nooit gecontroleerd"
            missing.append(f"- kloppen de gegevens nog? ({last})")
        fields = {"template": ADDITION_FORM, "title": f"Aanvulling: {case.title}", CASE_FIELD: f"{case.title} ({case.path})"}
        if missing:
            fields[MISSING_FIELD] = "\n".join(missing)
        return f"{self.new_issue_url}?{urlencode(fields, quote_via=quote)}"
