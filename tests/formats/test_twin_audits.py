"""The same document in every format yields the same citations, links and findings as its .txt twin."""

from __future__ import annotations

import pytest
from twin import EXPECTED, write_twins

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document


def _audit_view(path):
    result = audit_document(load_document(path), Settings())
    ex = result.extraction
    targets = {link.citation_id: link.target_id for link in ex.links}
    texts = {**{r.id: r.text for r in ex.references}, **{n.id: n.text for n in ex.notes}}
    citations = [(c.style, c.text, c.start, texts.get(targets.get(c.id) or "")) for c in ex.citations]
    findings = [(f.code, f.excerpt, f.start) for f in result.findings]
    return citations, findings


@pytest.fixture(scope="module")
def views(tmp_path_factory):
    folder = tmp_path_factory.mktemp("twin-audits")
    paths = write_twins(folder)
    md = folder / "twin.md"
    md.write_text(EXPECTED + "\n", encoding="utf-8")
    paths["md"] = md
    return {fmt: _audit_view(path) for fmt, path in paths.items()}


def test_txt_twin_has_linked_citations(views):
    citations, _ = views["txt"]
    assert ("author-year", "Okafor & Lindqvist, 2019") in [(c[0], c[1]) for c in citations]
    assert all(target for style, *_, target in citations if style != "attribution"), citations


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_same_citations_links_and_findings(views, fmt):
    assert views[fmt] == views["txt"]
