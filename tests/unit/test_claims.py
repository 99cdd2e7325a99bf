"""Claims from body sentences: kind, support, citations, dates, numbers, quotes, checkworthiness."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims.attribution import find_attributions
from factcheck.claims.claimed_parts import MAX_CLAIM_CHARS, scanned_end
from factcheck.claims.extract import Features, checkworthiness, extract_claims
from factcheck.text.layout import layout
from factcheck.text.model import Block, Sentence
from factcheck.text.sentences import split_sentences
from factcheck.citations.model import Citation

DOC = """Port Andrin expansion

The Republic of Veloria opened the new container quay at Port Andrin on 14 March 2022.[1] Dredging had begun in 2019. The largest crane on the coast now stands there.

Is the port big enough? Nobody knows.

Traffic rose by 40 percent in the first year (Varn, 2023). “The quay has changed the town for good,” the harbour master, Piet Olsen, said. Lena Marov said the board would publish its accounts. A regional diplomat said the fees were too high. The town may become a hub one day.

The old fish market closed in the 1990s. Its halls now stand empty.

Harbour at dusk
"""


def citations_of(text: str, sentences: list[Sentence]) -> tuple[list[Citation], list[Citation]]:
    """Note markers and author-year citations as the citations package would find them, sorted by
    place, and the attributions."""
    out = [Citation(id=f"n{i}", style="note", start=m.start(), end=m.end(), text=m.group(), number=int(m.group(1)))
           for i, m in enumerate(re.finditer(r"\[(\d+)\]", text), 1)]
    out += [Citation(id=f"k{i}", style="author-year", start=m.start(1), end=m.end(1), text=m.group(1))
            for i, m in enumerate(re.finditer(r"\(([A-Z]\w+, \d{4})\)", text), 1)]
    return sorted(out, key=lambda c: (c.start, c.end)), find_attributions(text, sentences)


def claims_of(text: str):
    blocks = layout(text)
    sentences = split_sentences(text, blocks)
    return extract_claims(text, blocks, sentences, *citations_of(text, sentences))


def test_claims_of_a_small_document() -> None:
    claims = claims_of(DOC)
    got = [(c.id, c.kind, c.support, c.text) for c in claims]
    assert got == [
        ("c1", "temporal", "cited",
         "The Republic of Veloria opened the new container quay at Port Andrin on 14 March 2022.[1]"),
        ("c2", "temporal", "inherited", "Dredging had begun in 2019."),
        ("c3", "comparative", "inherited", "The largest crane on the coast now stands there."),
        ("c4", "statistic", "cited", "Traffic rose by 40 percent in the first year (Varn, 2023)."),
        ("c5", "quotation", "attributed",
         "“The quay has changed the town for good,” the harbour master, Piet Olsen, said."),
        ("c6", "attribution", "attributed", "Lena Marov said the board would publish its accounts."),
        ("c7", "attribution", "inherited", "A regional diplomat said the fees were too high."),
        ("c8", "general", "inherited", "The town may become a hub one day."),
        ("c9", "general", "unsourced", "The old fish market closed in the 1990s."),
        ("c10", "general", "unsourced", "Its halls now stand empty."),
    ]
    for c in claims:
        assert DOC[c.start:c.end] == c.text


def test_headings_questions_and_fragments_are_not_claims() -> None:
    texts = [c.text for c in claims_of(DOC)]
    assert not any("Is the port" in t or "Nobody knows" in t or "Harbour at dusk" in t or "expansion" in t
                   for t in texts)


def test_fields_of_claims() -> None:
    c = {c.id: c for c in claims_of(DOC)}
    assert c["c1"].citation_ids == ("n1",)
    assert [(d.text, d.iso, d.precision) for d in c["c1"].dates] == [("14 March 2022", "2022-03-14", "day")]
    # The year of the citation is not a date of the claim, nor a number.
    assert c["c4"].dates == ()
    assert [(n.text, n.value, n.unit) for n in c["c4"].numbers] == [("40 percent", 40.0, "percent")]
    assert c["c4"].citation_ids == ("k1",)
    assert [(q.text, q.speaker) for q in c["c5"].quotes] == [("The quay has changed the town for good", "Piet Olsen")]
    assert c["c5"].speaker == "Piet Olsen"
    assert c["c6"].speaker == "Lena Marov"
    assert c["c7"].speaker is None  # vague: "a regional diplomat"
    assert [d.precision for d in c["c9"].dates] == ["decade"]


def test_kind_priority_statistic_before_quotation() -> None:
    text = "Veloria’s port chief, Lena Marov, said the quay “handled 40 percent more ships” in 2023."
    (claim,) = claims_of(text)
    assert claim.kind == "statistic"
    assert [q.text for q in claim.quotes] == ["handled 40 percent more ships"]
    assert claim.support == "attributed"


def test_vague_magnitude_is_a_statistic() -> None:
    (claim,) = claims_of("The strike has cost the port thousands of jobs.")
    assert claim.kind == "statistic" and claim.numbers == () and claim.support == "unsourced"


def test_marker_or_citation_just_after_the_sentence_is_its_own() -> None:
    text = "The quay opened in 2022. [4] The ships came in. (Varn, 2020) The crews stayed on."
    block = Block(index=0, start=0, end=len(text))
    # Sentences as another splitter might give them, without what follows the full stop.
    sentences = [Sentence(start=text.index(s), end=text.index(s) + len(s), block=0)
                 for s in ("The quay opened in 2022.", "The ships came in.", "The crews stayed on.")]
    claims = extract_claims(text, [block], sentences, *citations_of(text, sentences))
    assert [(c.text, c.citation_ids, c.support) for c in claims] == [
        ("The quay opened in 2022.", ("n1",), "cited"),
        ("The ships came in.", ("k1",), "cited"),
        ("The crews stayed on.", (), "inherited"),
    ]


def test_a_sentence_past_the_bound_has_dates_and_numbers_read_in_its_first_part() -> None:
    # A "sentence" without full stops longer than MAX_CLAIM_CHARS (a table run together): its
    # claim is the whole sentence with every citation and quotation, but its dates and numbers are
    # read in its first part only, cut at a space.
    unit = "the quay took 12 ships in May 2021 and “the crews stayed on” [4], "
    copies = 2 * MAX_CLAIM_CHARS // len(unit)
    text = "In short " + unit * copies + "and so on."
    block = Block(index=0, start=0, end=len(text))
    sentences = [Sentence(start=0, end=len(text), block=0)]
    claims = extract_claims(text, [block], sentences, *citations_of(text, sentences))
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.start, claim.end, claim.text) == (0, len(text), text)
    scanned = text[:scanned_end(text, sentences[0])]
    assert MAX_CLAIM_CHARS // 2 < len(scanned) <= MAX_CLAIM_CHARS and text[len(scanned)] == " "
    assert [d.text for d in claim.dates] == ["May 2021"] * scanned.count("May 2021")
    assert [n.text for n in claim.numbers] == ["12"] * scanned.count(" 12 ")
    assert max(n.end for n in claim.numbers) <= len(scanned)
    assert [q.text for q in claim.quotes] == ["the crews stayed on"] * copies
    assert claim.citation_ids[:2] == ("n1", "n2") and len(claim.citation_ids) == copies


def test_a_citation_past_the_bound_still_sources_the_claim() -> None:
    # The citation at the end of a very long sentence is the claim's: the claim is cited, not
    # reported as unsourced because its dates and numbers were read in the first part only.
    text = "The quay took 12,000 ships in May 2021 " + "and then some more of them " * 600 + "in all [1]."
    assert len(text) > MAX_CLAIM_CHARS
    block = Block(index=0, start=0, end=len(text))
    sentences = [Sentence(start=0, end=len(text), block=0)]
    claim, = extract_claims(text, [block], sentences, *citations_of(text, sentences))
    assert claim.support == "cited" and claim.citation_ids == ("n1",)
    assert [n.text for n in claim.numbers] == ["12,000"] and [d.text for d in claim.dates] == ["May 2021"]


def test_a_sentence_within_the_bound_is_claimed_whole() -> None:
    unit = "the quay took 12 ships in May 2021, "
    text = "In short " + unit * ((MAX_CLAIM_CHARS - 100) // len(unit)) + "and so on."
    assert len(text) <= MAX_CLAIM_CHARS
    block = Block(index=0, start=0, end=len(text))
    sentences = [Sentence(start=0, end=len(text), block=0)]
    claim, = extract_claims(text, [block], sentences, *citations_of(text, sentences))
    assert claim.text == text and len(claim.dates) == text.count("May 2021")


def test_note_and_reference_blocks_are_skipped() -> None:
    text = "The quay opened in 2022 after long delays.[1]\n\n[1] The harbour board said so in its 2022 report."
    blocks = layout(text)
    blocks = [blocks[0], replace(blocks[1], kind="notes")]
    sentences = split_sentences(text, blocks)
    claims = extract_claims(text, blocks, sentences, *citations_of(text, sentences))
    assert [c.text for c in claims] == ["The quay opened in 2022 after long delays.[1]"]


def test_checkworthiness_is_transparent() -> None:
    plain = Features(numeral=False, rough_count=False, magnitude=False, date_precision=None, superlative=False,
                     comparative=False, quotation=False, named_entities=0, hedged=False, restating=False)
    score = checkworthiness
    assert score(plain) == 0.15
    assert score(plain._replace(numeral=True)) == 0.45
    day = score(plain._replace(date_precision="day"))
    decade = score(plain._replace(date_precision="decade"))
    assert day > decade > score(plain)
    assert score(plain._replace(hedged=True)) == 0.0
    full = plain.__class__(numeral=True, rough_count=True, magnitude=False, date_precision="day",
                           superlative=True, comparative=False, quotation=True, named_entities=5,
                           hedged=False, restating=False)
    assert score(full) == 1.0


def test_checkworthiness_ranks_claims() -> None:
    c = {c.id: c for c in claims_of(DOC)}
    assert c["c4"].checkworthiness > c["c8"].checkworthiness  # a figure over a hedged forecast
    assert c["c1"].checkworthiness > c["c9"].checkworthiness  # a day over a decade
    assert c["c3"].checkworthiness > c["c10"].checkworthiness  # a superlative over a plain statement
    assert all(0.0 <= x.checkworthiness <= 1.0 for x in c.values())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["The quay", " opened", " in 2022", ".", "[3]", " (Varn, 2020)", " “three small words”",
                                 " said Piet Olsen", " 40 percent", "?", "\n\n", " the largest", " Ships", " came"]),
                max_size=30).map("".join))
def test_claim_spans_equal_their_text(text: str) -> None:
    for claim in claims_of(text):
        assert text[claim.start:claim.end] == claim.text
        for n in claim.numbers:
            assert text[n.start:n.end] == n.text and claim.start <= n.start
        for q in claim.quotes:
            assert text[q.start:q.end] == q.text
