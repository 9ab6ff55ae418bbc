"""The one index: built once per build from validated content, read by every output.

All lookups here are dictionaries filled in a single pass, so the cost of a
build grows linearly with the number of cases. Related cases are ranked for
every case at once; with a cache, a ranking whose facts did not change is
taken from there; under `make serve` each case's ranking is kept in
memory by the facts it was made from, so an edit re-ranks only the cases
whose candidates it changed.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import product
from pathlib import Path
from typing import Any

from .cache import Cache
from .content.loader import Content, load_content
from .content.model import Case, Lesson, Module, Route
from .content.source import tree_files
from .content.taxonomy import Taxonomy
from .content.trust import build_date, check_due

RELATED_LIMIT = 5
# How many cases a candidate bucket keeps. Buckets are keyed by attribute
# combinations, so each case scores at most (#keys × cap) candidates: linear.
RELATED_BUCKET_CAP = 12
WEIGHTS = {"theme": 3, "region": 2, "legal_form": 1, "stage": 1}
# The facets cases are grouped by, as folders under /casussen/: (page title, singular noun).
FACETS = {
    "thema": ("Casussen per thema", "thema"),
    "gebied": ("Casussen per gebied", "gebied"),
    "rechtsvorm": ("Casussen per rechtsvorm", "rechtsvorm"),
    "fase": ("Casussen per fase", "fase"),
    "jaar": ("Casussen per startjaar", "startjaar"),
}

BucketKey = tuple[str | None, str | None, str | None, str | None]  # theme, region, legal form, stage; None leaves one open

_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class PageRef:
    """A page as other pages point at it: its Markdown path and its title."""

    src_uri: str
    title: str


@dataclass(repr=False)
class Index:
    """Lookups over the content; every consumer reads this and nothing else."""

    content: Content
    today: date  # what 'due for a check' is measured from (see `trust.build_date`)
    cases: dict[str, Case] = field(default_factory=dict)
    modules: dict[str, Module] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    by_theme: dict[str, list[Case]] = field(default_factory=dict)
    by_region: dict[str, list[Case]] = field(default_factory=dict)
    by_legal_form: dict[str, list[Case]] = field(default_factory=dict)
    by_stage: dict[str, list[Case]] = field(default_factory=dict)
    by_year: dict[int, list[Case]] = field(default_factory=dict)
    illustrating: dict[str, list[Case]] = field(default_factory=dict)  # lesson or module key → cases
    backlinks: dict[str, list[PageRef]] = field(default_factory=dict)  # src_uri → pages linking to it
    related: dict[str, list[Case]] = field(default_factory=dict)  # slug → the most related cases, best first
    routes: dict[str, Route] = field(default_factory=dict)  # slug → learning route, in the order lists show them

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros logs str() of every variable on every build.
        return f"<Index: {len(self.cases)} casussen, {len(self.modules)} modules, {len(self.lessons)} lessen>"

    @property
    def taxonomy(self) -> Taxonomy:
        return self.content.taxonomy

    def lessons_of(self, module: Module) -> list[Lesson]:
        return [self.lessons[f"{module.slug}/{slug}"] for slug in module.lesson_slugs]

    def facet_groups(self, facet: str) -> dict[str, list[Case]]:
        """The cases of every value of a facet (a folder of FACETS) by the key in its page's URL; vocabulary values without cases too."""
        if facet == "jaar":
            return {str(year): cases for year, cases in self.by_year.items()}
        tax = self.taxonomy
        vocabulary, groups = {
            "thema": (tax.themes, self.by_theme),
            "gebied": (tax.regions, self.by_region),
            "rechtsvorm": (tax.legal_forms, self.by_legal_form),
            "fase": (tax.stages, self.by_stage),
        }[facet]
        return {key: groups.get(key, []) for key in vocabulary}

    def check_due(self, case: Case) -> bool:
        """Whether the editors should check the case against the initiative again (see `trust.check_due`)."""
        return check_due(case.checked, self.today)

    def newest_cases(self, count: int) -> list[Case]:
        return sorted(self.cases.values(), key=lambda c: (c.updated, c.title), reverse=True)[:count]


def by_tie_break(cases: Iterable[Case]) -> list[Case]:
    """Newest first, then alphabetical: the order in which ranking breaks ties (two stable sorts, the last one deciding first)."""
    return sorted(sorted(cases, key=lambda case: case.title.casefold()), key=lambda case: case.updated, reverse=True)


