"""Contact details from the one data file, so every page shows the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .problems import ContentError, Problem
from .strict_yaml import parse
from .validate import email_problem

CONTACT_FILE = "data/contact.yml"
REQUIRED = ("naam", "email_bestuur", "email_secretariaat", "email_redactie", "telefoon", "telefoon_link", "adres")


def load_contact(root: Path) -> dict[str, Any]:
    doc = parse((root / CONTACT_FILE).read_text(encoding="utf-8"))
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = [Problem(CONTACT_FILE, i.line, None, i.message) for i in doc.issues]
    problems += [Problem(CONTACT_FILE, None, key, "ontbreekt") for key in REQUIRED if key not in data]
    for key in ("email_bestuur", "email_secretariaat", "email_redactie"):
        if isinstance(data.get(key), str) and (problem := email_problem(data[key])):
            problems.append(Problem(CONTACT_FILE, doc.line_of((key,)), key, f"'{data[key]}' {problem}"))
    if problems:
        raise ContentError(problems)
    return data
