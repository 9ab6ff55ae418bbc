"""Typed content objects, built only from front matter that passed validation.

Every consumer (pages, macros, exports, PDFs) reads these instead of raw
dictionaries, so a field is named and interpreted in exactly one place,
and so is where each object's page and printed documents live in the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .trust import Completeness, assess

PDF_DIR = "pdf"
FACILITATOR_SUFFIX = "-begeleider"
WORKSHEETS_SUFFIX = "-werkbladen"


def workbook_path(module_slug: str, *, facilitator: bool = False) -> str:
    """Site-relative path of a module's workbook (participant or facilitator edition)."""
    return f"{PDF_DIR}/{module_slug}{FACILITATOR_SUFFIX if facilitator else ''}.pdf"


def worksheets_path(module_slug: str) -> str:
    """Site-relative path of a module's worksheets to fill in, without the rest of the workbook."""
    return f"{PDF_DIR}/{module_slug}{WORKSHEETS_SUFFIX}.pdf"


def case_sheet_path(case_slug: str) -> str:
    """Site-relative path of a case's one-page case sheet."""
    return f"{PDF_DIR}/casussen/{case_slug}.pdf"


@dataclass(frozen=True)
class Partner:
    name: str
    kind: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Contact:
    name: str | None
    email: str | None
    website: str | None


@dataclass(frozen=True)
class Case:
    """A value case: one initiative, its value and how it is safeguarded."""

    slug: str
    path: str
    title: str
    summary: str
    themes: tuple[str, ...]
    region: str
    place: str
    year_started: int
    legal_form: str
    stage: str
    members: int | None
    partners: tuple[Partner, ...]
    need: str
    value: dict[str, str]  # sociaal / economisch / ecologisch → text
    beneficiaries: tuple[str, ...]
    safeguarding_internal: str
    safeguarding_external: str
    results: tuple[str, ...]
    lessons_learned: tuple[str, ...]
    learning: tuple[str, ...]  # 'module' or 'module/lesson'
    sources: tuple[Source, ...]
    contact: Contact | None
    illustrative: bool
    verified: bool  # the editors confirmed the facts with the initiative or its sources
    updated: str  # the text's last change
    checked: str | None  # 'gecontroleerd': the editors' last check against the initiative; None: never
    completeness: Completeness  # see `trust.assess`
    body: str
    meta: dict[str, Any] = field(repr=False, compare=False, hash=False)
    digest: str = field(default="", repr=False, compare=False)  # of the file the case was read from: what a cache key needs of it

    @property
    def url(self) -> str:
        """Site-relative URL of the case page."""
        return f"casussen/{self.slug}/"

    @property
    def src_uri(self) -> str:
        """Path of the generated Markdown page inside the site."""
        return f"casussen/{self.slug}.md"

    @classmethod
    def from_meta(cls, slug: str, path: str, meta: dict[str, Any], body: str, digest: str = "") -> Case:
        contact = meta.get("contact")
        return cls(
            slug=slug,
            path=path,
            title=meta["titel"],
            summary=meta["samenvatting"].strip(),
            themes=tuple(meta["themas"]),
            region=meta["gebied"],
            place=meta["plaats"],
            year_started=meta["startjaar"],
            legal_form=meta["rechtsvorm"],
            stage=meta["fase"],
            members=meta.get("leden"),
            partners=tuple(Partner(p["naam"], p["soort"]) for p in meta.get("partners") or []),
            need=meta["waardecasus"]["behoefte"],
            value=dict(meta["waardecasus"]["waarde"]),
            beneficiaries=tuple(meta["waardecasus"]["voor_wie"]),
            safeguarding_internal=meta["borging"]["intern"],
            safeguarding_external=meta["borging"]["extern"],
            results=tuple(meta["resultaten"]),
            lessons_learned=tuple(meta["geleerde_lessen"]),
            learning=tuple(meta["leren"]),
            sources=tuple(Source(s["titel"], s["url"]) for s in meta.get("bronnen") or []),
            contact=Contact(contact.get("naam"), contact.get("email"), contact.get("website")) if contact else None,
            illustrative=meta["voorbeeld"],
            verified=meta["geverifieerd"],
            updated=meta["bijgewerkt"],
            checked=meta.get("gecontroleerd"),
            completeness=assess(meta, body),
            body=body,
            meta=meta,
            digest=digest,
        )


