"""News-style attributions: the attributing phrase, who is credited, and whether vaguely."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims.attribution import attribution_phrases, find_attributions
from factcheck.claims.attribution_subjects import NameTrail, person_name
from factcheck.claims.attribution_words import tokenize
from factcheck.text.model import Sentence
from factcheck.text.sentences import sentence_spans


def attributions(text: str) -> list[tuple[str, str | None, bool]]:
    sentences = [Sentence(start=s, end=e, block=0) for s, e in sentence_spans(text)]
    return [(c.text, c.source, c.vague) for c in find_attributions(text, sentences)]


def test_named_speaker_with_apposition() -> None:
    text = '"The berth is late," Veloria’s Transport Minister, Lena Marov, said, blaming the rains.'
    assert attributions(text) == [("Veloria’s Transport Minister, Lena Marov, said",
                                   "Veloria’s Transport Minister, Lena Marov", False)]


def test_publication_and_the_piece_resolved_back() -> None:
    text = ("The delay confirms a warning raised in a Coastal Ledger opinion piece: the port is too small. "
            "Dredging failed, the piece points out. "
            "As the Coastal Ledger piece suggests, the board ignored the silt. "
            "The Coastal Ledger argues that costs will double. "
            "The opinion piece emphasises that the quay is unsafe. "
            "The piece warns that ships will go elsewhere.")
    assert attributions(text) == [
        ("raised in a Coastal Ledger opinion piece", "Coastal Ledger opinion piece", False),
        ("the piece points out", "Coastal Ledger opinion piece", False),
        ("As the Coastal Ledger piece suggests", "Coastal Ledger piece", False),
        ("The Coastal Ledger argues", "Coastal Ledger", False),
        ("The opinion piece emphasises", "Coastal Ledger piece", False),
        ("The piece warns", "Coastal Ledger piece", False),
    ]


def test_the_piece_without_antecedent_is_the_phrase_itself() -> None:
    # A report the story is about, or the document speaking of itself: named either way.
    assert attributions("The report argues that the port must grow.") == [
        ("The report argues", "The report", False)]


def test_other_named_forms() -> None:
    text = ("In 2023, Veloria’s port authority called for faster dredging. "
            "According to the harbour master, Piet Olsen, the channel silts up each spring. "
            "“We need a bigger dredger,” said Piet Olsen. "
            "The Andrin Herald highlights the cost overruns.")
    assert attributions(text) == [
        ("Veloria’s port authority called for", "Veloria’s port authority", False),
        ("According to the harbour master, Piet Olsen", "harbour master, Piet Olsen", False),
        ("said Piet Olsen", "Piet Olsen", False),
        ("The Andrin Herald highlights", "Andrin Herald", False),
    ]


def test_vague_sources() -> None:
    text = ("An official of the Transport Ministry in Andrin while visiting the docks stated that it was fine. "
            "“The cranes are old,” a regional diplomat said. "
            "As one shipper put it, the fees are too high. "
            "Some analysts even regarded the quay as a failure. "
            "Some experts on dredging say the channel is too narrow. "
            "Some say the board was warned. "
            "The contractor reportedly left in May. "
            "The mayor is also said to have objected. "
            "Its failure is seen as a warning. "
            "The pilots were believed to be on strike.")
    assert attributions(text) == [
        ("An official of the Transport Ministry in Andrin while visiting the docks stated", "An official", True),
        ("a regional diplomat said", "a regional diplomat", True),
        ("As one shipper put it", "one shipper", True),
        ("Some analysts even regarded", "Some analysts", True),
        ("Some experts on dredging say", "Some experts", True),
        ("Some say", "Some", True),
        ("reportedly", None, True),
        ("is also said to", None, True),
        ("is seen as", None, True),
        ("were believed to", None, True),
    ]


def test_not_attributions() -> None:
    text = ("The board sidestepped the issue, a move that suggests it had no plan. "
            "The port’s refusal to dredge, such as in winter, suggests neglect. "
            "It serves the Central Asian states, Iran and others. "
            "Many captains avoid the port, fearing delays. "
            "No regional diplomat has admitted to the problem. "
            "Rival ports’ claims that Andrin is unsafe persist.")
    assert attributions(text) == []


def test_headline_quoted_in_a_note_is_not_an_attribution() -> None:
    assert attributions("See “Port chief says dredging is over”, Andrin Herald, 3 May 2023.") == []


def test_a_participle_credits_the_last_name_before_it() -> None:
    text = ("Ana Lee wrote the memo, adding that the quay held, and Piet Olsen spoke, adding that it "
            "did not, and the crews left, adding nothing.")
    got = [(text[p.start:p.end], p.source) for p in attribution_phrases(text, 0, len(text))]
    assert got == [("Ana Lee wrote", "Ana Lee"), ("adding", "Ana Lee"), ("adding", "Piet Olsen"),
                   ("adding", "Piet Olsen")]


def test_names_read_in_one_pass_are_the_names_of_each_prefix() -> None:
    text = "Then Mr. Hale and the Harbour Board met C. Edwin Marlow, Lena Marov’s aide, and Dr. Ruiz."
    toks = tokenize(text, 0, len(text))
    trail = NameTrail(toks)
    # Each prefix read afresh (person_name) and read on from the one before (one trail).
    assert [trail.before(k) for k in range(len(toks) + 1)] == [person_name(toks[:k]) for k in range(len(toks) + 1)]
    names = [person_name(toks[:k]) for k in range(len(toks) + 1)]
    assert names == [None] * 3 + ["Hale"] * 4 + ["Harbour Board"] * 4 + ["Edwin Marlow"] * 8 + ["Ruiz"] * 2


def test_a_phrase_inside_a_quotation_is_not_an_attribution() -> None:
    text = ("Officials said the quay was fine, “but the minister says it is not, Lena Marov said,” "
            "and Piet Olsen said so too.")
    got = [(text[p.start:p.end], p.source) for p in attribution_phrases(text, 0, len(text))]
    assert got == [("Officials said", "Officials"), ("Piet Olsen said", "Piet Olsen")]


def test_ids_in_text_order() -> None:
    text = "Piet Olsen said it. Lena Marov said so too."
    sentences = [Sentence(start=s, end=e, block=0) for s, e in sentence_spans(text)]
    cits = find_attributions(text, list(reversed(sentences)))
    assert [(c.id, c.text, c.style) for c in cits] == [("a1", "Piet Olsen said", "attribution"),
                                                       ("a2", "Lena Marov said", "attribution")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["said", "Ann Lee", "a diplomat", "the piece", "reportedly", ", ", ". ",
                                 "“", "”", "according to", "Some", "say", "The Herald", "notes", " "]),
                max_size=30).map(" ".join))
def test_attribution_spans_equal_their_text(text: str) -> None:
    sentences = [Sentence(start=s, end=e, block=0) for s, e in sentence_spans(text)]
    for c in find_attributions(text, sentences):
        assert text[c.start:c.end] == c.text and c.start < c.end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ.Mr Dr\n\t\u00a0\u3000’'-_,“”()09é", max_size=60), st.data())
def test_tokens_are_where_the_token_pattern_finds_them(text: str, data) -> None:
    # tokenize finds the token strings in one ``findall`` and their offsets from the spaces between
    # them; the tokens and offsets are those of the pattern's own matches.
    from factcheck.claims.attribution_words import TOKEN

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert [(t.text, t.start, t.end) for t in tokenize(text, start, end)] == [
        (m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["said", "says", "Ann Lee", "officials", "the report", "notes", "states",
                                 "claims", "adding", "calling", "for", "pointing", "out", "put", "it",
                                 "as", "such", ",", ":", ".", "summed", "up", "Some", "experts", "told",
                                 "the", "wrote", "he", "Herald", "argue", "believe", "dam"]),
                max_size=30).map(" ".join))
def test_reporting_verbs_open_only_at_their_openers(text: str) -> None:
    # ``_verbs`` is walked from the tokens of ``_VERB_OPENERS`` only; walked from every token it
    # finds the same phrases (no other token can open one).
    from factcheck.claims import attribution

    toks = tokenize(text, 0, len(text))
    openers = attribution.token_indices([t.low for t in toks], attribution._VERB_OPENERS)
    assert attribution._verbs(text, toks, openers, set()) == attribution._verbs(text, toks, range(len(toks)), set())


def test_each_pass_starts_at_its_words() -> None:
    from factcheck.claims import attribution

    lows = ["in", "a", "said", "in", "the", "according", "to", "in"]
    assert attribution.token_positions(lows, "in") == [0, 3, 7]
    assert attribution.token_positions(lows, "by") == []
    assert attribution.token_indices(lows, frozenset({"said", "to"})) == [2, 6]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Dr.", "Mrs.", "Prof.", "A.", "B", "U.S.", "e.g.", "x", "Ann", " ", "  ", "\n",
                                 "\u00a0", "\x1c", "’s", "-", "_", ".", ",", "3.5", "é"]), max_size=25).map("".join),
       st.data())
def test_tokens_of_names_initials_and_abbreviations_are_the_token_patterns(text: str, data) -> None:
    from factcheck.claims.attribution_words import TOKEN

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert [(t.text, t.start, t.end, t.low, t.word, t.cap) for t in tokenize(text, start, end)] == [
        (m.group(), m.start(), m.end(), m.group().lower(), m.group()[0].isalnum(),
         m.group()[0].isalnum() and m.group()[0].isupper()) for m in TOKEN.finditer(text, start, end)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Dr.", "Mrs.", "Mr", "Prof.", "Sr.", "A.", "B", "U.S.", "e.g.", "x", "Ann", " ",
                                 "\n", "’", "'", "-", "_", ".", ",", "3.5", "é", "Z."]), max_size=25).map("".join))
def test_the_token_pattern_reads_as_its_plain_definition(text: str) -> None:
    # TOKEN is written for speed (the honorifics tried only at a capital, a word read in runs);
    # its tokens are those of the plain definition: an honorific and its stop, an initial before
    # a name, a word (a character at a time, inner stops kept), any other character.
    import re

    from factcheck.claims.attribution_words import HONORIFICS, TOKEN

    plain = re.compile(rf"(?:{'|'.join(HONORIFICS)})\.(?=\s)|[A-Z]\.(?=\s+[A-Z])"
                       r"|[^\W_](?:[\w’'\-]|\.(?=[^\W_]))*|\S")
    assert TOKEN.findall(text) == plain.findall(text)
