"""Open data and feed, checked on the files the real build publishes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import feedparser
import frictionless
from jsonschema import Draft202012Validator
from kennisbank import exports
from kennisbank.cache import Cache, Memory
from kennisbank.content.validate import format_checker
from kennisbank.exports import CSV_COLUMNS
from kennisbank.index import load_index

from tests.conftest import ROOT


def load_json(site: Path, name: str) -> Any:
    return json.loads((site / name).read_text(encoding="utf-8"))


def test_cases_json_validates_against_the_published_schema(built_site: Path) -> None:
    schema = load_json(built_site, "open-data/case.schema.json")
    data = load_json(built_site, "open-data/cases.json")
    validator = Draft202012Validator(schema, format_checker=format_checker())
    for record in data["casussen"]:
        assert list(validator.iter_errors(record)) == [], record["id"]
    assert data["aantal"] == len(data["casussen"])


def test_cases_json_round_trips_every_field(built_site: Path) -> None:
    index = load_index(ROOT)
    records = {r["id"]: r for r in load_json(built_site, "open-data/cases.json")["casussen"]}
    assert set(records) == set(index.cases)
    for slug, case in index.cases.items():
        record = dict(records[slug])
        assert record.pop("url").endswith(f"/casussen/{slug}/")
        record.pop("id")
        assert record.pop("volledigheid") == case.completeness.level.key  # computed by the content model, not written by anyone
        assert record == case.meta


def test_cases_csv_has_a_row_per_case_with_flattened_fields(built_site: Path) -> None:
    index = load_index(ROOT)
    with (built_site / "open-data/cases.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == set(index.cases)
    for slug, case in index.cases.items():
        row = by_id[slug]
        assert row["titel"].lstrip("'") == case.title
        assert row["themas"].split(" | ") == list(case.themes)
        assert row["borging.intern"].lstrip("'") == case.safeguarding_internal
        assert row["startjaar"] == str(case.year_started)
        assert (row["gecontroleerd"], row["volledigheid"]) == (case.checked, case.completeness.level.key)


def test_feed_parses_and_lists_the_newest_cases(built_site: Path) -> None:
    index = load_index(ROOT)
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    newest = index.newest_cases(20)
    assert [entry.title for entry in feed.entries] == [case.title for case in newest]
    assert all(entry.link.endswith(f"/casussen/{case.slug}/") for entry, case in zip(feed.entries, newest, strict=True))
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml" type="application/atom+xml"' in home
    assert 'rel="alternate"' not in home, "Material would fetch sitemap.xml (every case) on each page view"


def test_browser_data_is_compact_and_complete(built_site: Path) -> None:
    index = load_index(ROOT)
    data = load_json(built_site, "assets/casussen-verkennen.json")
    per_file = data["namen_per_bestand"]
    names = [row for number in range(-(-len(data["casussen"]) // per_file)) for row in load_json(built_site, f"assets/casussen-verkennen-namen-{number}.json")]
    assert len(names) == len(data["casussen"]) and {row[0] for row in names} == set(index.cases)
    for (slug, title, place), (year, themes, region, legal_form, stage, level) in zip(names, data["casussen"], strict=True):
        case = index.cases[slug]
        assert (title, place, data["eerste_jaar"] + year) == (case.title, case.place, case.year_started)
        assert {key for bit, key in enumerate(data["sleutels"]["themas"]) if themes & (1 << bit)} == set(case.themes)
        keys = data["sleutels"]
        assert (keys["gebieden"][region], keys["rechtsvormen"][legal_form], keys["fases"][stage]) == (case.region, case.legal_form, case.stage)
        assert keys["volledigheid"][level] == case.completeness.level.key
    texts = load_json(built_site, "assets/casussen-verkennen-tekst.json")
    assert texts == [index.cases[row[0]].summary for row in names]
    assert not any(case.summary in json.dumps(data, ensure_ascii=False) or case.title in json.dumps(data, ensure_ascii=False) for case in index.cases.values())
    html = (built_site / "casussen/verkennen/index.html").read_text(encoding="utf-8")
    for case in index.cases.values():
        assert case.summary not in html, "the browser page must not embed case data"


def test_open_data_joined_from_records_kept_per_case_is_what_one_json_dump_and_csv_writer_give() -> None:
    """Under make serve each case's record and row is kept in memory, so an edit redoes one: the files must not show it."""
    index = load_index(ROOT)
    memory = Memory()
    for _ in range(2):  # made, then from memory
        text = exports.cases_json(index, "https://voorbeeld.nl/", Cache(None, memory=memory))
        table = exports.cases_csv(index, "https://voorbeeld.nl/", Cache(None, memory=memory))
        memory.build_finished()
        records = [exports.case_record(case, "https://voorbeeld.nl/") for case in index.cases.values()]
        document = {"titel": json.loads(text)["titel"], "licentie": exports.LICENSE, "licentie_url": exports.LICENSE_URL, "schema": "case.schema.json"}
        assert text == json.dumps({**document, "aantal": len(records), "casussen": records}, ensure_ascii=False, indent=1) + "\n"
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(CSV_COLUMNS)
        for record in records:
            writer.writerow([exports._neutralize(exports._cell(exports._lookup(record, column))) for column in CSV_COLUMNS])
        assert table == out.getvalue()


