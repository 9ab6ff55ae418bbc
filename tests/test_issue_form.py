"""`kennisbank from-issue`: real issue bodies in; a valid case out, or precise Dutch problems and no file."""

from __future__ import annotations

import email.policy
import subprocess
import sys
import time
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from kennisbank.content.loader import load_content
from kennisbank.content.model import Case
from kennisbank.contribute.case_template import DEFAULT_LEARNING_REF, learning_refs
from kennisbank.contribute.issue_form import FormProblem, convert, save

KENNISBANK = str(Path(sys.executable).with_name("kennisbank"))
BODIES = Path(__file__).parent / "issue-bodies"
SLUG = "dorpscooperatie-een-lijn"


def body(name: str) -> str:
    return (BODIES / name).read_text(encoding="utf-8")


def from_issue(root: Path, source: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KENNISBANK, "--root", str(root), "from-issue", source, *args], input=stdin, capture_output=True, text=True, check=False, cwd=root, timeout=60
    )


def ref(root: Path) -> str:
    return learning_refs(root)[0]


def case_files(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "cases").iterdir())}


def loaded_case(root: Path, slug: str) -> Case:
    return next(case for case in load_content(root).cases if case.slug == slug)


def problems_of(root: Path, text: str) -> list[FormProblem]:
    result = convert(text, root, root / "cases", [ref(root)])
    assert result.text is None
    assert result.slug is None
    return result.problems


def fails_without_writing(root: Path, name: str) -> str:
    before = case_files(root)
    result = from_issue(root, str(BODIES / name), "--leren", ref(root))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("De casus is niet gemaakt.")
    assert case_files(root) == before
    return result.stderr


