"""Quotations looked up in a source's words: the normalisations, both ways, and the word diff."""

from __future__ import annotations

import pytest

from factcheck.verify.quote_pattern import parse_quote
from factcheck.verify.quote_search import SourceWords, search_quote
from factcheck.verify.words import words_of

SOURCE = ("The embankments held for nine hours before the first breach. The gauges were read twice a "
          "day \u2014 at dawn and at dusk \u2014 and telephoned to the district office.\n\n"
          "Its operators did what the manual asked of them; the manual asked too little. The "
          "council\u2019s own engineers had warned in 2014 that the inter-\nnational standard would "
          "soon be revised upward. Even so, the defences was raised in 2016 by less than half a metre.")


def status(quote: str, source: str = SOURCE) -> str:
    return search_quote(parse_quote(quote, 0, len(quote)), SourceWords(words_of(source))).status


def test_words_fold_typography_and_keep_their_spans():
    text = "The \u201cinter-\nnational\u201d don\u2019t \ufb01nal 1,900.5 long-term"
    words = words_of(text)
    assert [w.surface for w in words] == ["The", "international", "don't", "final", "1,900.5", "longterm"]
    assert [text[w.start:w.end] for w in words][1] == "inter-\nnational"


def test_the_pattern_of_a_quotation():
    quote = "[T]he station \u2026 was [sic] built [by the council] for rais[ed] floods [...] at dusk"
    pattern = parse_quote(quote, 0, len(quote))
    assert [(w.surface, w.loose, w.skip_before > 0) for w in pattern.words] == [
        ("[T]he", True, False), ("station", False, False), ("was", False, True), ("built", False, False),
        ("for", False, True), ("rais[ed]", True, False), ("floods", False, False), ("at", False, True),
        ("dusk", False, False)]
    assert (pattern.omissions, pattern.insertions) == (2, 1)


@pytest.mark.parametrize("quote", [
    "did what the manual asked of them; the manual asked too little",  # verbatim
    "The council's own engineers had warned in 2014",  # straight apostrophe for a curly one
    "the international standard would soon be revised upward",  # a word broken at a line end
    "were read twice a day -- at dawn and at dusk -- and telephoned",  # other dashes
    "were read  twice a day\n at dawn and at dusk",  # whitespace and punctuation
    "the embankments held for nine hours",  # the case of the first letter
    "The embankments held \u2026 before the first breach",  # an ellipsis, one character
    "The embankments held ... before the first breach",  # three stops
    "The embankments held [...] before the first breach",  # in brackets
    "the first breach. [\u2026] Its operators did what the manual asked",  # across sentences
    "[The station's operators] did what the manual asked of them",  # an insertion for words replaced
    "[t]he manual asked too little",  # a letter changed in brackets
    "the defences was [sic] raised in 2016",  # an editor's remark
])
def test_allowed_changes_are_found(quote):
    assert status(quote) == "found"


@pytest.mark.parametrize("quote, source", [
    ("the water arrives in May", "worth little when thewater arrives in May"),  # a PDF lost a space
    ("a long term view of the basin", "it takes a long-term view of the basin"),
    ("a longterm view of the basin", "it takes a long term view of the basin"),
])
def test_words_split_or_joined_otherwise_are_the_same_words(quote, source):
    assert status(quote, source) == "found"




@pytest.mark.parametrize("quote", [
    "did what the manual asked of them; the manual asked too much",  # a changed word
    "The embankments held \u2026 before the second breach",  # a legitimate ellipsis, a changed word
    "[The station's operators] did what the manual asked of everyone",  # an insertion, a changed word
    "the Manual asked too little",  # case changed inside the quotation
    "the international standard would soon be revised downward",  # hyphenation fine, a word changed
    "were read twice a day -- at dawn and at noon -- and telephoned",  # dashes fine, a word changed
    "did what the manual asked; the manual asked too little",  # words dropped with no ellipsis
])
def test_a_changed_word_is_an_alteration(quote):
    assert status(quote) == "altered"


@pytest.mark.parametrize("quote", [
    "a machine built for a gentler river",
    "the council never expected the river to rise so fast",
    "nine hours",  # too short to be found by chance: still looked up, and it is there
])
def test_words_the_source_does_not_have(quote):
    expected = "found" if quote == "nine hours" else "missing"
    assert status(quote) == expected


def test_the_alignment_shows_which_words_changed():
    quote = "did what the manual asked of them; the manual asked far too much"
    match = search_quote(parse_quote(quote, 0, len(quote)), SourceWords(words_of(SOURCE)))
    source = words_of(SOURCE)
    quoted = parse_quote(quote, 0, len(quote)).words
    changes = [(kind, quoted[qi].surface if qi is not None else None, source[si].surface if si is not None else None)
               for kind, qi, si in match.ops if kind != "same"]
    assert match.status == "altered"
    assert changes == [("added", "far", None), ("changed", "much", "little")]


def test_a_long_source_is_searched_by_its_rare_words():
    filler = " ".join(f"word{i} of the river" for i in range(30_000))
    source = filler + " " + SOURCE + " " + filler
    assert status("did what the manual asked of them", source) == "found"
    assert status("did what the manual asked of us", source) == "altered"


def test_the_source_words_offered_for_an_alteration_join_a_word_broken_at_a_line_end():
    """CLM006's suggestion (the source's own words) showed "inter- national": the line break."""
    from factcheck.verify.quotations import _diff

    quote = "the international standard would soon be revised downward"
    pattern = parse_quote(quote, 0, len(quote))
    source = words_of(SOURCE)
    match = search_quote(pattern, SourceWords(source))
    assert match.status == "altered"
    diff, words = _diff(quote, pattern.words, SOURCE, source, match)
    assert words == "the inter-national standard would soon be revised upward"
    assert "[-upward-]{+downward+}" in diff
