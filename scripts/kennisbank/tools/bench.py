"""`make bench`: does the build stay fast and linear as the platform grows, and does it meet its targets?

For synthetic corpora of 100, 1,000 and 3,000 cases (10,000 with --groot) it
runs the full build with an empty cache (clean), again with the cache that
build filled (warm), and, in the same run, a bare Material build of the same
Markdown pages without the project's hooks, macros and generated pages. The
three take turns, three times each, and the medians count: this machine is
shared, so only ratios within one run mean much. Beside the times it counts
the files and folders each build opens or makes (Python's audit hook, in the
build's own process), and it ends with every target (`TARGETS`), its figure
and whether it is met.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.loader import load_content
from ..index import load_index, related_cases
from ..pages.overviews import site_nav
from .localhost import CHROMIUM, CHROMIUM_ARGS, serve
from .synthetic import make_corpus


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest process of the build: MkDocs, or Pagefind beside it
    own_mb: float = 0.0  # the build's own process
    # The largest process the build started: Pagefind. Linux counts a new process's peak from the moment it was
    # split off the build, so this is at least the build's memory then; above that, it is Pagefind's own.
    pagefind_mb: float = 0.0
    files: dict[str, int] = field(default_factory=dict)  # what the build's own process opened and made, by FILE_COUNTS


@dataclass
class Row:
    cases: int
    clean: Run
    warm: Run
    bare: Run
    median_case_kb: float
    max_case_kb: float
    site_mb: float
    related_ms: float
    # Measured in Chromium; None with --zonder-browser.
    search_kb: float | None = None
    search_s: float | None = None
    browser_kb: float | None = None
    search_status: str = ""
    # Under `make serve`: seconds from saving a case to its page showing the change, per edit; empty when not measured.
    edit_seconds: list[float] = field(default_factory=list)


SEARCH_QUERY = "cooperatie"


def _page_transfer(browser: Any, url: str) -> float:
    """Kilobytes a cold browser downloads to open `url` (the case browser: page, assets and its data)."""
    context = browser.new_context()
    sizes: list[int] = []
    context.on("requestfinished", lambda request: sizes.append(int(request.sizes()["responseBodySize"]) + int(request.sizes()["responseHeadersSize"])))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("document.getElementById('kb-aantal').textContent.includes('gevonden')")
    context.close()
    return sum(sizes) / 1024


def measure_in_browser(rows: list[Row], work: Path) -> None:
    """First search query and case-browser download per corpus, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    from .search_metrics import measure_first_query

    with sync_playwright() as playwright:
        for row in rows:
            # A fresh browser per corpus: a reused one served later corpora from its cache.
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            with serve(work / f"site-{row.cases}") as url:
                # Three cold first queries: the largest transfer and the median time, so one lucky run cannot flatter.
                runs = [measure_first_query(browser, url, SEARCH_QUERY) for _ in range(3)]
                row.search_kb = max(run.kilobytes for run in runs)
                row.search_s = statistics.median(run.seconds for run in runs)
                row.search_status = runs[0].status
                row.browser_kb = _page_transfer(browser, url + "casussen/verkennen/")
            browser.close()


def pdf_seconds(root: Path, work: Path) -> float:
    """Time to make every workbook and case sheet of the real content."""
    site = work / "site-echt"
    _run(_build_command(site), root)
    kennisbank = str(Path(sys.executable).with_name("kennisbank"))
    return _run([kennisbank, "pdf", "--site-dir", str(site)], root).seconds


# What the build's own process does to files and folders, counted by Python's audit hook (the events of open, os.mkdir and
# os.scandir/os.listdir): files opened to read, files opened to write (made or overwritten), folders made, folders listed.
# SQLite's own file and the Pagefind program do their input and output outside Python and are not in it.
FILE_COUNTS = ("gelezen", "geschreven", "mappen gemaakt", "mappen gelezen")

