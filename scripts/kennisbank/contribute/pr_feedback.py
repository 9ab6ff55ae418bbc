"""Feedback on a pull request: what its check found, as a file, and the one Dutch comment made from it.

The check of a pull request (pr.yml) runs the pull request's own code with a
token that can only read, so it cannot comment: `kennisbank validate
--findings` writes the problems and warnings to a file that the check keeps
as an artifact. The workflow 'Reactie op de pull request' (pr-reactie.yml)
runs code from the default branch with a token that may comment. It reads
that file as untrusted data: limited in size, every field checked, every
value shown through `github_text.plain`. Its comment starts with a hidden
marker, so the next check updates it instead of adding another.
Standard library only: that workflow installs nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .github_text import plain

MARKER = "<!-- kennisbank-bevindingen -->"
FINDINGS_FILE = "bevindingen.json"
NUMBER_FILE = "pull-request.txt"
FORMAT = "kennisbank-bevindingen 2"
# What the check of a pull request made before cases were checked for freshness wrote: the same, without "due".
FORMAT_WITHOUT_DUE = "kennisbank-bevindingen 1"
MAX_FINDINGS_BYTES = 1_000_000
MAX_SHOWN = 50  # items per list
MAX_TEXT = 300
MAX_LIST_CHARS = 15_000  # per list, escaped: four lists and the text around them stay under GitHub's 65,536 characters
CONCLUSIONS = {
    "success": "geslaagd",
    "failure": "niet geslaagd",
    "timed_out": "niet op tijd klaar",
    "startup_failure": "niet gestart",
    "action_required": "wacht op goedkeuring van de redactie",
}
_RUN_URL = re.compile(r"https://[A-Za-z0-9.-]+(?:/[A-Za-z0-9_.-]+){2}/actions/runs/[0-9]+")


@dataclass
class Findings:
    """What one run of the check found, each problem and warning as the line `kennisbank validate` prints."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    due: list[str] = field(default_factory=list)  # cases due for a check by the editors


