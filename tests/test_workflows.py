"""The GitHub workflows, read and run here as far as GitHub is not needed.

GitHub itself cannot run in a test. What can: the rules every workflow keeps
(pinned actions, no expressions inside a shell, write permissions only where
needed), and the shell of each step that turns an issue into a pull request or
comments on a pull request. Those steps run here in bash, as GitHub runs them,
on the recorded events, with real git and a stand-in for the `gh` program that
answers as GitHub's API would and records what it was asked.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from kennisbank.contribute.issue_event import APPROVED_LABEL
from kennisbank.contribute.pr_feedback import FINDINGS_FILE, MARKER, NUMBER_FILE

from tests.conftest import ROOT, copy_content

WORKFLOWS = ROOT / ".github" / "workflows"
EVENTS = ROOT / "tests" / "issue-events"
KENNISBANK = str(Path(sys.executable).with_name("kennisbank"))
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
REPOSITORY = "decooperatievesamenleving/kennisbank"
PR_URL = f"https://github.com/{REPOSITORY}/pull/7"

# The stand-in for `gh`: records each call (and the text of a body it is given), answers by the first rule that matches.
FAKE_GH = """\
import json, os, re, sys
args = sys.argv[1:]
record = {"args": args}
for number, arg in enumerate(args):
    if arg == "--body-file":
        record["body"] = open(args[number + 1], encoding="utf-8").read()
    elif arg.startswith("body=@"):
        record["body"] = open(arg[len("body=@"):], encoding="utf-8").read()
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(record) + "\\n")
for rule in json.loads(os.environ["FAKE_GH_RULES"]):
    if re.search(rule["match"], " ".join(args)):
        sys.stdout.write(rule.get("stdout", ""))
        sys.exit(rule.get("exit", 0))
"""


def workflow(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def triggers(data: dict[Any, Any]) -> dict[str, Any]:
    found: dict[str, Any] = data.get("on") or data[True]  # YAML 1.1 reads a bare `on` as true
    return found


def step(name: str, job: str, title: str) -> dict[str, Any]:
    return next(step for step in workflow(name)["jobs"][job]["steps"] if step.get("name") == title)


def all_workflows() -> list[str]:
    return sorted(path.name for path in WORKFLOWS.glob("*.yml"))


@pytest.mark.parametrize("name", all_workflows())
def test_every_action_is_pinned_by_commit(name: str) -> None:
    for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*(?:-\s+)?uses:", line):
            assert SHA_PIN.match(line), line


@pytest.mark.parametrize("name", all_workflows())
def test_no_expression_inside_a_shell(name: str) -> None:
    for job in workflow(name)["jobs"].values():
        for each in job["steps"]:
            assert "${{" not in each.get("run", ""), each["name"]


@pytest.mark.parametrize("name", all_workflows())
def test_a_jobs_own_env_uses_no_runner_context(name: str) -> None:
    # GitHub has no `runner` context for a job's env, only for its steps: the value would be empty.
    for job in workflow(name)["jobs"].values():
        assert "runner." not in json.dumps(job.get("env") or {})


def test_write_permissions_only_where_they_are_used() -> None:
    writes = {}
    for name in all_workflows():
        data = workflow(name)
        assert data["permissions"] in ({}, {"contents": "read"}), name
        for job_name, job in data["jobs"].items():
            granted = {scope: level for scope, level in (job.get("permissions") or {}).items() if level == "write"}
            if granted:
                writes[f"{name}:{job_name}"] = granted
    assert writes == {
        "casus-uit-issue.yml:pull-request": {"contents": "write", "pull-requests": "write", "issues": "write"},
        "deploy.yml:deploy": {"pages": "write", "id-token": "write"},
        "pr-reactie.yml:reageren": {"pull-requests": "write"},
    }


def test_the_issue_workflow_starts_only_on_the_approval_label() -> None:
    data = workflow("casus-uit-issue.yml")
    assert triggers(data) == {"issues": {"types": ["labeled"]}}
    convert = data["jobs"]["omzetten"]
    assert convert["if"] == f"github.event.label.name == '{APPROVED_LABEL}'"
    assert convert["permissions"] == {"contents": "read"}
    assert convert["steps"][0]["name"] == "Rechten van wie het label zette controleren"
    assert data["jobs"]["pull-request"]["needs"] == "omzetten"


def test_the_comment_workflow_never_runs_the_pull_requests_code() -> None:
    data = workflow("pr-reactie.yml")
    assert triggers(data) == {"workflow_run": {"workflows": [workflow("pr.yml")["name"]], "types": ["completed"]}}
    assert "pull_request_target" not in json.dumps(triggers(data))
    steps = data["jobs"]["reageren"]["steps"]
    checkout = next(each for each in steps if each.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False}  # the default branch, never the pull request's head
    for each in steps:
        assert not re.search(r"\bmake\b|pip|\.venv|kennisbank validate|pytest", each.get("run", ""))
    download = next(each for each in steps if each.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["name"] == step("pr.yml", "bevindingen", "Bevindingen bewaren")["with"]["name"]


@pytest.fixture
def fake_gh(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    gh = folder / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    return folder


def run_step(run: str, cwd: Path, fake_gh: Path, rules: list[dict[str, Any]], **env: str) -> tuple[subprocess.CompletedProcess[str], list[dict[str, Any]]]:
    """One step's shell as GitHub runs it (`bash -e`), with the stand-in for `gh` first on the PATH; the result and the calls to `gh`."""
    log = fake_gh.parent / "gh-calls.jsonl"
    log.unlink(missing_ok=True)
    environment = {
        "PATH": f"{fake_gh}:{os.environ['PATH']}",
        "HOME": str(fake_gh.parent),
        "FAKE_GH_LOG": str(log),
        "FAKE_GH_RULES": json.dumps(rules),
        "GH_TOKEN": "niet-echt",
        "REPOSITORY": REPOSITORY,
        **env,
    }
    result = subprocess.run(["bash", "-e", "-c", run], cwd=cwd, env=environment, capture_output=True, text=True, check=False, timeout=120)
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    return result, calls


