"""The facilitator's kit in a real browser: the folded worked answer, the run sheet's start time (docs/assets/draaiboek.js) and its print."""

from __future__ import annotations

import io
from typing import Any

import pytest
from kennisbank.run_sheet import clock, run_sheet
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.site_pages import AXE_JS, VIEWPORTS, require_tool, screenshot, site_index
from tests.test_accessibility import blocking_violations, describe

pytestmark = pytest.mark.browser

MODULE = "cooperatie2daagse"


def answered_lesson() -> Any:
    return next(lesson for lesson in site_index().lessons.values() if any(exercise.worked_answer for exercise in lesson.exercises))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_worked_answer_stays_folded_until_asked_for(chromium: Any, site_url: str, viewport: str) -> None:
    lesson = answered_lesson()
    exercise = next(exercise for exercise in lesson.exercises if exercise.worked_answer)
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{site_url}{lesson.url}", wait_until="networkidle")
    answer = page.locator("details.uitwerking").first
    assert answer.get_attribute("open") is None
    words = exercise.worked_answer.split(".")[0]
    assert not page.get_by_text(words, exact=False).first.is_visible()
    assert page.get_by_text(exercise.hint or "", exact=False).first.is_visible()  # the hint shows
    summary = answer.locator("summary")
    assert summary.inner_text().strip().startswith("Bekijk een uitwerking")
    # Several folds on a page: each names its exercise for a screen reader, the screen shows the short text.
    expect(summary).to_have_accessible_name(f"Bekijk een uitwerking bij {exercise.title}")
    hidden = summary.locator(".kb-onzichtbaar").bounding_box()
    assert hidden is not None and hidden["width"] <= 1
    summary.focus()
    page.keyboard.press("Enter")  # a keyboard opens it as a click does
    page.get_by_text(words, exact=False).first.wait_for(state="visible")
    assert answer.get_attribute("open") is not None
    screenshot(page, f"uitwerking-open-{viewport}", full_page=False)
    context.close()


def times(page: Any, meeting: int) -> list[str]:
    return [" ".join(cell.split()) for cell in page.locator(".kb-draaiboek__bijeenkomst").nth(meeting).locator("tbody th").all_inner_texts()]


# The time cells whose text runs past their right edge, into the next column.
OVERFLOWING = """() => [...document.querySelectorAll('.kb-draaiboek__tijd')].filter(cell => {
  const text = document.createRange();
  text.selectNodeContents(cell);
  return text.getBoundingClientRect().right > cell.getBoundingClientRect().right + 0.5;
}).map(cell => cell.innerText)"""


def test_without_javascript_the_default_start_time_shows(chromium: Any, site_url: str) -> None:
    index = site_index()
    module = index.modules[MODULE]
    sheet = run_sheet(module, index.lessons_of(module))
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{module.url}")
    for number, meeting in enumerate(sheet.meetings):
        assert times(page, number) == [f"{clock(block.start)}–{clock(block.end)}" for block in meeting.blocks]
    assert not page.locator(".kb-draaiboek__begin").first.is_visible()  # a field that does nothing is not shown
    assert not page.get_by_role("button", name="Draaiboek afdrukken").is_visible()
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_facilitator_sets_the_start_time_and_the_times_follow(chromium: Any, site_url: str, viewport: str) -> None:
    index = site_index()
    module = index.modules[MODULE]
    sheet = run_sheet(module, index.lessons_of(module))
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}{module.url}", wait_until="networkidle")
    field = page.get_by_label("Begintijd van bijeenkomst 2")
    assert field.input_value() == clock(sheet.meetings[1].start)
    field.fill("10:00")
    shift = 10 * 60 - sheet.meetings[1].start
    meeting = sheet.meetings[1]
    assert times(page, 1) == [f"{clock(block.start + shift)}–{clock(block.end + shift)}" for block in meeting.blocks]
    assert times(page, 0) == [f"{clock(block.start)}–{clock(block.end)}" for block in sheet.meetings[0].blocks]  # other meetings keep theirs
    status = page.locator(".kb-draaiboek__bijeenkomst").nth(1).get_by_role("status")
    assert status.inner_text() == f"Nieuwe tijden: {clock(meeting.start + shift)}–{clock(meeting.end + shift)}."
    assert f"({clock(meeting.start + shift)}–{clock(meeting.end + shift)})" in page.locator("caption").nth(1).inner_text()
    field.focus()
    page.keyboard.press("Backspace")  # the minutes gone, the hours left: a half-typed time keeps the last whole one
    assert field.input_value() == "" and field.evaluate("field => field.validity.badInput")
    assert times(page, 1)[0] == f"{clock(meeting.start + shift)}–{clock(meeting.blocks[0].end + shift)}"
    field.fill("")  # emptied: back to the default start, and the status says so
    assert times(page, 1) == [f"{clock(block.start)}–{clock(block.end)}" for block in meeting.blocks]
    assert status.inner_text() == f"Geen begintijd gekozen, dus weer de gewone tijden: {clock(meeting.start)}–{clock(meeting.end)}."
    page.locator("#draaiboek").scroll_into_view_if_needed()
    screenshot(page, f"draaiboek-{viewport}", full_page=False)
    field.fill("10:00")
    field.focus()
    for _ in range(4):  # Backspace on each part of the time, as a keyboard user empties it
        page.keyboard.press("Backspace")
        if not field.evaluate("field => field.validity.badInput"):
            break
        page.keyboard.press("Tab")
    assert field.input_value() == "" and field.evaluate("field => document.activeElement === field")
    assert times(page, 1) == [f"{clock(block.start)}–{clock(block.end)}" for block in meeting.blocks]
    assert status.inner_text() == f"Geen begintijd gekozen, dus weer de gewone tijden: {clock(meeting.start)}–{clock(meeting.end)}."
    assert errors == []
    context.close()


