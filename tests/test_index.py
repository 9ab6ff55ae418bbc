"""Unit tests of the index: related cases, facets, illustrating cases and backlinks."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from kennisbank.cache import Cache, Memory
from kennisbank.content.loader import load_content
from kennisbank.content.model import Case
from kennisbank.index import RelatedCases, build_index, link_targets, load_index, related_cases, score
from kennisbank.tools.synthetic import make_corpus

from tests.conftest import ROOT


def brute_force_related(cases: list[Case], case: Case) -> list[str]:
    others = [o for o in cases if o.slug != case.slug and score(case, o) > 0]
    others.sort(key=lambda o: (-score(case, o), "".join(chr(0x10FFFF - ord(ch)) for ch in o.updated), o.title.casefold()))
    return [o.slug for o in others[:5]]


def test_related_cases_match_a_full_comparison_on_real_content() -> None:
    content = load_content(ROOT)
    related = related_cases(list(content.cases))
    for case in content.cases:
        assert [c.slug for c in related[case.slug]] == brute_force_related(list(content.cases), case)


def test_a_case_asked_for_alone_gets_the_same_related_cases_as_when_all_are_ranked() -> None:
    """The page worker asks for one case's list at a time, in whatever order pages come; the answer may not depend on it."""
    content = load_content(ROOT)
    everything = related_cases(list(content.cases))
    for case in reversed(content.cases):
        alone = RelatedCases(list(content.cases))
        assert alone[case.slug] == everything[case.slug]
        assert alone[case.slug] is alone[case.slug]  # ranked once
    assert list(RelatedCases(list(content.cases))) == [case.slug for case in content.cases]


def test_related_cases_share_something_and_exclude_the_case_itself() -> None:
    index = load_index(ROOT)
    for slug, related in index.related.items():
        assert slug not in {c.slug for c in related}
        assert all(score(index.cases[slug], other) > 0 for other in related)


def test_related_cases_scale_by_buckets_not_pairs() -> None:
    content = load_content(ROOT)
    base = content.cases[0]
    clones = [dataclasses.replace(base, slug=f"kloon-{n}", title=f"Kloon {n}") for n in range(2000)]
    related = related_cases(clones)
    assert all(len(found) == 5 for found in related.values())


def test_facets_group_every_case() -> None:
    index = load_index(ROOT)
    for case in index.cases.values():
        assert all(case in index.by_theme[t] for t in case.themes)
        assert case in index.by_region[case.region]
        assert case in index.by_legal_form[case.legal_form]
        assert case in index.by_stage[case.stage]
        assert case in index.by_year[case.year_started]
        for ref in case.learning:
            assert case in index.illustrating[ref]
            assert case in index.illustrating[ref.split("/")[0]]


def test_link_targets_resolve_relative_markdown_links() -> None:
    markdown = "[a](../leren/m/les.md#deel) [b](andere.md) [c](https://voorbeeld.nl/x.md) [d](/abs.md) [e](plaatje.png)"
    assert link_targets("casussen/x.md", markdown) == {"leren/m/les.md", "casussen/andere.md"}


def test_backlinks_come_from_real_links(tmp_path: Path) -> None:
    index = build_index(load_content(ROOT))
    for target, refs in index.backlinks.items():
        for ref in refs:
            assert ref.src_uri != target
    akker = index.backlinks.get("casussen/samen-oud-zorg.md", [])
    assert "casussen/zonnedijk-energie.md" in {ref.src_uri for ref in akker}


def test_rankings_kept_in_a_servers_memory_equal_a_fresh_ranking_after_every_kind_of_edit(tmp_path: Path) -> None:
    """Under make serve each case's ranking is kept by the facts it was made from; no edit may leave one stale."""
    cases = list(load_content(make_corpus(ROOT, tmp_path / "corpus", 400)).cases)
    memory = Memory()
    edits: list[Callable[[list[Case]], list[Case]]] = [
        lambda cs: cs,
        lambda cs: [dataclasses.replace(cs[7], title="Aaa Een Nieuwe Titel"), *cs[:7], *cs[8:]],
        lambda cs: [dataclasses.replace(cs[0], themes=("zorg",)), *cs[1:]],
        lambda cs: [dataclasses.replace(cs[3], region=cs[90].region, legal_form=cs[90].legal_form), *cs[:3], *cs[4:]],
        lambda cs: [dataclasses.replace(cs[5], updated="2099-01-01"), *cs[:5], *cs[6:]],
        lambda cs: [*cs, dataclasses.replace(cs[11], slug="nieuwe-kopie", title="Nieuwe Kopie")],
        lambda cs: cs[20:],
    ]
    for edit in edits:
        cases = edit(cases)
        kept = related_cases(cases, cache=Cache(None, memory=memory))
        memory.build_finished()
        assert kept == related_cases(cases)
