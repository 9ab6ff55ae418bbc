"""The case browser in a real browser: filters, combinations, URL state and keyboard use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from kennisbank.content.trust import LEVELS
from kennisbank.index import Index, load_index
from kennisbank.tools.synthetic import make_corpus

from tests.browser import serve
from tests.conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def shown_slugs(page: Any) -> set[str]:
    page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
    hrefs = page.eval_on_selector_all("#kb-resultaten a", "links => links.map(a => a.getAttribute('href'))")
    return {href.strip("./") for href in hrefs}


def test_filters_from_the_url_combine(chromium: Any, site_url: str, index: Index) -> None:
    case = next(iter(index.cases.values()))
    theme = case.themes[0]
    page = chromium.new_page()
    page.goto(f"{site_url}casussen/verkennen/?thema={theme}&gebied={case.region}")
    expected = {c.slug for c in index.by_theme[theme] if c.region == case.region}
    assert shown_slugs(page) == expected
    page.goto(f"{site_url}casussen/verkennen/?van={case.year_started}&tot={case.year_started}&fase={case.stage}")
    assert shown_slugs(page) == {c.slug for c in index.by_year[case.year_started] if c.stage == case.stage}
    page.close()


def test_free_text_ignores_accents_and_case(chromium: Any, site_url: str, index: Index) -> None:
    page = chromium.new_page()
    page.goto(f"{site_url}casussen/verkennen/?q=COOPERATIE")
    page.wait_for_selector("#kb-resultaten[data-tekst-geladen]", state="attached")
    expected = {c.slug for c in index.cases.values() if "coöperatie" in (c.title + " " + c.place + " " + c.summary).lower()}
    assert expected
    assert shown_slugs(page) == expected
    page.close()


def test_keyboard_only_filtering_updates_the_url(chromium: Any, site_url: str, index: Index) -> None:
    page = chromium.new_page()
    page.goto(f"{site_url}casussen/verkennen/")
    assert shown_slugs(page) == set(index.cases)
    theme = next(t for t, cases in index.by_theme.items() if cases)
    box = page.locator(f'input[name="thema"][value="{theme}"]')
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_url(f"**/verkennen/?thema={theme}")
    assert shown_slugs(page) == {c.slug for c in index.by_theme[theme]}
    shared = page.url
    other = chromium.new_page()
    other.goto(shared)
    assert shown_slugs(other) == {c.slug for c in index.by_theme[theme]}
    other.close()
    page.close()


def test_summaries_load_only_when_searching_text(chromium: Any, site_url: str) -> None:
    page = chromium.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}casussen/verkennen/?thema=energie")
    shown_slugs(page)
    assert not any(url.endswith("casussen-verkennen-tekst.json") for url in requested)
    assert not any(url.endswith("sitemap.xml") for url in requested), "the sitemap lists every case: never load it on a page view"
    page.fill("#kb-q", "dorp")
    page.wait_for_selector("#kb-resultaten[data-tekst-geladen]", state="attached")
    assert any(url.endswith("casussen-verkennen-tekst.json") for url in requested)
    page.close()


def test_at_a_thousand_cases_only_the_names_on_screen_are_fetched(chromium: Any, tmp_path: Path) -> None:
    """The first download holds facets only; names come per file for the cases shown, all of them once a word is typed."""
    corpus = make_corpus(ROOT, tmp_path / "corpus", 1200)
    result = mkdocs_build(corpus, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    index = load_index(corpus)
    with serve(tmp_path / "site") as url:
        page = chromium.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
        page.goto(f"{url}casussen/verkennen/")
        shown = shown_slugs(page)
        assert len(shown) == 200 and shown <= set(index.cases)
        assert sorted(name for name in requested if name.startswith("casussen-verkennen-namen-")) == ["casussen-verkennen-namen-0.json"]
        region = "zeeland"
        page.goto(f"{url}casussen/verkennen/?gebied={region}&fase=actief")
        expected = {c.slug for c in index.by_region[region] if c.stage == "actief"}
        assert 0 < len(expected) <= 200 and shown_slugs(page) == expected
        # The level of completeness filters and counts like the other facets.
        page.goto(f"{url}casussen/verkennen/?gebied={region}&volledigheid=volledig")
        complete = {c.slug for c in index.by_region[region] if c.completeness.level.key == "volledig"}
        assert complete and shown_slugs(page) == complete
        counts = option_counts(page)
        for level in LEVELS:
            count = sum(1 for c in index.by_region[region] if c.completeness.level is level)
            assert counts["volledigheid"][level.key][0] == f"{level.label} ({count})"
        assert counts["volledigheid"][""][0] == f"Alle ({len(index.by_region[region])})"
        page.goto(f"{url}casussen/verkennen/?gebied={region}&fase=actief")
        shown_slugs(page)
        page.fill("#kb-q", "Samen Verder")
        page.wait_for_selector("#kb-resultaten[data-tekst-geladen]", state="attached")
        found = {c.slug for c in index.by_region[region] if c.stage == "actief" and "samen verder" in (c.title + " " + c.place + " " + c.summary).lower()}
        assert found and shown_slugs(page) == found
        assert {name for name in requested if name.startswith("casussen-verkennen-namen-")} == {f"casussen-verkennen-namen-{n}.json" for n in range(3)}
        page.close()


def option_counts(page: Any) -> dict[str, dict[str, list[Any]]]:
    """Per filter, per value: the text a reader sees and whether the option is disabled."""
    shown_slugs(page)
    found: dict[str, dict[str, list[Any]]] = page.evaluate(
        """() => {
            const found = {thema: {}, gebied: {}, rechtsvorm: {}, fase: {}, volledigheid: {}};
            document.querySelectorAll('input[name="thema"]').forEach(box => {
                found.thema[box.value] = [box.parentNode.textContent.trim(), box.disabled];
            });
            ['gebied', 'rechtsvorm', 'fase', 'volledigheid'].forEach(name => {
                document.querySelectorAll(`select[name="${name}"] option`).forEach(option => {
                    found[name][option.value] = [option.textContent.trim(), option.disabled];
                });
            });
            return found;
        }"""
    )
    return found


def test_every_option_counts_the_cases_it_would_give_with_the_other_filters(chromium: Any, site_url: str, index: Index) -> None:
    theme = max(index.by_theme, key=lambda t: len(index.by_theme[t]))
    chosen = index.by_theme[theme]
    region = chosen[0].region
    page = chromium.new_page()
    page.goto(f"{site_url}casussen/verkennen/?thema={theme}&gebied={region}")
    counts = option_counts(page)
    tax = index.taxonomy
    in_region = [c for c in chosen if c.region == region]
    for key, term in tax.themes.items():
        expected = sum(1 for c in in_region if key in c.themes)
        assert counts["thema"][key] == [f"{term.label} ({expected})", expected == 0 and key != theme]
    # A region replaces the chosen one: counted among the cases of the chosen theme.
    for key, term in tax.regions.items():
        expected = sum(1 for c in chosen if c.region == key)
        assert counts["gebied"][key] == [f"{term.label} ({expected})", expected == 0 and key != region]
    assert counts["gebied"][""] == [f"Alle ({len(chosen)})", False]
    for key, term in tax.stages.items():
        expected = sum(1 for c in in_region if c.stage == key)
        assert counts["fase"][key] == [f"{term.label} ({expected})", expected == 0]
    for level in LEVELS:
        expected = sum(1 for c in in_region if c.completeness.level is level)
        assert counts["volledigheid"][level.key] == [f"{level.label} ({expected})", expected == 0]
    assert any(disabled for _, disabled in counts["gebied"].values()), "some region has no case of this theme: shown, but disabled"
    # Choosing an option counts again, and the address keeps the choice.
    stage = next(key for key, (_, disabled) in counts["fase"].items() if key and not disabled)
    page.select_option("#kb-fase", stage)
    page.wait_for_url(f"**fase={stage}")
    after = option_counts(page)
    found = [c for c in in_region if c.stage == stage]
    assert page.locator("#kb-aantal").text_content().startswith(f"{len(found)} casus")
    assert after["fase"][""] == [f"Alle ({len(in_region)})", False]
    assert all(text.endswith(f"({sum(1 for c in found if key in c.themes)})") for key, (text, _) in after["thema"].items())
    page.close()
