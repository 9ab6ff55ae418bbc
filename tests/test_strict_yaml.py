"""Unit tests of the strict YAML reader: YAML 1.1 surprises stay text, risky features are refused."""

from __future__ import annotations

import pytest
from kennisbank.content.strict_yaml import MAX_DEPTH, parse


def test_yaml_11_surprises_stay_the_text_the_author_wrote() -> None:
    doc = parse("a: no\nb: NO\nc: yes\nd: 01234\ne: 1.10\nf: 2024-02-30\ng: on\n")
    assert doc.issues == []
    assert doc.data == {"a": "no", "b": "NO", "c": "yes", "d": "01234", "e": "1.10", "f": "2024-02-30", "g": "on"}


def test_plain_integers_booleans_and_null_are_typed() -> None:
    doc = parse("a: 12\nb: true\nc: false\nd:\ne: '12'\nf: -3\n")
    assert doc.data == {"a": 12, "b": True, "c": False, "d": None, "e": "12", "f": -3}


def test_lines_of_keys_and_list_items_are_kept() -> None:
    doc = parse("titel: x\nlijst:\n  - een\n  - naam: b\n    soort: c\n")
    assert doc.lines[("titel",)] == 1
    assert doc.lines[("lijst", 1)] == 4
    assert doc.lines[("lijst", 1, "soort")] == 5
    assert doc.line_of(("lijst", 1, "onbekend")) == 4


def test_duplicate_keys_anchors_aliases_and_tags_are_refused() -> None:
    doc = parse("a: 1\na: 2\nb: &x 3\nc: *x\nd: !!str 4\ne: !!python/object/apply:os.system [id]\n")
    messages = [(issue.line, issue.message) for issue in doc.issues]
    assert any(line == 2 and "twee keer" in m for line, m in messages)
    assert any(line == 3 and "ankers" in m for line, m in messages)
    assert any(line == 4 and "verwijzingen" in m for line, m in messages)
    assert any(line == 5 and "YAML-tags" in m for line, m in messages)
    assert any(line == 6 and "YAML-tags" in m for line, m in messages)


def test_syntax_errors_become_dutch_issues_with_a_line() -> None:
    doc = parse("titel: goed\nplaats: Houten: Oost\n")
    assert len(doc.issues) == 1
    assert doc.issues[0].line == 2
    assert doc.issues[0].message.startswith("ongeldige YAML: hier mag geen ':' staan")


@pytest.mark.parametrize(
    ("text", "line", "dutch"),
    [
        # A '[', '{' or quote never closed: PyYAML notices on a later line (or at the end); the line to change is where it began.
        ("titel: X\nthemas: [energie, leefbaarheid\ngebied: utrecht\nfase: opbouw\n", 2, "de lijst die hier met '[' begint, wordt niet afgesloten"),
        ("titel: X\nthemas: [energie, leefbaarheid\n", 2, "de lijst die hier met '[' begint, wordt niet afgesloten"),
        ("titel: X\nwaarde: {sociaal: ja\ngebied: utrecht\n", 2, "de velden die hier met '{' beginnen, worden niet afgesloten"),
        ('titel: "Let op\ngebied: utrecht\nfase: opbouw\n', 1, "het aanhalingsteken aan het begin van deze tekst wordt niet afgesloten"),
        ("titel: X\nplaats: 's-Hertogenbosch\ngebied: utrecht\n", 2, "zoals in 's-Hertogenbosch"),
        ("titel: X\nwaarde:\n\tsociaal: ja\n", 3, "een tab is niet toegestaan"),
        ("titel: X\nstappen:\n  - les: a\n\t  waarom: b\n", 4, "een tab is niet toegestaan"),
        ("titel: Let op: dit\ngebied: utrecht\n", 1, "hier mag geen ':' staan (staat er een dubbele punt in de tekst?"),
        ("titel: X\n  gebied: utrecht\n", 2, "springt deze regel verder in dan het veld erboven"),
        ("titel: X\nwaarde:\n    sociaal: ja\n  economisch: nee\n", 4, "inspringing klopt niet: er werd een veldnaam verwacht"),
        ("titel: X\nthemas:\n  - energie\n  gebied: x\n", 4, "inspringing van de lijst klopt niet"),
        ("gebied: x\ntitel: 'Het 'Groene' Dorp'\n", 2, "na de waarde staat nog tekst (Groene' Dorp')"),
        ("gebied: x\ntitel: *Samen* sterk\n", 2, "een tekst mag niet beginnen met '*'"),
        ("gebied: x\nthemas: [energie,, wonen]\n", 2, "hier ontbreekt een waarde: tussen [ en ]"),
        ("gebied: x\nthemas: [\n  - energie\n", 3, "hier ontbreekt een waarde: tussen [ en ]"),
        ("gebied: x\nthemas: - energie\n", 2, "zet elk punt op een eigen regel"),
        ("gebied: x\ntitel: @buurtkracht op het web\n", 2, "een tekst mag niet beginnen met '@'"),
    ],
)
def test_common_mistakes_get_a_dutch_message_on_the_line_to_change(text: str, line: int, dutch: str) -> None:
    (issue,) = parse(text).issues
    assert (issue.line, issue.message.startswith("ongeldige YAML: "), dutch in issue.message) == (line, True, True), issue


def test_a_second_document_is_refused() -> None:
    doc = parse("a: 1\n---\nb: 2\n")
    assert any("één YAML-blok" in issue.message for issue in doc.issues)


def test_nesting_deeper_than_the_limit_is_refused_and_skipped() -> None:
    # The document's own fields are the first level.
    deep = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    too_deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse(f"a: {deep}\n").issues == []
    doc = parse(f"a: 1\nb: {too_deep}\nc: 3\n")
    assert [(issue.line, issue.path) for issue in doc.issues] == [(2, ("b",))]
    assert "dieper genest dan 10 niveaus" in doc.issues[0].message
    assert (doc.data["a"], doc.data["c"]) == (1, 3), "the rest of the document is still read"


def test_thousands_of_levels_end_in_one_issue_not_a_recursion_error() -> None:
    doc = parse("a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n")
    assert len(doc.issues) == 1 and "dieper genest" in doc.issues[0].message


def test_a_character_yaml_does_not_allow_is_named_on_its_line() -> None:
    doc = parse("titel: Proefcasus\nsamenvatting: Een \ufffe zin.\n")
    assert [(issue.line, issue.message) for issue in doc.issues] == [
        (2, "het teken U+FFFE mag hier niet staan (een onzichtbaar stuurteken); typ de tekst opnieuw")
    ]
