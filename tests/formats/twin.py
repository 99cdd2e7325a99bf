"""One short document written out as .txt, .html, .pdf and .docx, and checks shared by the tests.

The four files must load to the same text: that is what lets citations and findings agree
whatever format a document arrives in.
"""

from __future__ import annotations

from pathlib import Path

from make_docx import make_docx
from make_pdf import make_pdf

from factcheck.documents import Document

TITLE = "The Lower Kessa Dam and its Critics"
PUBLISHED = "Published on 5 March, 2024"
P1 = ("Engineers completed the Lower Kessa dam in 2016 after a decade of negotiation between the two "
      "riparian states. The reservoir now holds enough water to irrigate 40,000 hectares, according to the "
      "information released by the basin authority (Okafor & Lindqvist, 2019).[1]")
P2 = ("Downstream fishing communities reported lower catches within three years of the closure of the "
      "sluice gates, and the Indo-Pacific trade in dried fish shifted to other rivers. The authority "
      "disputes these figures and points to a wider regional decline in stocks.")
REFERENCE = "Okafor, N., & Lindqvist, E. (2019). Water allocation on shared rivers. Hydropolitics, 12(3), 45-67."
NOTE = "Survey of the basin authority, 2018, table 3."
EXPECTED = "\n\n".join([TITLE, PUBLISHED, P1, P2, "References", REFERENCE, "Notes", f"[1] {NOTE}"])

# The PDF's lines, as a typesetter would break them: a hyphenated word ("infor-mation"), a
# compound split at its hyphen ("Indo-Pacific") and a paragraph running over a page break.
PDF_PAGES = [
    [[TITLE], [PUBLISHED],
     ["Engineers completed the Lower Kessa dam in 2016 after a decade of",
      "negotiation between the two riparian states. The reservoir now holds",
      "enough water to irrigate 40,000 hectares, according to the infor-",
      "mation released by the basin authority (Okafor & Lindqvist, 2019).^1"],
     ["Downstream fishing communities reported lower catches within three",
      "years of the closure of the sluice gates, and the Indo-",
      "Pacific trade in dried fish shifted to other rivers. The"]],
    [["authority disputes these figures and points to a wider regional",
      "decline in stocks."]],
    [["References"],
     ["Okafor, N., & Lindqvist, E. (2019). Water allocation on shared rivers.",
      "Hydropolitics, 12(3), 45-67."]],
]
RUNNING_HEADER = "Journal of Water Policy"

HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kessa dam | River News</title>
<meta property="og:title" content="{TITLE}">
<meta name="description" content="A dam and its downstream effects">
<style>article p {{ margin: 0 }}</style>
<script>window.track("Published on 1 January, 1999");</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/rivers">Rivers</a></nav></header>
<article>
  <h1>{TITLE}</h1>
  <p>Published on 5 March, 2024</p>
  <p>Engineers completed the Lower Kessa dam in 2016 after a decade of negotiation
     between the two riparian states. The reservoir now holds enough water to irrigate
     40,000 hectares, according to the information released by the basin authority
     (Okafor &amp; Lindqvist, 2019).<sup><a href="#fn1" id="fnref1">1</a></sup></p>
  <p>Downstream fishing communities reported lower catches within three years of the
     closure of the sluice gates, and the Indo-Pacific trade in dried fish shifted to
     other rivers. The authority disputes these figures and points to a wider regional
     decline in stocks.</p>
  <aside>Related: <a href="/x">Five dams to watch</a></aside>
  <h2>References</h2>
  <ul><li>Okafor, N., &amp; Lindqvist, E. (2019). <i>Water allocation on shared rivers</i>.
      Hydropolitics, 12(3), 45-67.</li></ul>
</article>
<footer><section class="footnotes"><ol>
  <li id="fn1">{NOTE} <a href="#fnref1" class="footnote-back">↩</a></li>
</ol></section><p>© River News</p></footer>
</body></html>
"""


def write_twins(folder: Path) -> dict[str, Path]:
    """The document as .txt, .html, .pdf and .docx in ``folder``."""
    paths = {"txt": folder / "kessa.txt", "html": folder / "kessa.html"}
    paths["txt"].write_text(EXPECTED + "\n", encoding="utf-8")
    paths["html"].write_text(HTML, encoding="utf-8")
    paths["pdf"] = make_pdf(folder / "kessa.pdf", PDF_PAGES, header=RUNNING_HEADER, page_numbers=True,
                            footnotes={0: [f"^1 {NOTE}"]}, title="kessa-final-v3.docx")
    paths["docx"] = make_docx(folder / "kessa.docx", [
        ("h1", TITLE), ("p", PUBLISHED), ("p", P1.replace("[1]", "{fn:survey}")), ("p", P2),
        ("h1", "References"), ("p", REFERENCE)], footnotes={"survey": NOTE}, title=TITLE)
    return paths


def check_segments(doc: Document) -> None:
    """Segments are sorted, disjoint, in range and cover the text but for paragraph separators."""
    end = 0
    for seg in doc.segments:
        assert 0 <= seg.start < seg.end <= len(doc.text), seg
        assert doc.text[end:seg.start] in ("", "\n\n"), (end, seg)
        if seg.char_x:
            assert len(seg.char_x) == seg.end - seg.start, seg
        end = seg.end
    assert end == len(doc.text)


def offset_of(doc: Document, needle: str) -> int:
    found = doc.text.find(needle)
    assert found >= 0, f"{needle!r} not in text"
    return found


def check_glyphs(doc: Document, path: Path) -> int:
    """Every character of the text that a segment copied from a PDF page (not one the loader
    inserted: a word space read from a gap, the brackets of ``[3]``) stands on that page, at its
    ``char_x``, inside the segment's box, as a glyph that reads as that character (a ligature
    glyph reads as each of its letters). Returns how many characters were checked."""
    import unicodedata

    import pdfplumber

    with pdfplumber.open(path) as pdf:
        glyphs = [[(c["x0"], c["top"], c["bottom"], unicodedata.normalize("NFKC", c["text"])) for c in page.chars]
                  for page in pdf.pages]
    checked = 0
    for seg in doc.segments:
        if seg.page is None or not seg.char_x:
            continue
        inserted = set(seg.inserted)
        top, bottom = seg.bbox[1], seg.bbox[3]
        for k, x in enumerate(seg.char_x):
            if k in inserted:
                continue
            ch = doc.text[seg.start + k]
            assert any(abs(gx - x) <= 0.01 and gtop >= top - 0.01 and gbottom <= bottom + 0.01 and ch in text
                       for gx, gtop, gbottom, text in glyphs[seg.page - 1]), (seg, k, ch)
            checked += 1
    return checked
