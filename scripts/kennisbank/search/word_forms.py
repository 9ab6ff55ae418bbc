"""Dutch word forms that the search engine would otherwise miss.

Pagefind stems Dutch words and ignores diacritics, but it only matches the
start of a word: "coöperatie" does not find "energiecoöperatie". And the
Dutch stemmer leaves f/v and s/z pairs apart ("burgerinitiatief" versus
"burgerinitiatieven"), as well as a few irregular plurals ("lid", "leden").

This module derives the missing forms from the site's own vocabulary:

* `Vocabulary` counts every word of every indexed page in one pass;
* `CompoundSplitter` splits a long word into parts that also occur on their
  own, with the Dutch linking letters -s-, -e- and -en- in between;
* `word_forms` gives the other singular, plural or adjective form;
* `extra_terms` combines both for the words of one page, and treats digits
  as separators, which Pagefind does not: "Coöperatie2daagse" is one word
  there, so "coöperatie", "daagse" and "tweedaagse" are added.

Everything here is pure and linear: the vocabulary is built in one pass and
every distinct word is split once (memoized).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

# Words as Pagefind sees them (runs of letters and digits), and runs of letters only.
_TOKEN = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBER_PREFIX = re.compile(r"(\d+)([^\W\d_]{3,})")

NUMBER_WORDS = {
    "1": "een",
    "2": "twee",
    "3": "drie",
    "4": "vier",
    "5": "vijf",
    "6": "zes",
    "7": "zeven",
    "8": "acht",
    "9": "negen",
    "10": "tien",
    "11": "elf",
    "12": "twaalf",
    "100": "honderd",
}

# Letters that may join two parts of a compound: dorp-s-huis, zonn-e-dak, bedrijv-en-terrein.
LINKING = ("", "s", "e", "en")

# Short function words are never a part of a compound ("ver" + "zonnen", "voor" + "beeld" stays whole).
STOPWORDS = frozenset(
    """
    aan al alle als bij dan dat de den der des die dit door dus een en er haar hem het hier hoe hun ik
    in is je jij kan maar met mij na naar niet nog of om ons onze ook op over te ten ter tot uit van
    veel ver voor wat we wel wie wij zal ze zei zij zich zo zou
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# Plurals the Dutch stemmer cannot relate to their singular.
IRREGULAR = {
    "lid": "leden",
    "stad": "steden",
    "schip": "schepen",
    "kind": "kinderen",
    "lied": "liederen",
    "blad": "bladeren",
    "ei": "eieren",
    "gelid": "gelederen",
}
_IRREGULAR_BACK = {plural: singular for singular, plural in IRREGULAR.items()}

_VOWELS = frozenset("aeiouy")
# Long vowels and diphthongs after which f/s voice to v/z: brief/brieven, huis/huizen.
_LONG = ("ie", "ij", "ei", "ui", "oe", "eu", "ou", "au", "aa", "ee", "oo", "uu")
# Before a final s, "ie" is almost always a plural: organisaties, not organisatiezen.
_LONG_BEFORE_S = tuple(vowel for vowel in _LONG if vowel != "ie")

MIN_WORD = 7  # shorter words are not split
MAX_WORD = 60  # nor longer ones: no Dutch word is, and splitting costs grow with the cube of the length
MIN_HEAD = 3  # the last part: buurt-bus, omgevings-wet
MIN_MODIFIER = 4  # every other part: zorg-coöperatie, dorp-s-huis
MIN_HEAD_ONLY = 5  # the last part after a first part that never stands alone
MIN_PRODUCTIVE = 2  # ... which must end at least this many other compounds,
MIN_COMMON_HEAD = 7  # or be at least this long
MIN_COMMON_FREQUENCY = 2  # and occur on its own at least this often
# A split wins when the parts' geometric mean frequency, times this, reaches the word's own.
SPLIT_BIAS = 4.0

