"""The page "Deel jouw initiatief": the form 'Casus aandragen' on the site, for everyone, without a server.

The form is made from the same questions as the GitHub issue form
(`contribute.case_form`). Its rules are not written twice: the page carries
the questions with their part of the case schema, and the patterns, limits
and sentences of `kennisbank from-issue` and `kennisbank validate`, as JSON
that `docs/assets/casus-aandragen.js` reads to check the answers, keep a
draft in the browser, show a preview and make the three ways to send: a
prefilled GitHub issue form, an e-mail, or a file. Nothing is sent anywhere
until the person chooses one.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from ..content import validate
from ..content.case_body import HEADING_1_MESSAGE, HEADING_1_PATTERNS
from ..content.loader import RESERVED_CASE_SLUGS
from ..content.problems import ContentError, Problem
from ..content.source import FOLDED_LETTERS, MAX_SLUG_LENGTH
from ..content.story_limits import MAX_CODE_BLOCKS, MAX_EMPHASIS_MARKS, MAX_FOOTNOTES, MAX_HEADINGS, STORY_MESSAGES, STORY_PATTERNS
from ..contribute import issue_form
from ..contribute.case_form import (
    CHECKED,
    CHOICE,
    CHOICES,
    CONSENT,
    FORM_FILE,
    ISSUE_TITLE,
    LINES,
    NO_RESPONSE,
    NUMBER,
    PAIRS,
    PARAGRAPH,
    STORY,
    TYPED,
    UNCHECKED,
    YES_NO,
    CaseForm,
    Part,
    Question,
    case_form,
)
from ..index import Index
from ..repository import Repository
from ..sanitize import RESERVED_ID_PREFIXES
from .case_page import CARD_LABELS, EXAMPLE_BADGE
from .parts import front_matter

SCRIPT_URL = "../../assets/casus-aandragen.js"
DRAFT_KEY = "kennisbank.casus-aandragen.v1"  # where the browser keeps the draft; a new shape of draft gets a new version
# GitHub answers '414 URI Too Long' above 8,191 bytes (github/docs#5136). Someone who is not signed in is first sent to
# https://github.com/login?return_to=<the whole address, encoded again>, so that address must fit too: it is the one we measure.
GITHUB_LIMIT = 8000
GITHUB_SIGN_IN = "https://github.com/login?return_to="
# Chromium on Windows (Chrome, Edge) hands a mail link to the mail program only up to 2,048 characters with two quotes
# (platform_util_win.cc, kMaxUrlLength), and longer ones silently not at all; mail programs elsewhere take far more.
MAIL_LIMIT_WINDOWS = 2000
MAIL_LIMIT = 8000
_ROWS = {PARAGRAPH: 3, LINES: 4, PAIRS: 4, STORY: 12}
_INPUT_MODES = {"email-adres": "email", "http-url": "url"}
_FORM_TEXTS = ("x-vraag", "x-uitleg", "x-voorbeeld", "description")  # words, not rules: the page shows them already


def _pattern(regex: re.Pattern[str]) -> list[str]:
    """A Python pattern as [source, flags] for JavaScript's RegExp; the patterns exported use only syntax both share."""
    flags = ("i" if regex.flags & re.IGNORECASE else "") + ("m" if regex.flags & re.MULTILINE else "")
    # Characters beyond the first 65,536 (and half ones) are one character to Python; to JavaScript only with 'u'.
    return [regex.pattern, flags + ("u" if any(ord(c) > 0xFFFF or 0xD800 <= ord(c) <= 0xDFFF for c in regex.pattern) else "")]


def _rules(schema: Any) -> Any:
    """A field's schema without its words: what the browser needs to check an answer."""
    if isinstance(schema, dict):
        return {key: _rules(value) for key, value in schema.items() if key not in _FORM_TEXTS}
    return schema


def _field_id(question: Question, number: int | None = None) -> str:
    return f"kb-v-{question.id}" + (f"-{number}" if number is not None else "")


def _help(element_id: str, text: str) -> str:
    if not text:
        return ""
    return f'<p class="kb-veld__uitleg" id="{element_id}-uitleg">{"<br>".join(escape(line) for line in text.split(chr(10)))}</p>'


def _marker(question: Question) -> str:
    return ' <span class="kb-verplicht">(verplicht)</span>' if question.required else ""


def _described(question: Question, element_id: str) -> str:
    return f' aria-describedby="{element_id}-uitleg"' if question.help else ""


