"""Shared fixtures: copies of the real repository content and real builds of it."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kennisbank.tools.synthetic import copy_site_sources
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent
# Run in the background, a shell makes the tests ignore Ctrl+C, and with them every `mkdocs serve` they start and stop with it.
signal.signal(signal.SIGINT, signal.default_int_handler)
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
# The repository the site links to (mkdocs.yml's edit_uri), for builds the tests make without MkDocs.
EDIT_URI = re.search(r"^edit_uri: (\S+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)  # type: ignore[union-attr]


def copy_content(target: Path) -> Path:
    """A throwaway copy of everything a build reads, so tests can break it freely."""
    return copy_site_sources(ROOT, target)


def mkdocs_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def build_in_process_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build a copy of the content in this process, so patches reach the engine; it must stop before writing any page."""
    root = copy_content(tmp_path / "repo")
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort):
        build(config)
    assert not list((tmp_path / "site").rglob("*.html"))


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    return copy_content(tmp_path / "repo")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from the real content, PDFs included (as `make build` does)."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    pdfs = subprocess.run(
        [str(Path(sys.executable).with_name("kennisbank")), "pdf", "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert pdfs.returncode == 0, pdfs.stderr
    return site


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All PDFs of the real content, made by the command line as `make pdf` does (straight from the content)."""
    from kennisbank import cli
    from kennisbank.content.model import PDF_DIR

    site = tmp_path_factory.mktemp("pdf-site")
    assert cli.main(["--root", str(ROOT), "pdf", "--site-dir", str(site)]) == 0
    return site / PDF_DIR


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    from tests.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
