"""Property-based fuzzing of every loader, the parsers and the whole audit of one document.

Properties, whatever the input:

* a loader returns a Document or raises LoadError, nothing else; its segments are sorted,
  disjoint and inside the text;
* every span found (citation, reference entry, note, date, number, sentence, claim, finding)
  lies inside the text, and its text or excerpt is exactly ``text[start:end]``.

The default number of examples keeps ``make test`` fast; they are new random ones each run. A
fuzzing campaign sets
``FACTCHECK_FUZZ_EXAMPLES`` (examples per test, e.g. 10000) and, to see the inputs tried,
``--hypothesis-show-statistics``.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.text.dates import find_dates
from factcheck.text.layout import layout
from factcheck.text.numbers import find_numbers
from factcheck.text.sentences import sentence_spans, split_sentences
from factcheck.config import Settings
from factcheck.documents import Document, LoadError
from factcheck.documents.docx import load_docx
from factcheck.documents.html import load_html
from factcheck.documents.pdf import load_pdf
from factcheck.documents.text import load_text
from factcheck.pipeline import audit_document, extract
from factcheck.citations.find import find_citations
from factcheck.citations.notes import find_notes
from factcheck.citations.references import find_references

EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "0"))


def fuzz(default: int):
    """Hypothesis settings: ``default`` examples, or FACTCHECK_FUZZ_EXAMPLES in a campaign; random
    inputs each run (a failure prints the seed and the failing input, and is replayed first next
    time from hypothesis' example database)."""
    return settings(max_examples=EXAMPLES or default, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# -- inputs -------------------------------------------------------------------------------------

# Pieces of the things the parsers look for, so that random text often half-forms them.
TOKENS = [
    " ", " ", " ", "\n", "\n\n", "\t", "\r\n", ".", ". ", ",", ", ", ";", ":", "(", ")", "[", "]", "“", "”", "‘",
    "’", "\"", "'", "-", "–", "—", "…", "&", " and ", "Smith", "Okafor", "Hale", "van der", "O’Brien", " et al.",
    "2019", "2020a", "1996", "n.d.", "(2020)", "(Smith, 2019)", "[1]", "[2, 3]", "[1-4]", "¹", "²³", "[@key]",
    "@key", "[^1]", "p. 12", "pp. 3–4", "References", "## References\n\n", "Bibliography\n", "Notes\n\n",
    "Endnotes", "[3] ", "1. ", "Ibid.", "op. cit.", " said", "according to", "reportedly", "some officials",
    "The minister", "http://", "https://doi.org/", "10.1234/abc", "www.", "$", "£", "€", "%", " per cent",
    "million", "190, 000", "1,90,000", "3.8", "two", "thousands of", "from", " to ", "between", "January",
    "mid-", "early", "1 March 2020", "2020-02-30", "Received:", "Published on", "#", "*", "_", "\\", "<", ">",
    "&amp;", "\u00a0", "\u00ad", "\ufffd", "\x00", "é", "ß", "İ", "ǅ", "١٢٣", "中文", "🙂", "A.", "U.S.", "Dr.",
    "e.g.", "?", "!", "“Quote of three words”", "First", "the largest", "more than",
]
words = st.sampled_from(TOKENS) | st.text(min_size=1, max_size=6)
texts = st.lists(words, max_size=80).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


@st.composite
def encoded_texts(draw) -> bytes:
    text = draw(texts)
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


text_bytes = encoded_texts() | st.binary(max_size=400)

TAGS = ["p", "div", "article", "main", "section", "h1", "h2", "li", "ul", "ol", "sup", "sub", "a", "span", "br",
        "script", "style", "nav", "footer", "header", "aside", "table", "tr", "td", "pre", "blockquote", "em",
        "template", "svg", "iframe", "noscript", "time", "meta", "title", "head", "body", "html"]
ATTRS = ['', ' id="fn1"', ' href="#fn1"', ' href="#fnref1"', ' class="footnote"', ' role="doc-endnotes"',
         ' hidden', ' style="display:none"', ' aria-hidden="true"', ' datetime="2020-01-02"', ' id="fn2"',
         ' name="citation_title" content="T"', ' charset="utf-16"', ' charset="nonsense"', ' lang="en"']


@st.composite
def markup(draw) -> bytes:
    pieces = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 5))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            pieces.append(f"<{tag}{draw(st.sampled_from(ATTRS))}>")
        elif kind == 1:
            pieces.append(f"</{tag}>")
        elif kind == 2:
            pieces.append(draw(st.sampled_from(["<!-- factcheck: ignore CIT001 -->", "<!--", "-->", "<!DOCTYPE html>",
                                                "<![CDATA[", "&#0;", "&#x110000;", "&nbsp;", "<", ">", "&"])))
        else:
            pieces.append(draw(texts))
    return "".join(pieces).encode(draw(st.sampled_from(["utf-8", "cp1252", "utf-16"])), errors="replace")


