"""The facilitator's kit on paper: hints and worked answers per edition, the run sheet, worksheets to fill in, tables a screen reader can follow.

Read from the PDFs of the real content: text with pdftotext, fields and structure with pypdf,
pages as pictures with pdftoppm, and every PDF through the outside checker `pdfua`.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from kennisbank.content.model import case_sheet_path, workbook_path, worksheets_path
from kennisbank.index import Index, load_index
from kennisbank.pdf.build import Job, render
from kennisbank.pdf.documents import worksheet_field
from kennisbank.run_sheet import clock, run_sheet
from PIL import Image, ImageFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import IndirectObject

from tests.conftest import ROOT
from tests.site_pages import ARTIFACTS
from tests.test_pdf import letters, outline, pages_text, struct_elements


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


def text_of(file: Path) -> str:
    return letters("".join(pages_text(file)))


def test_hints_in_both_editions_worked_answers_only_for_the_facilitator(pdf_dir: Path, index: Index) -> None:
    answered = 0
    for module in index.modules.values():
        participant = text_of(pdf_dir.parent / workbook_path(module.slug))
        facilitator = text_of(pdf_dir.parent / workbook_path(module.slug, facilitator=True))
        for lesson in index.lessons_of(module):
            for exercise in lesson.exercises:
                if exercise.hint:
                    assert letters(exercise.hint) in participant and letters(exercise.hint) in facilitator, (lesson.key, exercise.title)
                if exercise.worked_answer:
                    answered += 1
                    assert letters(exercise.worked_answer) in facilitator, (lesson.key, exercise.title)
                    assert letters(exercise.worked_answer)[:80] not in participant, (lesson.key, exercise.title)
        assert letters("Uitwerking") not in participant
    assert answered >= 30  # the real content has worked answers; a test on none would prove nothing


def test_the_facilitator_edition_opens_with_the_run_sheet_on_one_page(pdf_dir: Path, index: Index) -> None:
    for module in index.modules.values():
        file = pdf_dir.parent / workbook_path(module.slug, facilitator=True)
        pages = pages_text(file)
        bookmarks = {title: page for _, title, page in outline(file)}
        assert bookmarks["Draaiboek"] == 1  # right after the cover
        assert bookmarks["Inhoud"] == 2  # so the run sheet fits on one page
        page = " ".join(pages[1].split())
        assert "Draaiboek De tijden gaan uit van een begin om" in page
        sheet = run_sheet(module, index.lessons_of(module))
        for meeting in sheet.meetings:
            assert f"Bijeenkomst {meeting.number}:" in page, (module.slug, meeting.number)
            for block in meeting.blocks:
                assert f"{clock(block.start)}–{clock(block.end)}" in page, (module.slug, block.title)
        assert "Draaiboek" not in " ".join(pages_text(pdf_dir.parent / workbook_path(module.slug))[1].split())


def worksheets(index: Index) -> dict[str, list[tuple[Any, int]]]:
    return {
        slug: [(lesson, n) for lesson in index.lessons_of(module) for n, exercise in enumerate(lesson.exercises, start=1) if exercise.worksheet]
        for slug, module in index.modules.items()
    }


def test_worksheets_have_fields_named_after_worksheet_and_question(pdf_dir: Path, index: Index) -> None:
    for slug, sheets in worksheets(index).items():
        expected = {worksheet_field(lesson, n, part) for lesson, n in sheets for part in ("naam", "datum", "antwoord")}
        for file in (pdf_dir.parent / worksheets_path(slug), pdf_dir.parent / workbook_path(slug)):
            fields = PdfReader(file).get_fields() or {}
            assert set(fields) == expected, file.name
            for name, field in fields.items():
                assert field.get("/FT") == "/Tx", name
                assert str(field.get("/TU", "")).startswith("Werkblad "), name  # what a screen reader says for the field
            answers = [field for name, field in fields.items() if name.endswith("-antwoord")]
            assert all(int(field.get("/Ff", 0)) & (1 << 12) for field in answers)  # multiline
        assert not PdfReader(pdf_dir.parent / workbook_path(slug, facilitator=True)).get_fields()


def test_the_worksheets_pdf_holds_only_the_worksheets(pdf_dir: Path, index: Index) -> None:
    for slug, sheets in worksheets(index).items():
        file = pdf_dir.parent / worksheets_path(slug)
        pages = pages_text(file)
        assert len(pages) == 1 + len(sheets)
        for page, (lesson, n) in zip(pages[1:], sheets, strict=True):
            exercise = lesson.exercises[n - 1]
            assert f"WERKBLAD · LES {lesson.order}" in page and letters(exercise.title) in letters(page) and "Naam of groep" in page
        whole = letters("".join(pages))
        assert letters("Leerdoelen") not in whole and letters("Kernpunten") not in whole


LONGEST_DATE = "woensdag 28 september 2025"  # the longest date a reader writes out in full
PDF_FONT = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")  # the PDFs' font (scripts/system-deps.sh)
FIELD_POINTS = 10.5  # print.css, .kb-field


def test_the_date_field_holds_a_date_written_out(pdf_dir: Path, index: Index) -> None:
    """A typed 'woensdag 28 september 2025' fits the date field of every worksheet, and the field stays inside the page's margin."""
    needed = ImageFont.truetype(str(PDF_FONT), 1000).getlength(LONGEST_DATE) * FIELD_POINTS / 1000
    for slug in worksheets(index):
        reader = PdfReader(pdf_dir.parent / worksheets_path(slug))
        dates = 0
        for page in reader.pages:
            right_margin = float(page.mediabox.width) - 18 / 25.4 * 72  # print.css, @page margin
            for annotation in page.get("/Annots", []):
                field = annotation.get_object()
                if not str(field.get("/T", "")).endswith("-datum"):
                    continue
                dates += 1
                left, right = sorted(float(value) for value in field["/Rect"][0::2])
                assert right - left >= needed + 2, (slug, str(field["/T"]), right - left, needed)  # and a little room for the reader's padding
                assert right <= right_margin + 0.5, (slug, str(field["/T"]))
        assert dates == len(worksheets(index)[slug])