def write_findings(path: Path, problems: Iterable[object], warnings: Iterable[object], notes: Iterable[str], due: Iterable[object]) -> None:
    """The findings of `kennisbank validate`, for the comment on the pull request."""
    data = {
        "format": FORMAT,
        "problems": [str(p) for p in problems],
        "warnings": [str(w) for w in warnings],
        "notes": list(notes),
        "due": [str(d) for d in due],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _read_limited(path: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of a regular file that is not a link; None for anything else."""
    if path.is_symlink() or not path.is_file():
        return None
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def read_findings(folder: Path) -> Findings | None:
    """The findings in `folder`, or None when the file is missing, too large or not exactly what the check writes."""
    raw = _read_limited(folder / FINDINGS_FILE, MAX_FINDINGS_BYTES)
    try:
        data = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):
        return None
    keys = {FORMAT: {"format", "problems", "warnings", "notes", "due"}, FORMAT_WITHOUT_DUE: {"format", "problems", "warnings", "notes"}}
    if not isinstance(data, dict) or not isinstance(data.get("format"), str) or keys.get(data["format"]) != set(data):
        return None
    lists = [data["problems"], data["warnings"], data["notes"], data.get("due", [])]
    if not all(isinstance(items, list) and all(isinstance(item, str) for item in items) for items in lists):
        return None
    return Findings(*lists)


def read_number(folder: Path) -> int | None:
    """The pull request's number as the check wrote it; the workflow still checks it against GitHub's own record."""
    raw = _read_limited(folder / NUMBER_FILE, 32)
    text = raw.decode("ascii", "replace").strip() if raw is not None else ""
    return int(text) if re.fullmatch(r"[1-9][0-9]{0,9}", text) else None


def _listed(items: list[str]) -> str:
    shown: list[str] = []
    size = 0
    for item in items[:MAX_SHOWN]:
        line = f"- {plain(item, MAX_TEXT)}"
        size += len(line) + 1
        if size > MAX_LIST_CHARS:
            break
        shown.append(line)
    if len(items) > len(shown):
        shown.append(f"- en nog {len(items) - len(shown)}")
    return "\n".join(shown)


def comment(findings: Findings | None, *, conclusion: str, run_url: str, preview_url: str | None) -> str:
    """The Dutch comment: how the check went, its problems and warnings, and where the preview is."""
    outcome = CONCLUSIONS.get(conclusion, "niet geslaagd")
    parts = [MARKER, f"### Controle van je wijziging: {outcome}"]
    if findings is None:
        parts.append("De controle gaf geen bevindingen door: ze stopte voordat ze de inhoud kon nakijken. Bekijk de details van de controle (link hieronder).")
    elif findings.problems:
        count = len(findings.problems)
        parts.append(
            f"De controle vond {'één fout' if count == 1 else f'{count} fouten'} in de inhoud. Los {'die' if count == 1 else 'ze'} op in je pull request; "
            "de controle start daarna vanzelf opnieuw. Je vindt elke fout ook in het tabblad **Files changed**, bij de regel waar het om gaat."
        )
        parts.append(_listed(findings.problems))
    elif conclusion == "success":
        parts.append("De inhoud is in orde en de site is gebouwd. Iemand van de redactie kijkt nu naar je wijziging.")
    else:
        parts.append(
            "De inhoud is in orde, maar een test of het bouwen van de site ging mis. Dat ligt vaak niet aan jou. "
            "Bekijk de details van de controle (link hieronder), of vraag de redactie om hulp in een reactie."
        )
    if findings is not None and findings.warnings:
        parts.append("**Waarschuwingen.** Kijk ze na; ze houden je wijziging niet tegen. Is een woord toch goed, bijvoorbeeld een naam? Laat het dan staan.")
        parts.append(_listed(findings.warnings))
    if findings is not None and findings.notes:
        parts.append(_listed(findings.notes))
    if findings is not None and findings.due:
        parts.append(
            "**Voor de redactie: toe aan een controle.** Deze casussen zijn lang niet naast het initiatief gelegd, of nog nooit. "
            "Dit hoort niet bij je wijziging; je hoeft er niets mee te doen."
        )
        parts.append(_listed(findings.due))
    if preview_url:
        parts.append(
            f"**Voorbeeld van de site:** [download het voorbeeld]({preview_url}) (een zip-bestand; je moet ingelogd zijn op GitHub). "
            "Pak het uit en open `index.html` in je browser."
        )
    else:
        parts.append("Er is nog geen voorbeeld van de site: dat komt er zodra de controle slaagt.")
    parts.append(f"[Alle details van de controle]({run_url}). Deze reactie wordt bijgewerkt na elke nieuwe controle.")
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    """`python -m kennisbank.contribute.pr_feedback number DIR` or `... comment DIR --conclusion … --run-url … [--preview-id …]`."""
    parser = argparse.ArgumentParser(prog="pr_feedback", description="Reactie op een pull request uit de bevindingen van de controle.")
    commands = parser.add_subparsers(dest="command", required=True)
    number = commands.add_parser("number", help="het nummer van de pull request volgens de controle")
    number.add_argument("folder", type=Path)
    text = commands.add_parser("comment", help="de reactie als Markdown")
    text.add_argument("folder", type=Path)
    text.add_argument("--conclusion", required=True)
    text.add_argument("--run-url", required=True)
    text.add_argument("--preview-id", default="")
    args = parser.parse_args(argv)
    if args.command == "number":
        found = read_number(args.folder)
        if found is None:
            print("Geen geldig nummer van een pull request in de bevindingen.", file=sys.stderr)
            return 1
        print(found)
        return 0
    if not _RUN_URL.fullmatch(args.run_url):
        print("--run-url is geen webadres van een run van GitHub Actions.", file=sys.stderr)
        return 1
    preview = f"{args.run_url}/artifacts/{args.preview_id}" if re.fullmatch(r"[1-9][0-9]{0,19}", args.preview_id) else None
    sys.stdout.write(comment(read_findings(args.folder), conclusion=args.conclusion, run_url=args.run_url, preview_url=preview))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