# Runs `mkdocs build` as its command does and says on the way out how much memory its own process and its largest
# child (Pagefind) took at most, and what it did to files and folders.
_BUILD_AND_TELL = """
import atexit, json, os, resource, sys
counts = dict.fromkeys(COUNTS, 0)
def count(event, args):
    if event == "open" and not isinstance(args[0], int):
        mode, flags = args[1] or "", args[2] or 0
        writes = any(sign in mode for sign in "wxa+") or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        counts["geschreven" if writes else "gelezen"] += 1
    elif event == "os.mkdir":
        counts["mappen gemaakt"] += 1
    elif event in ("os.scandir", "os.listdir"):
        counts["mappen gelezen"] += 1
sys.addaudithook(count)
def tell():
    memory = {"eigen": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "kind": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
    sys.stderr.write(f"kb-meting {json.dumps({**memory, 'bestanden': counts})}\\n")
atexit.register(tell)
sys.argv = ["mkdocs", *sys.argv[1:]]
from mkdocs.__main__ import cli
cli()
""".replace("COUNTS", repr(FILE_COUNTS))


def _build_command(site: Path, *, strict: bool = True) -> list[str]:
    return [sys.executable, "-c", _BUILD_AND_TELL, "build", *(["--strict"] if strict else []), "--site-dir", str(site)]


def _run(command: list[str], cwd: Path) -> Run:
    """Run a command: wall time, the peak memory of its largest process, and what the build said of its own."""
    # Python's bytecode cache as on an ordinary machine: the bare build's code comes compiled by pip,
    # and where PYTHONDONTWRITEBYTECODE is set (as in some sandboxes) ours would be compiled anew on every run.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"} | {"NO_MKDOCS_2_WARNING": "1"}
    # A file, not a pipe: a pipe nobody reads blocks the build once its buffer is full.
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read().decode(errors="replace")
    if status != 0:
        raise SystemExit(f"Build mislukt in {cwd}:\n{output[-3000:]}")
    told = re.search(r"^kb-meting (.*)$", output, re.MULTILINE)
    if told is None:
        return Run(seconds, usage.ru_maxrss / 1024)
    measured = json.loads(told.group(1))
    return Run(seconds, usage.ru_maxrss / 1024, measured["eigen"] / 1024, measured["kind"] / 1024, measured["bestanden"])


def _static_nav(items: list[Any], docs: Path) -> list[Any]:
    """The site's menu (lessons filled in, see `site_nav`) without the generated pages."""
    kept: list[Any] = []
    for item in items:
        if isinstance(item, str):
            if (docs / item).is_file():
                kept.append(item)
            continue
        ((title, value),) = item.items()
        nested = isinstance(value, list)
        children = _static_nav(value if nested else [value], docs)
        if children:
            kept.append({title: children if nested else children[0]})
    return kept


