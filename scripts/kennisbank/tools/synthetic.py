"""Synthetic but valid corpora of cases, for the benchmark and scale tests.

Cases vary over every vocabulary and carry about 500 words of Dutch text, so
build and page sizes behave like a real platform of that size; they vary in
how complete they are and when they were last checked, so the worklist does too.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from ..content.loader import load_content
from ..content.trust import STORY_HEADINGS

_PREFIXES = ("Energiecoöperatie", "Zorgcoöperatie", "Wooncoöperatie", "Dorpscoöperatie", "Buurtvereniging", "Stichting", "Streekcoöperatie")
_NAMES = ("De Samenwerking", "Op Eigen Kracht", "Het Gebied", "Samen Verder", "De Brug", "Noaberschap", "De Kern", "Groen Hart")
_SENTENCES = (
    "Bewoners kwamen samen in het dorpshuis om te bespreken wat er in hun gebied nodig was.",
    "De groep koos voor een coöperatie omdat leden zo samen eigenaar en beslisser zijn.",
    "Afspraken over besluiten en rollen zijn vastgelegd in statuten en een huishoudelijk reglement.",
    "De gemeente werd vroeg betrokken, zodat plannen aansloten op het omgevingsplan.",
    "Een lokale ondernemer leverde kennis, en een regionale bank hielp met de financiering.",
    "Elk jaar bespreekt de ledenvergadering de resultaten en de plannen voor het volgende jaar.",
    "Vrijwilligers en betaalde krachten werken naast elkaar, met duidelijke taken voor iedereen.",
    "De opbrengst blijft in het gebied en komt ten goede aan voorzieningen voor jong en oud.",
    "Onenigheid over de koers werd opgelost met een gesprek onder leiding van een onafhankelijke voorzitter.",
    "Nieuwe leden krijgen een welkomstgesprek waarin de waarden van de coöperatie centraal staan.",
    "Het initiatief meet zijn resultaten eenvoudig: wie doet mee, wat levert het op, en wat is er veranderd.",
    "Burgerinitiatieven in de buurt leerden van de ervaringen en startten zelf een vergelijkbaar plan.",
)


def _body(rng: random.Random, words: int, headings: tuple[str, ...]) -> str:
    paragraphs = []
    count = 0
    heading = 0
    while count < words:
        if count // 150 >= heading:
            heading += 1
            paragraphs.append(f"## {headings[heading - 1] if heading <= len(headings) else f'Deel {heading}'}")
        sentences = [rng.choice(_SENTENCES) for _ in range(5)]
        paragraphs.append(" ".join(sentences))
        count += sum(len(s.split()) for s in sentences)
    return "\n\n".join(paragraphs) + "\n"


def synthetic_case(number: int, rng: random.Random, vocab: dict[str, list[str]], learning: list[str]) -> tuple[str, str]:
    """File name and text of one generated case."""
    slug = f"synthetische-casus-{number:05d}"
    title = f"{rng.choice(_PREFIXES)} {rng.choice(_NAMES)} {number}"
    themes = rng.sample(vocab["themas"], rng.randint(1, 3))
    meta = {
        "titel": title,
        "samenvatting": f"Een gegenereerde casus nummer {number} over samenwerken in het eigen gebied.",
        "themas": themes,
        "gebied": rng.choice(vocab["gebieden"]),
        "plaats": f"Plaats {number % 97}",
        "startjaar": rng.randint(2005, 2026),
        "rechtsvorm": rng.choice(vocab["rechtsvormen"]),
        "fase": rng.choice(vocab["fases"]),
        "leden": rng.randint(5, 2000),
        "partners": [{"naam": "De gemeente", "soort": rng.choice(vocab["partnersoorten"])}],
        "waardecasus": {
            "behoefte": "Bewoners willen voorzieningen in hun gebied behouden en samen versterken.",
            "waarde": {"sociaal": "Buren leren elkaar kennen en helpen elkaar.", "economisch": "Geld en werk blijven in het gebied."},
            "voor_wie": ["bewoners", "lokale ondernemers"],
        },
        "borging": {"intern": "Een ledenvergadering besluit over de koers.", "extern": "Een overeenkomst met de gemeente legt taken vast."},
        "resultaten": ["meer contact in de buurt", "een gezonde begroting"],
        "geleerde_lessen": ["begin klein en bouw vertrouwen op"],
        "leren": rng.sample(learning, min(2, len(learning))),
        "voorbeeld": True,
        "geverifieerd": False,
        "bijgewerkt": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
    }
    # How complete and how fresh: drawn from a generator of its own, so the rest of the corpus stays as it was.
    trust = random.Random(f"vertrouwen-{number}")
    meta["voorbeeld"] = trust.random() < 0.3  # most stand for real initiatives, as on a platform of this size
    meta["gecontroleerd"] = f"{trust.randint(2022, 2026)}-{trust.randint(1, 11):02d}-{trust.randint(1, 28):02d}"
    for key, share in (("leden", 0.2), ("partners", 0.1), ("gecontroleerd", 0.05)):
        if trust.random() < share:
            del meta[key]
    meta |= {"bronnen": [{"titel": "Website", "url": f"https://example.org/{number}"}]} if trust.random() < 0.3 else {}
    meta |= {"contact": {"naam": title, "email": f"info-{number}@example.org"}} if trust.random() < 0.3 else {}
    headings = STORY_HEADINGS if trust.random() < 0.7 else ()
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()] + ["---", "", _body(rng, 480, headings)]
    return f"{slug}.md", "\n".join(lines)


# Everything `mkdocs build` reads: configuration, content, theme overrides, hooks and macros.
SITE_SOURCES = ("mkdocs.yml", "cases", "docs", "data", "macros", "overrides", "scripts")


def copy_site_sources(source_root: Path, target: Path) -> Path:
    """A throwaway copy of everything a build reads, to build or break without touching the repository."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_SOURCES:
        path = source_root / part
        if path.is_dir():
            shutil.copytree(path, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.exists():
            shutil.copy2(path, target / part)
    return target


def make_corpus(source_root: Path, target: Path, cases: int, seed: int = 2026) -> Path:
    """A copy of the repository's site sources with `cases` cases: the real ones plus generated ones.

    The real cases stay because trusted pages link to them.
    """
    content = load_content(source_root)
    vocab = {name: list(terms) for name, terms in content.taxonomy.vocabularies().items()}
    learning = [lesson.key for lesson in content.lessons] or [m.slug for m in content.modules]
    copy_site_sources(source_root, target)
    rng = random.Random(seed)
    for number in range(1, cases - len(content.cases) + 1):
        name, text = synthetic_case(number, rng, vocab, learning)
        (target / "cases" / name).write_text(text, encoding="utf-8")
    return target
