"""Spelling advice: words in stories, summaries, lessons and modules that the Dutch dictionary does not know.

The dictionary is OpenTaal's, through the `hunspell` program (Debian's
`hunspell` and `hunspell-nl`). Names and terms of this project are not in it,
so the project word list adds them: place names, case names, glossary terms,
the labels of the vocabularies (regions among them), and the words in
`data/woordenlijst.txt`. All distinct words go to one hunspell process; only
the few it rejects are looked up again for a suggestion, which is the slow part.
Without hunspell the check says so in one line and finds nothing.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Iterator

from ..content.loader import Content
from ..content.problems import Problem
from . import Advice
from .prose import Prose, prose

WORD_LIST_FILE = "data/woordenlijst.txt"
DICTIONARY = "nl_NL"
# A suggestion costs hunspell about 0.15 s a word; past this many words a warning comes without one.
MAX_SUGGESTED = 10
TIMEOUT_SECONDS = 60
MISSING = "Spellingcontrole overgeslagen: {reason}. Installeer hunspell en het Nederlandse woordenboek (Debian: apt-get install hunspell hunspell-nl)."

# Letters only: a word that touches a digit or an underscore ('2daagse', 'snake_case') is a code or a name.
_WORD = re.compile(r"\b[^\W\d_]+(?:['’-][^\W\d_]+)*\b")


class HunspellMissing(Exception):
    """Hunspell or its Dutch dictionary cannot be used; the message says why, in Dutch."""


def words(text: str) -> set[str]:
    """The distinct words of `text` worth checking: letters only, more than one."""
    return {word for word in _WORD.findall(text) if len(word) > 1}


def project_words(content: Content) -> set[str]:
    """The project word list, casefolded: names and terms of this project that no dictionary has."""
    names = [case.title for case in content.cases] + [case.place for case in content.cases]
    names += [term.term for term in content.glossary]
    names += [term.label for vocabulary in content.taxonomy.vocabularies().values() for term in vocabulary.values()]
    listed = content.root / WORD_LIST_FILE
    if listed.exists():
        names += [line for line in listed.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    return {word.casefold() for word in words("\n".join(names))}


def _hunspell(mode: str, lines: Iterable[str]) -> str:
    """Hunspell's answer to `lines`, one per line ('-L': the lines it rejects; '-a': its verdict on each word)."""
    try:
        result = subprocess.run(
            ["hunspell", "-d", DICTIONARY, "-i", "UTF-8", mode],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError as error:
        raise HunspellMissing("het programma hunspell is niet gevonden") from error
    except subprocess.TimeoutExpired as error:
        raise HunspellMissing(f"hunspell gaf binnen {TIMEOUT_SECONDS} s geen antwoord") from error
    if result.returncode != 0:
        raise HunspellMissing(f"het Nederlandse woordenboek ({DICTIONARY}) is niet gevonden")
    return result.stdout


def rejected(candidates: set[str], known: set[str]) -> set[str]:
    """The words hunspell does not know; a word with hyphens passes when each of its parts is known."""
    parts = {part for word in candidates if "-" in word for part in word.split("-") if len(part) > 1 and part.casefold() not in known}
    unknown = set(_hunspell("-L", sorted(candidates | parts)).splitlines())
    return {word for word in candidates & unknown if "-" not in word or any(part in unknown for part in word.split("-"))}


def suggestions(misspelled: list[str]) -> dict[str, str]:
    """Hunspell's first suggestion for each word that has one."""
    # '^' makes hunspell read each line as text, whatever character it starts with.
    answer = _hunspell("-a", (f"^{word}" for word in misspelled))
    # The first line names the program; then each line sent gets its verdicts and an empty line.
    blocks = answer.partition("\n")[2].split("\n\n")
    found: dict[str, str] = {}
    for word, block in zip(misspelled, blocks, strict=False):
        for line in block.strip().splitlines():
            if line.startswith("& ") and ": " in line:
                found[word] = line.split(": ", 1)[1].split(", ")[0]
                break
    return found


def _lines_with(text: Prose, wrong: set[str]) -> Iterator[tuple[int, str]]:
    """File line and word of each wrong word in `text`, once per line."""
    for offset, line in enumerate(text.text.split("\n")):
        for word in sorted(words(line) & wrong):
            yield text.line + offset, word


def check(content: Content) -> Advice:
    """A warning for each word in prose that neither the dictionary nor the project word list knows."""
    known = project_words(content)
    texts = list(prose(content))
    # Split at spaces first: far quicker than a word pattern over all text, and each distinct piece is read once.
    pieces = [set(text.text.split()) for text in texts]
    words_of = {piece: words(piece) for piece in set().union(*pieces)}
    candidates = {word for found in words_of.values() for word in found if word.casefold() not in known}
    if not candidates:
        return Advice()
    try:
        wrong = rejected(candidates, known)
        wrong_pieces = {piece for piece, found in words_of.items() if found & wrong}
        places = [(text.path, *place) for text, seen in zip(texts, pieces, strict=True) if seen & wrong_pieces for place in _lines_with(text, wrong)]
        first_seen = list(dict.fromkeys(word for _, _, word in places))
        hints = suggestions(first_seen[:MAX_SUGGESTED]) if first_seen else {}
    except HunspellMissing as missing:
        return Advice(notes=[MISSING.format(reason=missing)])
    warnings = []
    for path, line, word in places:
        hint = f" (bedoel je '{hints[word]}'?)" if word in hints else ""
        warnings.append(Problem(path, line, None, f"mogelijke spelfout '{word}'{hint}"))
    return Advice(warnings=warnings)
