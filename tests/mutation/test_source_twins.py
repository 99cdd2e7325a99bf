"""A document audits the same whatever its format: same text, citations, links and findings.

tests/formats/test_format_twins.py checks that the .txt/.html/.pdf/.docx twins of a short
document load to the same text and metadata. Here the check goes one step further, through
extraction and the rules:

- the PDF and Word sources of the demo corpus against their text twins in tools/source-texts/
  (from which tools/make_sources.py typesets them), and a freshly typeset copy of each, so a
  change to the generator or to a twin that breaks the correspondence shows up here;
- the short twin document of tests/formats in all five formats (.txt, .md, .html, .pdf, .docx).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document

ROOT = Path(__file__).resolve().parent.parent.parent
FAMILIES = ("CIT", "REF", "FN")


def _load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_sources = _load_module("make_sources", ROOT / "tools" / "make_sources.py")


def summary(path: Path) -> dict:
    """What must agree between twins, with no offsets (the formats' texts may differ in length)."""
    result = audit_document(load_document(path), Settings(select=FAMILIES))
    ex = result.extraction
    targets = {link.citation_id: link.target_id for link in ex.links}
    return {
        "text": result.document.text.rstrip("\n"),
        "published": result.document.metadata.published,
        "citations": [(c.style, c.text, c.authors, c.year, c.number, c.block) for c in ex.citations
                      if c.style != "attribution"],
        "links": [(c.text, targets.get(c.id)) for c in ex.citations if c.style != "attribution"],
        "references": [(r.text, r.year, r.url, r.doi) for r in ex.references],
        "notes": [(n.id, n.text, n.resolves_to) for n in ex.notes],
        "findings": [(f.code, f.excerpt, f.suggestion) for f in result.findings if f.code.startswith(FAMILIES)],
    }


def _assert_same(got: dict, want: dict) -> None:
    for key in want:  # one key at a time, so a failure names what differs
        assert got[key] == want[key], key


@pytest.mark.parametrize("spec", make_sources.SPECS, ids=lambda s: s.output)
def test_committed_source_matches_its_text_twin(spec):
    twin = make_sources.TEXTS / spec.twin
    _assert_same(summary(make_sources.SOURCES / spec.output), summary(twin))


@pytest.mark.parametrize("spec", make_sources.SPECS, ids=lambda s: s.output)
def test_regenerated_source_matches_its_text_twin(tmp_path, spec):
    path = make_sources.build(spec, tmp_path)
    assert path.stat().st_size < 50 * 1024
    assert make_sources.check(spec, path) == []
    _assert_same(summary(path), summary(make_sources.TEXTS / spec.twin))


def test_pdf_source_is_typeset_as_promised():
    """Two pages or more, a running header and page numbers that the loader drops, superscripts."""
    import pdfplumber

    path = make_sources.SOURCES / "water-tariffs-brief.pdf"
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
        pages = [page.extract_text() for page in pdf.pages]
        sizes = {round(c["size"], 1) for page in pdf.pages for c in page.chars if c["text"].isdigit()}
    assert all("Policy Brief 2024/06" in page.split("\n")[0] for page in pages)
    assert all(page.rstrip().endswith(str(n)) for n, page in enumerate(pages, 1))
    assert min(sizes) < 8  # superscript markers and footnote labels
    text = load_document(path).text
    assert "Meridian Water Forum  |" not in text
    assert "\n\nNotes\n\n[1] " in text


def test_docx_source_has_real_footnotes():
    import zipfile

    with zipfile.ZipFile(make_sources.SOURCES / "dam-safety-memo.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
        notes = z.read("word/footnotes.xml").decode("utf-8")
    assert body.count("<w:footnoteReference") == 3
    assert "Ibid., section 4.2." in notes
    assert "[1]" not in body  # the markers are Word's, not typed


# -- the short twin document of tests/formats, in every format -------------------------------------

@pytest.fixture(scope="module")
def format_twins(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "tests" / "formats"))
    try:
        from twin import EXPECTED, write_twins
    finally:
        sys.path.remove(str(ROOT / "tests" / "formats"))
    folder = tmp_path_factory.mktemp("format-twins")
    paths = write_twins(folder)
    paths["md"] = folder / "kessa.md"
    paths["md"].write_text(EXPECTED + "\n", encoding="utf-8")
    return {fmt: summary(path) for fmt, path in paths.items()}


def test_format_twin_has_something_to_compare(format_twins):
    txt = format_twins["txt"]
    assert [c[1] for c in txt["citations"]] == ["Okafor & Lindqvist, 2019", "[1]"]
    assert [target for _, target in txt["links"]] == ["r1", "n1.1"]


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_format_twin_audits_like_the_text(format_twins, fmt):
    _assert_same(format_twins[fmt], format_twins["txt"])
