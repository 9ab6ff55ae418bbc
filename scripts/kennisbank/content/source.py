"""Reading one content file: front matter strictly, body untouched.

MkDocs silently renders a file with broken front matter as page text; here a
file that does not start with a clean `---` block is an error with a line.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from ..cache import fingerprint
from .problems import Problem, field_name
from .strict_yaml import YamlDocument, parse

MAX_FILE_BYTES = 100_000
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG_LENGTH = 60
# Letters that do not fold to a-z by taking off their accents; the form on the site folds names the same way.
FOLDED_LETTERS = {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th"}
_FOLD = str.maketrans(FOLDED_LETTERS)


@dataclass
class SourceFile:
    """A content file as read from disk: front matter, its line map, and body."""

    path: str  # repository-relative, with forward slashes
    slug: str
    meta: dict[str, Any]
    yaml: YamlDocument
    body: str
    yaml_offset: int = 0  # file line = YAML line + offset
    body_line: int = 1  # file line on which the body starts
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""  # of the path and the bytes read: what a cache key needs of the file

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """File line of a front-matter key, or of its nearest known parent."""
        line = self.yaml.line_of(path)
        return line + self.yaml_offset if line is not None else 1

    def record(self) -> dict[str, Any]:
        """Everything read from the file, as JSON, for the content cache."""
        return {
            "meta": self.meta,
            "body": self.body,
            "yaml_offset": self.yaml_offset,
            "body_line": self.body_line,
            "lines": [[list(path), line] for path, line in self.yaml.lines.items()],
            "problems": [[problem.line, problem.field, problem.message] for problem in self.problems],
            "digest": self.digest,
        }

    @classmethod
    def from_record(cls, path: str, slug: str, record: dict[str, Any]) -> SourceFile:
        """The file as `record` saved it."""
        lines = {tuple(key): line for key, line in record["lines"]}
        problems = [Problem(path, line, fieldname, message) for line, fieldname, message in record["problems"]]
        yaml = YamlDocument(data=record["meta"], lines=lines)
        return cls(path, slug, record["meta"], yaml, record["body"], record["yaml_offset"], record["body_line"], problems, record["digest"])


def is_side_file(name: str) -> bool:
    """Whether a name in a content folder is an editor's or the system's, never content: hidden (vim's `.x.md.swp`,
    Emacs' lock `.#x.md`, macOS' `.DS_Store`), a backup (`x.md~`) or an autosave (`#x.md#`).

    Editors make these while a contributor writes; MkDocs skips hidden files in docs/ the same way.
    """
    return name.startswith(".") or name.endswith("~") or (len(name) > 1 and name.startswith("#") and name.endswith("#"))


def folder_entries(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's entries by name, side files left out; os.scandir, since thousands of cases make pathlib's per-file work count."""
    with os.scandir(folder) as entries:
        return sorted((entry for entry in entries if not is_side_file(entry.name)), key=lambda entry: entry.name)


def folder_files(folder: Path, suffix: str) -> list[Path]:
    """What the folder holds under a name ending in `suffix`, by name, side files left out (links and folders too: `refusal` names them)."""
    return [Path(entry.path) for entry in folder_entries(folder) if entry.name.endswith(suffix)]


def tree_files(folder: Path, pattern: str) -> list[Path]:
    """Every file under `folder` matching `pattern`, by path, leaving out side files and whatever is in a hidden folder, as MkDocs does."""
    return sorted(path for path in folder.rglob(pattern) if not any(is_side_file(part) for part in path.relative_to(folder).parts))


def refusal(file: Path) -> str | None:
    """Why `file` is not read, in Dutch: a link (it could point anywhere on the machine, even at a file
    that never ends), anything but a regular file, or a file too large; None for a file that may be read."""
    try:
        info = file.lstat()
    except OSError as error:
        return f"bestand kan niet worden gelezen ({error.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "bestand is een snelkoppeling (symlink); zet de tekst zelf in het bestand"
    if not stat.S_ISREG(info.st_mode):
        return "dit is geen gewoon bestand (maar bijvoorbeeld een map); hier horen alleen tekstbestanden"
    if info.st_size > MAX_FILE_BYTES:
        return f"bestand is {info.st_size // 1000} kB; de grens is {MAX_FILE_BYTES // 1000} kB"
    return None


