"""Pieces of DATE002, DATE003, NUM002, CLM001, CLM002 and CLM005, and span properties of all six."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.claims.model import Claim
from factcheck.text.numbers import find_numbers
from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document
from factcheck.rules.claims import clause_around, unnamed_people
from factcheck.rules.numbers import regrouped

CODES = ("DATE002", "DATE003", "NUM002", "CLM001", "CLM002", "CLM005")


def findings(tmp_path: Path, text: str, name: str = "doc.md", codes=CODES) -> list[tuple[str, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = audit_document(load_document(path), Settings(select=codes))
    return [(f.code, f.excerpt) for f in result.findings]


# -- DATE002 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Work ran from 2019 to 2013 on the dam.", ["from 2019 to 2013"]),
    ("Work ran from 2019 until 2019 on the dam.", ["from 2019 until 2019"]),
    ("The 2021-2019 plan for the dam failed.", ["2021-2019"]),
    ("Work ran between May 2020 and March 2020 on the dam.", ["between May 2020 and March 2020"]),
    ("Work ran from 2019 to 2023 on the dam.", []),
    ("Work ran in 2019-20 and 1999-00 on the dam.", []),
    ("The gauge was read on 2023-05-12 and 2023-06-01.", []),
    ("Work ran from early 2021 to late 2021 on the dam.", []),
    ("Work ran from March 2020 to 2020 on the dam.", []),
])
def test_ranges(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert findings(tmp_path, f"# Dams\n\n{text}\n", codes=("DATE002",)) == [("DATE002", e) for e in expected]


def test_impossible_calendar_dates(tmp_path: Path) -> None:
    text = "# Dams\n\nThe dam opened on 29 February 2023, not on 29 February 2024, and closed on April 31, 2024.\n"
    assert findings(tmp_path, text, codes=("DATE002",)) == [
        ("DATE002", "29 February 2023"), ("DATE002", "April 31, 2024")]


# -- DATE003 -----------------------------------------------------------------------------------


def test_the_date_out_of_line_is_the_one_reported(tmp_path: Path) -> None:
    text = ("# A paper\n\nReceived on 1 May, 2024\n\nRevised on 2 March, 2024\n\nAccepted on 3 March, 2024\n\n"
            "Published on 4 March, 2024\n\nThe canal is long.\n")
    path = tmp_path / "paper.md"
    path.write_text(text, encoding="utf-8")
    result = audit_document(load_document(path), Settings(select=("DATE003",)))
    assert [(f.excerpt, f.suggestion) for f in result.findings] == [("1 May, 2024", "check the received date")]
    assert [r.excerpt for r in result.findings[0].related] == ["2 March, 2024", "3 March, 2024", "4 March, 2024"]


# -- NUM002 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("written, suggestion", [
    ("about 190, 000 people", "190,000"), ("rose 3..8 percent", "3.8 percent"),
    ("some 1,90,000 people and 200,000 cattle", "190,000"), ("$1,0000 in fees", "$10,000"),
    # A comma before one or two last digits is a decimal comma: "12,50 km" is 12.50, not 1,250.
    ("a road 12,50 km long", "12.50"), ("it cost 3,2 million euros", "3.2 million euros"),
])
def test_regrouped(written: str, suggestion: str) -> None:
    (number,) = [n for n in find_numbers(written) if n.malformed]
    assert regrouped(number) == suggestion


def test_stray_escape_is_reported_outside_markdown_only(tmp_path: Path) -> None:
    text = "Dams\n\nThe authority spent \\$3.8 billion on the dam (Okafor, 2019).\n"
    assert findings(tmp_path, text, "doc.txt", ("NUM002",)) == [("NUM002", "\\$3.8 billion")]
    assert findings(tmp_path, "# " + text, "doc.md", ("NUM002",)) == []


# -- CLM001 ------------------------------------------------------------------------------------


def _claim(text: str) -> Claim:
    return Claim(id="c1", kind="general", start=0, end=len(text), text=text, block=0)


@pytest.mark.parametrize("sentence, element, clause", [
    ("Since the US focused on Iran on February 28, 2026, the administration faced many issues.",
     "February 28, 2026", "Since the US focused on Iran on February 28, 2026"),
    ("Iran and Afghanistan feud over the river, its longest waterway, which drains about 40 percent of the "
     "country and irrigates the south.", "40 percent",
     "which drains about 40 percent of the country and irrigates the south"),
    ("In 2023, 40 percent of farms failed.", "40 percent", "40 percent of farms failed"),
    ("In 2023, 40 percent failed.", "40 percent", "In 2023, 40 percent failed"),
    ("The dam (completed in 1968) holds 2.4 billion cubic metres.", "2.4 billion",
     "holds 2.4 billion cubic metres"),
])
def test_clause_around(sentence: str, element: str, clause: str) -> None:
    start = sentence.index(element)
    lo, hi = clause_around(sentence, _claim(sentence), start, start + len(element))
    assert sentence[lo:hi] == clause


def test_paragraph_convention_is_read_from_the_document(tmp_path: Path) -> None:
    body = ("The Orlinsk reservoir on the Marrow supplies 60 percent of the Kestova basin's water. "
            "Farmers there dug new wells in the dry years.[{n}]\n\n")
    notes = "".join(f"[{n}] Halloran, A River on a Schedule, p. {n}.\n" for n in (1, 2, 3))
    one_per_paragraph = "Water\n\n" + "".join(body.format(n=n) for n in (1, 2, 3)) + notes
    assert findings(tmp_path, one_per_paragraph, "doc.txt", ("CLM001",)) == []
    # The same paragraphs citing a middle sentence: citations belong to sentences here.
    per_sentence = one_per_paragraph
    for n in (1, 2, 3):
        per_sentence = per_sentence.replace(f"in the dry years.[{n}]", f"in the dry years.[{n}] They paid in cash.")
    flagged = findings(tmp_path, per_sentence, "doc.txt", ("CLM001",))
    assert flagged == [("CLM001", "The Orlinsk reservoir on the Marrow supplies 60 percent of the Kestova basin's "
                                  "water")] * 3


# -- CLM005 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("source, vague", [
    ("a regional diplomat", True), ("One engineer", True), ("some experts", True),
    ("Officials in two neighbouring states", True), ("Regional officials", True),
    ("Kestova officials", False), ("Russian and Iranian officials", False), ("senior Taliban officials", False),
    ("Central Asian states", False), ("Regional governments", False), ("the harbour master, Piet Olsen", False),
])
def test_unnamed_people(source: str, vague: bool) -> None:
    names = {"Kestova", "Russian", "Iranian", "Taliban", "Piet", "Olsen", "Central", "Asian"}
    assert unnamed_people(source, lambda w: w in names) is vague


def test_a_hedge_reporting_a_named_source_is_not_vague(tmp_path: Path) -> None:
    text = ("# Flood\n\nAs the Kestova Herald notes, the dam is seen as a failure by farmers. "
            "The bridge is seen as a failure by many in the town.\n")
    assert findings(tmp_path, text, codes=("CLM005",)) == [("CLM005", "is seen as")]


# -- all rules: spans --------------------------------------------------------------------------

FRAGMENTS = ["The Orlinsk dam", " opened", " on 30 February 2023", " from 2019 to 2013",
             " with 190, 000 people", " and 40 percent", ".", " (Okafor, 2019)", "[1]", " \"We will rebuild the bridge",
             " this year\"", ", an official said", " reportedly", " the first dam to", "\n\n", " Orlisnk",
             "Received on 4 May, 2024\n\nAccepted on 1 May, 2024\n\n", " thousands of deaths"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(lambda parts: "# Dams\n\n" + "".join(parts) + "\n"))
def test_every_finding_is_an_exact_span(tmp_path: Path, text: str) -> None:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    result = audit_document(load_document(path), Settings(select=(*CODES, "SPL001")))
    doc = result.document.text
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(doc) and doc[f.start:f.end] == f.excerpt, f
        assert f.excerpt.strip() == f.excerpt


# -- what the rules need from claims/attribution.py ----------------------------------------------


@pytest.mark.parametrize("sentence, source, speaker, anaphor", [
    ("Meridia Transmission's chief executive, Helena Sorvik, said the plans were late.",
     "Meridia Transmission's chief executive, Helena Sorvik", "Helena Sorvik", None),
    ("\"We identified both sites as priorities in 2021,\" she said.", None, None, "person"),
    ("The outage was caused by two old substations, the national grid operator said on Wednesday.",
     "national grid operator", None, None),
])
def test_attributions_the_quote_rules_rely_on(sentence: str, source, speaker, anaphor) -> None:
    from factcheck.claims.attribution import attribution_phrases

    (phrase,) = attribution_phrases(sentence, 0, len(sentence))
    assert (phrase.source, phrase.speaker, phrase.anaphor, phrase.vague) == (source, speaker, anaphor, False)


@pytest.mark.parametrize("sentence, own", [
    ("We then interviewed 23 district managers.", True), ("Our survey covered 412 households.", True),
    ("This memo summarises the inspection of November 2023.", True),
    ("This dam holds 2.4 billion cubic metres.", False), ("The memo was sent on 3 May 2024.", False),
])
def test_about_own_work(sentence: str, own: bool) -> None:
    from factcheck.rules.claims import about_own_work

    assert about_own_work(sentence) is own


def test_a_continued_quotation_takes_its_speaker_from_the_passage(tmp_path: Path) -> None:
    # Within the paragraph and into the next one that opens with a quotation: the speaker carries.
    text = ("# Outage\n\nThe operator's chief executive, Helena Sorvik, said the plans were late. "
            "\"We identified both sites as priorities in 2021,\" she said. \"The replacement was approved this spring and is due soon.\"\n\n"
            "\"Every summer the margins get thinner and everyone acts surprised.\"\n")
    assert findings(tmp_path, text, codes=("CLM002",)) == []


def test_a_quotation_after_a_heading_or_a_paragraph_without_speaker_is_orphaned(tmp_path: Path) -> None:
    text = ("# Outage\n\nThe operator's chief executive, Helena Sorvik, said the plans were late.\n\n"
            "## Summer\n\n\"Every summer the margins get thinner and everyone acts surprised.\"\n\n"
            "The grid failed twice in July, and the repairs took four days each time.\n\n"
            "\"Nobody at the utility answered our calls for a whole week.\"\n")
    assert findings(tmp_path, text, codes=("CLM002",)) == [
        ("CLM002", "\"Every summer the margins get thinner and everyone acts surprised.\""),
        ("CLM002", "\"Nobody at the utility answered our calls for a whole week.\"")]
