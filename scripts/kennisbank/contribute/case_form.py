"""The questions of 'Casus aandragen', read from the case schema: one source for every form that asks for a case.

The GitHub issue form (`.github/ISSUE_TEMPLATE/casus-aandragen.yml`), the form
on the site (`/bijdragen/casus-aandragen/`) and the converter of a filled-in
form (`kennisbank from-issue`) all take their labels, help texts, options and
rules from `case_form`: the case schema with its questions (`x-vraag`), the
vocabularies of the taxonomy, and the two questions that are not front matter:
the story and the consent. A new field in the schema becomes a new question by
itself; a field marked `x-niet-gevraagd` is left to the editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..content.schema import Schema, case_schema
from ..content.taxonomy import Taxonomy

FORM_FILE = ".github/ISSUE_TEMPLATE/casus-aandragen.yml"
ISSUE_TITLE = "Casus: "
ISSUE_LABEL = "casus"
NO_RESPONSE = "_No response_"  # what GitHub writes under a question left empty
CHECKED, UNCHECKED = "- [X] ", "- [ ] "  # how GitHub writes a ticked and an unticked box

STORY_ID, CONSENT_ID = "verhaal", "toestemming"
STORY_AFTER = "geleerde_lessen"  # the story is asked right after this question
CONSENT_START = "Ik geef toestemming"  # a ticked box whose text starts so gives consent (issues made before a change of wording too)
CONSENT_OPTION = (
    "Ik geef toestemming om deze tekst te publiceren onder de licentie CC BY-SA 4.0. "
    "Iedereen mag hem dan delen en aanpassen, als ze de bron noemen en hun versie onder dezelfde licentie delen. "
    "Ik heb geen persoonsgegevens van anderen opgenomen zonder hun toestemming."
)
INTRO = """\
Fijn dat je een initiatief wilt delen! Vul dit formulier zo goed mogelijk in.
Velden met een sterretje (*) zijn verplicht. De rest mag je leeg laten.

**Wat gebeurt er daarna?** Iemand van de redactie leest je casus en stelt zo nodig vragen
in de reacties hieronder. Keurt de redactie je casus goed, dan maakt GitHub er vanzelf een
pull request van en zet het de link onder je issue. Moet er nog iets anders, dan lees je
daar per vraag wat er niet klopt; je past dan je issue aan.

**Let op:** alles wat je hier invult, is openbaar. Schrijf gewone tekst, zonder HTML of code.
Noem geen namen, adressen of telefoonnummers van mensen die daar geen toestemming voor gaven.
"""

# The kinds of question, by how they are answered (and so how GitHub shows them in an issue).
TEXT = "tekst"  # one line
PARAGRAPH = "alinea"  # a few sentences
LINES = "regels"  # a list, one item per line
PAIRS = "paren"  # a list of two-part items, one per line: 'naam — soort'
NUMBER = "getal"
CHOICE = "keuze"  # one option from a vocabulary
CHOICES = "keuzes"  # several options from a vocabulary
YES_NO = "janee"  # a boolean, answered with one of two sentences
STORY = "verhaal"
CONSENT = "toestemming"
TYPED = (TEXT, PARAGRAPH, LINES, PAIRS, NUMBER, STORY)  # answered by typing: GitHub fills these in from a link
SHORT_TEXT = 200  # plain text up to this many characters is asked on one line
PROSE_FORMATS = ("platte-tekst", "een-zin")  # other strings (web and e-mail addresses, dates) are always one line
URL_FORMAT = "http-url"


@dataclass(frozen=True)
class Part:
    """A titled part of the form: a section (an object of the case) or a group inside one (an object with `minProperties`)."""

    heading: str
    intro: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One question of the form, and where its answer goes in the case's front matter."""

    id: str  # the issue form's field id: the name of its URL parameter, and the site form's field
    label: str  # the heading GitHub writes above the answer ('### label'), which the converter reads back
    help: str
    kind: str
    path: tuple[str, ...]  # () for the story and the consent, which are not front matter
    required: bool
    schema: Schema  # the rules of the field ({} for the story and the consent)
    options: tuple[tuple[str, str], ...] = ()  # (key, label) of a vocabulary; for YES_NO (answer, 'true' or 'false')
    placeholder: str = ""
    section: Part | None = None
    group: Part | None = None

    def option_label(self, key: str) -> str:
        return next((label for option, label in self.options if option == key), key)

    @property
    def pair(self) -> tuple[str, str]:
        """The two fields of a PAIRS item, in the order they are written: ('naam', 'soort'), ('titel', 'url')."""
        first, second = self.schema["items"]["properties"]
        return first, second

    @property
    def pair_shape(self) -> str:
        """How one line of a PAIRS answer is written: 'naam — soort', 'titel — https://…'."""
        first, second = self.pair
        shown = "https://…" if self.schema["items"]["properties"][second].get("format") == URL_FORMAT else second
        return f"{first} — {shown}"


