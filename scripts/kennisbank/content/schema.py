"""The content model as JSON Schema: the single source of the rules.

The validator checks files against these schemas, the open-data export
publishes the case schema, and contributors' editors can use them for
completion. Vocabulary values come from the taxonomy file. Descriptions are
Dutch because contributors read them.
"""

from __future__ import annotations

from typing import Any

from .taxonomy import Taxonomy, Term

Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LEARNING_REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$"


def text(description: str, *, min_length: int = 1, max_length: int = 2000) -> Schema:
    """Plain text: no HTML and no template syntax (custom format 'platte-tekst')."""
    return {
        "type": "string",
        "description": description,
        "minLength": min_length,
        "maxLength": max_length,
        "format": "platte-tekst",
    }


def text_list(description: str, *, min_items: int = 1, max_items: int = 20) -> Schema:
    return {
        "type": "array",
        "description": description,
        "minItems": min_items,
        "maxItems": max_items,
        "items": text("Eén punt, in gewone tekst.", max_length=600),
    }


def vocabulary(terms: dict[str, Term], description: str, unknown: str) -> Schema:
    """An enum from the taxonomy; `x-onbekend` words the Dutch error for a wrong value."""
    return {
        "type": "string",
        "description": description,
        "enum": list(terms),
        "x-onbekend": unknown,
        "x-labels": {key: term.label for key, term in terms.items()},
    }


def obj(properties: dict[str, Schema], required: list[str], description: str) -> Schema:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def case_schema(taxonomy: Taxonomy) -> Schema:
    """Front matter of a value case in `cases/<slug>.md`."""
    partner = obj(
        {
            "naam": text("Naam van de partner.", max_length=120),
            "soort": vocabulary(taxonomy.partner_kinds, "Soort partner.", "is geen bekende soort partner"),
        },
        ["naam", "soort"],
        "Een partner waarmee het initiatief samenwerkt.",
    )
    source = obj(
        {
            "titel": text("Titel van de bron.", max_length=200),
            "url": {"type": "string", "format": "http-url", "description": "Webadres van de bron, beginnend met https://.", "maxLength": 500},
        },
        ["titel", "url"],
        "Een bron waar lezers meer kunnen vinden.",
    )
    value = obj(
        {
            "sociaal": text("Wat het oplevert voor mensen en hun onderlinge band."),
            "economisch": text("Wat het oplevert aan geld, werk of besparing."),
            "ecologisch": text("Wat het oplevert voor natuur, klimaat en omgeving."),
        },
        [],
        "De waarde die het initiatief maakt; vul minstens één soort in.",
    )
    value["minProperties"] = 1
    properties: dict[str, Schema] = {
        "titel": text("Naam van het initiatief of korte titel van de casus.", min_length=5, max_length=120),
        "samenvatting": {
            **text("Eén zin in gewone tekst die zegt wat het initiatief doet en voor wie.", min_length=20, max_length=300),
            "format": "een-zin",
        },
        "themas": {
            "type": "array",
            "description": "Eén tot vier thema's uit de woordenlijst.",
            "minItems": 1,
            "maxItems": 4,
            "uniqueItems": True,
            "items": vocabulary(taxonomy.themes, "Een thema.", "is geen bekend thema"),
        },
        "gebied": vocabulary(taxonomy.regions, "Het gebied (de regio) waar het initiatief werkt.", "is geen bekend gebied"),
        "plaats": text("Plaats of wijk.", max_length=80),
        "startjaar": {"type": "integer", "minimum": 1900, "maximum": 2100, "description": "Jaar waarin het initiatief begon, zoals 2016."},
        "rechtsvorm": vocabulary(taxonomy.legal_forms, "De rechtsvorm.", "is geen bekende rechtsvorm"),
        "fase": vocabulary(taxonomy.stages, "In welke fase het initiatief nu is.", "is geen bekende fase"),
        "leden": {"type": "integer", "minimum": 0, "maximum": 10_000_000, "description": "Aantal leden (mag weg als het niet bekend is)."},
        "partners": {"type": "array", "description": "Partners van het initiatief.", "maxItems": 30, "items": partner},
        "waardecasus": obj(
            {
                "behoefte": text("Welke behoefte in het gebied het initiatief beantwoordt."),
                "waarde": value,
                "voor_wie": text_list("Voor wie het initiatief waarde maakt."),
            },
            ["behoefte", "waarde", "voor_wie"],
            "De value case: behoefte, waarde en voor wie.",
        ),
        "borging": obj(
            {
                "intern": text("Hoe het initiatief zichzelf overeind houdt: besluiten, rollen, omgaan met onenigheid."),
                "extern": text("Hoe het initiatief afspraken met gemeente, partners en financiers vastlegt."),
            },
            ["intern", "extern"],
            "Interne en externe borging.",
        ),
        "resultaten": text_list("Wat het initiatief tot nu toe heeft bereikt."),
        "geleerde_lessen": text_list("Wat anderen van dit initiatief kunnen leren."),
        "leren": {
            "type": "array",
            "description": "Modules of lessen die bij deze casus horen, als 'module' of 'module/les'.",
            "minItems": 1,
            "maxItems": 10,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": LEARNING_REF_PATTERN},
        },
        "bronnen": {"type": "array", "description": "Bronnen met titel en webadres.", "maxItems": 20, "items": source},
        "contact": obj(
            {
                "naam": text("Naam van de contactpersoon of organisatie.", max_length=120),
                "email": {"type": "string", "format": "email-adres", "description": "Openbaar e-mailadres.", "maxLength": 200},
                "website": {"type": "string", "format": "http-url", "description": "Website, beginnend met https://.", "maxLength": 500},
            },
            [],
            "Openbaar contact (mag weg).",
        ),
        "voorbeeld": {"type": "boolean", "description": "true als dit een verzonnen voorbeeld is ter illustratie, false als het een echt initiatief is."},
        "geverifieerd": {"type": "boolean", "description": "true als de redactie de gegevens heeft gecontroleerd."},
        "bijgewerkt": {"type": "string", "format": "datum", "description": "Datum van de laatste wijziging, als JJJJ-MM-DD."},
    }
    required = [
        "titel",
        "samenvatting",
        "themas",
        "gebied",
        "plaats",
        "startjaar",
        "rechtsvorm",
        "fase",
        "waardecasus",
        "borging",
        "resultaten",
        "geleerde_lessen",
        "leren",
        "voorbeeld",
        "geverifieerd",
        "bijgewerkt",
    ]
    schema = obj(properties, required, "Een value case van De Coöperatieve Samenleving.")
    return {"$schema": DIALECT, "title": "Casus", **schema}


