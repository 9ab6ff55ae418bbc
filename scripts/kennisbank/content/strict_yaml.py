"""A strict YAML reader for front matter written by people, not programs.

PyYAML implements YAML 1.1, where `no` is a boolean, `01234` is octal and
`1.10` is the float 1.1. Contributors never mean that, so this module builds
values straight from the parser's events: only `true`/`false`, `null` and
plain decimal integers are typed; everything else stays the text the author
wrote. Anchors, aliases, explicit tags and duplicate keys are refused, and the
line of every key and list item is kept so errors can point at it. Lists and
fields nested deeper than `MAX_DEPTH` are refused and skipped without
descending: the builder recurses once per level, and a contributor's
`[[[[…` must end in a message, not in Python's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

# libyaml's parser is several times faster and yields the same events and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The deepest front matter is three levels (waardecasus.waarde.sociaal); the data files need four at most.
MAX_DEPTH = 10
MAX_INT_DIGITS = 18  # longer numbers stay text (no field of the content model needs more)
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

_COLON = "hier mag geen ':' staan (staat er een dubbele punt in de tekst? Zet de tekst dan tussen aanhalingstekens)"
_INDENTED_COLON = (
    "hier mag geen ':' staan: springt deze regel verder in dan het veld erboven? Zet hem dan even ver naar links."
    " Staat er een dubbele punt in de tekst? Zet de tekst dan tussen aanhalingstekens"
)
_TAB = "een tab is niet toegestaan; gebruik spaties om in te springen"
# PyYAML's and libyaml's own wording, translated for contributors.
_PROBLEMS_NL = {
    "mapping values are not allowed in this context": _COLON,
    "mapping values are not allowed here": _COLON,
    "could not find expected ':'": "er ontbreekt een ':' achter een veldnaam",
    "found undefined alias": "verwijzingen (*naam) zijn niet toegestaan",
    "did not find expected key": "inspringing klopt niet: er werd een veldnaam verwacht",
    "did not find expected '-' indicator": "inspringing van de lijst klopt niet: er werd een '-' verwacht",
    "did not find expected node content": "hier ontbreekt een waarde: tussen [ en ] staan waarden met één komma ertussen, zonder '-' (zoals [energie, wonen])",
    "block sequence entries are not allowed": "een '-' begint een punt van een lijst: zet elk punt op een eigen regel, ingesprongen onder de veldnaam",
    "found unexpected end of stream": "de tekst houdt onverwacht op (ontbreekt er een afsluitend aanhalingsteken?)",
    "found unknown escape character": "onbekend escape-teken na een '\\' in tekst tussen dubbele aanhalingstekens",
}
# What PyYAML was reading when it stopped, by its own words for it (the same in libyaml and in PyYAML's Python reader):
# these begin with a '[', '{' or quote that is never closed, so the line that matters is where they began.
_UNCLOSED_NL = {
    "while parsing a flow sequence": (
        "de lijst die hier met '[' begint, wordt niet afgesloten: zet er een ']' achter, en een komma tussen twee waarden (zoals [energie, wonen])"
    ),
    "while parsing a flow mapping": (
        "de velden die hier met '{' beginnen, worden niet afgesloten: zet er een '}' achter"
        " (hoort de '{' bij de tekst? Zet de tekst dan tussen aanhalingstekens)"
    ),
    "while scanning a quoted scalar": (
        "het aanhalingsteken aan het begin van deze tekst wordt niet afgesloten: zet hetzelfde teken aan het eind."
        " Staat er een ' in de tekst zelf, zoals in 's-Hertogenbosch? Zet de tekst dan tussen dubbele aanhalingstekens"
    ),
}
_NO_START = "een tekst mag niet beginnen met '{}'; zet de tekst tussen aanhalingstekens"
_TEXT_AFTER_VALUE = (
    "na de waarde staat nog tekst ({}): hoort een aanhalingsteken of haakje bij de tekst? Zet de hele tekst dan tussen andere aanhalingstekens,"
    " zoals \"Het 'Groene' Dorp\" of 'Het \"Groene\" Dorp'"
)


@dataclass
class YamlIssue:
    """A problem in the YAML itself, with the 1-based line in the YAML text."""

    line: int
    message: str
    path: Path = ()


@dataclass
class YamlDocument:
    """Parsed data plus the line of every key and list item."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)

    def line_of(self, path: Path) -> int | None:
        """Line of the deepest known prefix of `path` (a missing key has no line)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


def _resolve_plain(value: str) -> Any:
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value) and len(value) <= MAX_INT_DIGITS:
        return int(value)
    return value  # a longer number stays text: the schema says which number it expects (Python refuses to read 4,300 digits)


class _Builder:
    def __init__(self, events: Iterator[yaml.Event], doc: YamlDocument) -> None:
        self.events = events
        self.doc = doc

    def _line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        return int(mark.line) + 1 if mark is not None else 1

    def _check_node(self, event: yaml.NodeEvent, path: Path) -> None:
        if event.anchor is not None:
            self.doc.issues.append(YamlIssue(self._line(event), f"ankers (&{event.anchor}) zijn niet toegestaan; schrijf de waarde voluit", path))
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.doc.issues.append(YamlIssue(self._line(event), f"YAML-tags ({tag}) zijn niet toegestaan; schrijf alleen de waarde", path))

    def _skip_deep(self, event: yaml.CollectionStartEvent, path: Path) -> None:
        """Refuse a list or field nested deeper than MAX_DEPTH and consume its events without building them."""
        self.doc.issues.append(
            YamlIssue(self._line(event), f"lijsten of velden zijn hier dieper genest dan {MAX_DEPTH} niveaus; schrijf de waarde eenvoudiger", path[:1])
        )
        open_collections = 1
        for inner in self.events:
            if isinstance(inner, yaml.CollectionStartEvent):
                open_collections += 1
            elif isinstance(inner, yaml.CollectionEndEvent):
                open_collections -= 1
                if open_collections == 0:
                    return

    def node(self, event: yaml.Event, path: Path) -> Any:
        if isinstance(event, yaml.CollectionStartEvent) and len(path) >= MAX_DEPTH:
            self._skip_deep(event, path)
            return None
        if isinstance(event, yaml.AliasEvent):
            self.doc.issues.append(YamlIssue(self._line(event), f"verwijzingen (*{event.anchor}) zijn niet toegestaan; schrijf de waarde voluit", path))
            return None
        if isinstance(event, yaml.ScalarEvent):
            self._check_node(event, path)
            return _resolve_plain(event.value) if not event.style else event.value
        if isinstance(event, yaml.SequenceStartEvent):
            self._check_node(event, path)
            items: list[Any] = []
            for item in self.events:
                if isinstance(item, yaml.SequenceEndEvent):
                    return items
                item_path = (*path, len(items))
                self.doc.lines[item_path] = self._line(item)
                items.append(self.node(item, item_path))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            self._check_node(event, path)
            mapping: dict[str, Any] = {}
            for key_event in self.events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    return mapping
                line = self._line(key_event)
                if not isinstance(key_event, yaml.ScalarEvent):
                    self.doc.issues.append(YamlIssue(line, "een veldnaam moet gewone tekst zijn", path))
                    self.node(key_event, path)
                    self.node(next(self.events), path)
                    continue
                key = key_event.value
                key_path = (*path, key)
                if key in mapping:
                    self.doc.issues.append(YamlIssue(line, f"veld '{key}' staat er twee keer in (eerder op regel {self.doc.lines[key_path]})", key_path))
                    self.node(next(self.events), path)
                    continue
                self.doc.lines[key_path] = line
                mapping[key] = self.node(next(self.events), key_path)
            return mapping
        raise yaml.YAMLError(f"unexpected event {event!r}")


def _syntax_issue(error: yaml.MarkedYAMLError, lines: list[str]) -> YamlIssue:
    """PyYAML's syntax error in Dutch, on the line to change: for a '[', '{' or quote never closed, where it began, not where PyYAML gave up."""
    mark = error.problem_mark or error.context_mark
    line, column = (int(mark.line) + 1, int(mark.column)) if mark else (1, 0)
    problem, context = str(error.problem or error.context or "onbekende fout"), str(error.context or "")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here:  # libyaml words a tab in several ways, none of which names it
        return YamlIssue(line, f"ongeldige YAML: {_TAB}")
    unclosed = next((nl for en, nl in _UNCLOSED_NL.items() if context.startswith(en)), None)
    if unclosed is not None and error.context_mark is not None:
        return YamlIssue(int(error.context_mark.line) + 1, f"ongeldige YAML: {unclosed}")
    if context.startswith(("while scanning an alias", "while scanning an anchor")):  # Markdown's *nadruk* at the start of a value
        return YamlIssue(line, f"ongeldige YAML: {_NO_START.format('*' if 'alias' in context else '&')}")
    if problem.startswith("found character") and problem.endswith("that cannot start any token") and column < len(here):  # '@' and '`' are reserved
        return YamlIssue(line, f"ongeldige YAML: {_NO_START.format(here[column])}")
    if problem.startswith("did not find expected key") and here[:column].strip():  # the value ended, and the line goes on
        return YamlIssue(line, f"ongeldige YAML: {_TEXT_AFTER_VALUE.format(here[column:].strip()[:40])}")
    if problem.startswith("mapping values are not allowed") and here[:1].isspace() and ":" not in here[:column]:  # an indented 'naam:'
        return YamlIssue(line, f"ongeldige YAML: {_INDENTED_COLON}")
    return YamlIssue(line, f"ongeldige YAML: {next((nl for en, nl in _PROBLEMS_NL.items() if problem.startswith(en)), problem)}")


def parse(text: str) -> YamlDocument:
    """Parse one YAML document strictly; syntax errors become issues, never exceptions."""
    doc = YamlDocument(data=None)
    try:
        events = iter(list(yaml.parse(text, Loader=_LOADER)))
        builder = _Builder(events, doc)
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    doc.issues.append(YamlIssue(builder._line(event), "er mag maar één YAML-blok in de voorpagina staan"))
                    break
            elif isinstance(event, yaml.NodeEvent):
                doc.data = builder.node(event, ())
    except yaml.MarkedYAMLError as error:
        doc.issues.append(_syntax_issue(error, text.split("\n")))
    except yaml.reader.ReaderError as error:  # a character YAML does not allow (a control or noncharacter), typed into the file
        line = text.count("\n", 0, error.position) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"het teken U+{code:04X} mag hier niet staan (een onzichtbaar stuurteken); typ de tekst opnieuw"
        doc.issues.append(YamlIssue(line, message))
    except yaml.YAMLError as error:
        doc.issues.append(YamlIssue(1, f"ongeldige YAML: {error}"))
    return doc
