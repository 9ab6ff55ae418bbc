"""The Dutch word forms added to the search index: compound splitting, plurals, number words."""

from __future__ import annotations

import pytest
from kennisbank.search.word_forms import CompoundSplitter, Vocabulary, extra_terms, fold, number_words, tokens, word_forms, words

TEXT = """
De coöperatie is van de leden. Een energiecoöperatie wekt stroom op, een zorgcoöperatie regelt zorg.
Bewoners zoeken energie en zorg dicht bij huis. De wooncoöperatie bouwt woningen; de dorpscoöperatie
beheert het dorpshuis van het dorp. Het bestuur van de coöperatie vergadert. Een burgerinitiatief start.
Het huis, de wet, de omgeving, de omgevingswet. Om het uur een bus: de buurtbus rijdt door de buurt.
Stappen zetten, een stap verder. Het bestuurslid en het lid. De Coöperatie2daagse duurt twee dagen.
Een goed voorbeeld. Een beeld. Het voordeel voor iedereen. Zijn deel.
"""


@pytest.fixture
def splitter() -> CompoundSplitter:
    return CompoundSplitter(Vocabulary.from_texts([TEXT]))


def test_fold_removes_diacritics_and_case_one_character_for_one() -> None:
    assert fold("Coöperatie") == "cooperatie"
    assert fold("één") == "een"
    assert fold("geïnspireerd") == "geinspireerd"
    assert fold("Fryslân") == "fryslan"
    assert len(fold("ideeën")) == len("ideeën")


def test_words_split_digits_and_tokens_keep_them() -> None:
    assert words("De Coöperatie2daagse, één dag!") == ["de", "coöperatie", "daagse", "één", "dag"]
    assert tokens("De Coöperatie2daagse") == ["de", "coöperatie2daagse"]


def test_vocabulary_counts_folded_words() -> None:
    vocabulary = Vocabulary.from_texts(["Coöperatie en cooperatie", "coöperatie"])
    assert vocabulary.frequency("cooperatie") == 3
    assert "cooperatie" in vocabulary
    assert "coöperatie" not in vocabulary


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("energiecoöperatie", ("energie", "coöperatie")),
        ("zorgcoöperatie", ("zorg", "coöperatie")),
        ("dorpscoöperatie", ("dorp", "coöperatie")),  # linking -s-
        ("dorpshuis", ("dorp", "huis")),
        ("omgevingswet", ("omgeving", "wet")),  # a short last part
        ("buurtbus", ("buurt", "bus")),
        ("bestuurslid", ("bestuur", "lid")),
        ("wooncoöperatie", ("woon", "coöperatie")),  # "woon" never stands alone, "coöperatie" ends other compounds
        ("Energiecooperatie", ("energie", "cooperatie")),  # diacritics and case do not matter
    ],
)
def test_compounds_split_into_parts_from_the_vocabulary(splitter: CompoundSplitter, word: str, parts: tuple[str, ...]) -> None:
    assert splitter.split(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "coöperatie",  # a word of its own
        "bestuur",  # not "best" + "uur": the parts are rarer than the word
        "stappen",  # not "stap" + "pen": a plural ending
        "voorbeeld",  # not "voor" + "beeld": a particle makes a new word
        "voordeel",
        "bewoners",  # no known last part
        "gebeuren",  # a verb prefix, not an unknown first part
        "energie",  # too short to split
    ],
)
def test_words_that_are_no_compounds_stay_whole(splitter: CompoundSplitter, word: str) -> None:
    assert splitter.split(word) == ()


def test_a_word_longer_than_any_dutch_word_is_never_split(splitter: CompoundSplitter, monkeypatch: pytest.MonkeyPatch) -> None:
    """Splitting costs grow with the cube of a word's length: 8,000 letters in a story took 40 s of build time."""
    assert splitter.split("energiecoöperatie") == ("energie", "coöperatie")

    def too_costly(folded: str) -> None:
        raise AssertionError(f"a word of {len(folded)} letters was split")

    monkeypatch.setattr(splitter, "_segment", too_costly)
    assert splitter.split("a" * 8000) == ()
    assert splitter.split("energie" * 9 + "coöperatie") == ()


def test_splitting_is_memoized(splitter: CompoundSplitter) -> None:
    first = splitter.split("energiecoöperatie")
    assert splitter.split("energiecoöperatie") is first
    assert splitter.terms("zorgcoöperatie") is splitter.terms("zorgcoöperatie")


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("burgerinitiatieven", {"burgerinitiatief"}),
        ("burgerinitiatief", {"burgerinitiatieven", "burgerinitiatieve"}),
        ("coöperatieve", {"coöperatief"}),
        ("huizen", {"huis"}),
        ("huis", {"huizen", "huize"}),
        ("graaf", {"graven", "grave"}),
        ("graven", {"graaf"}),
        ("half", {"halven", "halve"}),
        ("keuze", {"keus"}),
        ("lid", {"leden"}),
        ("leden", {"lid"}),
        ("steden", {"stad"}),
    ],
)
def test_word_forms_the_stemmer_misses(word: str, forms: set[str]) -> None:
    assert word_forms(word) == forms


@pytest.mark.parametrize("word", ["coöperaties", "organisaties", "bewoners", "regels", "gebieden", "stof", "bus"])
def test_regular_plurals_need_no_extra_forms(word: str) -> None:
    # The Dutch stemmer already relates these (or there is nothing to relate): adding forms would only add noise.
    assert word_forms(word) == set()


def test_number_words_for_digit_prefixes() -> None:
    assert number_words("coöperatie2daagse") == {"tweedaagse"}
    assert number_words("3daagse") == {"driedaagse"}
    assert number_words("2024") == set()
    assert number_words("99luftballons") == set()


def test_extra_terms_for_a_page(splitter: CompoundSplitter) -> None:
    terms = extra_terms("Onze energiecoöperatie heeft een bestuurslid. Burgerinitiatieven.", splitter)
    assert "coöperatie" in terms  # the last part of energiecoöperatie
    assert "bestuursleden" in terms and "leden" in terms  # the plural of the last part, alone and in the compound
    assert "burgerinitiatief" in terms
    assert "energiecoöperatie" not in terms  # already on the page
    assert terms == sorted(terms)
    # Pagefind keeps "Coöperatie2daagse" whole: its parts and the number written out are added.
    assert {"coöperatie", "daagse", "tweedaagse"} <= set(extra_terms("De Coöperatie2daagse.", splitter))


def test_extra_terms_leave_out_words_already_on_the_page(splitter: CompoundSplitter) -> None:
    assert "coöperatie" not in extra_terms("De coöperatie en de zorgcoöperatie.", splitter)
    assert "zorg" in extra_terms("De zorgcoöperatie.", splitter)
