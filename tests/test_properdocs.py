"""ProperDocs, the maintained continuation of MkDocs, builds the same site from the same mkdocs.yml, without MkDocs' own code."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_content, mkdocs_build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# Runs ProperDocs as its command does and lists, on the way out, the file of every module that was loaded.
RUN_AND_LIST_MODULES = """
import atexit, json, runpy, sys
listing, site = sys.argv[1:3]
def write_listing():
    with open(listing, "w", encoding="utf-8") as out:
        json.dump(sorted({getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}), out)
atexit.register(write_listing)
sys.argv = ["properdocs", "build", "--strict", "--site-dir", site]
runpy.run_module("properdocs", run_name="__main__")
"""


def _pages(site: Path) -> dict[str, bytes]:
    """Every file but the search bundle (whose file names Pagefind hashes anew each time), without the generator tag."""
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")
    }


def test_properdocs_builds_the_same_pages_without_loading_mkdocs(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    listing = tmp_path / "modules.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), str(tmp_path / "properdocs")], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(listing.read_text(encoding="utf-8"))
    assert any("/properdocs/" in name for name in loaded)
    assert not [name for name in loaded if f"{os.sep}mkdocs{os.sep}" in name]  # Material and macros ran on ProperDocs alone
    assert b"ProperDocs" in (tmp_path / "properdocs" / "index.html").read_bytes()

    shutil.rmtree(root / ".cache")  # both builds start clean
    made = mkdocs_build(root, tmp_path / "mkdocs")
    assert made.returncode == 0, made.stderr
    properdocs, mkdocs = _pages(tmp_path / "properdocs"), _pages(tmp_path / "mkdocs")
    assert sorted(properdocs) == sorted(mkdocs)
    assert [name for name in mkdocs if properdocs[name] != mkdocs[name]] == []
    entry = json.loads((tmp_path / "properdocs" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert (
        entry["languages"]["nl"]["page_count"]
        == json.loads((tmp_path / "mkdocs" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["nl"]["page_count"]
    )
