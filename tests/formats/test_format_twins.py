"""The same document as .txt, .html, .pdf and .docx loads to the same text and metadata."""

from __future__ import annotations

import pytest
from twin import EXPECTED, check_segments, write_twins

from factcheck.documents import load_document


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    paths = write_twins(tmp_path_factory.mktemp("twins"))
    return {fmt: load_document(path) for fmt, path in paths.items()}


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf", "docx"])
def test_same_text(twins, fmt):
    doc = twins[fmt]
    assert doc.format == fmt
    assert doc.text.rstrip("\n") == EXPECTED
    check_segments(doc)


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_same_metadata_and_markers(twins, fmt):
    doc, txt = twins[fmt], twins["txt"]
    assert (doc.metadata.title, doc.metadata.published) == (txt.metadata.title, txt.metadata.published)
    assert doc.metadata.own_dates == txt.metadata.own_dates
    marker = EXPECTED.index("[1]")
    seg = doc.segment_at(marker)
    assert (seg.origin, seg.start, seg.end) == ("marker", marker, marker + 3)
    note = doc.segment_at(EXPECTED.index("[1] Survey"))
    assert note.origin == "note"
