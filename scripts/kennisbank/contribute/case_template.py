"""A new case file, written from answers: the commented skeleton and its checks.

`make new-case`, the issue-form converter and `kennisbank template` all write
case files through this module, so every new file has the same explanations,
the same safe quoting, and is validated with the real case schema before it
is saved.
"""

from __future__ import annotations

import difflib
import re
import string
import tempfile
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..content.case_body import body_problems
from ..content.loader import CASES_DIR, LEARNING_DIR, RESERVED_CASE_SLUGS, TAXONOMY_FILE
from ..content.model import Case
from ..content.problems import Problem
from ..content.schema import Schema, case_schema
from ..content.source import SourceFile, folder_entries, folder_files, read_source, same_title
from ..content.strict_yaml import YamlDocument
from ..content.taxonomy import Taxonomy, Term, load_taxonomy
from ..content.validate import check_against, compile_schema, translate
from ..pages.story_check import new_case_problems

DEFAULT_LEARNING_REF = "value-cases-ontwikkelen"

# The skeleton of every new case. `$name` placeholders are filled with safely
# quoted YAML; optional fields without an answer become commented-out examples.
CASE_TEMPLATE = """\
---
# Casus voor de kennisbank van De Coöperatieve Samenleving.
#
# Regels die met '#' beginnen, zijn uitleg. De site toont ze niet; je mag ze laten staan.
# Tekst staat tussen dubbele aanhalingstekens, "zo". Een " in je tekst schrijf je als \\".
# Een lijst zijn regels die beginnen met '- '. Houd de spaties vooraan precies zo.
# Staat er '# ' voor een veldnaam, zoals '# leden:'? Dan is het een voorbeeld van een veld
# dat niet verplicht is. Wil je het invullen? Haal dan '# ' weg en pas de waarde aan.
# Controleer de casus daarna met: make validate

# Naam van het initiatief of een korte titel, 5 tot 120 tekens.
titel: ${titel}

# Eén zin die zegt wat het initiatief doet en voor wie. Eindig met een punt.
samenvatting: ${samenvatting}

# Eén tot vier thema's. Schrijf de sleutel: het woord vóór de dubbele punt.
${themas_keuze}
themas: ${themas}

# Het gebied (de regio) waar het initiatief werkt. Schrijf één sleutel.
${gebieden_keuze}
gebied: ${gebied}

# De plaats of wijk, zoals "Ammerzoden" of "Amsterdam-Noord".
plaats: ${plaats}

# Het jaar waarin het initiatief begon, zoals 2016. Schrijf een getal zonder aanhalingstekens.
startjaar: ${startjaar}

# De rechtsvorm. Schrijf één sleutel.
${rechtsvormen_keuze}
rechtsvorm: ${rechtsvorm}

# In welke fase het initiatief nu is. Schrijf één sleutel.
${fases_keuze}
fase: ${fase}

# Aantal leden, als getal zonder aanhalingstekens. Niet verplicht.
${leden}

# Partners waarmee het initiatief samenwerkt, elk met een naam en een soort. Niet verplicht.
# Schrijf bij 'soort' één sleutel.
${partnersoorten_keuze}
${partners}

# De value case: welke behoefte het initiatief beantwoordt, welke waarde het maakt en voor wie.
waardecasus:
  # Welke behoefte in het gebied het initiatief beantwoordt.
  behoefte: ${behoefte}
  # De waarde die het initiatief maakt. Vul minstens één van de drie soorten in.
  waarde:
    # Sociale waarde: wat het oplevert voor mensen en hun onderlinge band.
    ${sociaal}
    # Economische waarde: wat het oplevert aan geld, werk of besparing.
    ${economisch}
    # Ecologische waarde: wat het oplevert voor natuur, klimaat en omgeving.
    ${ecologisch}
  # Voor wie het initiatief waarde maakt. Eén groep per regel.
  voor_wie:${voor_wie}

# Borging: hoe het initiatief blijft bestaan.
borging:
  # Intern: hoe het initiatief zichzelf overeind houdt: besluiten, rollen, omgaan met onenigheid.
  intern: ${intern}
  # Extern: hoe het initiatief afspraken met gemeente, partners en financiers vastlegt.
  extern: ${extern}

# Wat het initiatief tot nu toe heeft bereikt. Eén punt per regel.
resultaten:${resultaten}

# Wat anderen van dit initiatief kunnen leren. Eén les per regel.
geleerde_lessen:${geleerde_lessen}

# Modules of lessen die bij deze casus passen, als "module" of "module/les". Kies uit:
${leren_keuze}
leren:${leren}

# Bronnen waar lezers meer kunnen vinden, elk met een titel en een webadres (https://...). Niet verplicht.
${bronnen}

# Openbaar contact: naam, e-mailadres en website. Niet verplicht; vul alleen in wat openbaar mag.
${contact}

# true als dit een verzonnen voorbeeld is ter illustratie, false als het initiatief echt bestaat.
voorbeeld: ${voorbeeld}

# true als de redactie de gegevens heeft gecontroleerd. Laat dit op false staan; de redactie past het aan.
geverifieerd: ${geverifieerd}

# Datum van de laatste wijziging, als JJJJ-MM-DD.
bijgewerkt: ${bijgewerkt}

# Datum waarop de redactie de casus voor het laatst naast het initiatief legde, als JJJJ-MM-DD.
# Bij een nieuwe casus is dat de dag van goedkeuring. Dit vult de redactie in; je hoeft er niets mee te doen.
${gecontroleerd}
---
"""

