"""`kennisbank from-issue`: turn a filled-in 'Casus aandragen' issue into a case file.

The issue body is written by anyone on the internet, so it is treated as
hostile: it is only ever parsed as text, HTML and template code are refused
with a Dutch explanation, and every value reaches the file through the same
safe quoting and the same validation as `make new-case`. A body that is not
complete produces a list of problems per form field and no file at all.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..content.loader import CASES_DIR, RESERVED_CASE_SLUGS, TAXONOMY_FILE
from ..content.problems import ContentError
from ..content.source import slugify
from ..content.taxonomy import Taxonomy, Term, load_taxonomy
from ..content.validate import plain_text_problem
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

MAX_BODY_CHARS = 200_000
NO_RESPONSE = "_No response_"

TITLE = "Naam van het initiatief"
SUMMARY = "Samenvatting in één zin"
THEMES = "Thema's"
REGION = "Gebied"
PLACE = "Plaats of wijk"
YEAR = "Startjaar"
LEGAL_FORM = "Rechtsvorm"
STAGE = "Fase"
MEMBERS = "Aantal leden (mag leeg)"
PARTNERS = "Partners (één per regel: naam — soort)"
NEED = "Welke behoefte beantwoordt het initiatief?"
SOCIAL = "Sociale waarde"
ECONOMIC = "Economische waarde"
ECOLOGICAL = "Ecologische waarde"
BENEFICIARIES = "Voor wie (één per regel)"
INTERNAL = "Interne borging"
EXTERNAL = "Externe borging"
RESULTS = "Resultaten (één per regel)"
LESSONS = "Geleerde lessen (één per regel)"
STORY = "Het verhaal"
SOURCES = "Bronnen (één per regel: titel — https://…)"
EXISTS = "Is dit een bestaand initiatief?"
CONSENT = "Toestemming"
LEARNING = "--leren"
WHOLE = "Het formulier"

REQUIRED = (TITLE, SUMMARY, THEMES, REGION, PLACE, YEAR, LEGAL_FORM, STAGE, NEED, BENEFICIARIES, INTERNAL, EXTERNAL, RESULTS, LESSONS, EXISTS, CONSENT)
OPTIONAL = (MEMBERS, PARTNERS, SOCIAL, ECONOMIC, ECOLOGICAL, STORY, SOURCES)
LABELS = REQUIRED + OPTIONAL
CONSENT_START = "Ik geef toestemming"

EXISTS_ANSWERS = {"Ja, het bestaat echt": False, "Nee, het is een voorbeeld ter illustratie": True}

# Case schema field (without list numbers) → the form label a problem belongs to.
FIELD_LABELS = {
    "titel": TITLE,
    "samenvatting": SUMMARY,
    "themas": THEMES,
    "gebied": REGION,
    "plaats": PLACE,
    "startjaar": YEAR,
    "rechtsvorm": LEGAL_FORM,
    "fase": STAGE,
    "leden": MEMBERS,
    "partners": PARTNERS,
    "waardecasus.behoefte": NEED,
    "waardecasus.waarde": f"{SOCIAL} / {ECONOMIC} / {ECOLOGICAL}",
    "waardecasus.waarde.sociaal": SOCIAL,
    "waardecasus.waarde.economisch": ECONOMIC,
    "waardecasus.waarde.ecologisch": ECOLOGICAL,
    "waardecasus.voor_wie": BENEFICIARIES,
    "borging.intern": INTERNAL,
    "borging.extern": EXTERNAL,
    "resultaten": RESULTS,
    "geleerde_lessen": LESSONS,
    "leren": LEARNING,
    "bronnen": SOURCES,
    "voorbeeld": EXISTS,
}

_HEADING = re.compile(r"^###[ \t]+(.*)$", re.MULTILINE)
_CHECKBOX = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s*(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SEPARATOR = re.compile(r" [—–-]+ |[—–]")
_NUMBER = re.compile(r"\d{1,3}(?:[. ]\d{3})+|\d+")
_RISKY_SCHEME = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_INDEX = re.compile(r"\[(\d+)\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_STORY_BYTES = 80_000


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


def shown(value: str, limit: int = 60) -> str:
    """A value from the issue as it may appear in a message: one line, no control characters, short."""
    text = one_line(CONTROL_CHARACTERS.sub(" ", value))
    return f"'{text[:limit]}{'…' if len(text) > limit else ''}'"


def _field_headings(body: str) -> list[tuple[str, re.Match[str]]]:
    """The '### label' lines of the form's own fields.

    Other '###' lines are text inside a field: the story may have headings of its own.
    """
    found = []
    for match in _HEADING.finditer(body):
        label = match.group(1).rstrip(" \t#").strip()
        if label in LABELS:
            found.append((label, match))
    return found


def split_sections(body: str) -> tuple[dict[str, str], list[FormProblem]]:
    """The form's fields as label → value ('' for an empty field); a repeated field is a problem."""
    headings = _field_headings(body)
    sections: dict[str, str] = {}
    problems: list[FormProblem] = []
    for number, (label, match) in enumerate(headings):
        end = headings[number + 1][1].start() if number + 1 < len(headings) else len(body)
        value = body[match.end() : end].strip()
        if label in sections:
            problems.append(FormProblem(label, "dit kopje staat twee keer in het formulier; laat het er één keer in staan"))
            continue
        sections[label] = "" if value == NO_RESPONSE else value
    return sections, problems