def minutes(description: str, *, minimum: int = 0, maximum: int = 240) -> Schema:
    return {"type": "integer", "minimum": minimum, "maximum": maximum, "description": description}


def run_sheet_schema() -> Schema:
    """The module's settings for its run sheet ('draaiboek'); every field may go, the defaults fit evening meetings of one lesson."""
    return obj(
        {
            "starttijd": {
                "type": "string",
                "format": "tijd",
                "description": 'Hoe laat een bijeenkomst begint, als UU:MM tussen aanhalingstekens, zoals "09:30" (standaard "19:30").',
            },
            "bijeenkomsten": {
                "type": "array",
                "description": "Welke lessen samen één bijeenkomst zijn, in de volgorde van 'lessen', zoals [[les-1, les-2], [les-3]]"
                " (standaard: elke les is een eigen bijeenkomst).",
                "minItems": 1,
                "maxItems": 12,
                "items": {"type": "array", "minItems": 1, "maxItems": 12, "items": {"type": "string", "pattern": SLUG_PATTERN}},
            },
            "pauze_na_minuten": minutes("Hoogstens zoveel minuten werken zonder pauze (standaard 90).", minimum=30),
            "pauze_minuten": minutes("Hoe lang een pauze duurt, in minuten (standaard 15; 0 is geen pauzes).", maximum=60),
            "lunchpauze_vanaf": {
                "type": "string",
                "format": "tijd",
                "description": 'Vanaf hoe laat de lunchpauze kan beginnen, als UU:MM (standaard "12:00");'
                " de eerste pauze in de anderhalf uur daarna wordt de lunch.",
            },
            "lunchpauze_minuten": minutes("Hoe lang de lunchpauze duurt, in minuten (standaard 45; 0 is geen lunchpauze).", maximum=120),
            "afronding_minuten": minutes("Hoeveel minuten van elke les aan het eind naar de afronding gaan (standaard 5).", maximum=60),
        },
        [],
        "Het draaiboek: hoe laat de bijeenkomsten beginnen, welke lessen samen één bijeenkomst zijn en waar de pauzes komen.",
    )


def module_schema() -> Schema:
    """Front matter of a module in `docs/leren/<module>/index.md`."""
    schema = obj(
        {
            "titel": text("Titel van de module.", min_length=3, max_length=120),
            "samenvatting": {**text("Eén zin over waar de module over gaat.", min_length=20, max_length=300), "format": "een-zin"},
            "doelgroep": text("Voor wie de module is bedoeld.", max_length=300),
            "volgorde": {"type": "integer", "minimum": 1, "maximum": 100, "description": "Plaats van de module in het overzicht Leren."},
            "duur_minuten": {"type": "integer", "minimum": 1, "maximum": 6000, "description": "Totale duur in minuten: de som van de lessen."},
            "leerdoelen": text_list("Wat deelnemers na de module kunnen."),
            "lessen": {
                "type": "array",
                "description": "De lessen in volgorde, als bestandsnaam zonder .md.",
                "minItems": 1,
                "maxItems": 12,
                "uniqueItems": True,
                "items": {"type": "string", "pattern": SLUG_PATTERN},
            },
            "draaiboek": run_sheet_schema(),
        },
        ["titel", "samenvatting", "doelgroep", "volgorde", "duur_minuten", "leerdoelen", "lessen"],
        "Een module van het leerprogramma.",
    )
    return {"$schema": DIALECT, "title": "Module", **schema}