@dataclass(frozen=True)
class CaseForm:
    """Every question in order, and the groups of questions of which at least one must be answered."""

    questions: tuple[Question, ...]
    groups: tuple[tuple[Part, tuple[Question, ...]], ...]

    def by_label(self) -> dict[str, Question]:
        return {question.label: question for question in self.questions}

    def group_label(self, part: Part) -> str:
        """How a problem with a group is labelled: its questions' labels ('Sociale waarde / Economische waarde / …')."""
        return " / ".join(question.label for group, questions in self.groups if group == part for question in questions)


def _help(schema: Schema, extra: str = "") -> str:
    text = str(schema.get("x-uitleg", ""))
    return (text.format_map({key: value for key, value in schema.items() if isinstance(value, int | str)}) + extra).strip()


def _options_sentence(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + f" of {labels[-1]}" if len(labels) > 1 else "".join(labels)


def _kind(schema: Schema, where: str) -> str:
    """How a field is asked, from its type in the schema; a type no form can ask for stops the build of the form."""
    kind = schema.get("type")
    items = schema.get("items", {})
    if kind == "string" and "enum" in schema:
        return CHOICE
    if kind == "string":
        return PARAGRAPH if schema.get("format") in PROSE_FORMATS and schema.get("maxLength", 0) > SHORT_TEXT else TEXT
    if kind == "integer":
        return NUMBER
    if kind == "boolean":
        return YES_NO
    if kind == "array" and "enum" in items:
        return CHOICES
    if kind == "array" and items.get("type") == "string":
        return LINES
    if kind == "array" and items.get("type") == "object" and len(items.get("properties", {})) == 2:
        return PAIRS
    raise ValueError(f"het formulier 'Casus aandragen' kan het veld '{where}' (type {kind}) niet vragen; markeer het met not_asked() in schema.py")


def _question(schema: Schema, path: tuple[str, ...], required: bool, section: Part | None, group: Part | None) -> Question:
    where = ".".join(path)
    kind = _kind(schema, where)
    options: tuple[tuple[str, str], ...] = ()
    extra = ""
    if kind == CHOICE:
        options = tuple(schema["x-labels"].items())
    elif kind == CHOICES:
        options = tuple(schema["items"]["x-labels"].items())
    elif kind == YES_NO:
        answers = schema.get("x-antwoorden", {"Ja": True, "Nee": False})
        options = tuple((answer, "true" if value else "false") for answer, value in answers.items())
    elif kind == PAIRS:
        name, second = list(schema["items"]["properties"].items())[1]
        if "x-labels" in second:  # a vocabulary, such as the kinds of partner: its labels go into the help
            extra = f"\nKies als {name}: {_options_sentence(list(second['x-labels'].values()))}."
    label = str(schema.get("x-vraag") or schema.get("description") or where)
    return Question(
        id="_".join(path),
        label=label,
        help=_help(schema, extra),
        kind=kind,
        path=path,
        required=required,
        schema=schema,
        options=options,
        placeholder=str(schema.get("x-voorbeeld", "")),
        section=section,
        group=group,
    )


def _walk(schema: Schema, path: tuple[str, ...], required: bool, section: Part | None, group: Part | None) -> list[Question]:
    found: list[Question] = []
    for name, field in schema["properties"].items():
        if field.get("x-niet-gevraagd"):
            continue
        here, needed = (*path, name), required and name in schema.get("required", ())
        if field.get("type") != "object":
            found.append(_question(field, here, needed, section, group))
            continue
        part = Part(str(field.get("x-vraag", "")), _help(field), here)
        if section is None:
            found += _walk(field, here, needed, part, None)
        else:
            found += _walk(field, here, needed, section, part if field.get("minProperties") else group)
    return found


STORY_QUESTION = Question(
    id=STORY_ID,
    label="Het verhaal",
    help=(
        "Vertel in je eigen woorden hoe het initiatief ontstond en hoe het nu gaat.\n"
        "Schrijf gewone tekst. Kopjes, lijstjes en links naar websites mogen, HTML en code niet.\n"
        "Foto's kunnen hier niet mee: stuur ze apart naar de redactie."
    ),
    kind=STORY,
    path=(),
    required=False,
    schema={},
)
CONSENT_QUESTION = Question(
    id=CONSENT_ID,
    label="Toestemming",
    help="Zonder deze toestemming kunnen we je casus niet plaatsen.",
    kind=CONSENT,
    path=(),
    required=True,
    schema={},
    options=((CONSENT_ID, CONSENT_OPTION),),
)


def case_form(taxonomy: Taxonomy) -> CaseForm:
    """The form 'Casus aandragen' for these vocabularies: the schema's questions, the story after `STORY_AFTER`, the consent last."""
    questions = _walk(case_schema(taxonomy), (), True, None, None)
    at = next((n + 1 for n, question in enumerate(questions) if question.id == STORY_AFTER), len(questions))
    questions.insert(at, STORY_QUESTION)
    questions.append(CONSENT_QUESTION)
    groups: dict[Part, list[Question]] = {}
    for question in questions:
        if question.group is not None:
            groups.setdefault(question.group, []).append(question)
    return CaseForm(tuple(questions), tuple((part, tuple(members)) for part, members in groups.items()))


def answer_text(question: Question, answer: str | list[str] | bool | None) -> str:
    """An answer as GitHub writes it under its question: the text, the options' labels joined by ', ', or a box."""
    if question.kind == CONSENT:
        return (CHECKED if answer else UNCHECKED) + CONSENT_OPTION
    if isinstance(answer, list):
        text = ", ".join(question.option_label(key) for key in answer)
    elif question.kind == CHOICE and isinstance(answer, str):
        text = question.option_label(answer)
    else:
        text = str(answer or "")
    return text.strip() or NO_RESPONSE


def issue_body(form: CaseForm, answers: dict[str, Any]) -> str:
    """The text of a filled-in form, as GitHub writes it into the issue: a '### label' heading above each answer."""
    return "\n\n".join(f"### {question.label}\n\n{answer_text(question, answers.get(question.id))}" for question in form.questions) + "\n"


# ---------------------------------------------------------------- the GitHub issue form


class _FormDumper(yaml.SafeDumper):
    """Writes lists indented and texts of several lines as literal blocks, as people write an issue form by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_FormDumper.add_representer(str, _text)


def _element(question: Question) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": question.label}
    if question.help:
        attributes["description"] = question.help
    if question.kind in (CHOICE, CHOICES, YES_NO):
        if question.kind == CHOICES:
            attributes["multiple"] = True
        attributes["options"] = [answer if question.kind == YES_NO else label for answer, label in question.options]
    elif question.kind == CONSENT:
        attributes["options"] = [{"label": CONSENT_OPTION, "required": True}]
    elif question.placeholder:
        attributes["placeholder"] = question.placeholder + ("\n" if "\n" in question.placeholder else "")
    kind = {TEXT: "input", NUMBER: "input", CHOICE: "dropdown", CHOICES: "dropdown", YES_NO: "dropdown", CONSENT: "checkboxes"}.get(question.kind, "textarea")
    element: dict[str, Any] = {"type": kind, "id": question.id, "attributes": attributes}
    if question.required and question.kind != CONSENT:
        element["validations"] = {"required": True}
    return element


def issue_form_yaml(form: CaseForm) -> str:
    """The GitHub issue form, made from the questions; `kennisbank issue-form` writes it to `FORM_FILE`."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    section: Part | None = None
    for question in form.questions:
        if question.section is not None and question.section != section and question.section.heading:
            body.append({"type": "markdown", "attributes": {"value": f"### {question.section.heading}\n{question.section.intro}\n"}})
        section = question.section
        body.append(_element(question))
    document = {
        "name": "Casus aandragen",
        "description": "Vertel over een initiatief waar anderen van kunnen leren. Je hebt geen kennis van git nodig.",
        "title": ISSUE_TITLE,
        "labels": [ISSUE_LABEL],
        "body": body,
    }
    header = (
        "# Issue form to propose a case without git. Made by `kennisbank issue-form` from the case schema\n"
        "# (scripts/kennisbank/content/schema.py) and data/taxonomie.yml: change those, then run the command again.\n"
        "# A test fails while this file and the schema disagree.\n"
    )
    return header + yaml.dump(document, Dumper=_FormDumper, allow_unicode=True, sort_keys=False, width=1000)