@dataclass(frozen=True)
class Exercise:
    title: str
    assignment: str
    minutes: int | None
    worksheet: bool
    hint: str | None = None  # shown to everyone
    worked_answer: str | None = None  # 'uitwerking': folded on the web, printed only for facilitators

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> Exercise:
        return cls(meta["titel"], meta["opdracht"], meta.get("duur_minuten"), bool(meta.get("werkblad", False)), meta.get("hint"), meta.get("uitwerking"))


@dataclass(frozen=True)
class QuizAnswer:
    text: str
    correct: bool
    explanation: str  # why this answer is right or wrong


@dataclass(frozen=True)
class QuizQuestion:
    """A 'Check jezelf' question: one or more of its answers are correct, and every answer says why."""

    question: str
    answers: tuple[QuizAnswer, ...]

    @property
    def several_correct(self) -> bool:
        """Whether more than one answer is right: readers then tick every right one (checkboxes, not radio buttons)."""
        return sum(answer.correct for answer in self.answers) > 1

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> QuizQuestion:
        return cls(meta["vraag"], tuple(QuizAnswer(a["tekst"], a["juist"], a["uitleg"]) for a in meta["antwoorden"]))


@dataclass(frozen=True)
class Lesson:
    """A lesson inside a module; facilitator notes sit in a `begeleider` admonition."""

    module: str
    slug: str
    path: str
    title: str
    summary: str
    order: int
    minutes: int
    objectives: tuple[str, ...]
    questions: tuple[str, ...]
    key_points: tuple[str, ...]
    exercises: tuple[Exercise, ...]
    body: str
    quiz: tuple[QuizQuestion, ...] = ()  # 'toetsvragen'
    materials: tuple[str, ...] = ()  # 'benodigdheden': what the facilitator brings
    digest: str = field(default="", repr=False, compare=False)  # of the file it was read from

    @property
    def key(self) -> str:
        return f"{self.module}/{self.slug}"

    @property
    def src_uri(self) -> str:
        return f"leren/{self.module}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"leren/{self.module}/{self.slug}/"

    @classmethod
    def from_meta(cls, module: str, slug: str, path: str, meta: dict[str, Any], body: str, digest: str = "") -> Lesson:
        return cls(
            module=module,
            slug=slug,
            path=path,
            title=meta["titel"],
            summary=meta["samenvatting"].strip(),
            order=meta["volgorde"],
            minutes=meta["duur_minuten"],
            objectives=tuple(meta["leerdoelen"]),
            questions=tuple(meta["vragen"]),
            key_points=tuple(meta["kernpunten"]),
            exercises=tuple(Exercise.from_meta(e) for e in meta["oefeningen"]),
            body=body,
            quiz=tuple(QuizQuestion.from_meta(q) for q in meta.get("toetsvragen") or ()),
            materials=tuple(meta.get("benodigdheden") or ()),
            digest=digest,
        )


