"""Open data and feed: the index published as JSON, CSV, JSON Schema, a Data Package and Atom.

Records keep the exact front-matter keys contributors write, so the export
round-trips: a record without `id`, `url` and `volledigheid` (the level the
content model computes, see `content.trust`) is the case's front matter.
The Data Package (Frictionless) describes both files from the same content
model: the CSV's Table Schema is derived from the case schema, column by
column, and the JSON file gets that schema around its list of records.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from functools import partial
from typing import Any
from xml.etree import ElementTree as ET

from .cache import Cache, fingerprint
from .content.model import Case
from .content.schema import Schema, case_schema
from .content.taxonomy import Taxonomy
from .content.trust import LEVELS
from .index import Index
from .repository import Repository
from .worklist import worklist

LICENSE = "CC BY-SA 4.0"
LICENSE_ID = "CC-BY-SA-4.0"  # SPDX
LICENSE_TITLE = "Creative Commons Naamsvermelding-GelijkDelen 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.nl"
OPEN_DATA_TITLE = "Value cases van De Coöperatieve Samenleving"
FEED_SIZE = 20
CSV_LIST_SEPARATOR = " | "


def case_record(case: Case, site_url: str) -> dict[str, Any]:
    """One case as published: stable id (the file name), page URL, its level of completeness and every front-matter field."""
    return {"id": case.slug, "url": site_url + case.url, "volledigheid": case.completeness.level.key, **case.meta}


def _levels_description() -> str:
    levels = "; ".join(f"'{level.key}': {level.meaning}" for level in LEVELS)
    return f"Hoe volledig de casus is beschreven, berekend uit de velden en het verhaal. {levels}."


def open_data_schema(taxonomy: Taxonomy) -> Schema:
    """The case schema plus the three fields the export adds."""
    schema = case_schema(taxonomy)
    schema["title"] = "Casus (open data)"
    schema["properties"] = {
        "id": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Vaste sleutel van de casus: de bestandsnaam zonder .md."},
        "url": {"type": "string", "format": "http-url", "description": "Adres van de casuspagina."},
        "volledigheid": {"type": "string", "enum": [level.key for level in LEVELS], "description": _levels_description()},
        **schema["properties"],
    }
    schema["required"] = ["id", "url", "volledigheid", *schema["required"]]
    return schema


def _record_json(case: Case, site_url: str) -> str:
    """One case's record as it stands in the list of cases.json (indented two levels deep)."""
    return textwrap.indent(json.dumps(case_record(case, site_url), ensure_ascii=False, indent=1), "  ")


def cases_json(index: Index, site_url: str, cache: Cache | None = None) -> str:
    """Every case as a record, in one JSON document: `json.dumps` of it with `indent=1`, joined from records kept per case."""
    cache = cache or Cache(None)
    document = {
        "titel": OPEN_DATA_TITLE,
        "licentie": LICENSE,
        "licentie_url": LICENSE_URL,
        "schema": "case.schema.json",
        "aantal": len(index.cases),
        "casussen": [],
    }
    head = json.dumps(document, ensure_ascii=False, indent=1).removesuffix("[]\n}")
    records = [cache.keep("opendata-json", fingerprint(case.digest, site_url), partial(_record_json, case, site_url)) for case in index.cases.values()]
    return head + ("[\n" + ",\n".join(records) + "\n ]" if records else "[]") + "\n}\n"


CSV_COLUMNS = (
    "id", "url", "titel", "samenvatting", "themas", "gebied", "plaats", "startjaar", "rechtsvorm", "fase", "leden",
    "partners", "waardecasus.behoefte", "waardecasus.waarde.sociaal", "waardecasus.waarde.economisch",
    "waardecasus.waarde.ecologisch", "waardecasus.voor_wie", "borging.intern", "borging.extern", "resultaten",
    "geleerde_lessen", "leren", "bronnen", "contact.naam", "contact.email", "contact.website", "voorbeeld",
    "geverifieerd", "bijgewerkt", "gecontroleerd", "volledigheid",
)  # fmt: skip


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict) and "naam" in item:
                parts.append(f"{item['naam']} ({item['soort']})")
            elif isinstance(item, dict):
                parts.append(f"{item['titel']} <{item['url']}>")
            else:
                parts.append(str(item))
        return CSV_LIST_SEPARATOR.join(parts)
    return str(value)