def dark_pixels(png: Path, box: tuple[float, float, float, float]) -> int:
    """Dark pixels inside a rectangle given in PDF points (origin bottom left) on a page rendered at 72 dpi."""
    image = Image.open(png).convert("L")
    (x1, x2), (y1, y2) = sorted(box[0::2]), sorted(box[1::2])
    height = image.height
    crop = image.crop((int(x1) + 2, int(height - y2) + 2, int(x2) - 2, int(height - y1) - 2))
    return sum(crop.histogram()[:100])


def test_a_filled_worksheet_shows_its_text_and_an_empty_one_its_lines(pdf_dir: Path, index: Index, tmp_path: Path) -> None:
    slug = "cooperatie2daagse"
    lesson, n = worksheets(index)[slug][0]
    source = pdf_dir.parent / worksheets_path(slug)
    writer = PdfWriter(clone_from=PdfReader(source))
    answer = "Wij willen een buurtbus voor ouderen in het dorp."
    values = {worksheet_field(lesson, n, "naam"): "Groep Dorpsbus", worksheet_field(lesson, n, "antwoord"): answer}
    writer.update_page_form_field_values(writer.pages[1], values, auto_regenerate=False)
    filled = tmp_path / "ingevuld.pdf"
    with filled.open("wb") as out:
        writer.write(out)
    assert (PdfReader(filled).get_fields() or {})[worksheet_field(lesson, n, "antwoord")].get("/V") == answer  # saved in the file

    pictures = {}
    for name, file in (("leeg", source), ("ingevuld", filled)):
        prefix = tmp_path / name
        subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "2", "-l", "2", str(file), str(prefix)], check=True)
        [pictures[name]] = sorted(tmp_path.glob(f"{name}*.png"))
    ARTIFACTS.mkdir(exist_ok=True)
    for name, png in pictures.items():
        Image.open(png).save(ARTIFACTS / f"werkblad-{name}.png")
    page = PdfReader(filled).pages[1]
    rectangles = {}
    annotations: Any = page["/Annots"]
    for annotation in annotations:
        rect = [float(v) for v in annotation.get_object()["/Rect"]]
        (x1, x2), (y1, y2) = sorted(rect[0::2]), sorted(rect[1::2])
        rectangles[str(annotation.get_object()["/T"])] = (x1, y1, x2, y2)
    name_box = rectangles[worksheet_field(lesson, n, "naam")]
    answer_box = rectangles[worksheet_field(lesson, n, "antwoord")]
    top_line = (answer_box[0], answer_box[3] - 28, answer_box[2], answer_box[3])  # the first ruled line and the text above it
    assert dark_pixels(pictures["leeg"], name_box) == 0 and dark_pixels(pictures["leeg"], top_line) == 0  # empty: nothing but lines
    assert dark_pixels(pictures["ingevuld"], name_box) > 50 and dark_pixels(pictures["ingevuld"], top_line) > 50  # filled: the typed text
    picture = Image.open(pictures["leeg"]).convert("L")
    grey = picture.crop((int(answer_box[0]), 0, int(answer_box[2]), picture.height)).histogram()[100:200]
    assert sum(grey) > 1000  # the ruled lines print when the field is empty


