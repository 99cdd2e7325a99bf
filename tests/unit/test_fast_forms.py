"""The fast forms of some tests of the hot path find what their plain forms find.

A regular expression that opens with an assertion (a lookbehind, ``\\b``) is tried by Python's
engine at every position of the text; one that opens with a character class only where the class
matches. Some patterns were rewritten so (the assertion moved after the first character), and some
scans got a cheaper test first. Each is checked here against its plain form, the specification,
on texts written to hit their edges (the text's start, a search that starts inside the text, the
characters just before and after) and on the test fixtures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.claims.extract import _CAPITALISED
from factcheck.text.dates import _FOUR_DIGITS
from factcheck.text.language import detect_language
from factcheck.text.layout import _CREDIT_ENDING, _MARKER_END, _ends_with_credit, _without_end_marker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

PLAIN_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*")
PLAIN_FOUR_DIGITS = re.compile(r"(?<!\d)(?:1[5-9]|2[01])\d\d(?!\d)")

EDGES = [
    "Kabul said", "x-Ray and O'Neill met McKay", "’Tis the Taliban’s", "a_B and 9Z and -Q", "",
    "1999 and 21999, 2020s, 1500-1600, 1499 or 2200; x2010 and 2010x", "In 2024 the Dam",
    "19\n2001", "2001", "in 1987.", "Photo: Ana Lee/Reuters", "The dam, seen here. Photograph: Ana Lee",
    "Credit Ana Lee/Agence France-Presse — Getty Images", "photo: ana lee", "It ended.\nVideo by Kim Ode",
    "ruled.²³", "ruled.[4]", "ruled ^(3,4)", "a list,", "a sentence.", "[1]", "²", ",",
]


def _texts() -> list[str]:
    fixtures = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*"))
                if p.is_file() and p.suffix in (".txt", ".md")]
    return EDGES + fixtures


@pytest.mark.parametrize("fast, plain", [(_CAPITALISED, PLAIN_CAPITALISED), (_FOUR_DIGITS, PLAIN_FOUR_DIGITS)],
                         ids=["capitalised", "four-digits"])
def test_rewritten_patterns_match_their_plain_forms(fast, plain) -> None:
    for text in _texts():
        for start in sorted({0, 1, 2, 5, len(text) // 2, max(0, len(text) - 3)}):
            for end in (len(text), min(len(text), start + 40)):
                assert [m.span() for m in fast.finditer(text, start, end)] == \
                    [m.span() for m in plain.finditer(text, start, end)], (text[:60], start, end)


def test_rewritten_patterns_find_what_they_should() -> None:
    assert _CAPITALISED.findall("x-Ray and O'Neill met McKay in Kabul") == ["O'Neill", "McKay", "Kabul"]
    assert _CAPITALISED.findall("Kabul", 0) == ["Kabul"]
    assert _CAPITALISED.findall("aKabul Herat", 1) == ["Herat"]  # the "a" before is read, though before the start
    assert _FOUR_DIGITS.findall("1999 and 21999, x2010, 1500-1600, 2200") == ["1999", "2010", "1500", "1600"]
    assert _FOUR_DIGITS.findall("12001", 1) == []  # the digit before the start is read


def test_credit_and_marker_shortcuts_agree_with_the_patterns() -> None:
    # Every credit word and every character a marker may end with, then the fixtures' lines.
    credits = [f"{lead}{word}{by}: Ana Lee" for word in ("Photograph", "Photo", "Photos", "Picture", "Image",
                                                         "Credit", "Illustration", "Video")
               for lead in ("", "The dam. ", "x") for by in ("", " by")]
    markers = [f"ruled.{end}" for end in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒,"] + ["ruled ^(3,4)", "ruled [4–6]", "ruled (4)", "ruled."]
    lines = credits + markers + [line for text in _texts() for line in text.split("\n")[:400]]
    for line in lines:
        assert _ends_with_credit(line) == bool(_CREDIT_ENDING.search(line)), line
        stripped = line.rstrip()
        assert _without_end_marker(stripped) == _MARKER_END.sub("", stripped), line
    assert sum(map(_ends_with_credit, credits)) == 32  # of 48: the 16 glued to an "x" are no credit
    assert _ends_with_credit("The dam, seen here. Photograph: Ana Lee")
    assert not _ends_with_credit("The photographs were taken by Ana Lee")
    assert _without_end_marker("ruled.²³") == "ruled." and _without_end_marker("ruled.[4]") == "ruled."


def test_language_of_an_ascii_text_is_read_as_of_any_other() -> None:
    english = "The dam was built in 1987 and the river has been lower since then, as the board said. " * 3
    german = "Der Damm wurde gebaut und der Fluss ist seitdem niedriger, wie der Rat sagte, und das ist so. " * 3
    assert detect_language(english).code == "en"
    assert detect_language(german).code == "de"
    # An em dash (no letter) makes the text non-ASCII: the words are lower-cased one by one
    # instead of the text whole, and the guess is the same, share and count included.
    for text in (english, german, "Mixed the und der of and les el " * 4):
        assert detect_language(text) == detect_language(text + " —")


def test_language_weights_are_added_word_by_word() -> None:
    """The weights are sums of 1/3, 1/5…: added once per occurrence in text order, as they always
    were (added per distinct word, times its count, these came out otherwise: a lead of exactly
    1.5 and a three-way tie that the last bit decides)."""
    guess = detect_language("sig der sig del kan numa der sig numa sig adalah del der sig del kan kan der sig")
    assert (guess.code, guess.share, guess.words) == (None, 0.684, 19)
    guess = detect_language("man man man her ale ale una una her man ale una ale man man her her")
    assert guess.share == 0.235
