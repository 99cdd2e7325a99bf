"""Quotations of three words or more, and their named speakers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims.quotes import find_quotations


def quotes(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_curly_quote_with_speaker_after() -> None:
    text = "“The quay is ready for the winter,” Veloria’s Transport Minister, Lena Marov, said on Monday."
    assert quotes(text) == [("The quay is ready for the winter", "Lena Marov")]


def test_straight_quote_and_said_before() -> None:
    text = 'The harbour master Piet Olsen said that the cranes "will not be idle again".'
    assert quotes(text) == [("will not be idle again", "Piet Olsen")]


def test_mismatched_marks_and_participle_speaker() -> None:
    text = ("While Deputy Mayor Ana Kovac welcomed the deal, adding that crews should “work through the night” "
            "and ‘avoid any further delay”.")
    assert quotes(text) == [("work through the night", "Ana Kovac"), ("avoid any further delay", "Ana Kovac")]


def test_according_to() -> None:
    text = "According to the port authority, the berth is “deep enough for bulk carriers”."
    assert quotes(text) == [("deep enough for bulk carriers", "port authority")]


def test_vague_and_unnamed_speakers() -> None:
    text = ("An official of the port board said the plan “is still under review”. "
            "“Nobody told us anything,” a local trader said. "
            "The leaflet promised “jobs for every family”.")
    assert quotes(text) == [("is still under review", None), ("Nobody told us anything", None),
                            ("jobs for every family", None)]


def test_scare_quotes_and_apostrophes() -> None:
    text = "The “technical” delay was called a ‘grand bargain’. It’s the port’s “new normal”, Marov’s aides said."
    assert quotes(text) == []


def test_nested_quotation_is_one() -> None:
    text = "The report was titled “Experts: the port may face a ‘silt crisis’ soon”."
    assert quotes(text) == [("Experts: the port may face a ‘silt crisis’ soon", None)]


def test_single_curly_quotes_with_apostrophes_inside() -> None:
    text = "She wrote ‘the port’s future is bright’ in her diary."
    assert quotes(text) == [("the port’s future is bright", None)]


def test_offsets_exclude_the_marks() -> None:
    text = "He said “three small words” today."
    (q,) = find_quotations(text)
    assert text[q.start - 1] == "“" and text[q.end] == "”"
    assert text[q.start:q.end] == q.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab ’'.,“”‘\"\n") + [" said", "Ann Lee", "x y z"]), max_size=50).map("".join))
def test_quotation_spans_equal_their_text(text: str) -> None:
    for q in find_quotations(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text


def test_displayed_text_is_read_around_a_sign() -> None:
    text = "A banner over the quay read “the cranes stay idle until spring”, and the crews went home."
    assert [(q.text, q.kind) for q in find_quotations(text)] == [("the cranes stay idle until spring", "text")]


_DISPLAY_TEST_WORDS = ["the", "quay", "banner", "signs", "read", "head", "made", "one", "it", "crews", "Olsen",
                       "said", "went", "home", "reads", "slogan", "we", "went"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DISPLAY_TEST_WORDS), max_size=60),
       st.lists(st.sampled_from(_DISPLAY_TEST_WORDS), min_size=3, max_size=8),
       st.lists(st.sampled_from(_DISPLAY_TEST_WORDS), max_size=60))
def test_a_sentence_without_display_words_skips_no_displayed_text(before, quoted, after) -> None:
    # ``may_display`` asks once per sentence what ``_displayed`` asks of a window around each
    # quotation (a window may cut a word: "head" of "headline"); a quotation's kind is the same
    # whichever answers.
    from factcheck.claims import quote_kinds

    text = " ".join(before) + " “" + " ".join(quoted) + "” " + " ".join(after) + "."
    q_start = text.index("“") + 1
    q_end = text.index("”")
    sentence = (0, len(text))
    for attributed in (False, True):
        asked = quote_kinds.quote_kind(text, q_start, q_end, sentence, False, attributed,
                                       quote_kinds.may_display(text, *sentence))
        assert asked == quote_kinds.quote_kind(text, q_start, q_end, sentence, False, attributed)


def test_a_quotation_built_without_the_validator_is_the_validated_one() -> None:
    import pickle

    import pytest
    from pydantic import ValidationError

    from factcheck.claims.model import Quotation

    built = Quotation.of(4, 30, "the cranes stay idle", "Piet Olsen", "speech", "a1", False, "harbour master")
    validated = Quotation(start=4, end=30, text="the cranes stay idle", speaker="Piet Olsen", kind="speech",
                          attribution="a1", vague=False, source="harbour master")
    assert built == validated and built.model_dump_json() == validated.model_dump_json()
    assert built.model_fields_set == validated.model_fields_set and pickle.loads(pickle.dumps(built)) == validated
    with pytest.raises(ValidationError):  # a value of another type is validated, as the constructor would
        Quotation.of(4, 30, "the cranes stay idle", None, "a rumour", None, False, None)