def _choices(question: Question) -> str:
    """Radios or checkboxes in a fieldset: the GOV.UK and NL Design System pattern for choices."""
    kind = "checkbox" if question.kind in (CHOICES, CONSENT) else "radio"
    boxes = "".join(
        f'<div class="kb-keuze"><input type="{kind}" id="{_field_id(question, n)}" name="{question.id}" value="{escape(value)}">'
        f'<label for="{_field_id(question, n)}">{escape(label if question.kind != YES_NO else value)}</label></div>'
        for n, (value, label) in enumerate(question.options)
    )
    wrapper = _field_id(question)
    return (
        f'<fieldset class="kb-veld" id="{wrapper}"{_described(question, wrapper)}>'
        f'<legend class="kb-veld__label">{escape(question.label)}{_marker(question)}</legend>'
        f"{_help(wrapper, question.help)}"
        f'<p class="kb-veld__fout" id="{wrapper}-fout" hidden></p>'
        f'<div class="kb-keuzes kb-keuzes--{"veel" if len(question.options) > 6 else "weinig"}">{boxes}</div></fieldset>'
    )


def _typed(question: Question) -> str:
    """A text box or text area with its label, help and (empty) error message."""
    field = _field_id(question)
    rules = question.schema.get("items", {}) if question.kind in (LINES, PAIRS) else question.schema
    mode = (
        ' inputmode="numeric"' if question.kind == NUMBER else (f' inputmode="{_INPUT_MODES[rules["format"]]}"' if rules.get("format") in _INPUT_MODES else "")
    )
    common = f'id="{field}" name="{question.id}"{_described(question, field)}' + (' aria-required="true"' if question.required else "")
    # Only a list shows an example in its box, for the shape of its lines: elsewhere an example could pass for an answer.
    placeholder = f' placeholder="{escape(question.placeholder)}"' if question.placeholder and question.kind in (LINES, PAIRS) else ""
    if question.kind in _ROWS:
        control = f'<textarea {common} rows="{_ROWS[question.kind]}"{placeholder}></textarea>'
    else:
        control = f'<input {common} type="text"{mode} autocomplete="off"{placeholder}>'
    return (
        f'<div class="kb-veld"><label class="kb-veld__label" for="{field}">{escape(question.label)}{_marker(question)}</label>'
        f'{_help(field, question.help)}<p class="kb-veld__fout" id="{field}-fout" hidden></p>{control}</div>'
    )


def _part_open(part: Part, css: str, element_id: str, heading: str) -> str:
    intro = f'<p class="kb-deel__uitleg">{escape(part.intro)}</p>' if part.intro else ""
    return f'<fieldset class="{css}" id="{element_id}"><legend>{heading}</legend>{intro}'


def form_html(form: CaseForm) -> str:
    """Every question in order; a section of the case is a fieldset with a heading, a group inside it a fieldset of its own."""
    html: list[str] = []
    section: Part | None = None
    group: Part | None = None
    for question in form.questions:
        if question.group != group and group is not None:
            html.append("</fieldset>")
        if question.section != section:
            if section is not None:
                html.append("</fieldset>")
            if question.section is not None:
                html.append(
                    _part_open(question.section, "kb-deel", f"kb-deel-{'_'.join(question.section.path)}", f"<h2>{escape(question.section.heading)}</h2>")
                )
        if question.group != group and question.group is not None:
            group_id = f"kb-groep-{'_'.join(question.group.path)}"
            html.append(_part_open(question.group, "kb-groep", group_id, f'<span class="kb-veld__label">{escape(question.group.heading)}</span>'))
            html.append(f'<p class="kb-veld__fout" id="{group_id}-fout" hidden></p>')
        section, group = question.section, question.group
        html.append(_choices(question) if question.kind in (CHOICE, CHOICES, YES_NO, CONSENT) else _typed(question))
    html += ["</fieldset>"] * ((group is not None) + (section is not None))
    return "".join(html)


def _question_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "label": question.label,
        "soort": question.kind,
        "verplicht": question.required,
        "regels": _rules(question.schema),
    }
    if question.options:
        data["opties"] = [list(option) for option in question.options]
    if question.kind == PAIRS:
        data["delen"], data["vorm"] = list(question.pair), question.pair_shape
    if question.placeholder:
        data["voorbeeld"] = question.placeholder
    if question.group is not None:
        data["groep"] = "_".join(question.group.path)
    if question.path:
        data["pad"] = list(question.path)
    return data


