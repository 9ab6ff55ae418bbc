"""Checking front matter against the schemas, with Dutch messages a citizen understands.

jsonschema finds the errors; this module words them: which field, what was
found, what is expected, and a 'bedoel je …?' hint where a near match exists.
Most files have no errors: a fastjsonschema check, compiled to Python from the
same schema, says so in a tenth of the time, and only a file it rejects goes
to jsonschema.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import fastjsonschema

from ..cache import Cache
from .problems import Problem, field_name
from .schema import Schema
from .source import SourceFile
from .strict_yaml import MAX_INT_DIGITS

if TYPE_CHECKING:  # jsonschema is imported only when a file fails the quick check: importing it takes as long as quick-checking a thousand cases
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError

_TAG = re.compile(r"<\s*(?:/\s*)?[a-zA-Z!?]")
_TEMPLATE = re.compile(r"\{[{%#]|[}%#]\}")
# Control characters, and what cannot be seen but changes the text: zero-width characters and fillers, line
# separators, direction overrides (which can show a text other than what is stored), tag characters (hidden text),
# noncharacters (an XML feed cannot hold them) and half characters (a browser can hold them, a file cannot).
# Allowed, since languages and emoji need them: the zero-width (non-)joiner (Persian, Sinhala, 👩‍🌾) and the
# left-to-right and right-to-left marks (an Arabic name in Dutch text). Tag characters stay refused, also in the
# rare flags made of them: they can carry a whole hidden text.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b"
    "\u2028-\u202e\u2060-\u2069\u3164\ufdd0-\ufdef\ufeff\uffa0\ufffe\uffff\ud800-\udfff\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[a-zA-Z]{2,}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


# What makes a text not plain, and what to say: checked in this order (the form on the site checks the same, in the same order).
PLAIN_TEXT_RULES = (
    (_TAG, "HTML-code is hier niet toegestaan; schrijf gewone tekst zonder '<' en '>'"),
    (_TEMPLATE, "sjablooncode zoals '{{', '{%' of '{#' is niet toegestaan; schrijf gewone tekst"),
    (INVISIBLE, "bevat een onzichtbaar stuurteken; typ de tekst opnieuw"),
)
SENTENCE_BREAK = "moet één zin zijn, zonder witregels of enters"
SENTENCE_END = "moet één zin zijn die eindigt met een punt"
SENTENCE_ENDINGS = (".", "!", "?")
URL_SCHEMES = ("http", "https")
URL_MESSAGE = "moet een webadres zijn dat begint met https:// (of http://), zonder spaties"
EMAIL_PATTERN = _EMAIL
EMAIL_MESSAGE = "moet een e-mailadres zijn, zoals naam@voorbeeld.nl"


def plain_text_problem(value: str) -> str | None:
    """Why `value` is not plain text, or None when it is."""
    return next((message for pattern, message in PLAIN_TEXT_RULES if pattern.search(value)), None)


def sentence_problem(value: str) -> str | None:
    """Why `value` is not one plain sentence, or None."""
    if "\n" in value.strip():
        return SENTENCE_BREAK
    if not value.rstrip().endswith(SENTENCE_ENDINGS):
        return SENTENCE_END
    return plain_text_problem(value)


def url_problem(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError:  # a '[' that opens no IPv6 address, or a host that NFKC would change into another address
        return URL_MESSAGE
    # A '[' or ']' in the host: an IPv6 address, which no website of an initiative has, or no address at all.
    if parts.scheme not in URL_SCHEMES or not parts.netloc or "[" in parts.netloc or "]" in parts.netloc or any(c.isspace() for c in value):
        return URL_MESSAGE
    return None


def email_problem(value: str) -> str | None:
    return None if EMAIL_PATTERN.fullmatch(value) else EMAIL_MESSAGE


def time_problem(value: str) -> str | None:
    if not _TIME.fullmatch(value):
        return 'moet een tijd zijn als UU:MM tussen aanhalingstekens, zoals "09:30"'
    return None


def date_problem(value: str) -> str | None:
    if not _DATE.fullmatch(value):
        return "moet een datum zijn als JJJJ-MM-DD, zoals 2026-03-01"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "is geen bestaande datum"
    return None


_FORMATS: dict[str, Callable[[str], str | None]] = {
    "platte-tekst": plain_text_problem,
    "een-zin": sentence_problem,
    "http-url": url_problem,
    "datum": date_problem,
    "tijd": time_problem,
    "email-adres": email_problem,
}


@functools.cache
def format_checker() -> FormatChecker:
    """jsonschema's format checker with our formats, which it also calls on values of other types."""
    from jsonschema import FormatChecker

    checker = FormatChecker()
    for name, check in _FORMATS.items():
        checker.checks(name)(lambda value, check=check: not isinstance(value, str) or check(value) is None)
    return checker


# The same checks for the quick path, which only calls them on strings.
_QUICK_FORMATS = {name: (lambda value, check=check: check(value) is None) for name, check in _FORMATS.items()}

# The schema's rules in words, by keyword: `translate` says them, and the form on the site says the same.
SCHEMA_MESSAGES = {
    "minLength": "is te kort: minstens {limiet} tekens, gevonden {aantal}",
    "maxLength": "is te lang: hoogstens {limiet} tekens, gevonden {aantal}",
    "minItems": "noem er minstens {limiet}",
    "minItems1": "mag niet leeg zijn; noem er minstens één",
    "maxItems": "noem er hoogstens {limiet}, gevonden {aantal}",
    "uniqueItems": "bevat dezelfde waarde twee keer",
    "minProperties": "vul minstens één van de onderdelen in",
    "minimum": "{gevonden} is te klein; verwacht minstens {limiet}",
    "maximum": "{gevonden} is te groot; verwacht hoogstens {limiet}",
}
SHOWN_CHARACTERS = 60  # of a text value in a message

