"""`make new-case` and `kennisbank template`: real stdin in, a case file that passes the real validation out."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from kennisbank.content.loader import Content, load_content
from kennisbank.content.schema import case_schema
from kennisbank.content.source import slugify
from kennisbank.content.strict_yaml import parse
from kennisbank.content.taxonomy import load_taxonomy
from kennisbank.contribute.case_template import learning_refs, quote, write_new_case

KENNISBANK = str(Path(sys.executable).with_name("kennisbank"))
TITLE = "Coöperatie Één Straat"
SLUG = "cooperatie-een-straat"


def run_cli(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([KENNISBANK, "--root", str(root), *args], input=stdin, capture_output=True, text=True, check=False, timeout=60)


def answers(root: Path, **changes: list[str]) -> str:
    """The stdin of a complete interview; `changes` replaces the lines of one question (to add wrong tries)."""
    questions: dict[str, list[str]] = {
        "titel": [TITLE],
        "samenvatting": ["Buren in een straat delen gereedschap, een bakfiets en een moestuin"],
        "themas": ["leefbaarheid, Voedsel"],
        "gebied": ["utrecht"],
        "plaats": ["Utrecht-Oost"],
        "startjaar": ["2021"],
        "rechtsvorm": ["Coöperatie U.A."],
        "fase": ["opbouw"],
        "leden": ["1.200"],
        "behoefte": ['Veel buren kochten dure spullen die ze bijna nooit gebruikten: "zonde".'],
        "sociaal": ["Buren leren elkaar kennen door te lenen en terug te brengen."],
        "economisch": [""],
        "ecologisch": ["Minder spullen kopen betekent minder afval."],
        "voor_wie": ["gezinnen in de straat", "ouderen die hulp bij klussen zoeken", ""],
        "intern": ["Een kleine werkgroep beheert de uitleenkast; de ledenvergadering beslist over aankopen."],
        "extern": ["Een afspraak met de gemeente over de plek van de uitleenkast."],
        "resultaten": ["veertig spullen in de uitleenkast", ""],
        "geleerde_lessen": ["Houd het uitlenen eenvoudig: een lijst op papier werkt ook.", ""],
        "leren": [learning_refs(root)[0]],
        "voorbeeld": ["ja"],
    }
    for name, lines in changes.items():
        questions[name] = lines
    return "".join(line + "\n" for lines in questions.values() for line in lines)


def loaded(root: Path, slug: str) -> Content:
    content = load_content(root)
    assert slug in {case.slug for case in content.cases}
    return content


def case_files(root: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((root / "cases").iterdir())}


def test_slugs_are_lowercase_ascii_with_hyphens() -> None:
    assert slugify("Coöperatie Één") == "cooperatie-een"
    assert slugify("  Zorg & Welzijn: 't Hof (2024)! ") == "zorg-welzijn-t-hof-2024"
    assert slugify("Straße Ærø") == "strasse-aero"
    assert slugify("!!!") == ""
    assert len(slugify("heel " * 40)) <= 60


@pytest.mark.parametrize(
    "value", ['tekst met "aanhalingstekens" en \\', "regel\nnieuwe regel\ttab", "a: b # geen commentaar", "- lijst", "{{ x }}", "\u2028\x85\x00\ufeff"]
)
def test_quoted_values_read_back_exactly(value: str) -> None:
    doc = parse(f"veld: {quote(value)}\n")
    assert doc.issues == []
    assert doc.data == {"veld": value}


def test_an_interview_writes_a_case_that_passes_validation(content_copy: Path) -> None:
    result = run_cli(content_copy, "new-case", stdin=answers(content_copy))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"cases/{SLUG}.md" in result.stdout
    case = next(c for c in loaded(content_copy, SLUG).cases if c.slug == SLUG)
    assert case.title == TITLE
    assert case.summary.endswith("moestuin.")  # the forgotten full stop is added
    assert case.themes == ("leefbaarheid", "voedsel")
    assert case.legal_form == "cooperatie-ua"  # a label is accepted and stored as its key
    assert case.members == 1200
    assert case.value == {
        "sociaal": "Buren leren elkaar kennen door te lenen en terug te brengen.",
        "ecologisch": "Minder spullen kopen betekent minder afval.",
    }
    assert case.need.endswith('"zonde".')
    assert case.beneficiaries == ("gezinnen in de straat", "ouderen die hulp bij klussen zoeken")
    assert case.illustrative is True
    assert case.verified is False
    assert case.updated == date.today().isoformat()
    assert case.checked == date.today().isoformat(), "the day the case is made; the reviewer keeps or corrects it on acceptance"


def test_every_field_is_explained_by_a_comment_before_it(content_copy: Path) -> None:
    run_cli(content_copy, "new-case", stdin=answers(content_copy))
    lines = (content_copy / "cases" / f"{SLUG}.md").read_text(encoding="utf-8").split("---\n")[1].splitlines()
    taxonomy = load_taxonomy(content_copy / "data/taxonomie.yml", content_copy)
    schema = case_schema(taxonomy)
    names = set(schema["properties"]) | {"behoefte", "waarde", "voor_wie", "sociaal", "economisch", "ecologisch", "intern", "extern"}
    seen = set()
    for number, line in enumerate(lines):
        name = line.lstrip(" #").split(":", 1)[0]
        if name in names and ":" in line and not line.lstrip(" #").startswith(("- ", "  ")):
            seen.add(name)
            before = [previous for previous in lines[:number] if previous.strip()][-1]
            assert before.lstrip().startswith("#"), line
    assert seen == names
    text = "\n".join(lines)
    for key in [*taxonomy.themes, *taxonomy.regions, *taxonomy.legal_forms, *taxonomy.stages, *taxonomy.partner_kinds]:
        assert f"#   {key}: " in text


def test_wrong_answers_are_asked_again(content_copy: Path) -> None:
    stdin = answers(
        content_copy,
        titel=["", "Kort", TITLE],
        themas=["enrgie, zorg", "energie, zorg"],
        gebied=["utrech", "utrecht"],
        startjaar=["tweeduizend", "1850", "2021"],
        leden=["veel", ""],
        sociaal=["", "", "", "Buren leren elkaar kennen."],  # all three empty: the three are asked again
        economisch=[""],
        ecologisch=[""],
        voor_wie=["", "gezinnen", ""],
        leren=["van-waarden-naar-structuur/bestaat-niet", learning_refs(content_copy)[0]],
        voorbeeld=["misschien", "nee"],
    )
    result = run_cli(content_copy, "new-case", stdin=stdin)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "dit is verplicht" in out
    assert "is te kort: minstens 5 tekens" in out
    assert "'enrgie' is geen bekend thema (bedoel je 'energie'?)" in out
    assert "'utrech' is geen bekend gebied (bedoel je 'utrecht'?)" in out
    assert "'tweeduizend' is geen jaartal" in out
    assert "1850 is te klein" in out
    assert "'veel' is geen aantal" in out
    assert "vul minstens één soort waarde in" in out
    assert "noem er minstens één" in out
    assert "'van-waarden-naar-structuur/bestaat-niet' is geen bestaande module of les" in out
    assert "typ ja of nee" in out
    case = next(c for c in loaded(content_copy, SLUG).cases if c.slug == SLUG)
    assert case.themes == ("energie", "zorg")
    assert case.year_started == 2021
    assert case.members is None
    assert case.value == {"sociaal": "Buren leren elkaar kennen."}
    assert case.illustrative is False


def test_an_existing_file_is_never_overwritten(content_copy: Path) -> None:
    existing = content_copy / "cases" / f"{SLUG}.md"
    existing.write_bytes(b"---\ntitel: iets anders\n---\nniet aankomen\n")
    before = case_files(content_copy)
    result = run_cli(content_copy, "new-case", stdin=answers(content_copy))
    assert result.returncode == 1
    assert f"Er bestaat al een bestand cases/{SLUG}.md" in result.stderr
    assert "er is niets opgeslagen" in result.stderr
    assert case_files(content_copy) == before


def test_exclusive_creation_refuses_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "casus.md"
    target.write_bytes(b"origineel\n")
    with pytest.raises(FileExistsError):
        write_new_case(tmp_path, "casus", "nieuw\n")
    assert target.read_bytes() == b"origineel\n"


def test_a_title_that_is_already_used_is_asked_again(content_copy: Path) -> None:
    taken = load_content(content_copy).cases[0].title
    result = run_cli(content_copy, "new-case", stdin=answers(content_copy, titel=[taken.upper(), TITLE]))
    assert result.returncode == 0, result.stderr
    assert "er is al een casus met deze titel" in result.stdout


@pytest.mark.parametrize("questions_answered", [0, 1, 5, 14])
def test_ctrl_d_stops_without_writing(content_copy: Path, questions_answered: int) -> None:
    before = case_files(content_copy)
    stdin = "".join(answers(content_copy).splitlines(keepends=True)[:questions_answered])
    result = run_cli(content_copy, "new-case", stdin=stdin)
    assert result.returncode == 1
    assert "Gestopt. Er is niets opgeslagen." in result.stderr
    assert "Traceback" not in result.stderr
    assert case_files(content_copy) == before


def test_the_template_is_a_valid_case_with_examples(content_copy: Path) -> None:
    result = run_cli(content_copy, "template")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("---\n# Casus voor de kennisbank")
    (content_copy / "cases" / "voorbeeld-uit-sjabloon.md").write_text(result.stdout, encoding="utf-8")
    case = next(c for c in loaded(content_copy, "voorbeeld-uit-sjabloon").cases if c.slug == "voorbeeld-uit-sjabloon")
    assert case.partners and case.sources and case.contact and case.members  # optional fields are shown filled in
    assert case.illustrative is True
    assert case.checked is None and "\n# gecontroleerd: " in result.stdout, "someone who writes a case by hand leaves the check date to the editors"
