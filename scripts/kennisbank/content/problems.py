"""Validation problems, reported together and formatted the same everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def field_name(path: Iterable[str | int]) -> str:
    """`partners[1].soort` style, counting list items from 1 as people do."""
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, in Dutch, pointing at a line and a field."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"veld '{self.field}': {self.message}" if self.field else self.message
        return f"{where}: {what}"

    def github_annotation(self, level: str = "error") -> str:
        """The same problem as a GitHub Actions annotation ('error' or 'warning') on the file and line."""
        line = f",line={self.line}" if self.line else ""
        return f"::{level} file={_escaped(self.path, in_property=True)}{line}::{_escaped(str(self))}"


def _escaped(value: str, *, in_property: bool = False) -> str:
    """Escaped as GitHub's own toolkit does: a file name or message can never end the line and start a command."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if in_property else value


# A hostile file can hold tens of thousands of wrong values; past this many, one line says how many more there are.
MAX_PROBLEMS_PER_FILE = 25


def _first_per_file(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems of each file, then one that counts the rest."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    kept = []
    for path, found in by_file.items():
        kept += found[:MAX_PROBLEMS_PER_FILE]
        if len(found) > MAX_PROBLEMS_PER_FILE:
            more = len(found) - MAX_PROBLEMS_PER_FILE
            kept.append(Problem(path, None, None, f"en nog {more} {'fout' if more == 1 else 'fouten'}; verbeter eerst de fouten hierboven"))
    return kept


class StopsTheBuild(Exception):
    """An error that stops the build, with `headline` saying in Dutch what failed, before the message itself."""

    headline = ""


class ContentError(StopsTheBuild):
    """Raised when content is invalid; carries every problem found (at most MAX_PROBLEMS_PER_FILE per file)."""

    headline = "De inhoud is niet geldig; de site wordt niet gebouwd.\n"

    def __init__(self, problems: list[Problem]) -> None:
        # Per line, a field's own problems (`themas`) come before those of its items, and items in order (`themas[2]` before `themas[10]`).
        ordered = sorted(problems, key=lambda p: (p.path, p.line or 0, len(p.field or ""), p.field or "", p.message))
        self.problems = _first_per_file(ordered)
        count = len(problems)
        header = f"{count} {'fout' if count == 1 else 'fouten'} in de inhoud:"
        super().__init__("\n".join([header, *(str(p) for p in self.problems)]))
