"""Block kinds: what decides that a block is a menu, a heading, a caption or body text.

All text below is made up.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.layout import _TERMINAL, _WORD, _mostly_short, classify_block


def test_a_block_of_many_short_lines_is_boilerplate_and_a_paragraph_is_body() -> None:
    assert classify_block("Home\nNews\nSport\nWeather\nContact") == "boilerplate"
    assert classify_block("a\n" * 20_000) == "boilerplate"
    assert classify_block("The port raised its dues twice in 2022.\nShippers complained to the board.") == "body"
    assert classify_block("Harbour Dues in the Northern Ports") == "heading"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "Home", "one two three four", "one two three four five",
                                 "ab cd ef gh ij", "It rose.", "Did it?", "a b c d e", "x-y z’s"]),
                min_size=2, max_size=30))
def test_short_lines_counted_until_certain_give_the_whole_count(lines: list[str]) -> None:
    # ``_mostly_short`` stops counting as soon as the answer is known, and skips the word count of
    # a line under nine characters; the answer is the whole count's.
    short = sum(1 for line in lines if not line.endswith(_TERMINAL[:3]) and len(_WORD.findall(line)) <= 4)
    assert _mostly_short(lines) == (short * 5 >= len(lines) * 3)
