"""The Word loader: body order, tables, footnote/endnote markers and bodies, core properties."""

from __future__ import annotations

from datetime import datetime, timezone

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from make_docx import make_docx
from twin import check_segments, offset_of

from factcheck.documents import load_document

BLOCKS = [
    ("h1", "Sediment behind the Lower Kessa Dam"),
    ("p", "Published on 12 June, 2023"),
    ("p", "Silt has filled a fifth of the reservoir since 2016.{fn:silt} Flushing was tried twice{fn:flush} "
          "and abandoned (Okafor & Lindqvist, 2019).{en:methods}"),
    ("li", "Annual dredging^4 was costed in 2021."),
    ("table", [["Year", "Silt (Mt)"], ["2018", "3.1"]]),
    ("p", "A later survey repeated the first finding.{fn:silt}"),
]
FOOTNOTES = {"flush": "Operators' logs, 2020 and 2022.", "silt": "Bathymetric survey.\n\nSee also annex B."}
ENDNOTES = {"methods": "Methods are described in the appendix."}


@pytest.fixture()
def doc(tmp_path):
    path = make_docx(tmp_path / "silt.docx", BLOCKS, footnotes=FOOTNOTES, endnotes=ENDNOTES,
                     title="Sediment report", author="N. Okafor; E. Lindqvist",
                     created=datetime(2013, 12, 23, tzinfo=timezone.utc))
    return load_document(path)


def test_text_in_body_order_with_markers_and_notes(doc):
    assert doc.format == "docx"
    assert doc.text == "\n\n".join([
        "Sediment behind the Lower Kessa Dam",
        "Published on 12 June, 2023",
        "Silt has filled a fifth of the reservoir since 2016.[1] Flushing was tried twice[2] and abandoned "
        "(Okafor & Lindqvist, 2019).[i]",
        "Annual dredging[4] was costed in 2021.",
        "Year", "Silt (Mt)", "2018", "3.1",
        "A later survey repeated the first finding.[1]",
        "Notes",
        "[1] Bathymetric survey. See also annex B.",
        "[2] Operators' logs, 2020 and 2022.",
        "[i] Methods are described in the appendix.",
    ])
    check_segments(doc)


def test_markers_and_notes_are_located(doc):
    marker = doc.segment_at(offset_of(doc, "[2] and"))
    assert (marker.origin, marker.locator, doc.text[marker.start:marker.end]) == ("marker", "paragraph 3", "[2]")
    note = doc.segment_at(offset_of(doc, "[2] Operators"))
    assert (note.origin, note.locator) == ("note", "footnote 2")
    assert doc.segment_at(offset_of(doc, "[i] Methods")).locator == "endnote i"
    assert doc.segment_at(offset_of(doc, "Silt (Mt)")).locator == "paragraph 6"
    assert doc.segment_at(offset_of(doc, "Notes")).origin == "note"


def test_core_properties_but_publication_date_from_the_text(doc):
    meta = doc.metadata
    assert meta.title == "Sediment report"
    assert meta.authors == ("N. Okafor", "E. Lindqvist")
    assert meta.published == "2023-06-12"  # not the file's creation date
    assert dict(meta.extra)["created"].startswith("2013-12-23")


def test_endnote_number_format_from_settings(tmp_path):
    path = make_docx(tmp_path / "en.docx", [("p", "Gates opened.{en:a} Gates closed.{en:b}")],
                     endnotes={"a": "First.", "b": "Second."}, endnote_format="decimal")
    assert load_document(path).text.endswith("Gates opened.[1] Gates closed.[2]\n\nNotes\n\n[1] First.\n\n[2] Second.")


def test_hidden_text_deletions_breaks_and_tabs(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Spillway")
    paragraph.add_run("secret").font.hidden = True
    paragraph.add_run("\tcapacity")
    paragraph.add_run().add_break()
    paragraph.add_run("rose ")
    deleted = paragraph.add_run("sharply")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    wrapper = OxmlElement("w:del")
    wrapper.set(qn("w:id"), "1")
    wrapper.set(qn("w:author"), "editor")
    deleted._r.addprevious(wrapper)
    wrapper.append(deleted._r)
    for t in deleted._r.iter(qn("w:t")):
        t.tag = qn("w:delText")
    paragraph.add_run("in 2020.")
    document.add_paragraph("   ")
    document.add_paragraph("Second paragraph.")
    path = tmp_path / "runs.docx"
    document.save(str(path))
    doc = load_document(path)
    assert doc.text == "Spillway\tcapacity\nrose in 2020.\n\nSecond paragraph."
    assert doc.segment_at(offset_of(doc, "Second")).locator == "paragraph 3"


def test_document_without_notes_part(tmp_path):
    path = make_docx(tmp_path / "plain.docx", [("p", "No notes here, only a claim of 40,000 hectares.")])
    doc = load_document(path)
    assert doc.text == "No notes here, only a claim of 40,000 hectares."
    assert doc.metadata.title is None


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")), max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["p", "h1", "li"]), _TEXT), min_size=1, max_size=6))
def test_random_documents_give_in_range_segments(tmp_path, blocks):
    blocks = [(kind, text.replace("{", "(").replace("^", "~")) for kind, text in blocks]
    if not any(text.strip() for _, text in blocks):
        blocks.append(("p", "x"))
    doc = load_document(make_docx(tmp_path / "random.docx", blocks))
    check_segments(doc)
    assert doc.text.split() == [w for _, text in blocks for w in text.split()]


def test_content_controls_hyperlinks_and_insertions_are_read(tmp_path):
    from docx.oxml import OxmlElement

    document = docx.Document()
    first = document.add_paragraph("Inside a content control.")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    first._p.addprevious(sdt)
    sdt.append(content)
    content.append(first._p)
    second = document.add_paragraph("See ")
    link_run = second.add_run("the basin report")
    link = OxmlElement("w:hyperlink")
    link_run._r.addprevious(link)
    link.append(link_run._r)
    inserted = second.add_run(" (revised)")
    insertion = OxmlElement("w:ins")
    inserted._r.addprevious(insertion)
    insertion.append(inserted._r)
    second.add_run(".")
    path = tmp_path / "structures.docx"
    document.save(str(path))
    assert load_document(path).text == "Inside a content control.\n\nSee the basin report (revised)."
