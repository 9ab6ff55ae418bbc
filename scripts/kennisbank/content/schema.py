"""The content model as JSON Schema: the single source of the rules.

The validator checks files against these schemas, the open-data export
publishes the case schema, and contributors' editors can use them for
completion. Vocabulary values come from the taxonomy file. Descriptions are
Dutch because contributors read them.

The case schema also holds the questions of the form 'Casus aandragen'
(`x-vraag`, `x-uitleg`, `x-voorbeeld`), so the GitHub issue form, the form on
the site and the converter all read one source (`contribute/case_form.py`).
A field without a question is asked with its description; a field the
contributor is never asked for says so with `x-niet-gevraagd`.
"""

from __future__ import annotations

from typing import Any

from .taxonomy import Taxonomy, Term

Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LEARNING_REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$"
LESSON_REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$"


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


def asked(schema: Schema, question: str, help_text: str = "", *, example: str = "") -> Schema:
    """A field as the form 'Casus aandragen' asks it: the question, its help and an example answer.

    The help may name the field's limits as `{minLength}`, `{maxItems}` and
    the like; the form fills them in from the rules, so they never disagree.
    """
    extra: Schema = {"x-vraag": question, "x-uitleg": help_text}
    if example:
        extra["x-voorbeeld"] = example
    return {**schema, **extra}


def not_asked(schema: Schema) -> Schema:
    """A field the contributor is never asked for: the editors or the tools fill it in."""
    return {**schema, "x-niet-gevraagd": True}


