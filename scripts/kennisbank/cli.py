"""Command line: `kennisbank validate`, `schema`, `template`, `new-case`, `from-issue`, `issue-form` and `pdf`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .advice import Check, durations, freshness, gather, print_advice, readability, spelling
from .cache import Cache
from .content.loader import TAXONOMY_FILE
from .content.problems import ContentError
from .content.schema import case_schema, lesson_schema, module_schema, route_schema
from .content.taxonomy import load_taxonomy
from .contribute import issue_event, issue_form, new_case, pr_feedback
from .contribute.case_form import FORM_FILE, case_form, issue_form_yaml
from .contribute.case_template import DEFAULT_LEARNING_REF, template_text
from .pages.story_check import checked_index

# The checks whose warnings `validate` shows; a warning never makes it fail.
ADVICE: tuple[Check, ...] = (spelling.check, readability.check, freshness.check, durations.check)


def _validate(root: Path, github: bool, findings: Path | None) -> int:
    cache = Cache.for_project(root)
    try:
        index = checked_index(root, cache)
    except ContentError as error:
        if github:
            for problem in error.problems:
                print(problem.github_annotation())
        if findings is not None:
            pr_feedback.write_findings(findings, error.problems, [], [], [])
        print(error, file=sys.stderr)
        return 1
    finally:
        cache.commit()  # the files read and checked, also when others have problems: the build after this reads them
    advice = gather(index.content, ADVICE)
    if findings is not None:
        pr_feedback.write_findings(findings, [], advice.warnings, advice.notes, advice.due)
    print_advice(advice, github=github)
    count = len(advice.warnings) + len(advice.due)
    warned = f" {count} {'waarschuwing' if count == 1 else 'waarschuwingen'}: kijk ze na, maar ze houden niets tegen." if count else ""
    if advice.due:
        warned += f" Toe aan een controle door de redactie: {len(advice.due)} {'casus' if len(advice.due) == 1 else 'casussen'}."
    counts = (
        f"{len(index.cases)} casussen, {len(index.modules)} modules, {len(index.lessons)} lessen, "
        f"{len(index.content.glossary)} begrippen, {len(index.routes)} leerroutes"
    )
    print(f"Alles in orde: {counts}.{warned}")
    return 0


def _schema(root: Path, out: Path) -> int:
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in (("casus", case_schema(taxonomy)), ("module", module_schema()), ("les", lesson_schema()), ("leerroute", route_schema())):
        (out / f"{name}.schema.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Schema's geschreven naar {out}")
    return 0


def _template(root: Path) -> int:
    try:
        text = template_text(root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


def _issue_form(root: Path) -> int:
    """Write the GitHub issue form 'Casus aandragen' anew from the case schema and the vocabularies."""
    try:
        taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    except ContentError as error:
        print(f"De woordenlijsten kloppen niet; los dat eerst op.\n{error}", file=sys.stderr)
        return 1
    path = root / FORM_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(issue_form_yaml(case_form(taxonomy)), encoding="utf-8")
    print(f"Issueformulier geschreven naar {FORM_FILE}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kennisbank", description="Hulpmiddelen voor de kennisbank van De Coöperatieve Samenleving.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="map van de repository (standaard: huidige map)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="controleer alle casussen, modules, lessen, begrippen en leerroutes")
    check.add_argument("--github", action="store_true", help="meld fouten en waarschuwingen ook als GitHub-annotaties")
    check.add_argument("--findings", type=Path, metavar="BESTAND", help="schrijf fouten en waarschuwingen ook als JSON, voor de reactie op een pull request")
    schema = commands.add_parser("schema", help="schrijf de JSON Schema's van het inhoudsmodel")
    schema.add_argument("out", type=Path, help="map om de schema's in te schrijven")
    commands.add_parser("template", help="toon een leeg casussjabloon met uitleg en voorbeeldwaarden")
    commands.add_parser("new-case", help="maak een nieuwe casus door vragen te beantwoorden")
    issue = commands.add_parser("from-issue", help="maak een casus van een ingevuld formulier 'Casus aandragen'")
    issue.add_argument(
        "body",
        metavar="BESTAND",
        nargs="?",
        help="de tekst van het formulier (uit een issue, een download of een e-mail), een bewaarde e-mail (.eml), of - voor standaardinvoer",
    )
    issue.add_argument("--event", type=Path, metavar="EVENT.json", help="lees een gebeurtenis 'issues' van GitHub (label casus-goedgekeurd), niet een tekst")
    issue.add_argument("--dry-run", action="store_true", help="met --event: schrijf niets, toon de casus en de pull request, of de reactie op de issue")
    issue.add_argument("--messages", type=Path, metavar="MAP", help="met --event: schrijf de pull request en de reactie op de issue als bestanden in deze map")
    issue.add_argument("--out", type=Path, default=None, help="map voor de nieuwe casus (standaard: cases/)")
    issue.add_argument(
        "--leren", action="append", metavar="REF", help=f"module of les bij de casus, als 'module' of 'module/les' (standaard: {DEFAULT_LEARNING_REF})"
    )
    commands.add_parser("issue-form", help=f"schrijf het issueformulier 'Casus aandragen' ({FORM_FILE}) opnieuw uit het inhoudsmodel")
    pdfs = commands.add_parser("pdf", help="maak de werkboeken, de werkbladen en de casusbladen als pdf in <site-dir>/pdf/")
    pdfs.add_argument("--site-dir", type=Path, default=Path("site"), help="map van de gebouwde site (standaard: site)")
    pdfs.add_argument("--workers", type=int, default=None, help="aantal processen (standaard: aantal processorkernen)")
    args = parser.parse_args(argv)
    if args.command == "from-issue" and (args.body is None) == (args.event is None):
        issue.error("geef een bestand met de tekst van de issue, of --event met een gebeurtenis van GitHub (niet allebei)")
    if args.command == "from-issue" and args.event is None and (args.dry_run or args.messages):
        issue.error("--dry-run en --messages werken alleen met --event")
    root = args.root.resolve()
    if args.command == "validate":
        return _validate(root, args.github, args.findings)
    if args.command == "template":
        return _template(root)
    if args.command == "new-case":
        return new_case.run(root)
    if args.command == "issue-form":
        return _issue_form(root)
    if args.command == "from-issue" and args.event is not None:
        return issue_event.run(root, args.event, args.out, args.leren, dry_run=args.dry_run, messages=args.messages)
    if args.command == "from-issue":
        return issue_form.run(root, args.body, args.out, args.leren)
    if args.command == "pdf":
        from .pdf import build  # WeasyPrint loads only for this command

        return build.run(root, args.site_dir.resolve(), args.workers)
    return _schema(root, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
