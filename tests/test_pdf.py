"""The printable workbooks and case sheets, checked on the PDFs themselves (text via pdftotext, structure via pypdf)."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from kennisbank.content.model import PDF_DIR, WORKSHEETS_SUFFIX, Lesson, case_sheet_path, workbook_path, worksheets_path
from kennisbank.index import Index, load_index
from kennisbank.pdf.build import Job, build_pdfs, render, site_url_of
from kennisbank.pdf.documents import glossary_terms_in
from kennisbank.pdf.fetcher import ForbiddenFetch, SourceDirFetcher
from kennisbank.pdf.markup import MARKDOWN_EXTENSIONS
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import IndirectObject
from weasyprint.urls import FatalURLFetchingError

from tests.conftest import ROOT, copy_content

LEAKS = ("{{", "}}", "{%", "%}", "**", "!!!", ":::", "](", "</", "&amp;", "&lt;")


@pytest.fixture(scope="session")
def index() -> Index:
    return load_index(ROOT)


def pages_text(file: Path) -> list[str]:
    """Text of every page (pdftotext keeps reading order and puts a form feed between pages)."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(file), "-"], capture_output=True, text=True, check=True)
    return result.stdout.split("\f")[: len(PdfReader(file).pages)]


def flat(text: str) -> str:
    return " ".join(text.split())


def letters(text: str) -> str:
    """Only letters and digits: immune to line breaks, hyphenation and spacing in extracted text."""
    return re.sub(r"[\W_]", "", text.casefold())


def workbook(pdf_dir: Path, module: str, *, facilitator: bool = False) -> Path:
    return pdf_dir.parent / workbook_path(module, facilitator=facilitator)


def outline(file: Path) -> list[tuple[int, str, int]]:
    """Bookmarks as (level, title, 0-based page)."""
    reader = PdfReader(file)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                found.append((level, str(item.title), page))

    walk(reader.outline, 1)
    return found


def test_every_module_has_two_editions_and_its_worksheets_and_every_case_a_sheet(pdf_dir: Path, index: Index) -> None:
    expected = {workbook_path(m, facilitator=f) for m in index.modules for f in (False, True)} | {worksheets_path(m) for m in index.modules}
    expected |= {case_sheet_path(c) for c in index.cases}
    made = {p.relative_to(pdf_dir.parent).as_posix() for p in pdf_dir.rglob("*.pdf")}
    assert made == expected
    assert not (pdf_dir.parent / ".pdf-bouw").exists()


def test_cover_names_title_organisation_and_version(pdf_dir: Path, index: Index) -> None:
    for module in index.modules.values():
        for facilitator in (False, True):
            cover = flat(pages_text(workbook(pdf_dir, module.slug, facilitator=facilitator))[0])
            assert module.title in cover and "De Coöperatieve Samenleving" in cover and "Versie:" in cover
            assert letters(module.summary) in letters(cover)
            assert ("Werkboek voor begeleiders" in cover) == facilitator
            assert re.search(r"Versie: \d{1,2} [a-z]+ \d{4}", cover)


def toc_text(file: Path, pages: list[str]) -> str:
    """The table of contents: from 'Inhoud' up to 'Over deze module'."""
    bookmarks = {title: page for _, title, page in outline(file)}
    return "".join(pages[bookmarks["Inhoud"] : bookmarks["Over deze module"]])


def toc_page_of(lesson: Lesson, toc: str) -> int:
    words = r"\s+".join(re.escape(word) for word in lesson.title.split())
    match = re.search(rf"Les {lesson.order}\s+{words}\s*\.+\s*(\d+)", toc)
    assert match, f"les '{lesson.title}' staat niet in de inhoudsopgave"
    return int(match.group(1))