def clock_minutes(time: str) -> int:
    """'09:30' → 570: minutes after midnight."""
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True)
class RunSheetSettings:
    """How a module's lessons become meetings with clock times: its front matter's 'draaiboek', each field with a default."""

    start: int = clock_minutes("19:30")  # 'starttijd', in minutes after midnight
    meetings: tuple[tuple[str, ...], ...] = ()  # 'bijeenkomsten': lesson slugs per meeting; empty: each lesson its own meeting
    break_after: int = 90  # 'pauze_na_minuten': at most this much work without a break
    break_minutes: int = 15  # 'pauze_minuten'
    lunch_from: int = clock_minutes("12:00")  # 'lunchpauze_vanaf'
    lunch_minutes: int = 45  # 'lunchpauze_minuten'
    closing_minutes: int = 5  # 'afronding_minuten': the end of each lesson

    @classmethod
    def from_meta(cls, meta: dict[str, Any] | None) -> RunSheetSettings:
        meta = meta or {}
        default = cls()
        return cls(
            start=clock_minutes(meta["starttijd"]) if "starttijd" in meta else default.start,
            meetings=tuple(tuple(meeting) for meeting in meta.get("bijeenkomsten") or ()),
            break_after=meta.get("pauze_na_minuten", default.break_after),
            break_minutes=meta.get("pauze_minuten", default.break_minutes),
            lunch_from=clock_minutes(meta["lunchpauze_vanaf"]) if "lunchpauze_vanaf" in meta else default.lunch_from,
            lunch_minutes=meta.get("lunchpauze_minuten", default.lunch_minutes),
            closing_minutes=meta.get("afronding_minuten", default.closing_minutes),
        )


@dataclass(frozen=True)
class Module:
    """A module: an ordered set of lessons with shared learning goals."""

    slug: str
    path: str
    title: str
    summary: str
    audience: str
    order: int
    minutes: int
    objectives: tuple[str, ...]
    lesson_slugs: tuple[str, ...]
    body: str
    run_sheet: RunSheetSettings = RunSheetSettings()  # 'draaiboek'
    digest: str = field(default="", repr=False, compare=False)  # of the file it was read from

    @property
    def key(self) -> str:
        return self.slug

    @property
    def src_uri(self) -> str:
        return f"leren/{self.slug}/index.md"

    @property
    def url(self) -> str:
        return f"leren/{self.slug}/"

    @classmethod
    def from_meta(cls, slug: str, path: str, meta: dict[str, Any], body: str, digest: str = "") -> Module:
        return cls(
            slug=slug,
            path=path,
            title=meta["titel"],
            summary=meta["samenvatting"].strip(),
            audience=meta["doelgroep"],
            order=meta["volgorde"],
            minutes=meta["duur_minuten"],
            objectives=tuple(meta["leerdoelen"]),
            lesson_slugs=tuple(meta["lessen"]),
            body=body,
            run_sheet=RunSheetSettings.from_meta(meta.get("draaiboek")),
            digest=digest,
        )


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    explanation: str


ROUTES_DIR = "leren/leerroutes"  # where route pages live in the site; the overview is its index
# What a route's step can lead to, as its key in the file: a lesson ('module/les'), a case (its file name),
# a glossary term (as the glossary writes it), or a module's workbook for participants or for facilitators (the module).
ROUTE_STEP_KINDS = ("les", "casus", "begrip", "werkboek", "werkboek_begeleider")


@dataclass(frozen=True)
class RouteStep:
    """One step of a learning route: what it leads to, and in one sentence why this step."""

    kind: str  # one of ROUTE_STEP_KINDS
    target: str
    why: str

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> RouteStep:
        """A step whose file names exactly one kind (the loader checks that first)."""
        kind = next(kind for kind in ROUTE_STEP_KINDS if kind in meta)
        return cls(kind, meta[kind], meta["waarom"])


@dataclass(frozen=True)
class Route:
    """A learning route ('leerroute'): an ordered set of steps through lessons, cases, terms and workbooks for one situation."""

    slug: str
    path: str
    title: str
    summary: str
    audience: str
    order: int
    intro: str
    steps: tuple[RouteStep, ...]
    digest: str = field(default="", repr=False, compare=False)  # of the file it was read from

    @property
    def src_uri(self) -> str:
        return f"{ROUTES_DIR}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"{ROUTES_DIR}/{self.slug}/"

    @classmethod
    def from_meta(cls, slug: str, path: str, meta: dict[str, Any], digest: str = "") -> Route:
        steps = tuple(RouteStep.from_meta(step) for step in meta["stappen"])
        return cls(slug, path, meta["titel"], meta["samenvatting"].strip(), meta["doelgroep"], meta["volgorde"], meta["inleiding"].strip(), steps, digest)
