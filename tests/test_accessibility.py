"""Accessibility as axe-core sees it: no serious or critical WCAG 2.1 AA violations.

axe-core (pinned in tests/node/package.json) is injected into the real built
site in chromium, on the key pages and on the header search with results, on
a desktop screen and on a phone.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.site_pages import (
    ARTIFACTS,
    AXE_JS,
    KEY_PAGE_NAMES,
    VIEWPORTS,
    has_header_search,
    journey_cases,
    key_pages,
    require_tool,
    search_from_header,
    search_query,
    site_index,
    wait_until_ready,
)

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    require_tool(AXE_JS)
    return AXE_JS.read_text(encoding="utf-8")


def blocking_violations(page: Any, axe_source: str, name: str) -> list[dict[str, Any]]:
    """Run axe on the page once its fades have ended; all findings are saved in test-artifacts/, the serious ones returned."""
    # Halfway through a fade (Material's search panel, our buttons) text has less contrast than any reader ends up seeing.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=2), encoding="utf-8")
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            html = re.sub(r"\s+", " ", node["html"])[:160]
            lines.append(f"    {' '.join(map(str, node['target']))}: {html}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", KEY_PAGE_NAMES)
def test_key_page_meets_wcag_21_aa(chromium: Any, site_url: str, axe_source: str, name: str, viewport: str) -> None:
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{site_url}{key_pages(site_index())[name]}", wait_until="networkidle")
    wait_until_ready(page)
    violations = blocking_violations(page, axe_source, f"{name}-{viewport}")
    context.close()
    assert violations == [], f"{name} ({viewport}):\n{describe(violations)}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_search_results_meet_wcag_21_aa(chromium: Any, site_url: str, axe_source: str, viewport: str) -> None:
    case, _, _ = journey_cases(site_index())
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    if not has_header_search(page):
        context.close()
        pytest.skip("deze build heeft nog geen zoekvak in de kop")
    search_from_header(page, search_query(case))
    page.wait_for_load_state("networkidle")
    violations = blocking_violations(page, axe_source, f"zoekresultaten-{viewport}")
    context.close()
    assert violations == [], f"zoekresultaten ({viewport}):\n{describe(violations)}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_case_form_with_problems_and_with_its_preview_meets_wcag_21_aa(chromium: Any, site_url: str, axe_source: str, viewport: str) -> None:
    """'Deel jouw initiatief' after checking: the list of problems and the messages beside the fields, then the preview and the ways to send."""
    from tests.test_case_form import MISTAKES, PAGE, VALID, fill, summary

    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{site_url}{PAGE}", wait_until="networkidle")
    found = {}
    for state, answers in (("fouten", MISTAKES), ("voorbeeld", VALID)):
        fill(page, answers)
        assert bool(summary(page)) == (state == "fouten")
        found[state] = blocking_violations(page, axe_source, f"aandragen-{state}-{viewport}")
    context.close()
    assert found == {"fouten": [], "voorbeeld": []}, "\n".join(f"{state} ({viewport}):\n{describe(v)}" for state, v in found.items() if v)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_corrected_search_meets_wcag_21_aa(chromium: Any, site_url: str, axe_source: str, viewport: str) -> None:
    """A query that finds nothing shows the closest word's results, with the way back to the query as typed."""
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    search_from_header(page, "ledenvergadring")
    page.locator(".kb-search__suggest button").wait_for()
    page.wait_for_load_state("networkidle")
    violations = blocking_violations(page, axe_source, f"zoeken-verbeterd-{viewport}")
    context.close()
    assert violations == [], f"zoeken verbeterd ({viewport}):\n{describe(violations)}"
