"""Property-based fuzzing of the verification against cited works: whatever the manuscript and the
source say, nothing raises, every finding's excerpt is its span of the manuscript, and every
passage (evidence, related place) is its span of the source's text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.config import Settings
from factcheck.context import AuditContext
from factcheck.documents import Document
from factcheck.extract import extract
from factcheck.rules.registry import run_rules, select_rules
from factcheck.verify import Cited, verify, with_evidence
from factcheck.verify.library import SourceLibrary, SourceText
from factcheck.verify.quote_pattern import parse_quote
from factcheck.verify.quote_search import SourceWords, search_quote
from factcheck.verify.words import words_of
from tests.robust.test_fuzz import fuzz, texts

REFERENCE = "\n\n## References\n\nSmith, J. (2019). A study of rivers. River Press.\n"
QUOTED = st.lists(st.sampled_from(["“", "”", "\"", "(Smith, 2019)", " 2019", " 12 km", " 40 percent", "…", "[...]",
                                   "[the river]", "[T]he", " the river rose", " in March 2019"]) | texts,
                  max_size=6).map(lambda parts: "".join(p if isinstance(p, str) else "".join(p) for p in parts))


@fuzz(150)
@given(manuscript=texts, quoted=QUOTED, source=texts)
def test_verification_of_any_text_against_any_source(manuscript, quoted, source):
    text = f"{manuscript} The report says \"{quoted}\" (Smith, 2019). It rose 12 km in 2019 (Smith, 2019).{REFERENCE}"
    doc = Document(path="m.md", format="md", text=text)
    source_doc = Document(path="cited/s.txt", format="txt", text=source + " the river rose 12 km in 2019.")
    library = SourceLibrary("cited", (SourceText("cited/s.txt", "s.txt", source_doc),),
                            mapping={"Smith, J. (2019). A study of rivers": "s.txt"})
    ex = extract(doc)
    verification = verify(text, Cited(ex.claims, ex.citations, ex.attributions, ex.references, ex.notes, ex.links),
                          library)
    for check in (*verification.quotes, *verification.figures):
        assert 0 <= check.start <= check.end <= len(text)
        if check.passage is not None:
            p = check.passage
            assert source_doc.text[p.start:p.end] == p.text
            assert p.start <= p.match_start <= p.match_end <= p.end
    for claim in with_evidence(ex.claims, verification, text):
        for e in claim.evidence:
            assert source_doc.text[e.start:e.end] == e.passage
            assert source_doc.text[e.match_start:e.match_end] == e.found


@fuzz(300)
@given(quote=texts, source=texts)
def test_quote_search_of_anything(quote, source):
    pattern = parse_quote(quote, 0, len(quote))
    words = SourceWords(words_of(source))
    match = search_quote(pattern, words)
    assert match.status in ("found", "altered", "missing")
    for _, qi, si in match.ops:
        assert qi is None or 0 <= qi < len(pattern.words)
        assert si is None or 0 <= si < len(words)
    for w in pattern.words:
        assert 0 <= w.start < w.end <= len(quote)


def test_the_rules_read_an_audit_context_with_sources(tmp_path):
    cited = tmp_path / "cited"
    cited.mkdir()
    (cited / "s.txt").write_text("A study of rivers\n\nJ. Smith\n\nThe river rose 12 km in 2019.\n", encoding="utf-8")
    text = "The river rose 14 km in 2019 (Smith, 2019)." + REFERENCE
    doc = Document(path="m.md", format="md", text=text)
    ctx = AuditContext(document=doc, extraction=extract(doc), settings=Settings(sources=str(cited)))
    findings = run_rules(ctx, select_rules(("CLM",)))
    assert [(f.code, f.excerpt, f.suggestion) for f in findings] == [("CLM004", "14 km", "12 km")]
    assert all(text[f.start:f.end] == f.excerpt for f in findings)