def read_source(file: Path, root: Path) -> SourceFile:
    """Read `file`, collecting every structural problem instead of stopping at one."""
    rel, slug = file.relative_to(root).as_posix(), source_slug(file)
    if (reason := refusal(file)) is not None:
        source = SourceFile(rel, slug, {}, YamlDocument(data=None), "")
        source.problems.append(Problem(rel, None, None, reason))
        return source
    return parse_source(rel, slug, file.read_bytes())


def source_slug(file: Path) -> str:
    """A module is named after its folder, every other file after itself."""
    return file.parent.name if file.name == "index.md" else file.stem


def parse_source(rel: str, slug: str, raw: bytes) -> SourceFile:
    """The file `rel` from its bytes: front matter, body and every structural problem."""
    empty = SourceFile(rel, slug, {}, YamlDocument(data=None), "")
    empty.digest = fingerprint(rel, raw)

    def fail(line: int | None, message: str, fieldname: str | None = None) -> SourceFile:
        empty.problems.append(Problem(rel, line, fieldname, message))
        return empty

    if raw.startswith(b"\xef\xbb\xbf"):
        return fail(1, "bestand begint met een onzichtbaar BOM-teken; sla het op als UTF-8 zonder BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(line, "bestand is geen geldige UTF-8-tekst; sla het op als UTF-8")
    if "\x00" in text:
        return fail(None, "bestand bevat een NUL-teken; is het wel een tekstbestand?")
    text = text.replace("\r\n", "\n")
    first = text.split("\n", 1)[0]
    if first.strip() == "" and text.strip():
        return fail(1, "de voorpagina moet op regel 1 beginnen met '---'; haal de lege regel(s) bovenaan weg")
    if first.rstrip() != "---":
        return fail(1, f"bestand moet op regel 1 beginnen met '---' (de voorpagina), gevonden: '{first[:40]}'")
    handler = YAMLHandler()
    try:
        fm_text, body = handler.split(text)
    except ValueError:
        return fail(1, "de voorpagina wordt niet afgesloten met een regel '---'")
    opening = handler.FM_BOUNDARY.search(text) if handler.FM_BOUNDARY else None
    offset = text[: opening.end()].count("\n") if opening else 1
    doc = parse(fm_text)
    source = SourceFile(rel, slug, {}, doc, body, offset, text[: len(text) - len(body)].count("\n") + 1, digest=empty.digest)
    for issue in doc.issues:
        source.problems.append(Problem(rel, issue.line + offset, field_name(issue.path) or None, issue.message))
    if doc.data is None and not doc.issues:
        source.problems.append(Problem(rel, 1, None, "de voorpagina is leeg"))
    elif isinstance(doc.data, dict):
        source.meta = doc.data
    elif not doc.issues:
        source.problems.append(Problem(rel, 2, None, "de voorpagina moet bestaan uit velden ('naam: waarde')"))
    if not SLUG.fullmatch(slug):
        source.problems.append(Problem(rel, None, None, f"bestandsnaam '{slug}' mag alleen kleine letters a-z, cijfers en koppeltekens bevatten"))
    return source


def same_title(title: str) -> str:
    """A title as readers see it: case, compatibility forms ('ｆ', 'ﬁ') and runs of (non-breaking) spaces do not count."""
    return " ".join(unicodedata.normalize("NFKC", title).casefold().split())


def slugify(title: str) -> str:
    """File name for a case: lowercase a-z, digits and hyphens, accents folded ('Coöperatie Één' → 'cooperatie-een')."""
    decomposed = unicodedata.normalize("NFKD", title.translate(_FOLD))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG_LENGTH] else slug[:MAX_SLUG_LENGTH]
    return slug
