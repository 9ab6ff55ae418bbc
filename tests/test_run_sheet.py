"""The run sheet ('draaiboek'): times that add up with the lessons' durations, settings in the module's front matter, and a warning when they cannot add up."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from kennisbank import cli
from kennisbank.content.model import Module
from kennisbank.content.problems import ContentError
from kennisbank.index import Index, load_index
from kennisbank.pages.facilitator_page import facilitator_notes
from kennisbank.run_sheet import BREAK, LUNCH, RunSheet, clock, run_sheet

from tests.conftest import ROOT

MODULE = "docs/leren/value-cases-ontwikkelen/index.md"
LESSON = "docs/leren/value-cases-ontwikkelen/verdienmodel.md"


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def sheet_of(index: Index, module: Module) -> RunSheet:
    return run_sheet(module, index.lessons_of(module))


def test_times_add_up_with_the_lessons_durations(index: Index) -> None:
    for module in index.modules.values():
        sheet = sheet_of(index, module)
        assert [lesson for meeting in sheet.meetings for lesson in meeting.lessons] == index.lessons_of(module)
        for meeting in sheet.meetings:
            assert meeting.start == module.run_sheet.start
            for before, after in zip(meeting.blocks, meeting.blocks[1:], strict=False):
                assert before.end == after.start, (module.slug, after.title)  # no gaps, no overlaps
                assert not (before.is_break and after.is_break)
            assert not meeting.blocks[0].is_break and not meeting.blocks[-1].is_break
            work = sum(block.minutes for block in meeting.blocks if not block.is_break)
            breaks = sum(block.minutes for block in meeting.blocks if block.is_break)
            assert work == sum(lesson.minutes for lesson in meeting.lessons), (module.slug, meeting.number)
            assert meeting.end - meeting.start == work + breaks
            for lesson in meeting.lessons:
                blocks = [block for block in meeting.blocks if block.lesson == lesson.order]
                assert sum(block.minutes for block in blocks) == lesson.minutes, lesson.key
                timed = [exercise for exercise in lesson.exercises if exercise.minutes]
                assert [b.minutes for b in blocks if b.kind == "oefening"] == [exercise.minutes for exercise in timed], lesson.key


def test_breaks_come_where_a_facilitator_puts_them(index: Index) -> None:
    """The Coöperatie2daagse as its days were planned: 09:30 to 16:15, a break in the morning and the afternoon, lunch at 12:15."""
    for meeting in sheet_of(index, index.modules["cooperatie2daagse"]).meetings:
        breaks = [(block.kind, clock(block.start), clock(block.end)) for block in meeting.blocks if block.is_break]
        if len(meeting.lessons[0].exercises) < 5:  # the preparation and the meeting after: 90 minutes, no break
            assert breaks == [] and meeting.end - meeting.start == 90
            continue
        assert (clock(meeting.start), clock(meeting.end)) == ("09:30", "16:15")
        assert [kind for kind, _, _ in breaks] == [BREAK, LUNCH, BREAK]
        assert (LUNCH, "12:15", "13:00") in breaks
    evening = sheet_of(index, index.modules["value-cases-ontwikkelen"])
    assert all(clock(meeting.start) == "19:30" for meeting in evening.meetings)  # the default
    long_one = next(meeting for meeting in evening.meetings if meeting.lessons[0].minutes == 120)
    assert [block.kind for block in long_one.blocks].count(BREAK) == 1  # two hours get one break, an hour and a half none
    assert all(not block.is_break for meeting in evening.meetings if meeting is not long_one for block in meeting.blocks)


def test_meetings_can_hold_several_lessons(content_copy: Path) -> None:
    module_file = content_copy / MODULE
    text = module_file.read_text(encoding="utf-8").replace(
        "\n---\n",
        '\ndraaiboek:\n  starttijd: "13:30"\n  bijeenkomsten:\n    - [behoefte-en-belanghebbenden, waarde-en-voor-wie]\n'
        "    - [verdienmodel, resultaten-meten]\n  pauze_minuten: 20\n---\n",
        1,
    )
    module_file.write_text(text, encoding="utf-8")
    index = load_index(content_copy)
    sheet = sheet_of(index, index.modules["value-cases-ontwikkelen"])
    assert [[lesson.slug for lesson in meeting.lessons] for meeting in sheet.meetings] == [
        ["behoefte-en-belanghebbenden", "waarde-en-voor-wie"],
        ["verdienmodel", "resultaten-meten"],
    ]
    first = sheet.meetings[0]
    assert clock(first.start) == "13:30"
    [pause] = [number for number, block in enumerate(first.blocks) if block.is_break]  # 90 minutes of work, then a break between the lessons
    assert first.blocks[pause].minutes == 20 and first.blocks[pause - 1].lesson == 1 and first.blocks[pause + 1].lesson == 2
    assert any(block.title == "Les 2: uitleg" for block in first.blocks)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("  bijeenkomsten:\n    - [behoefte-en-belanghebbenden]\n", "staat in geen enkele bijeenkomst"),
        ("  bijeenkomsten:\n    - [verdienmodel, behoefte-en-belanghebbenden, waarde-en-voor-wie, resultaten-meten]\n", "andere volgorde"),
        ("  bijeenkomsten:\n    - [behoefte-en-belanghebbenden, verdienmodl]\n", "bedoel je 'verdienmodel'"),
        ('  starttijd: "9.30"\n', "UU:MM"),
        ("  pauze_minuten: 90\n", "te groot"),
    ],
)
def test_wrong_run_sheet_settings_are_named_in_dutch(content_copy: Path, setting: str, message: str) -> None:
    module_file = content_copy / MODULE
    module_file.write_text(module_file.read_text(encoding="utf-8").replace("\n---\n", f"\ndraaiboek:\n{setting}---\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_index(content_copy)
    [problem] = [problem for problem in caught.value.problems if problem.path == MODULE]  # cases that refer to its lessons are named too
    assert problem.path == MODULE and message in problem.message and (problem.field or "").startswith("draaiboek."), str(problem)
    assert problem.line is not None and problem.line > 10


def test_exercises_longer_than_their_lesson_are_a_warning_not_an_error(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lesson = content_copy / LESSON
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("duur_minuten: 45\n", "duur_minuten: 75\n", 1), encoding="utf-8")
    assert cli.main(["--root", str(content_copy), "validate"]) == 0
    out = capsys.readouterr().out
    line = next(number for number, row in enumerate(text.splitlines(), start=1) if row.startswith("duur_minuten:"))
    assert f"{LESSON}:{line}: veld 'duur_minuten': de oefeningen duren samen 120 minuten" not in out  # 75 + 45 = 120 fits a 120-minute lesson
    lesson.write_text(text.replace("duur_minuten: 45\n", "duur_minuten: 80\n", 1), encoding="utf-8")
    assert cli.main(["--root", str(content_copy), "validate"]) == 0
    out = capsys.readouterr().out
    assert f"{LESSON}:{line}: veld 'duur_minuten': de oefeningen duren samen 125 minuten, langer dan de les (120 minuten)" in out
    assert "1 waarschuwing" in out


def test_the_real_content_gets_no_duration_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(ROOT), "validate"]) == 0
    assert "duur_minuten" not in capsys.readouterr().out


def test_the_module_page_shows_the_run_sheet_with_its_default_times(built_site: Path, index: Index) -> None:
    for module in index.modules.values():
        html = (built_site / module.url / "index.html").read_text(encoding="utf-8")
        section = html[html.index('id="draaiboek"') :]
        for meeting in sheet_of(index, module).meetings:
            for block in meeting.blocks:
                start, end = block.start - meeting.start, block.end - meeting.start
                cell = f'data-van="{start}" data-tot="{end}">{clock(block.start)}–{clock(block.end)}</th>'
                assert cell in section, (module.slug, block.title)
        assert re.search(r'<p class="kb-draaiboek__begin" hidden>', section)  # the controls wait for the script
        assert 'src="../../assets/draaiboek.js"' in section


def test_the_facilitator_page_gathers_notes_materials_and_answers(built_site: Path, index: Index) -> None:
    for module in index.modules.values():
        html = (built_site / "leren" / module.slug / "begeleider" / "index.html").read_text(encoding="utf-8")
        body = html[html.index("<article") :]
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split())  # as read: glossary terms are marked up inside the text
        lessons = index.lessons_of(module)
        positions = [text.index(f"Les {lesson.order}: {lesson.title}") for lesson in lessons]
        assert positions == sorted(positions)
        assert body.count('class="admonition begeleider"') == sum(len(facilitator_notes(lesson)) for lesson in lessons) >= len(lessons)
        for lesson in lessons:
            for item in lesson.materials:
                assert item in text, (lesson.key, item)
            for exercise in lesson.exercises:
                if exercise.worked_answer:
                    assert exercise.worked_answer in text, (lesson.key, exercise.title)
        assert "kb-draaiboek__tabel" in body
        assert 'href="../"' in body  # back to the module


def test_the_facilitator_page_is_no_step_in_a_participants_way(built_site: Path, index: Index) -> None:
    """Not in the menu, and so not in Material's previous and next links; the module page links to it."""
    for module in index.modules.values():
        page = (built_site / "leren" / module.slug / "begeleider" / "index.html").read_text(encoding="utf-8")
        assert "md-footer__link" not in page  # no previous or next page
        module_page = (built_site / module.url / "index.html").read_text(encoding="utf-8")
        assert 'href="begeleider/"' in module_page.split("<article", 1)[1]
        for lesson in index.lessons_of(module):
            lesson_page = (built_site / lesson.url / "index.html").read_text(encoding="utf-8")
            nav, _, content = lesson_page.partition("<article")
            assert "begeleider/" not in nav and "begeleider/" not in lesson_page.split('class="md-footer')[-1], lesson.key
