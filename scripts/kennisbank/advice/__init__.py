"""Advice on content: warnings that `kennisbank validate` shows beside its problems, and that never make it fail.

A problem stops the build; advice only helps the writer (a word that may be
misspelled, for instance; a case due for a check). Each check reads the validated content and returns
`Advice`; `kennisbank validate` runs every check in its list and prints what
they found, also as GitHub warning annotations in a pull request's check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..content.loader import Content
from ..content.problems import Problem


@dataclass
class Advice:
    """What checks found: warnings on a file and line, and notes about a check itself (such as a missing dictionary).

    `due` are warnings for the editors rather than the writer: cases due for a check (see `freshness`).
    """

    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    due: list[Problem] = field(default_factory=list)


Check = Callable[[Content], Advice]


def gather(content: Content, checks: Iterable[Check]) -> Advice:
    """The advice of every check, warnings in file and line order."""
    advice = Advice()
    for check in checks:
        found = check(content)
        advice.warnings += found.warnings
        advice.notes += found.notes
        advice.due += found.due
    for warnings in (advice.warnings, advice.due):
        warnings.sort(key=lambda warning: (warning.path, warning.line or 0, warning.message))
    return advice


def print_advice(advice: Advice, *, github: bool) -> None:
    """Notes, then each warning as a line (and, for a GitHub check, as a warning annotation)."""
    for note in advice.notes:
        print(note)
    for warning in advice.warnings + advice.due:
        print(warning)
        if github:
            print(warning.github_annotation("warning"))