def obj(properties: dict[str, Schema], required: list[str], description: str) -> Schema:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def case_schema(taxonomy: Taxonomy) -> Schema:
    """Front matter of a value case in `cases/<slug>.md`, with the questions that ask for it."""
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
            "sociaal": asked(
                text("Wat het oplevert voor mensen en hun onderlinge band."), "Sociale waarde", "Wat levert het op voor mensen en hun onderlinge band?"
            ),
            "economisch": asked(text("Wat het oplevert aan geld, werk of besparing."), "Economische waarde", "Wat levert het op aan geld, werk of besparing?"),
            "ecologisch": asked(
                text("Wat het oplevert voor natuur, klimaat en omgeving."), "Ecologische waarde", "Wat levert het op voor natuur, klimaat en omgeving?"
            ),
        },
        [],
        "De waarde die het initiatief maakt; vul minstens één soort in.",
    )
    value = asked({**value, "minProperties": 1}, "Waarde", "Wat levert het initiatief op? Vul minstens één van de drie soorten in.")
    properties: dict[str, Schema] = {
        "titel": asked(
            text("Naam van het initiatief of korte titel van de casus.", min_length=5, max_length=120),
            "Naam van het initiatief",
            'De naam of een korte titel, tussen {minLength} en {maxLength} tekens. Bijvoorbeeld "Energiecoöperatie Zonnedijk".',
        ),
        "samenvatting": asked(
            {**text("Eén zin in gewone tekst die zegt wat het initiatief doet en voor wie.", min_length=20, max_length=300), "format": "een-zin"},
            "Samenvatting in één zin",
            "Wat doet het initiatief, en voor wie? Eén zin van {minLength} tot {maxLength} tekens.",
            example="Bewoners van een rivierdorp leggen samen zonnepanelen op een dijkmagazijn en delen de opbrengst met het dorp.",
        ),
        "themas": asked(
            {
                "type": "array",
                "description": "Eén tot vier thema's uit de woordenlijst.",
                "minItems": 1,
                "maxItems": 4,
                "uniqueItems": True,
                "items": vocabulary(taxonomy.themes, "Een thema.", "is geen bekend thema"),
            },
            "Thema's",
            "Kies {minItems} tot {maxItems} thema's die het beste passen.",
        ),
        "gebied": asked(
            vocabulary(taxonomy.regions, "Het gebied (de regio) waar het initiatief werkt.", "is geen bekend gebied"),
            "Gebied",
            "De regio waar het initiatief werkt. Staat jouw gebied er niet bij? Kies het gebied dat het dichtstbij ligt en zeg het in het verhaal.",
        ),
        "plaats": asked(text("Plaats of wijk.", max_length=80), "Plaats of wijk", 'Bijvoorbeeld "Ammerzoden" of "Rotterdam-Noord".'),
        "startjaar": asked(
            {"type": "integer", "minimum": 1900, "maximum": 2100, "description": "Jaar waarin het initiatief begon, zoals 2016."},
            "Startjaar",
            "Het jaar waarin het initiatief begon, in vier cijfers.",
            example="2016",
        ),
        "rechtsvorm": asked(
            vocabulary(taxonomy.legal_forms, "De rechtsvorm.", "is geen bekende rechtsvorm"),
            "Rechtsvorm",
            'Hoe het initiatief is georganiseerd. Is er nog niets op papier geregeld? Kies dan "Nog geen rechtsvorm".',
        ),
        "fase": asked(vocabulary(taxonomy.stages, "In welke fase het initiatief nu is.", "is geen bekende fase"), "Fase", "Waar staat het initiatief nu?"),
        "leden": asked(
            {"type": "integer", "minimum": 0, "maximum": 10_000_000, "description": "Aantal leden (mag weg als het niet bekend is)."},
            "Aantal leden (mag leeg)",
            "Alleen een getal. Weet je het niet? Laat het dan leeg.",
            example="140",
        ),
        "partners": asked(
            {"type": "array", "description": "Partners van het initiatief.", "maxItems": 30, "items": partner},
            "Partners (één per regel: naam — soort)",
            "Met wie werkt het initiatief samen? Zet elke partner op een eigen regel.",
            example="De gemeente — Overheid\nRegionale netbeheerder — Bedrijf",
        ),
        "waardecasus": asked(
            obj(
                {
                    "behoefte": asked(
                        text("Welke behoefte in het gebied het initiatief beantwoordt."),
                        "Welke behoefte beantwoordt het initiatief?",
                        "Welk probleem of welke wens in het gebied was de aanleiding?",
                    ),
                    "waarde": value,
                    "voor_wie": asked(
                        text_list("Voor wie het initiatief waarde maakt."),
                        "Voor wie (één per regel)",
                        "Voor welke groepen maakt het initiatief waarde? Zet elke groep op een eigen regel.",
                        example="leden zonder geschikt eigen dak\nverenigingen die geld krijgen uit het dorpsfonds",
                    ),
                },
                ["behoefte", "waarde", "voor_wie"],
                "De value case: behoefte, waarde en voor wie.",
            ),
            "De waarde van het initiatief",
            "Welke behoefte is er, wat levert het initiatief op en voor wie? Vul bij de waarde minstens één van de drie soorten in.",
        ),
        "borging": asked(
            obj(
                {
                    "intern": asked(
                        text("Hoe het initiatief zichzelf overeind houdt: besluiten, rollen, omgaan met onenigheid."),
                        "Interne borging",
                        "Hoe houdt de groep zichzelf overeind? Denk aan besluiten nemen, rollen verdelen en omgaan met onenigheid.",
                    ),
                    "extern": asked(
                        text("Hoe het initiatief afspraken met gemeente, partners en financiers vastlegt."),
                        "Externe borging",
                        "Welke afspraken zijn er met gemeente, partners of financiers, en hoe zijn die vastgelegd?",
                    ),
                },
                ["intern", "extern"],
                "Interne en externe borging.",
            ),
            "Borging",
            "Hoe zorgt het initiatief ervoor dat het blijft bestaan, binnen de groep en met anderen?",
        ),
        "resultaten": asked(
            text_list("Wat het initiatief tot nu toe heeft bereikt."),
            "Resultaten (één per regel)",
            "Wat heeft het initiatief tot nu toe bereikt? Zet elk resultaat op een eigen regel.",
        ),
        "geleerde_lessen": asked(
            text_list("Wat anderen van dit initiatief kunnen leren."),
            "Geleerde lessen (één per regel)",
            "Wat kunnen anderen hiervan leren? Zet elke les op een eigen regel.",
        ),
        # The editors choose the modules and lessons when they make the case (`kennisbank from-issue --leren`).
        "leren": not_asked(
            {
                "type": "array",
                "description": "Modules of lessen die bij deze casus horen, als 'module' of 'module/les'.",
                "minItems": 1,
                "maxItems": 10,
                "uniqueItems": True,
                "items": {"type": "string", "pattern": LEARNING_REF_PATTERN},
            }
        ),
        "bronnen": asked(
            {"type": "array", "description": "Bronnen met titel en webadres.", "maxItems": 20, "items": source},
            "Bronnen (één per regel: titel — https://…)",
            "Waar kunnen lezers meer vinden? Bijvoorbeeld de website van het initiatief of een artikel. Het webadres begint met https://.",
            example="Website van het initiatief — https://…",
        ),
        "contact": asked(
            obj(
                {
                    "naam": asked(
                        text("Naam van de contactpersoon of organisatie.", max_length=120),
                        "Naam voor contact",
                        'De naam van het initiatief of van een rol, zoals "het bestuur".',
                    ),
                    "email": asked(
                        {"type": "string", "format": "email-adres", "description": "Openbaar e-mailadres.", "maxLength": 200},
                        "Openbaar e-mailadres",
                        "Bijvoorbeeld info@voorbeeld.nl.",
                    ),
                    "website": asked(
                        {"type": "string", "format": "http-url", "description": "Website, beginnend met https://.", "maxLength": 500},
                        "Website",
                        "Het webadres begint met https://.",
                    ),
                },
                [],
                "Openbaar contact (mag weg).",
            ),
            "Contact (mag leeg)",
            "Hoe kunnen lezers het initiatief bereiken? Vul alleen gegevens in die het initiatief zelf openbaar maakt, zoals een algemeen e-mailadres. "
            "Ze komen op de site.",
        ),
        "voorbeeld": asked(
            {
                "type": "boolean",
                "description": "true als dit een verzonnen voorbeeld is ter illustratie, false als het een echt initiatief is.",
                "x-antwoorden": {"Ja, het bestaat echt": False, "Nee, het is een voorbeeld ter illustratie": True},
            },
            "Is dit een bestaand initiatief?",
            "Een verzonnen voorbeeld mag ook, als het helpt om iets uit te leggen. Op de site staat dan duidelijk dat het een voorbeeld is.",
        ),
        "geverifieerd": not_asked({"type": "boolean", "description": "true als de redactie de gegevens heeft nagegaan bij het initiatief of in de bronnen."}),
        "bijgewerkt": not_asked({"type": "string", "format": "datum", "description": "Datum van de laatste wijziging, als JJJJ-MM-DD."}),
        # Filled in by the editors on acceptance and at each check (`contribute/case_template.editors_fields`).
        "gecontroleerd": not_asked(
            {
                "type": "string",
                "format": "datum",
                "description": "Datum waarop de redactie de casus voor het laatst naast het initiatief legde, als JJJJ-MM-DD: "
                "bij een nieuwe casus de dag van goedkeuring. Vult de redactie in.",
            }
        ),
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
    # A case the editors verified says when they checked it.
    schema["if"] = {"properties": {"geverifieerd": {"const": True}}, "required": ["geverifieerd"]}
    schema["then"] = {"required": ["gecontroleerd"]}
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
        ["titel", "samenvatting", "module", "volgorde", "duur_minuten", "leerdoelen", "vragen", "kernpunten", "toetsvragen", "oefeningen"],
        "Een les binnen een module.",
    )
    return {"$schema": DIALECT, "title": "Les", **schema}