def _lines(value: str) -> list[str]:
    """Non-empty lines without list bullets ('- ', '* ', '1. ')."""
    return [one_line(_BULLET.sub("", line)) for line in value.split("\n") if one_line(_BULLET.sub("", line))]


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


def _options(terms: dict[str, Term]) -> list[str]:
    return [term.label for term in terms.values()] + list(terms)


def _term(label: str, answer: str, terms: dict[str, Term], what: str, problems: list[FormProblem]) -> str | None:
    """The vocabulary key for a dropdown label (or a key); a precise problem otherwise."""
    for key, term in terms.items():
        if answer.casefold() in (term.label.casefold(), key):
            return key
    labels = [term.label for term in terms.values()]
    close = difflib.get_close_matches(answer, labels, n=1, cutoff=0.6)
    hint = f" (bedoel je '{close[0]}'?)" if close else f"; kies uit: {', '.join(labels)}"
    problems.append(FormProblem(label, f"{shown(answer)} is geen {what}{hint}"))
    return None


def _number(label: str, answer: str, example: str, problems: list[FormProblem]) -> int | None:
    if not _NUMBER.fullmatch(answer):
        problems.append(FormProblem(label, f"{shown(answer)} is geen getal; schrijf alleen cijfers, zoals {example}"))
        return None
    return int(answer.replace(".", "").replace(" ", ""))


def _pairs(label: str, value: str, what: str, problems: list[FormProblem]) -> list[tuple[str, str]]:
    """Lines like 'naam — soort' split at the dash; a line without one is a problem."""
    pairs = []
    for number, line in enumerate(_lines(value), start=1):
        separators = list(_SEPARATOR.finditer(line))
        first = line[: separators[-1].start()].strip() if separators else ""
        second = line[separators[-1].end() :].strip() if separators else ""
        if not first or not second:
            problems.append(FormProblem(label, f"regel {number} ({shown(line, 40)}) heeft niet de vorm '{what}'"))
            continue
        pairs.append((first, second))
    return pairs


def _sources(value: str, problems: list[FormProblem]) -> list[dict[str, str]]:
    sources = []
    for number, line in enumerate(_lines(value), start=1):
        lower = line.lower()
        start = max(lower.rfind("https://"), lower.rfind("http://"))
        url = line[start:] if start >= 0 else ""
        title = line[:start].strip(" \t—–-:|") if start >= 0 else ""
        if not url or " " in url or not title:
            problems.append(FormProblem(SOURCES, f"regel {number} ({shown(line, 40)}) heeft niet de vorm 'titel — https://…'"))
            continue
        if "." not in urlsplit(url).netloc.strip("."):
            problems.append(FormProblem(SOURCES, f"regel {number}: {shown(url, 40)} is geen volledig webadres"))
            continue
        sources.append({"titel": title, "url": url})
    return sources