def form_rules(form: CaseForm, contact: dict[str, Any], repository: Repository) -> dict[str, Any]:
    """Everything the browser checks and makes, from the content model and the converter: nothing in the script repeats it."""
    return {
        "opslag": DRAFT_KEY,
        "vragen": [_question_data(question) for question in form.questions],
        "getypt": list(TYPED),
        "groepen": [{"id": "_".join(part.path), "label": form.group_label(part), "regels": {"minProperties": 1}} for part, _ in form.groups],
        "meldingen": {**validate.SCHEMA_MESSAGES, **issue_form.MESSAGES, **STORY_MESSAGES, "kop1": HEADING_1_MESSAGE},
        "tekens_getoond": validate.SHOWN_CHARACTERS,
        "tekens_ervoor": issue_form.SHOWN_BEFORE,
        "platte_tekst": [[*_pattern(pattern), message] for pattern, message in validate.PLAIN_TEXT_RULES],
        "zin": {"enter": validate.SENTENCE_BREAK, "punt": validate.SENTENCE_END, "eindes": list(validate.SENTENCE_ENDINGS)},
        "webadres": {"schemes": list(validate.URL_SCHEMES), "melding": validate.URL_MESSAGE},
        "email": {"patroon": _pattern(validate.EMAIL_PATTERN), "melding": validate.EMAIL_MESSAGE},
        "patronen": {
            "stuurteken": _pattern(issue_form.CONTROL),
            "schema_link": _pattern(issue_form.RISKY_SCHEME),
            "spatie": _pattern(issue_form.SPACE),
            "afbeelding": _pattern(issue_form.FORM_IMAGE),
            "korte_afbeelding": _pattern(issue_form.FORM_SHORT_IMAGE),
            "verwijzing": _pattern(issue_form.FORM_DEFINITION),
            "link": _pattern(issue_form.FORM_LINK),
            "nadruk": _pattern(issue_form.FORM_EMPHASIS),
            "linkdoel": _pattern(issue_form.LINK_TARGET),
            "ankercode": _pattern(issue_form.FORM_ATTRIBUTES),
            "kopje_tekst": _pattern(issue_form.FORM_HEADING),
            "onderstreept_kopje": _pattern(issue_form.FORM_UNDERLINED),
            "tekencode": _pattern(issue_form.FORM_REFERENCE),
            "opsomming": _pattern(issue_form.BULLET),
            "scheiding": _pattern(issue_form.SEPARATOR),
            "getal": _pattern(issue_form.WHOLE_NUMBER),
            "kopje": _pattern(issue_form.HEADING),
            **{f"kop1_{name}": _pattern(pattern) for name, pattern in HEADING_1_PATTERNS.items()},
            **{name: _pattern(pattern) for name, pattern in STORY_PATTERNS.items()},
        },
        "verhaal": {
            "bytes": issue_form.MAX_STORY_BYTES,
            "kopjes": MAX_HEADINGS,
            "codeblokken": MAX_CODE_BLOCKS,
            "voetnoten": MAX_FOOTNOTES,
            "nadruk": MAX_EMPHASIS_MARKS,
        },
        "ankers_van_de_site": list(RESERVED_ID_PREFIXES),
        "naam": {"letters": FOLDED_LETTERS, "lengte": MAX_SLUG_LENGTH, "gereserveerd": sorted(RESERVED_CASE_SLUGS)},
        "tekst": {"geen_antwoord": NO_RESPONSE, "aangevinkt": CHECKED, "niet_aangevinkt": UNCHECKED},
        "kaart": {"labels": CARD_LABELS, "voorbeeld": list(EXAMPLE_BADGE)},
        "github": {
            "adres": repository.new_issue_url,
            "sjabloon": FORM_FILE.rsplit("/", 1)[1],
            "titel": ISSUE_TITLE,
            "inloggen": GITHUB_SIGN_IN,
            "grens": GITHUB_LIMIT,
        },
        "mail": {"adres": contact["email_redactie"], "onderwerp": ISSUE_TITLE, "grens": MAIL_LIMIT, "grens_windows": MAIL_LIMIT_WINDOWS},
    }


def _json_in_html(data: Any) -> str:
    """JSON that can stand inside a <script> element: no '<', '>' or '&' that could end it, and only ASCII.

    The patterns hold control characters and noncharacters, which HTML may not contain as they are; and
    '{{' and '{%' (in the sentence about template code) are written as escapes too, since `make serve`
    takes a page that holds them for a page with macros, which it makes anew on every change.
    """
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    for character in "<>&":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return text.replace("{{", "\\u007b\\u007b").replace("{%", "\\u007b%")  # JSON has '{' followed by '{' or '%' only in strings