EXAMPLE_BODY = (
    "Schrijf hier het verhaal van het initiatief in gewone tekst: hoe het begon, wie er meedoen en wat er nu gebeurt. Een lege regel begint een nieuwe alinea."
)

# Example answers, used for the contributor template and as commented-out
# examples of optional fields. Vocabulary keys are picked from the taxonomy.
_EXAMPLE_TEXT: dict[str, Any] = {
    "titel": "Buurtcoöperatie De Brug",
    "samenvatting": "Bewoners van een dorp houden samen de buurtwinkel open en maken er een ontmoetingsplek van.",
    "plaats": "Lochem",
    "startjaar": 2019,
    "leden": 120,
    "partners": [{"naam": "De gemeente"}, {"naam": "Woningcorporatie in het dorp"}],
    "behoefte": "De laatste winkel in het dorp ging dicht, zodat ouderen zonder auto nergens meer boodschappen konden doen.",
    "sociaal": "Dorpsgenoten ontmoeten elkaar in de winkel en bij de koffiehoek.",
    "economisch": "Vijf mensen uit het dorp hebben betaald werk in de winkel.",
    "ecologisch": "Minder autoritten naar de supermarkt in de stad.",
    "voor_wie": ["ouderen zonder auto", "jongeren die een bijbaan zoeken"],
    "intern": "De ledenvergadering kiest het bestuur en beslist twee keer per jaar over de plannen.",
    "extern": "Een huurcontract van tien jaar met de woningcorporatie en een afspraak met de gemeente over de koffiehoek.",
    "resultaten": ["de winkel is zes dagen per week open", "elke week een koffieochtend met twintig bezoekers"],
    "geleerde_lessen": ["Vraag leden om een kleine inleg; dan voelen ze zich mede-eigenaar."],
    "bronnen": [{"titel": "Website van het initiatief", "url": "https://example.org/"}],
    "contact": {"naam": "Bestuur van Buurtcoöperatie De Brug", "email": "info@example.org", "website": "https://example.org/"},
}
_PREFERRED = {
    "themas": ("leefbaarheid", "werk"),
    "gebied": ("achterhoek",),
    "rechtsvorm": ("cooperatie-ua",),
    "fase": ("opbouw",),
    "partnersoorten": ("overheid", "maatschappelijke-organisatie"),
}

