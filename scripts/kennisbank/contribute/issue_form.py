"""`kennisbank from-issue`: turn a filled-in 'Casus aandragen' form into a case file.

The form's text comes from an issue on GitHub, or from the form on the site
as a downloaded file or an e-mail (also a saved .eml, see `mailed_form`). The
questions are those of `case_form`: the converter reads each answer back by
its label and kind. The text is written by anyone on the internet, so it is
treated as hostile: it is only ever parsed as text, HTML and template code
are refused with a Dutch explanation, and every value reaches the file
through the same safe quoting and the same validation as `make new-case`. A
text that is not complete produces a list of problems per question and no
file at all.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from collections.abc import Collection
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markdown.extensions.toc import slugify as toc_slugify

from ..content.loader import CASES_DIR, RESERVED_CASE_SLUGS, TAXONOMY_FILE
from ..content.problems import ContentError
from ..content.schema import Schema, case_schema
from ..content.source import slugify
from ..content.taxonomy import Taxonomy, load_taxonomy
from ..content.validate import INVISIBLE, SHOWN_CHARACTERS, plain_text_problem
from ..sanitize import is_reserved_id
from .case_form import (
    CHOICE,
    CHOICES,
    CONSENT,
    CONSENT_START,
    LINES,
    NO_RESPONSE,
    NUMBER,
    PAIRS,
    PARAGRAPH,
    STORY,
    TEXT,
    URL_FORMAT,
    CaseForm,
    Question,
    case_form,
)
from .case_template import (
    DEFAULT_LEARNING_REF,
    check_case_text,
    editors_fields,
    finish_sentence,
    learning_refs,
    meta_problems,
    one_line,
    render_case,
    unknown_ref_problem,
    write_new_case,
)
from .github_text import CONTROL_CHARACTERS
from .mailed_form import MAX_MAIL_BYTES, MailError, form_text, looks_like_mail

MAX_BODY_CHARS = 200_000
MAX_STORY_BYTES = 80_000
LEARNING = "--leren"
WHOLE = "Het formulier"
# What the editors and the tools fill in: the contributor is never asked (`x-niet-gevraagd` in the schema).
EDITORS_FIELDS = {"leren": LEARNING}

# How the converter reads answers; the form on the site reads them the same way (pages/case_form_page.py gives it these).
HEADING = re.compile("^###[ \t]+([^\n\u2028\u2029]*)$", re.MULTILINE)  # a line ends at a line separator too, as in JavaScript
_CHECKBOX = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s*(.*)$")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
SEPARATOR = re.compile(r" [—–-]+ |[—–]")
WHOLE_NUMBER = re.compile(r"[0-9]{1,3}(?:[. ][0-9]{3})+|[0-9]+")  # not Python's \d: '２０１９' is no year to the browser either
# A script link anywhere; 'data:' only as the start of a data address ('data:text/html,…'), since 'data' is also Dutch
# ('Data: ma/di en wo/do').
RISKY_SCHEME = re.compile(
    r"(?<![0-9A-Za-z_])(?:(?:java|vb)script\s*:|data\s*:\s*(?:(?:text|image|application|audio|video|font|model|multipart|message)/[a-z0-9.+-]+\s*)?[;,])",
    re.IGNORECASE,
)
CONTROL = INVISIBLE
# Python's whitespace, as str.split and str.strip see it; the browser splits and trims with this too (JavaScript's \s differs).
SPACE = re.compile("[" + "".join(chr(code) for code in range(0x3001) if chr(code).isspace()) + "]+")
# What a story sent through the form cannot hold, since nothing else is sent with it: images (no file comes along),
# links to anything but a whole web or e-mail address or another case's file name, anchor codes.
FORM_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)?|\[[^\]\n]*\]?)")
FORM_SHORT_IMAGE = re.compile(r"!\[([^\]\n]*)\](?![(\[])")  # '![foto]': an image when '[foto]: …' is defined, text otherwise
# A reference definition is a whole line: '[label]: address' and perhaps a title ('[LET OP]: de bus …' is text, '[^1]:' a footnote).
FORM_DEFINITION = re.compile(r"""^[ \t]{0,3}\[(?!\^)([^\]\n]+)\]:[ \t]*<?([^\s>]*)>?[ \t]*(?:(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\))[ \t]*)?$""", re.MULTILINE)
FORM_LINK = re.compile(r"\]\([ \t]*<?([^)\s>]*)")
# A whole web or e-mail address, or another case by its file name (perhaps with a section of it), as the site names it.
LINK_TARGET = re.compile(r"(?:[hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:)\S|[a-z0-9][a-z0-9-]*\.md(?:#[a-z0-9_-]+)?$")
# What the site's Markdown reads as code for anchors and layout (and drops from the text): '{: …}', '{#…}' or '{.…}'
# anywhere, any '{…}' at the end of a line, and any '{…}' right after emphasis, code, a link or an image.
FORM_ATTRIBUTES = re.compile(r"\{[ \t]*[:#.][^}\n]*\}|\{[^}\n]*\}[ \t]*$|(?<=[*_`)\]>])\{[^}\n]*\}", re.MULTILINE)
FORM_HEADING = re.compile(r"^ {0,3}#{1,6}(?!#)[ \t]*(.+?)[ \t#]*$", re.MULTILINE)  # its text, from which the site makes its anchor
FORM_UNDERLINED = re.compile(r"^(?! {0,3}#)(\S.*?)[ \t]*\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)  # a heading made by a line of '-' or '='
FORM_REFERENCE = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);?")  # '&#107;' is a 'k' on the site, and hides what a check reads
FORM_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")  # '__Resultaten__': the anchor is made of the text without it
_INDEX = re.compile(r"\[(\d+)\]")
SHOWN_BEFORE = 15  # characters before an invisible one, to find it by

# The converter's own messages; the form on the site shows the same (pages/case_form_page.py writes them into the page).
MESSAGES = {
    "verplicht": "is verplicht, maar niet ingevuld",
    "dubbel": "dit kopje staat twee keer in het formulier; laat het er één keer in staan",
    "toestemming": "zonder vinkje bij de toestemming kunnen we de casus niet plaatsen",
    "verhaal_te_lang": f"is te lang: hoogstens {MAX_STORY_BYTES // 1000} kB tekst",
    "stuurteken": "bevat een onzichtbaar stuurteken ({teken}) {waar}; typ dat stukje opnieuw",
    "stuurteken_na": "direct na {voor}",
    "stuurteken_begin": "aan het begin",
    "schema_link": "links die beginnen met 'javascript:', 'vbscript:' of 'data:' zijn niet toegestaan",
    "geen_getal": "{gevonden} is geen getal; schrijf alleen cijfers, zoals {voorbeeld}",
    "vorm": "regel {regel} ({gevonden}) heeft niet de vorm '{vorm}'",
    "webadres": "regel {regel}: {gevonden} is geen volledig webadres",
    "bedoel_je": " (bedoel je '{optie}'?)",
    "kies_uit": "; kies uit: {opties}",
    "geen_naam": "de naam moet letters of cijfers bevatten",
    "gereserveerd": "'{naam}' is een gereserveerde naam op de site; kies een andere naam",
    "afbeelding": "een afbeelding ({gevonden}) kan niet mee via het formulier; haal haar weg en stuur foto's apart naar de redactie",
    "link": "link {gevonden} is geen volledig adres; schrijf het hele webadres, zoals https://www.voorbeeld.nl",
    "ankercode": "tekst tussen accolades, zoals {gevonden}, wordt op de site code voor opmaak of verdwijnt; schrijf het zonder accolades",
    "tekencode": "een tekencode zoals {gevonden} kan niet in het verhaal; typ het teken zelf",
    "kopanker": "het kopje {gevonden} krijgt op de site het anker '{anker}', en zulke ankers horen bij de site zelf; begin het kopje met een ander woord",
}


@dataclass(frozen=True)
class FormProblem:
    """Something wrong in one field of the form, worded for the person who filled it in."""

    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass
class Conversion:
    """The outcome of reading an issue: the case file, or the problems that stop it."""

    slug: str | None = None
    text: str | None = None
    problems: list[FormProblem] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # the case's front matter, once it is made


def shown(value: str, limit: int = SHOWN_CHARACTERS) -> str:
    """A value from the issue as it may appear in a message: one line, no control characters, short."""
    text = one_line(CONTROL_CHARACTERS.sub(" ", value))
    return f"'{text[:limit]}{'…' if len(text) > limit else ''}'"


def _field_headings(body: str, labels: Collection[str]) -> list[tuple[str, re.Match[str]]]:
    """The '### label' lines of the form's own fields.

    Other '###' lines are text inside a field: the story may have headings of its own.
    """
    found = []
    for match in HEADING.finditer(body):
        label = match.group(1).rstrip(" \t#").strip()
        if label in labels:
            found.append((label, match))
    return found


def split_sections(body: str, labels: Collection[str]) -> tuple[dict[str, str], list[FormProblem]]:
    """The form's fields as label → value ('' for an empty field); a repeated field is a problem."""
    headings = _field_headings(body, labels)
    sections: dict[str, str] = {}
    problems: list[FormProblem] = []
    for number, (label, match) in enumerate(headings):
        end = headings[number + 1][1].start() if number + 1 < len(headings) else len(body)
        value = body[match.end() : end].strip()
        if label in sections:
            problems.append(FormProblem(label, MESSAGES["dubbel"]))
            continue
        sections[label] = "" if value == NO_RESPONSE else value
    return sections, problems


