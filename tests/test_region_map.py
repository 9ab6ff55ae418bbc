"""The map "Waar zijn de initiatieven?": its geodata, the regions' coordinates, and the map on the built site."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from kennisbank.content.geography import OUTLINE_FILE, load_outline
from kennisbank.content.loader import load_content
from kennisbank.content.problems import ContentError
from kennisbank.pages.inputs import region_map
from kennisbank.pages.region_map import region_map_html
from kennisbank.tools.geodata import outline_document

from tests.conftest import ROOT
from tests.site_pages import ARTIFACTS, VIEWPORTS, WORLD_ATLAS, require_tool, site_index

TAXONOMY = "data/taxonomie.yml"


def test_the_shipped_outline_is_what_the_script_derives_from_the_pinned_world_atlas() -> None:
    require_tool(WORLD_ATLAS)
    derived = outline_document(json.loads(WORLD_ATLAS.read_text(encoding="utf-8")))
    assert (ROOT / OUTLINE_FILE).read_text(encoding="utf-8") == derived, "maak het bestand opnieuw met python -m kennisbank.tools.geodata"


def test_the_outline_holds_the_netherlands_and_nothing_around_it() -> None:
    outline = load_outline(ROOT)
    for place, (latitude, longitude) in {"Ammerzoden": (51.75, 5.22), "Middelburg": (51.50, 3.61), "Texel": (53.07, 4.80), "Heerlen": (50.89, 5.98)}.items():
        assert outline.contains(latitude, longitude), place
    for place, (latitude, longitude) in {"Brussel": (50.85, 4.35), "Aken": (50.78, 6.08), "Noordzee": (52.50, 4.00), "Waddenzee": (53.10, 5.20)}.items():
        assert not outline.contains(latitude, longitude), place


def test_every_region_has_a_place_on_land() -> None:
    taxonomy = site_index().taxonomy
    assert all(term.position is not None and taxonomy.outline.contains(*term.position) for term in taxonomy.regions.values())


def set_region(root: Path, region: str, lines: list[str]) -> tuple[int, int]:
    """Replace the coordinate lines of one region in the copy's taxonomy; returns the line of the region and of its first new line."""
    path = root / TAXONOMY
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"^  {region}:\n(?:    .*\n)+", text, re.M)
    assert block is not None
    kept = [line for line in block.group(0).splitlines() if not line.startswith(("    breedtegraad", "    lengtegraad"))]
    path.write_text(text.replace(block.group(0), "\n".join(kept + lines) + "\n"), encoding="utf-8")
    start = text[: block.start()].count("\n") + 1
    return start, start + len(kept)


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("lines", "on_region_line", "field", "message"),
    [
        (["    breedtegraad: 50.85", "    lengtegraad: 4.35"], False, "gebieden.zeeland", "50.85, 4.35 ligt niet in Nederland"),  # Brussels
        (["    breedtegraad: 52.4", "    lengtegraad: 3.9"], False, "gebieden.zeeland", "ligt niet in Nederland"),  # the North Sea
        (
            ["    breedtegraad: 51,5", "    lengtegraad: 3.89"],
            False,
            "gebieden.zeeland.breedtegraad",
            "verwacht een getal met een punt, zoals 52.37, gevonden '51,5'",
        ),
        (["    breedtegraad: 51.5"], True, "gebieden.zeeland.lengtegraad", "ontbreekt"),
    ],
)
def test_coordinates_that_are_no_place_in_the_netherlands_are_named_with_file_line_and_field(
    content_copy: Path, lines: list[str], on_region_line: bool, field: str, message: str
) -> None:
    region_line, first_line = set_region(content_copy, "zeeland", lines)
    found = problems(content_copy)
    assert len(found) == 1, found
    assert found[0].startswith(f"{TAXONOMY}:{region_line if on_region_line else first_line}: veld '{field}': "), found
    assert message in found[0]