def _lookup(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _csv_row(row: list[Any]) -> str:
    """Every cell quoted: a spreadsheet that splits on ';' (Dutch Excel) then still sees one cell, never a formula inside one."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(row)
    return out.getvalue()


def _record_row(case: Case, site_url: str) -> str:
    record = case_record(case, site_url)
    return _csv_row([_neutralize(_cell(_lookup(record, column))) for column in CSV_COLUMNS])


def cases_csv(index: Index, site_url: str, cache: Cache | None = None) -> str:
    """Flat table for spreadsheets: nested fields as dotted columns, lists joined with ' | '; rows kept per case."""
    cache = cache or Cache(None)
    rows = [cache.keep("opendata-csv", fingerprint(case.digest, site_url), partial(_record_row, case, site_url)) for case in index.cases.values()]
    return _csv_row(list(CSV_COLUMNS)) + "".join(rows)


def _neutralize(cell: str) -> str:
    """Stop spreadsheet programs from treating contributed text as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _schema_at(schema: Schema, dotted: str) -> tuple[Schema, bool]:
    """The case schema of a CSV column (`borging.intern`), and whether every record has a value there."""
    found, required = schema, True
    for part in dotted.split("."):
        required = required and part in found.get("required", [])
        found = found["properties"][part]
    return found, required


def _table_field(name: str, schema: Schema, required: bool) -> dict[str, Any]:
    """One column of cases.csv as a Table Schema field, from its JSON Schema in the content model."""
    field: dict[str, Any] = {"name": name, "type": "string", "description": schema.get("description", "")}
    constraints: dict[str, Any] = {"required": required} if required else {}
    kind = schema.get("type")
    if kind == "integer":
        field["type"] = "integer"
        constraints |= {key: schema[key] for key in ("minimum", "maximum") if key in schema}
    elif kind == "boolean":
        field |= {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}
    elif kind == "array":
        field["description"] += f" Meer waarden staan in één cel, gescheiden door '{CSV_LIST_SEPARATOR.strip()}'."
    elif "enum" in schema:
        constraints["enum"] = schema["enum"]
    elif schema.get("format") == "datum":
        field["type"] = "date"
    elif schema.get("format") == "http-url":
        field["format"] = "uri"
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The Table Schema of cases.csv: a field per column, typed as the content model types it, keyed by `id`."""
    schema = open_data_schema(taxonomy)
    fields = [_table_field(column, *_schema_at(schema, column)) for column in CSV_COLUMNS]
    fields[0]["constraints"]["unique"] = True
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


def cases_json_schema(taxonomy: Taxonomy) -> Schema:
    """The JSON Schema of cases.json as a whole: the document around a list of records of the open-data schema."""
    record = open_data_schema(taxonomy)
    return {
        "$schema": record.pop("$schema"),
        "title": OPEN_DATA_TITLE,
        "type": "object",
        "required": ["titel", "licentie", "licentie_url", "schema", "aantal", "casussen"],
        "properties": {
            "titel": {"type": "string"},
            "licentie": {"const": LICENSE},
            "licentie_url": {"const": LICENSE_URL},
            "schema": {"type": "string", "description": "Het JSON Schema van één casus, naast dit bestand."},
            "aantal": {"type": "integer", "minimum": 0},
            "casussen": {"type": "array", "items": record},
        },
    }


def data_package(index: Index, site_url: str) -> str:
    """datapackage.json: cases.csv and cases.json as one Frictionless Data Package, with licence, source and schemas."""
    home = site_url + "open-data/"
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "value-cases-de-cooperatieve-samenleving",
        "id": home + "datapackage.json",
        "title": OPEN_DATA_TITLE,
        "description": "Alle casussen van de kennisbank: initiatieven van burgers die samen een coöperatie starten en borgen in hun gebied. "
        "Elke casus heeft een vaste sleutel (id, de bestandsnaam) en het adres van zijn pagina (url).",
        "homepage": home,
        "keywords": ["coöperatie", "burgerinitiatief", "value case", "borging"],
        "licenses": [{"name": LICENSE_ID, "path": LICENSE_URL, "title": LICENSE_TITLE}],
        "sources": [{"title": "Kennisbank De Coöperatieve Samenleving: casussen aangedragen door initiatieven en bewoners", "path": site_url + "casussen/"}],
        "contributors": [{"title": "De Coöperatieve Samenleving", "path": site_url, "roles": ["publisher"]}],
        "resources": [
            {
                "name": "cases-csv",
                "type": "table",
                "path": "cases.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": "Casussen als tabel",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": table_schema(index.taxonomy),
            },
            {
                "name": "cases-json",
                "type": "json",
                "path": "cases.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "title": "Casussen met alle velden",
                "jsonSchema": cases_json_schema(index.taxonomy),
            },
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


WORKLIST_COLUMNS = ("groep", "id", "titel", "volledigheid", "ontbreekt", "gecontroleerd", "controle_nodig", "pagina", "bestand")


# The worklist is opened in a spreadsheet: without a byte-order mark, Excel reads UTF-8 as an old code page ('CoÃ¶peratie').
WORKLIST_BOM = "\ufeff"


def worklist_csv(index: Index, site_url: str, repository: Repository | None) -> str:
    """The editors' whole worklist as a table, in its order (the page shows only the first cases); it depends on the day, as the page does.

    No prefilled issue per row: that address is longer than the rest of the row, and editors change the file itself.
    """
    rows = [_csv_row(list(WORKLIST_COLUMNS))]
    for entry in worklist(index):
        case = entry.case
        cells = [
            entry.group.key,
            case.slug,
            case.title,
            case.completeness.level.key,
            CSV_LIST_SEPARATOR.join(part.label for part in case.completeness.missing),
            case.checked or "",
            "true" if entry.check_due else "false",
            site_url + case.url,
            repository.file_url(case.path) if repository else "",
        ]
        rows.append(_csv_row([_neutralize(cell) for cell in cells]))
    return WORKLIST_BOM + "".join(rows)


BROWSER_NAMES_PER_FILE = 500  # the first page of results needs one such file


def browser_texts(index: Index) -> str:
    """Case summaries for the browser's free-text filter, in the order of `browser_data`.

    A separate file, fetched only once a reader types a search word, keeps
    the first download of the browser small at thousands of cases.
    """
    return json.dumps([case.summary for case in index.cases.values()], ensure_ascii=False, separators=(",", ":"))


def browser_names(index: Index) -> list[str]:
    """Slug, title and place of each case, in the order of `browser_data`, in files of `BROWSER_NAMES_PER_FILE` cases.

    The browser fetches only the files of the results it shows, and all of
    them once a reader types a search word.
    """
    rows = [[case.slug, case.title, case.place] for case in index.cases.values()]
    chunks = [rows[start : start + BROWSER_NAMES_PER_FILE] for start in range(0, len(rows), BROWSER_NAMES_PER_FILE)] or [[]]
    return [json.dumps(chunk, ensure_ascii=False, separators=(",", ":")) for chunk in chunks]


def browser_data(index: Index) -> str:
    """What the case browser filters on, as small numbers: per case [start year − first year, themes as bits, region, legal form, stage, level].

    Nothing here grows with the length of titles or texts: at 10,000 cases
    the file stays about 150 kB.
    """
    tax = index.taxonomy
    vocabularies = {name: list(terms) for name, terms in tax.vocabularies().items() if name != "partnersoorten"}
    labels = {name: [term.label for term in tax.vocabularies()[name].values()] for name in vocabularies}
    vocabularies["volledigheid"], labels["volledigheid"] = [level.key for level in LEVELS], [level.label for level in LEVELS]
    position = {name: {key: n for n, key in enumerate(keys)} for name, keys in vocabularies.items()}
    first_year = min((case.year_started for case in index.cases.values()), default=0)
    rows = [
        [
            case.year_started - first_year,
            sum(1 << position["themas"][t] for t in case.themes),
            position["gebieden"][case.region],
            position["rechtsvormen"][case.legal_form],
            position["fases"][case.stage],
            position["volledigheid"][case.completeness.level.key],
        ]
        for case in index.cases.values()
    ]
    document = {"sleutels": vocabularies, "labels": labels, "eerste_jaar": first_year, "namen_per_bestand": BROWSER_NAMES_PER_FILE, "casussen": rows}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def atom_feed(index: Index, site_url: str, site_name: str) -> str:
    """Atom feed of the most recently added or updated cases."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed", {"xml:lang": "nl"})
    newest = index.newest_cases(FEED_SIZE)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        element.text = text
        return element

    sub(feed, "title", f"{site_name}: nieuwe en bijgewerkte casussen")
    sub(feed, "id", site_url + "feed.xml")
    sub(feed, "link", href=site_url + "feed.xml", rel="self")
    sub(feed, "link", href=site_url + "casussen/")
    updated = max((case.updated for case in newest), default="2000-01-01")
    sub(feed, "updated", f"{updated}T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", site_name)
    for case in newest:
        entry = sub(feed, "entry")
        sub(entry, "title", case.title)
        sub(entry, "id", site_url + case.url)
        sub(entry, "link", href=site_url + case.url)
        sub(entry, "updated", f"{case.updated}T00:00:00Z")
        sub(entry, "summary", case.summary)
        for theme in case.themes:
            sub(entry, "category", term=theme, label=index.taxonomy.themes[theme].label)
    sub(feed, "generator", "kennisbank")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
