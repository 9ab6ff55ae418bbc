"""Loading all content and checking it as a whole: files → validated model.

Every problem of every file is collected before anything is reported, so a
contributor sees the full list in one run instead of fixing errors one by one.
A check that needs an earlier one to pass (a case's schema needs the
vocabularies, its story's limits need its body, a module's list of lessons
needs the module's fields) runs for every file that passed that one, and
`read_content` hands the files that passed their own checks on to the checks
after it (the links in stories). Reading a file and checking it against its
schema depends on nothing but the file and the schema, so with a cache a
file that did not change is not read again; what compares files with each
other always runs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..cache import Cache, fingerprint
from .case_body import asset_problems, body_problems, case_images
from .model import Case, GlossaryTerm, Lesson, Module, Route
from .problems import ContentError, Problem
from .quiz import quiz_problems
from .routes import load_routes
from .schema import case_schema, glossary_schema, lesson_schema, module_schema, route_schema
from .source import SourceFile, folder_entries, folder_files, parse_source, read_source, refusal, same_title, source_slug
from .strict_yaml import parse
from .taxonomy import Taxonomy, read_taxonomy, unplaced_region_problems
from .validate import SchemaCheck, check_against, compile_schema

TAXONOMY_FILE = "data/taxonomie.yml"
GLOSSARY_FILE = "data/begrippen.yml"
CASES_DIR = "cases"
LEARNING_DIR = "docs/leren"

# Case slugs that would collide with generated pages under /casussen/.
RESERVED_CASE_SLUGS = frozenset({"index", "verkennen", "thema", "gebied", "rechtsvorm", "fase", "jaar", "alle"})
# Module folders that would collide with pages under /leren/: the learning routes and the progress page.
RESERVED_MODULE_SLUGS = frozenset({"leerroutes", "voortgang"})
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
    routes: tuple[Route, ...] = ()  # in the order the lists of routes show them


def _titled(source: SourceFile) -> list[tuple[str, SourceFile]]:
    """The file's title, for the comparison of titles, once its front matter could be read; checked or not, it is what readers see."""
    title = source.meta.get("titel")
    return [(title, source)] if not source.problems and isinstance(title, str) else []


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


@dataclass(frozen=True)
class _CaseFiles:
    """What reading the case files found."""

    cases: list[Case]  # the cases that passed every check of their own
    sources: list[SourceFile]  # every case file as read
    stories: list[SourceFile]  # case files whose fields have problems, but whose story is within its limits
    problems: list[Problem]


def _load_cases(root: Path, taxonomy: Taxonomy | None, cache: Cache) -> _CaseFiles:
    """Without vocabularies (a broken taxonomy) no case is checked against its schema, but each is still read and its story checked."""
    schema = compile_schema(case_schema(taxonomy), cache) if taxonomy is not None else None
    found = _CaseFiles([], [], [], [])
    images = fingerprint(*(image.name for image in case_images(root / CASES_DIR)))  # which images the body checks find beside the cases
    for file in folder_files(root / CASES_DIR, ".md"):
        source, schema_problems = checked_source(file, root, schema, cache) if schema is not None else (read_source(file, root), [])
        # The story's checks need only its body, which a file has once its front matter is closed, broken or not.
        story_problems: list[Problem] = (
            cache.keep("verhaal", fingerprint(source.digest, images), partial(body_problems, source, root / CASES_DIR)) if source.body else []
        )
        problems = source.problems + schema_problems + story_problems
        if source.slug in RESERVED_CASE_SLUGS:
            problems.append(Problem(source.path, None, None, f"de bestandsnaam '{source.slug}' is gereserveerd voor de site; kies een andere"))
        found.problems.extend(problems)
        found.sources.append(source)
        if not problems and schema is not None:
            found.cases.append(cache.keep("casus", source.digest, partial(Case.from_meta, source.slug, source.path, source.meta, source.body, source.digest)))
        elif not source.problems and not story_problems and source.slug not in RESERVED_CASE_SLUGS:
            found.stories.append(source)
    found.problems.extend(asset_problems(root / CASES_DIR, root))
    return found