def test_toc_lists_every_lesson_with_the_page_where_it_starts(pdf_dir: Path, index: Index) -> None:
    for module in index.modules.values():
        lessons = index.lessons_of(module)
        for facilitator in (False, True):
            file = workbook(pdf_dir, module.slug, facilitator=facilitator)
            pages = pages_text(file)
            toc = toc_text(file, pages)
            assert "Inhoud" in toc and "Over deze module" in toc
            bookmarks = {title: page for _, title, page in outline(file)}
            for lesson in lessons:
                number = toc_page_of(lesson, toc)
                kicker = f"LES {lesson.order} VAN {len(lessons)}"
                assert kicker in pages[number - 1] and letters(lesson.title) in letters(pages[number - 1]), (file.name, lesson.slug)
                assert kicker not in pages[number - 2], (file.name, lesson.slug)
                assert bookmarks[f"Les {lesson.order}: {lesson.title}"] == number - 1


def test_lessons_keep_their_order_objectives_exercises_and_questions(pdf_dir: Path, index: Index) -> None:
    for module in index.modules.values():
        raw = "".join(pages_text(workbook(pdf_dir, module.slug)))
        positions = [raw.index(f"LES {lesson.order} VAN {len(module.lesson_slugs)}") for lesson in index.lessons_of(module)]
        assert positions == sorted(positions)
        text = letters(raw)
        for lesson in index.lessons_of(module):
            for item in (*lesson.objectives, *lesson.questions, *lesson.key_points, *(e.title for e in lesson.exercises)):
                assert letters(item) in text, (module.slug, lesson.slug, item)


def facilitator_snippets(lesson: Lesson) -> list[str]:
    """Plain opening words of each line in the lesson's `!!! begeleider` block."""
    block = re.search(r"^!!! begeleider.*\n((?:[ \t]+.*\n|[ \t]*\n)+)", lesson.body + "\n", re.MULTILINE)
    assert block, lesson.slug
    snippets = []
    for line in block.group(1).splitlines():
        plain = re.split(r"[\[*`<(_]", line.strip().removeprefix("- ").removeprefix("* "))[0]
        if len(letters(plain)) >= 20:
            snippets.append(letters(plain)[:60])
    assert snippets, lesson.slug
    return snippets


def test_facilitator_notes_only_in_the_facilitator_edition(pdf_dir: Path, index: Index) -> None:
    for module in index.modules.values():
        participant = pages_text(workbook(pdf_dir, module.slug))
        facilitator = pages_text(workbook(pdf_dir, module.slug, facilitator=True))
        for lesson in index.lessons_of(module):
            for snippet in facilitator_snippets(lesson):
                assert snippet in letters("".join(facilitator)), (lesson.key, snippet)
                assert snippet not in letters("".join(participant)), (lesson.key, snippet)
        assert "BEGELEIDER ·" not in "".join(participant)
        assert "".join(facilitator).count("BEGELEIDER ·") >= len(module.lesson_slugs)


def test_check_jezelf_questions_for_participants_answers_for_facilitators(pdf_dir: Path, index: Index) -> None:
    """Both editions print every question and answer with a box to tick; only the facilitator's says which are right and why."""
    for module in index.modules.values():
        participant = letters("".join(pages_text(workbook(pdf_dir, module.slug))))
        facilitator_pages = pages_text(workbook(pdf_dir, module.slug, facilitator=True))
        facilitator = letters("".join(facilitator_pages))
        assert participant.count(letters("Check jezelf")) >= len(module.lesson_slugs)
        for lesson in index.lessons_of(module):
            for question in lesson.quiz:
                assert letters(question.question) in participant and letters(question.question) in facilitator, (lesson.key, question.question)
                for answer in question.answers:
                    assert letters(answer.text) in participant, (lesson.key, answer.text)
                    verdict = "juist" if answer.correct else "nietjuist"
                    assert verdict + letters(answer.text) + letters(answer.explanation) in facilitator, (lesson.key, answer.text)
                    assert letters(answer.explanation) not in participant, (lesson.key, answer.explanation)
        assert "Antwoorden" in "".join(facilitator_pages) and "Niet juist:" in "".join(facilitator_pages)


