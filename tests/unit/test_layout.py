"""Block kinds: what decides that a block is a menu, a heading, a caption or body text.

All text below is made up.
"""

from __future__ import annotations

import re
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text import layout as layout_module
from factcheck.text.layout import _TERMINAL, _WORD, _mostly_short, classify_block, layout


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


_BLOCKS = ["   ", "Smith (2020) said.", "Advertisement", "Harbour Dues in the Northern Ports", "© 2024 The Courier",
           "Above, the quay at dawn. Photograph: Ana Lee/Reuters", "Home\nNews\nSport", "2. Methods",
           "The board met twice.\nIt said nothing.", "x" * 150 + ".", "word " * 60, " \u00a0Indented line.", "#"]


def _plain_split(text: str) -> list[tuple[int, int]]:
    """``split_blocks`` as first written: each block sliced and stripped to find its bounds."""
    spans, pos = [], 0
    for m in re.finditer(r"\n[ \t\u00a0]*\n", text):
        spans.append((pos, m.start()))
        pos = m.end() - 1
    spans.append((pos, len(text)))
    trimmed = []
    for start, end in spans:
        chunk = text[start:end]
        lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            trimmed.append((start + lead, end - trail))
    return trimmed


def _plain_layout(text: str) -> list[tuple[int, int, str]]:
    """``layout`` with every block classified (none remembered) and split as first written."""
    with patch.object(layout_module, "_REMEMBERED_BLOCK", -1), patch.object(layout_module, "split_blocks",
                                                                            _plain_split):
        return [(b.start, b.end, b.kind) for b in layout(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_BLOCKS), max_size=30), st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\n\u00a0\n"]))
def test_blocks_met_again_take_the_kind_found_the_first_time(blocks: list[str], gap: str) -> None:
    text = gap.join(blocks)
    assert [(b.start, b.end, b.kind) for b in layout(text)] == _plain_layout(text)


def test_a_repeated_line_is_body_each_time() -> None:
    text = "\n\n".join(["Smith (2020) said."] * 3 + ["Advertisement"] + ["Smith (2020) said."])
    assert [(text[b.start:b.end], b.kind) for b in layout(text)] == [
        ("Smith (2020) said.", "body")] * 3 + [("Advertisement", "heading"), ("Smith (2020) said.", "body")]