def _load_learning(root: Path, cache: Cache) -> tuple[list[Module], list[Lesson], set[str], list[Problem]]:
    """The modules and lessons that passed every check of their own, the key of every module and lesson file
    (what a case may refer to), and every problem."""
    modules: list[Module] = []
    lessons: list[Lesson] = []
    problems: list[Problem] = []
    files: set[str] = set()
    module_titles: list[tuple[str, SourceFile]] = []
    modules_schema, lessons_schema = compile_schema(module_schema(), cache), compile_schema(lesson_schema(), cache)
    for folder in (Path(entry.path) for entry in folder_entries(root / LEARNING_DIR) if entry.is_dir()):
        index_file = folder / "index.md"
        if folder.name in RESERVED_MODULE_SLUGS:
            problems.append(Problem(f"{LEARNING_DIR}/{folder.name}", None, None, f"de mapnaam '{folder.name}' is gereserveerd voor de site; kies een andere"))
            continue
        if not index_file.exists():
            problems.append(Problem(f"{LEARNING_DIR}/{folder.name}", None, None, "module zonder index.md; maak die aan met de gegevens van de module"))
            continue
        files.add(folder.name)
        module_source, module_schema_problems = checked_source(index_file, root, modules_schema, cache)
        module_problems = module_source.problems + module_schema_problems
        module_titles += _titled(module_source)
        lesson_sources: dict[str, SourceFile] = {}  # every lesson file of the folder
        folder_lessons: list[Lesson] = []  # the lessons that passed their own checks
        for file in folder_files(folder, ".md"):
            if file.name == "index.md":
                continue
            source, lesson_schema_problems = checked_source(file, root, lessons_schema, cache)
            lesson_sources[source.slug] = source
            files.add(f"{folder.name}/{source.slug}")
            found = source.problems + lesson_schema_problems
            if not source.problems and not FACILITATOR_BLOCK.search(source.body):
                found.append(Problem(source.path, None, None, "les mist de notities voor de begeleider: een blok dat begint met '!!! begeleider'"))
            if not source.problems and not lesson_schema_problems and source.meta["module"] != folder.name:
                found.append(
                    Problem(source.path, source.line_of(("module",)), "module", f"'{source.meta['module']}' klopt niet: de les staat in de map '{folder.name}'")
                )
            if not source.problems and not lesson_schema_problems:  # the questions' own rules need their fields in shape
                found += quiz_problems(source)
            if source.slug == FACILITATOR_PAGE_SLUG:
                reserved = f"de bestandsnaam '{source.slug}.md' is gereserveerd voor de pagina voor de begeleider; kies een andere"
                found.append(Problem(source.path, None, None, reserved))
            problems += found
            if not found:
                folder_lessons.append(Lesson.from_meta(folder.name, source.slug, source.path, source.meta, source.body, source.digest))
        problems += _duplicates([title for source in lesson_sources.values() for title in _titled(source)], "les")
        problems += module_problems
        if module_problems:  # the checks below read the module's list of lessons and its duration
            continue
        module = Module.from_meta(folder.name, module_source.path, module_source.meta, module_source.body, module_source.digest)
        listed = list(module.lesson_slugs)
        line = module_source.line_of(("lessen",))
        for slug in listed:
            if slug not in lesson_sources:
                close = difflib.get_close_matches(slug, list(lesson_sources), n=1)
                hint = f" (bedoel je '{close[0]}'?)" if close else ""
                problems.append(Problem(module.path, line, "lessen", f"les '{slug}' bestaat niet in {LEARNING_DIR}/{folder.name}/{hint}"))
        for slug in lesson_sources:
            if slug not in listed:
                problems.append(Problem(module.path, line, "lessen", f"les '{slug}' staat in de map maar niet in de lijst 'lessen'"))
        for lesson in folder_lessons:
            if lesson.slug in listed and listed.index(lesson.slug) + 1 != lesson.order:
                problems.append(
                    Problem(
                        lesson.path,
                        lesson_sources[lesson.slug].line_of(("volgorde",)),
                        "volgorde",
                        f"{lesson.order} klopt niet: in de module staat deze les op plaats {listed.index(lesson.slug) + 1}",
                    )
                )
        problems += _meeting_problems(module, module_source)
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
    return sorted(modules, key=lambda m: (m.order, m.slug)), lessons, files, problems


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