def _unsafe(label: str, value: str) -> str | None:
    """Why a value may not be used at all: HTML, template code, control characters, script links."""
    if _CONTROL.search(value):
        return "bevat een onzichtbaar stuurteken; typ de tekst opnieuw"
    # Whitespace is collapsed first: it changes no verdict and keeps the checks fast on hostile input.
    collapsed = " ".join(value.split())
    problem = plain_text_problem(collapsed)
    if problem is None and _RISKY_SCHEME.search(collapsed):
        problem = "links die beginnen met 'javascript:', 'vbscript:' of 'data:' zijn niet toegestaan"
    return problem


def _label_of(fieldname: str | None) -> str:
    if not fieldname:
        return WHOLE
    bare = _INDEX.sub("", fieldname)
    for name in sorted(FIELD_LABELS, key=len, reverse=True):
        if bare == name or bare.startswith(name + "."):
            index = _INDEX.search(fieldname)
            return FIELD_LABELS[name] + (f" (nummer {index.group(1)})" if index else "")
    return WHOLE


def to_meta(sections: dict[str, str], taxonomy: Taxonomy, leren: list[str], problems: list[FormProblem]) -> dict[str, Any]:
    """Front matter from the form's values; everything that does not fit becomes a problem."""
    meta: dict[str, Any] = {}
    text = {label: value for label, value in sections.items() if value}
    if TITLE in text:
        meta["titel"] = one_line(text[TITLE])
    if SUMMARY in text:
        meta["samenvatting"] = finish_sentence(text[SUMMARY])
    if THEMES in text:
        keys = [_term(THEMES, answer, taxonomy.themes, "bekend thema", problems) for answer in _selected(text[THEMES], _options(taxonomy.themes))]
        meta["themas"] = list(dict.fromkeys(key for key in keys if key))
    for label, name, terms, what in (
        (REGION, "gebied", taxonomy.regions, "bekend gebied"),
        (LEGAL_FORM, "rechtsvorm", taxonomy.legal_forms, "bekende rechtsvorm"),
        (STAGE, "fase", taxonomy.stages, "bekende fase"),
    ):
        if label in text:
            chosen = _selected(text[label], _options(terms))
            if len(chosen) != 1:
                problems.append(FormProblem(label, f"kies precies één {label.lower()}"))
            elif key := _term(label, chosen[0], terms, what, problems):
                meta[name] = key
    if PLACE in text:
        meta["plaats"] = one_line(text[PLACE])
    if YEAR in text and (year := _number(YEAR, one_line(text[YEAR]), "2016", problems)) is not None:
        meta["startjaar"] = year
    if MEMBERS in text and (members := _number(MEMBERS, one_line(text[MEMBERS]), "85", problems)) is not None:
        meta["leden"] = members
    if PARTNERS in text:
        partners = []
        for name, kind in _pairs(PARTNERS, text[PARTNERS], "naam — soort", problems):
            key = _term(PARTNERS, kind, taxonomy.partner_kinds, "bekende soort partner", problems)
            if key:
                partners.append({"naam": name, "soort": key})
        if partners:
            meta["partners"] = partners
    value = {kind: one_line(text[label]) for kind, label in (("sociaal", SOCIAL), ("economisch", ECONOMIC), ("ecologisch", ECOLOGICAL)) if label in text}
    meta["waardecasus"] = {"waarde": value}
    if NEED in text:
        meta["waardecasus"]["behoefte"] = one_line(text[NEED])
    if BENEFICIARIES in text:
        meta["waardecasus"]["voor_wie"] = _lines(text[BENEFICIARIES])
    meta["borging"] = {name: one_line(text[label]) for name, label in (("intern", INTERNAL), ("extern", EXTERNAL)) if label in text}
    if RESULTS in text:
        meta["resultaten"] = _lines(text[RESULTS])
    if LESSONS in text:
        meta["geleerde_lessen"] = _lines(text[LESSONS])
    meta["leren"] = leren
    if SOURCES in text and (sources := _sources(text[SOURCES], problems)):
        meta["bronnen"] = sources
    if EXISTS in text:
        chosen = _selected(text[EXISTS], list(EXISTS_ANSWERS))
        answer = chosen[0] if len(chosen) == 1 else one_line(text[EXISTS])
        if answer in EXISTS_ANSWERS:
            meta["voorbeeld"] = EXISTS_ANSWERS[answer]
        else:
            options = " of ".join(f"'{option}'" for option in EXISTS_ANSWERS)
            problems.append(FormProblem(EXISTS, f"{shown(answer)} is geen keuze uit de lijst; kies {options}"))
    meta.update(editors_fields())
    return meta


