"""`make serve` rebuilds in place: after every edit each served page equals a clean build of the same files, and errors show in the browser.

A real `mkdocs serve --dirtyreload` (what `make serve` runs) on a copy of the
content; after each edit the test waits for the server's reload and compares
every page and data file it serves with a clean `mkdocs build` of a copy of
the same files, byte for byte, bar the live-reload script, and the files in
the served folder with those of the clean build. After a broken save a
browser keeps asking for pages, as an open tab with live reload does: the
site must come back by itself once the file is mended.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from kennisbank.build import SiteBuild, _untitled_menu_pages
from kennisbank.cache import Cache
from kennisbank.index import link_targets
from kennisbank.pages.inputs import WORKLIST, worklist_page
from kennisbank.preview import Rebuild, SiteRecord, begin_build, plan, preview_folder, read_record, remove_abandoned, while_building
from playwright.sync_api import expect

from tests.conftest import EDIT_URI, MKDOCS, ROOT, copy_content, mkdocs_build
from tests.test_serve import _free_port, _wait_for
from tests.test_side_files import leave_side_files

CASE = "cases/buurtmoestuin-de-akker.md"
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
COMPARED = (".html", ".json", ".csv", ".xml")
MACROS = re.compile(r"\{\{|\{%")
BACK_WITHIN = 30  # seconds from the mending save until every page answers again; a rebuild of this site takes one or two


class Preview:
    """A running `mkdocs serve --dirtyreload` on a copy of the content, building into a folder of its own under `temp`."""

    def __init__(self, root: Path, url: str, server: subprocess.Popen[bytes], log: Path, temp: Path) -> None:
        self.root, self.url, self.server, self.log, self.temp = root, url, server, log, temp

    @property
    def site(self) -> Path:
        """The folder the server builds into and serves from (MkDocs makes it with `tempfile.mkdtemp`)."""
        (folder,) = self.temp.glob("mkdocs_*")
        return folder

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def epoch(self) -> int:
        return int(self.get("livereload/0/0")[1])

    def edit(self, change: Callable[[Path], object]) -> None:
        """Make a change and wait until the server shows the rebuilt site."""
        before = self.epoch()
        change(self.root)
        assert _wait_for(lambda: self.epoch() > before, 120), self.log.read_text()

    def rebuilds(self) -> int:
        return self.log.read_text().count("Building documentation")

    def mend(self, change: Callable[[Path], object]) -> float:
        """Save a change that makes the site whole again; seconds until every page answers again."""
        started = time.monotonic()
        self.edit(change)
        assert _wait_for(lambda: all(self.get(path)[0] == 200 for path in ("", "casussen/", "casussen/buurtmoestuin-de-akker/")), 60), self.log.read_text()
        return time.monotonic() - started

    def last_build(self) -> str:
        """The log of the last build."""
        return self.log.read_text().rsplit("Building documentation", 1)[-1]


class Visitor:
    """Asks for pages the whole time, as an open tab with live reload and its browser do: the page, others, a file that is not there.

    The requests come from a thread of the test, so that they reach the
    server while it rebuilds; each answer, 200, 404 or the error page, is
    logged by the server.
    """

    PATHS = ("casussen/buurtmoestuin-de-akker/", "casussen/", "", "bestaat-niet/", "assets/stylesheets/bestaat-niet.css")

    def __init__(self, preview: Preview) -> None:
        self._preview = preview
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._visit, daemon=True)
        self.answers: dict[int, int] = {}  # by status: how many answers

    def _visit(self) -> None:
        while not self._stop.is_set():
            for path in self.PATHS:
                try:
                    status = self._preview.get(path)[0]
                except OSError:  # the server stopping
                    status = 0
                self.answers[status] = self.answers.get(status, 0) + 1
                self._stop.wait(0.05)

    def __enter__(self) -> Visitor:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


@pytest.fixture
def preview(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Preview]:
    """`mkdocs serve`, or the command given as the fixture's parameter (ProperDocs)."""
    command = str(getattr(request, "param", MKDOCS))
    root = copy_content(tmp_path / "repo")
    url = f"http://127.0.0.1:{_free_port()}/"
    log = tmp_path / "serve.log"
    temp = tmp_path / "tmp"  # the server's temporary folder, to find the folder it builds into
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    with log.open("w") as output:
        server = subprocess.Popen(
            [command, "serve", "--dirtyreload", "--livereload", "--dev-addr", url[7:-1]], cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        running = Preview(root, url, server, log, temp)
        try:
            assert _wait_for(lambda: running.get("")[0] == 200, 180), log.read_text()
            yield running
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)


