"""`kennisbank from-issue --event`: a GitHub 'issues' event in; the case and its pull request, or the Dutch reply that refuses it.

The workflow that runs when an editor adds the label `casus-goedgekeurd` hands
this command the event file GitHub wrote, so the issue's title and body reach
the converter as data and never pass through a shell. The event says who wrote
the issue and where it is; the body goes through the same converter as
`kennisbank from-issue`. What comes out is text for GitHub: the pull request's
title and description, and the reply on the issue. Everything the contributor
typed is shown through `github_text.plain`, so it cannot link, mention or mark up.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.loader import CASES_DIR
from .github_text import plain
from .issue_form import FormProblem, convert_or_report, report_problems, save

APPROVED_LABEL = "casus-goedgekeurd"
# GitHub caps an issue body at 65,536 characters; an event file many times that is not one of GitHub's.
MAX_EVENT_BYTES = 2_000_000
MAX_PROBLEMS_SHOWN = 30
# The names of the files `--messages` writes, read by the workflow.
PR_TITLE_FILE = "pr-titel.txt"
PR_BODY_FILE = "pr-tekst.md"
REPLY_FILE = "reactie.md"

_LOGIN = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}(?:\[bot\])?")
_ISSUE_URL = re.compile(r"https://[A-Za-z0-9.-]+(?:/[A-Za-z0-9_.-]+){2}/issues/[0-9]+")


class EventError(Exception):
    """The file is not a 'label casus-goedgekeurd on an issue' event; the message says why, in Dutch."""


@dataclass(frozen=True)
class Issue:
    """What the event says about the issue: the fields this command uses, checked."""

    number: int
    author: str
    url: str
    body: str


def read_event(path: Path) -> Issue:
    """The labelled issue from a GitHub `issues` event file; EventError for anything else."""
    try:
        if path.stat().st_size > MAX_EVENT_BYTES:
            raise EventError(f"Het bestand {path} is groter dan {MAX_EVENT_BYTES // 1_000_000} MB; zo groot is een gebeurtenis van GitHub nooit.")
        event = json.loads(path.read_bytes())
    except OSError as error:
        raise EventError(f"Kan het bestand {path} niet lezen: {error.strerror}") from error
    except (ValueError, RecursionError) as error:
        raise EventError(f"Het bestand {path} is geen geldige JSON; verwacht de gebeurtenis 'issues' zoals GitHub die geeft.") from error
    issue = event.get("issue") if isinstance(event, dict) else None
    label = event.get("label") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or "pull_request" in issue:
        raise EventError("Dit is geen gebeurtenis over een issue (verwacht de gebeurtenis 'issues' van GitHub); er is niets gedaan.")
    if event.get("action") != "labeled" or not isinstance(label, dict) or label.get("name") != APPROVED_LABEL:
        raise EventError(f"Deze gebeurtenis zet niet het label '{APPROVED_LABEL}' op de issue; er is niets gedaan.")
    number, user, url, body = issue.get("number"), issue.get("user"), issue.get("html_url"), issue.get("body")
    login = user.get("login") if isinstance(user, dict) else None
    if type(number) is not int or number < 1:
        raise EventError("De gebeurtenis heeft geen geldig nummer van de issue ('issue.number').")
    if not isinstance(login, str) or not _LOGIN.fullmatch(login):
        raise EventError("De gebeurtenis noemt geen geldige schrijver van de issue ('issue.user.login').")
    if not isinstance(url, str) or not _ISSUE_URL.fullmatch(url) or not url.endswith(f"/{number}"):
        raise EventError("De gebeurtenis heeft geen geldig webadres van de issue ('issue.html_url').")
    if body is not None and not isinstance(body, str):
        raise EventError("De tekst van de issue ('issue.body') is geen tekst.")
    return Issue(number, login, url, body or "")


def branch_name(issue: Issue) -> str:
    """One branch per issue: labelling again updates it instead of making another."""
    return f"casus/issue-{issue.number}"


def pull_request_title(meta: dict[str, Any]) -> str:
    # A title is plain text on GitHub, and the case's name passed the same checks as every case title.
    return f"Casus: {meta['titel']}"


def _paragraphs(*parts: str) -> str:
    # GitHub shows every line break in a comment, so each paragraph stays on one line.
    return "\n\n".join(parts) + "\n"


def pull_request_body(issue: Issue, slug: str, meta: dict[str, Any]) -> str:
    """The pull request's description: who proposed it, what it is, and what the editors still check."""
    learning = ", ".join(f"`{ref}`" for ref in meta["leren"])
    example = "een verzonnen voorbeeld" if meta["voorbeeld"] else "een bestaand initiatief"
    return _paragraphs(
        f"Aangedragen door @{issue.author} in #{issue.number}.",
        "Deze pull request is automatisch gemaakt uit het formulier 'Casus aandragen', "
        f"nadat de redactie het label `{APPROVED_LABEL}` op de issue zette. De casus voldoet aan dezelfde controle als `make validate`.",
        f"| | |\n|---|---|\n| Casus | {plain(meta['titel'])} |\n| Bestand | `{CASES_DIR}/{slug}.md` |\n| Samenvatting | {plain(meta['samenvatting'])} |",
        "**Voor de redactie**",
        f"- [ ] De indiener zegt dat dit {example} is; `voorbeeld` klopt.\n"
        f"- [ ] De modules en lessen bij `leren` passen bij de casus (nu: {learning}).\n"
        "- [ ] Er staan geen persoonsgegevens van anderen in.\n"
        f"- [ ] `gecontroleerd` is de dag waarop de redactie de casus goedkeurde (nu: {plain(meta.get('gecontroleerd', ''))}).\n"
        "- [ ] Na controle van de gegevens bij het initiatief of in de bronnen: `geverifieerd` op `true`.",
        f"Moet er iets veranderen? Vraag de indiener om de issue aan te passen en zet het label `{APPROVED_LABEL}` opnieuw. "
        f"De branch `{branch_name(issue)}` wordt dan opnieuw gemaakt uit de issue, en deze pull request bijgewerkt. "
        "Wat je zelf op deze branch zet, gaat daarbij verloren.",
        "De automatische controle en het voorbeeld van de site starten niet vanzelf, omdat GitHub Actions deze pull request maakte. "
        "Start ze door de pull request te sluiten en meteen weer te openen (**Close pull request**, dan **Reopen pull request**).",
        f"Closes #{issue.number}",
    )