def convert(body: str, root: Path, cases_dir: Path, leren: list[str]) -> Conversion:
    """Read an issue body and return the case file text, or every problem that stops it."""
    result = Conversion()
    body = unicodedata.normalize("NFC", body.replace("\r\n", "\n").replace("\r", "\n"))
    if len(body) > MAX_BODY_CHARS:
        result.problems.append(FormProblem(WHOLE, f"de tekst is te lang: hoogstens {MAX_BODY_CHARS} tekens"))
        return result
    if not _field_headings(body):
        result.problems.append(
            FormProblem(WHOLE, f"dit is geen ingevuld casusformulier: er staan geen kopjes zoals '### {TITLE}' in. Gebruik het formulier 'Casus aandragen'.")
        )
        return result
    sections, result.problems = split_sections(body)
    for label in REQUIRED:
        if not sections.get(label):
            result.problems.append(FormProblem(label, "is verplicht, maar niet ingevuld"))
    consent = sections.get(CONSENT, "")
    if consent and not any(box.startswith(CONSENT_START) for box in _selected(consent, [])):
        result.problems.append(FormProblem(CONSENT, "zonder vinkje bij de toestemming kunnen we de casus niet plaatsen"))
    if not any(sections.get(label) for label in (SOCIAL, ECONOMIC, ECOLOGICAL)):
        result.problems.append(FormProblem(f"{SOCIAL} / {ECONOMIC} / {ECOLOGICAL}", "vul minstens één soort waarde in"))
    if len(sections.get(STORY, "").encode("utf-8")) > MAX_STORY_BYTES:
        result.problems.append(FormProblem(STORY, f"is te lang: hoogstens {MAX_STORY_BYTES // 1000} kB tekst"))
    for label, value in sections.items():
        if value and (problem := _unsafe(label, value)):
            result.problems.append(FormProblem(label, problem))
    unsafe = {problem.label for problem in result.problems}
    usable = {label: value for label, value in sections.items() if label not in unsafe}
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    refs = learning_refs(root)
    for ref in leren:
        if problem := unknown_ref_problem(ref, refs):
            result.problems.append(FormProblem(LEARNING, problem))
    meta = to_meta(usable, taxonomy, leren, result.problems)
    # Fields already reported (missing, unsafe or unreadable) are not reported twice by the schema.
    reported = {problem.label.split(" (nummer")[0] for problem in result.problems}
    for found in meta_problems(meta, taxonomy):
        label = _label_of(found.field)
        if label.split(" (nummer")[0] not in reported:
            result.problems.append(FormProblem(label, found.message))
    slug = slugify(meta.get("titel", ""))
    if TITLE in usable and usable[TITLE] and not slug:
        result.problems.append(FormProblem(TITLE, "de naam moet letters of cijfers bevatten"))
    elif slug in RESERVED_CASE_SLUGS:
        result.problems.append(FormProblem(TITLE, f"'{slug}' is een gereserveerde naam op de site; kies een andere naam"))
    if result.problems:
        return result
    text = render_case(meta, usable.get(STORY, ""), taxonomy, refs)
    result.problems = [FormProblem(_label_of(p.field), p.message) for p in check_case_text(root, cases_dir, slug, text)]
    if not result.problems:
        result.slug, result.text, result.meta = slug, text, meta
    return result


def _read_body(source: str) -> str:
    data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    return data.decode("utf-8")


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
    """The whole `kennisbank from-issue` command for an issue body; returns the exit code."""
    cases_dir = out if out is not None else root / CASES_DIR
    try:
        body = _read_body(source)
    except OSError as error:
        print(f"Kan het bestand {source} niet lezen: {error.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print("De tekst van de issue is geen geldige UTF-8-tekst; er is niets opgeslagen.", file=sys.stderr)
        return 1
    result = convert_or_report(body, root, cases_dir, leren)
    if result is None:
        return 1
    if result.problems or result.slug is None or result.text is None:
        report_problems(result.problems)
        return 1
    return save(cases_dir, result.slug, result.text)
