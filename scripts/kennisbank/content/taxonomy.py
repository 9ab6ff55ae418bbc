"""The controlled vocabularies (themes, regions, legal forms, stages, partner kinds).

They live in one data file so that labels and descriptions are edited in one
place and every consumer (schema, validator, pages, exports) agrees. A
region also has coordinates (`breedtegraad`, `lengtegraad`) for the map,
checked to lie in the Netherlands; a case may only use a region that has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache import fingerprint
from .geography import OUTLINE_FILE, Outline, load_outline
from .problems import ContentError, Problem
from .source import SLUG, SourceFile
from .strict_yaml import YamlDocument, parse

VOCABULARIES = ("themas", "gebieden", "rechtsvormen", "fases", "partnersoorten")
COORDINATES = ("breedtegraad", "lengtegraad")  # a region's place on the map, in decimal degrees north and east
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")  # the strict YAML reader leaves 52.37 as text: it is read here


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary: the key a contributor types and what readers see."""

    key: str
    label: str
    description: str
    position: tuple[float, float] | None = None  # a region's (latitude, longitude)


@dataclass(frozen=True)
class Taxonomy:
    """All vocabularies, each an ordered mapping from key to term."""

    themes: dict[str, Term]
    regions: dict[str, Term]
    legal_forms: dict[str, Term]
    stages: dict[str, Term]
    partner_kinds: dict[str, Term]
    outline: Outline = field(compare=False)  # the map the regions' coordinates lie on
    path: str = field(default="", compare=False)  # the data file, as the repository names it
    digest: str = field(default="", compare=False)  # of the data file and the outline: what a cache key needs of the vocabularies

    def vocabularies(self) -> dict[str, dict[str, Term]]:
        """Every vocabulary under the name it has in the data file."""
        return dict(zip(VOCABULARIES, (self.themes, self.regions, self.legal_forms, self.stages, self.partner_kinds), strict=True))


def _position(doc: YamlDocument, rel: str, key: str, entry: dict[str, Any], outline: Outline) -> tuple[tuple[float, float] | None, list[Problem]]:
    """A region's coordinates, or None when it has none; problems when they are not two numbers in the Netherlands."""
    given = [name for name in COORDINATES if entry.get(name) is not None]
    if not given:
        return None, []
    path = ("gebieden", key)
    missing = [name for name in COORDINATES if name not in given]
    if missing:
        return None, [Problem(rel, doc.line_of(path), f"gebieden.{key}.{missing[0]}", f"ontbreekt; een gebied heeft zowel {' als '.join(COORDINATES)}")]
    values: list[float] = []
    problems = []
    for name in COORDINATES:
        text = str(entry[name]).strip()
        if isinstance(entry[name], bool) or not _DECIMAL.fullmatch(text):
            example = "52.37" if name == "breedtegraad" else "4.89"
            message = f"verwacht een getal met een punt, zoals {example}, gevonden '{text}'"
            problems.append(Problem(rel, doc.line_of((*path, name)), f"gebieden.{key}.{name}", message))
        else:
            values.append(float(text))
    if problems:
        return None, problems
    latitude, longitude = values
    if not outline.contains(latitude, longitude):
        west, south, east, north = outline.bounds()
        message = (
            f"{latitude}, {longitude} ligt niet in Nederland (volgens de kaart in {OUTLINE_FILE}); "
            f"Nederland ligt tussen breedtegraad {south:.1f} en {north:.1f} en lengtegraad {west:.1f} en {east:.1f}, "
            "en het punt moet op het land liggen, niet in zee of over de grens"
        )
        return None, [Problem(rel, doc.line_of((*path, "breedtegraad")), f"gebieden.{key}", message)]
    return (latitude, longitude), []


def load_taxonomy(file: Path, root: Path) -> Taxonomy:
    """Read and check the vocabulary file; a broken one stops everything."""
    taxonomy, problems = read_taxonomy(file, root)
    if taxonomy is None:
        raise ContentError(problems)
    return taxonomy


def read_taxonomy(file: Path, root: Path) -> tuple[Taxonomy | None, list[Problem]]:
    """The vocabularies, or None with every problem of the file: nothing checked against a broken one could be trusted."""
    rel = file.relative_to(root).as_posix()
    raw = file.read_bytes()
    outline = load_outline(root)
    doc = parse(raw.decode("utf-8"))
    if doc.issues:  # a file that cannot be read is named for that alone: every vocabulary would seem missing
        return None, [Problem(rel, i.line, None, i.message) for i in doc.issues]
    if not isinstance(doc.data, dict):
        message = f"het bestand moet bestaan uit de woordenlijsten ({', '.join(VOCABULARIES)}), elk als 'naam:' met de woorden eronder"
        return None, [Problem(rel, 1, None, message)]
    data = doc.data
    problems: list[Problem] = []
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
            position = None
            if name == "gebieden":
                position, found = _position(doc, rel, key, entry, outline)
                problems += found
            terms[key] = Term(key, entry["label"], entry["omschrijving"], position)
        vocabularies.append(terms)
    unknown = sorted(set(data) - set(VOCABULARIES))
    problems += [Problem(rel, doc.line_of((k,)), k, "onbekende woordenlijst") for k in unknown]
    if problems:
        return None, problems
    themes, regions, legal_forms, stages, partner_kinds = vocabularies
    return Taxonomy(themes, regions, legal_forms, stages, partner_kinds, outline, rel, fingerprint(rel, raw, outline.digest)), []


def unplaced_region_problems(cases: Iterable[tuple[str, SourceFile]], taxonomy: Taxonomy) -> list[Problem]:
    """A case in a region without coordinates could not be shown on the map: an error on the case's 'gebied'."""
    problems = []
    for _, source in cases:
        region = taxonomy.regions.get(str(source.meta.get("gebied")))
        if region is not None and region.position is None:
            message = (
                f"het gebied '{region.key}' heeft nog geen plek op de kaart; "
                f"vul in {taxonomy.path} bij gebieden.{region.key} de breedtegraad en lengtegraad in (zoals bij de andere gebieden)"
            )
            problems.append(Problem(source.path, source.line_of(("gebied",)), "gebied", message))
    return problems