def _check_references(sources: list[SourceFile], targets: set[str]) -> list[Problem]:
    """Each case's modules and lessons ('leren') exist as files; a file with problems of its own is named for those, not here."""
    problems = []
    for source in sources:
        refs = source.meta.get("leren") if not source.problems else None
        for number, ref in enumerate(refs if isinstance(refs, list) else []):
            if isinstance(ref, str) and ref not in targets:
                close = difflib.get_close_matches(ref, sorted(targets), n=1)
                hint = f" (bedoel je '{close[0]}'?)" if close else ""
                message = f"'{ref}' is geen bestaande module of les{hint}"
                problems.append(Problem(source.path, source.line_of(("leren", number)), f"leren[{number + 1}]", message))
    return problems


@dataclass(frozen=True)
class ContentCheck:
    """Every problem of every file, and what passed for the checks that come after these (the links in stories)."""

    content: Content | None  # the files that passed their own checks; none without vocabularies
    problems: list[Problem]
    stories: tuple[SourceFile, ...]  # case files whose fields have problems, but whose story is within its limits


def read_content(root: Path, cache: Cache | None = None) -> ContentCheck:
    """Read and check all content under `root`; only content without problems is built (`load_content`)."""
    cache = cache or Cache(None)
    taxonomy, problems = read_taxonomy(root / TAXONOMY_FILE, root)
    cases = _load_cases(root, taxonomy, cache)
    problems += cases.problems
    problems += _duplicates([title for source in cases.sources for title in _titled(source)], "casus")
    modules, lessons, learning_files, learning_problems = _load_learning(root, cache)
    problems += learning_problems
    problems += _check_references([source for source in cases.sources if not source.problems], learning_files)
    glossary, glossary_problems = _load_glossary(root)
    problems += glossary_problems
    routes, route_sources, route_problems = load_routes(root, compile_schema(route_schema(), cache), _route_targets(root, learning_files, glossary))
    problems += route_problems + _duplicates(route_sources, "leerroute")
    if taxonomy is None:
        return ContentCheck(None, problems, tuple(cases.stories))
    problems += unplaced_region_problems([(str(source.meta.get("titel")), source) for source in cases.sources], taxonomy)  # the map shows every region
    cases_by_title = tuple(sorted(cases.cases, key=lambda c: c.title.casefold()))
    glossary_digest = fingerprint(GLOSSARY_FILE, (root / GLOSSARY_FILE).read_bytes())
    content = Content(root, taxonomy, cases_by_title, tuple(modules), tuple(lessons), tuple(glossary), glossary_digest, tuple(routes))
    return ContentCheck(content, problems, tuple(cases.stories))


def load_content(root: Path, cache: Cache | None = None) -> Content:
    """Read, validate and type all content under `root`; raise ContentError listing every problem."""
    found = read_content(root, cache)
    if found.problems or found.content is None:
        raise ContentError(found.problems)
    return found.content


def _route_targets(root: Path, learning_files: set[str], glossary: list[GlossaryTerm]) -> dict[str, dict[str, str]]:
    """What a route's step may lead to, per kind of step: by key, its name (a glossary term's key is as readers see it).

    Lessons, cases and modules count when their file is there, like references from cases (see `_load_learning`).
    """
    modules = {ref: ref for ref in learning_files if "/" not in ref}
    return {
        "les": {ref: ref for ref in learning_files if "/" in ref},
        "casus": {file.stem: file.stem for file in folder_files(root / CASES_DIR, ".md")},
        "begrip": {same_title(term.term): term.term for term in glossary},
        "werkboek": modules,
        "werkboek_begeleider": modules,
    }
