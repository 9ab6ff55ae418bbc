"""What each page shows from the index, as a small record per page.

The functions that make a page's generated sections (`case_page`,
`overviews`, `lesson_page`) read only this record, so its `digest` is what a
cache key needs of the index: a page whose Markdown and record did not
change is finished the same way. A page that should show something new gets
it through its record, and so the new thing counts in the key too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..content.geography import Outline
from ..content.model import ROUTES_DIR, Case, Lesson, Route, workbook_path
from ..content.source import same_title, slugify
from ..content.taxonomy import Taxonomy
from ..content.trust import LEVELS, PARTS
from ..index import FACETS, Index, PageRef
from ..repository import Repository
from ..worklist import GROUPS, SHOWN, Entry, worklist
from .parts import src_url
from .progress import lesson_key, progress_key

OVERVIEW = "casussen/index.md"
GLOSSARY = "begrippen.md"
CASE_FORM_PAGE = "bijdragen/casus-aandragen.md"  # "Deel jouw initiatief", the form for sharing a case
WORKLIST = "bijdragen/aanvullen.md"
WORKLIST_CSV = "bijdragen/aanvullen.csv"


@dataclass(frozen=True)
class Link:
    """A page linked to: its URL in the site and its title."""

    url: str
    title: str


@dataclass(frozen=True)
class GitHubLinks:
    """A case on GitHub: its file, GitHub's editor for it, and a new addition issue that names what it misses."""

    file: str
    edit: str
    addition: str


def github_links(repository: Repository | None, case: Case, check_due: bool) -> GitHubLinks | None:
    if repository is None:
        return None
    return GitHubLinks(repository.file_url(case.path), repository.edit_url(case.path), repository.addition_url(case, check_due=check_due))


@dataclass(frozen=True)
class CasePage:
    """A case's page: the case, the lessons, pages and cases it links to, whether it is due for a check, and its links to GitHub."""

    case: Case
    taxonomy: Taxonomy
    learning: tuple[Link, ...]
    referring: tuple[PageRef, ...]
    related: tuple[Case, ...]
    check_due: bool = False
    github: GitHubLinks | None = None


@dataclass(frozen=True)
class RegionCount:
    """A region on the map: its key and label, where it lies (latitude, longitude) and how many cases it has."""

    key: str
    label: str
    position: tuple[float, float]
    cases: int


@dataclass(frozen=True)
class RegionMap:
    """The map of where the cases are: the outline of the Netherlands and every region that has cases."""

    outline: Outline
    regions: tuple[RegionCount, ...]


@dataclass(frozen=True)
class ListPage:
    """The overview of all cases or the page of one facet value: a titled list, and maybe the way back to all values and a map."""

    url: str
    title: str
    cases: tuple[Case, ...]
    taxonomy: Taxonomy
    back: tuple[str, str] | None  # (URL, text)
    region_map: RegionMap | None = None


@dataclass(frozen=True)
class LearningPage:
    """A module's or lesson's page: the cases that illustrate it, the pages that refer to it, a lesson's neighbours,
    and a module's lessons (its table shows their durations, which the menu does not)."""

    url: str
    cases_title: str
    cases: tuple[Case, ...]
    taxonomy: Taxonomy
    referring: tuple[PageRef, ...]
    previous: Link | None = None
    following: Link | None = None
    lessons: tuple[Lesson, ...] = ()


@dataclass(frozen=True)
class WorklistPage:
    """The editors' worklist: its first `SHOWN` entries with their links, and the counts of the whole list and of all cases."""

    url: str
    entries: tuple[Entry, ...]
    github: tuple[GitHubLinks | None, ...]  # per entry
    listed: tuple[tuple[str, int], ...]  # (group key, cases) for every group of the whole list
    levels: tuple[tuple[str, int], ...]  # (level key, cases) for all cases
    missing: tuple[tuple[str, int], ...]  # (part key, cases that miss it) for all cases
    due: int  # cases due for a check
    cases: int