LATIN = st.text(st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="^"), max_size=60)


@st.composite
def pdf_pages(draw) -> list[list[list[str]]]:
    line = LATIN | st.sampled_from(["Smith (2019) said^1 so.", "(Okafor, 2019)", "References", "Notes",
                                    "Okafor, N. (2019). Title. Journal, 1(2), 3-4.", "infor-", "^12"])
    block = st.lists(line, min_size=1, max_size=4)
    return draw(st.lists(st.lists(block, min_size=1, max_size=3), min_size=1, max_size=2))


@st.composite
def zips(draw) -> bytes:
    buf = io.BytesIO()
    names = ["[Content_Types].xml", "word/document.xml", "word/_rels/document.xml.rels", "_rels/.rels",
             "word/footnotes.xml", "docProps/core.xml", "mimetype", "content.xml"]
    xmlish = st.lists(st.sampled_from(["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "text", "<?xml?>",
                                       '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                                       '2006/main">', "</w:document>", "<w:body>", "</w:body>", "&", "<"]),
                      max_size=30).map(lambda parts: "".join(parts).encode())
    with zipfile.ZipFile(buf, "w") as archive:
        for name in draw(st.lists(st.sampled_from(names), max_size=6, unique=True)):
            archive.writestr(name, draw(xmlish | st.binary(max_size=200)))
    data = buf.getvalue()
    if draw(st.booleans()) and data:  # damage it: flip a byte or cut it short
        k = draw(st.integers(0, len(data) - 1))
        data = data[:k] + bytes([data[k] ^ 0xFF]) + data[k + 1:] if draw(st.booleans()) else data[:k]
    return data


# -- checks -------------------------------------------------------------------------------------

def check_document(doc: Document) -> None:
    text = doc.text
    previous = 0
    for seg in doc.segments:
        assert 0 <= previous <= seg.start <= seg.end <= len(text), seg
        if seg.char_x:
            assert len(seg.char_x) == seg.end - seg.start, seg
        previous = seg.end
    for _label, _iso, start, end in doc.metadata.own_dates:
        assert 0 <= start <= end <= len(text)


def load_or_refuse(load) -> Document | None:
    """``load()``'s Document, checked, or None when it raised LoadError (nothing else may escape)."""
    try:
        doc = load()
    except LoadError as error:
        assert str(error) and "\n" not in str(error)
        return None
    check_document(doc)
    return doc


def check_spans(text: str, items, attr: str = "text") -> None:
    for item in items:
        assert 0 <= item.start <= item.end <= len(text), item
        if attr:
            assert text[item.start:item.end] == getattr(item, attr), item


def check_audit(doc: Document) -> None:
    result = audit_document(doc, Settings())
    text = doc.text
    ex = result.extraction
    for block in ex.blocks:
        assert 0 <= block.start <= block.end <= len(text)
    check_spans(text, ex.sentences, attr="")
    check_spans(text, ex.claims)
    check_spans(text, ex.citations)
    check_spans(text, ex.references)
    check_spans(text, ex.notes)
    for claim in ex.claims:
        check_spans(text, claim.dates)
        check_spans(text, claim.numbers)
        check_spans(text, claim.quotes)
    for note in ex.notes:
        check_spans(text, note.short_forms)
    for finding in (*result.findings, *result.suppressed):
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert text[finding.start:finding.end] == finding.excerpt
        for rel in finding.related:
            if rel.path is None:
                assert text[rel.start:rel.end] == rel.excerpt


# -- loaders ------------------------------------------------------------------------------------

@fuzz(200)
@given(data=text_bytes, fmt=st.sampled_from(["txt", "md"]))
def test_text_loader(data, fmt):
    doc = load_or_refuse(lambda: load_text(Path(f"x.{fmt}"), data, fmt))
    if doc is not None:
        check_audit(doc)


@fuzz(150)
@given(data=markup() | st.binary(max_size=300))
def test_html_loader(data):
    doc = load_or_refuse(lambda: load_html(Path("x.html"), data))
    if doc is not None:
        check_audit(doc)


@fuzz(20)
@given(pages=pdf_pages(), damage=st.none() | st.integers(0, 10_000))
def test_pdf_loader(pages, damage):
    from make_pdf import make_pdf

    with tempfile.TemporaryDirectory() as folder:
        data = make_pdf(Path(folder) / "x.pdf", pages).read_bytes()
    if damage is not None:  # cut the file short somewhere
        data = data[:damage % len(data)]
    doc = load_or_refuse(lambda: load_pdf(Path("x.pdf"), data))
    if doc is not None:
        check_audit(doc)


@fuzz(100)
@given(data=zips() | st.binary(max_size=300))
def test_docx_loader_on_random_zips(data):
    load_or_refuse(lambda: load_docx(Path("x.docx"), data))


@fuzz(15)
@given(paragraphs=st.lists(LATIN | texts.map(lambda t: "".join(ch for ch in t if ch.isprintable())), min_size=1,
                           max_size=5),
       note=st.none() | LATIN)
def test_docx_loader_on_real_documents(paragraphs, note):
    from make_docx import make_docx

    blocks = [("p", p + (" {fn:a}" if note is not None and i == 0 else "")) for i, p in enumerate(paragraphs)]
    with tempfile.TemporaryDirectory() as folder:
        data = make_docx(Path(folder) / "x.docx", blocks, footnotes={"a": note} if note is not None else None
                         ).read_bytes()
    doc = load_or_refuse(lambda: load_docx(Path("x.docx"), data))
    if doc is not None:
        check_audit(doc)


# -- parsers ------------------------------------------------------------------------------------

@fuzz(300)
@given(text=texts)
def test_citations_references_and_notes(text):
    blocks = layout(text)
    for block in blocks:
        assert 0 <= block.start <= block.end <= len(text)
    region, references = find_references(text, blocks)
    if region:
        assert 0 <= region[0] <= region[1] <= len(text)
    check_spans(text, references)
    note_blocks, notes = find_notes(text, blocks)
    check_spans(text, notes)
    for note in notes:
        assert note.start <= note.body_start <= note.end
        check_spans(text, note.short_forms)
    citations = find_citations(text, blocks, note_blocks)
    check_spans(text, citations)
    assert len({c.id for c in citations}) == len(citations)


@fuzz(300)
@given(text=texts, cut=st.integers(0, 50))
def test_dates_numbers_and_sentences(text, cut):
    start = min(cut, len(text))
    dates = list(find_dates(text, start))
    check_spans(text, dates)
    assert all(d.start >= start for d in dates)
    check_spans(text, find_numbers(text, start, len(text), dates))
    for s, e in sentence_spans(text, start):
        assert start <= s < e <= len(text) and text[s:e] == text[s:e].strip()
    check_spans(text, split_sentences(text, layout(text)), attr="")


@fuzz(200)
@given(text=texts)
def test_extract_and_audit_of_any_text(text):
    doc = Document(path="x.md", format="md", text=text)
    ex = extract(doc)
    check_spans(text, ex.citations)
    check_audit(doc)
