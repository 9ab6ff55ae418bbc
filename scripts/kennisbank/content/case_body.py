"""Checks on what a contributor writes below the front matter of a case, and beside it.

The body is rendered as Markdown and sanitized afterwards; these checks catch
a story too deeply nested or tangled to render (see `story_limits`), and
what sanitizing cannot fix for the reader: images without alt text, images
from other websites (they would leak visitors' addresses and break offline
use), and files in cases/ that are not small images of a known type.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .problems import Problem
from .source import SourceFile, folder_entries, is_side_file
from .story_limits import story_limit_problems

IMAGE_TYPES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".webp": (b"RIFF",)}
MAX_IMAGE_BYTES = 1_000_000
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)")
_HTML_IMAGE = re.compile(r"<\s*im(?:g|age)\b", re.IGNORECASE)  # an HTML parser reads <image> as <img>
_REFERENCE_IMAGE = re.compile(r"!\[[^\]]*\]\s*\[")
_HEADING_1 = re.compile(r"^#(?!#)")  # Python-Markdown needs no space: a line "#buurtbus" is a heading too
_HEADING_1_UNDERLINE = re.compile(r"^ {0,3}=+[ \t]*$")  # a line of '=' under text makes that text a heading with one '#'
_HTML_HEADING_1 = re.compile(r"<\s*h1\b", re.IGNORECASE)
# What makes a line a heading with one '#', which only the case's name may be; the form on the site checks the same.
HEADING_1_PATTERNS = {"kop": _HEADING_1, "html": _HTML_HEADING_1, "onderstreept": _HEADING_1_UNDERLINE}
HEADING_1_MESSAGE = (
    "gebruik geen kop met één '#': de titel komt uit het veld 'titel'; begin koppen met '##'"
    " (ook een regel die met '#' begint, zoals '#buurtbus', wordt zo'n kop; zet er dan iets voor)"
)
_REMOTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_DROPPED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_IGNORED_AT_START = "".join(map(chr, range(0x21)))  # C0 controls and the space


def is_remote(url: str) -> bool:
    """True for a URL with a scheme or a host (https:, file:, //host, \\\\share, /\\host): not a file beside the case.

    Read as a browser reads it (the WHATWG URL standard): tabs and newlines anywhere
    are dropped, leading spaces and control characters ignored, and '\\' is '/'.
    """
    plain = _DROPPED_BY_BROWSERS.sub("", url).lstrip(_IGNORED_AT_START).replace("\\", "/")
    return _REMOTE.match(plain) is not None


def body_problems(source: SourceFile, cases_dir: Path) -> list[Problem]:
    """Limits, image and heading problems in a case body, each with its file line."""
    problems = story_limit_problems(source)
    previous = ""
    for number, line in enumerate(source.body.split("\n")):
        line_no = source.body_line + number
        if _HEADING_1.match(line) or _HTML_HEADING_1.search(line) or (previous.strip() and _HEADING_1_UNDERLINE.match(line)):
            problems.append(Problem(source.path, line_no, None, HEADING_1_MESSAGE))
        previous = line
        if _REFERENCE_IMAGE.search(line):
            problems.append(Problem(source.path, line_no, None, "schrijf afbeeldingen als ![beschrijving](bestand.png), niet met een verwijzing [..]"))
        if _HTML_IMAGE.search(line):
            problems.append(Problem(source.path, line_no, None, "gebruik geen HTML voor afbeeldingen; schrijf ![beschrijving](bestand.png)"))
        for alt, target in _MD_IMAGE.findall(line):
            if not alt.strip():
                problems.append(
                    Problem(source.path, line_no, None, f"afbeelding '{target}' heeft geen beschrijving (alt-tekst); schrijf ![wat er te zien is]({target})")
                )
            if is_remote(target):
                problems.append(
                    Problem(source.path, line_no, None, f"afbeelding '{target[:60]}' staat op een andere website; zet het bestand naast de casus in cases/")
                )
            elif target and is_side_file(Path(target).name):  # never copied to the site, see `case_images`
                message = f"afbeelding '{target}' komt niet op de site: namen die met '.' of '#' beginnen of op '~' eindigen, zijn van een editor"
                problems.append(Problem(source.path, line_no, None, f"{message}; geef het bestand een gewone naam"))
            elif target and not (cases_dir / target).is_file():
                problems.append(Problem(source.path, line_no, None, f"afbeelding '{target}' bestaat niet in cases/"))
    return problems


def asset_problems(cases_dir: Path, root: Path) -> list[Problem]:
    """Only Markdown files and small images of allowed types may sit in cases/ (beside an editor's side files, see `is_side_file`)."""
    problems = []
    folder = cases_dir.relative_to(root).as_posix()
    for entry in folder_entries(cases_dir):
        rel, path, suffix = f"{folder}/{entry.name}", Path(entry.path), os.path.splitext(entry.name)[1].lower()
        if suffix == ".md":  # read by the loader, which refuses links and folders
            if not entry.name.endswith(".md"):
                message = f"schrijf de extensie in kleine letters ({entry.name[: -len(suffix)]}.md); anders wordt de casus niet gelezen"
                problems.append(Problem(rel, None, None, message))
            continue
        if entry.is_symlink():  # it could point anywhere on the machine, and would be published
            problems.append(Problem(rel, None, None, "snelkoppelingen (symlinks) zijn niet toegestaan in cases/; zet het bestand zelf hier"))
            continue
        if entry.is_dir():
            problems.append(Problem(rel, None, None, "mappen zijn niet toegestaan in cases/; zet afbeeldingen direct naast de casus"))
            continue
        if suffix not in IMAGE_TYPES:
            allowed = ", ".join(sorted(IMAGE_TYPES))
            problems.append(Problem(rel, None, None, f"alleen casussen (.md) en afbeeldingen ({allowed}) mogen in cases/ staan"))
            continue
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            problems.append(Problem(rel, None, None, f"afbeelding is {size // 1000} kB; de grens is {MAX_IMAGE_BYTES // 1000} kB"))
        with path.open("rb") as handle:
            head = handle.read(12)
        if not any(head.startswith(magic) for magic in IMAGE_TYPES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
            problems.append(Problem(rel, None, None, f"bestand is geen echte {suffix[1:].upper()}-afbeelding"))
    return problems


def case_images(cases_dir: Path) -> list[Path]:
    """Images that passed `asset_problems`, to be copied next to the case pages."""
    return [Path(e.path) for e in folder_entries(cases_dir) if os.path.splitext(e.name)[1].lower() in IMAGE_TYPES and e.is_file(follow_symlinks=False)]
