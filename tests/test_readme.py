"""The README stays short for newcomers, points to the handbook, and every command it names works.

"Works" at three depths: every `make X` it names is a Makefile target with a
help line and resolves (`make -n`); the cheap ones really run on a copy of
the content (`validate`, `audit-workflows`; `clean` in test_build); and
`make serve` really serves the site until it is stopped with Ctrl+C, as a
newcomer would stop it. `make test`, `build`, `pdf`, `bench` and `linkcheck`
are what the other tests run piece by piece (or, for `linkcheck`, need other
websites), so here they only have to resolve.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, copy_content

README = ROOT / "README.md"
MAKE_TARGET = re.compile(r"^([a-z][a-z-]*):", re.MULTILINE)


def _named_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    named = re.findall(r"`make ([a-z][a-z-]*)`", text) + re.findall(r"^\s*make ([a-z][a-z-]*)\s*$", text, re.MULTILINE)
    return sorted(set(named))


def _make(*arguments: str, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    # -o install: the tests run in the project's own virtual environment, which `make test` has just installed.
    return subprocess.run(["make", "-o", "install", *arguments], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


def _project_copy(tmp_path: Path) -> Path:
    root = copy_content(tmp_path / "repo")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / ".github", root / ".github")
    return root


def test_the_readme_is_short_and_points_to_the_handbook_and_contributing() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.encode()) < 10_000
    links = re.findall(r"\]\(([^)#:]+\.md)(?:#([^)]+))?\)", text)
    assert {"HANDBOEK.md", "CONTRIBUTING.md"} <= {file for file, _ in links}
    for file, anchor in links:
        target = (ROOT / file).read_text(encoding="utf-8")
        if anchor:
            headings = {re.sub(r"[^\w\- ]", "", line.lstrip("#").strip()).lower().replace(" ", "-") for line in target.splitlines() if line.startswith("#")}
            assert anchor in headings, f"{file}#{anchor}"


def test_every_command_in_the_readme_is_a_make_target_with_a_help_line_that_resolves() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    commands = _named_commands()
    assert {"serve", "test", "build", "validate", "clean"} <= set(commands), commands
    targets = set(MAKE_TARGET.findall(makefile))
    for command in commands:
        assert command in targets, f"make {command} staat in de README maar niet in de Makefile"
        assert re.search(rf"^## make {command}: \S", makefile, re.MULTILINE), f"make {command} heeft geen uitlegregel (## make {command}: …)"
        dry = _make("-n", command)
        assert dry.returncode == 0, f"make -n {command}: {dry.stderr}"


def test_make_validate_and_make_audit_workflows_run_on_a_copy(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    environment = f"VENV={ROOT / '.venv'}"
    validated = _make(environment, "validate", cwd=root)
    assert validated.returncode == 0, validated.stderr
    assert "Alles in orde: 16 casussen" in validated.stdout
    audited = _make(environment, "audit-workflows", cwd=root)
    assert audited.returncode == 0, audited.stdout + audited.stderr


def test_make_serve_serves_the_site_until_ctrl_c(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    command = ["make", "-o", "install", f"VENV={ROOT / '.venv'}", f"PORT={port}", "serve"]
    server = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")[-3000:]
                assert time.monotonic() < deadline, "make serve served nothing within five minutes"
                time.sleep(0.5)
        assert "De Coöperatieve Samenleving" in page
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl+C reaches make and the server alike
        server.wait(timeout=120)
        log.close()
