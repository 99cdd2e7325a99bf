"""Mutation tests for the date, number, claim and spelling rules: plant one defect in a clean
document that states many dates and numbers, and expect exactly that finding.

The fixture, tests/fixtures/clean-dated-report.md (a fictional river basin), gives no finding
of any of these rules as it is (checked below); each case makes one edit a careless author could
make and compares the findings of these rules, as ``(code, excerpt)`` pairs, and suggestions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "clean-dated-report.md"
CODES = ("DATE002", "DATE003", "NUM002", "CLM001", "CLM002", "CLM005", "SPL001")

# (id, [(old, new)], [(code, excerpt, suggestion or None)])
CASES = [
    ("DATE002-range-inverted", [("from 2013 to 2019", "from 2019 to 2013")],
     [("DATE002", "from 2019 to 2013", "check the end year")]),
    ("DATE002-range-collapsed", [("Between 1998 and 2012", "Between 2012 and 2012")],
     [("DATE002", "Between 2012 and 2012", "check the end year")]),
    ("DATE002-no-such-day", [("14 September 2009", "31 September 2009")],
     [("DATE002", "31 September 2009", "check the day: September 2009 has 30 days")]),
    ("DATE003-accepted-before-received", [("Accepted on 15 April, 2024", "Accepted on 15 April, 2023")],
     [("DATE003", "15 April, 2023", "check the accepted date")]),
    ("DATE003-published-before-accepted", [("Published on 2 June, 2024", "Published on 2 March, 2024")],
     [("DATE003", "2 March, 2024", "check the published date")]),
    ("NUM002-grouping-broken", [("About 190,000 households", "About 190, 000 households")],
     [("NUM002", "190, 000", "190,000")]),
    ("NUM002-decimal-doubled", [("by 7.5 percent", "by 7..5 percent")],
     [("NUM002", "7..5 percent", "7.5 percent")]),
    ("CLM001-citation-dropped", [("since 2005 (Varga & Sato, 2019).", "since 2005.")],
     [("CLM001", "Sediment trapped behind the Orlinsk dam has reduced its storage by 7.5 percent since 2005",
       "cite the source of this claim in its sentence")]),
    ("CLM002-speaker-and-citation-dropped",
     [("Halloran calls it \"a river that keeps someone else's calendar\" (Halloran, 2021, p. 44).",
       "It has been called \"a river that keeps someone else's calendar\".")],
     [("CLM002", "\"a river that keeps someone else's calendar\"", None)]),
    ("CLM005-speaker-unnamed", [("Her deputy, Mateo Sato, said", "An official said")],
     [("CLM005", "An official said", "name the source or cite the work that reports it")]),
    ("SPL001-letters-transposed", [("the Orlinsk dam closed its gates", "the Orlisnk dam closed its gates")],
     [("SPL001", "Orlisnk", "Orlinsk")]),
    ("SPL001-letter-dropped-in-long-word", [("the upper provinces 45 percent", "the upper provnces 45 percent")],
     [("SPL001", "provnces", "provinces")]),
    # Variations that are still clean must stay silent.
    ("none-name-variant-by-substitution", [("the Orlinsk dam closed its gates", "the Orlinsq dam closed its gates")],
     []),
    ("none-plural-of-a-frequent-word", [("a standard they can hold", "standards they can hold")], []),
    ("none-decade", [("since 2005 (Varga", "since the 2000s (Varga")], []),
]


def findings_of(text: str, tmp_path: Path) -> list:
    path = tmp_path / FIXTURE.name
    path.write_text(text, encoding="utf-8")
    result = audit_document(load_document(path), Settings(select=CODES))
    for f in result.findings:
        assert result.document.text[f.start:f.end] == f.excerpt, f
    return [f for f in result.findings if f.code in CODES]


def test_the_fixture_is_clean(tmp_path):
    assert [(f.code, f.excerpt) for f in findings_of(FIXTURE.read_text(encoding="utf-8"), tmp_path)] == []


def test_every_rule_has_a_planted_defect():
    planted = {code for _, _, expected in CASES for code, _, _ in expected}
    assert planted == set(CODES)


@pytest.mark.parametrize("edits, expected", [pytest.param(e, x, id=i) for i, e, x in CASES])
def test_exactly_the_planted_finding(tmp_path, edits, expected):
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    findings = findings_of(text, tmp_path)
    assert [(f.code, f.excerpt) for f in findings] == [(code, excerpt) for code, excerpt, _ in expected]
    for finding, (_, _, suggestion) in zip(findings, expected):
        if suggestion is not None:
            assert finding.suggestion == suggestion