def test_worksheets_have_their_own_page_and_toc_entry(pdf_dir: Path, index: Index) -> None:
    for module in index.modules.values():
        file = workbook(pdf_dir, module.slug)
        pages = pages_text(file)
        bookmarks = {title: page for _, title, page in outline(file)}
        lessons = index.lessons_of(module)
        for lesson in lessons:
            for number, exercise in enumerate(lesson.exercises, start=1):
                if not exercise.worksheet:
                    continue
                title = f"Werkblad: {exercise.title}"
                page = bookmarks[title]
                assert f"WERKBLAD · LES {lesson.order} VAN {len(lessons)} · OEFENING {number}" in pages[page]
                assert "Naam of groep" in pages[page]
                assert letters(title) in letters(toc_text(file, pages))


def test_every_illustrating_case_is_in_the_appendix(pdf_dir: Path, index: Index) -> None:
    for module in index.modules.values():
        cases = index.illustrating.get(module.slug, [])
        for facilitator in (False, True):
            file = workbook(pdf_dir, module.slug, facilitator=facilitator)
            pages = pages_text(file)
            marks = outline(file)
            appendix = [page for level, title, page in marks if level == 1 and title == "Bijlage A: Casussen bij deze module"]
            if not cases:
                assert not appendix
                continue
            start = appendix[0]
            text = letters("".join(pages[start:]))
            for case in cases:
                assert letters(case.title) in text and letters(case.need) in text, (module.slug, case.slug)
                assert any(title == case.title and page >= start for _, title, page in marks), (module.slug, case.slug)


def pages_with_only_a_closing_line(file: Path, module_title: str) -> list[int]:
    """Pages (from 1) whose text, apart from the running head and foot, is only a case's 'Online: <url>' line
    or a lesson's closing note of its cases."""
    found = []
    for number, page in enumerate(PdfReader(file).pages, start=1):
        lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        running = [line for line in lines if line.startswith(module_title) or re.search(r"blz\. \d+ van \d+$", line)]
        rest = [line for line in lines if line not in running]
        if rest and (all(line.startswith("Online: ") for line in rest) or rest[0].startswith(CASE_NOTE)):
            found.append(number)
    return found


CASE_NOTE = "Casussen bij deze les"


def test_a_closing_line_never_fills_a_page_alone(pdf_dir: Path, index: Index) -> None:
    """A case's address and a lesson's note of its cases go with the text before them, never alone on a page."""
    checked = 0
    for module in index.modules.values():
        for facilitator in (False, True):
            file = workbook(pdf_dir, module.slug, facilitator=facilitator)
            assert pages_with_only_a_closing_line(file, module.title) == [], file.name
            texts = [page.extract_text() or "" for page in PdfReader(file).pages]
            checked += any("Online: " in text for text in texts) and any(CASE_NOTE in text for text in texts)
    assert checked  # the workbooks do have cases with their address and lessons with their cases


def test_glossary_lists_the_terms_the_workbook_uses(pdf_dir: Path, index: Index) -> None:
    glossary = index.content.glossary
    for module in index.modules.values():
        file = workbook(pdf_dir, module.slug)
        pages = pages_text(file)
        start = [page for level, title, page in outline(file) if level == 1 and title.endswith(": Begrippen")][0]
        before, listed = letters("".join(pages[:start])), letters("".join(pages[start:]))
        used = glossary_terms_in("".join(pages[:start]), glossary)
        assert used, module.slug
        for term in used:
            assert letters(term.explanation) in listed, (module.slug, term.term)
        for term in glossary:
            if letters(term.explanation) in listed:
                assert letters(term.term) in before, (module.slug, term.term)


def test_glossary_terms_match_whole_words_and_plurals(index: Index) -> None:
    glossary = index.content.glossary
    found = {t.term for t in glossary_terms_in("<p>Twee <b>value cases</b> en de ledenvergaderingen.</p>", glossary)}
    assert "value case" in found and "ledenvergadering" in found
    assert "gebied" not in {t.term for t in glossary_terms_in("<p>gebiedsgericht</p>", glossary)}


