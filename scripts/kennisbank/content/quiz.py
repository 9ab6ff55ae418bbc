"""The checks on a lesson's 'Check jezelf' questions that JSON Schema cannot word well.

The schema counts questions (2 to 5) and answers (2 to 6) and wants every
answer to say why it is right or wrong. Here: every question has at least
one correct answer, and no question offers the same answer twice, nor does a
lesson ask the same question twice, compared as readers see them (see
`as_read`). Each problem names the file, the line and the field.
"""

from __future__ import annotations

from .problems import Problem, field_name
from .source import SourceFile, same_title

QUIZ_KEY = "toetsvragen"


def as_read(text: str) -> str:
    """An answer or question as a reader tells it apart: case, spaces, compatibility forms and closing punctuation do not count."""
    return same_title(text).rstrip(" .!?…;:")


def quiz_problems(source: SourceFile) -> list[Problem]:
    """What is wrong with the questions of a lesson whose front matter passed its schema."""
    problems: list[Problem] = []
    questions = source.meta.get(QUIZ_KEY) or []
    asked: dict[str, int] = {}
    for number, question in enumerate(questions):
        where: tuple[str | int, ...] = (QUIZ_KEY, number)
        earlier = asked.setdefault(as_read(question["vraag"]), number)
        if earlier != number:
            message = f"dezelfde vraag staat er al als vraag {earlier + 1}; stel elke vraag één keer"
            problems.append(Problem(source.path, source.line_of((*where, "vraag")), field_name((*where, "vraag")), message))
        answers = question["antwoorden"]
        if not any(answer["juist"] for answer in answers):
            message = "geen enkel antwoord is juist; zet bij minstens één antwoord 'juist: true'"
            problems.append(Problem(source.path, source.line_of((*where, "antwoorden")), field_name((*where, "antwoorden")), message))
        offered: dict[str, int] = {}
        for position, answer in enumerate(answers):
            first = offered.setdefault(as_read(answer["tekst"]), position)
            if first != position:
                text = (*where, "antwoorden", position, "tekst")
                message = f"'{answer['tekst']}' staat er al als antwoord {first + 1}; elk antwoord moet anders zijn"
                problems.append(Problem(source.path, source.line_of(text), field_name(text), message))
    return problems
