"""Contact details from the one data file, so every page shows the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .problems import ContentError, Problem
from .strict_yaml import parse
from .validate import email_problem, suggestion

CONTACT_FILE = "data/contact.yml"
REQUIRED = ("naam", "email_bestuur", "email_secretariaat", "email_redactie", "telefoon", "telefoon_link", "adres")


def load_contact(root: Path) -> dict[str, Any]:
    """The contact details; a file that cannot be read is named for that alone, since every field would seem missing."""
    doc = parse((root / CONTACT_FILE).read_text(encoding="utf-8"))
    if doc.issues:
        raise ContentError([Problem(CONTACT_FILE, i.line, None, i.message) for i in doc.issues])
    if not isinstance(doc.data, dict):
        message = "het bestand moet bestaan uit velden ('naam: waarde'), zoals 'email_bestuur: bestuur@voorbeeld.nl'"
        raise ContentError([Problem(CONTACT_FILE, 1, None, message)])
    data = doc.data
    missing = [key for key in REQUIRED if key not in data]
    # A misspelled field is named where it is, with the field it may have meant; the field it should be is named missing.
    problems = [Problem(CONTACT_FILE, doc.line_of((key,)), key, f"onbekend veld{suggestion(key, missing)}") for key in data if key not in REQUIRED]
    problems += [Problem(CONTACT_FILE, None, key, "ontbreekt") for key in missing]
    for key in ("email_bestuur", "email_secretariaat", "email_redactie"):
        if isinstance(data.get(key), str) and (problem := email_problem(data[key])):
            problems.append(Problem(CONTACT_FILE, doc.line_of((key,)), key, f"'{data[key]}' {problem}"))
    if problems:
        raise ContentError(problems)
    return data
