"""The header search on the real built site, in a real browser.

The query table states for each Dutch query which pages it must find and
which it must not. Expectations are computed from the text of the built
pages (so a content writer may rephrase freely), with a minimum so that no
row silently becomes empty: if a word disappears from the site, the row
says so and a new word must be picked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pytest
from kennisbank.index import Index, load_index
from kennisbank.search.documents import compound_splitter, search_document
from kennisbank.search.suggestions import MIN_LENGTH, SUGGESTIONS_FILE
from kennisbank.search.word_forms import fold, tokens, words
from kennisbank.tools.search_metrics import measure_first_query, search_results, search_urls
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.written_site import site_pages

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"


@dataclass(frozen=True)
class Site:
    """What the built site says: the folded words and tokens of each searchable page."""

    index: Index
    words: dict[str, set[str]]
    tokens: dict[str, set[str]]
    all_pages: set[str]  # every page of the site, also those left out of the search

    def having(self, accept: Callable[[set[str]], bool]) -> set[str]:
        return {url for url, found in self.words.items() if accept(found)}

    def with_word(self, *options: str) -> set[str]:
        wanted = {fold(option) for option in options}
        return self.having(lambda found: bool(found & wanted))

    def without_part(self, *parts: str) -> set[str]:
        """Pages where no word even contains one of `parts`: nothing there can match."""
        folded = [fold(part) for part in parts]
        return self.having(lambda found: not any(part in word for word in found for part in folded))

    def cases(self, accept: Callable[[Any], bool]) -> set[str]:
        return {case.url for case in self.index.cases.values() if accept(case)}


@pytest.fixture(scope="module")
def site(built_site: Path) -> Site:
    index = load_index(ROOT)
    pages = list(site_pages(built_site, index))
    all_pages = {path.parent.relative_to(built_site).as_posix().replace(".", "", 1) for path in built_site.rglob("index.html")}
    return Site(
        index=index,
        words={page.url: {fold(word) for word in words(page.text)} for page in pages},
        tokens={page.url: {fold(token) for token in tokens(page.text)} for page in pages},
        all_pages={url + "/" if url else "" for url in all_pages if not url.startswith("pagefind")},
    )


@pytest.fixture(scope="module")
def page(chromium: Any, site_url: str) -> Iterator[Any]:
    tab = chromium.new_page()
    tab.goto(site_url)
    yield tab
    tab.close()


@dataclass(frozen=True)
class Row:
    query: str | None
    must_find: Callable[[Site], set[str]]
    must_not_find: Callable[[Site], set[str]]
    filters: dict[str, str | list[str]] | None = None
    minimum: int = 1  # the must-find set is at least this big, or the row is stale


def _region_and_stage(site: Site) -> tuple[Any, str, str]:
    case = next(iter(site.index.cases.values()))
    tax = site.index.taxonomy
    return case, tax.regions[case.region].label, tax.stages[case.stage].label


COOPERATION_COMPOUNDS = ("energiecoöperatie", "zorgcoöperatie", "dorpscoöperatie", "wooncoöperatie", "warmtecoöperatie", "voedselcoöperatie")

ROWS = {
    # Diacritics both ways, and compounds found by their last part.
    "cooperatie zonder trema": Row(
        "cooperatie",
        lambda s: s.with_word("coöperatie", "coöperaties", *COOPERATION_COMPOUNDS),
        lambda s: s.without_part("cooperati"),
    ),
    "coöperatie met trema": Row(
        "coöperatie",
        lambda s: s.with_word("cooperatie", *COOPERATION_COMPOUNDS),
        lambda s: s.without_part("cooperati"),
    ),
    "hoofdletters": Row("COÖPERATIE", lambda s: s.with_word("coöperatie"), lambda s: s.without_part("cooperati")),
    "meervoud vindt enkelvoud": Row(
        "coöperaties",
        lambda s: s.with_word("coöperatie", "zorgcoöperatie"),
        lambda s: s.without_part("cooperati"),
    ),
    "samenstelling zonder trema": Row(
        "zorgcooperatie",
        lambda s: s.with_word("zorgcoöperatie", "zorgcoöperaties"),
        lambda s: s.without_part("zorgcooperati"),
    ),
    "deel van een samenstelling": Row(
        "energiecoöperatie",
        lambda s: s.with_word("energiecoöperatie"),
        lambda s: s.without_part("energiecooperati"),
    ),
    "één en een": Row("één", lambda s: s.with_word("een", "één"), lambda s: s.without_part("een"), minimum=10),
    "fryslân zonder accent": Row("fryslan", lambda s: s.with_word("fryslân"), lambda s: s.without_part("frysl")),
    # Plurals and singulars the Dutch stemmer keeps apart.
    "burgerinitiatieven vindt burgerinitiatief": Row(
        "burgerinitiatieven",
        lambda s: s.with_word("burgerinitiatief", "burgerinitiatieven"),
        lambda s: s.without_part("burgerinitiat"),
        minimum=3,
    ),
    "burgerinitiatief vindt burgerinitiatieven": Row(
        "burgerinitiatief",
        lambda s: s.with_word("burgerinitiatief", "burgerinitiatieven"),
        lambda s: s.without_part("burgerinitiat"),
        minimum=3,
    ),
    "initiatieven in een samenstelling": Row(
        "initiatieven",
        lambda s: s.with_word("initiatief", "initiatieven", "burgerinitiatief", "burgerinitiatieven"),
        lambda s: s.without_part("initiat"),
    ),
    "lid vindt leden": Row("lid", lambda s: s.with_word("lid", "leden"), lambda s: s.without_part("lid", "led"), minimum=3),
    "leden vindt lid": Row("leden", lambda s: s.with_word("lid", "leden"), lambda s: s.without_part("lid", "led"), minimum=3),
    "huizen vindt huis": Row("huizen", lambda s: s.with_word("huis", "huizen"), lambda s: s.without_part("huis", "huiz")),
    "coöperatief vindt coöperatieve": Row(
        "coöperatief",
        lambda s: s.with_word("coöperatieve", "coöperatief"),
        lambda s: s.without_part("cooperati"),
    ),
    # Digits as separators, numbers written out.
    "tweedaagse vindt Coöperatie2daagse": Row(
        "tweedaagse",
        lambda s: {url for url, found in s.tokens.items() if found & {"cooperatie2daagse", "tweedaagse"}} | {"leren/cooperatie2daagse/"},
        lambda s: s.without_part("daagse"),
        minimum=3,
    ),
    # Filters: the kind of page and the facets of a case.
    "filter thema": Row(
        "coöperatie",
        lambda s: s.cases(lambda case: "energie" in case.themes) & s.having(lambda found: any("cooperati" in word for word in found)),
        lambda s: set(s.words) - s.cases(lambda case: "energie" in case.themes),
        filters={"thema": "Energie"},
    ),
    "filter soort module": Row(
        None,
        lambda s: {module.url for module in s.index.modules.values()},
        lambda s: set(s.words) - {module.url for module in s.index.modules.values()},
        filters={"soort": "module"},
        minimum=2,
    ),
    "filter soort les en zoekterm": Row(
        "leden",
        lambda s: {lesson.url for lesson in s.index.lessons.values()} & s.with_word("lid", "leden"),
        lambda s: set(s.words) - {lesson.url for lesson in s.index.lessons.values()},
        filters={"soort": "les"},
    ),
}


def _region_stage_row(site: Site) -> Row:
    case, region, stage = _region_and_stage(site)
    expected = site.cases(lambda other: other.region == case.region and other.stage == case.stage)
    return Row(None, lambda s: expected, lambda s: set(s.words) - expected, filters={"gebied": region, "fase": stage})


def _place_row(site: Site) -> Row:
    case = next(c for c in site.index.cases.values() if len(words(c.place)) == 1)
    return Row(case.place, lambda s: {case.url}, lambda s: s.without_part(fold(case.place)[:5]))


def _check(row: Row, site: Site, page: Any) -> None:
    must_find = row.must_find(site)
    must_not_find = row.must_not_find(site)
    assert len(must_find) >= row.minimum, f"too few pages on the site for this row ({sorted(must_find)}): pick another word"
    assert must_not_find, "every page can match: pick a word that leaves some pages out"
    found = search_urls(page, row.query, row.filters)
    assert len(found) == len(set(found))
    missing = must_find - set(found)
    assert not missing, f"not found: {sorted(missing)}"
    wrong = must_not_find & set(found)
    assert not wrong, f"found but should not be: {sorted(wrong)}"
    # Lists of cases that grow with the site are never results.
    left_out = site.all_pages - set(site.words)
    assert not (left_out & set(found)), sorted(left_out & set(found))


def test_the_query_table_is_big_enough() -> None:
    assert len(ROWS) + 2 >= 15


@pytest.mark.parametrize("name", list(ROWS))
def test_dutch_queries(name: str, site: Site, page: Any) -> None:
    _check(ROWS[name], site, page)


def test_filter_on_region_and_stage(site: Site, page: Any) -> None:
    _check(_region_stage_row(site), site, page)


def test_a_case_is_found_by_its_place(site: Site, page: Any) -> None:
    _check(_place_row(site), site, page)


def test_a_case_is_found_on_its_own_page_not_on_the_pages_that_list_it(site: Site, page: Any, built_site: Path) -> None:
    """Lessons and modules list the cases that illustrate them; those lists are left out of the index, or a case's name would find them all."""
    index = site.index
    checked = 0
    for key, cases in index.illustrating.items():
        learning = index.lessons[key] if key in index.lessons else index.modules[key]
        listing = learning.url
        html = (built_site / listing / "index.html").read_text(encoding="utf-8")
        own_words = {fold(word) for word in words(" ".join([learning.title, learning.summary, learning.body]))}
        for case in cases:
            name = max(words(case.title), key=len)
            if len(name) < 6 or fold(name) in own_words or escape(case.title) not in html:
                continue  # the page names the case in its own text too, or the name is too common to tell
            found = search_urls(page, name)
            assert case.url in found, (name, found)
            assert listing not in found, (name, listing)
            checked += 1
    assert checked >= 3
    assert "data-pagefind-ignore" in html  # the marking that keeps the lists out


