"""The parts of factcheck.suppress: excerpt keys, comment parsing, which line a comment covers."""

from __future__ import annotations

from factcheck.documents.model import Document
from factcheck.suppress import code_matches, find_inline, normalize_excerpt


def test_normalize_excerpt_squeezes_whitespace_and_keeps_case():
    assert normalize_excerpt("  Threkled,\n\tE.  (2021) ") == "Threkled, E. (2021)"


def test_code_matching():
    assert code_matches("*", "CIT001") and code_matches("CIT", "CIT001") and code_matches("CIT001", "CIT001")
    assert not code_matches("CIT002", "CIT001") and not code_matches("FN", "CIT001")


def test_comments_and_the_lines_they_cover():
    text = ("line one <!-- factcheck: ignore CIT001,CIT002 -->\n"
            "  <!-- factcheck: ignore SPL001 because it is a name -->\n"
            "line three\n"
            "<!--factcheck:ignore-->\n"
            "line five\n"
            "<!-- an ordinary comment -->\n")
    found = find_inline(Document(path="x.md", format="md", text=text))
    assert [(s.code, s.line, s.comment_line) for s in found] == [
        ("CIT001", 1, 1), ("CIT002", 1, 1), ("SPL001", 3, 2), ("*", 5, 4)]


def test_html_anchors_from_the_loader():
    doc = Document(path="x.html", format="html", text="one\n\ntwo\n",
                   metadata={"extra": (("suppress", "CIT001@5"), ("suppress", "*@0"), ("lang", "en"))})
    assert [(s.code, s.line) for s in find_inline(doc)] == [("CIT001", 3), ("*", 1)]


def test_no_inline_suppressions_in_pdf_or_docx():
    assert find_inline(Document(path="x.pdf", format="pdf", text="<!-- factcheck: ignore CIT001 -->\nx")) == ()
