"""The site's own words for "Bedoel je …?": what the header search suggests when a query finds (almost) nothing.

While the search documents are written, every word of every searched page
is counted as written. The file made from those counts lists the words of
at least `MIN_LENGTH` letters, most frequent first, each in the spelling
used most ('coöperatie', not 'cooperatie'). The browser fetches it only
after a query found fewer than a few results, or only words that merely
start alike; it folds the words as the search does (lower case, no
accents) and suggests the ones closest to the words of the query the site
does not have, by edit distance (docs/assets/zoeken.js).
"""

from __future__ import annotations

import json
from collections import Counter

from .word_forms import fold, words

SUGGESTIONS_FILE = "zoekwoorden.json"  # beside Pagefind's files in the search bundle
MIN_LENGTH = 4  # shorter words have too many neighbours one typo away
MAX_WORDS = 20_000  # the most frequent words: at thousands of cases the file stays a small download


class SuggestionWords:
    """Counts the words of the searched pages; `document` is the file the header search fetches when it needs it."""

    def __init__(self) -> None:
        self._written: Counter[str] = Counter()

    def add(self, text: str) -> None:
        self._written.update(words(text))

    def document(self) -> str:
        """The words as a JSON list, most frequent first, each folded form once in its most used spelling."""
        totals: Counter[str] = Counter()
        spelling: dict[str, tuple[int, str]] = {}
        for word, count in self._written.items():
            folded = fold(word)
            if len(folded) < MIN_LENGTH:
                continue
            totals[folded] += count
            spelling[folded] = max(spelling.get(folded, (0, "")), (count, word))
        ranked = sorted(totals, key=lambda folded: (-totals[folded], folded))[:MAX_WORDS]
        return json.dumps([spelling[folded][1] for folded in ranked], ensure_ascii=False, separators=(",", ":"))