def _lines(value: str) -> list[str]:
    """Non-empty lines without list bullets ('- ', '* ', '1. ')."""
    return [one_line(BULLET.sub("", line)) for line in value.split("\n") if one_line(BULLET.sub("", line))]


def _selected(value: str, options: list[str]) -> list[str]:
    """The chosen options of a dropdown ('A, B') or of checkboxes ('- [X] A').

    GitHub joins the labels of a multi-select with ', ', so an option that
    itself contains a comma is matched as a whole before splitting.
    """
    lines = [line for line in value.split("\n") if line.strip()]
    boxes = [_CHECKBOX.match(line) for line in lines]
    if lines and all(boxes):
        return [one_line(box.group(2)) for box in boxes if box and box.group(1) != " "]
    known = {option.casefold() for option in options}
    widest = max((option.count(",") for option in options), default=0) + 1
    parts = value.split(",")
    chosen: list[str] = []
    start = 0
    while start < len(parts):
        longest = min(len(parts), start + widest)
        end = next((end for end in range(longest, start, -1) if one_line(",".join(parts[start:end])).casefold() in known), start + 1)
        if item := one_line(",".join(parts[start:end])):
            chosen.append(item)
        start = end
    return chosen


def _term(label: str, answer: str, options: tuple[tuple[str, str], ...], unknown: str, problems: list[FormProblem]) -> str | None:
    """The vocabulary key for an option's label (or its key); a precise problem otherwise."""
    for key, text in options:
        if answer.casefold() in (text.casefold(), key):
            return key
    labels = [text for _, text in options]
    close = difflib.get_close_matches(answer, labels, n=1, cutoff=0.6)
    hint = MESSAGES["bedoel_je"].format(optie=close[0]) if close else MESSAGES["kies_uit"].format(opties=", ".join(labels))
    problems.append(FormProblem(label, f"{shown(answer)} {unknown}{hint}"))
    return None