def test_a_case_in_a_region_without_coordinates_is_an_error_on_the_case(content_copy: Path) -> None:
    index = site_index()
    region = next(key for key, cases in index.by_region.items() if cases)
    case = index.by_region[region][0]
    set_region(content_copy, region, [])
    found = problems(content_copy)
    lines = (content_copy / case.path).read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if text.startswith("gebied:"))
    assert f"{case.path}:{line}: veld 'gebied': het gebied '{region}' heeft nog geen plek op de kaart" in "\n".join(found)
    assert {problem.split(":")[0] for problem in found} == {c.path for c in index.by_region[region]}


def test_a_region_without_cases_needs_no_coordinates(content_copy: Path) -> None:
    path = content_copy / TAXONOMY
    new_region = "  nieuw-gebied:\n    label: Nieuw gebied\n    omschrijving: Hier is nog geen casus.\n\nrechtsvormen:"
    path.write_text(path.read_text(encoding="utf-8").replace("\nrechtsvormen:", "\n" + new_region), encoding="utf-8")
    content = load_content(content_copy)
    assert content.taxonomy.regions["nieuw-gebied"].position is None


def test_the_map_is_as_large_at_ten_thousand_cases_as_now() -> None:
    """It aggregates: a mark per region, whatever the number of cases."""
    now = region_map(site_index())
    total = sum(region.cases for region in now.regions)
    grown = replace(now, regions=tuple(replace(region, cases=region.cases * 10_000 // total + 1) for region in now.regions))
    small, large = region_map_html("", now), region_map_html("", grown)
    assert sum(region.cases for region in grown.regions) >= 10_000
    assert len(large) - len(small) < 20 * len(now.regions), (len(small), len(large))  # only the digits of the counts differ


def marks(html: str) -> dict[str, str]:
    """Per region key, the name of its mark on the map (its title)."""
    return dict(re.findall(r'<a class="kb-kaart__plek" href="[^"]*\?gebied=([a-z0-9-]+)"><title>([^<]+)</title>', html))


@pytest.mark.parametrize(("page", "browser"), [("casussen/index.html", "verkennen/"), ("index.html", "casussen/verkennen/")])
def test_the_overview_and_the_home_page_show_where_the_cases_are(built_site: Path, page: str, browser: str) -> None:
    html = (built_site / page).read_text(encoding="utf-8")
    index = site_index()
    expected = {key: len(cases) for key, cases in index.by_region.items() if cases}
    labels = index.taxonomy.regions
    assert marks(html) == {key: f"{labels[key].label}: {n} {'casus' if n == 1 else 'casussen'}" for key, n in expected.items()}
    for key, n in expected.items():  # the text alternative: every region with its count, as a list of links
        assert f'<li><a href="{browser}?gebied={key}">{labels[key].label}</a> ({n} {"casus" if n == 1 else "casussen"})</li>' in html
    figure = html[html.index('<figure class="kb-kaart"') : html.index("</figure>")]
    assert "http" not in figure, "the map asks nothing of other hosts"
    assert "<script" not in figure


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_region_on_the_map_opens_the_case_browser_on_that_region_by_keyboard(chromium: Any, site_url: str, viewport: str) -> None:
    index = site_index()
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{site_url}casussen/", wait_until="networkidle")
    first = page.locator(".kb-kaart__plek").first
    assert first.is_visible()
    box = page.locator(".kb-kaart__beeld").bounding_box()
    assert box is not None and box["width"] <= VIEWPORTS[viewport]["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".kb-kaart").screenshot(path=str(ARTIFACTS / f"kaart-{viewport}.png"))
    page.locator("#waar-zijn-de-initiatieven .headerlink").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.querySelector('title').textContent")
    assert focused == first.locator("title").text_content()
    region = re.search(r"gebied=([a-z0-9-]+)", first.get_attribute("href") or "")
    assert region is not None
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/casussen/verkennen/?gebied={region.group(1)}")
    page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
    found = len(index.by_region[region.group(1)])
    assert page.locator("#kb-resultaten li").count() == found
    context.close()


@pytest.mark.browser
def test_the_map_needs_no_javascript(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    assert page.locator(".kb-kaart__plek").count() == sum(1 for cases in site_index().by_region.values() if cases)
    assert page.locator(".kb-kaart__plek").first.is_visible()
    context.close()