def test_navigation_and_footer_text_finds_nothing_by_itself(site: Site, page: Any, built_site: Path) -> None:
    """Words of the menu, skip link and footer are on every page, but only the content is indexed.

    If they were indexed, such a word would find every page. Every highlighted
    word in an excerpt must come from the page's own indexed content.
    """
    # What Pagefind read: each page's content plus the word forms added to it.
    splitter = compound_splitter(site.index, ROOT / "docs")
    added = {found.url: (found.text, search_document(found, site.index, splitter)[1]) for found in site_pages(built_site, site.index)}
    indexed = {url: {fold(word) for word in words(" ".join([text, *terms]))} for url, (text, terms) in added.items()}
    html = (built_site / "index.html").read_text(encoding="utf-8")
    chrome = html[: html.index("data-pagefind-body")] + html[html.index("</article>") :]
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", chrome, flags=re.S))
    chrome_words = sorted({fold(word) for word in words(visible) if len(word) >= 4})
    assert {"casussen", "begrippen", "bijdragen"} <= set(chrome_words)
    for word in chrome_words:
        results = search_results(page, word)
        if not any(word in other for found in indexed.values() for other in found):
            assert len(results) < len(indexed), f"{word!r} is in no page's content, yet finds every page"
        for result in results:
            marked = {fold(found) for part in re.findall(r"<mark>(.*?)</mark>", result["excerpt"]) for found in words(part)}
            assert marked <= indexed[result["url"]], (word, result["url"], marked - indexed[result["url"]])


