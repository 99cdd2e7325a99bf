"""Sentence splitting: expected boundaries written inline, plus properties for any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.layout import layout
from factcheck.text.model import Block
from factcheck.text.sentences import list_items, sentence_spans, split_sentences


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "expected",
    [
        # Abbreviations and titles mid-sentence.
        ["The port deal was signed in the U.S. Treasury annex on Monday.", "Work began at once."],
        ["Dr. Ilsa Varn and Mr. Tomas Reed inspected the cranes.", "They approved them."],
        ["Bulk goods (e.g. grain, i.e. mostly wheat) and ore, coal, etc. pass through Andrin.",
         "Containers do not."],
        ["The U.K. and the U.S. sent observers.", "Neither objected."],
        ["Trade grew after the new quay opened in the U.S.", "The harbour board was pleased."],
        # Report numbers, locators and volumes.
        ["See Harbour Report N°320, p. 12 and pp. 3-4 of the annex.", "It lists the berths."],
        ["The survey appeared in the Coastal Review, vol. 16, no. 5 (2023).",
         "It was widely read."],
        ["Varn et al. (2021) measured the silt.", "Reed et al. disagreed."],
        # Initials in names.
        ["The study by Aaron Y. Zelin and M. S. Malik was cited.", "Nobody replied."],
        # Decimals, broken decimals and ellipses.
        ["Tonnage rose 3.8 percent, not 3..8 percent.", "The error was fixed."],
        ["The berths ... were never finished.", "Funds ran out."],
        ["Then the money stopped... The project stalled."],
    ],
)
def test_boundaries(expected: list[str]) -> None:
    text = " ".join(expected)
    if len(expected) == 1:  # an ellipsis followed by an opener: two sentences written as one
        assert pieces(text) == ["Then the money stopped...", "The project stalled."]
    else:
        assert pieces(text) == expected


def test_closing_quotes_and_markers_stay_with_their_sentence() -> None:
    text = ('The minister said the quay was “finished.” Dredging continued. '
            'She called it "a fine day for Andrin." Crews cheered. '
            'The board disagreed.[3] Its chair resigned.[4][5] '
            'Nobody knew why.¹ Work went on.')
    assert pieces(text) == [
        "The minister said the quay was “finished.”",
        "Dredging continued.",
        'She called it "a fine day for Andrin."',
        "Crews cheered.",
        "The board disagreed.[3]",
        "Its chair resigned.[4][5]",
        "Nobody knew why.¹",
        "Work went on.",
    ]


def test_quote_then_stop_then_marker() -> None:
    text = "As one pilot put it, “the channel is too narrow”.[4] Since March the tugs wait."
    assert pieces(text) == ["As one pilot put it, “the channel is too narrow”.[4]",
                            "Since March the tugs wait."]


def test_citation_after_the_stop_belongs_to_the_sentence() -> None:
    text = "Silt doubled in a decade. (Varn, 2020) The dredgers were too small (Reed, 2019) . Costs rose."
    assert pieces(text) == ["Silt doubled in a decade. (Varn, 2020)",
                            "The dredgers were too small (Reed, 2019) .",
                            "Costs rose."]


def test_parenthesised_sentence_is_its_own_sentence() -> None:
    text = "The quay opened. (It had been delayed twice.) Ships arrived."
    assert pieces(text) == ["The quay opened.", "(It had been delayed twice.)", "Ships arrived."]


def test_questions_and_exclamations() -> None:
    text = "Why expand the port? Because trade doubled! “Is it enough?” she asked. It is."
    assert pieces(text) == ["Why expand the port?", "Because trade doubled!",
                            "“Is it enough?” she asked.", "It is."]


def test_page_break_inside_a_paragraph_is_whitespace() -> None:
    text = "The second phase of the Andrin port expansion was delayed by the\n\nrains in 2019. It resumed later."
    assert pieces(text) == [
        "The second phase of the Andrin port expansion was delayed by the\n\nrains in 2019.",
        "It resumed later.",
    ]


def test_spans_are_stripped_and_exact() -> None:
    text = "   First one.   Second one.  \n"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]
    assert spans[0] == (3, 13)


def test_only_body_blocks_are_split() -> None:
    text = "Port expansion\n\nThe port grew. Ships came.\n\nThe harbour at dusk"
    blocks = layout(text)
    assert [b.kind for b in blocks] == ["heading", "body", "heading"]
    sentences = split_sentences(text, blocks)
    assert [text[s.start:s.end] for s in sentences] == ["The port grew.", "Ships came."]
    assert {s.block for s in sentences} == {1}


def test_sentence_spans_on_a_sub_range() -> None:
    text = "Ignore this. [2] Note text one. Note text two. Ignore that."
    start = text.index("[2]") + 4
    end = text.index(" Ignore that")
    assert [text[s:e] for s, e in sentence_spans(text, start, end)] == ["Note text one.",
                                                                     "Note text two."]


_ALPHABET = st.sampled_from(list("abcXYZ .!?…\"”“’‘'()[]0123456789,\n") + ["U.S.", "Dr.", " e.g. ", "\n\n", "[3]"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_sentence_properties(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_split_sentences_stays_inside_blocks(text: str) -> None:
    blocks = [Block(index=0, start=0, end=len(text), kind="body")]
    for sentence in split_sentences(text, blocks):
        piece = text[sentence.start:sentence.end]
        assert piece and piece == piece.strip()
    for block in layout(text):
        for sentence in split_sentences(text, [block]):
            assert block.start <= sentence.start < sentence.end <= block.end


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text, layout(text))]


def test_list_items_that_end_sentences_are_sentences_of_their_own():
    text = ("Findings\n\n- Recharge in the upper basin averaged 42 mm a year [@lee2021].\n"
            "- the river carried 3,900 tonnes of silt in 2026.\n* Pumping rose by a third (Hart, 2015).\n"
            "• Wells ran dry twice\n+ Springs did not.\n")
    assert _sentences(text) == [
        "- Recharge in the upper basin averaged 42 mm a year [@lee2021].",
        "- the river carried 3,900 tonnes of silt in 2026.",  # no capital after the marker: still apart
        "* Pumping rose by a third (Hart, 2015).",
        "• Wells ran dry twice\n+ Springs did not.",  # the item before ends no sentence
    ]
    numbered = "Steps\n\n1. Close the sluice at dawn.\n2) open it at dusk.\n"
    items = list_items(numbered, numbered.index("1."), len(numbered) - 1)
    assert [numbered[lo:hi] for lo, hi in items] == ["1. Close the sluice at dawn.\n", "2) open it at dusk."]


def test_items_that_end_no_sentence_stay_one_statement_and_a_dash_inside_a_paragraph_cuts_nothing():
    formulas = "-   (S_i=1) ∧ (T_i≠STOP)\n-   (S_i=−1) ∧ (T_i=STOP)"
    assert list_items(formulas, 0, len(formulas)) == [(0, len(formulas))]
    wrapped = "The gauge was moved in 2019.\n- and again in 2021, the board said.\n"
    assert list_items(wrapped, 0, len(wrapped)) == [(0, len(wrapped))]
    assert _sentences(wrapped) == ["The gauge was moved in 2019.\n- and again in 2021, the board said."]
    assert list_items("", 0, 0) == [(0, 0)]
