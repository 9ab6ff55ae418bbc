"""How far a reader can build on a case: how complete it is, and how fresh. Each rule is written here once.

Completeness: every valid case has the required fields (level 'basis'). A
reader who wants to copy an initiative also needs its story in three parts
and its partners ('goed beschreven'), and to check and ask further: the
number of members, sources and a public contact ('volledig'). A story part
counts when the story has its heading (`## Hoe het begon`) with some text
under it. Pages, the case browser, open data, case sheets and the editors'
worklist all read `assess`, so they always agree.

Freshness: `gecontroleerd` is the day the editors last checked the case
against the initiative (set on acceptance, then at each check). A case not
checked for more than `CHECK_INTERVAL_YEARS` years, or never, is due for a
check. Whether it is due depends on the day, so that day is explicit:
`build_date` (SOURCE_DATE_EPOCH when set, as MkDocs dates its sitemap), and
the same files built on the same day give the same site.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from .problems import ContentError, Problem

CHECK_INTERVAL_YEARS = 2
MIN_SECTION_WORDS = 20  # a heading with less text under it does not yet tell that part of the story


@dataclass(frozen=True)
class Level:
    key: str  # as published in the open data
    label: str
    meaning: str  # what a case at this level has, in Dutch


BASIS = Level("basis", "Basis", "alle verplichte gegevens: behoefte, waarde, voor wie, borging, resultaten en geleerde lessen")
WELL_DESCRIBED = Level(
    "goed-beschreven", "Goed beschreven", "ook het verhaal in drie delen (hoe het begon, hoe het werkt, wat anderen kunnen leren) en de partners"
)
COMPLETE = Level("volledig", "Volledig", "ook het aantal leden, bronnen en openbaar contact, zodat je kunt nagaan en navragen wat er staat")
LEVELS = (BASIS, WELL_DESCRIBED, COMPLETE)
LEVEL_BY_KEY = {level.key: level for level in LEVELS}


@dataclass(frozen=True)
class Part:
    """Something beyond the required fields that a level asks for."""

    key: str  # the front-matter field, or 'verhaal-<n>' for the story's n-th heading
    label: str  # completes "Nog niet beschreven: …"
    level: Level


STORY_HEADINGS = ("Hoe het begon", "Hoe het werkt", "Wat anderen kunnen leren")
PARTS = (
    *(Part(f"verhaal-{n}", f"het verhaal: {heading[0].lower()}{heading[1:]}", WELL_DESCRIBED) for n, heading in enumerate(STORY_HEADINGS, 1)),
    Part("partners", "de partners", WELL_DESCRIBED),
    Part("leden", "het aantal leden", COMPLETE),
    Part("bronnen", "bronnen", COMPLETE),
    Part("contact", "openbaar contact", COMPLETE),
)
PART_BY_KEY = {part.key: part for part in PARTS}


@dataclass(frozen=True)
class Completeness:
    """A case's level and the parts it still misses, in the order of `PARTS`."""

    level: Level
    missing: tuple[Part, ...]

    @property
    def missing_text(self) -> str:
        """'bronnen en openbaar contact': the missing parts as one Dutch phrase ('' when none)."""
        labels = [part.label for part in self.missing]
        return " en ".join([", ".join(labels[:-1]), labels[-1]]) if len(labels) > 1 else "".join(labels)


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_WORD = re.compile(r"\w+")


def _heading_key(text: str) -> str:
    return " ".join(text.casefold().rstrip(":.!? ").split())


def story_sections(body: str) -> dict[str, int]:
    """The story's `##` headings (folded: case, spaces and a closing ':' do not count) and how many words stand under each.

    Deeper headings belong to the section above them; a line in a code block is never a heading.
    """
    sections: dict[str, int] = {}
    current: str | None = None
    fence = ""
    for line in body.split("\n"):
        marker = _FENCE.match(line)
        if marker and (not fence or (marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence))):
            fence = "" if fence else marker.group(1)
        elif not fence and (heading := _HEADING.match(line)) and len(heading.group(1)) <= 2:
            current = _heading_key(heading.group(2)) if len(heading.group(1)) == 2 else None
            if current is not None:
                sections.setdefault(current, 0)
            continue
        if current is not None:
            sections[current] += len(_WORD.findall(line))
    return sections


def assess(meta: dict[str, Any], body: str) -> Completeness:
    """The completeness of a case from its validated front matter and its story."""
    sections = story_sections(body)
    present = {
        **{f"verhaal-{n}": sections.get(_heading_key(heading), 0) >= MIN_SECTION_WORDS for n, heading in enumerate(STORY_HEADINGS, 1)},
        "partners": bool(meta.get("partners")),
        "leden": meta.get("leden") is not None,
        "bronnen": bool(meta.get("bronnen")),
        "contact": bool(meta.get("contact")),
    }
    missing = tuple(part for part in PARTS if not present[part.key])
    if not missing:
        return Completeness(COMPLETE, missing)
    return Completeness(BASIS if any(part.level is WELL_DESCRIBED for part in missing) else WELL_DESCRIBED, missing)


def build_date() -> date:
    """The day a build or check counts as today: SOURCE_DATE_EPOCH (seconds) when set, as MkDocs does for its sitemap; else today in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC).date()
    if not epoch.isdigit() or len(epoch) > 11:
        message = f"moet een aantal seconden sinds 1970 zijn, zoals 1780000000; gevonden: '{epoch[:40]}'"
        raise ContentError([Problem("SOURCE_DATE_EPOCH", None, None, message)])
    return datetime.fromtimestamp(int(epoch), UTC).date()


def check_due_before(today: date) -> date:
    """The first day on which a check still counts: a case last checked before it is due."""
    years = today.year - CHECK_INTERVAL_YEARS
    return today.replace(year=years, day=28) if (today.month, today.day) == (2, 29) else today.replace(year=years)


def check_due(checked: str | None, today: date) -> bool:
    """Whether a case is due for a check: never checked, or last checked more than two years before `today`."""
    return checked is None or date.fromisoformat(checked) < check_due_before(today)
