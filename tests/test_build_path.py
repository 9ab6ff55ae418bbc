"""The MkDocs build runs plain functions: nothing it reaches forks, starts threads or touches the garbage collector.

Read from the source, starting at the adapter and the macros and following
every import of the engine: what the build can reach. `kennisbank pdf` keeps
its process pool; it runs outside the build and must stay out of reach.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "kennisbank"
FORBIDDEN_MODULES = {"multiprocessing", "threading", "_thread", "concurrent", "gc", "asyncio"}
FORBIDDEN_CALLS = {"fork", "forkpty", "register_at_fork"}


def _module_file(dotted: str) -> Path | None:
    parts = dotted.split(".")
    if parts[0] != "kennisbank":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _dotted(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, by absolute name (relative imports resolved)."""
    here = _dotted(path).split(".") if path.is_relative_to(PACKAGE) else []
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def build_path() -> dict[Path, set[str]]:
    """The files the build can reach from the adapter and the macros, with what each imports."""
    todo = [ROOT / "scripts" / "mkdocs_hooks.py", ROOT / "macros" / "main.py"]
    reached: dict[Path, set[str]] = {}
    while todo:
        path = todo.pop()
        if path in reached:
            continue
        reached[path] = _imports(path)
        for name in reached[path]:
            for prefix in (name.split(".")[:end] for end in range(1, name.count(".") + 2)):
                file = _module_file(".".join(prefix))
                if file is not None and file not in reached:
                    todo.append(file)
    return reached


def test_the_build_reaches_the_engine_but_not_the_pdf_process_pool() -> None:
    reached = {path.relative_to(ROOT).as_posix() for path in build_path()}
    assert {"scripts/kennisbank/build.py", "scripts/kennisbank/cache.py", "scripts/kennisbank/search/bundle.py"} <= reached
    assert "scripts/kennisbank/pdf/build.py" not in reached


def test_nothing_the_build_reaches_forks_starts_threads_or_touches_the_garbage_collector() -> None:
    for path, imports in build_path().items():
        roots = {name.split(".")[0] for name in imports}
        assert not roots & FORBIDDEN_MODULES, (path, roots & FORBIDDEN_MODULES)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_CALLS:
                raise AssertionError(f"{path}: {node.attr}")
            if isinstance(node, ast.Name) and node.id in FORBIDDEN_CALLS:
                raise AssertionError(f"{path}: {node.id}")


def test_no_source_file_is_ignored_by_git() -> None:
    """A pattern in .gitignore that also matches a source folder (once `site/` matched scripts/kennisbank/site/) loses new files from every clone."""
    folders = ("scripts", "macros", "tests", "docs", "cases", "data", "overrides")
    sources = [str(path.relative_to(ROOT)) for folder in folders for path in (ROOT / folder).rglob("*")]
    sources = [path for path in sources if path.endswith((".py", ".md", ".yml", ".html", ".js", ".css", ".json", ".sh"))]
    sources = [path for path in sources if "node_modules" not in path and "__pycache__" not in path]
    found = subprocess.run(["git", "check-ignore", "--no-index", "--stdin"], cwd=ROOT, input="\n".join(sources), capture_output=True, text=True, check=False)
    assert found.stdout.split() == [], found.stdout
