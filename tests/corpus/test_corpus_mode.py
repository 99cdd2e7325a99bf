"""Corpus mode: DATE001 / NUM001 between documents audited together, never within one alone."""

from __future__ import annotations

from pathlib import Path

import pytest

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
        assert list(result.corpus_findings) == []
        assert [f for d in result.documents for f in d.findings if f.code in ("DATE001", "NUM001")] == []


def test_in_document_conflicts_are_not_corpus_findings(tmp_path):
    doubled = BRIEFING + ("\nThe Harlow bridge over the Vell opened to traffic in May 2019 after two winters"
                          " of floods.\n")
    a = write(tmp_path, "briefing.md", doubled)
    b = write(tmp_path, "other.txt", "Unrelated\n\nThe Andrin lighthouse on the estuary was first lit in 1894.\n")
    result = audit([a, b], Settings(claims_dir=None))
    assert list(result.corpus_findings) == []
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


def test_corpus_findings_stream_in_the_order_of_sorting_them_all():
    """The corpus checks' findings are made and merged as the checks give them (a large corpus's
    never all held): the same findings in the same order as sorting them all by path, place and
    code, here with a path given twice (its two documents' findings interleaved by place) and two
    checks' findings at one place (the earlier rule first)."""
    from dataclasses import replace
    from types import SimpleNamespace

    from factcheck.rules.registry import Hit, _place, all_rules, corpus_findings

    rules = {spec.code: spec for spec in all_rules()}

    def check(*hits: tuple[int, int]):
        return lambda corpus: iter([Hit(start, start + 4, f"at {start} of {doc}", doc=doc) for doc, start in hits])

    dates = replace(rules["DATE001"], corpus_check=check((0, 30), (1, 10), (1, 50), (2, 5)))
    numbers = replace(rules["NUM001"], corpus_check=check((0, 10), (1, 40), (2, 5), (3, 0)))
    corpus = SimpleNamespace(paths=["a.md", "a.md", "b.md", "c.md"], texts=["0123456789" * 6] * 4,
                             rules=[frozenset({"DATE001", "NUM001"})] * 3 + [frozenset({"DATE001"})])
    streamed = [(f.path, f.start, f.code, f.message) for f in corpus_findings(corpus, [dates, numbers])]
    assert streamed == [("a.md", 10, "DATE001", "at 10 of 1"), ("a.md", 10, "NUM001", "at 10 of 0"),
                        ("a.md", 30, "DATE001", "at 30 of 0"), ("a.md", 40, "NUM001", "at 40 of 1"),
                        ("a.md", 50, "DATE001", "at 50 of 1"), ("b.md", 5, "DATE001", "at 5 of 2"),
                        ("b.md", 5, "NUM001", "at 5 of 2")]  # c.md ignores NUM001: its finding dropped
    everything = [f for spec in (dates, numbers) for f in corpus_findings(corpus, [spec])]
    assert streamed == [(f.path, f.start, f.code, f.message) for f in sorted(everything, key=_place)]
    backwards = replace(rules["DATE001"], corpus_check=check((2, 5), (0, 30)))
    with pytest.raises(RuntimeError, match="DATE001: hits out of the corpus's order"):
        list(corpus_findings(corpus, [backwards]))
