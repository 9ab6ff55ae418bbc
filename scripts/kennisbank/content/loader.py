"""Loading all content and checking it as a whole: files → validated model.

Every problem of every file is collected before anything is reported, so a
contributor sees the full list in one run instead of fixing errors one by one.
Reading a file and checking it against its schema depends on nothing but the
file and the schema, so with a cache a file that did not change is not read
again; what compares files with each other always runs.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..cache import Cache, fingerprint
from .case_body import asset_problems, body_problems, case_images
from .model import Case, GlossaryTerm, Lesson, Module
from .problems import ContentError, Problem
from .schema import case_schema, glossary_schema, lesson_schema, module_schema
from .source import SourceFile, parse_source, read_source, refusal, source_slug
from .strict_yaml import parse
from .taxonomy import Taxonomy, load_taxonomy, unplaced_region_problems
from .validate import SchemaCheck, check_against, compile_schema

TAXONOMY_FILE = "data/taxonomie.yml"
GLOSSARY_FILE = "data/begrippen.yml"
CASES_DIR = "cases"
LEARNING_DIR = "docs/leren"

# Case slugs that would collide with generated pages under /casussen/.
RESERVED_CASE_SLUGS = frozenset({"index", "verkennen", "thema", "gebied", "rechtsvorm", "fase", "jaar", "alle"})
FACILITATOR_PAGE_SLUG = "begeleider"  # the module's generated page for its facilitator, beside its lessons
FACILITATOR_BLOCK = re.compile(r"^(?:!!!|\?\?\?\+?) begeleider\b", re.MULTILINE)


@dataclass(frozen=True)
class Content:
    """Everything the site is built from, validated and typed."""

    root: Path
    taxonomy: Taxonomy
    cases: tuple[Case, ...]
    modules: tuple[Module, ...]
    lessons: tuple[Lesson, ...]
    glossary: tuple[GlossaryTerm, ...]
    glossary_digest: str = ""  # of the glossary file: what a cache key needs of it


def same_title(title: str) -> str:
    """A title as readers see it: case, compatibility forms ('ｆ', 'ﬁ') and runs of (non-breaking) spaces do not count."""
    return " ".join(unicodedata.normalize("NFKC", title).casefold().split())


def _duplicates(items: list[tuple[str, SourceFile]], what: str) -> list[Problem]:
    """Duplicate titles (see `same_title`), reported on every file that shares one."""
    keyed = [(same_title(value), value, source) for value, source in items]
    groups: dict[str, list[SourceFile]] = {}
    for key, _, source in keyed:
        groups.setdefault(key, []).append(source)
    problems = []
    for key, value, source in keyed:
        others = [other.path for other in groups[key] if other is not source]
        if others:
            problems.append(Problem(source.path, source.line_of(("titel",)), "titel", f"{what} '{value}' bestaat al in {', '.join(others)}"))
    return problems


def checked_source(file: Path, root: Path, check: SchemaCheck, cache: Cache) -> tuple[SourceFile, list[Problem]]:
    """A content file read and checked against its schema: the file, and its schema problems.

    Under `make serve` the next build gets the same objects back from memory: they are not to be changed.
    """
    if refusal(file) is not None:  # never follow a link, never read a huge file whole
        return read_source(file, root), []
    rel, slug, raw = file.relative_to(root).as_posix(), source_slug(file), file.read_bytes()
    key = cache.key("bestand", rel, check.fingerprint, raw)

    def read() -> dict[str, Any]:
        source = parse_source(rel, slug, raw)
        return {"source": source.record(), "schema": [[p.line, p.field, p.message] for p in check_against(check, source)]}

    def load() -> tuple[SourceFile, list[Problem]]:
        found = cache.remember("bestand", key, read)
        problems = [Problem(rel, line, fieldname, message) for line, fieldname, message in found["schema"]]
        return SourceFile.from_record(rel, slug, found["source"]), problems

    return cache.keep("bron", key, load)


def _load_glossary(root: Path) -> tuple[list[GlossaryTerm], list[Problem]]:
    file = root / GLOSSARY_FILE
    doc = parse(file.read_text(encoding="utf-8"))
    source = SourceFile(GLOSSARY_FILE, "begrippen", doc.data if isinstance(doc.data, dict) else {}, doc, "")
    source.problems = [Problem(GLOSSARY_FILE, i.line, None, i.message) for i in doc.issues]
    problems = source.problems + check_against(compile_schema(glossary_schema()), source)
    if problems:
        return [], problems
    terms = [GlossaryTerm(t["term"], t["uitleg"]) for t in source.meta["begrippen"]]
    seen: set[str] = set()
    for number, term in enumerate(terms):
        if term.term.casefold() in seen:
            problems.append(Problem(GLOSSARY_FILE, source.line_of(("begrippen", number)), "term", f"'{term.term}' staat er twee keer in"))
        seen.add(term.term.casefold())
    return sorted(terms, key=lambda t: t.term.casefold()), problems


def _load_cases(root: Path, taxonomy: Taxonomy, cache: Cache) -> tuple[list[Case], list[tuple[str, SourceFile]], list[Problem]]:
    schema = compile_schema(case_schema(taxonomy), cache)
    cases: list[Case] = []
    sources: list[tuple[str, SourceFile]] = []
    problems: list[Problem] = []
    images = fingerprint(*(image.name for image in case_images(root / CASES_DIR)))  # which images the body checks find beside the cases
    for file in sorted((root / CASES_DIR).glob("*.md"), key=lambda path: path.name):
        source, schema_problems = checked_source(file, root, schema, cache)
        found = source.problems + schema_problems
        if not source.problems:
            found += cache.keep("verhaal", fingerprint(source.digest, images), partial(body_problems, source, root / CASES_DIR))
        if source.slug in RESERVED_CASE_SLUGS:
            found.append(Problem(source.path, None, None, f"de bestandsnaam '{source.slug}' is gereserveerd voor de site; kies een andere"))
        problems += found
        if not found:
            cases.append(cache.keep("casus", source.digest, partial(Case.from_meta, source.slug, source.path, source.meta, source.body, source.digest)))
            sources.append((source.meta["titel"], source))
    problems += asset_problems(root / CASES_DIR, root)
    return cases, sources, problems


def _load_learning(root: Path, cache: Cache) -> tuple[list[Module], list[Lesson], list[Problem]]:
    modules: list[Module] = []
    lessons: list[Lesson] = []
    problems: list[Problem] = []
    module_titles: list[tuple[str, SourceFile]] = []
    modules_schema, lessons_schema = compile_schema(module_schema(), cache), compile_schema(lesson_schema(), cache)
    for folder in sorted(p for p in (root / LEARNING_DIR).iterdir() if p.is_dir()):
        index_file = folder / "index.md"
        if not index_file.exists():
            problems.append(Problem(f"{LEARNING_DIR}/{folder.name}", None, None, "module zonder index.md; maak die aan met de gegevens van de module"))
            continue
        module_source, module_schema_problems = checked_source(index_file, root, modules_schema, cache)
        module_problems = module_source.problems + module_schema_problems
        lesson_sources: dict[str, SourceFile] = {}
        folder_lessons: list[Lesson] = []
        for file in sorted(folder.glob("*.md")):
            if file.name == "index.md":
                continue
            source, lesson_schema_problems = checked_source(file, root, lessons_schema, cache)
            found = source.problems + lesson_schema_problems
            if not found and source.meta["module"] != folder.name:
                found.append(
                    Problem(source.path, source.line_of(("module",)), "module", f"'{source.meta['module']}' klopt niet: de les staat in de map '{folder.name}'")
                )
            if source.slug == FACILITATOR_PAGE_SLUG:
                reserved = f"de bestandsnaam '{source.slug}.md' is gereserveerd voor de pagina voor de begeleider; kies een andere"
                found.append(Problem(source.path, None, None, reserved))
            if not found and not FACILITATOR_BLOCK.search(source.body):
                found.append(Problem(source.path, None, None, "les mist de notities voor de begeleider: een blok dat begint met '!!! begeleider'"))
            problems += found
            if not found:
                lesson_sources[source.slug] = source
                folder_lessons.append(Lesson.from_meta(folder.name, source.slug, source.path, source.meta, source.body, source.digest))
        problems += module_problems
        if module_problems:
            continue
        module = Module.from_meta(folder.name, module_source.path, module_source.meta, module_source.body, module_source.digest)
        module_titles.append((module.title, module_source))
        listed = list(module.lesson_slugs)
        line = module_source.line_of(("lessen",))
        for slug in listed:
            if slug not in lesson_sources and not (folder / f"{slug}.md").exists():
                close = difflib.get_close_matches(slug, list(lesson_sources), n=1)
                hint = f" (bedoel je '{close[0]}'?)" if close else ""
                problems.append(Problem(module.path, line, "lessen", f"les '{slug}' bestaat niet in {LEARNING_DIR}/{folder.name}/{hint}"))
        for lesson in folder_lessons:
            source = lesson_sources[lesson.slug]
            if lesson.slug not in listed:
                problems.append(Problem(module.path, line, "lessen", f"les '{lesson.slug}' staat in de map maar niet in de lijst 'lessen'"))
            elif listed.index(lesson.slug) + 1 != lesson.order:
                problems.append(
                    Problem(
                        lesson.path,
                        source.line_of(("volgorde",)),
                        "volgorde",
                        f"{lesson.order} klopt niet: in de module staat deze les op plaats {listed.index(lesson.slug) + 1}",
                    )
                )
        problems += _meeting_problems(module, module_source)
        problems += _duplicates([(lesson.title, lesson_sources[lesson.slug]) for lesson in folder_lessons], "les")
        total = sum(lesson.minutes for lesson in folder_lessons)
        if set(listed) == {lesson.slug for lesson in folder_lessons} and total != module.minutes:
            problems.append(
                Problem(
                    module.path, module_source.line_of(("duur_minuten",)), "duur_minuten", f"{module.minutes} klopt niet: de lessen duren samen {total} minuten"
                )
            )
        modules.append(module)
        lessons += sorted(folder_lessons, key=lambda lesson: lesson.order)
    problems += _duplicates(module_titles, "module")
    return sorted(modules, key=lambda m: (m.order, m.slug)), lessons, problems


def _meeting_problems(module: Module, source: SourceFile) -> list[Problem]:
    """The run sheet's meetings hold every lesson of the module once, in the order of 'lessen'."""
    meetings = module.run_sheet.meetings
    if not meetings:
        return []
    field = ("draaiboek", "bijeenkomsten")
    listed = [slug for meeting in meetings for slug in meeting]
    for number, slug in enumerate(listed):
        if slug not in module.lesson_slugs:
            close = difflib.get_close_matches(slug, list(module.lesson_slugs), n=1)
            hint = f" (bedoel je '{close[0]}'?)" if close else ""
            return [Problem(module.path, source.line_of(field), "draaiboek.bijeenkomsten", f"les '{slug}' staat niet in 'lessen'{hint}")]
        if slug in listed[:number]:
            return [Problem(module.path, source.line_of(field), "draaiboek.bijeenkomsten", f"les '{slug}' staat in twee bijeenkomsten")]
    if tuple(listed) != module.lesson_slugs:
        missing = [slug for slug in module.lesson_slugs if slug not in listed]
        found = f"les '{missing[0]}' staat in geen enkele bijeenkomst" if missing else "de lessen staan in een andere volgorde dan in 'lessen'"
        message = f"{found}; zet elke les in één bijeenkomst, in de volgorde van 'lessen'"
        return [Problem(module.path, source.line_of(field), "draaiboek.bijeenkomsten", message)]
    return []


