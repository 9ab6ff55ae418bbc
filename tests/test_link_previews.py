"""Link previews (docs/assets/voorbeeld.js) in a real browser: on hover and keyboard focus, never on touch."""

from __future__ import annotations

import re
from typing import Any

import pytest
from kennisbank.content.model import Case
from kennisbank.content.source import slugify
from kennisbank.pages.parts import src_url

from tests.conftest import ROOT
from tests.site_pages import ARTIFACTS, VIEWPORTS, site_index

pytestmark = pytest.mark.browser

PREVIEW = "#kb-voorbeeld"
GLOSSARY_LINK = re.compile(r"\]\((?:\.\./)*begrippen\.md#([a-z0-9-]+)\)")


def learning_case() -> Case:
    """A case that links to a lesson and to related cases."""
    index = site_index()
    return next(case for case in index.cases.values() if any("/" in ref for ref in case.learning) and index.related.get(case.slug))


def shown(page: Any) -> str:
    page.wait_for_selector(f"{PREVIEW}:not([hidden])")
    return str(page.inner_text(PREVIEW))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_pointing_at_a_case_link_shows_its_title_summary_and_facts(chromium: Any, site_url: str, viewport: str) -> None:
    index = site_index()
    case = learning_case()
    related = index.related[case.slug][0]
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}{case.url}", wait_until="networkidle")
    assert not any(url.endswith(f"/{related.url}") for url in requested), "nothing is fetched before a link is pointed at"
    link = page.locator(f'#verwante-casussen ~ ul a[href$="{related.slug}/"]').first
    link.scroll_into_view_if_needed()
    link.hover()
    text = shown(page)
    tax = index.taxonomy
    assert text.split("\n")[0].lower() == "casus"
    for expected in (
        related.title,
        related.summary,
        tax.regions[related.region].label,
        related.place,
        str(related.year_started),
        tax.stages[related.stage].label,
    ):
        assert expected in text, expected
    assert link.get_attribute("aria-describedby") == "kb-voorbeeld"
    box = page.locator(PREVIEW).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"voorbeeld-casus-{viewport}.png"))
    page.locator(PREVIEW).hover()  # the pointer may move onto the preview without losing it (WCAG 1.4.13)
    page.wait_for_timeout(400)
    assert page.locator(PREVIEW).is_visible()
    page.keyboard.press("Escape")
    assert page.locator(PREVIEW).is_hidden()
    assert link.get_attribute("aria-describedby") is None
    assert errors == []
    context.close()


def test_keyboard_focus_on_lesson_and_module_links_shows_their_preview(chromium: Any, site_url: str) -> None:
    index = site_index()
    case = learning_case()
    lesson = index.lessons[next(ref for ref in case.learning if "/" in ref)]
    module = index.modules[lesson.module]
    page = chromium.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(f"{site_url}{case.url}", wait_until="networkidle")
    lesson_link = page.locator(f'#leren-met-deze-casus ~ ul a[href$="{lesson.url.split("/", 1)[1]}"]').first
    lesson_link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # a keyboard focus, as a reader tabbing through the page
    text = shown(page)
    assert lesson.title in text and lesson.summary in text and f"in {module.title}" in text
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)
    assert page.evaluate("document.activeElement.tagName") == "A"
    assert lesson.title not in (page.inner_text(PREVIEW) if page.locator(PREVIEW).is_visible() else "")
    page.goto(f"{site_url}{lesson.url}", wait_until="networkidle")
    page.locator("article .kb-meta a").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    text = shown(page)
    assert module.title in text and module.summary in text and f"{len(module.lesson_slugs)} lessen" in text
    page.close()


