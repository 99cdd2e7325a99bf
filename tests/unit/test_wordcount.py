"""The fast word counter gives what the word regex gives, on any text and any windows of it."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.lexicon import build_index
from factcheck.text.wordcount import (WORD_RUN, _not_prose_chunks, count_words, prose_runs, reading_end,
                                        word_list)

# Pieces that exercise every branch: ASCII and other letters, digits (ASCII and not), the
# underscore, marks of text that is not prose, common and rare non-ASCII separators, a
# superscript (a "letter" to the regex: alphanumeric but no decimal digit), a dotted capital I
# (folds to two characters), a combining mark, separators of lines, a lone surrogate.
PIECES = ["Orlinsk", "dam", "a", "Z", "é", "ß", "İ", "ć", "\u0307", "²", "٣", "2020", "7", "_", "@", "://",
          "www.", "\\", " ", "\n", "-", ".", "’", "“", "\u00a0", "\u2028", "\x85", "\x1c", "—", "¹", "x2",
          "Kabul’s", "\udcff"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@st.composite
def text_and_windows(draw):
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    windows = list(zip(cuts[::2], cuts[1::2]))  # sorted, disjoint, some empty, some mid-word
    return text, windows


@settings(max_examples=400, deadline=None)
@given(text_and_windows())
def test_count_words_is_findall_over_the_windows(case) -> None:
    text, windows = case
    expected = Counter()
    for start, end in windows:
        expected.update(WORD_RUN.findall(text, start, end))
    counted = count_words(text, windows)
    assert dict(counted) == dict(expected)
    assert list(counted) == list(expected)  # in order of first occurrence: ties of case keep it


@settings(max_examples=400, deadline=None)
@given(text_and_windows())
def test_word_list_is_findall_over_the_windows(case) -> None:
    text, windows = case
    assert word_list(text, windows) == [w for start, end in windows for w in WORD_RUN.findall(text, start, end)]


@settings(max_examples=400, deadline=None)
@given(text_and_windows(), st.integers(0, 40))
def test_reading_end_keeps_the_words_starting_before_the_bound(case, cut) -> None:
    text, windows = case
    for lo, end in windows:
        hi = min(lo + cut, end)
        expected = {m.group() for m in WORD_RUN.finditer(text, lo, end) if m.start() < hi}
        assert set(count_words(text, [(lo, reading_end(text, lo, hi, end))])) == expected


@settings(max_examples=400, deadline=None)
@given(text_and_windows())
def test_prose_runs_cut_out_exactly_the_chunks_that_are_not_prose(case) -> None:
    text, spans = case
    expected = []
    for start, end in spans:  # every span cut up, without the look for marks first
        pos = start
        for lo, hi in _not_prose_chunks(text, start, end):
            if lo > pos:
                expected.append((pos, lo))
            pos = max(pos, hi)
        if pos < end:
            expected.append((pos, end))
    assert prose_runs(text, spans) == expected


@settings(max_examples=300, deadline=None)
@given(text_and_windows(), st.data())
def test_occurrences_are_the_tokens_of_the_words(case, data) -> None:
    text, spans = case
    index = build_index(text, spans)
    words = sorted(index.count)
    chosen = set(data.draw(st.lists(st.sampled_from(words), max_size=3))) if words else set()
    expected = [(t.start, t.end, t.text) for t in index.tokens if t.folded in chosen]
    assert list(build_index(text, spans).occurrences(chosen)) == expected


@settings(max_examples=300, deadline=None)
@given(text_and_windows(), st.data())
def test_places_are_the_token_indexes_of_the_word(case, data) -> None:
    text, spans = case
    index = build_index(text, spans)  # places found without listing the tokens
    tokens = build_index(text, spans).tokens
    for word in data.draw(st.lists(st.sampled_from(sorted(index.count)), max_size=3)) if index.count else []:
        assert index.places(word) == [i for i, t in enumerate(tokens) if t.folded == word]