def _check_references(cases: list[Case], sources: list[tuple[str, SourceFile]], modules: list[Module], lessons: list[Lesson]) -> list[Problem]:
    targets = {m.key for m in modules} | {lesson.key for lesson in lessons}
    problems = []
    for case, (_, source) in zip(cases, sources, strict=True):
        for number, ref in enumerate(case.learning):
            if ref not in targets:
                close = difflib.get_close_matches(ref, sorted(targets), n=1)
                hint = f" (bedoel je '{close[0]}'?)" if close else ""
                problems.append(Problem(case.path, source.line_of(("leren", number)), f"leren[{number + 1}]", f"'{ref}' is geen bestaande module of les{hint}"))
    return problems


def load_content(root: Path, cache: Cache | None = None) -> Content:
    """Read, validate and type all content under `root`; raise ContentError listing every problem."""
    cache = cache or Cache(None)
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    cases, case_sources, problems = _load_cases(root, taxonomy, cache)
    problems += _duplicates(case_sources, "casus")
    problems += unplaced_region_problems(case_sources, taxonomy)  # the map shows every case's region
    modules, lessons, learning_problems = _load_learning(root, cache)
    problems += learning_problems
    problems += _check_references(cases, case_sources, modules, lessons)
    glossary, glossary_problems = _load_glossary(root)
    problems += glossary_problems
    if problems:
        raise ContentError(problems)
    cases_by_title = tuple(sorted(cases, key=lambda c: c.title.casefold()))
    glossary_digest = fingerprint(GLOSSARY_FILE, (root / GLOSSARY_FILE).read_bytes())
    return Content(root, taxonomy, cases_by_title, tuple(modules), tuple(lessons), tuple(glossary), glossary_digest)
