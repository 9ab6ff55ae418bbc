"""Learning routes ('leerroutes'): one YAML file per route in `data/leerroutes/`, checked against the rest of the content.

A route's file is read as strictly as front matter (the same YAML reader and
limits) and checked against its schema; then every step must name exactly
one thing, and that thing must exist: a lesson, a case, a glossary term or a
module whose workbook it means. Each problem names the file, the line and
the field, with a 'bedoel je …?' where a near match exists.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from ..cache import fingerprint
from .model import ROUTE_STEP_KINDS, Route
from .problems import Problem, field_name
from .source import SLUG, SourceFile, folder_entries, refusal, same_title
from .strict_yaml import YamlDocument, parse
from .validate import SchemaCheck, check_against

ROUTES_FOLDER = "data/leerroutes"
RESERVED_ROUTE_SLUGS = frozenset({"index"})  # the overview of all routes
ROUTE_SUFFIX = ".yml"

_MISSING = {
    "les": "is geen bestaande les (schrijf 'module/les')",
    "casus": "is geen bestaande casus in cases/",
    "begrip": "is geen bestaand begrip in data/begrippen.yml",
    "werkboek": "is geen bestaande module (een werkboek hoort bij een module)",
    "werkboek_begeleider": "is geen bestaande module (een werkboek hoort bij een module)",
}


def read_route(file: Path, root: Path, check: SchemaCheck) -> tuple[SourceFile, list[Problem]]:
    """A route's file read and checked against the route schema: the file, and every problem found so far."""
    rel, slug = file.relative_to(root).as_posix(), file.name.removesuffix(ROUTE_SUFFIX)
    source = SourceFile(rel, slug, {}, YamlDocument(data=None), "")
    if (reason := refusal(file)) is not None:
        return source, [Problem(rel, None, None, reason)]
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return source, [Problem(rel, 1, None, "bestand begint met een onzichtbaar BOM-teken; sla het op als UTF-8 zonder BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return source, [Problem(rel, raw[: error.start].count(b"\n") + 1, None, "bestand is geen geldige UTF-8-tekst; sla het op als UTF-8")]
    doc = parse(text.replace("\r\n", "\n"))
    source = SourceFile(rel, slug, doc.data if isinstance(doc.data, dict) else {}, doc, "", digest=fingerprint(rel, raw))
    # A file that cannot be read has these problems alone (see `check_against`): every field would seem missing.
    source.problems = [Problem(rel, issue.line, field_name(issue.path) or None, issue.message) for issue in doc.issues]
    if not source.problems and not isinstance(doc.data, dict):
        source.problems.append(Problem(rel, 1, None, "het bestand moet bestaan uit velden ('naam: waarde'), zoals de andere leerroutes"))
    problems = list(source.problems)
    if not SLUG.fullmatch(slug):
        problems.append(Problem(rel, None, None, f"bestandsnaam '{slug}' mag alleen kleine letters a-z, cijfers en koppeltekens bevatten"))
    elif slug in RESERVED_ROUTE_SLUGS:
        problems.append(Problem(rel, None, None, f"de bestandsnaam '{slug}' is gereserveerd voor de site; kies een andere"))
    return source, problems + check_against(check, source)


def step_problems(source: SourceFile, targets: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    """Every step names exactly one thing that exists, and no step comes twice.

    `targets` holds per kind of step what exists: by its key (a glossary term as `same_title` reads it) its name as written.
    """
    problems = []
    seen: dict[tuple[str, str], int] = {}
    for number, step in enumerate(source.meta["stappen"]):
        where: tuple[str | int, ...] = ("stappen", number)
        named = [kind for kind in ROUTE_STEP_KINDS if kind in step]
        if len(named) != 1:
            kinds = ", ".join(ROUTE_STEP_KINDS[:-1]) + f" of {ROUTE_STEP_KINDS[-1]}"
            message = f"noem waar deze stap naartoe gaat: {kinds}" if not named else f"noem één ding per stap, gevonden: {' en '.join(named)}"
            problems.append(Problem(source.path, source.line_of(where), field_name(where), message))
            continue
        kind, target = named[0], step[named[0]]
        key = same_title(target) if kind == "begrip" else target
        field = (*where, kind)
        if key not in targets[kind]:
            close = difflib.get_close_matches(key, sorted(targets[kind]), n=1)
            hint = f" (bedoel je '{targets[kind][close[0]]}'?)" if close else ""
            problems.append(Problem(source.path, source.line_of(field), field_name(field), f"'{target}' {_MISSING[kind]}{hint}"))
        elif (kind, key) in seen:
            message = f"'{target}' staat er al als stap {seen[kind, key] + 1}; noem elke stap één keer"
            problems.append(Problem(source.path, source.line_of(field), field_name(field), message))
        seen.setdefault((kind, key), number)
    return problems


def load_routes(root: Path, check: SchemaCheck, targets: Mapping[str, Mapping[str, str]]) -> tuple[list[Route], list[tuple[str, SourceFile]], list[Problem]]:
    """Every route of `data/leerroutes/` in order, the titles and files of those without problems (to compare titles), and all problems."""
    folder = root / ROUTES_FOLDER
    routes: list[Route] = []
    titled: list[tuple[str, SourceFile]] = []
    problems: list[Problem] = []
    files = [Path(entry.path) for entry in folder_entries(folder)] if folder.is_dir() else []
    for file in files:
        if not file.name.endswith(ROUTE_SUFFIX):
            rel = file.relative_to(root).as_posix()
            problems.append(Problem(rel, None, None, f"in {ROUTES_FOLDER}/ horen alleen leerroutes, elk in een eigen bestand op {ROUTE_SUFFIX}"))
            continue
        source, found = read_route(file, root, check)
        if not found:
            found = step_problems(source, targets)
        problems += found
        if not found:
            routes.append(Route.from_meta(source.slug, source.path, source.meta, source.digest))
            titled.append((source.meta["titel"], source))
    return sorted(routes, key=lambda route: (route.order, route.title.casefold())), titled, problems
