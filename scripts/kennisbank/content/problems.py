"""Validation problems, reported together and formatted the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass


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
        text = str(self).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path}{line}::{text}"


class ContentError(Exception):
    """Raised when content is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
        count = len(self.problems)
        header = f"{count} {'fout' if count == 1 else 'fouten'} in de inhoud:"
        super().__init__("\n".join([header, *(str(p) for p in self.problems)]))