def _number(label: str, answer: str, example: str, problems: list[FormProblem]) -> int | None:
    if not WHOLE_NUMBER.fullmatch(answer):
        problems.append(FormProblem(label, MESSAGES["geen_getal"].format(gevonden=shown(answer), voorbeeld=example)))
        return None
    return int(answer.replace(".", "").replace(" ", ""))


def _split_at_url(line: str) -> tuple[str, str]:
    """'Titel — https://…': the web address is the end of the line from its last 'http(s)://', the title what comes before."""
    lower = line.lower()
    start = max(lower.rfind("https://"), lower.rfind("http://"))
    return (line[:start].strip(" \t—–-:|"), line[start:]) if start >= 0 else ("", "")


def _split_at_dash(line: str) -> tuple[str, str]:
    """'Naam — soort': split at the last dash between spaces (or long dash)."""
    separators = list(SEPARATOR.finditer(line))
    if not separators:
        return "", ""
    return line[: separators[-1].start()].strip(), line[separators[-1].end() :].strip()


def _host(url: str) -> str:
    """The host part of a web address; none when a '[' or ']' makes it no address of a website."""
    try:
        host = urlsplit(url).netloc
    except ValueError:
        return ""
    return "" if "[" in host or "]" in host else host


def _pairs(question: Question, value: str, problems: list[FormProblem]) -> list[dict[str, str]]:
    """Lines of two parts ('naam — soort', 'titel — https://…'); a line that does not split, or whose second part does not fit, is a problem."""
    first, second = question.pair
    rules = question.schema["items"]["properties"][second]
    is_url = rules.get("format") == URL_FORMAT
    options = tuple(rules.get("x-labels", {}).items())
    items = []
    for number, line in enumerate(_lines(value), start=1):
        name, other = _split_at_url(line) if is_url else _split_at_dash(line)
        if not name or not other or (is_url and " " in other):
            problems.append(FormProblem(question.label, MESSAGES["vorm"].format(regel=number, gevonden=shown(line, 40), vorm=question.pair_shape)))
            continue
        if is_url and "." not in _host(other).strip("."):
            problems.append(FormProblem(question.label, MESSAGES["webadres"].format(regel=number, gevonden=shown(other, 40))))
            continue
        if options and (other := _term(question.label, other, options, rules["x-onbekend"], problems) or "") == "":
            continue
        items.append({first: name, second: other})
    return items