def structure_cells(file: Path) -> list[Any]:
    """Every /TH and /TD of a tagged PDF's structure tree."""
    return [element for element in struct_elements(file) if element["/S"] in ("/TH", "/TD")]


def scopes(file: Path) -> list[str]:
    return [str(cell["/A"]["/Scope"]) for cell in structure_cells(file) if cell["/S"] == "/TH"]


def test_header_cells_get_the_scope_weasyprint_derived_from_the_html(tmp_path: Path) -> None:
    html = (
        '<html lang="nl"><head><title>Tabellen</title></head><body><h1>Tabellen</h1>'
        "<table><thead><tr><th>Les</th><th>Duur</th></tr></thead><tbody><tr><td>Waarden</td><td>75</td></tr></tbody></table>"
        '<table><tr><th scope="row">Gebied</th><td>Utrecht</td></tr><tr><th scope="row">Plaats</th><td>Lombok</td></tr></table>'
        "</body></html>"
    )
    source = tmp_path / "bron"
    source.mkdir()
    render(Job("tabellen.pdf", (html,)), source, tmp_path)
    assert scopes(tmp_path / "tabellen.pdf") == ["/Column", "/Column", "/Row", "/Row"]


def test_every_table_in_the_pdfs_has_header_cells_with_their_scope(pdf_dir: Path, index: Index) -> None:
    sheet = pdf_dir.parent / case_sheet_path(next(iter(index.cases)))
    assert set(scopes(sheet)) == {"/Row"}  # the case card's labels head their rows
    assert "/Column" in scopes(pdf_dir.parent / workbook_path("cooperatie2daagse", facilitator=True))  # the run sheet's and lessons' column heads
    for file in sorted(pdf_dir.rglob("*.pdf")):
        cells = structure_cells(file)
        assert all("/Scope" in cell["/A"] for cell in cells if cell["/S"] == "/TH"), file.name


def test_pdfua_reports_nothing_on_any_pdf(pdf_dir: Path) -> None:
    """pdfua 0.1.3 (the outside checker): no error and no warning on any PDF, workbooks, worksheets and case sheets alike.

    Its check for empty headings (UA-14-001) cannot run on any tagged PDF with a heading of more than one
    piece of text: pdfua asks a pikepdf array for an attribute, which raises. The test checks the headings itself instead.
    """
    from pdfua import validate

    files = sorted(pdf_dir.rglob("*.pdf"))
    assert len(files) >= 3 * 5 + 16
    for file in files:
        report = validate(str(file))
        assert [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings] == [], file.name
        assert {outcome.rule_id for outcome in report.skipped} <= {"UA-14-001"}, (file.name, [o.skipped_reason for o in report.skipped])
        assert all("is_integer" in str(outcome.skipped_reason) for outcome in report.skipped), file.name
        assert not empty_headings(file), file.name


def empty_headings(file: Path) -> list[str]:
    """Headings in the structure tree that mark no content: what pdfua's UA-14-001 would look for."""

    def marks(node: Any) -> bool:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, int):
            return True
        if isinstance(node, list):
            return any(marks(child) for child in node)
        if isinstance(node, dict):
            return node.get("/Type") == "/MCR" or ("/K" in node and marks(node["/K"]))
        return False

    headings = [element for element in struct_elements(file) if re.fullmatch(r"/H[1-6]", str(element["/S"]))]
    return [str(heading["/S"]) for heading in headings if not marks(heading.get("/K"))]
