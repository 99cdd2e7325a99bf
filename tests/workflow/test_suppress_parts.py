"""The parts of suppression: excerpt keys (factcheck.suppress), comment parsing and which line a comment
covers (factcheck.documents.suppressions)."""

from __future__ import annotations

from pathlib import Path

from factcheck.documents import loader
from factcheck.documents.suppressions import anchored_suppressions, codes, text_suppressions
from factcheck.suppress import code_matches, normalize_excerpt


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
    found = text_suppressions(text)
    assert [(s.code, s.line, s.comment_line) for s in found] == [
        ("CIT001", 1, 1), ("CIT002", 1, 1), ("SPL001", 3, 2), ("*", 5, 4)]


def test_html_anchors_cover_their_line():
    found = anchored_suppressions("one\n\ntwo\n", (("CIT001", 5), ("*", 0)))
    assert [(s.code, s.line) for s in found] == [("CIT001", 3), ("*", 1)]


def test_codes_stop_at_the_reason_and_take_lower_case_codes():
    assert codes(" CIT001 because it is a name") == ["CIT001"]
    assert codes(" cit001 SPL") == ["CIT001", "SPL"]
    assert codes("") == ["*"]


def test_the_html_loader_reads_comments_into_suppressions():
    page = b"<html><body><p>One.</p><!-- factcheck: ignore CLM002 quoted --><p>Two.</p></body></html>"
    doc = loader("html")(Path("x.html"), page, "html")
    assert [(s.code, s.line) for s in doc.suppressions] == [("CLM002", 3)]
    assert doc.text.splitlines()[2] == "Two."


def test_a_comment_printed_in_a_pdf_is_text_not_a_suppression(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "formats"))
    from make_pdf import make_pdf

    path = make_pdf(tmp_path / "x.pdf", [[["<!-- factcheck: ignore CIT001 -->", "The river rose (Okafor, 2019)."]]])
    doc = loader("pdf")(path, path.read_bytes(), "pdf")
    assert "factcheck: ignore CIT001" in doc.text
    assert doc.suppressions == ()