def lesson_schema() -> Schema:
    """Front matter of a lesson in `docs/leren/<module>/<lesson>.md`."""
    exercise = obj(
        {
            "titel": text("Korte titel van de oefening.", max_length=120),
            "opdracht": text("Wat deelnemers doen."),
            "duur_minuten": {"type": "integer", "minimum": 1, "maximum": 600, "description": "Duur van de oefening in minuten."},
            "werkblad": {"type": "boolean", "description": "true als de oefening in het werkboek ruimte krijgt om te schrijven."},
            "hint": text("Een tip die deelnemers op weg helpt; staat op de site en in beide werkboeken.", max_length=600),
            "uitwerking": text(
                "Een voorbeeldantwoord, of wat een goed antwoord bevat. Op de site ingeklapt, alleen in het werkboek voor begeleiders.", max_length=2000
            ),
        },
        ["titel", "opdracht"],
        "Een oefening.",
    )
    answer = obj(
        {
            "tekst": text("Het antwoord zoals deelnemers het kunnen kiezen.", max_length=200),
            "juist": {"type": "boolean", "description": "true als dit antwoord juist is; elke vraag heeft minstens één juist antwoord."},
            "uitleg": text("Waarom dit antwoord juist of niet juist is, in één of twee zinnen.", max_length=400),
        },
        ["tekst", "juist", "uitleg"],
        "Een antwoord op een toetsvraag.",
    )
    quiz_question = obj(
        {
            "vraag": text("De vraag, in gewone taal.", min_length=5, max_length=300),
            "antwoorden": {
                "type": "array",
                "description": "Twee tot zes antwoorden, elk anders; minstens één is juist.",
                "minItems": 2,
                "maxItems": 6,
                "items": answer,
            },
        },
        ["vraag", "antwoorden"],
        "Een vraag om jezelf te controleren ('Check jezelf').",
    )
    schema = obj(
        {
            "titel": text("Titel van de les.", min_length=3, max_length=120),
            "samenvatting": {**text("Eén zin over waar de les over gaat.", min_length=20, max_length=300), "format": "een-zin"},
            "module": {"type": "string", "pattern": SLUG_PATTERN, "description": "De map van de module waar deze les bij hoort."},
            "volgorde": {"type": "integer", "minimum": 1, "maximum": 12, "description": "Plaats van de les in de module."},
            "duur_minuten": {"type": "integer", "minimum": 5, "maximum": 600, "description": "Duur van de les in minuten."},
            "leerdoelen": text_list("Wat deelnemers na de les kunnen."),
            "vragen": text_list("Vragen om over na te denken of te bespreken."),
            "kernpunten": text_list("De belangrijkste punten om te onthouden."),
            "oefeningen": {"type": "array", "description": "Oefeningen van de les.", "minItems": 1, "maxItems": 10, "items": exercise},
            "toetsvragen": {
                "type": "array",
                "description": "Twee tot vijf vragen om jezelf te controleren ('Check jezelf').",
                "minItems": 2,
                "maxItems": 5,
                "items": quiz_question,
            },
            "benodigdheden": text_list("Wat de begeleider meeneemt of klaarzet, zoals 'geprinte werkbladen' of 'stiften'.", min_items=1, max_items=20),
        },
        ["titel", "samenvatting", "module", "volgorde", "duur_minuten", "leerdoelen", "vragen", "kernpunten", "oefeningen"],
        "Een les binnen een module.",
    )
    return {"$schema": DIALECT, "title": "Les", **schema}


def glossary_schema() -> Schema:
    """The glossary file `data/begrippen.yml`."""
    term = obj(
        {
            "term": text("Het begrip zoals het in teksten staat.", max_length=60),
            "uitleg": text("Uitleg in één of twee zinnen.", min_length=20, max_length=400),
        },
        ["term", "uitleg"],
        "Een begrip met uitleg.",
    )
    schema = obj({"begrippen": {"type": "array", "minItems": 1, "items": term}}, ["begrippen"], "De begrippenlijst.")
    return {"$schema": DIALECT, "title": "Begrippen", **schema}
