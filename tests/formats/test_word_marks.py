"""Word documents as editors receive them: raised digits read from their context, styles as
regions, and citations inserted by Zotero and Mendeley linked to exactly the works they name.

Every document here is our own (``make_word``): invented authors, works and CSL-JSON items.
"""

from __future__ import annotations

import json

import pytest
from make_word import make_word

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.documents.docx_marks import classify_raised
from factcheck.pipeline import audit_document

NATURE_LIKE = [
    ("Title", "Drift litter on estuary shores"),
    (None, "Ilse Marrow^{1} & Tobiah Quell^{1,2} & Wynn Ostrander^^{2}"),
    (None, "^{1}Institute of Shore Studies, Kelmere"),
    (None, "^{2}Department of Tides, Orwick"),
    ("Heading 1", "Introduction"),
    (None, "Litter drifts with the tide before it strands on the shore.^{1,2} A survey grid of 2^{20} cells "
           "covers the estuary, each 10 m^{2} in area.^{3} Counts fell after the storm of 2019^{4–5} and the "
           "`tidewrack` counter^{6} records them."),
    ("Heading 1", "References"),
    (None, "1. Marrow, I. & Fenwick, H. Tidal transport of floating debris. Estuarine Letters 7, 1–14 (2019)."),
    (None, "2. Quell, T. Counting the Strandline (Saltmarsh Press, 2021)."),
    (None, "3. Ostrander, W. A protocol for strandline surveys. Coastal Methods 3, 20–31 (2020)."),
    (None, "4. Fenwick, H. Storm surges and stranded debris. Estuarine Letters 9, 40–52 (2020)."),
    (None, "5. Pell, A. Gulls and litter. Shore Notes 2, 5–9 (2018)."),
    (None, "6. Quell, T. & Marrow, I. tidewrack: a counter for strandline surveys. Coastal Software 1, 1–3 (2022)."),
]


def test_raised_marks_read_from_their_context(tmp_path):
    doc = load_document(make_word(tmp_path / "nature.docx", NATURE_LIKE))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:5] == ["Drift litter on estuary shores", "Ilse Marrow & Tobiah Quell & Wynn Ostrander",
                              "Institute of Shore Studies, Kelmere", "Department of Tides, Orwick", "Introduction"]
    assert paragraphs[5] == ("Litter drifts with the tide before it strands on the shore.[1,2] A survey grid of 2^20 "
                             "cells covers the estuary, each 10 m^2 in area.[3] Counts fell after the storm of "
                             "2019[4–5] and the tidewrack counter[6] records them.")
    assert [(item.kind, item.text) for item in doc.left_out] == [
        ("affiliation-mark", "1"), ("affiliation-mark", "1,2"), ("affiliation-mark", "2"),
        ("affiliation-mark", "1"), ("affiliation-mark", "2")]
    regions = [(r.kind, doc.text[r.start:r.end]) for r in doc.regions]
    assert regions[:7] == [("title", "Drift litter on estuary shores"),
                           ("byline", "Ilse Marrow & Tobiah Quell & Wynn Ostrander"),
                           ("byline", "Institute of Shore Studies, Kelmere"), ("byline", "Department of Tides, Orwick"),
                           ("heading", "Introduction"), ("code", "tidewrack"), ("heading", "References")]
    markers = [doc.text[s.start:s.end] for s in doc.segments if s.origin == "marker"]
    assert markers == ["[1,2]", "^20", "^2", "[3]", "[4–5]", "[6]"]


def test_superscript_citations_link_to_the_numbered_list_and_nothing_is_flagged(tmp_path):
    result = audit_document(load_document(make_word(tmp_path / "nature.docx", NATURE_LIKE)), Settings())
    ex = result.extraction
    labels = {r.id: r.label for r in ex.references}
    links = {link.citation_id: link.target_id for link in ex.links}
    assert [(c.style, c.text, labels.get(links[c.id])) for c in ex.citations] == [
        ("numeric", "[1,2]", "1"), ("numeric", "[1,2]", "2"), ("numeric", "[3]", "3"),
        ("numeric", "[4–5]", "4"), ("numeric", "[4–5]", "5"), ("numeric", "[6]", "6")]
    # REF001 is left out: Nature's entry form ("Marrow, I. & Fenwick, H. Title. Journal 7, 1–14
    # (2019).") is for the entry parser (citations/entries.py) to read, not for the Word reader.
    assert [(f.code, f.excerpt) for f in result.findings if f.code.startswith(("CIT", "FN", "NUM", "DATE", "SPL"))] == []


