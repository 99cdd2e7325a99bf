"""External bibliographies: BibTeX and CSL-JSON into reference entries with spans in the file.

All works below are fictional.
"""

from __future__ import annotations

import json

import pytest

from factcheck.documents.model import LoadError
from factcheck.citations.bib import load_bibliography
from factcheck.citations.model import Author

BIB = """\
% fictional bibliography
@article{quill2018,
  author  = {Quill, Marta and Tomas Rask and others},
  title   = {Canals of the {North}: a Caf{\\'e} Survey},
  journal = {Journal of Inland Waters},
  year    = 2018, month = mar,
  doi     = {https://doi.org/10.5555/jiw.2018.3}
}

@book{waterboard2020,
  author    = {{Waterboard of the Lower Valley}},
  title     = {Annual Soundings},
  publisher = {Valley Press},
  date      = {2020-06-02},
  url       = {https://example.org/soundings}
}

@book{broken,
  title = {Never closed

@misc{notitle, author = {Oake, T.}}
@misc{quill2018, title = {A duplicate key}}
"""


def test_bibtex_entries_fields_and_spans(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    entries, problems = load_bibliography(path)
    assert [e.id for e in entries] == ["b1", "b2", "b3"]
    assert [e.key for e in entries] == ["quill2018", "waterboard2020", "notitle"]
    for e in entries:
        assert e.origin == "bib"
        assert BIB[e.start:e.end] == e.text
    quill, board, notitle = entries
    assert quill.text.startswith("@article{quill2018,") and quill.text.endswith("}")
    assert quill.authors == (Author(surname="Quill", given="Marta", initials="M"),
                             Author(surname="Rask", given="Tomas", initials="T"))
    assert quill.et_al
    assert (quill.year, quill.date) == ("2018", "2018-03")
    assert quill.title == "Canals of the North: a Café Survey"
    assert quill.container == "Journal of Inland Waters"
    assert quill.doi == "10.5555/jiw.2018.3"
    assert board.authors == (Author(surname="Waterboard of the Lower Valley", corporate=True),)
    assert (board.year, board.date, board.container, board.url) == ("2020", "2020-06-02", "Valley Press",
                                                                    "https://example.org/soundings")
    assert notitle.problems == ("no year or date", "no title")
    assert any("could not parse '@book{broken,'" in p for p in problems)
    assert any("duplicate key 'quill2018'" in p for p in problems)


CSL = [
    {"id": "oake2001", "type": "book", "author": [{"family": "Oake", "given": "Tamsin"}],
     "issued": {"date-parts": [[2001, 4]]}, "title": "Canals", "publisher": "Mill Books"},
    {"id": "board", "author": [{"literal": "Waterboard of the Lower Valley"}], "issued": {"date-parts": [[2020, 6, 2]]},
     "title": "Annual Soundings", "container-title": "Valley Bulletin", "URL": "https://example.org/s",
     "DOI": "10.5555/vb.1"},
    "not a record",
    {"id": "bare"},
]


def test_csl_json_entries_and_spans(tmp_path):
    text = json.dumps(CSL, indent=2, ensure_ascii=False)
    path = tmp_path / "refs.json"
    path.write_text(text, encoding="utf-8")
    entries, problems = load_bibliography(path)
    assert [(e.id, e.key) for e in entries] == [("b1", "oake2001"), ("b2", "board"), ("b3", "bare")]
    for e in entries:
        assert text[e.start:e.end] == e.text
        assert json.loads(e.text)["id"] == e.key
    oake, board, bare = entries
    assert oake.authors == (Author(surname="Oake", given="Tamsin", initials="T"),)
    assert (oake.year, oake.date, oake.title, oake.container) == ("2001", "2001-04", "Canals", "Mill Books")
    assert board.authors[0].corporate and board.date == "2020-06-02"
    assert (board.container, board.url, board.doi) == ("Valley Bulletin", "https://example.org/s", "10.5555/vb.1")
    assert bare.problems == ("no author", "no year or date", "no title")
    assert problems == ["item 3: not a CSL-JSON record (a str)"]


def test_csl_json_broken_midway_keeps_earlier_items(tmp_path):
    path = tmp_path / "refs.json"
    path.write_text('[{"id": "a", "title": "T"}, {"id": "b", "title": }]', encoding="utf-8")
    entries, problems = load_bibliography(path)
    assert [e.key for e in entries] == ["a"]
    assert problems and problems[0].startswith("item 2: not valid JSON")


def test_unreadable_files_raise_load_error_and_empty_ones_do_not(tmp_path):
    with pytest.raises(LoadError):
        load_bibliography(tmp_path / "missing.bib")
    with pytest.raises(LoadError):
        load_bibliography(tmp_path)
    empty = tmp_path / "empty.bib"
    empty.write_text("  \n", encoding="utf-8")
    assert load_bibliography(empty) == ([], ["the bibliography is empty"])
    garbage = tmp_path / "garbage.bib"
    garbage.write_text("this is not bibtex at all", encoding="utf-8")
    entries, problems = load_bibliography(garbage)
    assert entries == [] and problems
