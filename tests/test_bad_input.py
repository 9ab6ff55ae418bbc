"""The bad-input corpus: every broken file yields one clear Dutch message naming file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from kennisbank import cli
from kennisbank.content.contact import CONTACT_FILE, load_contact
from kennisbank.content.loader import load_content
from kennisbank.content.problems import MAX_PROBLEMS_PER_FILE, ContentError, Problem
from kennisbank.pages.story_check import checked_index

CORPUS = Path(__file__).parent / "bad-input"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))


def problems_for(root: Path) -> list[Problem]:
    """What `kennisbank validate` says: the content, and the links and ids of the stories."""
    with pytest.raises(ContentError) as caught:
        checked_index(root)
    return caught.value.problems


def placed(name: str, root: Path) -> str:
    """Where a corpus file goes in a copy of the content (see expected.yml), as its path there; a case goes into cases/."""
    target = str(EXPECTED[name].get("doel", "cases/"))
    path = target + name if target.endswith("/") else target
    shutil.copy2(CORPUS / name, root / path)
    return path


def test_corpus_is_complete() -> None:
    files = {p.name for p in (*CORPUS.glob("*.md"), *CORPUS.glob("*.yml")) if p.name != "expected.yml"}
    assert files == set(EXPECTED), "every corpus file needs an expectation, and every expectation a file"
    assert len(files) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_reported_precisely(name: str, content_copy: Path) -> None:
    expected = EXPECTED[name]
    path = placed(name, content_copy)
    problems = problems_for(content_copy)
    assert {p.path for p in problems} == {path, *expected.get("also", [])}, [str(p) for p in problems]
    matching = [p for p in problems if p.path == path and expected["contains"] in p.message]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.line == expected["line"]
    assert problem.field == expected["field"]
    where = f"{path}:{expected['line']}: " if expected["line"] else f"{path}: "
    assert str(problem).startswith(where)
    if expected["field"]:
        assert f"veld '{expected['field']}'" in str(problem)


def test_every_error_of_every_file_is_reported_in_one_run(content_copy: Path) -> None:
    for name in ("unknown-theme.md", "yes-no-boolean.md", "impossible-date.md"):
        shutil.copy2(CORPUS / name, content_copy / "cases" / name)
    problems = problems_for(content_copy)
    assert {p.path for p in problems} == {"cases/unknown-theme.md", "cases/yes-no-boolean.md", "cases/impossible-date.md"}


def test_several_errors_in_one_file_are_all_reported(content_copy: Path) -> None:
    text = (CORPUS / "unknown-theme.md").read_text(encoding="utf-8")
    text = text.replace("gebied: utrecht", "gebied: utrech").replace("fase: opbouw", "fase: opbow")
    (content_copy / "cases" / "veel-fouten.md").write_text(text, encoding="utf-8")
    fields = {p.field for p in problems_for(content_copy)}
    assert {"themas[1]", "gebied", "fase"} <= fields


def test_a_file_above_the_size_limit_is_refused(content_copy: Path) -> None:
    text = (CORPUS / "unknown-theme.md").read_text(encoding="utf-8").replace("enrgie", "energie")
    (content_copy / "cases" / "te-groot.md").write_text(text + "Veel tekst. " * 10_000, encoding="utf-8")
    problems = problems_for(content_copy)
    assert len(problems) == 1
    assert str(problems[0]).startswith("cases/te-groot.md: bestand is ")
    assert str(problems[0]).endswith(" kB; de grens is 100 kB")


def _lesson(root: Path) -> Path:
    return root / "docs/leren/van-waarden-naar-structuur/waarden-herkennen.md"


def test_lesson_without_facilitator_notes(content_copy: Path) -> None:
    lesson = _lesson(content_copy)
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("!!! begeleider", "!!! note"), encoding="utf-8")
    problems = problems_for(content_copy)
    assert any(p.path.endswith("waarden-herkennen.md") and "begeleider" in p.message for p in problems)


def test_lesson_order_and_module_duration_must_agree(content_copy: Path) -> None:
    lesson = _lesson(content_copy)
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("duur_minuten: 75", "duur_minuten: 70").replace("volgorde: 1", "volgorde: 2"), encoding="utf-8"
    )
    problems = problems_for(content_copy)
    assert any(p.field == "volgorde" and p.line == 5 for p in problems), [str(p) for p in problems]
    assert any(p.field == "duur_minuten" and "samen" in p.message for p in problems), [str(p) for p in problems]


def test_lesson_in_wrong_module_folder(content_copy: Path) -> None:
    lesson = _lesson(content_copy)
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("module: van-waarden-naar-structuur", "module: borging"), encoding="utf-8")
    problems = problems_for(content_copy)
    assert any(p.field == "module" and "map" in p.message for p in problems)


def test_module_listing_a_missing_lesson(content_copy: Path) -> None:
    module = content_copy / "docs/leren/van-waarden-naar-structuur/index.md"
    module.write_text(module.read_text(encoding="utf-8").replace("  - van-waarden-naar-gedrag", "  - van-waarden-naar-gedrg"), encoding="utf-8")
    problems = problems_for(content_copy)
    assert any(p.field == "lessen" and "bedoel je 'van-waarden-naar-gedrag'" in p.message for p in problems), [str(p) for p in problems]


def test_unknown_vocabulary_value_in_taxonomy_file_is_reported(content_copy: Path) -> None:
    taxonomy = content_copy / "data/taxonomie.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\nextra: {}\n", encoding="utf-8")
    problems = problems_for(content_copy)
    assert [p.field for p in problems] == ["extra"]


ROUTE = "data/leerroutes/met-de-buurt-een-cooperatie-oprichten.yml"


@pytest.mark.parametrize(
    ("path", "old", "new", "line", "dutch"),
    [
        ("data/taxonomie.yml", "    label: Energie\n", "    label: [Energie\n", 10, "de lijst die hier met '[' begint"),
        (ROUTE, "\n    waarom: Je begint bij wat mensen", "\n\t  waarom: Je begint bij wat mensen", 16, "een tab is niet toegestaan"),
    ],
)
def test_a_data_file_that_cannot_be_read_is_named_for_that_alone(content_copy: Path, path: str, old: str, new: str, line: int, dutch: str) -> None:
    """Not as well every field or vocabulary it would then seem to miss."""
    file = content_copy / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = problems_for(content_copy)
    assert [(p.path, p.line) for p in problems] == [(path, line)], [str(p) for p in problems]
    assert dutch in problems[0].message


def _contact_problems(root: Path, old: str, new: str) -> list[Problem]:
    file = root / CONTACT_FILE
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_contact(root)
    return caught.value.problems


def test_contact_details_that_cannot_be_read_are_named_for_that_alone(content_copy: Path) -> None:
    problems = _contact_problems(content_copy, "naam: De Coöperatieve Samenleving\n", "naam: [De Coöperatieve Samenleving\n")
    assert [(p.line, "de lijst die hier met '[' begint" in p.message) for p in problems] == [(3, True)], [str(p) for p in problems]


def test_an_emptied_data_file_is_named_for_that_alone(content_copy: Path) -> None:
    """Saved empty (or with its comments alone): one problem, not one per vocabulary or field."""
    (content_copy / "data/taxonomie.yml").write_text("# Vaste woordenlijsten van de kennisbank.\n", encoding="utf-8")
    (problem,) = problems_for(content_copy)
    assert (problem.path, problem.line) == ("data/taxonomie.yml", 1)
    assert problem.message.startswith("het bestand moet bestaan uit de woordenlijsten (themas, gebieden, rechtsvormen, fases, partnersoorten)")
    (content_copy / CONTACT_FILE).write_text("# Contactgegevens\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_contact(content_copy)
    assert [(p.line, p.message.startswith("het bestand moet bestaan uit velden ('naam: waarde')")) for p in caught.value.problems] == [(1, True)]


def test_a_misspelled_contact_field_is_named_with_the_field_it_may_mean(content_copy: Path) -> None:
    problems = _contact_problems(content_copy, "email_bestuur:", "emial_bestuur:")
    assert {(p.line, p.field, p.message) for p in problems} == {
        (4, "emial_bestuur", "onbekend veld (bedoel je 'email_bestuur'?)"),
        (None, "email_bestuur", "ontbreekt"),
    }
    with pytest.raises(ContentError) as caught:  # validate reads the contact details too, as the build does
        checked_index(content_copy)
    assert f"{CONTACT_FILE}:4: veld 'emial_bestuur': onbekend veld (bedoel je 'email_bestuur'?)" in [str(p) for p in caught.value.problems]


def test_thousands_of_problems_in_one_file_are_counted_not_listed(content_copy: Path) -> None:
    shutil.copy2(CORPUS / "thousands-of-values.md", content_copy / "cases" / "thousands-of-values.md")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].message.startswith("en nog 4977 fouten")
    assert str(caught.value).startswith("5002 fouten in de inhoud:")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_command_says_it_in_dutch(name: str, content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kennisbank validate` as a contributor runs it: exit code 1 and the expected message, never a traceback."""
    placed(name, content_copy)
    assert cli.main(["--root", str(content_copy), "validate"]) == 1
    err = capsys.readouterr().err
    assert EXPECTED[name]["contains"] in err and "Traceback" not in err