def case_form_page(index: Index, contact: dict[str, Any], repository: Repository | None) -> str:
    """The page's Markdown: a short explanation, the form, the preview and the three ways to send, and the rules as JSON.

    The form has no submit button until the script makes one: without it, Enter in a field sends nothing, not even to this site.
    """
    if repository is None:
        missing = "ontbreekt; het formulier 'Deel jouw initiatief' opent het issueformulier in die repository"
        raise ContentError([Problem("mkdocs.yml", None, "edit_uri", missing)])
    form = case_form(index.taxonomy)
    mail = escape(contact["email_redactie"])
    send = (
        '<section id="kb-versturen" class="kb-versturen" aria-labelledby="kb-versturen-kop" hidden>'
        '<h2 id="kb-versturen-kop" tabindex="-1">Kies hoe je je casus verstuurt</h2>'
        "<p>Je casus gaat pas weg als je hieronder een manier kiest. Alle drie de manieren sturen dezelfde tekst.</p>"
        '<h3>Via GitHub</h3><p>Heb je een account op GitHub? Dan opent GitHub het formulier "Casus aandragen" met je antwoorden erin.</p>'
        '<div id="kb-github-melding" class="kb-melding"></div>'
        '<p><a id="kb-github" class="md-button" href="#" rel="noopener noreferrer">Open het formulier op GitHub</a></p>'
        f"<h3>Per e-mail</h3><p>Je mailprogramma maakt een e-mail aan de redactie ({mail}) met je casus erin.</p>"
        '<p id="kb-mail-melding" class="kb-melding"></p><p><a id="kb-mail" class="md-button" href="#">Mail je casus naar de redactie</a></p>'
        "<h3>Als bestand</h3><p>Je downloadt je casus als tekstbestand. Dat kun je bewaren, of later als bijlage mailen naar "
        f"{mail}.</p>"
        '<p><button type="button" id="kb-bestand" class="md-button">Download je casus als bestand</button></p>'
        '<p id="kb-verstuurd" class="kb-melding" role="status"></p>'
        '<p><button type="button" class="md-button kb-concept-wissen">Concept wissen</button></p>'
        "</section>"
    )
    return (
        front_matter("Deel jouw initiatief", "Vertel over een initiatief waar anderen van kunnen leren. Je hebt geen account nodig.")
        + "# Deel jouw initiatief\n\n"
        "Ken je een initiatief waar anderen van kunnen leren? Vertel erover met dit formulier. Je hebt geen account nodig. "
        "De redactie leest elke casus voordat die op de site komt, en stelt je zo nodig eerst een vraag.\n\n"
        "## Wat er met je antwoorden gebeurt\n\n"
        "- Je antwoorden blijven op je eigen computer of telefoon. Deze pagina stuurt niets weg en gebruikt geen cookies.\n"
        "- Terwijl je typt, bewaart je browser een concept, alleen op dit apparaat. Kom je later terug, dan staat het er nog. "
        'Het concept verdwijnt pas als je op "Concept wissen" klikt. Gebruik je een computer van iemand anders? Wis het concept dan als je klaar bent.\n'
        "- Ben je klaar, dan kies je zelf hoe je je casus verstuurt: via GitHub, per e-mail of als bestand.\n"
        "- Komt je casus op de site, dan is alles wat je invult openbaar. "
        "Noem geen namen, adressen of telefoonnummers van mensen die daar geen toestemming voor gaven.\n\n"
        f'<noscript><p class="kb-melding">Dit formulier werkt alleen als je browser JavaScript gebruikt. Zonder JavaScript kun je je verhaal ook mailen naar '
        f'<a href="mailto:{mail}">{mail}</a>: beantwoord dan de vragen hieronder in je e-mail.</p></noscript>\n\n'
        "## Vertel over het initiatief\n\n"
        '<div class="kb-aandragen">'
        '<div id="kb-fouten" class="kb-foutoverzicht" tabindex="-1" hidden><h2 id="kb-fouten-kop">Controleer je antwoorden</h2>'
        '<p>Er klopt nog iets niet. Klik op een punt om naar de vraag te gaan.</p><ul id="kb-fouten-lijst"></ul></div>'
        '<p id="kb-concept" class="kb-melding" role="status"></p>'
        '<form id="kb-casusformulier" class="kb-formulier" novalidate>' + form_html(form) + '<p class="kb-knoppen" id="kb-knoppen" hidden>'
        '<button type="button" id="kb-controleer" class="md-button md-button--primary">Controleer en bekijk je casus</button> '
        '<button type="button" class="md-button kb-concept-wissen">Concept wissen</button></p>'
        "</form>"
        '<section id="kb-voorbeeld" class="kb-voorbeeldcasus" aria-labelledby="kb-voorbeeld-kop" hidden>'
        '<h2 id="kb-voorbeeld-kop" tabindex="-1">Zo ziet je casus eruit</h2><div id="kb-voorbeeld-inhoud"></div></section>' + send + "</div>\n\n"
        f'<script type="application/json" id="kb-casusregels">{_json_in_html(form_rules(form, contact, repository))}</script>\n'
        f'<script src="{SCRIPT_URL}" defer></script>\n'
    )