def test_a_complete_issue_becomes_a_valid_case(content_copy: Path) -> None:
    result = from_issue(content_copy, str(BODIES / "complete.md"), "--leren", ref(content_copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"cases/{SLUG}.md\n"
    case = loaded_case(content_copy, SLUG)
    assert case.title == "Dorpscoöperatie Één Lijn"
    assert case.summary.endswith("de huisarts.")
    assert case.themes == ("mobiliteit", "zorg")
    assert (case.region, case.legal_form, case.stage) == ("achterhoek", "cooperatie-ua", "actief")
    assert case.year_started == 2018
    assert case.members == 1250
    assert [(p.name, p.kind) for p in case.partners] == [
        ("De gemeente", "overheid"),
        ("Vervoersbedrijf De Snelle Rit", "bedrijf"),
        ("Hogeschool Oost", "kennisinstelling"),
    ]
    assert case.need == "De gewone bus reed niet meer door het dorp. Ouderen konden niet meer zelf naar de huisarts."
    assert set(case.value) == {"sociaal", "ecologisch"}
    assert case.value["ecologisch"] == 'Minder losse autoritten: "samen rijden" spaart brandstof: zo\'n 20% per rit.'
    assert case.beneficiaries == ("ouderen zonder auto", "jongeren die naar school gaan")
    assert case.results == ("elke werkdag vier ritten", "dertig vrijwillige chauffeurs")
    assert [(s.title, s.url) for s in case.sources] == [
        ("Website van de buurtbus", "https://example.org/buurtbus"),
        ("Artikel in de krant", "https://example.org/krant?id=12&x=y"),
    ]
    assert case.learning == (ref(content_copy),)
    assert case.illustrative is True
    assert case.verified is False
    assert case.checked == case.updated == date.today().isoformat(), "accepted today: the label that starts the conversion is the editors' acceptance"
    # The story keeps its own '###' heading: only the form's labels split fields.
    assert "### Hoe het nu gaat" in case.body
    assert "Toestemming" not in case.body


def test_the_body_can_come_from_stdin(content_copy: Path) -> None:
    result = from_issue(content_copy, "-", "--leren", ref(content_copy), stdin=body("complete.md"))
    assert result.returncode == 0, result.stderr
    assert loaded_case(content_copy, SLUG).title == "Dorpscoöperatie Één Lijn"


def test_windows_line_endings_are_read_the_same(content_copy: Path) -> None:
    result = convert(body("complete.md").replace("\n", "\r\n"), content_copy, content_copy / "cases", [ref(content_copy)])
    assert result.problems == []
    assert result.slug == SLUG


def test_the_default_learning_reference(content_copy: Path) -> None:
    result = convert(body("complete.md"), content_copy, content_copy / "cases", [DEFAULT_LEARNING_REF])
    if DEFAULT_LEARNING_REF in learning_refs(content_copy):
        assert result.problems == []
        assert f"\n  - {DEFAULT_LEARNING_REF}\n" in (result.text or "")
    else:
        assert [p.label for p in result.problems] == ["--leren"]


def test_empty_required_fields_are_named(content_copy: Path) -> None:
    stderr = fails_without_writing(content_copy, "no-response.md")
    assert "- Naam van het initiatief: is verplicht, maar niet ingevuld\n" in stderr
    assert sorted(str(p) for p in problems_of(content_copy, body("no-response.md"))) == [
        "Geleerde lessen (één per regel): is verplicht, maar niet ingevuld",
        "Naam van het initiatief: is verplicht, maar niet ingevuld",
        "Sociale waarde / Economische waarde / Ecologische waarde: vul minstens één van de onderdelen in",
        "Startjaar: is verplicht, maar niet ingevuld",
    ]


def test_html_and_template_code_are_refused_in_every_field(content_copy: Path) -> None:
    stderr = fails_without_writing(content_copy, "injection.md")
    assert "<script>" not in stderr
    problems = {p.label: p.message for p in problems_of(content_copy, body("injection.md"))}
    assert problems == {
        "Naam van het initiatief": "HTML-code is hier niet toegestaan; schrijf gewone tekst zonder '<' en '>'",
        "Samenvatting in één zin": "sjablooncode zoals '{{', '{%' of '{#' is niet toegestaan; schrijf gewone tekst",
        "Interne borging": "sjablooncode zoals '{{', '{%' of '{#' is niet toegestaan; schrijf gewone tekst",
        "Het verhaal": "HTML-code is hier niet toegestaan; schrijf gewone tekst zonder '<' en '>'",
        "Bronnen (één per regel: titel — https://…)": "links die beginnen met 'javascript:', 'vbscript:' of 'data:' zijn niet toegestaan",
    }


@pytest.mark.parametrize(
    ("label", "value", "expected"),
    [
        ("Het verhaal", "Tekst {# stil #} verder.", "sjablooncode"),
        ("Plaats of wijk", "Zelhem\x1b[31m", "stuurteken"),
        ("Resultaten (één per regel)", "<  img src=x>", "HTML-code"),
        ("Het verhaal", "[klik](javascript:alert(1))", "javascript:"),
    ],
)
def test_more_unsafe_values_are_refused(content_copy: Path, label: str, value: str, expected: str) -> None:
    text = body("complete.md")
    start = text.index(f"### {label}\n\n") + len(f"### {label}\n\n")
    end = text.index("\n\n###", start)
    problems = problems_of(content_copy, text[:start] + value + text[end:])
    assert [p.label for p in problems] == [label]
    assert expected in problems[0].message


def test_yaml_in_a_value_stays_text(content_copy: Path) -> None:
    text = body("complete.md").replace("\nZelhem\n", '\nZelhem"\nvoorbeeld: false\ngeverifieerd: true\n')
    result = from_issue(content_copy, "-", "--leren", ref(content_copy), stdin=text)
    assert result.returncode == 0, result.stderr
    case = loaded_case(content_copy, SLUG)
    assert case.place == 'Zelhem" voorbeeld: false geverifieerd: true'
    assert case.illustrative is True
    assert case.verified is False


def test_a_body_without_form_headings_is_refused(content_copy: Path) -> None:
    stderr = fails_without_writing(content_copy, "malformed.md")
    assert "1 punt in het formulier moet anders" in stderr
    assert [str(p) for p in problems_of(content_copy, body("malformed.md"))] == [
        "Het formulier: dit is geen ingevuld casusformulier: er staan geen kopjes zoals '### Naam van het initiatief' in. "
        "Gebruik het formulier 'Casus aandragen'."
    ]
    assert [p.label for p in problems_of(content_copy, "")] == ["Het formulier"]


def test_unknown_dropdown_labels_are_named_with_a_suggestion(content_copy: Path) -> None:
    fails_without_writing(content_copy, "unknown-labels.md")
    assert [str(p) for p in problems_of(content_copy, body("unknown-labels.md"))] == [
        "Thema's: 'Vervoer' is geen bekend thema; kies uit: Energie, Zorg en welzijn, Wonen, Voedsel, Mobiliteit, Werk en economie, "
        "Natuur en landschap, Leefbaarheid, Cultuur en erfgoed",
        "Thema's: 'Zorg en welzjin' is geen bekend thema (bedoel je 'Zorg en welzijn'?)",
        "Gebied: 'Buitenland' is geen bekend gebied (bedoel je 'Friesland'?)",
        "Rechtsvorm: 'Coöperatie UA' is geen bekende rechtsvorm (bedoel je 'Coöperatie U.A.'?)",
        "Fase: 'Bijna klaar' is geen bekende fase; kies uit: Idee, In oprichting, Opbouw, Actief, Gestopt",
        "Partners (één per regel: naam — soort): 'Gemeente' is geen bekende soort partner; kies uit: Overheid, Bedrijf, Maatschappelijke organisatie, "
        "Kennisinstelling",
        "Is dit een bestaand initiatief?: 'Misschien' is geen keuze uit de lijst; kies 'Ja, het bestaat echt' of 'Nee, het is een voorbeeld ter illustratie'",
    ]


def test_wrong_values_in_lines_and_numbers(content_copy: Path) -> None:
    text = (
        body("complete.md")
        .replace("\n2018\n", "\ntweeduizend achttien\n")
        .replace("De gemeente — Overheid", "De gemeente")
        .replace("Website van de buurtbus — https://example.org/buurtbus", "Website van de buurtbus — https://…")
        .replace("- [X] Ik geef", "- [ ] Ik geef")
    )
    assert sorted(str(p) for p in problems_of(content_copy, text)) == [
        "Bronnen (één per regel: titel — https://…): regel 1: 'https://…' is geen volledig webadres",
        "Partners (één per regel: naam — soort): regel 1 ('De gemeente') heeft niet de vorm 'naam — soort'",
        "Startjaar: 'tweeduizend achttien' is geen getal; schrijf alleen cijfers, zoals 2016",
        "Toestemming: zonder vinkje bij de toestemming kunnen we de casus niet plaatsen",
    ]


def test_schema_rules_are_reported_per_form_field(content_copy: Path) -> None:
    text = body("complete.md").replace("\n2018\n", "\n1850\n").replace("Mobiliteit, Zorg en welzijn", "Mobiliteit, Zorg en welzijn, Wonen, Voedsel, Energie")
    problems = problems_of(content_copy, text)
    assert sorted(str(p) for p in problems) == [
        "Startjaar: 1850 is te klein; verwacht minstens 1900",
        "Thema's: noem er hoogstens 4, gevonden 5",
    ]


def test_a_field_given_twice_is_refused(content_copy: Path) -> None:
    text = body("complete.md") + "\n### Naam van het initiatief\n\nNog een naam\n"
    assert [str(p) for p in problems_of(content_copy, text)] == [
        "Naam van het initiatief: dit kopje staat twee keer in het formulier; laat het er één keer in staan"
    ]


def test_an_existing_title_is_refused(content_copy: Path) -> None:
    taken = load_content(content_copy).cases[0]
    text = body("complete.md").replace("Dorpscoöperatie Één Lijn", taken.title)
    problems = problems_of(content_copy, text)
    assert [p.label for p in problems] == ["Naam van het initiatief"]
    assert problems[0].message == f"er is al een casus met deze titel: {taken.path}"


def test_a_title_that_gives_an_existing_file_name_is_refused(content_copy: Path) -> None:
    """Another title, the same slug: the case would replace the existing file on the pull request's branch."""
    taken = load_content(content_copy).cases[0]
    same_name = taken.slug.replace("-", " ").upper()  # not the title, but it gives the same file name
    assert same_name.casefold() != taken.title.casefold()
    problems = problems_of(content_copy, body("complete.md").replace("Dorpscoöperatie Één Lijn", same_name))
    assert [p.label for p in problems] == ["Naam van het initiatief"]
    assert problems[0].message == f"deze titel geeft de bestandsnaam {taken.path}, en die casus bestaat al; kies een andere titel"


def test_an_unknown_learning_reference_is_refused(content_copy: Path) -> None:
    result = from_issue(content_copy, str(BODIES / "complete.md"), "--leren", "bestaat-niet")
    assert result.returncode == 1
    assert "- --leren: 'bestaat-niet' is geen bestaande module of les" in result.stderr
    assert not (content_copy / "cases" / f"{SLUG}.md").exists()


def test_an_existing_file_is_never_overwritten(content_copy: Path) -> None:
    (content_copy / "cases" / f"{SLUG}.md").write_bytes(b"niet aankomen\n")
    before = case_files(content_copy)
    result = from_issue(content_copy, str(BODIES / "complete.md"), "--leren", ref(content_copy), "--out", str(content_copy / "cases"))
    assert result.returncode == 1
    assert f"de bestandsnaam cases/{SLUG}.md, en die casus bestaat al" in result.stderr
    assert case_files(content_copy) == before
    assert save(content_copy / "cases", SLUG, "nieuw\n") == 1, "saving checks again: the file may have come in the meantime"
    assert case_files(content_copy) == before


def test_out_folder_and_unreadable_input(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "nieuw"
    result = from_issue(content_copy, str(BODIES / "complete.md"), "--leren", ref(content_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / f"{SLUG}.md").exists()
    missing = from_issue(content_copy, str(tmp_path / "bestaat-niet.md"))
    assert missing.returncode == 1
    assert missing.stderr.startswith("Kan het bestand")
    (tmp_path / "latin1.md").write_bytes("### Naam van het initiatief\n\nCoöperatie".encode("latin-1"))
    latin = from_issue(content_copy, str(tmp_path / "latin1.md"))
    assert latin.returncode == 1
    assert "geen geldige UTF-8-tekst" in latin.stderr


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Mobiliteit, Zorg en welzijn", "," * 150_000),
        ("Website van de buurtbus — https://example.org/buurtbus", "https://a" * 20_000 + " x"),
        ("Het begon op een dorpsavond in 2018.", "<" + " " * 70_000 + "a"),
        ("- ouderen zonder auto", "x\n" * 50_000),
    ],
)
def test_hostile_shapes_are_answered_quickly(content_copy: Path, old: str, new: str) -> None:
    started = time.monotonic()
    problems = problems_of(content_copy, body("complete.md").replace(old, new))
    assert problems
    assert time.monotonic() - started < 10


def test_a_story_past_a_limit_is_refused_before_a_file_is_written(content_copy: Path) -> None:
    before = case_files(content_copy)
    hostile = body("complete.md").replace("Het begon op een dorpsavond in 2018.", "> " * 3000 + "Het begon op een dorpsavond in 2018.")
    problems = problems_of(content_copy, hostile)
    assert any("3000 niveaus diep genest" in problem.message for problem in problems), problems
    assert case_files(content_copy) == before


def mailed(text: str, *, charset: str = "utf-8", cte: str = "quoted-printable", flowed: bool = False) -> bytes:
    """The form's text as the body of an e-mail, as a mail program sends it and an editor saves it (.eml)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "Iemand <iemand@example.org>"
    message["Subject"] = "Casus: Dorpscoöperatie Één Lijn"
    if not flowed:
        message.set_content(text, charset=charset, cte=cte)
        return message.as_bytes()
    # format=flowed (RFC 3676): long lines broken after a space, which stays at the end of the line; a line that starts with a space gets one more.
    wrapped = []
    for line in text.split("\n"):
        line = " " + line if line.startswith(" ") else line
        while len(line) > 50 and " " in line[:50]:
            cut = line.rindex(" ", 0, 50) + 1
            wrapped.append(line[:cut])
            line = line[cut:]
        wrapped.append(line)
    message.set_content("\n".join(wrapped), charset=charset, cte=cte)
    message.set_param("format", "flowed")
    return message.as_bytes()


def with_attachment(text: str) -> bytes:
    """A short e-mail with the downloaded form attached, as a file without a character set (as some mail programs send it)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "Iemand <iemand@example.org>"
    message["Subject"] = "Casus"
    message.set_content("Mijn casus zit in de bijlage.\n")
    message.add_attachment(text.encode("utf-8"), maintype="application", subtype="octet-stream", filename="casus-dorpscooperatie-een-lijn.txt")
    return message.as_bytes()


def converted_file(root: Path, data: bytes, name: str) -> subprocess.CompletedProcess[str]:
    source = root / name
    source.write_bytes(data)
    return from_issue(root, str(source), "--leren", ref(root), "--out", str(root / "uit" / name))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("quoted-printable.eml", lambda text: mailed(text)),
        ("base64-windows-1252.eml", lambda text: mailed(text, charset="windows-1252", cte="base64")),
        ("flowed.eml", lambda text: mailed(text, flowed=True)),
        ("bijlage.eml", with_attachment),
        ("bom.txt", lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")),
        ("mbox.eml", lambda text: b"From iemand@example.org Sat Dec  5 20:15:01 2026\n" + mailed(text)),
    ],
)
def test_a_saved_email_or_downloaded_file_gives_the_same_case(content_copy: Path, name: str, data: Any) -> None:
    plain = converted_file(content_copy, body("complete.md").encode("utf-8"), "tekst.md")
    assert plain.returncode == 0, plain.stderr
    result = converted_file(content_copy, data(body("complete.md")), name)
    assert result.returncode == 0, result.stderr
    expected = (content_copy / "uit" / "tekst.md" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert (content_copy / "uit" / name / f"{SLUG}.md").read_text(encoding="utf-8") == expected


def test_an_email_without_the_form_is_refused_in_dutch(content_copy: Path) -> None:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "iemand@example.org"
    message["Subject"] = "Casus"
    message.set_content("<p>Mijn casus</p>", subtype="html")
    before = case_files(content_copy)
    html = converted_file(content_copy, message.as_bytes(), "html.eml")
    assert html.returncode == 1
    assert "alleen als HTML" in html.stderr and "Traceback" not in html.stderr
    message.set_content("Hallo redactie, ik stuur mijn casus later.\n")
    empty = converted_file(content_copy, message.as_bytes(), "leeg.eml")
    assert empty.returncode == 1
    assert "geen ingevuld formulier 'Casus aandragen'" in empty.stderr
    assert case_files(content_copy) == before


def test_a_story_with_a_big_heading_or_an_image_is_refused_at_the_story(content_copy: Path) -> None:
    story = "Het begon op een dorpsavond in 2018."
    heading = problems_of(content_copy, body("complete.md").replace(story, "# Buurtbus\n\n" + story))
    assert [p.label for p in heading] == ["Het verhaal"]
    assert "gebruik geen kop met één '#'" in heading[0].message
    # No file comes with the form: an image is refused before any other check of the story.
    image = problems_of(content_copy, body("complete.md").replace(story, "# Buurtbus\n\n![De bus](bus.jpg)\n\n" + story))
    assert [str(p) for p in image] == [
        "Het verhaal: een afbeelding ('![De bus](bus.jpg)') kan niet mee via het formulier; haal haar weg en stuur foto's apart naar de redactie"
    ]


def test_a_story_link_that_validate_would_refuse_is_refused_before_a_file_is_written(content_copy: Path) -> None:
    """The converter judges the story's links and anchors as `kennisbank validate` does, among the cases already there."""
    before = case_files(content_copy)
    story = "Het begon op een dorpsavond in 2018."
    problems = problems_of(content_copy, body("complete.md").replace(story, f"{story} Lees ook [de oude casus](bestaat-niet.md)."))
    missing = "link 'bestaat-niet.md' wijst naar een pagina of bestand dat niet bestaat"
    assert [str(p) for p in problems] == [f"Het verhaal: {missing}; verwijs naar een andere casus met haar bestandsnaam, zoals 'samen-oud-zorg.md'"]
    assert case_files(content_copy) == before
    existing = convert(
        body("complete.md").replace(story, f"{story} Lees ook [Zonnedijk](zonnedijk-energie.md)."), content_copy, content_copy / "cases", [ref(content_copy)]
    )
    assert existing.problems == [] and existing.text


def test_a_web_address_with_a_stray_bracket_is_a_problem_not_a_crash(content_copy: Path) -> None:
    text = body("complete.md").replace("Website van de buurtbus — https://example.org/buurtbus", "Website — https://[example.org")
    problems = problems_of(content_copy, text)
    assert [str(p) for p in problems] == ["Bronnen (één per regel: titel — https://…): regel 1: 'https://[example.org' is geen volledig webadres"]
