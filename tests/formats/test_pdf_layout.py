"""The PDF reader on journal layouts: columns, page furniture, front matter, superscripts.

Each fixture is a PDF of our own (``journal.py``, ``make_layout.py``) set as journals and
preprints set theirs; each test states the text it must read as, what was left out and why,
the citations and what they link to, and that no finding comes from the reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from journal import (AFFILIATIONS, AUTHORS, CAPTION, CITED, DATES, EXPECTED, HEADER, REFERENCES, TITLE, WATERMARK,
                     write_journal)
from make_layout import Frame, Page, Para, make_layout_pdf
from twin import check_glyphs, check_segments, offset_of

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document

# Rules whose findings a misreading produces: a citation cut in two or glued to another column,
# an entry cut after its first line, a note marker with no note, a superscript read as a note.
READING_RULES = ("CIT001", "CIT002", "CIT003", "CIT004", "CIT007", "REF001", "FN001", "FN002", "FN004")


def _links(result) -> dict[str, list[str]]:
    """Citation text -> the texts of the entries it links to."""
    extraction = result.extraction
    entries = {entry.id: entry.text for entry in extraction.references}
    out: dict[str, list[str]] = {}
    for citation in extraction.citations:
        targets = [link.target_id for link in extraction.links if link.citation_id == citation.id]
        out.setdefault(citation.text, []).extend(entries.get(t, t) for t in targets if t)
    return out


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory):
    path = write_journal(tmp_path_factory.mktemp("layout") / "journal.pdf")
    doc = load_document(path)
    return path, doc, audit_document(doc, Settings())


def test_two_columns_read_column_by_column(journal):
    _, doc, _ = journal
    assert doc.text.split("\n\n") == EXPECTED
    check_segments(doc)


def test_every_character_maps_to_its_glyph(journal):
    path, doc, _ = journal
    assert check_glyphs(doc, path) > 2000


def test_word_spaces_are_read_from_gaps_and_marked_inserted(journal):
    _, doc, _ = journal
    start = offset_of(doc, "Dams trap")
    seg = doc.segment_at(start)
    space = start + len("Dams")
    assert doc.text[space] == " " and space - seg.start in seg.inserted
    assert doc.segment_at(start + 1).origin == "text" and 1 not in seg.inserted


def test_citation_cut_by_the_column_break_is_whole_and_mapped_to_both_columns(journal):
    _, doc, _ = journal
    start = offset_of(doc, "(Brandt and Osei, 2017). We test")
    first, last = doc.segment_at(start + 1), doc.segment_at(start + len("(Brandt and Osei"))
    assert first.page == last.page == 1
    assert first.bbox[0] < 300 <= last.bbox[0]  # left column, then right column
    assert doc.segment_at(start + len("(Brandt and")).origin == "joined"


def test_front_matter(journal):
    _, doc, _ = journal
    meta = doc.metadata
    assert meta.title == TITLE
    assert meta.published == "2024-03-05"
    assert [(label, iso, doc.text[s:e]) for label, iso, s, e in meta.own_dates] == [
        ("received", "2023-10-12", "12 October 2023"), ("accepted", "2024-02-02", "2 February 2024"),
        ("published", "2024-03-05", "5 March 2024")]
    regions = [(r.kind, doc.text[r.start:r.end]) for r in doc.regions]
    assert regions[:4] == [("title", TITLE), ("byline", AUTHORS), *[("byline", a) for a in AFFILIATIONS]]
    assert ("caption", CAPTION) in regions
    assert [text for kind, text in regions if kind == "heading"] == ["Abstract", "1 Introduction", "2 Results",
                                                                     "References"]
    assert ("references", "\n\n".join(REFERENCES)) in regions
    assert DATES in doc.text.split("\n\n")


def test_page_furniture_is_left_out_and_kept(journal):
    _, doc, _ = journal
    left = [(item.kind, item.text, item.locator) for item in doc.left_out]
    assert [(k, t, p) for k, t, p in left if k == "watermark"] == [
        ("watermark", WATERMARK, f"page {n}") for n in (1, 2, 3)]
    assert [(t, p) for k, t, p in left if k == "running-header"] == [
        ("1", "page 1"), (HEADER, "page 2"), ("2", "page 2"), (HEADER, "page 3"), ("3", "page 3")]
    assert [t for k, t, _ in left if k == "affiliation-mark"] == ["1,*", "2", "1", "1", "2"]
    assert HEADER not in doc.text and "Downloaded" not in doc.text


def test_citations_link_to_whole_entries_and_nothing_is_misread(journal):
    _, _, result = journal
    links = _links(result)
    for text, entry in CITED.items():
        assert [target[:len(entry)] for target in links[text]] in ([entry], [entry, entry]), text
    assert all(target in REFERENCES for text, targets in links.items() if text != "[1]" for target in targets)
    assert [(f.code, f.excerpt) for f in result.findings if f.code in READING_RULES] == []


# -- a preprint with line numbers in the margin ----------------------------------------------------

PREPRINT = [
    Page([Frame(90, 60, 430, [
        Para(["Grazing pressure on upland meadows", "in the Lanfeld hills"], size=16, bold=True, justify=False),
        Para(["Moraine meadows lose plant cover where herds gather in spring, and recovery takes several",
              "summers once grazing stops (Moreau", "et al., 2018). We fenced six plots in 2021 and counted",
              "the returning species every June."], size=10, gap=10),
        Para(["Cover recovered fastest on the wettest plots, as earlier surveys of the same slopes",
              "suggested (Haddad and Varga, 2020)."], size=10, indent=14),
        Para(["References"], size=12, bold=True, justify=False, gap=10),
        Para(["Haddad, M., & Varga, L. (2020). Meadow recovery after fencing: twelve sites in",
              "the Lanfeld hills. Journal of Upland Ecology, 7(3), 101-118."], size=9, hanging=14, gap=4),
        Para(["Moreau, P., Diallo, S., & Kerr, J. (2018). Trampling and soil loss on alpine moraine",
              "meadows. Alpine Botany, 22, 41-57."], size=9, hanging=14),
    ])]),
]
PREPRINT_TEXT = [
    "Grazing pressure on upland meadows in the Lanfeld hills",
    "Moraine meadows lose plant cover where herds gather in spring, and recovery takes several summers once "
    "grazing stops (Moreau et al., 2018). We fenced six plots in 2021 and counted the returning species every June.",
    "Cover recovered fastest on the wettest plots, as earlier surveys of the same slopes suggested (Haddad and "
    "Varga, 2020).",
    "References",
    "Haddad, M., & Varga, L. (2020). Meadow recovery after fencing: twelve sites in the Lanfeld hills. Journal of "
    "Upland Ecology, 7(3), 101-118.",
    "Moreau, P., Diallo, S., & Kerr, J. (2018). Trampling and soil loss on alpine moraine meadows. Alpine Botany, "
    "22, 41-57.",
]


def test_margin_line_numbers_are_left_out(tmp_path):
    path = make_layout_pdf(tmp_path / "preprint.pdf", PREPRINT, line_numbers=True)
    doc = load_document(path)
    assert doc.text.split("\n\n") == PREPRINT_TEXT
    assert [(item.kind, item.text) for item in doc.left_out] == [("line-numbers", "1–13")]
    check_glyphs(doc, path)
    result = audit_document(doc, Settings())
    links = _links(result)
    assert [t[:10] for t in links["Moreau et al., 2018"]] == ["Moreau, P."]
    assert [t[:10] for t in links["Haddad and Varga, 2020"]] == ["Haddad, M."]
    assert [(f.code, f.excerpt) for f in result.findings if f.code in READING_RULES] == []


def test_line_numbering_goes_on_onto_a_page_with_a_single_line(tmp_path):
    """A last page holding only a heading (a table below it, as an image) has one line number:
    too few for a column, but it goes on counting from the page before, in the same size."""
    appendix = Page([Frame(72, 60, 460, [Para(["Supplementary Material"], size=12, bold=True, justify=False)])])
    path = make_layout_pdf(tmp_path / "preprint.pdf", [*PREPRINT, appendix], line_numbers=True)
    doc = load_document(path)
    assert doc.text.split("\n\n") == [*PREPRINT_TEXT, "Supplementary Material"]
    assert [(item.kind, item.text, item.locator) for item in doc.left_out] == [
        ("line-numbers", "1–13", "page 1"), ("line-numbers", "14", "page 2")]
    result = audit_document(doc, Settings())
    assert [(f.code, f.excerpt) for f in result.findings if f.code in READING_RULES] == []


# -- superscripts: Nature-style citations, exponents ------------------------------------------------

NATURE = [Page([Frame(72, 60, 460, [
    Para(["Snow lines rose by 80 m per decade across the range^1,2, faster than models predicted^3-5."],
         size=10, justify=False),
    Para(["The basin covers 2^10 square kilometres, and its glaciers lost 4 × 10^8 m^3 of ice since 1990^6."],
         size=10, justify=False, gap=6),
    Para(["References"], size=12, bold=True, justify=False, gap=8),
    *[Para([entry], size=9, justify=False) for entry in (
        "1. Okafor N, Lindqvist E. Snow lines in the Lanfeld range. J Glaciol. 2019;65:1-9.",
        "2. Haddad M. Forty years of snow-line surveys. Cryosphere Lett. 2020;4:22-30.",
        "3. Varga L, Chen Y. Modelled snow cover under warming. Clim Dyn. 2015;44:300-12.",
        "4. Moreau P. Regional snow models revisited. Clim Dyn. 2018;51:77-90.",
        "5. Brandt K, Osei A. Why models miss snow-line change. Geophys Res. 2017;12:5-15.",
        "6. Tanaka H. Glacier mass balance of the Lanfeld range. Ann Glaciol. 2021;62:40-52.")],
])])]


def test_superscripts_are_citations_or_exponents(tmp_path):
    path = make_layout_pdf(tmp_path / "nature.pdf", NATURE)
    doc = load_document(path)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:2] == [
        "Snow lines rose by 80 m per decade across the range[1,2], faster than models predicted[3-5].",
        "The basin covers 2^10 square kilometres, and its glaciers lost 4 × 10^8 m^3 of ice since 1990[6]."]
    for marker in ("[1,2]", "[3-5]", "^10", "^8", "^3", "[6]"):
        seg = doc.segment_at(offset_of(doc, marker))
        assert seg.origin == "marker" and doc.text[seg.start:seg.end] == marker
    check_glyphs(doc, path)
    result = audit_document(doc, Settings())
    entries = {entry.id: entry.text for entry in result.extraction.references}
    cited = sorted((c.text, c.number, entries[link.target_id].split()[0]) for c in result.extraction.citations
                   for link in result.extraction.links if link.citation_id == c.id)
    assert cited == [("[1,2]", 1, "Okafor"), ("[1,2]", 2, "Haddad"), ("[3-5]", 3, "Varga"), ("[3-5]", 4, "Moreau"),
                     ("[3-5]", 5, "Brandt"), ("[6]", 6, "Tanaka")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code in READING_RULES] == []


# -- properties -------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from("river dam silt flow basin reservoir authority upstream gate water levels sediment gauge "
                         "meadow glacier plateau".split())
_LINE = st.lists(_WORDS, min_size=5, max_size=6).map(" ".join)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_LINE, min_size=3, max_size=12), st.lists(_LINE, min_size=3, max_size=12), st.booleans())
def test_random_two_column_pages_read_left_column_first(tmp_path, left, right, numbered):
    """Whatever the words, a page of two columns reads the left column, then the right one, with
    every character in range and mapped to its glyph, and no line number in the text."""
    page = Page([Frame(54, 60, 230, [Para(left, size=9, justify=False)]),
                 Frame(300, 60, 230, [Para(right, size=9, justify=False)])])
    path = make_layout_pdf(tmp_path / "random.pdf", [page], line_numbers=numbered)
    doc = load_document(path)
    check_segments(doc)
    check_glyphs(doc, path)
    assert doc.text.split() == " ".join(left + right).split()


_RIVER = "river river river river river"


@pytest.mark.parametrize(("left", "right"), [
    # The right column's one long line made it look three times wider than a column of short
    # unjustified lines beside it: the left was taken for a sidebar and read second.
    ([_RIVER] * 3, [_RIVER, _RIVER, "river river river basin reservoir reservoir"]),
    # A left column longer than the right one (an article's last page), its last line reaching
    # past the gutter of the lines above: it was read after the right column.
    ([_RIVER] * 6 + ["river river river reservoir reservoir upstream"], [_RIVER] * 3),
], ids=["short lines beside a long one", "left column longer than the right"])
def test_two_columns_found_by_the_property_test_read_left_first(tmp_path, left, right):
    page = Page([Frame(54, 60, 230, [Para(left, size=9, justify=False)]),
                 Frame(300, 60, 230, [Para(right, size=9, justify=False)])])
    doc = load_document(make_layout_pdf(tmp_path / "columns.pdf", [page]))
    check_segments(doc)
    assert doc.text.split() == " ".join(left + right).split()
