"""The 'Check jezelf' section of a lesson page: its questions as fieldsets, and the answers with their explanations.

Without JavaScript the questions are readable and the answers sit in a
closed 'Bekijk de antwoorden'. `docs/assets/toets.js` adds the 'Controleer'
buttons and reads each chosen answer's explanation from that same list, so
the explanations are written once. The section is one raw HTML block in the
lesson's Markdown: every text is escaped, and no line is blank inside it.
"""

from __future__ import annotations

from html import escape

from ..content.model import Lesson, QuizQuestion
from .progress import lesson_key

QUIZ_TITLE = "Check jezelf"
ANSWERS_TITLE = "Bekijk de antwoorden"
# The sentence about the button shows only where toets.js added the buttons.
_INTRO = (
    "<p>Kies bij elke vraag wat volgens jou klopt. "
    "<span data-kb-controleer-uitleg hidden>Met de knop Controleer zie je meteen waarom een antwoord goed is of niet. </span>"
    f"Alle antwoorden met uitleg staan onder de vragen, bij {ANSWERS_TITLE}.</p>"
)


def _hint(question: QuizQuestion) -> str:
    return "Kies alle antwoorden die juist zijn." if question.several_correct else "Kies één antwoord."


def _question(number: int, total: int, question: QuizQuestion) -> str:
    ident = f"kb-vraag-{number}"
    kind = "checkbox" if question.several_correct else "radio"
    choices = "".join(
        f'<div class="kb-keuze"><input type="{kind}" name="{ident}" id="{ident}-{position}" value="{position}">'
        f'<label for="{ident}-{position}">{escape(answer.text)}</label></div>'
        for position, answer in enumerate(question.answers, start=1)
    )
    return (
        f'<fieldset class="kb-toetsvraag" data-kb-vraag="{number}" aria-describedby="{ident}-hint">'
        f'<legend class="kb-toetsvraag__vraag"><span class="kb-toetsvraag__nummer">Vraag {number} van {total}.</span> {escape(question.question)}</legend>'
        f'<p class="kb-hint" id="{ident}-hint">{_hint(question)}</p>{choices}'
        '<button type="button" class="md-button kb-toets__controleer" data-kb-controleer hidden>Controleer</button>'
        '<div class="kb-toets__uitkomst" role="status" data-kb-uitkomst></div>'
        "</fieldset>"
    )


def _answers(lesson: Lesson) -> str:
    """The answer key: per question every answer, whether it is right, and why."""
    items = []
    for number, question in enumerate(lesson.quiz, start=1):
        answers = "".join(
            f'<li data-kb-antwoord="{number}-{position}" data-kb-juist="{"ja" if answer.correct else "nee"}">'
            f'<strong>{"Juist" if answer.correct else "Niet juist"}:</strong> <span class="kb-antwoord__tekst">{escape(answer.text)}</span> '
            f'<span class="kb-antwoord__uitleg">{escape(answer.explanation)}</span></li>'
            for position, answer in enumerate(question.answers, start=1)
        )
        items.append(f'<li><p class="kb-antwoorden__vraag">{escape(question.question)}</p><ul>{answers}</ul></li>')
    return (
        f'<details class="kb-antwoorden" data-pagefind-ignore><summary>{ANSWERS_TITLE}</summary>'
        f'<ol class="kb-antwoorden__lijst">{"".join(items)}</ol></details>'
    )


def quiz_markdown(lesson: Lesson) -> str:
    """The section as Markdown: its heading (for the table of contents), a sentence of help, and the questions and answers."""
    total = len(lesson.quiz)
    questions = "".join(_question(number, total, question) for number, question in enumerate(lesson.quiz, start=1))
    return f'\n## {QUIZ_TITLE}\n\n{_INTRO}\n\n<div class="kb-toets" data-kb-toets="{escape(lesson_key(lesson))}">{questions}</div>\n\n{_answers(lesson)}\n\n'