def test_no_template_or_markdown_syntax_leaks(pdf_dir: Path) -> None:
    for file in sorted(pdf_dir.rglob("*.pdf")):
        text = "".join(pages_text(file))
        for leak in LEAKS:
            assert leak not in text, (file.name, leak)


def test_external_links_print_their_address(pdf_dir: Path, index: Index) -> None:
    text = letters("".join(pages_text(workbook(pdf_dir, "cooperatie2daagse"))))
    assert letters("(https://decooperatievesamenleving.nl/leren/") in text
    assert "DejaVu-Serif" not in subprocess.run(["pdffonts", str(workbook(pdf_dir, "cooperatie2daagse"))], capture_output=True, text=True).stdout


def test_workbooks_have_bookmarks_for_every_part(pdf_dir: Path, index: Index) -> None:
    for module in index.modules.values():
        marks = outline(workbook(pdf_dir, module.slug, facilitator=True))
        top = [title for level, title, _ in marks if level == 1]
        lessons = [f"Les {lesson.order}: {lesson.title}" for lesson in index.lessons_of(module)]
        assert top[:3] == ["Draaiboek", "Inhoud", "Over deze module"]
        assert top[3 : 3 + len(lessons)] == lessons
        assert top[-1].endswith(": Begrippen")
        assert [page for _, _, page in marks] == sorted(page for _, _, page in marks)


def struct_elements(file: Path) -> list[Any]:
    """Every element of a tagged PDF's structure tree, in reading order."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("/S"):
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(catalog(file)["/StructTreeRoot"])
    return found


def structure(file: Path) -> tuple[Counter[str], list[str]]:
    """The structure tree of a tagged PDF: how often each kind of element occurs, and the alt text of every figure."""
    elements = struct_elements(file)
    kinds = Counter(str(element["/S"]) for element in elements)
    return kinds, [str(element.get("/Alt", "")) for element in elements if element["/S"] == "/Figure"]


def catalog(file: Path) -> Any:
    return PdfReader(file).trailer["/Root"].get_object()


def test_every_pdf_is_tagged_for_screen_readers(pdf_dir: Path, index: Index) -> None:
    """PDF/UA-1: language, title shown as the window title, a structure tree with headings, lists and tables."""
    titles = {workbook_path(m.slug, facilitator=f).removeprefix(f"{PDF_DIR}/"): m.title for m in index.modules.values() for f in (False, True)}
    titles |= {case_sheet_path(c.slug).removeprefix(f"{PDF_DIR}/"): c.title for c in index.cases.values()}
    titles |= {worksheets_path(m.slug).removeprefix(f"{PDF_DIR}/"): m.title for m in index.modules.values()}
    for name, title in titles.items():
        file = pdf_dir / name
        root = catalog(file)
        assert root["/Lang"] == "nl", name
        assert root["/MarkInfo"]["/Marked"] and root["/ViewerPreferences"]["/DisplayDocTitle"], name
        metadata = PdfReader(file).metadata
        assert metadata is not None and str(metadata.title).startswith(title), name
        assert 'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data().decode(), name
        kinds, _ = structure(file)
        if name.endswith(f"{WORKSHEETS_SUFFIX}.pdf"):  # worksheets: a list of them, then their fields, each a form element
            assert {"/H1", "/H2", "/L", "/LI", "/P", "/Form"} <= set(kinds), (name, kinds)
            continue
        assert {"/H1", "/H2", "/L", "/LI", "/P", "/Table"} <= set(kinds), (name, kinds)
        if "/" not in name:  # a workbook: its lessons are chapters with headings, and every chapter is a bookmark
            assert kinds["/H1"] >= len(index.lessons_of(index.modules[name.removesuffix(".pdf").removesuffix("-begeleider")]))
            assert outline(file)


def test_case_sheets_are_one_page_with_the_value_case_card(pdf_dir: Path, index: Index) -> None:
    for case in index.cases.values():
        file = pdf_dir.parent / case_sheet_path(case.slug)
        [page] = pages_text(file)
        text = letters(page)
        for part in (case.title, case.summary, case.need, case.safeguarding_internal, *case.results, *case.lessons_learned, "Aantekeningen"):
            assert letters(part) in text, (case.slug, part)
        assert letters(index.taxonomy.regions[case.region].label) in text
        trust = f"{case.completeness.level.label}. Nog niet beschreven: {case.completeness.missing_text}. Nagelezen door de redactie op 26 november 2026."
        assert letters(trust) in text, case.slug


def test_markdown_extensions_are_those_of_the_site() -> None:
    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tolerant)  # a SafeLoader subclass
    names = [next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"]]
    assert sorted(names) == sorted(MARKDOWN_EXTENSIONS)
    assert site_url_of(ROOT) == config["site_url"]


def test_pages_offer_their_pdf(built_site: Path, index: Index, pdf_dir: Path) -> None:
    def hrefs(url: str) -> list[str]:
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        return [posixpath.normpath(posixpath.join(url, h)) for h in re.findall(r'<a class="md-button" href="([^"]+\.pdf)"', html)]

    for module in index.modules.values():
        expected = [workbook_path(module.slug), workbook_path(module.slug, facilitator=True), worksheets_path(module.slug)]
        assert hrefs(module.url) == expected
        assert hrefs(f"leren/{module.slug}/begeleider/") == expected
        for lesson in index.lessons_of(module):
            assert hrefs(lesson.url) == expected
    for case in index.cases.values():
        assert hrefs(case.url) == [case_sheet_path(case.slug)]
    for target in (path for m in index.modules for path in (workbook_path(m), worksheets_path(m))):
        assert (pdf_dir.parent / target).is_file()


# --- Safety: nothing from outside gets in -------------------------------------------------------

# Passes content validation (which refuses remote, reference-style and HTML <img> images), so only the sanitizer and the PDF step stand in the way.
HOSTILE_CASE = """
De groep deelt graag bestanden.