def test_a_file_name_can_never_start_a_github_command() -> None:
    """`validate --github` prints annotations: a line break or ':' / ',' in a contributed file's name stays inside the file property."""
    name = "cases/a\n::warning file=README.md,line=1::Nep-melding\n.md"
    line = Problem(name, 3, "titel", "ontbreekt\n::error::nep").github_annotation()
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=cases/a%0A%3A%3Awarning file=README.md%2Cline=1%3A%3ANep-melding%0A.md,line=3::")


def _drop(root: Path, name: str, as_name: str | None = None, title: str | None = None) -> str:
    """Put a corpus file into the copy's cases, under its own title unless it is about titles; its path in the repository."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    target = as_name or name
    if title is not None:
        text = text.replace("titel: Proefcasus voor de validator", f"titel: {title}", 1)
    (root / "cases" / target).write_text(text, encoding="utf-8")
    return f"cases/{target}"


def test_one_run_names_the_problems_of_every_stage_in_every_file(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Front matter, fields, story limits, links and anchors, references, duplicates, lessons and modules, the glossary:
    all at once, also several kinds in one file. A check that needs an earlier one to pass runs for every file that passed it;
    a file with problems of its own is named for those, never as a missing page or lesson elsewhere."""
    root = content_copy
    expected = {  # path → texts its problems must hold
        _drop(root, "duplicate-key.md", title="Proef sleutel"): ["twee keer"],
        _drop(root, "unknown-theme.md", title="Proef thema"): ["bedoel je 'energie'"],
        _drop(root, "story-deep-lists.md", title="Proef lijsten"): ["11 niveaus diep"],
        _drop(root, "story-missing-page.md", title="Proef pagina"): ["bedoel je 'samen-oud-zorg.md'?"],
        _drop(root, "story-missing-anchor.md", title="Proef anker"): ["'#einde', maar dat staat niet op deze pagina"],
        _drop(root, "bad-learning-ref.md", title="Proef verwijzing"): ["bedoel je 'van-waarden-naar-structuur/waarden-herkennen'"],
        _drop(root, "duplicate-title.md"): ["bestaat al"],
        "cases/zonnedijk-energie.md": ["bestaat al"],
    }
    # One file, three stages: a broken field, and in its story a link to a page that does not exist and a javascript: link.
    several = (CORPUS / "unknown-theme.md").read_text(encoding="utf-8").replace("titel: Proefcasus voor de validator", "titel: Proef veel soorten", 1)
    (root / "cases" / "veel-soorten.md").write_text(several + "\nZie [de lijst](/casussen/) en [dit](javascript:alert(1)).\n", encoding="utf-8")
    expected["cases/veel-soorten.md"] = ["bedoel je 'energie'", "begint met '/'", "begint met 'javascript:'"]
    # One file, broken front matter and a story too deep: both.
    deep = (CORPUS / "story-deep-lists.md").read_text(encoding="utf-8").replace("plaats: Houten\n", "plaats: Houten\nplaats: Utrecht\n", 1)
    (root / "cases" / "kapot-en-diep.md").write_text(deep.replace("titel: Proefcasus voor de validator", "titel: Proef kapot en diep", 1), encoding="utf-8")
    expected["cases/kapot-en-diep.md"] = ["twee keer", "11 niveaus diep"]
    # A story linking to a case with problems of its own: that case is named for its own problems only.
    linking = (CORPUS / "story-missing-page.md").read_text(encoding="utf-8").replace("samen-oud-zorgg.md", "proef-thema.md")
    (root / "cases" / "proef-link-naar-fout.md").write_text(linking.replace("titel: Proefcasus voor de validator", "titel: Proef link", 1), encoding="utf-8")
    (root / "cases" / "unknown-theme.md").rename(root / "cases" / "proef-thema.md")
    expected["cases/proef-thema.md"] = expected.pop("cases/unknown-theme.md")
    # A lesson with a broken field and no facilitator notes, and its module listing a lesson that is not there.
    folder = root / "docs/leren/van-waarden-naar-structuur"
    lesson = folder / "van-waarden-naar-gedrag.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("volgorde: 2", "volgorde: twee").replace("!!! begeleider", "!!! note"), encoding="utf-8")
    expected[lesson.relative_to(root).as_posix()] = ["volgorde", "begeleider"]
    module = folder / "index.md"
    module.write_text(module.read_text(encoding="utf-8").replace("  - rechtsvorm-kiezen\n", "  - rechtsvorm-kiezn\n"), encoding="utf-8")
    expected[module.relative_to(root).as_posix()] = ["les 'rechtsvorm-kiezn' bestaat niet", "les 'rechtsvorm-kiezen' staat in de map maar niet in de lijst"]
    glossary = root / "data/begrippen.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  - term: systeemwereld", "  - term: leefwereld", 1), encoding="utf-8")
    expected["data/begrippen.yml"] = ["twee keer"]

    problems = problems_for(root)
    found = {path: " | ".join(str(p) for p in problems if p.path == path) for path in {p.path for p in problems}}
    assert set(found) == set(expected), "\n".join(str(p) for p in problems)
    for path, texts in expected.items():
        for text in texts:
            assert text in found[path], (path, text, found[path])

    assert cli.main(["--root", str(root), "validate"]) == 1  # and the command says it all in one run, file by file
    err = capsys.readouterr().err
    named = [line.split(":", 1)[0] for line in err.splitlines()[1:] if line.startswith(("cases/", "docs/", "data/"))]
    assert named == sorted(named) and set(named) == set(expected)


def test_a_broken_vocabulary_leaves_every_other_check_running(content_copy: Path) -> None:
    """Without vocabularies no case is checked against its fields, but its story and the lessons are."""
    taxonomy = content_copy / "data/taxonomie.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\nextra: {}\n", encoding="utf-8")
    deep = _drop(content_copy, "story-deep-lists.md", title="Proef lijsten")
    lesson = content_copy / "docs/leren/van-waarden-naar-structuur/waarden-herkennen.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("!!! begeleider", "!!! note"), encoding="utf-8")
    problems = problems_for(content_copy)
    assert {p.path for p in problems} == {"data/taxonomie.yml", deep, "docs/leren/van-waarden-naar-structuur/waarden-herkennen.md"}, [str(p) for p in problems]
