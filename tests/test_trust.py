"""How complete and how fresh a case is: the rules of the content model, the worklist they make, and validate's warnings on real files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from kennisbank.content.loader import load_content
from kennisbank.content.problems import ContentError
from kennisbank.content.source import read_source
from kennisbank.content.trust import BASIS, COMPLETE, WELL_DESCRIBED, assess, build_date, check_due
from kennisbank.index import load_index
from kennisbank.pages.inputs import worklist_page
from kennisbank.pages.worklist_page import worklist_parts
from kennisbank.repository import ADDITION_FORM, CASE_FIELD, MISSING_FIELD, Repository
from kennisbank.tools.synthetic import make_corpus
from kennisbank.worklist import AT_BASIS, DUE, EXAMPLES, NOT_COMPLETE, SHOWN, worklist

from tests.conftest import ROOT, copy_content

KENNISBANK = str(Path(sys.executable).with_name("kennisbank"))
CASE = ROOT / "cases" / "zonnedijk-energie.md"
REPOSITORY = Repository("https://github.com/decooperatievesamenleving/kennisbank", "main")


def epoch(day: date) -> str:
    """SOURCE_DATE_EPOCH for the start of a day (UTC)."""
    return str(int((day - date(1970, 1, 1)).total_seconds()))


def real_case() -> tuple[dict[str, Any], str]:
    source = read_source(CASE, ROOT)
    return dict(source.meta), source.body


def complete_case() -> tuple[dict[str, Any], str]:
    meta, body = real_case()
    meta["bronnen"] = [{"titel": "Website", "url": "https://example.org/"}]
    meta["contact"] = {"email": "info@example.org"}
    return meta, body


def test_a_case_with_every_part_is_complete_and_each_missing_part_lowers_it() -> None:
    meta, body = complete_case()
    assert assess(meta, body).level is COMPLETE and assess(meta, body).missing == ()
    for field in ("leden", "bronnen", "contact"):
        found = assess({key: value for key, value in meta.items() if key != field}, body)
        assert (found.level, [part.key for part in found.missing]) == (WELL_DESCRIBED, [field])
    found = assess({key: value for key, value in meta.items() if key != "partners"}, body)
    assert (found.level, [part.key for part in found.missing]) == (BASIS, ["partners"])
    real = assess(*real_case())
    assert (real.level, real.missing_text) == (WELL_DESCRIBED, "bronnen en openbaar contact")


def test_a_story_part_counts_by_its_heading_with_enough_text_under_it() -> None:
    meta, body = complete_case()
    assert "## Hoe het werkt\n" in body
    renamed = assess(meta, body.replace("## Hoe het werkt\n", "## Zo werkt het\n"))
    assert (renamed.level, [part.key for part in renamed.missing]) == (BASIS, ["verhaal-2"])
    # Case, spaces and a closing colon do not matter; a deeper heading belongs to the part above it.
    assert assess(meta, body.replace("## Hoe het werkt\n", "##  hoe het WERKT:\n")).level is COMPLETE
    split = body.replace("## Wat anderen kunnen leren\n", "### Wat anderen kunnen leren\n")
    assert [part.key for part in assess(meta, split).missing] == ["verhaal-3"]
    rest = "\n\n## Hoe het werkt\n\n" + "woord " * 30 + "\n\n## Wat anderen kunnen leren\n\n" + "woord " * 30
    assert [part.key for part in assess(meta, "## Hoe het begon\n\nKort." + rest).missing] == ["verhaal-1"]
    fenced = "```\n## Hoe het begon\n" + "woord " * 30 + "\n```" + rest
    assert [part.key for part in assess(meta, fenced).missing] == ["verhaal-1"], "a line in a code block is no heading"


@pytest.mark.parametrize(
    ("checked", "today", "due"),
    [
        ("2024-03-03", date(2026, 3, 3), False),  # exactly two years: not yet
        ("2024-03-03", date(2026, 3, 4), True),
        ("2024-02-29", date(2026, 2, 28), False),
        ("2026-02-28", date(2028, 2, 29), False),  # a leap day counts from the 28th two years before
        ("2026-02-27", date(2028, 2, 29), True),
        (None, date(2026, 12, 1), True),  # never checked
    ],
)
def test_a_case_is_due_for_a_check_after_two_years_or_when_never_checked(checked: str | None, today: date, due: bool) -> None:
    assert check_due(checked, today) is due


def test_the_build_date_is_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2029, 1, 15)))
    assert build_date() == date(2029, 1, 15)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "morgen")
    with pytest.raises(ContentError, match="SOURCE_DATE_EPOCH: moet een aantal seconden sinds 1970 zijn"):
        build_date()


def edit_case(root: Path, slug: str, changes: dict[str, str], drop: tuple[str, ...] = ()) -> Path:
    """Change front-matter fields of a case in a copy of the content, line by line as an editor would: `changes` are YAML values."""
    path = root / "cases" / f"{slug}.md"
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    lines: list[str] = []
    skipping = False
    for line in front.splitlines():
        key = line.split(":", 1)[0]
        if line[:1].isspace() and skipping:
            continue  # a dropped field's nested lines
        skipping = key in drop or key in changes
        if not skipping:
            lines.append(line)
    lines += [f"{key}: {value}" for key, value in changes.items()]
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")
    return path


def story(root: Path, slug: str, old: str, new: str) -> None:
    path = root / "cases" / f"{slug}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_the_worklist_puts_the_most_useful_work_first(content_copy: Path) -> None:
    today = date(2026, 12, 1)
    real = {"voorbeeld": "false"}
    edit_case(content_copy, "samen-oud-zorg", real | {"gecontroleerd": "2023-05-01"})  # due, and complete in nothing more than the rest
    edit_case(content_copy, "de-oude-deel", real, drop=("gecontroleerd",))  # never checked: due first
    edit_case(content_copy, "warm-op-de-wierde", real, drop=("partners",))  # basis, one part missing
    edit_case(content_copy, "heuvelland-rijdt-samen", real, drop=("partners", "leden"))  # basis, more parts missing
    story(content_copy, "heuvelland-rijdt-samen", "## Hoe het begon", "## Het begin")
    edit_case(content_copy, "zonnedijk-energie", real)  # goed beschreven: two parts missing
    edit_case(content_copy, "buurtbedrijf-handen-vol", real)  # goed beschreven: three parts missing
    edit_case(
        content_copy,
        "landschap-de-groene-es",
        real | {"bronnen": "[{titel: Website, url: 'https://example.org/'}]", "contact": "{email: info@example.org}"},
    )  # complete and checked: not on the list
    index = load_index(content_copy, today=today)
    entries = worklist(index)
    order = [(entry.group, entry.case.slug) for entry in entries]
    examples = [slug for group, slug in order if group is EXAMPLES]
    assert order[:6] == [
        (DUE, "de-oude-deel"),
        (DUE, "samen-oud-zorg"),
        (AT_BASIS, "warm-op-de-wierde"),
        (AT_BASIS, "heuvelland-rijdt-samen"),
        (NOT_COMPLETE, "zonnedijk-energie"),
        (NOT_COMPLETE, "buurtbedrijf-handen-vol"),
    ]
    assert "landschap-de-groene-es" not in {slug for _, slug in order}
    assert len(examples) == len(index.cases) - 7 and order[6:] == [(EXAMPLES, slug) for slug in examples]
    heuvelland = next(entry.case for entry in entries if entry.case.slug == "heuvelland-rijdt-samen")
    assert heuvelland.completeness.missing_text == "het verhaal: hoe het begon, de partners, het aantal leden, bronnen en openbaar contact"
    edit_case(content_copy, "dorpshuis-op-eigen-kracht", {"gecontroleerd": "2020-01-01"})  # an invented example, due as well
    page = worklist_page(load_index(content_copy, today=today), REPOSITORY)
    counts = worklist_parts(page).after[0].html
    assert "Toe aan een controle: 3 casussen" in counts and "Daarvan is een verzonnen voorbeeld; dat staat bij 'Verzonnen voorbeelden'." in counts
    assert dict(page.listed)[DUE.key] == 2


def test_the_worklist_page_stays_the_same_size_however_many_cases_there_are(tmp_path: Path) -> None:
    """Counts and the first hundred: at 300 and at 1,200 cases the page holds as much; the CSV holds them all."""
    sizes = []
    for cases in (300, 1200):
        index = load_index(make_corpus(ROOT, tmp_path / f"corpus-{cases}", cases), today=date(2026, 12, 1))
        page = worklist_page(index, REPOSITORY)
        listed = sum(count for _, count in page.listed)
        assert listed > SHOWN and len(page.entries) == SHOWN
        parts = worklist_parts(page)
        html = "".join(section.html for section in parts.after)
        assert html.count("<li>") == SHOWN and f"Op de lijst staan {listed:,}".replace(",", ".") in html
        sizes.append(len(html))
        assert {key for key, count in page.levels if count} == {"basis", "goed-beschreven", "volledig"}, "the corpus covers every level"
    assert 0.9 <= sizes[1] / sizes[0] <= 1.1, sizes


def validate(root: Path, today: date) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch(today))
    return subprocess.run([KENNISBANK, "--root", str(root), "validate"], capture_output=True, text=True, check=False, env=env)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_validate_warns_about_cases_due_for_a_check_with_file_line_and_field_and_never_fails(content_copy: Path) -> None:
    real = {"voorbeeld": "false"}
    old = edit_case(content_copy, "samen-oud-zorg", real | {"gecontroleerd": "2024-03-03"})
    never = edit_case(content_copy, "de-oude-deel", real, drop=("gecontroleerd",))
    future = edit_case(content_copy, "warm-op-de-wierde", {"gecontroleerd": "2062-01-01"})
    result = validate(content_copy, date(2026, 12, 1))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "veld 'gecontroleerd'" in line]
    assert lines == [
        f"cases/warm-op-de-wierde.md:{line_of(future, 'gecontroleerd: 2062-01-01')}: veld 'gecontroleerd': 1 januari 2062 ligt na vandaag "
        "(1 december 2026); zet hier de dag waarop de redactie de casus controleerde. Dit is een waarschuwing, geen fout.",
        "cases/de-oude-deel.md: veld 'gecontroleerd': ontbreekt: de redactie heeft deze casus nog nooit gecontroleerd. "
        "Leg de gegevens naast het initiatief en voeg dan 'gecontroleerd: JJJJ-MM-DD' toe met de datum van die dag. Dit is een waarschuwing, geen fout.",
        f"cases/samen-oud-zorg.md:{line_of(old, 'gecontroleerd: 2024-03-03')}: veld 'gecontroleerd': laatst gecontroleerd op 3 maart 2024, "
        "meer dan 2 jaar geleden. Vraag het initiatief of de gegevens nog kloppen en zet dan de datum van die dag hier. Dit is een waarschuwing, geen fout.",
    ]
    assert never.exists() and "Toe aan een controle door de redactie: 2 casussen." in result.stdout
    # A day before the two years are over, the case is not due yet.
    assert "cases/samen-oud-zorg.md" not in validate(content_copy, date(2026, 3, 3)).stdout


def test_the_real_cases_are_checked_and_none_is_due_yet() -> None:
    """The sixteen invented examples were accepted into the kennisbank on 26 November 2026 (their first commit)."""
    content = load_content(ROOT)
    assert {case.checked for case in content.cases} == {"2026-11-26"}
    assert all(case.illustrative and case.checked >= case.updated for case in content.cases if case.checked)
    assert not any(check_due(case.checked, date(2026, 12, 1)) for case in content.cases)


MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
ACCEPTED = date(2026, 11, 26)  # 'gecontroleerd' of the real cases
TWO_YEARS_ON = date(2028, 12, 1)  # every real case is due


def build_on(root: Path, site: Path, day: date) -> str:
    """`mkdocs build` as on `day`; its log."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch(day))
    result = subprocess.run([MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=root, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    return result.stderr


def site_files(site: Path) -> dict[str, bytes]:
    """Every file but the search bundle, whose file names Pagefind hashes anew each time."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


@pytest.fixture(scope="module")
def aged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The real content built on a day none is due, then with the same cache two years on; the two sites and the second log."""
    work = tmp_path_factory.mktemp("verouderd")
    root = copy_content(work / "repo")
    build_on(root, work / "toen", date(2026, 12, 1))
    log = build_on(root, work / "nu", TWO_YEARS_ON)
    return work / "toen", work / "nu", log


def test_when_the_date_passes_a_cached_page_shows_the_note_and_equals_a_clean_build(aged: tuple[Path, Path, str], tmp_path: Path) -> None:
    then, now, log = aged
    slug = "zonnedijk-energie"
    before = (then / "casussen" / slug / "index.html").read_text(encoding="utf-8")
    after = (now / "casussen" / slug / "index.html").read_text(encoding="utf-8")
    note = "Dit voorbeeld is sinds 26 november 2026 niet nagelezen."
    assert note not in before and note in after
    assert 'class="kb-note-oud" role="note"' in after
    redone = re.search(r"pagina (\d+) van (\d+)", log)
    assert redone and int(redone.group(1)) >= 17, "every case page and the worklist are made anew when the day makes them due"
    worklist = (now / "bijdragen" / "aanvullen" / "index.html").read_text(encoding="utf-8")
    assert (
        "Toe aan een controle: 16 casussen" in worklist and "Toe aan een controle: 0 casussen" in (then / "bijdragen" / "aanvullen" / "index.html").read_text()
    )
    rows = (now / "bijdragen" / "aanvullen.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 17 and all(row.split('","')[6] == "true" for row in rows[1:])
    # The same files built on the same day, with an empty cache: the same site.
    fresh = copy_content(tmp_path / "repo")
    build_on(fresh, tmp_path / "site", TWO_YEARS_ON)
    clean, warm = site_files(tmp_path / "site"), site_files(now)
    assert sorted(clean) == sorted(warm)
    assert [name for name in clean if clean[name] != warm[name]] == []


@pytest.mark.browser
def test_a_case_due_for_a_check_and_the_worklist_meet_wcag_21_aa(aged: tuple[Path, Path, str], chromium: Any) -> None:
    from tests.browser import serve
    from tests.site_pages import AXE_JS, VIEWPORTS, require_tool
    from tests.test_accessibility import blocking_violations, describe

    require_tool(AXE_JS)
    with serve(aged[1]) as url:
        for viewport in VIEWPORTS:
            context = chromium.new_context(viewport=VIEWPORTS[viewport])
            page = context.new_page()
            for name, path in (("casus-te-controleren", "casussen/samen-oud-zorg/"), ("aanvullen-te-controleren", "bijdragen/aanvullen/")):
                page.goto(url + path, wait_until="networkidle")
                violations = blocking_violations(page, AXE_JS.read_text(encoding="utf-8"), f"{name}-{viewport}")
                assert violations == [], f"{name} ({viewport}):\n{describe(violations)}"
            context.close()


def test_the_addition_form_has_the_fields_the_links_fill_in() -> None:
    """GitHub fills an issue form's input and textarea fields from query parameters named by their ids; never a dropdown."""
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / ADDITION_FORM).read_text(encoding="utf-8"))
    assert form["name"] == "Aanvulling op een casus" and form["labels"] == ["aanvulling"]
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert {fields[CASE_FIELD]["type"], fields[MISSING_FIELD]["type"]} <= {"input", "textarea"}
    labels = [item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown"]
    assert len(set(labels)) == len(labels) and len(set(fields)) == len([item for item in form["body"] if "id" in item])
    case = load_index(ROOT).cases["vervoer-eiland-onderweg"]
    query = parse_qs(urlsplit(REPOSITORY.addition_url(case, check_due=True)).query)
    assert query == {
        "template": [ADDITION_FORM],
        "title": ["Aanvulling: Vervoerscoöperatie Eiland Onderweg"],
        CASE_FIELD: ["Vervoerscoöperatie Eiland Onderweg (cases/vervoer-eiland-onderweg.md)"],
        MISSING_FIELD: ["- het aantal leden\n- bronnen\n- openbaar contact\n- kloppen de gegevens nog? (laatst gecontroleerd op 26 november 2026)"],
    }


def test_edit_uri_must_name_a_repository_on_github() -> None:
    assert Repository.from_edit_uri("https://github.com/o/r/edit/main/docs/") == Repository("https://github.com/o/r", "main")
    assert Repository.from_edit_uri(None) is None
    with pytest.raises(ContentError, match="mkdocs.yml: veld 'edit_uri': 'edit/main/docs/' is geen adres op GitHub"):
        Repository.from_edit_uri("edit/main/docs/")