<link rel="attachment" href="file:///etc/passwd">
<a rel="attachment" href="file:///etc/passwd">wachtwoorden</a>
<object data="file:///etc/passwd"></object>
<embed src="file:///etc/hostname">
<iframe src="https://tracker.invalid/"></iframe>
<style>@import url("https://tracker.invalid/x.css"); body { background: url(file:///etc/passwd) }</style>
<div style="background: url(https://tracker.invalid/bg.png)">Met stijl.</div>

Plaatjes langs een omweg: <picture><source srcset="https://tracker.invalid/pixel.png"></picture> <video poster="file:///etc/hostname"></video>

Ons eigen logo: ![Logo van de groep](vijandig-logo.png)
"""


@pytest.fixture
def audit() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """File opens, network and process events while active (audit hooks cannot be removed, so it is switched)."""
    events: list[tuple[str, tuple[Any, ...]]] = []
    state = {"on": True}

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if state["on"] and (event == "open" or event.startswith(("socket.", "urllib.", "http.", "subprocess."))):
            events.append((event, args))

    sys.addaudithook(hook)
    yield events
    state["on"] = False


def test_hostile_case_gets_nothing_from_outside_into_any_pdf(tmp_path: Path, audit: list[tuple[str, tuple[Any, ...]]], monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_content(tmp_path / "repo")
    text = (ROOT / "cases" / "zonnedijk-energie.md").read_text(encoding="utf-8")
    text = re.sub(r"^titel: .*$", "titel: Vijandige Proefcasus", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^leren:\n(  - .*\n)+", "leren:\n  - omgevingswet-en-participatie\n", text, count=1, flags=re.MULTILINE)
    front, _, _ = text.partition("\n---\n")
    (root / "cases" / "vijandige-proef.md").write_text(front + "\n---\n" + HOSTILE_CASE, encoding="utf-8")
    Image.new("RGB", (40, 20), (0, 121, 107)).save(root / "cases" / "vijandig-logo.png")
    index = load_index(root)
    served: list[str] = []
    original = SourceDirFetcher.fetch

    def recording_fetch(self: SourceDirFetcher, url: str, headers: object = None) -> Any:
        served.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(SourceDirFetcher, "fetch", recording_fetch)
    site = tmp_path / "site"
    audit.clear()
    build_pdfs(index, site, site_url="https://decooperatievesamenleving.nl/", workers=1, only={"omgevingswet-en-participatie", "vijandige-proef"})
    events = list(audit)

    made = sorted((site / PDF_DIR).rglob("*.pdf"))
    assert [p.name for p in made] == [
        "vijandige-proef.pdf",
        "omgevingswet-en-participatie-begeleider.pdf",
        "omgevingswet-en-participatie-werkbladen.pdf",
        "omgevingswet-en-participatie.pdf",
    ]
    for file in made:
        reader = PdfReader(file)
        assert not reader.attachments, file.name
        content = "".join(pages_text(file))
        assert "root:" not in content and "tracker.invalid" not in content and "passwd" not in content, file.name
    appendix = "".join(pages_text(site / workbook_path("omgevingswet-en-participatie")))
    assert "Vijandige Proefcasus" in appendix and "De groep deelt graag bestanden." in appendix
    assert "wachtwoorden" in appendix and "Met stijl." in appendix  # text stays; links, styles and their targets do not
    assert "tracker.invalid" not in appendix and "etc/hostname" not in appendix  # picture/video sources are stripped, never fetched
    workbook_images = [image for page in PdfReader(site / workbook_path("omgevingswet-en-participatie")).pages for image in page.images]
    assert any(image.image is not None and image.image.size == (40, 20) for image in workbook_images)  # the case's own logo is printed
    assert "Logo van de groep" in structure(site / workbook_path("omgevingswet-en-participatie"))[1]  # with its alt text for screen readers

    work = (site / ".pdf-bouw").resolve()
    assert served and all(Path(url.removeprefix("file://")).resolve().is_relative_to(work / "bron") for url in served), served
    assert any(url.endswith(".png") for url in served)  # the logo, from the fetcher's own directory
    content_dirs = [(root / part).resolve() for part in ("docs", "cases")]
    allowed = [site.resolve(), Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), (ROOT / "scripts").resolve(), *content_dirs]
    for event, args in events:
        assert not event.startswith(("socket.", "urllib.", "http.")), (event, args)
        # Relative names are shutil.rmtree walking the work directory by file descriptor.
        if event == "open" and isinstance(args[0], str | bytes | Path) and Path(os.fsdecode(args[0])).is_absolute():
            path = Path(os.fsdecode(args[0])).resolve()
            assert any(path.is_relative_to(base) for base in allowed) or path == Path("/dev/null"), (event, args)
            assert "passwd" not in str(path) and "hostname" not in str(path)


def test_the_fetcher_refuses_everything_outside_its_directory(tmp_path: Path) -> None:
    inside = tmp_path / "bron"
    inside.mkdir()
    (inside / "ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', encoding="utf-8")
    (tmp_path / "geheim.txt").write_text("geheim", encoding="utf-8")
    (inside / "link.svg").symlink_to(tmp_path / "geheim.txt")
    fetcher = SourceDirFetcher(inside)
    assert fetcher.fetch((inside / "ok.svg").as_uri()).read().startswith(b"<svg")
    for url in (
        "file:///etc/passwd",
        (tmp_path / "geheim.txt").as_uri(),
        (inside / "link.svg").as_uri(),
        (inside / ".." / "geheim.txt").as_uri(),
        "https://tracker.invalid/pixel.png",
        "http://127.0.0.1/",
        "data:text/plain,hallo",
        "ftp://tracker.invalid/x",
    ):
        with pytest.raises(ForbiddenFetch):
            fetcher.fetch(url)


def test_a_forbidden_fetch_stops_the_render_loudly(tmp_path: Path) -> None:
    source = tmp_path / "bron"
    source.mkdir()
    job = Job("test.pdf", ('<html lang="nl"><body><p>Hallo</p><img src="file:///etc/passwd"></body></html>',))
    with pytest.raises(FatalURLFetchingError):
        render(job, source, tmp_path / "uit")
    assert not (tmp_path / "uit" / "test.pdf").exists()