def git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """The repository on 'GitHub': a bare repository whose main branch holds the real content."""
    work = copy_content(tmp_path / "eerste")
    git(work, "init", "--quiet", "--initial-branch=main")
    git(work, "add", "-A")
    git(work, "commit", "--quiet", "-m", "Inhoud")
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(work), str(bare))
    return bare


def checkout(origin: Path, target: Path) -> Path:
    """What actions/checkout gives a job: the default branch, with `origin` to push to."""
    git(origin.parent, "clone", "--quiet", "--branch", "main", str(origin), str(target))
    (target / ".venv").symlink_to(Path(sys.executable).parent.parent)
    return target


def convert(work: Path, fake_gh: Path, event: Path, out: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """The step 'Issue omzetten' on `event`: its result and what it wrote to $GITHUB_OUTPUT."""
    output = out.parent / "github-output"
    output.write_text("", encoding="utf-8")
    run = step("casus-uit-issue.yml", "omzetten", "Issue omzetten")["run"]
    result, _ = run_step(run, work, fake_gh, [], RUNNER_TEMP=str(out.parent), GITHUB_EVENT_PATH=str(event), GITHUB_OUTPUT=str(output))
    return result, output.read_text(encoding="utf-8")


@pytest.mark.parametrize(("role", "allowed"), [("admin", True), ("triage", True), ("write", True), ("read", False), ("", False)])
def test_only_triage_or_more_may_approve(tmp_path: Path, fake_gh: Path, role: str, allowed: bool) -> None:
    run = step("casus-uit-issue.yml", "omzetten", "Rechten van wie het label zette controleren")["run"]
    rules = [{"match": f"^api repos/{REPOSITORY}/collaborators/redactie-jan/permission --jq .role_name$", "stdout": role + "\n"}]
    result, calls = run_step(run, tmp_path, fake_gh, rules, SENDER="redactie-jan")
    assert (result.returncode == 0) is allowed
    assert len(calls) == 1
    if not allowed:
        assert "::error::Alleen de redactie (triage of meer) mag een casus goedkeuren" in result.stdout


def test_an_approved_issue_becomes_a_branch_a_pull_request_and_a_reply(origin: Path, tmp_path: Path, fake_gh: Path) -> None:
    out = tmp_path / "runner" / "uitkomst"
    out.parent.mkdir()
    result, output = convert(checkout(origin, tmp_path / "omzetten"), fake_gh, EVENTS / "complete.json", out)
    assert result.returncode == 0, result.stderr
    assert output == "uitkomst=casus\n"
    env = {"NUMBER": "42", "BASE": "main", "RUNNER_TEMP": str(out.parent)}
    rules = [{"match": "^pr list ", "stdout": ""}, {"match": "^pr create ", "stdout": PR_URL + "\n"}]
    made, calls = run_step(
        step("casus-uit-issue.yml", "pull-request", "Branch en pull request maken of bijwerken")["run"],
        checkout(origin, tmp_path / "maken"),
        fake_gh,
        rules,
        **env,
    )
    assert made.returncode == 0, made.stderr
    assert git(origin, "diff", "--name-status", "main", "casus/issue-42") == "A\tcases/dorpscooperatie-een-lijn.md\n"
    assert git(origin, "log", "--format=%s", "main..casus/issue-42") == "Casus: Dorpscoöperatie Één Lijn\n"
    create = next(call for call in calls if call["args"][:2] == ["pr", "create"])
    assert create["args"][2:10] == ["--repo", REPOSITORY, "--base", "main", "--head", "casus/issue-42", "--title", "Casus: Dorpscoöperatie Één Lijn"]
    assert create["body"] == (out / "pr-tekst.md").read_text(encoding="utf-8")
    assert (out / "reactie.md").read_text(encoding="utf-8").endswith(f"De pull request:\n{PR_URL}\n")
    replied, calls = run_step(step("casus-uit-issue.yml", "pull-request", "Reageren op de issue")["run"], tmp_path, fake_gh, [], **env)
    assert replied.returncode == 0, replied.stderr
    assert [call["args"][:3] for call in calls] == [["issue", "comment", "42"], ["issue", "edit", "42"]]
    assert calls[0]["body"] == (out / "reactie.md").read_text(encoding="utf-8")
    assert calls[1]["args"][3:] == ["--repo", REPOSITORY, "--remove-label", APPROVED_LABEL]


@pytest.mark.parametrize(("state", "reopens"), [("OPEN", None), ("CLOSED", 0), ("CLOSED", 1)])
def test_labelling_again_rebuilds_the_same_branch_and_pull_request(origin: Path, tmp_path: Path, fake_gh: Path, state: str, reopens: int | None) -> None:
    made = step("casus-uit-issue.yml", "pull-request", "Branch en pull request maken of bijwerken")["run"]
    env = {"NUMBER": "42", "BASE": "main"}
    first = tmp_path / "eerste-run" / "uitkomst"
    first.parent.mkdir()
    assert convert(checkout(origin, tmp_path / "omzetten-1"), fake_gh, EVENTS / "complete.json", first)[0].returncode == 0
    new: list[dict[str, Any]] = [{"match": "^pr list ", "stdout": ""}, {"match": "^pr create ", "stdout": PR_URL + "\n"}]
    assert run_step(made, checkout(origin, tmp_path / "maken-1"), fake_gh, new, RUNNER_TEMP=str(first.parent), **env)[0].returncode == 0
    # The contributor renames the initiative in the issue; an editor labels it again.
    event = json.loads((EVENTS / "complete.json").read_text(encoding="utf-8"))
    event["issue"]["body"] = event["issue"]["body"].replace("Dorpscoöperatie Één Lijn", "Buurtbus Één Lijn")
    edited = tmp_path / "bewerkt.json"
    edited.write_text(json.dumps(event), encoding="utf-8")
    second = tmp_path / "tweede-run" / "uitkomst"
    second.parent.mkdir()
    assert convert(checkout(origin, tmp_path / "omzetten-2"), fake_gh, edited, second)[0].returncode == 0
    rules: list[dict[str, Any]] = [
        {"match": "^pr list ", "stdout": f"7 {state}\n"},
        {"match": "^pr create ", "stdout": "https://github.com/x/y/pull/8\n"},
        {"match": "^pr view 7 ", "stdout": PR_URL + "\n"},
    ]
    if reopens is not None:
        rules.insert(0, {"match": "^pr reopen 7 ", "exit": reopens})
    result, calls = run_step(made, checkout(origin, tmp_path / "maken-2"), fake_gh, rules, RUNNER_TEMP=str(second.parent), **env)
    assert result.returncode == 0, result.stderr
    # One commit on top of main with only the new file: the old one is gone.
    assert git(origin, "diff", "--name-status", "main", "casus/issue-42") == "A\tcases/buurtbus-een-lijn.md\n"
    assert git(origin, "log", "--format=%s", "main..casus/issue-42") == "Casus: Buurtbus Één Lijn\n"
    commands = [" ".join(call["args"][:2]) for call in calls]
    if reopens == 1:  # the closed pull request cannot be reopened (its branch was deleted): a new one, as GitHub allows
        assert "pr create" in commands and "pr edit" not in commands
        return
    assert "pr create" not in commands
    edit = next(call for call in calls if call["args"][:3] == ["pr", "edit", "7"])
    assert edit["args"][3:7] == ["--repo", REPOSITORY, "--title", "Casus: Buurtbus Één Lijn"]
    assert ("pr reopen" in commands) is (state == "CLOSED")
    assert (second / "reactie.md").read_text(encoding="utf-8").endswith(f"\n{PR_URL}\n")


@pytest.mark.parametrize("name", ["missing-fields.json", "hostile-html.json"])
def test_a_refused_issue_gets_the_reply_and_no_branch(origin: Path, tmp_path: Path, fake_gh: Path, name: str) -> None:
    out = tmp_path / "runner" / "uitkomst"
    out.parent.mkdir()
    result, output = convert(checkout(origin, tmp_path / "omzetten"), fake_gh, EVENTS / name, out)
    assert result.returncode == 0, result.stderr
    assert output == "uitkomst=geweigerd\n"
    assert sorted(path.name for path in out.iterdir()) == ["reactie.md"]
    assert workflow("casus-uit-issue.yml")["jobs"]["pull-request"]["steps"][2]["if"] == "needs.omzetten.outputs.uitkomst == 'casus'"
    reply = step("casus-uit-issue.yml", "pull-request", "Reageren op de issue")["run"]
    replied, calls = run_step(reply, tmp_path, fake_gh, [], NUMBER="42", RUNNER_TEMP=str(out.parent))
    assert replied.returncode == 0, replied.stderr
    assert calls[0]["body"].startswith("@marieke-bosch, bedankt voor je casus!")
    assert git(origin, "branch", "--list", "casus/*") == ""


def test_an_event_that_is_not_an_approval_fails_the_run(origin: Path, tmp_path: Path, fake_gh: Path) -> None:
    out = tmp_path / "runner" / "uitkomst"
    out.parent.mkdir()
    result, output = convert(checkout(origin, tmp_path / "omzetten"), fake_gh, EVENTS / "other-label.json", out)
    assert result.returncode == 1
    assert output == ""


def findings_of(tmp_path: Path, fake_gh: Path, typo: bool) -> Path:
    """What the check of pull request 7 leaves: its number and the findings of `kennisbank validate` (a typo on line 69)."""
    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    result, _ = run_step(step("pr.yml", "bevindingen", "Nummer van de pull request bewaren")["run"], tmp_path, fake_gh, [], RUNNER_TEMP=str(runner), NUMBER="7")
    assert result.returncode == 0, result.stderr
    root = copy_content(tmp_path / "pr")
    if typo:
        case = root / "cases" / "zonnedijk-energie.md"
        text = case.read_text(encoding="utf-8")
        assert text.count("\n") == 67
        case.write_text(text + "\nDe samenwerkng liep goed.\n", encoding="utf-8")
    check = subprocess.run(
        [KENNISBANK, "--root", str(root), "validate", "--findings", str(runner / "bevindingen" / FINDINGS_FILE)], capture_output=True, check=False
    )
    assert check.returncode == 0
    assert sorted(path.name for path in (runner / "bevindingen").iterdir()) == sorted([FINDINGS_FILE, NUMBER_FILE])
    return runner


def comment_rules(head: str, existing: str) -> list[dict[str, Any]]:
    return [
        {"match": f"^api repos/{REPOSITORY}/pulls/7 --jq .head.sha$", "stdout": head + "\n"},
        {"match": f"^api repos/{REPOSITORY}/actions/runs/99/artifacts ", "stdout": "555\n"},
        {"match": f"^api --paginate repos/{REPOSITORY}/issues/7/comments ", "stdout": existing},
    ]


def test_the_findings_become_one_comment_that_is_updated(tmp_path: Path, fake_gh: Path) -> None:
    runner = findings_of(tmp_path, fake_gh, typo=True)
    run = step("pr-reactie.yml", "reageren", "Reactie plaatsen of bijwerken")
    env = {key: value for key, value in run["env"].items() if "${{" not in value}
    run_url = f"https://github.com/{REPOSITORY}/actions/runs/99"
    env |= {"RUNNER_TEMP": str(runner), "RUN_ID": "99", "RUN_URL": run_url, "CONCLUSION": "success", "HEAD_SHA": "a" * 40}
    result, calls = run_step(run["run"], ROOT, fake_gh, comment_rules("a" * 40, ""), **env)
    assert result.returncode == 0, result.stderr
    post = calls[-1]
    assert post["args"][:5] == ["api", "--method", "POST", f"repos/{REPOSITORY}/issues/7/comments", "-F"]
    body = post["body"]
    assert body.startswith(MARKER + "\n\n### Controle van je wijziging: geslaagd\n")
    assert "\n- cases/zonnedijk-energie.md:69: mogelijke spelfout 'samenwerkng' (bedoel je 'samenwerking'?)\n" in body
    assert f"[download het voorbeeld]({run_url}/artifacts/555)" in body
    # The next check finds its own comment by the marker and updates it.
    result, calls = run_step(run["run"], ROOT, fake_gh, comment_rules("a" * 40, "1234\n"), **env)
    assert result.returncode == 0, result.stderr
    assert calls[-1]["args"][:4] == ["api", "--method", "PATCH", f"repos/{REPOSITORY}/issues/comments/1234"]


def test_an_outdated_or_forged_number_gets_no_comment(tmp_path: Path, fake_gh: Path) -> None:
    runner = findings_of(tmp_path, fake_gh, typo=False)
    run = step("pr-reactie.yml", "reageren", "Reactie plaatsen of bijwerken")
    env = {"PYTHONPATH": "scripts", "RUNNER_TEMP": str(runner), "RUN_ID": "99", "RUN_URL": "https://github.com/x/y/actions/runs/99", "CONCLUSION": "failure"}
    result, calls = run_step(run["run"], ROOT, fake_gh, comment_rules("b" * 40, ""), HEAD_SHA="a" * 40, **env)
    assert result.returncode == 0, result.stderr
    assert "staat niet (meer) op de gecontroleerde commit" in result.stdout
    assert [call["args"][1] for call in calls] == [f"repos/{REPOSITORY}/pulls/7"]
    (runner / "bevindingen" / NUMBER_FILE).write_text("7; touch gehackt\n", encoding="utf-8")
    result, calls = run_step(run["run"], ROOT, fake_gh, comment_rules("a" * 40, ""), HEAD_SHA="a" * 40, **env)
    assert result.returncode == 0, result.stderr
    assert calls == []
    assert not (ROOT / "gehackt").exists()
