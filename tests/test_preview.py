"""`make serve` rebuilds in place: after every edit each served page equals a clean build of the same files, and errors show in the browser.

A real `mkdocs serve --dirtyreload` (what `make serve` runs) on a copy of the
content; after each edit the test waits for the server's reload and compares
every page and data file it serves with a clean `mkdocs build` of a copy of
the same files, byte for byte, bar the live-reload script.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from kennisbank.build import SiteBuild, _untitled_menu_pages
from kennisbank.cache import Cache
from kennisbank.index import link_targets
from kennisbank.preview import SiteRecord, begin_build, plan, preview_folder, remove_abandoned

from tests.conftest import MKDOCS, ROOT, copy_content, mkdocs_build
from tests.test_serve import _free_port, _wait_for

CASE = "cases/buurtmoestuin-de-akker.md"
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
COMPARED = (".html", ".json", ".csv", ".xml")
MACROS = re.compile(r"\{\{|\{%")


class Preview:
    """A running `mkdocs serve --dirtyreload` on a copy of the content."""

    def __init__(self, root: Path, url: str, server: subprocess.Popen[bytes], log: Path) -> None:
        self.root, self.url, self.server, self.log = root, url, server, log

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


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    root = copy_content(tmp_path / "repo")
    url = f"http://127.0.0.1:{_free_port()}/"
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as output:
        server = subprocess.Popen(
            [MKDOCS, "serve", "--dirtyreload", "--livereload", "--dev-addr", url[7:-1]], cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        running = Preview(root, url, server, log)
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


def _retitle(root: Path) -> None:
    case = root / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("titel: Voedselcoöperatie De Akker", "titel: Voedselcoöperatie De Nieuwe Akker"), encoding="utf-8")


def _retheme(root: Path) -> None:
    case = root / CASE
    text = case.read_text(encoding="utf-8")
    assert "themas: [voedsel, natuur-en-landschap]" in text
    case.write_text(text.replace("themas: [voedsel, natuur-en-landschap]", "themas: [zorg]"), encoding="utf-8")


def _add_case(root: Path) -> None:
    text = (root / CASE).read_text(encoding="utf-8").replace("Voedselcoöperatie De Nieuwe Akker", "Voorbeeldproef Nieuw")
    (root / "cases" / "voorbeeldproef-nieuw.md").write_text(text, encoding="utf-8")


def _break(root: Path) -> None:
    case = root / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("gebied: utrecht", "gebied: nergensland", 1), encoding="utf-8")


def _fix(root: Path) -> None:
    case = root / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("gebied: nergensland", "gebied: utrecht", 1), encoding="utf-8")


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
        begin_build(preview_folder(cache, site), site)
        (preview_folder(cache, site) / "documenten").mkdir()
    shutil.rmtree(stopped)
    remove_abandoned(cache)
    assert (preview_folder(cache, running) / "documenten").is_dir()
    assert not preview_folder(cache, stopped).exists()


def _fingerprints(root: Path) -> tuple[SiteBuild, dict[str, str]]:
    """Every page's fingerprint (generated pages and those in docs/), by source path, as a build of `root` makes them."""
    build = SiteBuild(root, site_url="http://127.0.0.1:8000/", site_name="Test", permalink_title="", cache=Cache(None))
    pages = {src: (src, markdown) for src, markdown in build.generated_pages().items()}
    pages |= {path.relative_to(root / "docs").as_posix(): ("", path.read_text(encoding="utf-8")) for path in (root / "docs").rglob("*.md")}
    prints = build.page_fingerprints({src: (src, markdown) for src, (_, markdown) in pages.items()}, build.nav([]))
    return build, prints


def test_a_new_title_changes_exactly_the_pages_that_show_the_case(tmp_path: Path) -> None:
    """Its page, the overview, its facet pages, the lessons and modules that list it, the pages it links to (they list it
    back), the cases that show it among their related cases, and the pages with macros; no other page."""
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
    build = SiteBuild(ROOT, site_url="http://127.0.0.1:8000/", site_name="Test", permalink_title="", cache=Cache(None))
    assert _untitled_menu_pages(build.nav(config["nav"])) == []
    assert _untitled_menu_pages(["a.md", {"B": "b.md"}, {"C": ["c/index.md", {"D": "c/d.md"}]}]) == ["a.md", "c/index.md"]