def _bucket_keys(case: Case) -> list[BucketKey]:
    """Every combination of the case's theme, region, legal form and stage, each also left open; the last, all open, is no bucket."""
    return list(product((*case.themes, None), (case.region, None), (case.legal_form, None), (case.stage, None)))[:-1]


def score(a: Case, b: Case) -> int:
    """How related two cases are: shared themes weigh most, then region, legal form and stage."""
    return (
        WEIGHTS["theme"] * len(set(a.themes) & set(b.themes))
        + WEIGHTS["region"] * (a.region == b.region)
        + WEIGHTS["legal_form"] * (a.legal_form == b.legal_form)
        + WEIGHTS["stage"] * (a.stage == b.stage)
    )


def _ranking_facts(ranked_cases: list[Case]) -> dict[str, str]:
    """What ranking reads of each case (in `by_tie_break` order), by slug, as one line each.

    Ties are broken by date, then title; so instead of the title, its place
    among the cases of the same date counts: a new title changes no ranking
    unless it changes that order.
    """
    facts = {}
    place = 0
    for number, case in enumerate(ranked_cases):
        place = place + 1 if number and ranked_cases[number - 1].updated == case.updated else 0
        # Slugs, keys of the vocabularies and a date: none holds '|' or ',' (the schema sees to that).
        facts[case.slug] = f"{case.slug}|{case.updated}|{place}|{','.join(case.themes)}|{case.region}|{case.legal_form}|{case.stage}"
    return facts


def _digest(lines: Iterable[str]) -> str:
    """A hash of lines that hold no line break (such as `_ranking_facts`)."""
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class RelatedCases(Mapping[str, list[Case]]):
    """Top related cases by slug, via capped buckets instead of comparing all pairs.

    The buckets are filled in one pass; a case's list is ranked when it is
    first asked for. A case's ranking depends only on its own facts and on
    the cases in its buckets, so the cache keeps it by those (`Cache.keep`).
    """

    def __init__(self, cases: list[Case], limit: int = RELATED_LIMIT, cache: Cache | None = None) -> None:
        ranked_cases = by_tie_break(cases)
        self._order = {case.slug: rank for rank, case in enumerate(ranked_cases)}
        self._cases = {case.slug: case for case in cases}
        self._keys = {case.slug: _bucket_keys(case) for case in cases}
        self._buckets: defaultdict[BucketKey, list[Case]] = defaultdict(list)
        for case in ranked_cases:
            for key in self._keys[case.slug]:
                bucket = self._buckets[key]
                if len(bucket) <= RELATED_BUCKET_CAP:
                    bucket.append(case)
        self._limit = limit
        self._cache = cache or Cache(None)
        self.facts = _ranking_facts(ranked_cases)
        self._bucket_digests: dict[BucketKey, str] = {}
        self._ranked: dict[str, list[Case]] = {}

    def __getitem__(self, slug: str) -> list[Case]:
        if slug not in self._ranked:
            case, keys = self._cases[slug], self._keys[slug]
            depends_on = _digest([str(self._limit), self.facts[slug], *(self._bucket_digest(key) for key in keys)])
            found = self._cache.keep("verwant-per-casus", depends_on, lambda: [other.slug for other in self._rank(case, keys)])
            self._ranked[slug] = [self._cases[other] for other in found]
        return self._ranked[slug]

    def _rank(self, case: Case, keys: list[BucketKey]) -> list[Case]:
        candidates = {other.slug: other for key in keys for other in self._buckets[key] if other.slug != case.slug}
        return sorted(candidates.values(), key=lambda other: (-score(case, other), self._order[other.slug]))[: self._limit]

    def _bucket_digest(self, key: BucketKey) -> str:
        """A hash of the facts of the cases in a bucket, in their order."""
        if key not in self._bucket_digests:
            self._bucket_digests[key] = _digest(self.facts[case.slug] for case in self._buckets[key])
        return self._bucket_digests[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cases)

    def __len__(self) -> int:
        return len(self._cases)


def related_cases(cases: list[Case], limit: int = RELATED_LIMIT, cache: Cache | None = None) -> dict[str, list[Case]]:
    """Top related cases for every case, all ranked at once."""
    return dict(RelatedCases(cases, limit, cache))