def route_schema() -> Schema:
    """A learning route in `data/leerroutes/<route>.yml`; the loader checks that each step names one thing that exists."""
    module = "De map van de module, zoals 'cooperatie2daagse'."
    step = obj(
        {
            "les": {"type": "string", "pattern": LESSON_REF_PATTERN, "description": "Een les, als 'module/les'."},
            "casus": {"type": "string", "pattern": SLUG_PATTERN, "description": "Een casus: de bestandsnaam in cases/ zonder .md."},
            "begrip": text("Een begrip uit data/begrippen.yml, zoals het daar staat.", max_length=60),
            "werkboek": {"type": "string", "pattern": SLUG_PATTERN, "description": f"Het werkboek voor deelnemers van een module. {module}"},
            "werkboek_begeleider": {"type": "string", "pattern": SLUG_PATTERN, "description": f"Het werkboek voor begeleiders van een module. {module}"},
            "waarom": {**text("Eén zin: waarom deze stap in deze route staat.", min_length=10, max_length=300), "format": "een-zin"},
        },
        ["waarom"],
        "Een stap: precies één van les, casus, begrip, werkboek of werkboek_begeleider, en waarom.",
    )
    schema = obj(
        {
            "titel": text("De situatie waarvoor de route is, zoals 'Met de buurt een coöperatie oprichten'.", min_length=5, max_length=120),
            "samenvatting": {**text("Eén zin over voor wie en waarvoor de route is.", min_length=20, max_length=300), "format": "een-zin"},
            "doelgroep": text("Voor wie de route is bedoeld.", max_length=300),
            "volgorde": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "Plaats van de route in de lijsten van leerroutes."},
            "inleiding": text("Een paar zinnen over de situatie en wat je na de route kunt.", min_length=20, max_length=1500),
            "stappen": {"type": "array", "description": "De stappen in volgorde.", "minItems": 2, "maxItems": 20, "items": step},
        },
        ["titel", "samenvatting", "doelgroep", "volgorde", "inleiding", "stappen"],
        "Een leerroute: stappen door lessen, casussen, begrippen en werkboeken voor één situatie.",
    )
    return {"$schema": DIALECT, "title": "Leerroute", **schema}


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