# Particles and adverbs that form lexicalised words rather than compounds:
# voor-deel, over-last, onder-zoek, samen-werken, achter-hoek.
NOT_A_MODIFIER = frozenset(
    """
    achter binnen daar door hier mede over samen tegen terug toe vast voor waar onder neer
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# Endings that look like words: stap-pen, stuk-ken, plek-ken, verbin-ding.
NOT_A_HEAD = frozenset(
    """
    ken pen ten den ben gen len men nen ren sen ding ging gingen heid lijk baar tje
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# A word starting with these is a verb form, not a compound with an unknown first part: ge-regeld, ver-geten.
VERB_PREFIXES = ("ge", "be", "ver", "ont", "her", "er", "aan", "af", "op", "uit", "toe", "mee", "weg")


def _fold_char(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0]


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lowercase without diacritics, one character for one: 'Coöperatie' → 'cooperatie'."""
    return "".join(_fold_char(char) for char in unicodedata.normalize("NFC", word).lower())


def words(text: str) -> list[str]:
    """The words of a text, lowercased, digits split off: 'Coöperatie2daagse' → ['coöperatie', 'daagse']."""
    return _LETTERS.findall(unicodedata.normalize("NFC", text).lower())


def tokens(text: str) -> list[str]:
    """Letter-and-digit runs, lowercased: 'Coöperatie2daagse' stays one token."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


class Vocabulary:
    """How often each word (folded) occurs on its own in the site's text."""

    def __init__(self, counts: Mapping[str, int] | None = None) -> None:
        self.counts: Counter[str] = Counter(counts or {})

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        """Count the words as written first and fold each distinct word once: a site has millions of words but few distinct ones."""
        written: Counter[str] = Counter()
        for text in texts:
            written.update(words(text))
        vocabulary = cls()
        for word, count in written.items():
            vocabulary.counts[fold(word)] += count
        return vocabulary

    def __contains__(self, folded: object) -> bool:
        return folded in self.counts

    def frequency(self, folded: str) -> int:
        return self.counts.get(folded, 0)


class CompoundSplitter:
    """Splits compounds into parts from the vocabulary; each word is split once (memoized).

    A split into known parts ("zorg" + "coöperatie") must be about as common
    as the word itself (the frequency test of Koehn and Knight, made lenient),
    so "bestuur" does not become "best" + "uur". A word whose first part never
    occurs on its own ("woon" + "coöperatie") is only split before a last part
    that already ends other compounds.
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._memo: dict[str, tuple[str, ...]] = {}
        self._terms: dict[str, frozenset[str]] = {}
        self._productive: Counter[str] | None = None

    def _is_part(self, folded: str, head: bool) -> bool:
        if head:
            return len(folded) >= MIN_HEAD and folded not in STOPWORDS and folded not in NOT_A_HEAD and folded in self.vocabulary
        return len(folded) >= MIN_MODIFIER and folded not in STOPWORDS and folded not in NOT_A_MODIFIER and folded in self.vocabulary

    def _segment(self, folded: str) -> list[tuple[int, int]] | None:
        """Best split of `folded` into (start, end) spans of known parts, or None.

        Dynamic programming from the end: fewest parts first, then the most
        frequent parts. Linking letters between parts are skipped.
        """
        n = len(folded)
        freq = self.vocabulary.frequency
        # best[i]: (number of parts, -sum of log frequencies, spans) for folded[i:]
        best: list[tuple[int, float, list[tuple[int, int]]] | None] = [None] * (n + 1)
        best[n] = (0, 0.0, [])
        for start in range(n - 1, -1, -1):
            candidates: list[tuple[int, float, list[tuple[int, int]]]] = []
            for end in range(start + MIN_HEAD, n + 1):
                part = folded[start:end]
                if end == n:
                    if start > 0 and self._is_part(part, head=True):
                        candidates.append((1, -math.log(freq(part)), [(start, end)]))
                    continue
                if not self._is_part(part, head=False):
                    continue
                for link in LINKING:
                    after = end + len(link)
                    rest = best[after] if after < n and folded.startswith(link, end) else None
                    if rest is not None:
                        candidates.append((rest[0] + 1, rest[1] - math.log(freq(part)), [(start, end), *rest[2]]))
            best[start] = min(candidates, key=lambda c: (c[0], c[1])) if candidates else None
        found = best[0]
        if found is None or found[0] < 2:
            return None
        mean = math.exp(-found[1] / found[0])  # geometric mean of the parts' frequencies
        return found[2] if mean * SPLIT_BIAS >= freq(folded) else None

    def _full_split(self, folded: str) -> list[tuple[int, int]] | None:
        if not MIN_WORD <= len(folded) <= MAX_WORD or not folded.isalpha():
            return None
        return self._segment(folded)

    def productive_heads(self) -> Counter[str]:
        """How many words of the vocabulary end in each last part of a full split."""
        if self._productive is None:
            self._productive = Counter()
            for folded in self.vocabulary.counts:
                spans = self._full_split(folded)
                if spans:
                    start, end = spans[-1]
                    self._productive[folded[start:end]] += 1
        return self._productive

    def _head_only(self, folded: str) -> list[tuple[int, int]] | None:
        """An unknown first part before a known last part: 'woon' + 'coöperatie', 'burger' + 'initiatief'.

        The last part must be a long, common word or end other compounds too,
        and the first part must not look like a verb prefix or a participle
        ('aange' + 'sloten', 'ver' + 'geten'): those are no compounds.
        """
        if folded.startswith(VERB_PREFIXES):
            return None
        productive = self.productive_heads()
        n = len(folded)
        for start in range(MIN_MODIFIER, n - MIN_HEAD_ONLY + 1):
            modifier, head = folded[:start], folded[start:]
            if modifier in self.vocabulary or modifier in NOT_A_MODIFIER or modifier.endswith(("ge", "be")):
                continue  # a known first part was already weighed by the frequency test
            common = len(head) >= MIN_COMMON_HEAD and self.vocabulary.frequency(head) >= MIN_COMMON_FREQUENCY
            if common or productive.get(head, 0) >= MIN_PRODUCTIVE:
                return [(0, start), (start, n)]
        return None

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a compound in its own spelling, or () if it is no compound we know."""
        word = unicodedata.normalize("NFC", word).lower()
        cached = self._memo.get(word)
        if cached is not None:
            return cached
        parts: tuple[str, ...] = ()
        folded = fold(word)
        if MIN_WORD <= len(folded) <= MAX_WORD and folded.isalpha():
            spans = self._full_split(folded) or self._head_only(folded)
            if spans:
                parts = tuple(word[start:end] for start, end in spans)
        self._memo[word] = parts
        return parts

    def terms(self, word: str) -> frozenset[str]:
        """`terms_for_word`, computed once per word."""
        found = self._terms.get(word)
        if found is None:
            found = self._terms[word] = frozenset(terms_for_word(word, self))
        return found


def word_forms(word: str) -> set[str]:
    """Other singular, plural or adjective forms that the Dutch stemmer keeps apart.

    burgerinitiatief ↔ burgerinitiatieven/-ieve, huis ↔ huizen, lid ↔ leden.
    Regular plurals (coöperaties, gebieden) stem alike and need nothing.
    """
    word = word.lower()
    forms: set[str] = set()
    if word in IRREGULAR:
        forms.add(IRREGULAR[word])
    if word in _IRREGULAR_BACK:
        forms.add(_IRREGULAR_BACK[word])
    for voiced, voiceless, long_vowels in (("v", "f", _LONG), ("z", "s", _LONG_BEFORE_S)):
        for ending in (voiced + "en", voiced + "e"):
            stem = word[: -len(ending)]
            if not word.endswith(ending) or len(stem) < 3:
                continue
            if fold(stem[-2:]) in long_vowels:  # brieven → brief, huizen → huis
                forms.add(stem + voiceless)
            elif fold(stem[-1]) in _VOWELS and fold(stem[-2]) not in _VOWELS:  # graven → graaf, kazen → kaas
                forms.add(stem + stem[-1] + voiceless)
            elif voiced == "v" and fold(stem[-1]) in "lr":  # golven → golf, halve → half
                forms.add(stem + voiceless)
        stem = word[:-1]
        if not word.endswith(voiceless) or len(stem) < 3:
            continue
        if fold(stem[-2:]) in long_vowels:
            # graaf → graven, brief → brieven: a doubled vowel is written single in an open syllable.
            short = stem[:-1] if stem[-1] == stem[-2] and fold(stem[-1]) in "aeou" else stem
            forms.update({short + voiced + "en", short + voiced + "e"})
        elif voiced == "v" and fold(stem[-1]) in "lr":  # golf → golven, half → halve
            forms.update({stem + "ven", stem + "ve"})
    forms.discard(word)
    return forms


def number_words(token: str) -> set[str]:
    """'2daagse' → {'tweedaagse'}: a digit prefix written as a Dutch number word."""
    found: set[str] = set()
    for match in _NUMBER_PREFIX.finditer(token):
        number = NUMBER_WORDS.get(match.group(1))
        if number:
            found.add(number + match.group(2))
    return found


def terms_for_word(word: str, splitter: CompoundSplitter) -> set[str]:
    """Parts, tails and other forms of one word: 'zorgcoöperaties' → {'zorg', 'coöperaties', ...}."""
    terms = set(word_forms(word))
    parts = splitter.split(word)
    if parts:
        head = parts[-1]
        modifier = word[: len(word) - len(head)]
        offset = 0
        for index, part in enumerate(parts):
            offset = word.index(part, offset)
            if index > 0 or fold(part) in splitter.vocabulary:  # an unknown first part is no word to find
                terms.add(part)
            if 0 < index < len(parts) - 1:
                terms.add(word[offset:])  # the tail: burgerenergiecoöperatie → energiecoöperatie
            offset += len(part)
        for form in word_forms(head):
            terms.add(form)
            terms.add(modifier + form)  # bestuurslid → bestuursleden
    terms.discard(word)
    return terms


def extra_terms(text: str, splitter: CompoundSplitter) -> list[str]:
    """Terms to add to a page so it is found by parts and other forms of its words.

    Pagefind indexes "Coöperatie2daagse" as one word, so the letter runs around
    digits are added as words of their own, with the number written out.
    Terms that already occur on the page are left out; the order is stable.
    """
    present = set(tokens(text))
    extra: set[str] = set()
    page_words: set[str] = set()  # the words of the text, taken from its distinct tokens
    for token in present:
        if token.isalpha():
            page_words.add(token)
        else:
            runs = _LETTERS.findall(token)
            page_words.update(runs)
            extra |= number_words(token)
            extra |= {run for run in runs if len(run) >= 2}
    for word in page_words:
        if len(word) >= 3:
            extra |= splitter.terms(word)
    return sorted(term for term in extra - present if len(term) >= 2)
