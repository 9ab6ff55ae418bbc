"""`make new-case`: ask a contributor question by question and write a valid case file.

Answers are checked one at a time against the real case schema, so a wrong
answer is asked again right away instead of surfacing later in `make
validate`. The file is only written when the whole case is valid, and never
over an existing file. Ctrl-D stops without writing anything.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..content.loader import CASES_DIR, RESERVED_CASE_SLUGS, TAXONOMY_FILE
from ..content.problems import ContentError
from ..content.source import slugify
from ..content.taxonomy import Taxonomy, Term, load_taxonomy
from .case_template import (
    check_case_text,
    editors_fields,
    existing_titles,
    finish_sentence,
    learning_refs,
    one_line,
    render_case,
    resolve_term,
    unknown_ref_problem,
    value_problems,
    write_new_case,
)

T = TypeVar("T")
YES = frozenset({"ja", "j", "yes", "y"})
NO = frozenset({"nee", "n", "no"})


class InvalidAnswer(Exception):
    """An answer that does not fit; the message says why, in Dutch."""


class Stop(Exception):
    """The contributor stopped (Ctrl-D or Ctrl-C); nothing is written."""


class CaseExists(Exception):
    """The file for this title is already there; it is never overwritten."""

    def __init__(self, rel_path: str) -> None:
        super().__init__(rel_path)
        self.rel_path = rel_path


def read(prompt: str) -> str:
    """One line from the contributor; input() so tests and pipes can drive it through stdin."""
    while True:
        try:
            answer = input(prompt)
        except EOFError:
            raise Stop from None
        try:
            answer.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, kept as surrogates by Python
            print("  Dat klopt nog niet: er staan tekens in die geen gewone letters zijn; typ het opnieuw.")
            continue
        return answer


def ask(prompt: str, parse: Callable[[str], T]) -> T:
    """Ask until `parse` accepts the answer; explain every refusal."""
    while True:
        try:
            return parse(read(prompt))
        except InvalidAnswer as error:
            print(f"  Dat klopt nog niet: {error}")


def _checked(taxonomy: Taxonomy, path: tuple[str, ...], value: Any) -> Any:
    problems = value_problems(taxonomy, path, value)
    if problems:
        raise InvalidAnswer("; ".join(dict.fromkeys(problems)))
    return value


def _required(answer: str) -> str:
    text = one_line(answer)
    if not text:
        raise InvalidAnswer("dit is verplicht; typ een antwoord")
    return text


def text_answer(taxonomy: Taxonomy, path: tuple[str, ...], sentence: bool = False) -> Callable[[str], str]:
    """A parser for a required text field, checked against its schema."""

    def parse(answer: str) -> str:
        text = _required(answer)
        return str(_checked(taxonomy, path, finish_sentence(text) if sentence else text))

    return parse


def optional_text(taxonomy: Taxonomy, path: tuple[str, ...]) -> Callable[[str], str | None]:
    def parse(answer: str) -> str | None:
        text = one_line(answer)
        return str(_checked(taxonomy, path, text)) if text else None

    return parse


def year_answer(taxonomy: Taxonomy) -> Callable[[str], int]:
    def parse(answer: str) -> int:
        text = _required(answer)
        if not text.isdecimal():
            raise InvalidAnswer(f"'{text[:40]}' is geen jaartal; typ een jaar met vier cijfers, zoals 2016")
        return int(_checked(taxonomy, ("startjaar",), int(text)))

    return parse


def members_answer(taxonomy: Taxonomy) -> Callable[[str], int | None]:
    def parse(answer: str) -> int | None:
        text = one_line(answer).replace(".", "").replace(" ", "")
        if not text:
            return None
        if not text.isdecimal():
            raise InvalidAnswer(f"'{one_line(answer)[:40]}' is geen aantal; typ een getal, zoals 85, of laat het leeg")
        return int(_checked(taxonomy, ("leden",), int(text)))

    return parse


def term_answer(taxonomy: Taxonomy, path: tuple[str, ...], terms: dict[str, Term]) -> Callable[[str], str]:
    """A parser for one vocabulary key; a label is accepted too, a typo gets 'bedoel je …?'."""

    def parse(answer: str) -> str:
        return str(_checked(taxonomy, path, resolve_term(_required(answer), terms)))

    return parse


def themes_answer(taxonomy: Taxonomy) -> Callable[[str], list[str]]:
    def parse(answer: str) -> list[str]:
        keys = [resolve_term(part, taxonomy.themes) for part in _required(answer).split(",") if part.strip()]
        return list(_checked(taxonomy, ("themas",), keys))

    return parse


def refs_answer(refs: list[str]) -> Callable[[str], list[str]]:
    def parse(answer: str) -> list[str]:
        chosen = list(dict.fromkeys(one_line(part).strip("/") for part in _required(answer).split(",") if part.strip()))
        problems = [problem for ref in chosen if (problem := unknown_ref_problem(ref, refs))]
        if problems:
            raise InvalidAnswer("; ".join(problems))
        if len(chosen) > 10:
            raise InvalidAnswer(f"noem er hoogstens 10, gevonden {len(chosen)}")
        return chosen

    return parse


def yes_no(answer: str) -> bool:
    text = one_line(answer).casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise InvalidAnswer("typ ja of nee")


def ask_lines(taxonomy: Taxonomy, question: str, path: tuple[str, ...]) -> list[str]:
    """A required list: one item per line, an empty line ends it."""
    print(f"{question} Eén per regel; sluit af met een lege regel.")
    while True:
        items: list[str] = []
        while line := one_line(read("  - ")):
            items.append(line)
        try:
            if not items:
                raise InvalidAnswer("noem er minstens één")
            return list(_checked(taxonomy, path, items))
        except InvalidAnswer as error:
            print(f"  Dat klopt nog niet: {error}. Begin de lijst opnieuw.")


def show_choices(title: str, terms: dict[str, Term]) -> None:
    print(f"{title} Kies uit (sleutel: wat de site toont):")
    for key, term in terms.items():
        print(f"    {key}: {term.label}")


def interview(root: Path, taxonomy: Taxonomy, cases_dir: Path) -> tuple[str, dict[str, Any]]:
    """Ask every question; return the slug and the front matter. Exits when the file already exists."""
    titles = existing_titles(cases_dir)

    def title_answer(answer: str) -> str:
        title = text_answer(taxonomy, ("titel",))(answer)
        slug = slugify(title)
        if not slug:
            raise InvalidAnswer("de titel moet letters of cijfers bevatten")
        if slug in RESERVED_CASE_SLUGS:
            raise InvalidAnswer(f"'{slug}' is een gereserveerde naam op de site; kies een andere titel")
        if title.casefold() in titles:
            raise InvalidAnswer(f"er is al een casus met deze titel: {titles[title.casefold()]}")
        return title

    print("Nieuwe casus voor de kennisbank")
    print("Beantwoord de vragen hieronder. Stoppen kan altijd met Ctrl-D; dan wordt er niets opgeslagen.\n")
    title = ask("Naam van het initiatief (5 tot 120 tekens): ", title_answer)
    slug = slugify(title)
    if (cases_dir / f"{slug}.md").exists():
        raise CaseExists(f"{CASES_DIR}/{slug}.md")
    print(f"  De casus komt in {CASES_DIR}/{slug}.md\n")
    meta: dict[str, Any] = {"titel": title}
    meta["samenvatting"] = ask("Samenvatting in één zin: wat doet het initiatief, en voor wie? ", text_answer(taxonomy, ("samenvatting",), sentence=True))
    show_choices("\nThema's.", taxonomy.themes)
    meta["themas"] = ask("Thema's (één tot vier sleutels, gescheiden door komma's): ", themes_answer(taxonomy))
    show_choices("\nGebied.", taxonomy.regions)
    meta["gebied"] = ask("Gebied (één sleutel): ", term_answer(taxonomy, ("gebied",), taxonomy.regions))
    meta["plaats"] = ask("Plaats of wijk: ", text_answer(taxonomy, ("plaats",)))
    meta["startjaar"] = ask("Startjaar (bijvoorbeeld 2016): ", year_answer(taxonomy))
    show_choices("\nRechtsvorm.", taxonomy.legal_forms)
    meta["rechtsvorm"] = ask("Rechtsvorm (één sleutel): ", term_answer(taxonomy, ("rechtsvorm",), taxonomy.legal_forms))
    show_choices("\nFase.", taxonomy.stages)
    meta["fase"] = ask("Fase (één sleutel): ", term_answer(taxonomy, ("fase",), taxonomy.stages))
    members = ask("Aantal leden (laat leeg als je het niet weet): ", members_answer(taxonomy))
    if members is not None:
        meta["leden"] = members
    print()
    need = ask("Welke behoefte beantwoordt het initiatief? ", text_answer(taxonomy, ("waardecasus", "behoefte")))
    print("\nWelke waarde maakt het initiatief? Vul er minstens één in; de andere mag je leeg laten.")
    value: dict[str, str] = {}
    while not value:
        for kind, question in (
            ("sociaal", "  Sociale waarde (voor mensen en hun onderlinge band): "),
            ("economisch", "  Economische waarde (geld, werk of besparing): "),
            ("ecologisch", "  Ecologische waarde (natuur, klimaat en omgeving): "),
        ):
            text = ask(question, optional_text(taxonomy, ("waardecasus", "waarde", kind)))
            if text:
                value[kind] = text
        if not value:
            print("  Dat klopt nog niet: vul minstens één soort waarde in.")
    print()
    beneficiaries = ask_lines(taxonomy, "Voor wie maakt het initiatief waarde?", ("waardecasus", "voor_wie"))
    meta["waardecasus"] = {"behoefte": need, "waarde": value, "voor_wie": beneficiaries}
    print()
    meta["borging"] = {
        "intern": ask(
            "Interne borging: hoe houdt het initiatief zichzelf overeind (besluiten, rollen, onenigheid)? ",
            text_answer(taxonomy, ("borging", "intern")),
        ),
        "extern": ask(
            "Externe borging: hoe legt het initiatief afspraken vast met gemeente, partners en financiers? ",
            text_answer(taxonomy, ("borging", "extern")),
        ),
    }
    print()
    meta["resultaten"] = ask_lines(taxonomy, "Resultaten: wat heeft het initiatief tot nu toe bereikt?", ("resultaten",))
    print()
    meta["geleerde_lessen"] = ask_lines(taxonomy, "Geleerde lessen: wat kunnen anderen van dit initiatief leren?", ("geleerde_lessen",))
    refs = learning_refs(root)
    print("\nBij welke modules of lessen past deze casus? Kies uit:")
    for ref in refs:
        print(f"    {ref}")
    meta["leren"] = ask("Modules of lessen (gescheiden door komma's): ", refs_answer(refs))
    meta["voorbeeld"] = ask("\nIs dit een verzonnen voorbeeld ter illustratie? (ja/nee): ", yes_no)
    meta.update(editors_fields())
    return slug, meta


def run(root: Path) -> int:
    """The whole `kennisbank new-case` command; returns the exit code."""
    cases_dir = root / CASES_DIR
    try:
        taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    except ContentError as error:
        print(f"De woordenlijsten kloppen niet; los dat eerst op.\n{error}", file=sys.stderr)
        return 1
    try:
        slug, meta = interview(root, taxonomy, cases_dir)
    except (Stop, KeyboardInterrupt):
        print("\nGestopt. Er is niets opgeslagen.", file=sys.stderr)
        return 1
    except CaseExists as error:
        print(f"Er bestaat al een bestand {error.rel_path}. Dat blijft zoals het is; er is niets opgeslagen. Kies een andere titel.", file=sys.stderr)
        return 1
    text = render_case(meta, "", taxonomy, learning_refs(root))
    problems = check_case_text(root, cases_dir, slug, text)
    if problems:
        print("De casus is niet opgeslagen, want er klopt nog iets niet:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    try:
        path = write_new_case(cases_dir, slug, text)
    except FileExistsError:
        print(f"Er bestaat al een bestand {CASES_DIR}/{slug}.md. Het is niet overschreven; er is niets opgeslagen.", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(f"\nKlaar! De casus staat in {rel}.")
    print("Open het bestand en schrijf onder de tweede regel '---' het verhaal van het initiatief. Controleer daarna met: make validate")
    return 0