def _unsafe(value: str) -> str | None:
    """Why a value may not be used at all: HTML, template code, control characters, script links."""
    if invisible := CONTROL.search(value):
        return invisible_message(value, invisible.start())
    # Then whitespace is collapsed (what Python counts as a space; no control character is left): the verdict
    # stays the same, and the checks stay fast on hostile input.
    collapsed = " ".join(value.split())
    problem = plain_text_problem(collapsed)
    if problem is None and RISKY_SCHEME.search(collapsed):
        problem = MESSAGES["schema_link"]
    return problem


def invisible_message(value: str, at: int) -> str:
    """Which invisible character, and where: a pasted story is long, and retyping all of it is not needed."""
    before = one_line(value[max(0, at - SHOWN_BEFORE) : at])
    where = MESSAGES["stuurteken_na"].format(voor=f"'{before}'") if before else MESSAGES["stuurteken_begin"]
    return MESSAGES["stuurteken"].format(teken=f"U+{ord(value[at]):04X}", waar=where)


def story_problems(story: str) -> list[str]:
    """What a story sent through the form cannot hold, each once: images, links to no whole address or case file, anchor codes,
    and headings whose anchor would be one of the site's own (the anchor made as the site's toc makes it from plain text)."""
    defined = {definition.group(1).casefold() for definition in FORM_DEFINITION.finditer(story)}
    images = [*FORM_IMAGE.finditer(story), *(image for image in FORM_SHORT_IMAGE.finditer(story) if image.group(1).casefold() in defined)]
    problems = [MESSAGES["afbeelding"].format(gevonden=shown(image.group(), 40)) for image in sorted(images, key=lambda image: image.start())]
    targets = [link.group(1) for link in FORM_LINK.finditer(FORM_IMAGE.sub("", story))] + [d.group(2) for d in FORM_DEFINITION.finditer(story)]
    problems += [MESSAGES["link"].format(gevonden=shown(target, 40)) for target in targets if not LINK_TARGET.match(target)]
    problems += [MESSAGES["ankercode"].format(gevonden=shown(code.group(), 40)) for code in FORM_ATTRIBUTES.finditer(story)]
    problems += [MESSAGES["tekencode"].format(gevonden=shown(code.group(), 40)) for code in FORM_REFERENCE.finditer(story)]
    headings = sorted([*FORM_HEADING.finditer(story), *FORM_UNDERLINED.finditer(story)], key=lambda heading: heading.start())
    for heading in headings:
        if is_reserved_id(anchor := toc_slugify(FORM_EMPHASIS.sub(r"\2", heading.group(1)), "-")):
            problems.append(MESSAGES["kopanker"].format(gevonden=shown(heading.group(1), 40), anker=anchor))
    return list(dict.fromkeys(problems))


def _label_of(form: CaseForm, fieldname: str | None) -> str:
    """The form's label for a field of the case ('partners[2].soort' → 'Partners (…) (nummer 2)')."""
    if not fieldname:
        return WHOLE
    bare = _INDEX.sub("", fieldname)
    names = {".".join(question.path): question.label for question in form.questions if question.path}
    names.update({".".join(part.path): form.group_label(part) for part, _ in form.groups})
    names.update(EDITORS_FIELDS)
    for name in sorted(names, key=len, reverse=True):
        if bare == name or bare.startswith(name + "."):
            index = _INDEX.search(fieldname)
            return names[name] + (f" (nummer {index.group(1)})" if index else "")
    return WHOLE


