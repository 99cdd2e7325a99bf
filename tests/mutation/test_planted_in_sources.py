"""Planted consistency defects in each of our sources/ examples.

For every demo document (the PDF and the Word memo through the text they load to): a sentence
copied elsewhere with its date changed gives exactly one DATE001, with its number changed exactly
one NUM001, both naming the two places; an inverted range gives DATE002; a transposed letter in a
frequent word gives SPL001 suggesting the word; own dates out of order give DATE003; and a planted
paragraph gives exactly its NUM002, CLM001, CLM002 or CLM005 finding. The planted sentence goes into a paragraph of the
body, the rest of the document stays as it is, and only the new findings of the family are
compared, as ``(code, excerpt)`` pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.documents import Document, load_document
from factcheck.documents.metadata import text_metadata
from factcheck.pipeline import audit_document

SOURCES = Path(__file__).resolve().parents[2] / "sources"
NAMES = sorted(p.name for p in SOURCES.iterdir()
               if p.suffix in (".md", ".txt", ".html", ".pdf", ".docx") and p.name != "README.md")


def _audit(text: str, select: tuple[str, ...]):
    document = Document(path="planted.txt", format="txt", text=text, metadata=text_metadata(text))
    return audit_document(document, Settings(select=select))


def _new(before, after) -> list:
    """Findings of ``after`` not in ``before``, compared by (code, excerpt)."""
    seen = Counter((f.code, f.excerpt) for f in before.findings)
    out = []
    for f in after.findings:
        key = (f.code, f.excerpt)
        if seen[key]:
            seen[key] -= 1
        else:
            out.append(f)
    return out


@pytest.fixture(scope="module", params=NAMES)
def source(request):
    return request.param, load_document(SOURCES / request.param).text



def _last_body_block(result) -> tuple[int, int]:
    body = [b for b in result.extraction.blocks if b.kind == "body"]
    return body[-1].start, body[-1].end


def _plant_copy(text: str, result, sentence_text: str, old: str, new: str) -> str:
    """Append ``sentence_text`` with ``old`` replaced by ``new`` to the last body paragraph."""
    changed = sentence_text.replace(old, new, 1)
    _, end = _last_body_block(result)
    return text[:end] + " " + changed + text[end:]


# For a document that states no suitable fact of its own, one is planted first in its first
# paragraph, so the copy still has an original to disagree with.
OWN_DATED = "The Kessel pumping station was commissioned in March 2011."
OWN_COUNTED = "The district water board employs 4,200 people."


def _first_body_end(result) -> int:
    return next(b.end for b in result.extraction.blocks if b.kind == "body")


def _with_own(text: str, result, sentence: str) -> str:
    end = _first_body_end(result)
    return text[:end] + " " + sentence + text[end:]


def test_copied_sentence_with_changed_date_gives_one_date_conflict(source):
    name, text = source
    before = _audit(text, ("DATE",))
    claim = next((c for c in before.extraction.claims
                  if len(c.dates) == 1 and c.dates[0].precision in ("day", "month", "year")
                  and not c.dates[0].range_end and not c.quotes and c.block != _body_index(before)), None)
    if claim is None:
        text = _with_own(text, before, OWN_DATED)
        before = _audit(text, ("DATE",))
        claim = next(c for c in before.extraction.claims if c.text == OWN_DATED)
    date = claim.dates[0]
    year = re.search(r"\d{4}", date.text).group()
    changed_date = date.text.replace(year, str(int(year) - 3))
    planted = _plant_copy(text, before, claim.text, date.text, changed_date)
    new = _new(before, _audit(planted, ("DATE",)))
    assert [(f.code, f.excerpt) for f in new] == [("DATE001", changed_date)], name
    assert [r.excerpt for r in new[0].related] == [date.text]


def test_copied_sentence_with_changed_number_gives_one_number_conflict(source):
    name, text = source
    before = _audit(text, ("NUM",))
    claim = next((c for c in before.extraction.claims
                  if len(c.numbers) == 1 and not c.numbers[0].malformed and not c.dates
                  and any(ch.isdigit() for ch in c.numbers[0].text) and not c.quotes
                  and c.numbers[0].value >= 10 and c.block != _body_index(before)), None)
    if claim is None:
        text = _with_own(text, before, OWN_COUNTED)
        before = _audit(text, ("NUM",))
        claim = next(c for c in before.extraction.claims if c.text == OWN_COUNTED)
    number = claim.numbers[0]
    digits = re.search(r"\d[\d,.]*\d|\d", number.text).group()
    tripled = int(digits.replace(",", "").split(".")[0]) * 3
    changed_digits = f"{tripled:,}" if "," in digits else str(tripled)
    changed = number.text.replace(digits, changed_digits, 1)
    planted = _plant_copy(text, before, claim.text, number.text, changed)
    new = _new(before, _audit(planted, ("NUM",)))
    assert [(f.code, f.excerpt) for f in new] == [("NUM001", changed)], name
    assert [r.excerpt for r in new[0].related] == [number.text]


def test_inverted_range_gives_date002(source):
    name, text = source
    before = _audit(text, ("DATE002",))
    planted = _plant_copy(text, before, "The survey ran from 2019 to 2016.", "", "")
    new = _new(before, _audit(planted, ("DATE002",)))
    assert [(f.code, f.excerpt) for f in new] == [("DATE002", "from 2019 to 2016")], name


def test_transposed_letter_in_a_frequent_word_gives_spl001(source):
    name, text = source
    before = _audit(text, ("SPL001",))
    words = Counter(w for w in re.findall(r"\b[A-Za-z]{7,}\b", text) if not w.isupper())
    word = next(w for w, n in words.most_common() if n >= 4)
    typo = word[:3] + word[4] + word[3] + word[5:]
    start, end = _last_body_block(before)
    at = text.index(word, start) if word in text[start:end] else text.index(word)
    planted = text[:at] + typo + text[at + len(word):]
    new = _new(before, _audit(planted, ("SPL001",)))
    assert [(f.code, f.excerpt, f.suggestion) for f in new] == [("SPL001", typo, word)], name


def _body_index(result) -> int:
    """The index of the last body block, where copies are planted (not copied from)."""
    body = [b for b in result.extraction.blocks if b.kind == "body"]
    return body[-1].index


# One new paragraph per case, appended after the last body paragraph: (id, paragraph, rule, expected
# excerpt). Each states its defect plainly and nothing else that the rule could object to.
PARAGRAPH_CASES = [
    ("NUM002", "Some 190, 000 visitors crossed the new bridge in its first year.", "NUM002", "190, 000"),
    ("CLM001", "On 3 June 2021 the Orvane reservoir held 48 million cubic metres, the most on record.",
     "CLM001", None),
    ("CLM002", "The inspection closed with a warning: “the spillway gates were never tested under full load”.",
     "CLM002", "“the spillway gates were never tested under full load”"),
    ("CLM005", "An official said that the gates would be replaced.", "CLM005", "An official said"),
]


@pytest.mark.parametrize("case_id, paragraph, code, excerpt", PARAGRAPH_CASES, ids=[c[0] for c in PARAGRAPH_CASES])
def test_planted_paragraph_gives_exactly_its_finding(source, case_id, paragraph, code, excerpt):
    name, text = source
    before = _audit(text, (code,))
    _, end = _last_body_block(before)
    planted = text[:end] + "\n\n" + paragraph + text[end:]
    new = _new(before, _audit(planted, (code,)))
    if excerpt is None:  # the rule chooses the clause: it must lie within the planted paragraph
        assert [f.code for f in new] == [code] and new[0].excerpt in paragraph, (name, new)
    else:
        assert [(f.code, f.excerpt) for f in new] == [(code, excerpt)], name


def test_own_dates_out_of_order_give_date003(source):
    name, text = source
    own = {label: (iso, s, e) for label, iso, s, e in text_metadata(text).own_dates}
    if "received" in own and "accepted" in own:
        # Move the stated acceptance to the year before the submission.
        received_year = int(own["received"][0][:4])
        _, s, e = own["accepted"]
        stated = text[s:e]
        moved = stated.replace(stated[-4:], str(received_year - 1))
        planted, expected = text[:s] + moved + text[e:], moved
    else:
        # Dates well before any publication date the document states: only their order is wrong.
        planted, expected = "Received on 5 May, 2001\n\nAccepted on 1 May, 2001\n\n" + text, "1 May, 2001"
    new = _new(_audit(text, ("DATE003",)), _audit(planted, ("DATE003",)))
    assert [f.code for f in new] == ["DATE003"], (name, [(f.code, f.excerpt) for f in new])
    assert new[0].excerpt in (expected, "5 May, 2001")