_PLAIN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def quote(value: str) -> str:
    """A YAML double-quoted string that reads back exactly as `value`, whatever it contains.

    Every character that could end the string, break the line or hide from the
    reader is escaped, so answers from strangers can never add YAML structure.
    """
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) in _INVISIBLE:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def scalar(value: str | int | bool) -> str:
    """A vocabulary key, number or boolean as YAML: keys stay plain as people write them, anything odd is quoted.

    Free text always goes through `quote`, even when it would look like a key.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _PLAIN.fullmatch(value) and value not in _YAML_WORDS:
        return value
    return quote(value)


def one_line(value: str) -> str:
    """Collapse all whitespace (enters, tabs, double spaces) to single spaces."""
    return " ".join(value.split())


def finish_sentence(value: str) -> str:
    """Add the closing full stop people often forget, so a summary reads as one sentence."""
    value = one_line(value)
    return value + "." if value and value[-1].isalnum() else value


def learning_refs(root: Path) -> list[str]:
    """Every module and lesson a case may point at, as 'module' and 'module/les'."""
    refs: list[str] = []
    folder = root / LEARNING_DIR
    if not folder.is_dir():
        return refs
    for entry in folder_entries(folder):
        module = Path(entry.path)
        if not entry.is_dir() or not (module / "index.md").exists():
            continue
        refs.append(module.name)
        refs += [f"{module.name}/{lesson.stem}" for lesson in folder_files(module, ".md") if lesson.name != "index.md"]
    return refs


def resolve_term(answer: str, terms: dict[str, Term]) -> str:
    """The vocabulary key meant by `answer` (a key or a label, any case); unknown answers come back unchanged."""
    wanted = one_line(answer).casefold()
    for key, term in terms.items():
        if wanted in (key.casefold(), term.label.casefold()):
            return key
    return one_line(answer)


def unknown_ref_problem(ref: str, refs: Iterable[str]) -> str | None:
    """Why `ref` is not an existing module or lesson, with a 'bedoel je …?' hint; None when it exists."""
    options = sorted(refs)
    if ref in options:
        return None
    close = difflib.get_close_matches(ref, options, n=1)
    hint = f" (bedoel je '{close[0]}'?)" if close else ""
    return f"'{ref}' is geen bestaande module of les{hint}"


def _pick(terms: dict[str, Term], preferred: tuple[str, ...], count: int = 1) -> list[str]:
    keys = [key for key in preferred if key in terms] + [key for key in terms if key not in preferred]
    return keys[:count]


def example_answers(taxonomy: Taxonomy, refs: list[str], today: date | None = None) -> dict[str, Any]:
    """A complete, valid set of example answers for the contributor template."""
    ex = _EXAMPLE_TEXT
    kinds = _pick(taxonomy.partner_kinds, _PREFERRED["partnersoorten"], 2)
    partners = [{"naam": p["naam"], "soort": kinds[n % len(kinds)]} for n, p in enumerate(ex["partners"])]
    learning = [DEFAULT_LEARNING_REF] if DEFAULT_LEARNING_REF in refs or not refs else refs[:1]
    return {
        "titel": ex["titel"],
        "samenvatting": ex["samenvatting"],
        "themas": _pick(taxonomy.themes, _PREFERRED["themas"], 2),
        "gebied": _pick(taxonomy.regions, _PREFERRED["gebied"])[0],
        "plaats": ex["plaats"],
        "startjaar": ex["startjaar"],
        "rechtsvorm": _pick(taxonomy.legal_forms, _PREFERRED["rechtsvorm"])[0],
        "fase": _pick(taxonomy.stages, _PREFERRED["fase"])[0],
        "leden": ex["leden"],
        "partners": partners,
        "waardecasus": {
            "behoefte": ex["behoefte"],
            "waarde": {"sociaal": ex["sociaal"], "economisch": ex["economisch"], "ecologisch": ex["ecologisch"]},
            "voor_wie": list(ex["voor_wie"]),
        },
        "borging": {"intern": ex["intern"], "extern": ex["extern"]},
        "resultaten": list(ex["resultaten"]),
        "geleerde_lessen": list(ex["geleerde_lessen"]),
        "leren": learning,
        "bronnen": list(ex["bronnen"]),
        "contact": dict(ex["contact"]),
        "voorbeeld": True,
        # Someone who writes a case by hand leaves 'gecontroleerd' to the editors: the template shows it commented out.
        **{key: value for key, value in editors_fields(today).items() if key != "gecontroleerd"},
    }


def editors_fields(today: date | None = None) -> dict[str, Any]:
    """The fields no contributor is asked for: not verified yet, and today as the day of the last change and of acceptance.

    `make new-case` and `kennisbank from-issue` (the issue form and the site's form) both fill them in here.
    """
    day = (today or date.today()).isoformat()
    return {"geverifieerd": False, "bijgewerkt": day, "gecontroleerd": day}


def _date(value: str) -> str:
    return value if _DATE.fullmatch(value) else quote(value)


def _choices(terms: dict[str, Term]) -> str:
    return "\n".join(f"#   {key}: {term.label}" for key, term in terms.items())


def _block_list(items: list[str], indent: int, *, keys: bool = False) -> str:
    return "".join(f"\n{' ' * indent}- {scalar(item) if keys else quote(item)}" for item in items)


def _records(items: list[dict[str, Any]], keys: tuple[str, ...], indent: int) -> str:
    lines = []
    for item in items:
        fields = [f"{key}: {scalar(item[key]) if key == 'soort' else quote(item[key])}" for key in keys if key in item]
        lines += [f"{' ' * indent}- {fields[0]}", *(f"{' ' * (indent + 2)}{field}" for field in fields[1:])]
    return "\n".join(lines)


def _commented(block: str) -> str:
    return "\n".join(f"# {line}" if line.strip() else "#" for line in block.split("\n"))


def _optional(block: str, present: bool) -> str:
    """An optional field: as written when answered, otherwise a commented-out example."""
    return block if present else _commented(block)


def render_case(meta: dict[str, Any], body: str, taxonomy: Taxonomy, refs: list[str]) -> str:
    """The complete case file: commented front matter from `meta`, then the story.

    `meta` uses the field names of the case schema. Optional fields that are
    missing appear as commented-out examples, so contributors see every field.
    """
    example = example_answers(taxonomy, refs)
    value = meta["waardecasus"]["waarde"]

    def value_line(kind: str) -> str:
        text = value.get(kind)
        return f"{kind}: {quote(text)}" if text else f'# {kind}: ""'  # an empty example: a stray example text would read as fact

    partners = meta.get("partners") or []
    sources = meta.get("bronnen") or []
    contact = meta.get("contact") or {}
    fields = {
        "titel": quote(meta["titel"]),
        "samenvatting": quote(meta["samenvatting"]),
        "themas_keuze": _choices(taxonomy.themes),
        "themas": "[" + ", ".join(scalar(t) for t in meta["themas"]) + "]",
        "gebieden_keuze": _choices(taxonomy.regions),
        "gebied": scalar(meta["gebied"]),
        "plaats": quote(meta["plaats"]),
        "startjaar": scalar(meta["startjaar"]),
        "rechtsvormen_keuze": _choices(taxonomy.legal_forms),
        "rechtsvorm": scalar(meta["rechtsvorm"]),
        "fases_keuze": _choices(taxonomy.stages),
        "fase": scalar(meta["fase"]),
        "leden": _optional(f"leden: {scalar(meta.get('leden', example['leden']))}", "leden" in meta),
        "partnersoorten_keuze": _choices(taxonomy.partner_kinds),
        "partners": _optional("partners:\n" + _records(partners or example["partners"], ("naam", "soort"), 2), bool(partners)),
        "behoefte": quote(meta["waardecasus"]["behoefte"]),
        "sociaal": value_line("sociaal"),
        "economisch": value_line("economisch"),
        "ecologisch": value_line("ecologisch"),
        "voor_wie": _block_list(meta["waardecasus"]["voor_wie"], 4),
        "intern": quote(meta["borging"]["intern"]),
        "extern": quote(meta["borging"]["extern"]),
        "resultaten": _block_list(meta["resultaten"], 2),
        "geleerde_lessen": _block_list(meta["geleerde_lessen"], 2),
        "leren_keuze": "\n".join(f"#   {ref}" for ref in refs) or "#   (nog geen modules gevonden in docs/leren)",
        "leren": _block_list(meta["leren"], 2, keys=True),
        "bronnen": _optional("bronnen:\n" + _records(sources or example["bronnen"], ("titel", "url"), 2), bool(sources)),
        "contact": _optional(
            "contact:" + "".join(f"\n  {key}: {quote(text)}" for key, text in (contact or example["contact"]).items()),
            bool(contact),
        ),
        "voorbeeld": scalar(meta["voorbeeld"]),
        "geverifieerd": scalar(meta["geverifieerd"]),
        "bijgewerkt": _date(meta["bijgewerkt"]),
        "gecontroleerd": _optional(f"gecontroleerd: {_date(meta.get('gecontroleerd', meta['bijgewerkt']))}", "gecontroleerd" in meta),
    }
    text = string.Template(CASE_TEMPLATE).substitute(fields)
    story = body.replace("\r\n", "\n").strip("\n")
    return text + (f"\n{story}\n" if story.strip() else "")


def template_text(root: Path) -> str:
    """The fully commented template with example values, for `kennisbank template`."""
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    refs = learning_refs(root)
    return render_case(example_answers(taxonomy, refs), EXAMPLE_BODY, taxonomy, refs)


def _loose_source() -> SourceFile:
    """A stand-in source for checking values that are not in a file yet."""
    return SourceFile("", "", {}, YamlDocument(data=None), "")


def _subschema(taxonomy: Taxonomy, path: tuple[str, ...]) -> Schema:
    schema = case_schema(taxonomy)
    for part in path:
        schema = schema["properties"][part]
    return schema


def value_problems(taxonomy: Taxonomy, path: tuple[str, ...], value: Any) -> list[str]:
    """Dutch reasons why one answer does not fit its field in the case schema (empty when it fits)."""
    validator = compile_schema(_subschema(taxonomy, path)).full
    return [translate(error, _loose_source()).message for error in validator.iter_errors(value)]


def meta_problems(meta: dict[str, Any], taxonomy: Taxonomy) -> list[Problem]:
    """Schema problems of complete front matter that is not a file yet; `field` names the field."""
    validator = compile_schema(case_schema(taxonomy)).full
    return [translate(error, _loose_source()) for error in validator.iter_errors(meta)]


def existing_titles(cases_dir: Path) -> dict[str, str]:
    """Titles of the cases already in `cases_dir` (casefolded), mapped to their file names."""
    titles: dict[str, str] = {}
    for file in folder_files(cases_dir, ".md") if cases_dir.is_dir() else ():  # an --out folder is made when the case is written
        source = read_source(file, cases_dir.parent)
        title = source.meta.get("titel")
        if isinstance(title, str):
            titles[same_title(title)] = f"{CASES_DIR}/{file.name}"
    return titles


def check_case_text(root: Path, cases_dir: Path, slug: str, text: str) -> list[Problem]:
    """Everything `load_content` would say about this new file, checked before it is written.

    The text goes through the very same reader and schema as content on disk,
    in a scratch folder, plus the checks across files: reserved names,
    existing titles and learning references.
    """
    taxonomy = load_taxonomy(root / TAXONOMY_FILE, root)
    with tempfile.TemporaryDirectory(prefix="kennisbank-") as scratch:
        file = Path(scratch) / CASES_DIR / f"{slug}.md"
        file.parent.mkdir()
        file.write_text(text, encoding="utf-8")
        source = read_source(file, Path(scratch))
        # The story alone in its folder: an image it names is not there, as it would not be beside the new case.
        story = body_problems(source, file.parent)
    problems = source.problems + check_against(compile_schema(case_schema(taxonomy)), source) + story
    if slug in RESERVED_CASE_SLUGS:
        problems.append(Problem(source.path, None, None, f"de bestandsnaam '{slug}' is gereserveerd voor de site; kies een andere titel"))
    if problems:
        return problems
    other = existing_titles(cases_dir).get(same_title(source.meta["titel"]))
    if other:
        problems.append(Problem(source.path, source.line_of(("titel",)), "titel", f"er is al een casus met deze titel: {other}"))
    elif (cases_dir / f"{slug}.md").exists():  # another title, the same file name: it would replace that case
        message = f"deze titel geeft de bestandsnaam {CASES_DIR}/{slug}.md, en die casus bestaat al; kies een andere titel"
        problems.append(Problem(source.path, source.line_of(("titel",)), "titel", message))
    refs = learning_refs(root)
    for number, ref in enumerate(source.meta["leren"]):
        problem = unknown_ref_problem(ref, refs)
        if problem:
            problems.append(Problem(source.path, source.line_of(("leren", number)), f"leren[{number + 1}]", problem))
    if problems:
        return problems
    # Last, as validate does: the story's links and anchors, judged among the cases already there.
    return new_case_problems(root, Case.from_meta(slug, source.path, source.meta, source.body, source.digest), text)


def write_new_case(cases_dir: Path, slug: str, text: str) -> Path:
    """Create `cases_dir/<slug>.md`; raise FileExistsError instead of ever overwriting a file."""
    path = cases_dir / f"{slug}.md"
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path
