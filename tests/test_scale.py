"""Scale: related cases and case pages at thousands of generated cases (costs counted, never timed)."""

from __future__ import annotations

import statistics
from pathlib import Path

import kennisbank.index as index_module
import pytest
from kennisbank.content.loader import load_content
from kennisbank.content.model import Case
from kennisbank.tools.synthetic import make_corpus

from tests.conftest import ROOT, mkdocs_build


def scored_pairs(cases: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Pairs scored for `cases` cases, and the bound the bucket design promises."""
    content = load_content(make_corpus(ROOT, tmp_path / f"corpus-{cases}", cases))
    calls = 0
    real_score = index_module.score

    def counting_score(a: Case, b: Case) -> int:
        nonlocal calls
        calls += 1
        return real_score(a, b)

    monkeypatch.setattr(index_module, "score", counting_score)
    related = index_module.related_cases(list(content.cases))
    assert all(len(found) == index_module.RELATED_LIMIT for found in related.values())
    bound = sum(len(index_module._bucket_keys(case)) * (index_module.RELATED_BUCKET_CAP + 1) for case in content.cases)
    return calls, bound


def test_related_cases_cost_grows_linearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each case scores at most (its bucket keys × bucket size) others, whatever the corpus size."""
    for cases in (1000, 3000):
        calls, bound = scored_pairs(cases, tmp_path, monkeypatch)
        assert calls <= bound, (cases, calls, bound)
        assert bound <= cases * 39 * (index_module.RELATED_BUCKET_CAP + 1)  # at most 4 themes: 5×2×2×2−1 keys
        assert calls < cases * cases / 5  # far below comparing every pair


def test_case_page_size_does_not_grow_with_the_number_of_cases(tmp_path: Path) -> None:
    medians = []
    for cases in (40, 400):
        corpus = make_corpus(ROOT, tmp_path / f"corpus-{cases}", cases)
        site = tmp_path / f"site-{cases}"
        result = mkdocs_build(corpus, site)
        assert result.returncode == 0, result.stderr
        sizes = [p.stat().st_size for p in (site / "casussen").glob("synthetische-casus-*/index.html")]
        medians.append(statistics.median(sizes))
    assert 0.9 <= medians[1] / medians[0] <= 1.1, medians