def test_typing_in_the_header_shows_results_with_kind_and_highlight(chromium: Any, site_url: str) -> None:
    tab = chromium.new_page()
    tab.goto(site_url + "over-ons/")
    tab.keyboard.press("/")
    search_input = tab.locator(".kb-search__input")
    assert search_input.evaluate("input => input === document.activeElement")
    assert tab.evaluate("document.getElementById('__search').checked")
    tab.keyboard.type("cooperatie")
    first = tab.locator(".kb-search .md-search-result__item").first
    first.wait_for()
    assert first.locator(".kb-search__title span").first.inner_text()
    assert first.locator(".kb-search__badge").text_content() in {"Casus", "Les", "Module", "Leerroute", "Begrip", "Pagina"}
    assert tab.locator(".kb-search .md-search-result__item mark").count() > 0
    assert "resulta" in tab.inner_text(".kb-search__status")
    # Arrow down to the first result, Escape closes and gives the page back.
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    tab.keyboard.press("ArrowUp")
    assert search_input.evaluate("input => input === document.activeElement")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.getElementById('__search').checked")
    assert not search_input.evaluate("input => input === document.activeElement")
    # "s" opens it again; Enter goes to the first result.
    tab.keyboard.press("s")
    assert search_input.evaluate("input => input === document.activeElement")
    href = first.locator("a").get_attribute("href")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**{href}")
    tab.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_leaving_the_search_with_the_keyboard_closes_it(chromium: Any, site_url: str, width: int) -> None:
    """Tab past the search and it closes, so it never covers the field that has focus (WCAG 2.4.11)."""
    tab = chromium.new_page(viewport={"width": width, "height": 800})
    tab.goto(site_url + "bijdragen/casus-aandragen/")
    tab.locator(".kb-search__input").focus()
    assert tab.evaluate("document.getElementById('__search').checked")
    title = tab.locator("#kb-v-titel")
    for _ in range(80):
        tab.keyboard.press("Tab")
        if tab.evaluate("!document.querySelector('[data-kb-search]').contains(document.activeElement)"):
            break
    assert not tab.evaluate("document.getElementById('__search').checked")
    title.focus()
    assert title.is_visible()
    tab.close()