def test_a_digit_raised_after_a_word_in_the_body_is_not_an_affiliation(tmp_path):
    # No author block here: the first paragraph after the title already cites.
    doc = load_document(make_word(tmp_path / "plain.docx", [
        ("Title", "Strandline counts"), (None, "Annual counts^{4} rose."), (None, "Second^{5} paragraph.")]))
    assert doc.text.split("\n\n")[1:] == ["Annual counts[4] rose.", "Second[5] paragraph."]
    assert doc.left_out == () and not any(r.kind == "byline" for r in doc.regions)


@pytest.mark.parametrize("raised, before, byline, expected", [
    ("1", "Marrow", True, ("affiliation", "1")),
    ("*", "Quell", True, ("affiliation", "*")),
    ("1,2", "shore.", False, ("marker", "[1,2]")),
    ("4–6", "storms", False, ("marker", "[4–6]")),
    ("20", "grid of 2", False, ("exponent", "^20")),
    ("2", "R", False, ("exponent", "^2")),
    ("−1", "m s", False, ("exponent", "^−1")),
    ("2", "12 km", False, ("exponent", "^2")),
    ("3", "in 2019", False, ("marker", "[3]")),
    ("th", "the 19", False, None),
])
def test_classify_raised(raised, before, byline, expected):
    assert classify_raised(raised, before, byline) == expected


# -- reference managers -------------------------------------------------------------------------

def _item(number, family, given, year, title, container, extra=None):
    data = {"id": number, "type": "article-journal", "title": title, "container-title": container,
            "author": [{"family": f, "given": g} for f, g in zip(family, given)],
            "issued": {"date-parts": [[year]]}}
    data.update(extra or {})
    return data


MARROW = _item(101, ["Marrow", "Fenwick"], ["Ilse", "Hollis"], 2019, "Tidal transport of floating debris",
               "Estuarine Letters", {"DOI": "10.5555/estl.2019.7"})
QUELL = _item(102, ["Quell"], ["Tobiah"], 2021, "Counting the strandline", "Saltmarsh Press")
OSTRANDER = _item("ITEM-1", ["Ostrander"], ["Wynn"], 2020, "A protocol for strandline surveys", "Coastal Methods")


def zotero(*items, locators=()):
    citation = {"citationID": "zq1", "properties": {"formattedCitation": "…", "noteIndex": 0},
                "citationItems": [{"id": item["id"], "uris": [f"http://zotero.org/users/555/items/K{item['id']}"],
                                   "itemData": item, **({"locator": loc} if loc else {})}
                                  for item, loc in zip(items, list(locators) + [None] * len(items))],
                "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"}
    return "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(citation)


def mendeley(item, locator):
    citation = {"citationItems": [{"id": item["id"], "itemData": item, "locator": locator,
                                   "uris": ["http://www.mendeley.com/documents/?uuid=3f1c2e"]}],
                "mendeley": {"formattedCitation": "…"}, "properties": {"noteIndex": 0}}
    return "ADDIN CSL_CITATION " + json.dumps(citation)


FIELDS = {"z1": zotero(MARROW), "z2": zotero(MARROW, QUELL), "m1": mendeley(OSTRANDER, "22"),
          "bib": "ADDIN ZOTERO_BIBL {\"uncited\":[],\"omitted\":[],\"custom\":[]} CSL_BIBLIOGRAPHY"}
BODY = [
    ("Title", "Strandline surveys"),
    ("Heading 1", "Introduction"),
    (None, "Litter drifts with the tide {field:z1}(Marrow & Fenwick, 2019){/field}. Surveys follow a fixed "
           "protocol {simple:m1}(Ostrander, 2020, p. 22){/simple}."),
    (None, "Counts on four estuaries agree {field:z2}(Marrow & Fenwick, 2019; Quell, 2021){/field}."),
]
BIBLIOGRAPHY = [
    ("Heading 1", "References"),
    (None, "{field:bib}Marrow, I., & Fenwick, H. (2019). Tidal transport of floating debris. Estuarine Letters, 7, 1–14."),
    (None, "Ostrander, W. (2020). A protocol for strandline surveys. Coastal Methods, 3, 20–31."),
    (None, "Quell, T. (2021). Counting the strandline. Saltmarsh Press.{/field}"),
]


def _linked(result):
    ex = result.extraction
    refs = {r.id: r for r in ex.references}
    links = {link.citation_id: link for link in ex.links}
    return [(c.text, refs[links[c.id].target_id].text[:9] if links[c.id].target_id else None) for c in ex.citations]


