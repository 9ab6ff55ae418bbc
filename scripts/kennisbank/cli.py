"""Command line: `kennisbank validate`, `schema`, `template`, `new-case`, `from-issue` and `pdf`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cache import Cache
from .content.loader import TAXONOMY_FILE
from .content.problems import ContentError
from .content.schema import case_schema, lesson_schema, module_schema
from .content.taxonomy import load_taxonomy
from .contribute import issue_form, new_case
from .contribute.case_template import DEFAULT_LEARNING_REF, template_text
from .pages.story_check import checked_index


def _validate(root: Path, github: bool) -> int:
    try:
        index = checked_index(root, Cache.for_project(root))
    except ContentError as error:
        if github:
            for problem in error.problems:
                print(problem.github_annotation())
        print(error, file=sys.stderr)
        return 1
    print(f"Alles in orde: {len(index.cases)} casussen, {len(index.modules)} modules, {len(index.lessons)} lessen, {len(index.content.glossary)} begrippen.")
    return 0


def _schema(root: Path, out: Path) -> int:
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in (("casus", case_schema(taxonomy)), ("module", module_schema()), ("les", lesson_schema())):
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kennisbank", description="Hulpmiddelen voor de kennisbank van De Coöperatieve Samenleving.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="map van de repository (standaard: huidige map)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="controleer alle casussen, modules, lessen en begrippen")
    check.add_argument("--github", action="store_true", help="meld fouten ook als GitHub-annotaties")
    schema = commands.add_parser("schema", help="schrijf de JSON Schema's van het inhoudsmodel")
    schema.add_argument("out", type=Path, help="map om de schema's in te schrijven")
    commands.add_parser("template", help="toon een leeg casussjabloon met uitleg en voorbeeldwaarden")
    commands.add_parser("new-case", help="maak een nieuwe casus door vragen te beantwoorden")
    issue = commands.add_parser("from-issue", help="maak een casus van een ingevuld formulier 'Casus aandragen'")
    issue.add_argument("body", metavar="ISSUE_BODY_FILE", help="bestand met de tekst van de issue, of - voor standaardinvoer")
    issue.add_argument("--out", type=Path, default=None, help="map voor de nieuwe casus (standaard: cases/)")
    issue.add_argument(
        "--leren", action="append", metavar="REF", help=f"module of les bij de casus, als 'module' of 'module/les' (standaard: {DEFAULT_LEARNING_REF})"
    )
    pdfs = commands.add_parser("pdf", help="maak de werkboeken en casusbladen als pdf in <site-dir>/pdf/")
    pdfs.add_argument("--site-dir", type=Path, default=Path("site"), help="map van de gebouwde site (standaard: site)")
    pdfs.add_argument("--workers", type=int, default=None, help="aantal processen (standaard: aantal processorkernen)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "validate":
        return _validate(root, args.github)
    if args.command == "template":
        return _template(root)
    if args.command == "new-case":
        return new_case.run(root)
    if args.command == "from-issue":
        return issue_form.run(root, args.body, args.out, args.leren)
    if args.command == "pdf":
        from .pdf import build  # WeasyPrint loads only for this command

        return build.run(root, args.site_dir.resolve(), args.workers)
    return _schema(root, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
