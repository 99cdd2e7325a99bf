"""Corpus mode: DATE001 / NUM001 between documents audited together, never within one alone."""

from __future__ import annotations

from pathlib import Path

from factcheck.config import Settings
from factcheck.pipeline import audit

BRIEFING = """# Vell basin briefing

The Harlow bridge over the Vell was scheduled to be completed in 2020. The Harlow bridge over the Vell
opened to traffic in August 2021 after two winters of floods. The spring flood displaced about 190,000
people across the Vell basin.
"""

NEWS = """Harlow bridge reopens

Residents crossed on foot as the lanes reopened. The Harlow bridge over the Vell opened to traffic in
May 2019 after two winters of floods, officials said. The spring flood displaced 190,000 people across
the Vell basin, and the relief budget ran out by June.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_event_dated_differently_in_two_documents(tmp_path):
    a = write(tmp_path, "briefing.md", BRIEFING)
    b = write(tmp_path, "news.txt", NEWS)
    result = audit([a, b], Settings(claims_dir=None))
    assert [(f.code, f.path, f.excerpt) for f in result.corpus_findings] == [("DATE001", str(b), "May 2019")]
    finding = result.corpus_findings[0]
    assert [(r.path, r.excerpt, r.label) for r in finding.related] == [(str(a), "August 2021", "other statement")]
    assert str(a) in finding.message
    assert NEWS[finding.start:finding.end] == "May 2019"
    other = finding.related[0]
    assert BRIEFING[other.start:other.end] == "August 2021"


def test_each_document_alone_has_no_conflict(tmp_path):
    for name, text in (("briefing.md", BRIEFING), ("news.txt", NEWS)):
        result = audit([write(tmp_path, name, text)], Settings(claims_dir=None))
        assert result.corpus_findings == ()
        assert [f for d in result.documents for f in d.findings if f.code in ("DATE001", "NUM001")] == []


def test_in_document_conflicts_are_not_corpus_findings(tmp_path):
    doubled = BRIEFING + ("\nThe Harlow bridge over the Vell opened to traffic in May 2019 after two winters"
                          " of floods.\n")
    a = write(tmp_path, "briefing.md", doubled)
    b = write(tmp_path, "other.txt", "Unrelated\n\nThe Andrin lighthouse on the estuary was first lit in 1894.\n")
    result = audit([a, b], Settings(claims_dir=None))
    assert result.corpus_findings == ()
    assert [(f.code, f.excerpt) for f in result.documents[0].findings if f.code == "DATE001"] == [
        ("DATE001", "May 2019")]


def test_order_is_deterministic_and_selection_applies(tmp_path):
    a = write(tmp_path, "a.md", BRIEFING)
    b = write(tmp_path, "b.txt", NEWS)
    c = write(tmp_path, "c.txt", NEWS.replace("May 2019", "June 2018"))
    first = audit([a, b, c], Settings(claims_dir=None)).corpus_findings
    again = audit([c, a, b], Settings(claims_dir=None)).corpus_findings
    assert first == again  # expand_paths sorts the inputs
    assert [(f.path, f.excerpt) for f in first] == [(str(b), "May 2019"), (str(c), "June 2018")]
    assert audit([a, b], Settings(claims_dir=None, ignore=("DATE001",))).corpus_findings == ()
