"""The PDF loader: text shape, character mapping, headers/footers, hyphens, notes."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from fpdf import FPDF
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from make_pdf import make_pdf
from twin import EXPECTED, NOTE, PDF_PAGES, RUNNING_HEADER, check_glyphs, check_segments, offset_of

from factcheck.documents import load_document


@pytest.fixture(scope="module")
def kessa(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    path = make_pdf(tmp_path_factory.mktemp("pdf") / "kessa.pdf", PDF_PAGES, header=RUNNING_HEADER,
                    page_numbers=True, footnotes={0: [f"^1 {NOTE}"]}, title="kessa-final-v3.docx")
    return path, load_document(path)


def test_text_has_the_shape_of_the_txt_twin(kessa):
    _, doc = kessa
    assert doc.format == "pdf"
    assert doc.text == EXPECTED
    check_segments(doc)


def test_running_header_and_page_numbers_are_removed(kessa):
    _, doc = kessa
    assert RUNNING_HEADER not in doc.text
    assert not {"1", "2", "3"} & set(doc.text.split("\n\n"))


def test_hyphenated_word_is_mended_but_compound_keeps_its_hyphen(kessa):
    _, doc = kessa
    assert "according to the information released" in doc.text
    assert "infor-" not in doc.text
    assert "the Indo-Pacific trade" in doc.text
    # the two halves of "information" keep their own lines on page 1
    start = offset_of(doc, "information")
    first, second = doc.segment_at(start), doc.segment_at(start + len("infor"))
    assert first is not second and first.page == second.page == 1
    assert second.bbox[1] > first.bbox[1]


def test_lines_are_joined_by_marked_spaces(kessa):
    _, doc = kessa
    glue = doc.segment_at(offset_of(doc, "of negotiation") + 2)
    assert glue.origin == "joined" and doc.text[glue.start:glue.end] == " "


def test_paragraph_runs_on_across_the_page_break(kessa):
    _, doc = kessa
    start = offset_of(doc, "rivers. The authority disputes")
    before, after = doc.page_of(start), doc.page_of(start + len("rivers. The "))
    assert (before, after) == (1, 2)
    assert doc.segment_at(start + len("rivers. The")).origin == "joined"


def test_superscript_becomes_a_marker_mapped_to_its_box(kessa):
    path, doc = kessa
    start = offset_of(doc, "2019).[1]") + len("2019).")
    marker = doc.segment_at(start)
    assert (marker.start, marker.end, marker.origin, marker.page) == (start, start + 3, "marker", 1)
    with pdfplumber.open(path) as pdf:
        one = [c for c in pdf.pages[0].chars if c["text"] == "1" and c["size"] < 10 and c["top"] < 400]
    assert len(one) == 1
    assert marker.bbox == pytest.approx((one[0]["x0"], one[0]["top"], one[0]["x1"], one[0]["bottom"]), abs=0.01)
    assert marker.char_x[1] == pytest.approx(one[0]["x0"], abs=0.01)
    line = doc.segment_at(start - 1)
    assert marker.bbox[1] < line.bbox[1]  # raised above its line


def test_every_copied_character_is_its_glyph_on_the_page(kessa):
    path, doc = kessa
    assert check_glyphs(doc, path) > 700


def test_every_character_maps_into_its_word_box(kessa):
    path, doc = kessa
    with pdfplumber.open(path) as pdf:
        words = {(w["text"], i + 1): w for i, page in enumerate(pdf.pages) for w in page.extract_words()}
    for word, page in (("riparian", 1), ("regional", 2), ("Hydropolitics,", 3)):
        box = words[(word, page)]
        start = offset_of(doc, word)
        seg = doc.segment_at(start)
        assert seg.page == page and seg.origin == "text"
        xs = seg.char_x[start - seg.start : start - seg.start + len(word)]
        assert len(xs) == len(word)
        assert all(box["x0"] - 0.01 <= x < box["x1"] for x in xs)
        assert xs == tuple(sorted(xs))
        assert seg.bbox[1] <= box["top"] + 0.01 and box["bottom"] <= seg.bbox[3] + 0.01


def test_footnote_moves_to_the_notes(kessa):
    _, doc = kessa
    assert doc.text.endswith(f"\n\nNotes\n\n[1] {NOTE}")
    note = doc.segment_at(offset_of(doc, "[1] Survey"))
    assert (note.origin, note.locator, note.page) == ("note", "footnote 1", 1)


def test_metadata_from_the_text_and_info_as_extras(kessa):
    _, doc = kessa
    assert doc.metadata.title == "The Lower Kessa Dam and its Critics"
    assert doc.metadata.published == "2024-03-05"
    extra = dict(doc.metadata.extra)
    assert extra["pdf_title"] == "kessa-final-v3.docx"
    assert extra["pages"] == "3"


def test_bare_page_number_on_a_single_page_is_dropped(tmp_path):
    path = make_pdf(tmp_path / "one.pdf", [[["A single page about sediment in the reservoir."]]], page_numbers=True)
    assert load_document(path).text == "A single page about sediment in the reservoir."


def test_exponent_after_a_digit_is_not_a_note(tmp_path):
    path = make_pdf(tmp_path / "exp.pdf", [[["The basin holds 10^6 cubic metres of silt."]]])
    doc = load_document(path)
    assert doc.text == "The basin holds 10^6 cubic metres of silt."
    power = doc.segment_at(offset_of(doc, "^6"))
    assert (doc.text[power.start:power.end], power.origin, power.inserted) == ("^6", "marker", (0,))


def test_indented_and_spaced_paragraphs_break(tmp_path):
    pages = [[["First paragraph about the spillway, which is short."],
              ["Second paragraph after a larger gap between the lines."]]]
    doc = load_document(make_pdf(tmp_path / "gap.pdf", pages))
    assert doc.text.split("\n\n") == [line[0] for line in pages[0]]


_WORDS = st.sampled_from("river dam silt flow basin reservoir authority upstream gate water levels".split())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.lists(_WORDS, min_size=1, max_size=9).map(" ".join), min_size=1, max_size=4),
                min_size=1, max_size=4))
def test_random_pages_give_in_range_segments(tmp_path, blocks):
    path = make_pdf(tmp_path / "random.pdf", [blocks])
    doc = load_document(path)
    check_segments(doc)
    check_glyphs(doc, path)
    words = [w for block in blocks for line in block for w in line.split()]
    assert doc.text.split() == words


def test_footnotes_running_over_a_page_and_plain_labels(tmp_path):
    pages = [[["The weir was raised twice.^1 Its gates were replaced in 2011.^2"]],
             [["Inspections resumed after the flood of 2014.^3"]]]
    notes = {0: ["^1 Board minutes, 1998; the second raising", "is undocumented.", "^2 Contract 44/2011, which",
                 "was later"],
             1: ["amended twice.", "3 Flood report, 2015."]}
    doc = load_document(make_pdf(tmp_path / "notes.pdf", pages, footnotes=notes))
    assert doc.text == "\n\n".join([
        "The weir was raised twice.[1] Its gates were replaced in 2011.[2]",
        "Inspections resumed after the flood of 2014.[3]",
        "Notes",
        "[1] Board minutes, 1998; the second raising is undocumented.",
        "[2] Contract 44/2011, which was later amended twice.",
        "[3] Flood report, 2015."])
    check_segments(doc)
    assert doc.segment_at(offset_of(doc, "amended")).page == 2
    assert doc.segment_at(offset_of(doc, "[3] Flood")).locator == "footnote 3"


def test_small_print_without_a_label_stays_in_the_body(tmp_path):
    pages = [[["The spillway was tested at full load in 2019."]]]
    doc = load_document(make_pdf(tmp_path / "caption.pdf", pages, footnotes={0: ["Figure 2. Spillway at full load."]}))
    assert doc.text == "The spillway was tested at full load in 2019.\n\nFigure 2. Spillway at full load."


def test_overprinted_fake_bold_is_read_once(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, "Bold heading")
    pdf.text(20.15, 30, "Bold heading")  # printed again a third of a point to the right
    pdf.text(20, 45, "Normal text follows here.")
    path = tmp_path / "bold.pdf"
    pdf.output(str(path))
    assert load_document(path).text == "Bold heading\n\nNormal text follows here."