def test_a_tap_on_a_touch_screen_just_follows_the_link(chromium: Any, site_url: str) -> None:
    index = site_index()
    case = learning_case()
    related = index.related[case.slug][0]
    context = chromium.new_context(viewport=VIEWPORTS["mobiel"], has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}{case.url}", wait_until="networkidle")
    link = page.locator(f'#verwante-casussen ~ ul a[href$="{related.slug}/"]').first
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_url(f"**/{related.url}")
    page.wait_for_timeout(500)
    assert page.locator(f"{PREVIEW}:not([hidden])").count() == 0
    assert errors == []
    context.close()


def test_a_link_to_a_glossary_term_shows_its_explanation(chromium: Any, site_url: str) -> None:
    index = site_index()
    terms = {slugify(term.term): term for term in index.content.glossary}
    source, anchor = next(
        (path, found.group(1)) for path in sorted((ROOT / "docs").rglob("*.md")) for found in [GLOSSARY_LINK.search(path.read_text(encoding="utf-8"))] if found
    )
    term = terms[anchor]
    page = chromium.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(f"{site_url}{src_url(source.relative_to(ROOT / 'docs').as_posix())}", wait_until="networkidle")
    link = page.locator(f'article a[href$="begrippen/#{anchor}"]').first
    link.scroll_into_view_if_needed()
    link.hover()
    text = shown(page)
    assert text.split("\n")[0].lower() == "begrip"
    assert term.term in text and term.explanation in text
    assert index.content.glossary[0].explanation not in text or term == index.content.glossary[0], "one term, not the whole glossary"
    page.close()


def test_a_glossary_link_with_a_broken_anchor_shows_nothing_and_breaks_nothing(chromium: Any, site_url: str) -> None:
    """A '%' that encodes no character (a typo in a link) gives no preview, no script error, and the next link still works."""
    source = next(path for path in sorted((ROOT / "docs").rglob("*.md")) if GLOSSARY_LINK.search(path.read_text(encoding="utf-8")))
    anchor = GLOSSARY_LINK.search(source.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    page = chromium.new_page(viewport=VIEWPORTS["desktop"])
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}{src_url(source.relative_to(ROOT / 'docs').as_posix())}", wait_until="networkidle")
    good = page.locator(f'article a[href$="begrippen/#{anchor}"]').first
    good.evaluate("a => a.insertAdjacentHTML('beforebegin', '<a id=\"kb-test-kapot\" href=\"' + a.getAttribute('href').split('#')[0] + '#%E0%A4\">kapot</a> ')")
    broken = page.locator("#kb-test-kapot")
    broken.scroll_into_view_if_needed()
    with page.expect_response(lambda response: "begrippen/" in response.url):
        broken.hover()
    page.wait_for_timeout(300)  # the fetched page is read after the response arrives
    assert page.locator(f"{PREVIEW}:not([hidden])").count() == 0
    good.hover()
    assert "begrip" in shown(page).lower()
    assert errors == []
    page.close()


def test_pointing_at_a_route_link_shows_a_route_and_a_step_shows_what_it_leads_to(chromium: Any, site_url: str) -> None:
    """On Leren a route's link previews the route (not as a lesson); on the route's page a lesson step previews the lesson."""
    index = site_index()
    route = next(iter(index.routes.values()))
    lesson = index.lessons[next(step.target for step in route.steps if step.kind == "les")]
    page = chromium.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(f"{site_url}leren/", wait_until="networkidle")
    link = page.locator(f'article a[href$="leerroutes/{route.slug}/"]').first
    link.scroll_into_view_if_needed()
    link.hover()
    text = shown(page)
    assert text.split("\n")[0].lower() == "leerroute"
    assert route.title in text and route.summary in text and f"{len(route.steps)} stappen" in text
    page.goto(f"{site_url}{route.url}", wait_until="networkidle")
    step = page.locator(f'.kb-stap__titel a[href$="{lesson.url.split("/", 1)[1]}"]').first
    step.scroll_into_view_if_needed()
    step.hover()
    text = shown(page)
    assert text.split("\n")[0].lower() == "les" and lesson.title in text
    page.close()