@dataclass(frozen=True)
class RouteStepLink:
    """A step of a learning route as pages show it: what it is, where it leads, why, and its key for the reader's progress."""

    label: str  # the kind of thing, such as 'Les 2 · Borging, intern en extern' or 'Casus'
    title: str
    url: str  # a page's URL in the site, or a file's path when `is_file`
    why: str
    key: str  # for the reader's progress, see `progress.progress_key`
    anchor: str = ""  # a glossary term's place on the glossary page
    is_file: bool = False


@dataclass(frozen=True)
class RoutePage:
    """A learning route's page: the route and its steps, with the titles of what they lead to."""

    url: str
    route: Route
    steps: tuple[RouteStepLink, ...]


PageInputs = CasePage | ListPage | LearningPage | WorklistPage | RoutePage | None


def case_slug(src_uri: str, index: Index) -> str | None:
    """The slug of the case whose page `src_uri` is, if it is one."""
    if src_uri.startswith("casussen/") and src_uri.count("/") == 1:
        slug = src_uri[len("casussen/") : -len(".md")]
        if slug in index.cases:
            return slug
    return None


def region_map(index: Index) -> RegionMap:
    """The counts of the map: as many regions as the vocabulary has, however many cases there are."""
    regions = index.taxonomy.regions
    counts = [(regions[key], len(cases)) for key, cases in index.by_region.items() if cases]
    # Validation lets no case into a region without coordinates; such a region has no cases.
    marks = tuple(RegionCount(term.key, term.label, term.position, count) for term, count in counts if term.position is not None)
    return RegionMap(index.taxonomy.outline, tuple(sorted(marks, key=lambda mark: mark.label.casefold())))


def _learning_link(index: Index, ref: str) -> Link:
    """A case's reference to a module ('module') or lesson ('module/lesson')."""
    target = index.lessons[ref] if "/" in ref else index.modules[ref]
    return Link(target.url, target.title)


def _facet_page(src_uri: str, index: Index) -> ListPage | None:
    parts = src_uri.removesuffix(".md").split("/")
    if len(parts) != 3 or parts[0] != "casussen" or parts[1] not in FACETS or parts[2] == "index":
        return None
    facet, key = parts[1], parts[2]
    cases = index.facet_groups(facet).get(key)
    if cases is None:
        return None
    listed = tuple(sorted(cases, key=lambda c: c.title.casefold()))
    back = (f"casussen/{facet}/", f"Alle {FACETS[facet][0].lower()}")
    return ListPage(src_url(src_uri), f"Casussen ({len(listed)})", listed, index.taxonomy, back)


def _learning_page(src_uri: str, index: Index) -> LearningPage | None:
    parts = src_uri.split("/")
    if len(parts) != 3 or parts[0] != "leren":
        return None
    referring = tuple(index.backlinks.get(src_uri, ()))
    if parts[2] == "index.md":
        module = index.modules.get(parts[1])
        if module is None:
            return None
        cases = tuple(index.illustrating.get(module.slug, ()))
        return LearningPage(module.url, "Casussen bij deze module", cases, index.taxonomy, referring, lessons=tuple(index.lessons_of(module)))
    lesson = index.lessons.get(f"{parts[1]}/{parts[2].removesuffix('.md')}")
    if lesson is None:
        return None
    siblings = index.lessons_of(index.modules[lesson.module])
    position = siblings.index(lesson)
    previous = Link(siblings[position - 1].url, siblings[position - 1].title) if position > 0 else None
    following = Link(siblings[position + 1].url, siblings[position + 1].title) if position + 1 < len(siblings) else None
    cases = tuple(index.illustrating.get(lesson.key, ()))
    return LearningPage(lesson.url, "Casussen bij deze les", cases, index.taxonomy, referring, previous, following)


