"""A Word manuscript made from a typeset page: a paragraph at every old line end, inside
sentences and inside a citation, with empty paragraphs between some of them. The reader joins
the broken lines (``factcheck.documents.docx_breaks``) and keeps real paragraph ends."""

from __future__ import annotations

from make_docx import make_docx
from twin import check_segments

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document

BLOCKS = [
    ("h1", "Gauging the Lower Vell"),
    ("p", "Gauges on regulated rivers are read every fifteen minutes, and the"),
    ("p", "loads they give are compared with bottle samples taken at high flows (Okafor, Brandt,"),
    ("p", ""),
    ("p", "& Lund, 2019). The comparison holds for fine silt but not for sand."),
    ("p", "Figure 1. Loads at the middle gauge"),
    ("p", "Sand is carried in pulses that the turbidity probes do not see, as the older surveys"),
    ("p", "already noted (Varga, 2015)."),
    ("h1", "References"),
    ("p", "Okafor, N., Brandt, K., & Lund, P. (2019). Gauges and bottles. River Studies, 4(2), 11–29."),
    ("p", "Varga, L. (2015). Sand in slow rivers. Delta Books."),
]


def test_lines_broken_by_a_converter_are_joined(tmp_path):
    path = make_docx(tmp_path / "manuscript.docx", BLOCKS)
    doc = load_document(path)
    assert doc.text.split("\n\n")[:5] == [
        "Gauging the Lower Vell",
        "Gauges on regulated rivers are read every fifteen minutes, and the loads they give are compared with "
        "bottle samples taken at high flows (Okafor, Brandt, & Lund, 2019). The comparison holds for fine silt "
        "but not for sand.",
        "Figure 1. Loads at the middle gauge",  # stops on a letter, but the next line opens in capitals
        "Sand is carried in pulses that the turbidity probes do not see, as the older surveys already noted "
        "(Varga, 2015).",
        "References"]
    joins = [doc.text[s.start:s.end] for s in doc.segments if s.origin == "joined"]
    assert joins == [" ", " ", " "]
    check_segments(doc)
    result = audit_document(doc, Settings())
    entries = {entry.id: entry.text for entry in result.extraction.references}
    links = {link.citation_id: link.target_id for link in result.extraction.links}
    assert [(c.text, entries[links[c.id]][:10]) for c in result.extraction.citations] == [
        ("Okafor, Brandt, & Lund, 2019", "Okafor, N."), ("Varga, 2015", "Varga, L. ")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code.startswith(("CIT", "REF"))] == []
