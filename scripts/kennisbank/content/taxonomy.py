"""The controlled vocabularies (themes, regions, legal forms, stages, partner kinds).

They live in one data file so that labels and descriptions are edited in one
place and every consumer (schema, validator, pages, exports) agrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..cache import fingerprint
from .problems import ContentError, Problem
from .source import SLUG
from .strict_yaml import parse

VOCABULARIES = ("themas", "gebieden", "rechtsvormen", "fases", "partnersoorten")


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary: the key a contributor types and what readers see."""

    key: str
    label: str
    description: str


@dataclass(frozen=True)
class Taxonomy:
    """All vocabularies, each an ordered mapping from key to term."""

    themes: dict[str, Term]
    regions: dict[str, Term]
    legal_forms: dict[str, Term]
    stages: dict[str, Term]
    partner_kinds: dict[str, Term]
    digest: str = field(default="", compare=False)  # of the data file: what a cache key needs of the vocabularies

    def vocabularies(self) -> dict[str, dict[str, Term]]:
        """Every vocabulary under the name it has in the data file."""
        return dict(zip(VOCABULARIES, (self.themes, self.regions, self.legal_forms, self.stages, self.partner_kinds), strict=True))


def load_taxonomy(file: Path, root: Path) -> Taxonomy:
    """Read and check the vocabulary file; a broken one stops everything."""
    rel = file.relative_to(root).as_posix()
    raw = file.read_bytes()
    doc = parse(raw.decode("utf-8"))
    problems = [Problem(rel, i.line, None, i.message) for i in doc.issues]
    data = doc.data if isinstance(doc.data, dict) else {}
    vocabularies: list[dict[str, Term]] = []
    for name in VOCABULARIES:
        terms: dict[str, Term] = {}
        entries = data.get(name)
        if not isinstance(entries, dict) or not entries:
            problems.append(Problem(rel, doc.line_of((name,)), name, "ontbreekt of is leeg"))
            vocabularies.append(terms)
            continue
        for key, entry in entries.items():
            line = doc.line_of((name, key))
            if not SLUG.fullmatch(key):
                problems.append(Problem(rel, line, f"{name}.{key}", "sleutel mag alleen kleine letters, cijfers en koppeltekens bevatten"))
            if not isinstance(entry, dict) or not isinstance(entry.get("label"), str) or not isinstance(entry.get("omschrijving"), str):
                problems.append(Problem(rel, line, f"{name}.{key}", "verwacht 'label' en 'omschrijving' als tekst"))
                continue
            terms[key] = Term(key, entry["label"], entry["omschrijving"])
        vocabularies.append(terms)
    unknown = sorted(set(data) - set(VOCABULARIES))
    problems += [Problem(rel, doc.line_of((k,)), k, "onbekende woordenlijst") for k in unknown]
    if problems:
        raise ContentError(problems)
    themes, regions, legal_forms, stages, partner_kinds = vocabularies
    return Taxonomy(themes, regions, legal_forms, stages, partner_kinds, digest=fingerprint(rel, raw))