def route_page(route: Route, index: Index) -> RoutePage:
    """A route with what its steps lead to; validation saw to it that every step exists."""
    terms = {same_title(term.term): term.term for term in index.content.glossary}
    steps = []
    for step in route.steps:
        if step.kind == "les":
            lesson = index.lessons[step.target]
            label = f"Les {lesson.order} · {index.modules[lesson.module].title}"
            steps.append(RouteStepLink(label, lesson.title, lesson.url, step.why, lesson_key(lesson)))
        elif step.kind == "casus":
            case = index.cases[step.target]
            steps.append(RouteStepLink("Casus", case.title, case.url, step.why, progress_key(step.kind, case.slug)))
        elif step.kind == "begrip":
            term = terms[same_title(step.target)]
            anchor = slugify(term)
            steps.append(RouteStepLink("Begrip", term, GLOSSARY.removesuffix(".md") + "/", step.why, progress_key(step.kind, anchor), anchor=anchor))
        else:
            facilitator = step.kind == "werkboek_begeleider"
            module = index.modules[step.target]
            label = "Werkboek voor begeleiders (pdf)" if facilitator else "Werkboek voor deelnemers (pdf)"
            path = workbook_path(module.slug, facilitator=facilitator)
            steps.append(RouteStepLink(label, module.title, path, step.why, progress_key(step.kind, module.slug), is_file=True))
    return RoutePage(route.url, route, tuple(steps))


def _route_page(src_uri: str, index: Index) -> RoutePage | None:
    if not src_uri.startswith(f"{ROUTES_DIR}/") or src_uri.count("/") != 2:
        return None
    route = index.routes.get(src_uri[len(ROUTES_DIR) + 1 : -len(".md")])
    return route_page(route, index) if route is not None else None


def worklist_page(index: Index, repository: Repository | None) -> WorklistPage:
    """The worklist's record: what it shows depends on the day (see `trust.check_due`), and so does this record."""
    entries = worklist(index)
    shown = tuple(entries[:SHOWN])
    groups = [entry.group.key for entry in entries]
    levels = [case.completeness.level.key for case in index.cases.values()]
    parts = [part.key for case in index.cases.values() for part in case.completeness.missing]
    return WorklistPage(
        src_url(WORKLIST),
        shown,
        tuple(github_links(repository, entry.case, entry.check_due) for entry in shown),
        tuple((group.key, groups.count(group.key)) for group in GROUPS),
        tuple((level.key, levels.count(level.key)) for level in LEVELS),
        tuple((part.key, parts.count(part.key)) for part in PARTS),
        sum(index.check_due(case) for case in index.cases.values()),
        len(index.cases),
    )


def page_inputs(src_uri: str, index: Index, repository: Repository | None = None) -> PageInputs:
    """The record of what the page at `src_uri` shows besides its Markdown; None for a page that shows nothing generated.

    `repository` is where the case pages and the worklist link to GitHub (none without one).
    """
    slug = case_slug(src_uri, index)
    if slug is not None:
        case = index.cases[slug]
        # Validation sees that every reference exists; `kennisbank validate` also checks the links of a case whose lesson has problems of its own.
        learning = tuple(_learning_link(index, ref) for ref in case.learning if ref in index.lessons or ref in index.modules)
        due = index.check_due(case)
        referring, related = tuple(index.backlinks.get(src_uri, ())), tuple(index.related.get(slug, ()))
        return CasePage(case, index.taxonomy, learning, referring, related, due, github_links(repository, case, due))
    if src_uri == WORKLIST:
        return worklist_page(index, repository)
    if src_uri == OVERVIEW:
        cases = tuple(index.cases.values())
        return ListPage(src_url(OVERVIEW), f"Alle casussen ({len(cases)})", cases, index.taxonomy, None, region_map(index))
    return _facet_page(src_uri, index) or _route_page(src_uri, index) or _learning_page(src_uri, index)


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """A value as JSON-ready data; content objects read from a file stand for themselves by that file's hash.

    Scalars and sequences are looked at first: they are most of what a page shows (every page is fingerprinted on every rebuild).
    """
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    own = getattr(value, "digest", None)
    if isinstance(own, str) and own:
        return [type(value).__name__, own]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, *(_plain(getattr(value, f.name)) for f in dataclasses.fields(value))]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def digest(value: object) -> str:
    """A hash of a page record (or any value made of records, content objects, tuples and dicts)."""
    return hashlib.sha256(json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