def _answer(question: Question, value: str, problems: list[FormProblem]) -> Any:
    """One answer as the value of its field; None (and a problem) when it cannot be read."""
    kind, label = question.kind, question.label
    if kind in (TEXT, PARAGRAPH):
        return finish_sentence(value) if question.schema.get("format") == "een-zin" else one_line(value)
    if kind == NUMBER:
        return _number(label, one_line(value), question.placeholder or str(question.schema.get("minimum", 1)), problems)
    if kind == LINES:
        return _lines(value)
    if kind == PAIRS:
        return _pairs(question, value, problems) or None
    options = question.options
    chosen = _selected(value, [text for _, text in options] + [key for key, _ in options])
    if kind == CHOICES:
        unknown = question.schema["items"]["x-onbekend"]
        return list(dict.fromkeys(key for answer in chosen if (key := _term(label, answer, options, unknown, problems))))
    if kind == CHOICE:
        if len(chosen) != 1:
            problems.append(FormProblem(label, f"kies precies één {label.lower()}"))
            return None
        return _term(label, chosen[0], options, question.schema["x-onbekend"], problems)
    answers = {answer: truth == "true" for answer, truth in options}  # YES_NO
    answer = chosen[0] if len(chosen) == 1 else one_line(value)
    if answer not in answers:
        choices = " of ".join(f"'{text}'" for text in answers)
        problems.append(FormProblem(label, f"{shown(answer)} is geen keuze uit de lijst; kies {choices}"))
        return None
    return answers[answer]


def _skeleton(schema: Schema) -> dict[str, Any]:
    """The objects a case must have, empty: a missing answer inside one is then named by its own question."""
    return {name: _skeleton(field) for name, field in schema["properties"].items() if field.get("type") == "object" and name in schema.get("required", ())}


def to_meta(form: CaseForm, sections: dict[str, str], taxonomy: Taxonomy, leren: list[str], problems: list[FormProblem]) -> dict[str, Any]:
    """Front matter from the form's values; everything that does not fit becomes a problem."""
    meta = _skeleton(case_schema(taxonomy))
    for question in form.questions:
        value = sections.get(question.label)
        if not question.path or not value:
            continue
        answer = _answer(question, value, problems)
        if answer is None:
            continue
        *parents, name = question.path
        place = meta
        for parent in parents:
            place = place.setdefault(parent, {})
        place[name] = answer
    meta["leren"] = leren
    meta.update(editors_fields())
    return meta


def _story_first_line(text: str) -> int:
    """The first line of the case file after the front matter's closing '---': the story's part of the file."""
    return text.count("\n", 0, text.index("\n---\n", 3) + 5) + 1


def convert(body: str, root: Path, cases_dir: Path, leren: list[str]) -> Conversion:
    """Read an issue body and return the case file text, or every problem that stops it."""
    result = Conversion()
    body = unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))
    if len(body) > MAX_BODY_CHARS:
        result.problems.append(FormProblem(WHOLE, f"de tekst is te lang: hoogstens {MAX_BODY_CHARS} tekens"))
        return result
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    form = case_form(taxonomy)
    labels = form.by_label()
    title, story = form.questions[0], next(q for q in form.questions if q.kind == STORY)
    if not _field_headings(body, labels):
        message = f"dit is geen ingevuld casusformulier: er staan geen kopjes zoals '### {title.label}' in. Gebruik het formulier 'Casus aandragen'."
        result.problems.append(FormProblem(WHOLE, message))
        return result
    sections, result.problems = split_sections(body, labels)
    for question in form.questions:
        if question.required and not sections.get(question.label):
            result.problems.append(FormProblem(question.label, MESSAGES["verplicht"]))
    consent = next(q for q in form.questions if q.kind == CONSENT)
    if sections.get(consent.label) and not any(box.startswith(CONSENT_START) for box in _selected(sections[consent.label], [])):
        result.problems.append(FormProblem(consent.label, MESSAGES["toestemming"]))
    if len(sections.get(story.label, "").encode("utf-8")) > MAX_STORY_BYTES:
        result.problems.append(FormProblem(story.label, MESSAGES["verhaal_te_lang"]))
    for label, value in sections.items():
        if value and (problem := _unsafe(value)):
            result.problems.append(FormProblem(label, problem))
    if (text := sections.get(story.label)) and not any(problem.label == story.label for problem in result.problems):
        result.problems += [FormProblem(story.label, message) for message in story_problems(text)]
    not_usable = {problem.label for problem in result.problems}
    usable = {label: value for label, value in sections.items() if label not in not_usable}
    refs = learning_refs(root)
    for ref in leren:
        if problem := unknown_ref_problem(ref, refs):
            result.problems.append(FormProblem(LEARNING, problem))
    meta = to_meta(form, usable, taxonomy, leren, result.problems)
    # Fields already reported (missing, unsafe or unreadable) are not reported twice by the schema.
    reported = {problem.label.split(" (nummer")[0] for problem in result.problems}
    for found in meta_problems(meta, taxonomy):
        label = _label_of(form, found.field)
        if label.split(" (nummer")[0] not in reported:
            result.problems.append(FormProblem(label, found.message))
    slug = slugify(meta.get("titel", ""))
    if usable.get(title.label) and not slug:
        result.problems.append(FormProblem(title.label, MESSAGES["geen_naam"]))
    elif slug in RESERVED_CASE_SLUGS:
        result.problems.append(FormProblem(title.label, MESSAGES["gereserveerd"].format(naam=slug)))
    if result.problems:
        return result
    text = render_case(meta, usable.get(story.label, ""), taxonomy, refs)
    story_line = _story_first_line(text)
    for found in check_case_text(root, cases_dir, slug, text):
        in_story = found.field is None and found.line is not None and found.line >= story_line
        result.problems.append(FormProblem(story.label if in_story else _label_of(form, found.field), found.message))
    if not result.problems:
        result.slug, result.text, result.meta = slug, text, meta
    return result