def _bare_copy(corpus: Path, target: Path) -> Path:
    """The same Markdown pages as a plain Material site: cases become ordinary pages.

    It keeps what Material itself costs for this site: the theme settings
    (features, palette, language), the Markdown extensions and the menu of the
    fixed pages. It leaves out what the project adds: hooks, macros, template
    overrides, generated pages, extra CSS and JavaScript. Material's own search
    plugin stays on, as in any bare Material build.
    """
    shutil.copytree(corpus / "docs", target / "docs")
    shutil.copytree(corpus / "cases", target / "docs" / "casussen")
    project = yaml.safe_load((corpus / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {key: value for key, value in project["theme"].items() if key != "custom_dir"}
    config = {
        "site_name": "Kale build",
        "theme": theme,
        "markdown_extensions": project["markdown_extensions"],
        "nav": _static_nav(site_nav(project["nav"], load_index(corpus)), target / "docs"),
    }
    (target / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(run.seconds for run in runs),
        max(run.peak_mb for run in runs),
        max(run.own_mb for run in runs),
        max(run.pagefind_mb for run in runs),
        runs[-1].files,
    )


def measure(root: Path, cases: int, work: Path, repeats: int) -> Row:
    """Clean, warm and bare build in turns, `repeats` times each: the medians, so a busy moment on a shared machine weighs little."""
    corpus = make_corpus(root, work / f"corpus-{cases}", cases)
    bare_root = _bare_copy(corpus, work / f"bare-{cases}")
    site = work / f"site-{cases}"
    cleans, warms, bares = [], [], []
    for _ in range(repeats):
        shutil.rmtree(corpus / ".cache", ignore_errors=True)
        cleans.append(_run(_build_command(site), corpus))
        warms.append(_run(_build_command(site), corpus))
        bares.append(_run(_build_command(work / f"bare-site-{cases}", strict=False), bare_root))
    sizes = [p.stat().st_size / 1000 for p in (site / "casussen").glob("synthetische-casus-*/index.html")]
    content = load_content(corpus)
    start = time.perf_counter()
    related_cases(list(content.cases))
    related_ms = (time.perf_counter() - start) * 1000
    row = Row(cases, _median_run(cleans), _median_run(warms), _median_run(bares), statistics.median(sizes), max(sizes), _dir_mb(site), related_ms)
    if cases in PREVIEW_SIZES:
        row.edit_seconds = measure_preview(corpus)
    return row


PREVIEW_ROUNDS = 2  # each round saves a case's title, a case's story and a lesson once
PREVIEW_SIZES = (1000, 3000)
LESSON = "docs/leren/value-cases-ontwikkelen/verdienmodel.md"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return str(response.read().decode("utf-8"))


@dataclass(frozen=True)
class _Edit:
    """One save under `make serve`: the file, its new text, and the pages that must show `mark` afterwards."""

    file: Path
    text: str
    mark: str
    pages: tuple[str, ...]


def _edits(corpus: Path, number: int) -> list[_Edit]:
    """A case's new title (its page and the overview show it), a new sentence in its story, and one in a lesson."""
    cases = sorted((corpus / "cases").glob("synthetische-casus-*.md"))
    case = cases[len(cases) // 2]
    text, lesson = case.read_text(encoding="utf-8"), (corpus / LESSON).read_text(encoding="utf-8")
    title, sentence = f"Bewerkte titel {number}", f"Een nieuwe zin nummer {number} in het verhaal."
    case_page, lesson_page = f"casussen/{case.stem}/", LESSON.removeprefix("docs/").removesuffix(".md") + "/"
    return [
        _Edit(case, re.sub(r"(?m)^titel: .*$", f"titel: {title}", text, count=1), title, (case_page, "casussen/")),
        _Edit(case, text + f"\n{sentence}\n", sentence, (case_page,)),
        _Edit(corpus / LESSON, lesson + f"\n{sentence}\n", sentence, (lesson_page,)),
    ]


def measure_preview(corpus: Path, rounds: int = PREVIEW_ROUNDS) -> list[float]:
    """`make serve` on the corpus: seconds from each save (see `_edits`) until every page it should change shows it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    command = [str(Path(sys.executable).with_name("mkdocs")), "serve", "--dirtyreload", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    log = (corpus / "serve.log").open("w")
    # Started in the background, a shell ignores Ctrl+C for the bench and so for the server, which would not stop at the end.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    server = subprocess.Popen(command, cwd=corpus, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    originals = {path: path.read_text(encoding="utf-8") for path in [*(edit.file for edit in _edits(corpus, 0))]}
    times = []
    try:
        deadline = time.monotonic() + 900
        while True:
            try:
                _get(url)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError((corpus / "serve.log").read_text(encoding="utf-8")[-2000:]) from None
                time.sleep(0.5)
        for number in range(rounds):
            for edit in _edits(corpus, number):
                time.sleep(2)  # as between an editor's saves
                started = time.monotonic()
                edit.file.write_text(edit.text, encoding="utf-8")
                while edit.mark not in _get(url + edit.pages[0]):
                    time.sleep(0.05)
                times.append(time.monotonic() - started)
                if any(edit.mark not in _get(url + page) for page in edit.pages[1:]):
                    raise RuntimeError(f"na het opslaan van {edit.file.name} toont een pagina die ervan afhangt de wijziging niet")
                edit.file.write_text(originals[edit.file], encoding="utf-8")
                while edit.mark in _get(url + edit.pages[0]):  # the next save starts from the site as it was
                    time.sleep(0.05)
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        server.send_signal(signal.SIGINT)
        server.wait(timeout=120)
        log.close()
    return times


def _nl(number: float, digits: int = 1) -> str:
    """A number as Dutch readers write it: 1.234,5."""
    return f"{number:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def table(rows: list[Row]) -> str:
    header = (
        "| casussen | schone build (s) | warme build (s) | kale build (s) | schoon / kaal | warm / kaal | geheugen build / Pagefind (MB) "
        "| casuspagina mediaan / max (kB) | site (MB) | verwante casussen (ms) | eerste zoekvraag (kB / s) | casusverkenner (kB) |"
    )
    lines = [header, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        cells = [
            _nl(r.cases, 0),
            _nl(r.clean.seconds),
            _nl(r.warm.seconds),
            _nl(r.bare.seconds),
            _nl(r.clean.seconds / r.bare.seconds, 2),
            _nl(r.warm.seconds / r.bare.seconds, 2),
            f"{_nl(r.clean.own_mb, 0)} / {_nl(r.clean.pagefind_mb, 0)}",
            f"{_nl(r.median_case_kb)} / {_nl(r.max_case_kb)}",
            _nl(r.site_mb),
            _nl(r.related_ms, 0),
            "—" if r.search_kb is None or r.search_s is None else f"{_nl(r.search_kb, 0)} / {_nl(r.search_s, 2)}",
            "—" if r.browser_kb is None else _nl(r.browser_kb, 0),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def files_table(rows: list[Row]) -> str:
    """What each build's own process did to files and folders (see FILE_COUNTS)."""
    lines = ["| casussen | build | " + " | ".join(f"bestanden {name}" if name in FILE_COUNTS[:2] else name for name in FILE_COUNTS) + " |"]
    lines.append("|---:|---|" + "---:|" * len(FILE_COUNTS))
    for r in rows:
        for name, run in (("schoon", r.clean), ("warm", r.warm), ("kaal", r.bare)):
            lines.append(f"| {_nl(r.cases, 0)} | {name} | " + " | ".join(_nl(run.files.get(count, 0), 0) for count in FILE_COUNTS) + " |")
    return "\n".join(lines)


@dataclass(frozen=True)
class Target:
    """One target of the platform at one size: what is measured, the figure, and whether it is met (None: not measured)."""

    name: str
    figure: str
    met: bool | None

    def line(self) -> str:
        verdict = "niet gemeten" if self.met is None else "gehaald" if self.met else "NIET gehaald"
        return f"{self.name}: {self.figure} — {verdict}"


RATIO_SIZES = (1000, 3000, 10000)  # clean ≤ 2.0× and warm ≤ 1.2× the bare build at these sizes
CLEAN_RATIO, WARM_RATIO = 2.0, 1.2
MEMORY_SIZE, MEMORY_MB = 10000, 1024  # the build's own process under 1 GB at 10,000 cases
SEARCH_KB = {3000: 300, 10000: 600}  # the first search query's download at these sizes
EDIT_SIZE, EDIT_SHARE = 3000, 0.25  # under make serve: save to page within a quarter of the bare build's time


def targets(rows: list[Row]) -> list[Target]:
    """Every target that applies to the sizes measured, with its figure."""
    found = []
    for r in rows:
        n = _nl(r.cases, 0)
        if r.cases in RATIO_SIZES:
            for name, run, limit in (("schone", r.clean, CLEAN_RATIO), ("warme", r.warm, WARM_RATIO)):
                ratio = run.seconds / r.bare.seconds
                figure = f"{_nl(ratio, 2)}× ({_nl(run.seconds)} tegen {_nl(r.bare.seconds)} s)"
                found.append(Target(f"{name} build ≤ {_nl(limit)}× de kale bij {n} casussen", figure, ratio <= limit))
        if r.cases == MEMORY_SIZE:
            figure = f"{_nl(r.clean.own_mb, 0)} MB (Pagefind ernaast: {_nl(r.clean.pagefind_mb, 0)} MB)"
            found.append(Target(f"geheugen van het buildproces < {_nl(MEMORY_MB, 0)} MB bij {n} casussen", figure, r.clean.own_mb < MEMORY_MB))
        if r.cases in SEARCH_KB:
            limit = SEARCH_KB[r.cases]
            figure = "—" if r.search_kb is None else f"{_nl(r.search_kb, 0)} kB"
            found.append(Target(f"eerste zoekvraag ≤ {limit} kB bij {n} casussen", figure, None if r.search_kb is None else r.search_kb <= limit))
        if r.cases == EDIT_SIZE:
            limit = r.bare.seconds * EDIT_SHARE
            median = statistics.median(r.edit_seconds) if r.edit_seconds else None
            figure = "—" if median is None else f"{_nl(median)} s (een kwart van de kale build: {_nl(limit, 2)} s)"
            met = None if median is None else median <= limit
            found.append(Target(f"make serve, van opslaan tot pagina ≤ een kwart van de kale build bij {n} casussen", figure, met))
    return found


def notes(rows: list[Row]) -> list[str]:
    by_size = {r.cases: r for r in rows}
    found = []
    for small, large in ((1000, 3000), (3000, 10000)):
        if small in by_size and large in by_size:
            a, b = by_size[small], by_size[large]
            found.append(
                f"Groei van {_nl(small, 0)} naar {_nl(large, 0)} casussen: schone build {_nl(b.clean.seconds / a.clean.seconds, 2)}×, "
                f"kale build {_nl(b.bare.seconds / a.bare.seconds, 2)}× (de casussen: {_nl(large / small, 2)}×)."
            )
    if 100 in by_size and 3000 in by_size:
        a, b = by_size[100], by_size[3000]
        found.append(f"Casuspagina bij 3.000 t.o.v. 100: mediaan {_nl(b.median_case_kb / a.median_case_kb, 2)}× (doel 0,90–1,10×).")
    for r in rows:
        if r.search_kb is not None and r.search_s is not None:
            found.append(f"{_nl(r.cases, 0)} casussen: eerste zoekvraag '{SEARCH_QUERY}' ({r.search_status}) in {_nl(r.search_s, 2)} s (doel ≤ 1).")
        if r.browser_kb is not None:
            found.append(f"{_nl(r.cases, 0)} casussen: casusverkenner {_nl(r.browser_kb, 0)} kB (doel ≤ 600).")
        if r.edit_seconds:
            edits = ", ".join(_nl(t) for t in r.edit_seconds)
            found.append(
                f"{_nl(r.cases, 0)} casussen onder make serve: van opslaan tot pagina mediaan {_nl(statistics.median(r.edit_seconds))} s; "
                f"per bewerking (titel casus, verhaal casus, les; twee rondes) {edits} s."
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kennisbank-bench",
        description="Meet buildtijd (schoon, warm, kaal), bestanden en mappen, geheugen, pagina's en zoekindex bij 100 tot 10.000 casussen; toont elk doel.",
    )
    parser.add_argument("--groot", action="store_true", help="meet ook 10.000 casussen")
    parser.add_argument("--aantallen", type=int, nargs="*", help="eigen aantallen casussen, bijvoorbeeld 100 1000")
    parser.add_argument("--herhalingen", type=int, default=3, help="builds per corpus en soort; de mediaan telt (standaard 3)")
    parser.add_argument("--zonder-browser", action="store_true", help="sla de metingen in Chromium (zoeken, casusverkenner) over")
    parser.add_argument("--zonder-pdf", action="store_true", help="sla de tijdmeting van de pdf's over")
    args = parser.parse_args(argv)
    sizes = args.aantallen or [100, 1000, 3000] + ([10000] if args.groot else [])
    root = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="kennisbank-bench-") as tmp:
        rows = []
        for size in sizes:
            print(f"Meten: {size} casussen…", file=sys.stderr, flush=True)
            rows.append(measure(root, size, Path(tmp), max(1, args.herhalingen)))
        if not args.zonder_browser:
            print("Meten in Chromium: zoeken en casusverkenner…", file=sys.stderr, flush=True)
            measure_in_browser(rows, Path(tmp))
        pdf_time = None if args.zonder_pdf else pdf_seconds(root, Path(tmp))
    print(table(rows))
    print()
    print("Bestanden en mappen die het buildproces zelf opent of maakt (zonder de database van de cache en zonder Pagefind):")
    print()
    print(files_table(rows))
    print()
    for note in notes(rows):
        print(f"- {note}")
    if pdf_time is not None:
        print(f"- Alle pdf's van de echte inhoud: {_nl(pdf_time)} s (doel ≤ 30 s).")
    print()
    found = targets(rows)
    print("Doelen:" if found else f"Doelen: geen bij deze aantallen (ze gelden bij {', '.join(_nl(n, 0) for n in RATIO_SIZES)} casussen).")
    for target in found:
        print(f"- {target.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
