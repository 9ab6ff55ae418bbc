"""A learner's journey in Chromium: Check jezelf, 'Gedaan', a module and a route that count it, and the page Je voortgang.

Answer a question wrong and read why; answer it right; answer all of them
right; mark two lessons done and a route step; see the module, the route and
the Leren overview count them; reload and find it all back; save it to a
file, wipe it, restore it; offer broken, foreign, hostile and huge files and
keep the progress; a broken stored value breaks no page. Every request stays
on the site, no script fails, axe finds nothing serious on the pages that
changed, and every step is photographed at 375 and 1280 px.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from kennisbank.content.model import Lesson, QuizQuestion, Route
from kennisbank.index import Index
from playwright.sync_api import expect

from tests.site_pages import AXE_JS, VIEWPORTS, assert_no_horizontal_scroll, require_tool, screenshot, search_from_header, site_index
from tests.test_accessibility import blocking_violations, describe
from tests.test_privacy import foreign_requests

pytestmark = pytest.mark.browser

STORAGE_KEY = "kennisbank-voortgang-v1"


def route_with_two_lessons(index: Index) -> tuple[Route, Lesson, Lesson]:
    """A route whose steps include two lessons of one module, the first with a question that has a wrong answer."""
    for route in index.routes.values():
        lessons = [index.lessons[step.target] for step in route.steps if step.kind == "les"]
        for first in lessons:
            second = next((other for other in lessons if other.module == first.module and other is not first), None)
            if second is not None:
                return route, first, second
    raise AssertionError("geen leerroute met twee lessen uit dezelfde module")


class Learner:
    """One learner in one browser context: every request and script error is recorded, every step photographed."""

    def __init__(self, chromium: Any, site_url: str, viewport: str) -> None:
        self.context = chromium.new_context(viewport=VIEWPORTS[viewport], accept_downloads=True)
        self.page = self.context.new_page()
        self.site_url, self.viewport, self.step = site_url, viewport, 0
        self.requested: list[str] = []
        self.script_errors: list[str] = []
        self.page.on("request", lambda request: self.requested.append(request.url))
        self.page.on("pageerror", lambda error: self.script_errors.append(f"{self.page.url}: {error}"))

    def visit(self, url: str) -> None:
        self.page.goto(f"{self.site_url}{url}")

    def photo(self, name: str) -> None:
        assert_no_horizontal_scroll(self.page, f"{name} ({self.viewport})")
        self.step += 1
        screenshot(self.page, f"leren-{self.viewport}-{self.step:02d}-{name}")

    def bar(self, ident: str) -> Any:
        return self.page.locator(f"#{ident}")


def choose(page: Any, number: int, question: QuizQuestion, *, correct: bool) -> None:
    """Tick the right answers of a question (all of them when several are), or one wrong answer."""
    fieldset = page.locator(f'fieldset[data-kb-vraag="{number}"]')
    for answer in question.answers:
        control = fieldset.get_by_label(answer.text, exact=True)
        if correct and answer.correct:
            control.check()
        elif control.get_attribute("type") == "checkbox":
            control.uncheck()
    if not correct:
        wrong = next(answer for answer in question.answers if not answer.correct)
        fieldset.get_by_label(wrong.text, exact=True).check()


def answer_everything(learner: Learner, lesson: Lesson, *, kept: bool = True) -> None:
    """Question 1 wrong then right with the mouse, the others right from the keyboard; then the lesson says all were right (if `kept`)."""
    page = learner.page
    first = page.locator('fieldset[data-kb-vraag="1"]')
    outcome = first.locator("[data-kb-uitkomst]")
    expect(outcome).to_have_attribute("role", "status")
    question = lesson.quiz[0]
    wrong = next(answer for answer in question.answers if not answer.correct)
    first.get_by_role("button", name="Controleer").click()
    expect(outcome).to_contain_text("Kies eerst een antwoord.")
    choose(page, 1, question, correct=False)
    first.get_by_role("button", name="Controleer").click()
    expect(outcome).to_contain_text("Niet goed.")
    expect(outcome).to_contain_text(wrong.explanation)
    learner.photo("les-fout-antwoord")
    choose(page, 1, question, correct=True)
    expect(outcome).to_be_empty()  # a new choice clears the old explanation
    first.get_by_role("button", name="Controleer").click()
    expect(outcome).to_contain_text("Goed!")
    right = next(answer for answer in question.answers if answer.correct)
    expect(outcome).to_contain_text(right.explanation)
    learner.photo("les-goed-antwoord")
    note = page.get_by_text("Je hebt alle vragen van Check jezelf goed beantwoord.")
    for number, other in enumerate(lesson.quiz[1:], start=2):
        expect(note).to_be_hidden()
        fieldset = page.locator(f'fieldset[data-kb-vraag="{number}"]')
        for answer in other.answers:
            if answer.correct:
                fieldset.get_by_label(answer.text, exact=True).focus()
                page.keyboard.press("Space")
        fieldset.get_by_role("button", name="Controleer").focus()
        page.keyboard.press("Enter")
        expect(fieldset.locator("[data-kb-uitkomst]")).to_contain_text("Goed!")
    if kept:
        expect(note).to_be_visible()
    else:
        expect(note).to_be_hidden()


def no_serious_violations(page: Any, axe_source: str, name: str) -> None:
    violations = blocking_violations(page, axe_source, name)
    assert violations == [], f"{name}:\n{describe(violations)}"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_learner_checks_themselves_keeps_progress_and_takes_it_along(chromium: Any, site_url: str, viewport: str, tmp_path: Path) -> None:
    require_tool(AXE_JS)
    axe_source = AXE_JS.read_text(encoding="utf-8")
    index = site_index()
    route, lesson, other = route_with_two_lessons(index)
    module = index.modules[lesson.module]
    total = len(module.lesson_slugs)
    steps = len(route.steps)
    learner = Learner(chromium, site_url, viewport)
    page = learner.page

    # Check jezelf, then 'Gedaan' on two lessons of one module.
    learner.visit(lesson.url)
    answer_everything(learner, lesson)
    no_serious_violations(page, axe_source, f"les-met-uitleg-{viewport}")
    switch = page.get_by_role("switch", name="Gedaan")
    expect(switch).not_to_be_checked()
    switch.check()
    learner.photo("les-gedaan")
    learner.visit(other.url)
    page.get_by_role("switch", name="Gedaan").check()

    # The module counts them and marks them in its list of lessons.
    learner.visit(module.url)
    expect(learner.bar("kb-voortgang-module")).to_have_text(f"2 van {total} lessen gedaan")
    expect(page.locator("progress[aria-labelledby=kb-voortgang-module]")).to_have_js_property("value", 2)
    expect(page.locator(f'[data-kb-merk="les:{lesson.key}"]')).to_have_text("Gedaan · alle vragen goed")
    expect(page.locator(f'[data-kb-merk="les:{other.key}"]')).to_have_text("Gedaan")
    learner.photo("module")
    no_serious_violations(page, axe_source, f"module-met-voortgang-{viewport}")

    # The route counts them too, and a case step is marked on the route itself.
    learner.visit(route.url)
    expect(learner.bar("kb-voortgang-route")).to_have_text(f"2 van {steps} stappen gedaan")
    case_step = next(number for number, step in enumerate(route.steps, start=1) if step.kind == "casus")
    page.get_by_role("switch", name=f"Stap {case_step} gedaan").check()
    expect(learner.bar("kb-voortgang-route")).to_have_text(f"3 van {steps} stappen gedaan")
    learner.photo("leerroute")
    no_serious_violations(page, axe_source, f"leerroute-met-voortgang-{viewport}")

    # Reload: all of it is still there, and the overview on Leren says the same.
    page.reload()
    expect(learner.bar("kb-voortgang-route")).to_have_text(f"3 van {steps} stappen gedaan")
    learner.visit("leren/")
    expect(learner.bar(f"kb-voortgang-module-{module.slug}")).to_have_text(f"2 van {total} lessen gedaan")
    expect(learner.bar(f"kb-voortgang-route-{route.slug}")).to_have_text(f"3 van {steps} stappen gedaan")
    learner.photo("leren")
    no_serious_violations(page, axe_source, f"leren-met-voortgang-{viewport}")
    learner.visit(lesson.url)
    expect(page.get_by_role("switch", name="Gedaan")).to_be_checked()
    expect(page.get_by_text("Je hebt alle vragen van Check jezelf goed beantwoord.")).to_be_visible()

    # Save to a file, wipe, restore from the file.
    learner.visit("leren/voortgang/")
    module_bar = learner.bar(f"kb-voortgang-module-{module.slug}")
    expect(module_bar).to_have_text(f"2 van {total} lessen gedaan")
    with page.expect_download() as download:
        page.get_by_role("button", name="Voortgang opslaan als bestand").click()
    saved = tmp_path / "voortgang.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["soort"] == "kennisbank-voortgang" and data["versie"] == 1
    assert {f"les:{lesson.key}", f"les:{other.key}"} <= set(data["gedaan"]) and data["allesGoed"] == [f"les:{lesson.key}"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Voortgang wissen").click()
    expect(module_bar).to_have_text(f"0 van {total} lessen gedaan")
    wiped = page.locator('[data-kb-melding-bij="wissen"]')
    expect(wiped).to_have_text("Je voortgang in deze browser is gewist.")
    expect(wiped).to_be_in_viewport()  # beside the button, not above the screen on a phone
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    file_field = page.get_by_label("Kies het bestand")
    file_field.set_input_files(saved)
    page.get_by_role("button", name="Voortgang terugzetten").click()
    expect(module_bar).to_have_text(f"2 van {total} lessen gedaan")
    restored = page.locator('[data-kb-melding-bij="terugzetten"]')
    done_before = len(data["gedaan"])
    expect(restored).to_have_text(f"Je voortgang is teruggezet. Er kwamen {done_before} onderdelen bij. Je hebt nu {done_before} onderdelen gedaan.")
    expect(restored).to_be_in_viewport()
    learner.photo("voortgang-teruggezet")

    # Broken, foreign, hostile and huge files are refused in Dutch, and the progress stays.
    stored = page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    error = page.locator("#kb-bestand-fout")
    hostile = {"soort": "kennisbank-voortgang", "versie": 1, "gedaan": ['les:<img src=x onerror="document.title=1">']}
    refused = {
        "kapot.json": ('{"soort": "kennisbank-voortgang", "versie": 1, "gedaan": [', "Dit is geen voortgangsbestand van deze kennisbank"),
        "vreemd.json": (json.dumps({"naam": "iets anders", "items": [1, 2]}), "Dit is geen voortgangsbestand van deze kennisbank"),
        "vijandig.json": (json.dumps(hostile), "beschadigd"),
        "proto.json": ('{"soort": "kennisbank-voortgang", "versie": 1, "__proto__": {"gedaan": []}, "gedaan": []}', "niet in een voortgangsbestand horen"),
        "toekomst.json": (json.dumps({"soort": "kennisbank-voortgang", "versie": 2, "gedaan": []}), "andere versie"),
        "groot.json": (" " * 200_000, "te groot"),
    }
    for name, (text, message) in refused.items():
        file_field.set_input_files(write(tmp_path / name, text))
        page.get_by_role("button", name="Voortgang terugzetten").click()
        expect(error).to_contain_text(message)
        expect(file_field).to_have_attribute("aria-invalid", "true")
        assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == stored, name
        expect(module_bar).to_have_text(f"2 van {total} lessen gedaan")
    assert page.title() != "1"
    learner.photo("voortgang-bestand-geweigerd")
    no_serious_violations(page, axe_source, f"voortgang-met-fout-{viewport}")

    # A broken stored value (or one from elsewhere) breaks no page: it counts as nothing done.
    page.evaluate(f"localStorage.setItem('{STORAGE_KEY}', '{{kapot')")
    learner.visit(lesson.url)
    expect(page.get_by_role("switch", name="Gedaan")).not_to_be_checked()
    learner.visit("leren/voortgang/")
    expect(page.locator("[data-kb-melding]")).to_contain_text("niet kan lezen")

    assert learner.script_errors == []
    assert foreign_requests(learner.requested, site_url) == [], "de leeromgeving vraagt iets op bij een andere website"
    learner.context.close()


def test_without_javascript_the_questions_and_answers_are_readable(chromium: Any, site_url: str) -> None:
    """The questions are there, the answers sit in a closed 'Bekijk de antwoorden', and no switch or bar pretends to work."""
    lesson = next(iter(site_index().lessons.values()))
    context = chromium.new_context(viewport=VIEWPORTS["mobiel"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{lesson.url}")
    for question in lesson.quiz:
        expect(page.locator("legend", has_text=question.question)).to_be_visible()
    answers = page.locator("details.kb-antwoorden")
    expect(answers).not_to_have_attribute("open", re.compile(".*"))
    expect(page.get_by_text(lesson.quiz[0].answers[0].explanation)).to_be_hidden()
    answers.locator("summary").click()
    expect(page.get_by_text(lesson.quiz[0].answers[0].explanation)).to_be_visible()
    expect(page.get_by_role("button", name="Controleer")).to_have_count(0)
    expect(page.get_by_role("switch")).to_have_count(0)
    screenshot(page, "leren-zonder-javascript-les")
    context.close()


def test_a_route_is_found_by_the_header_search_as_a_route(chromium: Any, site_url: str) -> None:
    route = next(iter(site_index().routes.values()))
    page = chromium.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(site_url)
    search_from_header(page, route.title)
    found = page.locator(f'#kb-search-results a[href$="/{route.url}"]')
    expect(found).to_have_count(1)
    expect(found.locator(".kb-search__badge")).to_have_text("Leerroute")
    page.get_by_role("button", name="Leerroutes", exact=True).click()
    page.wait_for_function("[...document.querySelectorAll('.kb-search__badge')].every(b => b.textContent === 'Leerroute')")
    expect(found).to_have_count(1)
    page.close()


def test_a_browser_that_keeps_nothing_still_shows_every_page(chromium: Any, site_url: str) -> None:
    """Storage blocked (as when a browser blocks all site data): a switch goes back and says why, and Je voortgang says why nothing is kept.

    Material's own inline helper (`__md_get`) throws in such a browser before our scripts run; ours must carry on regardless,
    which the switch and the message show: both need voortgang.js to have run to its end.
    """
    lesson = next(iter(site_index().lessons.values()))
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('geblokkeerd', 'SecurityError'); }});")
    page = context.new_page()
    page.goto(f"{site_url}{lesson.url}")
    switch = page.get_by_role("switch", name="Gedaan")
    switch.click()
    expect(switch).not_to_be_checked()
    expect(page.locator("#kb-gedaan-melding")).to_contain_text("Je browser stond niet toe dat deze site iets bewaart.")
    page.goto(f"{site_url}leren/voortgang/")
    expect(page.locator("[data-kb-melding]")).to_contain_text("Je browser staat niet toe")
    expect(page.get_by_role("button", name="Voortgang wissen")).to_be_visible()
    context.close()


# Storage that reads but no longer writes, as when it is full; `window.full = false` makes it write again.
FULL_STORAGE = """
window.full = true;
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (window.full) throw new DOMException('vol', 'QuotaExceededError');
  return setItem.call(this, key, value);
};
"""


def test_a_switch_the_browser_does_not_keep_goes_back_and_says_so(chromium: Any, site_url: str) -> None:
    """Storage full: the switch returns to where it was and says why; a switch that was kept never flips back."""
    route = next(route for route in site_index().routes.values() if len(route.steps) >= 2)
    learner = Learner(chromium, site_url, "mobiel")
    page = learner.page
    page.add_init_script(FULL_STORAGE)
    learner.visit(route.url)
    first, second = page.get_by_role("switch", name="Stap 1 gedaan"), page.get_by_role("switch", name="Stap 2 gedaan")
    page.evaluate("window.full = false")
    first.check()
    page.evaluate("window.full = true")
    second.click()
    expect(second).not_to_be_checked()
    expect(page.locator(f"#{second.get_attribute('id')}-melding")).to_contain_text("Dit is niet bewaard. Je browser stond niet toe")
    first.click()  # switching it off is not kept either
    expect(first).to_be_checked()
    expect(learner.bar("kb-voortgang-route")).to_have_text(f"1 van {len(route.steps)} stappen gedaan")
    page.reload()
    expect(first).to_be_checked()
    expect(second).not_to_be_checked()
    learner.visit("leren/voortgang/")
    expect(page.locator("[data-kb-melding]")).to_contain_text("Je browser staat niet toe dat deze site iets bewaart.")
    assert learner.script_errors == []
    learner.context.close()


def stored(page: Any) -> Any:
    return page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")


def store(page: Any, value: Any) -> str:
    text = json.dumps(value)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, text])
    return text


def test_stored_progress_with_an_item_of_an_unknown_kind_keeps_everything(chromium: Any, site_url: str) -> None:
    """An item this version does not know (from a newer site, say) neither wipes the rest nor gets lost when a switch saves."""
    index = site_index()
    _, lesson, other = route_with_two_lessons(index)
    learner = Learner(chromium, site_url, "mobiel")
    page = learner.page
    learner.visit(lesson.url)
    store(page, {"soort": "kennisbank-voortgang", "versie": 1, "gedaan": [f"les:{lesson.key}", "oefening:x"]})
    learner.visit(other.url)
    page.get_by_role("switch", name="Gedaan").check()
    assert json.loads(stored(page))["gedaan"] == sorted([f"les:{lesson.key}", f"les:{other.key}"]) + ["oefening:x"]
    learner.visit(lesson.url)
    expect(page.get_by_role("switch", name="Gedaan")).to_be_checked()
    assert learner.script_errors == []
    learner.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_progress_this_version_cannot_read_is_never_overwritten(chromium: Any, site_url: str, viewport: str, tmp_path: Path) -> None:
    """A newer version's progress: the switch puts itself back and says why beside itself; Je voortgang saves it as it is,
    and replaces it with a file only when the reader confirms."""
    index = site_index()
    _, lesson, other = route_with_two_lessons(index)
    learner = Learner(chromium, site_url, viewport)
    page = learner.page
    learner.visit(lesson.url)
    newer = store(page, {"soort": "kennisbank-voortgang", "versie": 2, "gedaan": [f"les:{other.key}"]})
    page.reload()
    switch = page.get_by_role("switch", name="Gedaan")
    switch.click()
    expect(switch).not_to_be_checked()
    message = page.locator("#kb-gedaan-melding")
    expect(message).to_have_attribute("role", "status")
    expect(message).to_contain_text("Dit is niet bewaard.")
    expect(message.get_by_role("link", name="Je voortgang")).to_have_attribute("href", re.compile(r"voortgang/$"))
    assert stored(page) == newer
    learner.photo("les-voortgang-onleesbaar")

    learner.visit("leren/voortgang/")
    expect(page.locator("[data-kb-melding]")).to_contain_text("Hij blijft bewaard zoals hij is")
    with page.expect_download() as download:
        page.get_by_role("button", name="Voortgang opslaan als bestand").click()
    kept = tmp_path / "onleesbaar.json"
    download.value.save_as(kept)
    assert kept.read_text(encoding="utf-8") == newer  # saved as it was, to keep
    expect(page.locator('[data-kb-melding-bij="opslaan"]')).to_contain_text("zo raak je hem niet kwijt")
    good = write(tmp_path / "goed.json", json.dumps({"soort": "kennisbank-voortgang", "versie": 1, "gedaan": [f"les:{lesson.key}"]}))
    page.get_by_label("Kies het bestand").set_input_files(good)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Voortgang terugzetten").click()
    expect(page.locator('[data-kb-melding-bij="terugzetten"]')).to_have_text("Er is niets veranderd.")
    assert stored(page) == newer
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Voortgang terugzetten").click()
    expect(page.locator('[data-kb-melding-bij="terugzetten"]')).to_contain_text("Je hebt nu 1 onderdeel gedaan.")
    expect(page.locator("[data-kb-melding]")).to_be_empty()  # the notice about the unreadable progress no longer holds
    assert json.loads(stored(page))["gedaan"] == [f"les:{lesson.key}"]
    assert learner.script_errors == []
    learner.context.close()


def test_a_restored_file_counts_only_what_is_on_the_site(chromium: Any, site_url: str, tmp_path: Path) -> None:
    lesson = next(iter(site_index().lessons.values()))
    learner = Learner(chromium, site_url, "mobiel")
    page = learner.page
    learner.visit("leren/voortgang/")
    items = [f"les:{lesson.key}", "les:bestaat-niet/nergens", "oefening:x"]
    restored = write(tmp_path / "v.json", json.dumps({"soort": "kennisbank-voortgang", "versie": 1, "gedaan": items}))
    page.get_by_label("Kies het bestand").set_input_files(restored)
    page.get_by_role("button", name="Voortgang terugzetten").click()
    expect(page.locator('[data-kb-melding-bij="terugzetten"]')).to_have_text(
        "Je voortgang is teruggezet. Er kwam 1 onderdeel bij. Je hebt nu 1 onderdeel gedaan. "
        "2 onderdelen uit het bestand staan niet op deze site. Die tellen niet mee."
    )
    assert sorted(json.loads(stored(page))["gedaan"]) == sorted(items)  # kept all the same, for a site that knows them
    learner.context.close()


@pytest.mark.parametrize("other", ["oefening:les/2.1", "video:Intro", 42])
def test_every_file_the_site_saves_it_can_restore(chromium: Any, site_url: str, tmp_path: Path, other: Any) -> None:
    """Stored progress with an item this version cannot use: saved to a file, wiped and restored, all of it comes back."""
    lesson = site_index().lessons["van-waarden-naar-structuur/waarden-herkennen"]
    learner = Learner(chromium, site_url, "mobiel")
    page = learner.page
    learner.visit("leren/voortgang/")
    items = [f"les:{lesson.key}", other]
    store(page, {"soort": "kennisbank-voortgang", "versie": 1, "gedaan": items})
    page.reload()
    expect(page.locator("[data-kb-melding]")).to_be_empty()
    with page.expect_download() as download:
        page.get_by_role("button", name="Voortgang opslaan als bestand").click()
    saved = tmp_path / "v.json"
    download.value.save_as(saved)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Voortgang wissen").click()
    page.get_by_label("Kies het bestand").set_input_files(saved)
    page.get_by_role("button", name="Voortgang terugzetten").click()
    expect(page.locator('[data-kb-melding-bij="terugzetten"]')).to_contain_text("Je voortgang is teruggezet. Er kwam 1 onderdeel bij.")
    expect(page.locator("#kb-bestand-fout")).to_be_hidden()
    assert json.loads(stored(page))["gedaan"] == items
    assert learner.script_errors == []
    learner.context.close()


def test_a_message_asked_for_twice_in_a_row_shows_once(chromium: Any, site_url: str) -> None:
    """A double click or a double Space fills a live region once, so a screen reader hears it once."""
    lesson = site_index().lessons["van-waarden-naar-structuur/waarden-herkennen"]
    learner = Learner(chromium, site_url, "mobiel")
    page = learner.page
    page.clock.install()
    learner.visit(lesson.url)
    store(page, {"soort": "kennisbank-voortgang", "versie": 2, "gedaan": []})
    page.reload()
    page.get_by_role("switch", name="Gedaan").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    fieldset = page.locator('fieldset[data-kb-vraag="1"]')
    fieldset.get_by_label(lesson.quiz[0].answers[0].text, exact=True).check()
    fieldset.get_by_role("button", name="Controleer").dblclick()
    page.clock.run_for(1000)
    expect(page.locator("#kb-gedaan-melding p")).to_have_count(1)
    expect(fieldset.locator("[data-kb-uitkomst] strong")).to_have_count(1)
    learner.visit("leren/voortgang/")
    page.get_by_role("button", name="Voortgang opslaan als bestand").dblclick()
    page.clock.run_for(1000)
    expect(page.locator('[data-kb-melding-bij="opslaan"] p')).to_have_count(1)
    assert learner.script_errors == []
    learner.context.close()


def test_messages_follow_what_another_tab_does(chromium: Any, site_url: str) -> None:
    """Another tab stores unreadable progress, then wipes it: Je voortgang's notice comes and goes, and so does a switch's message."""
    lesson = site_index().lessons["van-waarden-naar-structuur/waarden-herkennen"]
    learner = Learner(chromium, site_url, "mobiel")
    overview, other = learner.page, learner.context.new_page()
    learner.visit("leren/voortgang/")
    other.goto(f"{site_url}{lesson.url}")
    notice = overview.locator("[data-kb-melding]")
    expect(notice).to_be_empty()
    store(other, {"soort": "kennisbank-voortgang", "versie": 2, "gedaan": []})
    expect(notice).to_contain_text("niet kan lezen")
    other.reload()
    other.get_by_role("switch", name="Gedaan").click()
    message = other.locator("#kb-gedaan-melding")
    expect(message).to_contain_text("Dit is niet bewaard.")
    overview.once("dialog", lambda dialog: dialog.accept())
    overview.get_by_role("button", name="Voortgang wissen").click()
    expect(message).to_be_empty()
    store(other, {"soort": "kennisbank-voortgang", "versie": 2, "gedaan": []})
    expect(notice).to_contain_text("niet kan lezen")
    other.evaluate(f"localStorage.removeItem('{STORAGE_KEY}')")
    expect(notice).to_be_empty()
    assert learner.script_errors == []
    learner.context.close()


def test_each_action_on_je_voortgang_clears_the_others_messages(chromium: Any, site_url: str, tmp_path: Path) -> None:
    """'Teruggezet' does not stay above 'gewist', nor 'gewist' above 'opgeslagen'."""
    lesson = site_index().lessons["van-waarden-naar-structuur/waarden-herkennen"]
    learner = Learner(chromium, site_url, "mobiel")
    page = learner.page
    learner.visit("leren/voortgang/")
    restored, wiped, saved = (page.locator(f'[data-kb-melding-bij="{action}"]') for action in ("terugzetten", "wissen", "opslaan"))
    good = write(tmp_path / "goed.json", json.dumps({"soort": "kennisbank-voortgang", "versie": 1, "gedaan": [f"les:{lesson.key}"]}))
    page.get_by_label("Kies het bestand").set_input_files(good)
    page.get_by_role("button", name="Voortgang terugzetten").click()
    expect(restored).to_contain_text("Je voortgang is teruggezet.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Voortgang wissen").click()
    expect(wiped).to_have_text("Je voortgang in deze browser is gewist.")
    expect(restored).to_be_empty()
    page.get_by_role("button", name="Voortgang terugzetten").click()  # no file chosen: the field says so
    expect(page.locator("#kb-bestand-fout")).to_contain_text("Kies eerst een bestand.")
    expect(wiped).to_be_empty()
    with page.expect_download():
        page.get_by_role("button", name="Voortgang opslaan als bestand").click()
    expect(saved).to_contain_text("Je voortgang is opgeslagen als bestand")
    expect(page.locator("#kb-bestand-fout")).to_be_hidden()
    assert learner.script_errors == []
    learner.context.close()


def test_all_questions_right_that_cannot_be_kept_is_said_and_sent_again(chromium: Any, site_url: str) -> None:
    """Unreadable progress stored: 'all right' is not kept and the lesson says so; once it can be kept, it is."""
    lesson = site_index().lessons["van-waarden-naar-structuur/waarden-herkennen"]
    learner = Learner(chromium, site_url, "mobiel")
    page = learner.page
    learner.visit(lesson.url)
    store(page, {"soort": "kennisbank-voortgang", "versie": 2, "gedaan": []})
    page.reload()
    answer_everything(learner, lesson, kept=False)
    expect(page.locator("#kb-gedaan-melding")).to_contain_text("Dat je alle vragen goed hebt beantwoord, is niet bewaard. In deze browser staat al voortgang")
    page.evaluate(f"localStorage.removeItem('{STORAGE_KEY}')")
    page.locator('fieldset[data-kb-vraag="1"]').get_by_role("button", name="Controleer").click()
    expect(page.get_by_text("Je hebt alle vragen van Check jezelf goed beantwoord.")).to_be_visible()
    assert json.loads(stored(page))["allesGoed"] == [f"les:{lesson.key}"]
    assert learner.script_errors == []
    learner.context.close()


def test_the_saved_file_carries_the_readers_own_date(chromium: Any, site_url: str, tmp_path: Path) -> None:
    """Half past midnight in Amsterdam is still the day before in UTC: the file is named after the reader's day."""
    context = chromium.new_context(timezone_id="Europe/Amsterdam", accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time("2025-03-12T23:30:00Z")
    page.goto(f"{site_url}leren/voortgang/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Voortgang opslaan als bestand").click()
    assert download.value.suggested_filename == "kennisbank-voortgang-2025-03-13.json"
    saved = tmp_path / "v.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["opgeslagen"] == "2025-03-13"
    context.close()


def test_check_jezelf_says_how_many_right_answers_are_missing_in_plain_sentences(chromium: Any, site_url: str) -> None:
    """Three right answers and one ticked: 'nog 2'; two ticked: 'nog 1'; each chosen answer and its explanation read as sentences."""
    lesson = site_index().lessons["van-waarden-naar-structuur/waarden-herkennen"]
    question = lesson.quiz[1]
    right = [answer for answer in question.answers if answer.correct]
    assert len(right) == 3
    page = chromium.new_page(viewport=VIEWPORTS["mobiel"])
    page.goto(f"{site_url}{lesson.url}")
    fieldset = page.locator('fieldset[data-kb-vraag="2"]')
    outcome = fieldset.locator("[data-kb-uitkomst]")
    fieldset.get_by_label(right[0].text, exact=True).check()
    fieldset.get_by_role("button", name="Controleer").click()
    expect(outcome).to_contain_text("Bijna goed.")
    expect(outcome).to_contain_text("Je mist nog 2 juiste antwoorden.")
    expect(outcome).to_have_class(re.compile(r"\bkb-toets__uitkomst--bijna\b"))  # its own look, not the red one of a wrong answer
    assert outcome.evaluate("region => getComputedStyle(region).borderLeftColor") != "rgb(179, 38, 30)"
    fieldset.get_by_label(right[1].text, exact=True).check()
    fieldset.get_by_role("button", name="Controleer").click()
    expect(outcome).to_contain_text("Je mist nog 1 juist antwoord.")
    paragraphs = [" ".join(text.split()) for text in outcome.locator("p").all_inner_texts()]
    assert paragraphs[1:3] == [f"{right[0].text} {right[0].explanation}", f"{right[1].text} {right[1].explanation}"]
    assert not re.search(r"[.!?]:", outcome.inner_text())
    page.close()


def test_without_javascript_no_text_speaks_of_what_is_not_there(chromium: Any, site_url: str) -> None:
    """No 'Controleer' in the lesson's help, and a sentence under 'Opslaan, terugzetten of wissen' instead of nothing."""
    lesson = next(iter(site_index().lessons.values()))
    for javascript in (False, True):
        context = chromium.new_context(viewport=VIEWPORTS["mobiel"], java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{site_url}{lesson.url}")
        intro = page.locator("h2#check-jezelf + p")
        expect(intro).to_contain_text("Bekijk de antwoorden")
        button_help = intro.get_by_text("Met de knop Controleer")
        if javascript:
            expect(button_help).to_be_visible()
        else:
            expect(button_help).to_be_hidden()
            assert "Controleer" not in intro.inner_text()
        page.goto(f"{site_url}leren/voortgang/")
        note = page.get_by_text("Opslaan, terugzetten en wissen kan alleen als JavaScript aan staat.")
        expect(page.get_by_role("heading", name="Opslaan, terugzetten of wissen")).to_be_visible()
        if javascript:
            expect(note).to_be_hidden()
            expect(page.get_by_role("button", name="Voortgang wissen")).to_be_visible()
        else:
            expect(note).to_be_visible()
        context.close()