def _read_body(source: str, root: Path) -> str:
    """The form's text: the file (or standard input) as it is, or the form in it when it is a saved e-mail."""
    with nullcontext(sys.stdin.buffer) if source == "-" else Path(source).open("rb") as stream:
        data = stream.read(MAX_MAIL_BYTES + 1)
    if looks_like_mail(data):
        labels = case_form(load_taxonomy(root / TAXONOMY_FILE, root)).by_label()
        return form_text(data, lambda text: bool(_field_headings(text, labels)))
    return data.decode("utf-8-sig")


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def convert_or_report(body: str, root: Path, cases_dir: Path, leren: list[str] | None) -> Conversion | None:
    """`convert`, or None after saying that the vocabularies themselves are broken."""
    try:
        return convert(body, root, cases_dir, leren or [DEFAULT_LEARNING_REF])
    except ContentError as error:
        print(f"De woordenlijsten kloppen niet; los dat eerst op.\n{error}", file=sys.stderr)
        return None


def report_problems(problems: list[FormProblem]) -> None:
    """The problems of a refused form, for the person at the terminal."""
    count = len(problems)
    print(
        f"De casus is niet gemaakt. {count} {'punt' if count == 1 else 'punten'} in het formulier {'moet' if count == 1 else 'moeten'} anders:",
        file=sys.stderr,
    )
    for problem in problems:
        print(f"- {CONTROL_CHARACTERS.sub(' ', str(problem))}", file=sys.stderr)


def save(cases_dir: Path, slug: str, text: str) -> int:
    """Write the new case and print its path; never overwrite a file. Returns the exit code."""
    try:
        cases_dir.mkdir(parents=True, exist_ok=True)
        path = write_new_case(cases_dir, slug, text)
    except FileExistsError:
        print(f"Er bestaat al een bestand {_display(cases_dir / (slug + '.md'))}. Het is niet overschreven; er is niets opgeslagen.", file=sys.stderr)
        return 1
    print(_display(path))
    return 0


def run(root: Path, source: str, out: Path | None, leren: list[str] | None) -> int:
    """The whole `kennisbank from-issue` command for a form's text or a saved e-mail with it; returns the exit code."""
    cases_dir = out if out is not None else root / CASES_DIR
    try:
        body = _read_body(source, root)
    except OSError as error:
        print(f"Kan het bestand {source} niet lezen: {error.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print("De tekst van de issue is geen geldige UTF-8-tekst; er is niets opgeslagen.", file=sys.stderr)
        return 1
    except MailError as error:
        print(error, file=sys.stderr)
        return 1
    except ContentError as error:
        print(f"De woordenlijsten kloppen niet; los dat eerst op.\n{error}", file=sys.stderr)
        return 1
    result = convert_or_report(body, root, cases_dir, leren)
    if result is None:
        return 1
    if result.problems or result.slug is None or result.text is None:
        report_problems(result.problems)
        return 1
    return save(cases_dir, result.slug, result.text)