def test_a_meeting_past_midnight_says_so_in_every_time_after_it(chromium: Any, site_url: str) -> None:
    """23:30 is more often a slip for 13:30 than a night meeting: the times that end the next day say 'volgende dag'."""
    index = site_index()
    module = index.modules[MODULE]
    meeting = run_sheet(module, index.lessons_of(module)).meetings[0]
    page = chromium.new_page(viewport=VIEWPORTS["mobiel"])
    page.goto(f"{site_url}{module.url}", wait_until="networkidle")
    page.get_by_label("Begintijd van bijeenkomst 1").fill("23:30")
    shift = 23 * 60 + 30 - meeting.start
    expected = []
    for block in meeting.blocks:
        start, end = block.start + shift, block.end + shift
        expected.append(f"{clock(start)}–{clock(end)}" + (" (volgende dag)" if end > 24 * 60 else ""))
    assert times(page, 0) == expected and expected[-1].endswith("(volgende dag)")
    last = clock(meeting.end + shift)
    status = page.locator(".kb-draaiboek__bijeenkomst").first.get_by_role("status")
    assert status.inner_text() == f"Nieuwe tijden: 23:30–{last} (volgende dag). De bijeenkomst loopt door tot na middernacht."
    assert f"(23:30–{last} (volgende dag))" in page.locator("caption").first.inner_text()
    page.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_time_past_midnight_stays_in_its_column(chromium: Any, site_url: str, viewport: str) -> None:
    """'23:50–00:20 (volgende dag)' fits the time column on screen and on paper."""
    page = chromium.new_page(viewport=VIEWPORTS[viewport])
    page.goto(f"{site_url}{site_index().modules[MODULE].url}", wait_until="networkidle")
    page.get_by_label("Begintijd van bijeenkomst 1").fill("23:50")
    assert "(volgende dag)" in times(page, 0)[-1]
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        page.locator("#draaiboek").scroll_into_view_if_needed()
        screenshot(page, f"draaiboek-middernacht-{viewport}-{media}", full_page=False)
        assert page.evaluate(OVERFLOWING) == [], media
    page.close()


def test_the_run_sheet_prints_on_one_page(chromium: Any, site_url: str) -> None:
    """'Draaiboek afdrukken' prints the page title and the run sheet only; every module's fits one A4."""
    index = site_index()
    context = chromium.new_context()
    page = context.new_page()
    for module in index.modules.values():
        page.goto(f"{site_url}leren/{module.slug}/begeleider/", wait_until="networkidle")
        page.evaluate("window.print = () => {}")  # the dialog itself cannot be driven; what it prints can
        page.get_by_role("button", name="Draaiboek afdrukken").click()
        printed = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        text = printed.pages[0].extract_text()
        assert len(printed.pages) == 1, module.slug
        sheet = run_sheet(module, index.lessons_of(module))
        assert f"{clock(sheet.meetings[-1].blocks[-1].start)}–{clock(sheet.meetings[-1].end)}" in text
        assert "Wat neem je mee?" not in text and "Begintijd" not in text
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert not page.evaluate("document.documentElement.classList.contains('kb-draaiboek-afdrukken')")
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_opened_worked_answer_and_the_run_sheet_controls_meet_wcag_21_aa(chromium: Any, site_url: str, viewport: str) -> None:
    require_tool(AXE_JS)
    axe = AXE_JS.read_text(encoding="utf-8")
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{site_url}{answered_lesson().url}", wait_until="networkidle")
    page.locator("details.uitwerking summary").first.click()
    violations = blocking_violations(page, axe, f"les-uitwerking-{viewport}")
    page.goto(f"{site_url}leren/{MODULE}/", wait_until="networkidle")
    page.get_by_label("Begintijd van bijeenkomst 1").fill("08:45")
    violations += blocking_violations(page, axe, f"module-draaiboek-{viewport}")
    context.close()
    assert violations == [], describe(violations)