_TYPES_NL = {
    "string": "tekst",
    "integer": "een heel getal",
    "boolean": "true of false",
    "array": "een lijst (regels die beginnen met '- ')",
    "object": "velden onder elkaar (naam: waarde)",
}


def describe(value: Any) -> str:
    """How a found value is shown in a message."""
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value[:SHOWN_CHARACTERS]}{'…' if len(value) > SHOWN_CHARACTERS else ''}'"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "velden"
    return str(value)


def suggestion(wrong: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(wrong.lower(), list(options), n=1, cutoff=0.6)
    return f" (bedoel je '{close[0]}'?)" if close else ""


def _type_message(error: ValidationError) -> str:
    expected = error.validator_value if isinstance(error.validator_value, str) else "string"
    found = error.instance
    message = f"verwacht {_TYPES_NL.get(expected, expected)}, gevonden {describe(found)}"
    if expected == "boolean" and isinstance(found, str) and found.lower() in {"yes", "no", "ja", "nee", "on", "off", "y", "n"}:
        message += " (schrijf true of false)"
    digits = found.strip().lstrip("+-") if isinstance(found, str) else ""
    if expected == "integer" and digits.isdigit():
        message += " (schrijf het getal zonder voorloopnul)" if digits.startswith("0") else f" (een getal van hoogstens {MAX_INT_DIGITS} cijfers)"
    if expected == "string" and isinstance(found, (int, bool)):
        message += " (zet de waarde tussen aanhalingstekens)"
    if found is None and isinstance(error.schema, dict) and error.schema.get("format") == "datum":
        message += " (schrijf een datum als JJJJ-MM-DD, zoals 2026-03-15)"
    return message


def translate(error: ValidationError, source: SourceFile) -> Problem:
    """One jsonschema error as a Dutch problem with file, line and field."""
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    message: str
    if kind == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        path = (*path, missing.group(1)) if missing else path
        message = "ontbreekt; dit veld is verplicht"
        if "then" in error.relative_schema_path:  # the case schema's one condition, shown on the line that sets it
            message = "ontbreekt: bij geverifieerd: true hoort de datum van die controle, als JJJJ-MM-DD"
            return Problem(source.path, source.line_of(("geverifieerd",)), field_name(path), message)
    elif kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        path = (*path, extra[0]) if extra else path
        key = extra[0] if extra else "?"
        message = f"onbekend veld{suggestion(key, allowed)}"
        if len(extra) > 1:
            others = ", ".join(extra[1:11]) + (f" en nog {len(extra) - 11}" if len(extra) > 11 else "")
            return Problem(source.path, source.line_of(path), field_name(path), message + f"; ook onbekend: {others}")
    elif kind == "enum":
        unknown = schema.get("x-onbekend", "is geen toegestane waarde")
        message = f"{describe(error.instance)} {unknown}{suggestion(str(error.instance), value)}"
        if not suggestion(str(error.instance), value):
            message += f"; kies uit: {', '.join(value)}"
    elif kind == "type":
        message = _type_message(error)
    elif kind == "format":
        check = _FORMATS.get(str(value))
        message = f"{describe(error.instance)} {check(error.instance) if check and isinstance(error.instance, str) else 'heeft niet de juiste vorm'}"
    elif kind in SCHEMA_MESSAGES:
        template = SCHEMA_MESSAGES["minItems1" if kind == "minItems" and value == 1 else kind]
        count = len(error.instance) if isinstance(error.instance, str | list | dict) else None
        message = template.format(limiet=value, aantal=count, gevonden=describe(error.instance))
    elif kind == "pattern":
        message = f"{describe(error.instance)} heeft niet de juiste vorm: gebruik kleine letters, cijfers en koppeltekens, zoals 'module/les'"
    else:
        message = error.message
    return Problem(source.path, source.line_of(path), field_name(path) or None, message)


class SchemaCheck:
    """One schema compiled twice, once per build and kind of file: a quick yes, or every problem in words.

    The quick check may be stricter than jsonschema (its patterns do not let
    '$' match before a final newline), never looser: the keywords in our
    schemas mean the same in both, and the formats are our own functions.
    Whatever it rejects, jsonschema judges. A test holds it to that on the
    real content and on every file of bad input.
    """

    def __init__(self, schema: Schema, fingerprint: str) -> None:
        self._schema = schema
        self.fingerprint = fingerprint  # names this schema in cache keys: a file checked against another schema is checked anew
        draft_07 = {key: value for key, value in schema.items() if key != "$schema"}  # fastjsonschema knows drafts up to 7
        self._quick = fastjsonschema.compile(draft_07, formats=_QUICK_FORMATS, use_default=False)

    @cached_property
    def full(self) -> Draft202012Validator:
        """jsonschema's validator, which words every problem."""
        from jsonschema import Draft202012Validator

        return Draft202012Validator(self._schema, format_checker=format_checker())

    def passes_quickly(self, meta: Any) -> bool:
        try:
            self._quick(meta)
        except Exception:  # any doubt, including a crash on an odd value, goes to jsonschema
            return False
        return True


def compile_schema(schema: Schema, cache: Cache | None = None) -> SchemaCheck:
    """The checks for one schema, built once and reused for every file of that kind (and by every build of a server)."""
    fingerprint = hashlib.sha256(json.dumps(schema, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return (cache or Cache(None)).keep("schema", fingerprint, partial(SchemaCheck, schema, fingerprint))


def check_against(check: SchemaCheck, source: SourceFile) -> list[Problem]:
    """Every schema problem of one file (none when the front matter could not be read)."""
    if source.problems or check.passes_quickly(source.meta):
        return []
    return [translate(error, source) for error in check.full.iter_errors(source.meta)]