def test_fields_are_read_with_their_items_and_the_bibliography_is_a_region(tmp_path):
    doc = load_document(make_word(tmp_path / "zotero.docx", BODY + BIBLIOGRAPHY, fields=FIELDS))
    shown = [(doc.text[f.start:f.end], [(i.key, i.locator) for i in f.items]) for f in doc.fields]
    assert shown == [("(Marrow & Fenwick, 2019)", [("101", None)]), ("(Ostrander, 2020, p. 22)", [("ITEM-1", "22")]),
                     ("(Marrow & Fenwick, 2019; Quell, 2021)", [("101", None), ("102", None)])]
    assert doc.fields[0].items[0].uris == ("http://zotero.org/users/555/items/K101",)
    assert json.loads(doc.fields[1].items[0].data)["title"] == "A protocol for strandline surveys"
    references = [doc.text[r.start:r.end] for r in doc.regions if r.kind == "references"]
    assert len(references) == 1 and references[0].startswith("Marrow, I.") and references[0].endswith("Saltmarsh Press.")
    assert "ADDIN" not in doc.text and "citationItems" not in doc.text


def test_field_citations_link_to_the_documents_own_entries(tmp_path):
    result = audit_document(load_document(make_word(tmp_path / "zotero.docx", BODY + BIBLIOGRAPHY, fields=FIELDS)),
                            Settings())
    assert _linked(result) == [("Marrow & Fenwick, 2019", "Marrow, I"), ("Ostrander, 2020", "Ostrander"),
                               ("Marrow & Fenwick, 2019", "Marrow, I"), ("Quell, 2021", "Quell, T.")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code.startswith(("CIT", "REF"))] == []


def test_without_a_bibliography_the_items_are_the_entries(tmp_path):
    result = audit_document(load_document(make_word(tmp_path / "zotero.docx", BODY, fields=FIELDS)), Settings())
    ex = result.extraction
    assert [(r.key, r.authors[0].surname, r.year, r.title) for r in ex.references] == [
        ("101", "Marrow", "2019", "Tidal transport of floating debris"),
        ("ITEM-1", "Ostrander", "2020", "A protocol for strandline surveys"),
        ("102", "Quell", "2021", "Counting the strandline")]
    assert _linked(result) == [("Marrow & Fenwick, 2019", "(Marrow &"), ("Ostrander, 2020", "(Ostrande"),
                               ("Marrow & Fenwick, 2019", "(Marrow &"), ("Quell, 2021", "(Marrow &")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code.startswith(("CIT", "REF"))] == []


def test_an_item_the_list_lacks_and_an_edited_year_are_found(tmp_path):
    body = [BODY[0], BODY[1], BODY[2],
            (None, "Counts on four estuaries agree {field:z2}(Marrow & Fenwick, 2018; Quell, 2021){/field}.")]
    bibliography = BIBLIOGRAPHY[:3] + [(None, "Pell, A. (2018). Gulls and litter. Shore Notes, 2, 5–9.{/field}")]
    result = audit_document(load_document(make_word(tmp_path / "stale.docx", body + bibliography, fields=FIELDS)),
                            Settings(select=("CIT",)))
    assert [(f.code, f.excerpt) for f in result.findings] == [
        ("CIT004", "Marrow & Fenwick, 2018"), ("CIT001", "Quell, 2021"), ("CIT002", "Pell, A. (2018)")]


def test_a_field_in_a_footnote_links_the_note_to_its_work(tmp_path):
    paragraphs = [("Title", "Strandline surveys"), (None, "Litter drifts with the tide.{fn:a}")] + BIBLIOGRAPHY
    footnotes = {"a": "{field:z1}Ilse Marrow and Hollis Fenwick, “Tidal Transport of Floating Debris,” "
                      "Estuarine Letters 7 (2019): 3.{/field}"}
    result = audit_document(load_document(make_word(tmp_path / "notes.docx", paragraphs, fields=FIELDS,
                                                    footnotes=footnotes)), Settings())
    ex = result.extraction
    assert result.document.text.endswith("Notes\n\n[1] Ilse Marrow and Hollis Fenwick, “Tidal Transport of Floating "
                                         "Debris,” Estuarine Letters 7 (2019): 3.")
    links = {link.citation_id: link.target_id for link in ex.links}
    refs = {r.id: r.text[:9] for r in ex.references}
    shown = [(c.style, c.text[:12], refs.get(links[c.id], links[c.id])) for c in ex.citations]
    assert shown == [("note", "[1]", "n1.1"), ("pandoc", "Ilse Marrow ", "Marrow, I")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code.startswith(("CIT", "FN"))] == [
        ("CIT002", "Ostrander, W. (2020)"), ("CIT002", "Quell, T. (2021)")]
