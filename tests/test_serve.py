"""`make serve`: the preview rebuilds on every change, search index included, and leaves no processes behind."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import load_config

from tests.conftest import MKDOCS, ROOT, copy_content


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except (OSError, ValueError):  # not served yet, or a file Pagefind is still writing
            pass
        time.sleep(0.5)
    return False


def _page_count(url: str) -> int:
    with urllib.request.urlopen(url + "pagefind/pagefind-entry.json", timeout=5) as response:
        return int(json.load(response)["languages"]["nl"]["page_count"])


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found |= {int(child)} | _descendants(int(child))
    return found


def test_serve_rebuilds_the_search_index_after_a_new_case(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    url = f"http://127.0.0.1:{_free_port()}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([MKDOCS, "serve", "--dev-addr", url[7:-1]], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        assert _wait_for(lambda: _page_count(url) > 0, 120), (tmp_path / "serve.log").read_text()
        before = _page_count(url)
        text = (ROOT / "cases" / "buurtmoestuin-de-akker.md").read_text(encoding="utf-8").replace("titel: Voedselcoöperatie De Akker", "titel: Voorbeeldproef")
        (root / "cases" / "voorbeeldproef.md").write_text(text, encoding="utf-8")
        assert _wait_for(lambda: _page_count(url) == before + 1, 120), (tmp_path / "serve.log").read_text()
        with urllib.request.urlopen(url + "casussen/voorbeeldproef/", timeout=5) as response:
            assert "Voorbeeldproef" in response.read().decode("utf-8")
        # Each build's search worker and Pagefind stop when the build is done: none pile up while serving.
        assert _wait_for(lambda: not _descendants(server.pid), 30), _descendants(server.pid)
    finally:
        server.send_signal(signal.SIGINT)  # what Ctrl+C does
        assert server.wait(timeout=30) == 0
        log.close()


def test_serve_watches_every_folder_the_handbook_says_a_save_in_rebuilds() -> None:
    """HANDBOEK.md, "Werken met make serve", names what a save redoes; MkDocs (and ProperDocs) watch only docs/, mkdocs.yml and `watch:`."""
    section = (ROOT / "HANDBOEK.md").read_text(encoding="utf-8").split("## Werken met make serve", 1)[1]
    everything = next(line for line in section.splitlines() if line.startswith("- **Alles opnieuw**"))
    named = re.findall(r"`([^`\s]+)`", everything)
    assert {"mkdocs.yml", "data/", "overrides/", "macros/", "scripts/"} <= set(named), named
    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = [Path(config.config_file_path), Path(config.docs_dir), *(Path(path) for path in config.watch)]
    unwatched = [name for name in named if not any((ROOT / name).resolve().is_relative_to(path.resolve()) for path in watched)]
    assert unwatched == []