def test_shortcuts_do_not_fire_while_typing_elsewhere(chromium: Any, site_url: str) -> None:
    tab = chromium.new_page()
    tab.goto(site_url + "casussen/verkennen/")
    tab.locator("#kb-q").click()
    tab.keyboard.type("s/")
    assert tab.input_value("#kb-q") == "s/"
    assert not tab.evaluate("document.getElementById('__search').checked")
    tab.close()


def test_kind_buttons_and_case_facets_filter_the_results(chromium: Any, site_url: str, site: Site) -> None:
    tab = chromium.new_page()
    tab.goto(site_url)
    tab.keyboard.press("/")
    tab.keyboard.type("coöperatie")
    tab.locator(".kb-search .md-search-result__item").first.wait_for()
    tab.get_by_role("button", name="Casussen", exact=True).click()
    tab.wait_for_function("[...document.querySelectorAll('.kb-search__badge')].every(b => b.textContent === 'Casus')")
    assert tab.get_by_role("button", name="Casussen", exact=True).get_attribute("aria-pressed") == "true"
    tab.locator(".kb-search__facets summary").click()
    theme = tab.locator('select[data-filter="thema"]')
    tab.wait_for_function("document.querySelector('select[data-filter=thema]').options.length > 1")
    label = site.index.taxonomy.themes["energie"].label
    theme.select_option(label)
    expected = site.cases(lambda case: "energie" in case.themes)
    tab.wait_for_function(
        "n => document.querySelector('.kb-search__status').textContent.startsWith(n + ' resulta')",
        arg=len(expected & site.having(lambda found: any("cooperati" in word for word in found))),
    )
    tab.close()


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 800), ("mobiel", 375, 740)])
def test_screenshots_of_the_search(chromium: Any, site_url: str, name: str, width: int, height: int) -> None:
    """Screenshots for a person to look at (test-artifacts/); the test checks that the box fits the screen."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab = chromium.new_page(viewport={"width": width, "height": height})
    tab.goto(site_url + "leren/")
    if width < 960:
        opener = tab.locator(".kb-search-open")
        assert opener.is_visible()
        opener.click()
    else:
        assert not tab.locator(".kb-search-open").is_visible()
        tab.locator(".kb-search__input").click()
    tab.keyboard.type("zorgcooperatie")
    tab.locator(".kb-search .md-search-result__item").first.wait_for()
    tab.locator(".kb-search__facets summary").click()
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(ARTIFACTS / f"zoeken-{name}.png"))
    box = tab.locator(".kb-search .md-search__inner").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    tab.close()


def test_first_query_is_small_and_fast(chromium: Any, site_url: str) -> None:
    measured = measure_first_query(chromium, site_url, "coöperatie", "leren/")
    assert measured.shown > 0, measured.status
    assert measured.transferred <= 300 * 1024, measured.requests
    assert measured.seconds < 1.0
    assert any("/pagefind/" in url for url, _ in measured.requests)
    unwanted = (SUGGESTIONS_FILE, "bedoel-je.js")
    assert not any(url.endswith(unwanted) for url, _ in measured.requests), "'Bedoel je …?' is for a query that finds (almost) nothing"


def test_the_word_list_holds_the_site_words_as_written_most_frequent_first(built_site: Path, site: Site) -> None:
    listed = json.loads((built_site / "pagefind" / SUGGESTIONS_FILE).read_text(encoding="utf-8"))
    assert {"vereniging", "participatie", "coöperatie"} <= set(listed)
    assert "cooperatie" not in listed, "one spelling per word: the one the site uses most"
    folded = [fold(word) for word in listed]
    assert len(folded) == len(set(folded)) and all(len(word) >= MIN_LENGTH for word in folded)
    every_word = set().union(*site.words.values())
    assert set(folded) <= every_word, "only words that the searched pages contain"
    assert folded.index("cooperatie") < folded.index("participatie")


# 'verenging' finds loose matches only ('ver…'), so the search offers the word; a query that finds nothing at all
# gets the closest word's results at once (see the test below).
@pytest.mark.parametrize(("viewport", "typed", "meant"), [("desktop", "verenging", "vereniging"), ("mobiel", "verenging", "vereniging")])
def test_a_typo_gets_the_closest_site_word_and_one_click_searches_it(chromium: Any, site_url: str, viewport: str, typed: str, meant: str) -> None:
    width, height = {"desktop": (1280, 800), "mobiel": (375, 740)}[viewport]
    tab = chromium.new_page(viewport={"width": width, "height": height})
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(site_url + "leren/", wait_until="networkidle")
    tab.keyboard.press("/")
    tab.keyboard.type(typed)
    suggestion = tab.locator(".kb-search__suggest button").first
    suggestion.wait_for()
    assert suggestion.inner_text() == meant
    assert tab.inner_text(".kb-search__suggest").startswith(f"Bedoel je {meant}")
    assert sum(url.endswith((SUGGESTIONS_FILE, "bedoel-je.js")) for url in requested) == 2
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"bedoel-je-{viewport}.png"))
    if viewport == "desktop":  # by keyboard: the arrow key reaches the suggestion, Enter searches it
        tab.keyboard.press("ArrowDown")
        assert tab.evaluate("document.activeElement.classList.contains('kb-search__suggestion')")
        tab.keyboard.press("Enter")
    else:
        suggestion.click()
    tab.locator(".kb-search .md-search-result__item").first.wait_for()
    assert tab.input_value(".kb-search__input") == meant
    assert "resulta" in tab.inner_text(".kb-search__status")
    tab.wait_for_timeout(300)
    assert tab.locator(".kb-search__suggest").is_hidden(), "the word is the site's own: nothing to suggest"
    tab.close()


def _watch_status(tab: Any) -> None:
    """Keep every text the status (a live region, read out by screen readers) gets, in order."""
    tab.evaluate(
        """() => { const status = document.querySelector('.kb-search__status'); window.kbStatuses = [];
        new MutationObserver(() => window.kbStatuses.push(status.textContent)).observe(status, {childList: true, characterData: true, subtree: true}); }"""
    )


def _result_urls(tab: Any) -> list[str]:
    return [str(href) for href in tab.eval_on_selector_all(".kb-search .md-search-result__link", "links => links.map(a => a.getAttribute('href'))")]


@pytest.mark.parametrize("viewport", ["desktop", "mobiel"])
def test_a_query_that_finds_nothing_shows_the_closest_words_results_at_once_and_the_query_as_typed_one_click_away(
    chromium: Any, site_url: str, site: Site, viewport: str
) -> None:
    typed, meant = "ledenvergadring", "ledenvergadering"
    assert site.with_word(meant) and not site.having(lambda found: any(fold(typed) in word for word in found))
    width, height = {"desktop": (1280, 800), "mobiel": (375, 740)}[viewport]
    tab = chromium.new_page(viewport={"width": width, "height": height})
    tab.goto(site_url + "leren/", wait_until="networkidle")
    tab.keyboard.press("/")
    tab.fill(".kb-search__input", meant)  # what the word itself finds, to compare with
    expect(tab.locator(".kb-search__status")).to_have_text(re.compile(r"^\d+ (resultaat|resultaten)$"))
    direct, direct_urls = tab.inner_text(".kb-search__status"), _result_urls(tab)

    _watch_status(tab)
    tab.fill(".kb-search__input", typed)
    status = tab.locator(".kb-search__status")
    expect(status).to_have_text(f"{direct} voor ‘{meant}’; je zocht ‘{typed}’")
    assert _result_urls(tab) == direct_urls
    back = tab.locator(".kb-search__suggest button")
    expect(back).to_have_text(f"Zoek toch naar ‘{typed}’")
    assert tab.input_value(".kb-search__input") == typed, "the query stays as typed"
    assert tab.evaluate("document.activeElement.classList.contains('kb-search__input')"), "typing goes on undisturbed"
    announced = tab.evaluate("window.kbStatuses")
    assert not [text for text in announced if "Geen resultaten" in text], announced  # one announcement: the corrected results, never 'nothing found' first
    assert tab.get_attribute(".kb-search__status", "role") == "status"
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"zoeken-verbeterd-{viewport}.png"))

    if viewport == "desktop":  # by keyboard: the arrow key reaches the way back, Enter takes it
        tab.keyboard.press("ArrowDown")
        assert tab.evaluate("document.activeElement.textContent") == f"Zoek toch naar ‘{typed}’"
        tab.keyboard.press("Enter")
    else:
        back.click()
    expect(status).to_have_text(f"Geen resultaten voor ‘{typed}’. Probeer een ander woord of minder filters.")
    assert tab.input_value(".kb-search__input") == typed
    assert tab.evaluate("document.activeElement.classList.contains('kb-search__input')")
    expect(tab.locator(".kb-search__suggest")).to_have_text(f"Bedoel je {meant}?")  # and the way forward again
    assert _result_urls(tab) == []
    tab.screenshot(path=str(ARTIFACTS / f"zoeken-toch-{viewport}.png"))

    tab.fill(".kb-search__input", meant)  # another query, then the typo again: corrected again
    expect(status).to_have_text(direct)
    tab.fill(".kb-search__input", typed)
    expect(status).to_contain_text(f"je zocht ‘{typed}’")
    tab.close()