def test_the_data_package_is_valid_and_describes_both_files(built_site: Path) -> None:
    package_file = built_site / "open-data" / "datapackage.json"
    report = frictionless.validate(str(package_file))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = load_json(built_site, "open-data/datapackage.json")
    assert package["licenses"][0]["name"] == "CC-BY-SA-4.0" and package["sources"] and package["id"].endswith("/open-data/datapackage.json")
    csv_resource, json_resource = package["resources"]
    assert (csv_resource["path"], json_resource["path"]) == ("cases.csv", "cases.json")
    assert [field["name"] for field in csv_resource["schema"]["fields"]] == list(CSV_COLUMNS)
    assert csv_resource["schema"]["primaryKey"] == ["id"]
    types = {field["name"]: field["type"] for field in csv_resource["schema"]["fields"]}
    assert (types["startjaar"], types["voorbeeld"], types["bijgewerkt"], types["gecontroleerd"]) == ("integer", "boolean", "date", "date")
    level = next(field for field in csv_resource["schema"]["fields"] if field["name"] == "volledigheid")
    assert level["constraints"]["enum"] == ["basis", "goed-beschreven", "volledig"]
    assert all(word in level["description"] for word in ("'goed-beschreven'", "partners", "bronnen")), "the schema says what each level means"
    validator = Draft202012Validator(json_resource["jsonSchema"], format_checker=format_checker())
    assert list(validator.iter_errors(load_json(built_site, "open-data/cases.json"))) == []


def test_the_data_package_catches_a_broken_table(built_site: Path, tmp_path: Path) -> None:
    """The Table Schema is strict enough to matter: a wrong year, an unknown region and a repeated id are each found."""
    for name in ("datapackage.json", "cases.csv", "cases.json"):
        (tmp_path / name).write_bytes((built_site / "open-data" / name).read_bytes())
    with (tmp_path / "cases.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    rows[1][header.index("startjaar")] = "twintig"
    rows[2][header.index("gebied")] = "mars"
    rows[3][0] = rows[4][0]
    rows[6][header.index("volledigheid")] = "half"
    with (tmp_path / "cases.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    found = {(row, field, kind) for row, field, kind in report.flatten(["rowNumber", "fieldName", "type"])}
    assert {(2, "startjaar", "type-error"), (3, "gebied", "constraint-error"), (5, "id", "unique-error"), (7, "volledigheid", "constraint-error")} <= found


def test_a_cell_that_hides_a_formula_behind_a_semicolon_stays_one_quoted_cell() -> None:
    """Dutch Excel splits on ';': unquoted, 'Esdorp;=1+1' would give a cell '=1+1', which it runs as a formula."""
    assert exports._csv_row(["Esdorp;=1+1;x", "2019"]) == '"Esdorp;=1+1;x","2019"\n'
    assert exports._neutralize("=1+1") == "'=1+1"