def _related_with_cache(cases: list[Case], cache: Cache) -> dict[str, list[Case]]:
    """`related_cases`, or the same ranking from the cache when no case changed what ranking reads.

    A server keeps each case's ranking in its memory instead (see `RelatedCases`):
    after an edit, a ranking of all cases would be stored for nothing.
    """
    related = RelatedCases(cases, cache=cache)
    if cache.memory is not None:
        return dict(related)
    by_slug = {case.slug: case for case in cases}

    def rank() -> dict[str, list[str]]:
        return {slug: [other.slug for other in found] for slug, found in related.items()}

    def fits(stored: object) -> bool:
        return isinstance(stored, dict) and stored.keys() == by_slug.keys() and all(slug in by_slug for found in stored.values() for slug in found)

    ranked = cache.remember("verwant", cache.key("verwant", *related.facts.values()), rank, check=fits)
    return {slug: [by_slug[other] for other in found] for slug, found in ranked.items()}


def page_title(text: str, fallback: str) -> str:
    match = _H1.search(text)
    return match.group(1) if match else fallback


def link_targets(src_uri: str, markdown: str) -> set[str]:
    """Site-internal Markdown pages a page links to, as src_uri paths."""
    targets = set()
    for target in _LINK.findall(markdown):
        path = target.split("#", 1)[0]
        if not path.endswith(".md") or ":" in path or path.startswith("/"):
            continue
        targets.add(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)))
    return targets


def _backlinks(content: Content, docs_dir: Path, cases: list[Case]) -> dict[str, list[PageRef]]:
    pages: list[tuple[PageRef, str]] = [(PageRef(c.src_uri, c.title), c.body) for c in cases]
    pages += [(PageRef(m.src_uri, m.title), m.body) for m in content.modules]
    pages += [(PageRef(lesson.src_uri, lesson.title), lesson.body) for lesson in content.lessons]
    learning = {m.src_uri for m in content.modules} | {lesson.src_uri for lesson in content.lessons}
    for file in tree_files(docs_dir, "*.md"):
        src_uri = file.relative_to(docs_dir).as_posix()
        if src_uri not in learning:
            text = file.read_text(encoding="utf-8")
            pages.append((PageRef(src_uri, page_title(text, file.stem)), text))
    backlinks: dict[str, list[PageRef]] = defaultdict(list)
    for ref, markdown in pages:
        for target in link_targets(ref.src_uri, markdown):
            if target != ref.src_uri:
                backlinks[target].append(ref)
    return {target: sorted(refs, key=lambda r: r.title.casefold()) for target, refs in backlinks.items()}


def build_index(content: Content, cache: Cache | None = None, today: date | None = None) -> Index:
    """Fill every lookup in one pass over the content; `today` defaults to the build date."""
    index = Index(content, today or build_date())
    cases = list(content.cases)
    index.cases = {c.slug: c for c in cases}
    index.modules = {m.slug: m for m in content.modules}
    index.lessons = {lesson.key: lesson for lesson in content.lessons}
    index.routes = {route.slug: route for route in content.routes}
    facets: dict[str, defaultdict[Any, list[Case]]] = {
        "theme": defaultdict(list),
        "region": defaultdict(list),
        "legal": defaultdict(list),
        "stage": defaultdict(list),
        "year": defaultdict(list),
    }
    illustrating: dict[str, dict[str, Case]] = defaultdict(dict)  # ordered, deduplicated by slug
    for case in cases:
        for theme in case.themes:
            facets["theme"][theme].append(case)
        facets["region"][case.region].append(case)
        facets["legal"][case.legal_form].append(case)
        facets["stage"][case.stage].append(case)
        facets["year"][case.year_started].append(case)
        for ref in case.learning:
            illustrating[ref][case.slug] = case
            illustrating[ref.split("/", 1)[0]][case.slug] = case
    index.by_theme = dict(facets["theme"])
    index.by_region = dict(facets["region"])
    index.by_legal_form = dict(facets["legal"])
    index.by_stage = dict(facets["stage"])
    index.by_year = dict(sorted(facets["year"].items(), reverse=True))
    index.illustrating = {key: list(found.values()) for key, found in illustrating.items()}
    index.backlinks = _backlinks(content, content.root / "docs", cases)
    index.related = _related_with_cache(cases, cache or Cache(None))
    return index


def load_index(root: Path, cache: Cache | None = None, today: date | None = None) -> Index:
    """Files → model → index, the one way data flows."""
    return build_index(load_content(root, cache), cache, today)
