"""The content model of Check jezelf and learning routes: what it accepts, what it refuses, and how it says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kennisbank.content.loader import load_content
from kennisbank.content.problems import ContentError, Problem
from kennisbank.content.quiz import as_read
from kennisbank.content.routes import ROUTES_FOLDER

LESSON = "docs/leren/van-waarden-naar-structuur/waarden-herkennen.md"
ROUTE = f"{ROUTES_FOLDER}/met-de-buurt-een-cooperatie-oprichten.yml"


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return caught.value.problems


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_answers_are_compared_as_readers_see_them() -> None:
    assert as_read("Een doel is wat je wilt.") == as_read("een  doel is wat je wilt") == as_read("Een doel is wat je wilt!")
    assert as_read("Ｊa") == as_read("ja")  # a full-width letter reads the same
    assert as_read("Ja, want") != as_read("Nee, want")


def test_every_lesson_has_questions_and_every_question_a_correct_answer(content_copy: Path) -> None:
    content = load_content(content_copy)
    assert len(content.lessons) == 20
    for lesson in content.lessons:
        assert 2 <= len(lesson.quiz) <= 5, lesson.key
        for question in lesson.quiz:
            assert 2 <= len(question.answers) <= 6 and any(answer.correct for answer in question.answers), (lesson.key, question.question)
            assert all(answer.explanation for answer in question.answers)


def test_no_explanation_of_a_wrong_answer_opens_as_if_it_were_right(content_copy: Path) -> None:
    """Beside the label 'Niet juist', an explanation that opens with 'Juist', 'Klopt' or 'Dat is juist' confuses."""
    for lesson in load_content(content_copy).lessons:
        for question in lesson.quiz:
            for answer in question.answers:
                opening = answer.explanation.casefold()
                if not answer.correct:
                    assert not opening.startswith(("juist", "klopt", "dat is juist", "dat klopt")), (lesson.key, answer.text)


def test_the_same_question_twice_is_refused_with_its_line(content_copy: Path) -> None:
    second = "  - vraag: Waaraan merk je dat een waarde misschien niet echt gedeeld wordt?"
    edit(content_copy, LESSON, second, "  - vraag: wat is het verschil tussen een waarde en een doel")
    [problem] = problems_of(content_copy)
    assert (problem.path, problem.line, problem.field) == (LESSON, 28, "toetsvragen[2].vraag")
    assert "staat er al als vraag 1" in problem.message


def test_a_route_to_a_lesson_with_problems_of_its_own_is_not_a_second_error(content_copy: Path) -> None:
    """A broken lesson is reported once, on the lesson; the cases and routes that lead to it are fine."""
    edit(content_copy, LESSON, "        juist: true\n", "        juist: false\n")
    problems = problems_of(content_copy)
    assert {problem.path for problem in problems} == {LESSON}


def test_routes_are_read_in_their_order_with_their_steps(content_copy: Path) -> None:
    routes = load_content(content_copy).routes
    assert [route.order for route in routes] == sorted(route.order for route in routes)
    first = routes[0]
    assert first.slug == "met-de-buurt-een-cooperatie-oprichten" and first.url == "leren/leerroutes/met-de-buurt-een-cooperatie-oprichten/"
    assert {step.kind for route in routes for step in route.steps} == {"les", "casus", "begrip", "werkboek", "werkboek_begeleider"}


def test_a_site_without_routes_has_none(content_copy: Path) -> None:
    shutil.rmtree(content_copy / ROUTES_FOLDER)
    assert load_content(content_copy).routes == ()


def test_only_route_files_belong_in_the_routes_folder(content_copy: Path) -> None:
    shutil.copy2(content_copy / ROUTE, content_copy / ROUTES_FOLDER / "nog-een.yaml")
    [problem] = problems_of(content_copy)
    assert problem.path == f"{ROUTES_FOLDER}/nog-een.yaml" and ".yml" in problem.message


def test_a_route_file_named_index_would_hide_the_overview(content_copy: Path) -> None:
    edit(content_copy, ROUTE, "titel: Met de buurt", "titel: Nog een keer met de buurt")
    shutil.move(content_copy / ROUTE, content_copy / ROUTES_FOLDER / "index.yml")
    [problem] = problems_of(content_copy)
    assert problem.path == f"{ROUTES_FOLDER}/index.yml" and "gereserveerd" in problem.message


def test_a_module_folder_may_not_take_the_name_of_the_routes_or_the_progress_page(content_copy: Path) -> None:
    (content_copy / "docs/leren/leerroutes").mkdir()
    (content_copy / "docs/leren/leerroutes/index.md").write_text("---\ntitel: x\n---\n", encoding="utf-8")
    [problem] = problems_of(content_copy)
    assert problem.path == "docs/leren/leerroutes" and "gereserveerd" in problem.message


def test_a_broken_route_file_says_where_in_dutch(content_copy: Path) -> None:
    (content_copy / ROUTES_FOLDER / "kapot.yml").write_bytes(b"titel: [niet afgesloten\n")
    (content_copy / ROUTES_FOLDER / "binair.yml").write_bytes(b"titel: \xff\xfe\n")
    problems = {problem.path: problem for problem in problems_of(content_copy)}
    assert set(problems) == {f"{ROUTES_FOLDER}/kapot.yml", f"{ROUTES_FOLDER}/binair.yml"}
    assert problems[f"{ROUTES_FOLDER}/binair.yml"].line == 1 and "UTF-8" in problems[f"{ROUTES_FOLDER}/binair.yml"].message
    assert problems[f"{ROUTES_FOLDER}/kapot.yml"].line is not None