def _clean_site(preview: Preview, folder: Path) -> Path:
    """A clean build of the preview's files, with the preview's address as the site's address."""
    shutil.rmtree(folder, ignore_errors=True)
    copy = copy_content(folder / "repo")
    for name in ("cases", "docs", "data"):
        shutil.rmtree(copy / name)
        shutil.copytree(preview.root / name, copy / name)
    config = copy / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {preview.url}", config.read_text(encoding="utf-8")), encoding="utf-8")
    result = mkdocs_build(copy, folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


def _files(site: Path) -> set[str]:
    """Every file of a built site but the search bundle, whose file names Pagefind hashes anew each time."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")}


def _assert_serves_a_clean_build(preview: Preview, folder: Path) -> None:
    site = _clean_site(preview, folder)
    compared = 0
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or not relative.endswith(COMPARED) or relative.startswith("pagefind/"):
            continue
        status, served = preview.get(relative)
        assert status == 200, relative
        assert LIVERELOAD.sub(b"", served) == path.read_bytes(), relative
        compared += 1
    assert compared > 50
    assert _files(preview.site) == _files(site)  # nothing left behind, such as the page of a deleted case


def _retitle(root: Path) -> None:
    case = root / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("titel: Voedselcoöperatie De Akker", "titel: Voedselcoöperatie De Nieuwe Akker"), encoding="utf-8")


def _retheme(root: Path) -> None:
    case = root / CASE
    text = case.read_text(encoding="utf-8")
    assert "themas: [voedsel, natuur-en-landschap]" in text
    case.write_text(text.replace("themas: [voedsel, natuur-en-landschap]", "themas: [zorg]"), encoding="utf-8")


def _add_case(root: Path) -> None:
    text = re.sub(r"(?m)^titel: .*$", "titel: Voorbeeldproef Nieuw", (root / CASE).read_text(encoding="utf-8"), count=1)
    (root / "cases" / "voorbeeldproef-nieuw.md").write_text(text, encoding="utf-8")


def _break(root: Path) -> None:
    case = root / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("gebied: utrecht", "gebied: nergensland", 1), encoding="utf-8")


def _fix(root: Path) -> None:
    case = root / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("gebied: nergensland", "gebied: utrecht", 1), encoding="utf-8")


def _break_again(root: Path) -> None:
    """Another mistake in the same file instead of the first: the region put right, a required field gone."""
    _fix(root)
    case = root / CASE
    case.write_text(re.sub(r"(?m)^plaats: .*\n", "", case.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def _mend_with_new_text(root: Path) -> None:
    """The region put right, and a new title in the same save."""
    _fix(root)
    _retitle(root)


def _break_a_macro(root: Path) -> None:
    """A mistake that stops the build halfway, after it began to change the site folder: a macro that does not exist on the home page."""
    home = root / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n{{ bestaat_niet() }}\n", encoding="utf-8")


def _assert_shows_the_error(preview: Preview, tab: Any, mistake: str) -> None:
    status, page = preview.get("casussen/")
    assert status == 500 and mistake in page.decode("utf-8"), page.decode("utf-8")
    expect(tab.get_by_role("heading", name="De site kan niet worden gebouwd")).to_be_visible(timeout=60_000)  # the open tab reloaded by itself
    expect(tab.locator("pre").first).to_contain_text(mistake)


def _assert_back(preview: Preview, tab: Any, seconds: float, title: str) -> None:
    assert seconds < BACK_WITHIN, preview.log.read_text()
    expect(tab.locator("article h1")).to_contain_text(title, timeout=60_000)  # and back to the page by itself


@pytest.mark.browser
def test_the_site_comes_back_after_every_kind_of_broken_save_while_a_browser_keeps_asking(preview: Preview, chromium: Any, tmp_path: Path) -> None:
    """An open tab shows the error and then the page again, by itself; meanwhile pages and missing files are asked for the whole time,
    also while the server rebuilds. What the server answers then (the error page, a 404) is never a problem of that rebuild."""
    preview.edit(_add_case)
    tab = chromium.new_page()
    tab.goto(preview.url + "casussen/buurtmoestuin-de-akker/")
    old_title, new_title = "Voedselcoöperatie De Akker", "Voedselcoöperatie De Nieuwe Akker"
    with Visitor(preview) as visitor:
        preview.edit(_break)
        _assert_shows_the_error(preview, tab, "nergensland")
        _assert_back(preview, tab, preview.mend(_fix), old_title)
        _assert_serves_a_clean_build(preview, tmp_path / "oude-tekst")

        preview.edit(_break)
        _assert_shows_the_error(preview, tab, "nergensland")
        _assert_back(preview, tab, preview.mend(_mend_with_new_text), new_title)
        _assert_serves_a_clean_build(preview, tmp_path / "nieuwe-tekst")

        preview.edit(_break)
        _assert_shows_the_error(preview, tab, "nergensland")
        preview.edit(_break_again)
        _assert_shows_the_error(preview, tab, "plaats")
        assert "nergensland" not in preview.get("casussen/")[1].decode("utf-8")  # the problems of the last save, not of the first
        _assert_back(preview, tab, preview.mend(lambda root: (root / CASE).write_text((ROOT / CASE).read_text(encoding="utf-8"), encoding="utf-8")), old_title)
        _assert_serves_a_clean_build(preview, tmp_path / "tweede-fout")

        preview.edit(lambda root: (root / "cases" / "voorbeeldproef-nieuw.md").unlink())
        assert preview.get("casussen/voorbeeldproef-nieuw/")[0] == 404
        assert b"voorbeeldproef-nieuw" not in preview.get("casussen/")[1]
        _assert_serves_a_clean_build(preview, tmp_path / "verwijderd")
    assert visitor.answers.get(500, 0) > 0 and visitor.answers.get(404, 0) > 0, visitor.answers  # it asked while the site was broken
    assert "Aborted" not in preview.log.read_text(), preview.log.read_text()
    tab.close()


def test_a_build_that_stops_halfway_leaves_nothing_behind(preview: Preview, tmp_path: Path) -> None:
    """A macro error stops the build after it began to change the site folder; a case deleted meanwhile, then the fix:
    the rebuild stays in place (seconds, not a whole build) and removes the deleted case's page."""
    home = (preview.root / "docs" / "index.md").read_text(encoding="utf-8")
    preview.edit(_add_case)
    with Visitor(preview):
        preview.edit(_break_a_macro)
        status, page = preview.get("")
        assert status == 500 and "bestaat_niet" in page.decode("utf-8"), page.decode("utf-8")  # the server goes on, and says why
        preview.edit(lambda root: (root / "cases" / "voorbeeldproef-nieuw.md").unlink())
        assert preview.get("")[0] == 500
        seconds = preview.mend(lambda root: (root / "docs" / "index.md").write_text(home, encoding="utf-8"))
    assert seconds < BACK_WITHIN
    assert "op de achtergrond" in preview.last_build(), preview.last_build()  # rebuilt in place
    assert preview.get("casussen/voorbeeldproef-nieuw/")[0] == 404
    _assert_serves_a_clean_build(preview, tmp_path / "na-herstel")


@pytest.mark.parametrize("preview", [str(Path(MKDOCS).with_name("properdocs"))], indirect=True)
def test_properdocs_serve_comes_back_too(preview: Preview) -> None:
    """ProperDocs logs and counts under its own name ('properdocs'); the same mistake saved twice shows its problems both times."""
    with Visitor(preview):
        for _ in range(2):
            preview.edit(_break)
            status, page = preview.get("casussen/")
            assert status == 500 and "nergensland" in page.decode("utf-8"), page.decode("utf-8")
            assert preview.mend(_fix) < BACK_WITHIN
    assert b"ProperDocs" in preview.get("")[1]  # the generator tag: served by ProperDocs
    assert "Aborted" not in preview.log.read_text(), preview.log.read_text()


def test_every_served_page_equals_a_clean_build_after_each_edit(preview: Preview, tmp_path: Path) -> None:
    theme_page = "casussen/thema/zorg/"
    preview.edit(_retitle)
    assert b"De Nieuwe Akker" in preview.get(theme_page)[1] or b"De Nieuwe Akker" in preview.get("casussen/")[1]
    _assert_serves_a_clean_build(preview, tmp_path / "na-titel")

    preview.edit(_retheme)
    _assert_serves_a_clean_build(preview, tmp_path / "na-thema")

    preview.edit(_add_case)
    assert preview.get("casussen/voorbeeldproef-nieuw/")[0] == 200
    _assert_serves_a_clean_build(preview, tmp_path / "na-nieuwe-casus")

    preview.edit(lambda root: (root / "cases" / "voorbeeldproef-nieuw.md").unlink())
    assert preview.get("casussen/voorbeeldproef-nieuw/")[0] == 404
    assert b"Voorbeeldproef Nieuw" not in preview.get("casussen/")[1]
    _assert_serves_a_clean_build(preview, tmp_path / "na-verwijderen")

    started = time.monotonic()
    preview.edit(_break)
    assert time.monotonic() - started < 60
    for path in ("", "casussen/", "casussen/buurtmoestuin-de-akker/", "leren/"):
        status, page = preview.get(path)
        text = page.decode("utf-8")
        assert status == 500 and "De site kan niet worden gebouwd" in text, path
        assert "buurtmoestuin-de-akker.md:5" in text and "gebied" in text and "nergensland" in text, text
        assert "/livereload/" in text  # it reloads by itself
    preview.edit(_fix)
    assert preview.get("")[0] == 200
    _assert_serves_a_clean_build(preview, tmp_path / "na-herstel")


def test_a_burst_of_saves_is_one_rebuild_and_a_half_written_file_shows_the_error_first(preview: Preview, tmp_path: Path) -> None:
    case = preview.root / CASE
    text = case.read_text(encoding="utf-8")
    builds, before = preview.rebuilds(), preview.epoch()
    for number in range(20):  # autosave: every 0.1 s, the last one whole
        case.write_text(text.replace("titel: Voedselcoöperatie De Akker", f"titel: Voedselcoöperatie De Akker {number}"), encoding="utf-8")
        time.sleep(0.1)
    assert _wait_for(lambda: preview.epoch() > before, 120), preview.log.read_text()
    time.sleep(2)
    assert preview.rebuilds() == builds + 1, preview.log.read_text()
    assert b"De Akker 19" in preview.get("casussen/buurtmoestuin-de-akker/")[1]

    preview.edit(lambda root: case.write_text(text[: len(text) // 3], encoding="utf-8"))  # saved halfway
    assert "De site kan niet worden gebouwd" in preview.get("casussen/")[1].decode("utf-8")
    preview.edit(lambda root: case.write_text(text, encoding="utf-8"))
    _assert_serves_a_clean_build(preview, tmp_path / "heel")


def test_an_editors_side_files_beside_a_case_never_break_the_served_site(preview: Preview) -> None:
    """Opening a case in vim or Emacs makes a swap file or a lock beside it, and closing it removes them: the site stays whole throughout."""
    side_files: list[Path] = []
    preview.edit(lambda root: side_files.extend(leave_side_files(root, CASE)))
    assert preview.get("casussen/")[0] == 200, preview.get("casussen/")[1].decode("utf-8")
    preview.edit(_retitle)
    status, page = preview.get("casussen/buurtmoestuin-de-akker/")
    assert status == 200 and "De Nieuwe Akker" in page.decode("utf-8")

    def close(root: Path) -> None:
        for path in side_files:
            path.unlink()

    preview.edit(close)
    assert preview.get("casussen/")[0] == 200


@pytest.mark.parametrize("preview", [MKDOCS, str(Path(MKDOCS).with_name("properdocs"))], indirect=True)
def test_a_change_in_the_templates_shows_on_every_page(preview: Preview) -> None:
    """HANDBOEK.md: a save in overrides/ makes everything again, under MkDocs and ProperDocs alike."""

    def retemplate(root: Path) -> None:
        template = root / "overrides" / "main.html"
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="kb-proef" content="sjabloon">', 1), encoding="utf-8")

    preview.edit(retemplate)
    for path in ("", "casussen/", "casussen/buurtmoestuin-de-akker/", "leren/"):
        status, page = preview.get(path)
        assert status == 200 and b'<meta name="kb-proef" content="sjabloon">' in page, path


def _record(pages: dict[str, str], files: tuple[str, ...]) -> SiteRecord:
    return SiteRecord("/site", pages, files)


def test_a_rebuild_redoes_changed_pages_menu_pages_and_removes_what_is_gone() -> None:
    previous = _record({"a/index.html": "1", "b/index.html": "2", "menu/index.html": "3", "weg/index.html": "4"}, ("a/index.html", "weg/index.html", "x.css"))
    now = {"a/index.html": "1", "b/index.html": "2b", "menu/index.html": "3", "nieuw/index.html": "5"}
    rebuild = plan(previous, now, ("a/index.html", "b/index.html", "menu/index.html", "nieuw/index.html"), ["menu/index.html"])
    assert rebuild.stale == {"b/index.html", "menu/index.html", "nieuw/index.html"}
    assert rebuild.gone == {"weg/index.html", "x.css"}


def test_the_records_of_site_folders_that_are_gone_are_removed(tmp_path: Path) -> None:
    """Each start of `mkdocs serve` builds into a new temporary folder and removes it at the end: its record goes too."""
    cache, running, stopped = tmp_path / "cache", tmp_path / "site-a", tmp_path / "site-b"
    for site in (running, stopped):
        site.mkdir()
        begin_build(preview_folder(cache, site), site, SiteRecord(str(site.resolve()), {}, ()))
        (preview_folder(cache, site) / "documenten").mkdir()
    shutil.rmtree(stopped)
    remove_abandoned(cache)
    assert (preview_folder(cache, running) / "documenten").is_dir()
    assert not preview_folder(cache, stopped).exists()


def test_while_a_build_runs_the_record_vouches_only_for_pages_it_leaves_alone_and_lists_the_files_of_both(tmp_path: Path) -> None:
    """What a build that fails halfway leaves: the next one makes again every page this one changed, and removes every file it does not make."""
    before = _record({"a/index.html": "1", "b/index.html": "2", "weg/index.html": "3"}, ("a/index.html", "b/index.html", "weg/index.html", "x.css"))
    after = _record({"a/index.html": "1", "b/index.html": "2b", "nieuw/index.html": "4"}, ("a/index.html", "b/index.html", "nieuw/index.html", "x.css"))
    meanwhile = while_building(before, after, plan(before, after.pages, after.files, []))
    assert meanwhile.pages == {"a/index.html": "1"}
    assert set(meanwhile.files) == {"a/index.html", "b/index.html", "weg/index.html", "nieuw/index.html", "x.css"}
    next_build = plan(meanwhile, before.pages, before.files, [])  # the failed edit undone
    assert next_build == Rebuild(frozenset({"b/index.html", "weg/index.html"}), frozenset({"nieuw/index.html"}))

    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("a", encoding="utf-8")
    meanwhile = SiteRecord(str(site.resolve()), meanwhile.pages, meanwhile.files)
    begin_build(preview_folder(cache, site), site, meanwhile)
    assert read_record(preview_folder(cache, site), site) == meanwhile  # files it lists may be gone; a page it vouches for may not
    (site / "a" / "index.html").unlink()
    assert read_record(preview_folder(cache, site), site) is None


def _fingerprints(root: Path) -> tuple[SiteBuild, dict[str, str]]:
    """Every page's fingerprint (generated pages and those in docs/), by source path, as a build of `root` makes them."""
    build = SiteBuild(root, site_url="http://127.0.0.1:8000/", site_name="Test", permalink_title="", cache=Cache(None), edit_uri=EDIT_URI)
    pages = {src: (src, markdown) for src, markdown in build.generated_pages().items()}
    pages |= {path.relative_to(root / "docs").as_posix(): ("", path.read_text(encoding="utf-8")) for path in (root / "docs").rglob("*.md")}
    prints = build.page_fingerprints({src: (src, markdown) for src, (_, markdown) in pages.items()}, build.nav([]))
    return build, prints


def test_a_new_title_changes_exactly_the_pages_that_show_the_case(tmp_path: Path) -> None:
    """Its page, the overview, its facet pages, the lessons and modules that list it, the pages it links to (they list it
    back), the cases that show it among their related cases, the learning routes that lead to it, and the pages with
    macros; no other page."""
    root = copy_content(tmp_path / "repo")
    build, before = _fingerprints(root)
    index, case = build.index, build.index.cases["buurtmoestuin-de-akker"]
    _retitle(root)
    _, after = _fingerprints(root)
    facets = [("thema", theme) for theme in case.themes] + [("gebied", case.region), ("rechtsvorm", case.legal_form), ("fase", case.stage)]
    expected = {case.src_uri, "casussen/index.md", f"casussen/jaar/{case.year_started}.md", *(f"casussen/{facet}/{key}.md" for facet, key in facets)}
    expected |= {f"leren/{ref}.md" if "/" in ref else f"leren/{ref}/index.md" for ref in case.learning}
    expected |= {f"leren/{ref.split('/')[0]}/index.md" for ref in case.learning}
    expected |= link_targets(case.src_uri, case.body) & before.keys()
    expected |= {other.src_uri for other in index.cases.values() if case in index.related[other.slug]}
    expected |= {WORKLIST} if case in [entry.case for entry in worklist_page(index, None).entries] else set()
    expected |= {route.src_uri for route in index.routes.values() if any(step.kind == "casus" and step.target == case.slug for step in route.steps)}
    docs = root / "docs"
    expected |= {path.relative_to(docs).as_posix() for path in docs.rglob("*.md") if MACROS.search(path.read_text(encoding="utf-8"))}
    assert len(expected) > 8
    assert {src for src in before if before[src] != after[src]} == expected


def test_lesson_durations_change_the_lessons_their_module_and_the_pages_with_macros(tmp_path: Path) -> None:
    """The module's table and run sheet show each lesson's duration, which the menu does not: the module page and its facilitator's page are remade too."""
    root = copy_content(tmp_path / "repo")
    _, before = _fingerprints(root)
    module = root / "docs/leren/borging-intern-en-extern"
    for name, old, new in (("governance-en-rollen", 90, 75), ("partners-en-financiers", 75, 90)):  # the module's total stays right
        lesson = module / f"{name}.md"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace(f"duur_minuten: {old}\n", f"duur_minuten: {new}\n", 1), encoding="utf-8")
    _, after = _fingerprints(root)
    docs = root / "docs"
    expected = {f"leren/borging-intern-en-extern/{name}.md" for name in ("index", "begeleider", "governance-en-rollen", "partners-en-financiers")}
    expected |= {path.relative_to(docs).as_posix() for path in docs.rglob("*.md") if MACROS.search(path.read_text(encoding="utf-8"))}
    assert {src for src in before if before[src] != after[src]} == expected


def test_every_page_in_the_menu_has_a_title_so_an_edit_does_not_remake_the_whole_menu() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    build = SiteBuild(ROOT, site_url="http://127.0.0.1:8000/", site_name="Test", permalink_title="", cache=Cache(None), edit_uri=EDIT_URI)
    assert _untitled_menu_pages(build.nav(config["nav"])) == []
    assert _untitled_menu_pages(["a.md", {"B": "b.md"}, {"C": ["c/index.md", {"D": "c/d.md"}]}]) == ["a.md", "c/index.md"]