def accepted_reply(issue: Issue, slug: str) -> str:
    """The reply on the issue once the pull request exists; the workflow adds its link on the last line."""
    return _paragraphs(
        f"@{issue.author}, bedankt! De redactie heeft je casus goedgekeurd. Hij staat nu als `{CASES_DIR}/{slug}.md` in een pull request. "
        "Daar leest de redactie hem nog één keer na; daarna komt hij op de site.",
        "Wil je nog iets veranderen? Pas dan deze issue aan (de drie puntjes **…** bovenaan, dan **Edit**) en laat het de redactie weten in een reactie. "
        "Zet de redactie het label opnieuw, dan wordt dezelfde pull request bijgewerkt.",
        "De pull request:",
    )


def refused_reply(issue: Issue, problems: list[FormProblem]) -> str:
    """The reply on the issue when it cannot become a case yet: each problem, and how to fix it in the issue."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    lines = [f"- **{plain(problem.label, 120)}**: {plain(problem.message)}" for problem in shown]
    if len(problems) > len(shown):
        lines.append(f"- en nog {len(problems) - len(shown)} andere punten")
    what = "moet er nog één punt" if len(problems) == 1 else f"moeten er nog {len(problems)} punten"
    return _paragraphs(
        f"@{issue.author}, bedankt voor je casus! Voordat de redactie er een pull request van kan maken, {what} anders in het formulier:",
        "\n".join(lines),
        "**Zo pas je het aan:** klik bovenaan je issue op de drie puntjes (**…**) en kies **Edit**. "
        "Verander wat hierboven staat en klik op **Update comment**. Laat de kopjes die met `###` beginnen staan zoals ze zijn. "
        f"Laat het de redactie daarna weten in een reactie; zij zet het label `{APPROVED_LABEL}` dan opnieuw en de controle begint opnieuw.",
    )


def _section(title: str, text: str) -> str:
    return f"===== {title} =====\n{text.rstrip()}\n"


def _write_messages(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def run(root: Path, event_file: Path, out: Path | None, leren: list[str] | None, *, dry_run: bool, messages: Path | None) -> int:
    """`kennisbank from-issue --event`: 0 when the case is (or would be) made, 1 when it is refused.

    With `dry_run` nothing is written: the case file, the pull request's title
    and description are printed, or the reply that refuses the issue. Otherwise
    the case goes to `out` (standard: cases/), and with `messages` the title,
    description and reply go to files there for the workflow.
    """
    try:
        issue = read_event(event_file)
    except EventError as error:
        print(error, file=sys.stderr)
        return 1
    # New cases are checked against the repository's own cases, wherever the file goes.
    result = convert_or_report(issue.body, root, root / CASES_DIR, leren)
    if result is None:
        return 1
    if result.problems or result.slug is None or result.text is None:
        reply = refused_reply(issue, result.problems)
        if dry_run:
            print(_section(f"Reactie op issue #{issue.number}", reply), end="")
            return 1
        if messages is not None:
            _write_messages(messages, {REPLY_FILE: reply})
        report_problems(result.problems)
        return 1
    title, body = pull_request_title(result.meta), pull_request_body(issue, result.slug, result.meta)
    if dry_run:
        print(_section(f"{CASES_DIR}/{result.slug}.md", result.text), end="")
        print(_section("Titel van de pull request", title), end="")
        print(_section("Tekst van de pull request", body), end="")
        return 0
    code = save(out if out is not None else root / CASES_DIR, result.slug, result.text)
    if code == 0 and messages is not None:
        _write_messages(messages, {PR_TITLE_FILE: title + "\n", PR_BODY_FILE: body, REPLY_FILE: accepted_reply(issue, result.slug)})
    return code
