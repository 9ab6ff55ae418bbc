"""The quick schema check may say yes only where jsonschema says yes: it must never let a broken file through."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from kennisbank.content.loader import GLOSSARY_FILE, TAXONOMY_FILE
from kennisbank.content.routes import ROUTES_FOLDER
from kennisbank.content.schema import case_schema, glossary_schema, lesson_schema, module_schema, route_schema
from kennisbank.content.source import read_source
from kennisbank.content.strict_yaml import parse
from kennisbank.content.taxonomy import load_taxonomy
from kennisbank.content.validate import SchemaCheck, compile_schema

from tests.conftest import ROOT

CORPUS = Path(__file__).parent / "bad-input"
TAXONOMY = load_taxonomy(ROOT / TAXONOMY_FILE, ROOT)
CASES = compile_schema(case_schema(TAXONOMY))
LESSONS = compile_schema(lesson_schema())
ROUTES = compile_schema(route_schema())
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))


def _agrees(check: SchemaCheck, meta: Any) -> bool:
    """The quick yes implies jsonschema's yes."""
    return not check.passes_quickly(meta) or not list(check.full.iter_errors(meta))


def test_all_real_content_passes_the_quick_check() -> None:
    """Otherwise every file would go to jsonschema and the quick check would only cost time."""
    checks = {"cases": CASES, "module": compile_schema(module_schema()), "lesson": compile_schema(lesson_schema())}
    files = sorted((ROOT / "cases").glob("*.md")) + sorted((ROOT / "docs" / "leren").glob("*/*.md"))
    assert len(files) > 20
    for file in files:
        kind = "cases" if file.parent.name == "cases" else "module" if file.name == "index.md" else "lesson"
        source = read_source(file, ROOT)
        assert not source.problems and checks[kind].passes_quickly(source.meta), file
    glossary = parse((ROOT / GLOSSARY_FILE).read_text(encoding="utf-8")).data
    assert compile_schema(glossary_schema()).passes_quickly(glossary)
    routes = sorted((ROOT / ROUTES_FOLDER).glob("*.yml"))
    assert len(routes) >= 4
    for file in routes:
        assert ROUTES.passes_quickly(parse(file.read_text(encoding="utf-8")).data), file


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_never_waved_through(name: str) -> None:
    """Each file against the schema of its kind: a case, a lesson (it replaces one) or a route (it goes among them)."""
    target = EXPECTED[name].get("doel", "cases/")
    if target.startswith(ROUTES_FOLDER):
        assert _agrees(ROUTES, parse((CORPUS / name).read_text(encoding="utf-8")).data)
    else:
        assert _agrees(LESSONS if target.startswith("docs/") else CASES, read_source(CORPUS / name, CORPUS).meta)


def test_every_broken_field_of_real_questions_and_routes_goes_to_jsonschema() -> None:
    """The questions of each real lesson and the fields of each real route, swapped for wrong values one at a time."""
    tried = 0
    for file in sorted((ROOT / "docs" / "leren").glob("*/*.md")):
        if file.name == "index.md":
            continue
        meta = read_source(file, ROOT).meta
        for broken in _broken_values(meta["toetsvragen"]):
            assert _agrees(LESSONS, {**meta, "toetsvragen": broken}), (file.name, broken)
            tried += 1
        for number, question in enumerate(meta["toetsvragen"]):
            for broken in _broken_values(question):
                questions = copy.deepcopy(meta["toetsvragen"])
                questions[number] = broken
                assert _agrees(LESSONS, {**meta, "toetsvragen": questions}), (file.name, broken)
                tried += 1
    for file in sorted((ROOT / ROUTES_FOLDER).glob("*.yml")):
        meta = parse(file.read_text(encoding="utf-8")).data
        for key, value in meta.items():
            for broken in _broken_values(value):
                assert _agrees(ROUTES, {**meta, key: broken}), (file.name, key, broken)
                tried += 1
    assert tried > 2000


def _broken_values(value: Any) -> Iterator[Any]:
    """Values of the wrong kind, size or form for whatever `value` is."""
    yield from (None, True, 2020, 2020.0, -1, "", " ", "x", "x\n", "<b>x</b>", "{{ x }}", "a" * 3000, [], ["x"], {}, {"onbekend": 1})
    if isinstance(value, str):
        yield from (value + "\n", value.upper(), value + " ", [value], value[:1])
    if isinstance(value, list) and value:
        yield from ([*value, value[0]], value * 30, [None], [[value[0]]], [{"x": value[0]}])
    if isinstance(value, dict):
        for key, inner in value.items():
            for broken in _broken_values(inner):
                yield {**value, key: broken}
            yield {k: v for k, v in value.items() if k != key}


def test_every_broken_field_of_a_real_case_goes_to_jsonschema() -> None:
    """Each field of each real case, swapped for wrong values one at a time, nested fields too."""
    tried = rejected = 0
    for file in sorted((ROOT / "cases").glob("*.md")):
        meta = read_source(file, ROOT).meta
        for key, value in meta.items():
            for broken in _broken_values(value):
                changed = copy.deepcopy(meta)
                changed[key] = broken
                assert _agrees(CASES, changed), (file.name, key, broken)
                tried += 1
                rejected += not CASES.passes_quickly(changed)
            without = {k: v for k, v in meta.items() if k != key}
            assert _agrees(CASES, without), (file.name, key)
    assert tried > 5000 and rejected > tried // 2
