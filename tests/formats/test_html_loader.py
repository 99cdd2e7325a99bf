"""The HTML loader: article text only, blocks as paragraphs, markers, metadata, suppressions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twin import check_segments, offset_of

from factcheck.documents import load_document
from factcheck.spans import LineIndex

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Gates | Basin Weekly</title>
<meta name="citation_title" content="Who Opens the Gates?">
<meta name="citation_publication_date" content="2022/09/14">
<meta name="citation_author" content="Okafor, Ngozi">
<meta name="citation_author" content="Lindqvist, Erik">
<meta property="og:site_name" content="Basin Weekly">
<style>.x { display: none }</style>
<script>document.write("<p>injected</p>")</script>
</head>
<body>
<header><a href="/">Basin Weekly</a></header>
<nav><ul><li>Home</li><li>Rivers</li></ul></nav>
<main>
  <h1>Who Opens the Gates?</h1>
  <p>Released water &ndash; 1,200&nbsp;m&sup3;/s &ndash; reached the delta in &quot;two days&quot;
     (Okafor &amp; Lindqvist, 2019).<sup>2</sup> Operators<br>
     disagreed.<!-- factcheck: ignore CLM005 --></p>
  <div class="share" hidden>Share on social media</div>
  <p style="display:none">Invisible teaser</p>
  <noscript>Please enable JavaScript</noscript>
  <form><label>Subscribe</label><input name="email"></form>
  <!-- factcheck: ignore CIT002, NUM002 -->
  <h2>Timeline</h2>
  <ul><li>2016: gates closed</li><li>2019: first flushing<ul><li>nested note</li></ul></li></ul>
  <table><tr><td>Year</td><td>Flow</td></tr></table>
  <div>Loose text in a div <span>with a span</span></div>
  <blockquote>We were never told, said a fisher.</blockquote>
  <aside>Related stories</aside>
  <!-- an ordinary comment -->
</main>
<footer>© Basin Weekly <time datetime="2030-01-01">2030</time></footer>
</body></html>
"""


@pytest.fixture()
def doc(tmp_path):
    path = tmp_path / "gates.html"
    path.write_text(PAGE, encoding="utf-8")
    return load_document(path)


def test_article_text_without_furniture(doc):
    assert doc.format == "html"
    assert doc.text == "\n\n".join([
        "Who Opens the Gates?",
        "Released water – 1,200\u00a0m³/s – reached the delta in \"two days\" (Okafor & Lindqvist, 2019).[2] "
        "Operators\ndisagreed.",
        "Timeline", "2016: gates closed", "2019: first flushing", "nested note", "Year", "Flow",
        "Loose text in a div with a span", "We were never told, said a fisher.",
    ])
    check_segments(doc)


def test_locators_and_marker(doc):
    marker = doc.segment_at(offset_of(doc, "[2]"))
    assert marker.origin == "marker"
    assert marker.locator == "main > p:nth-of-type(1)"
    assert doc.segment_at(offset_of(doc, "nested note")).locator == (
        "main > ul:nth-of-type(1) > li:nth-of-type(2) > ul:nth-of-type(1) > li:nth-of-type(1)")
    assert doc.segment_at(offset_of(doc, "Flow")).locator.endswith("td:nth-of-type(2)")


def test_metadata_from_meta_tags(doc):
    meta = doc.metadata
    assert meta.title == "Who Opens the Gates?"
    assert meta.published == "2022-09-14"
    assert meta.authors == ("Okafor, Ngozi", "Lindqvist, Erik")
    extra = dict(meta.extra)
    assert extra["og:site_name"] == "Basin Weekly"
    assert extra["lang"] == "en-GB" and extra["encoding"] == "utf-8"


def test_suppression_comments_cover_the_line_where_they_stand(doc):
    lines = LineIndex(doc.text)
    end_of_first = lines.line(offset_of(doc, "disagreed.") + len("disagreed."))
    timeline = lines.line(offset_of(doc, "Timeline"))
    assert [(s.code, s.line) for s in doc.suppressions] == [
        ("CLM005", end_of_first), ("CIT002", timeline), ("NUM002", timeline)]
    assert not any(key == "suppress" for key, _ in doc.metadata.extra)


def test_title_and_time_fallbacks(tmp_path):
    path = tmp_path / "plain.html"
    path.write_text("<html><head><title>Silt &amp; Sand</title></head><body><article>"
                    "<p>Body.</p><time datetime='2021-04-03T08:00:00Z'>3 April</time></article></body></html>")
    doc = load_document(path)
    assert (doc.metadata.title, doc.metadata.published) == ("Silt & Sand", "2021-04-03")


def test_prefers_the_article_and_keeps_its_header(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<body><header>Site banner</header><article><header><h1>Dam Safety Review</h1></header>"
                    "<p>Inspections found cracks in 2019.</p><footer>Tags: dams</footer></article>"
                    "<div>Sidebar text that is not the story</div></body>")
    assert load_document(path).text == "Dam Safety Review\n\nInspections found cracks in 2019."


def test_footnotes_in_the_page_become_note_paragraphs(tmp_path):
    path = tmp_path / "fn.html"
    path.write_text('<body><p>Flows fell.<a href="#fn-1" class="footnote-ref">1</a></p><h2>Notes</h2>'
                    '<ol class="footnotes"><li id="fn-1"><p>Gauge records.</p><p>Two stations.'
                    '<a href="#fnref-1">↩</a></p></li></ol></body>')
    assert load_document(path).text == "Flows fell.[1]\n\nNotes\n\n[1] Gauge records. Two stations."


@pytest.mark.parametrize(("data", "encoding"), [
    ('<meta charset="iso-8859-1"><p>Caf\xe9 \x93quoted\x94</p>'.encode("latin-1"), "cp1252"),
    ("<p>Café “quoted”</p>".encode("utf-16"), "utf-16-le"),
    (b"\xef\xbb\xbf" + "<p>Café “quoted”</p>".encode(), "utf-8"),
    ("<p>Café “quoted”</p>".encode("cp1252"), "cp1252"),
])
def test_encodings(tmp_path, data, encoding):
    path = tmp_path / "enc.html"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.text == "Café “quoted”"
    assert dict(doc.metadata.extra)["encoding"] == encoding


def test_deep_nesting_does_not_exhaust_recursion(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<body>" + "<span>" * 5000 + "deep" + "</span>" * 5000 + "<p>after</p></body>")
    assert load_document(path).text == "deep\n\nafter"


_TAGS = st.sampled_from(["p", "div", "span", "b", "li", "h2", "sup", "br", "td", "pre", "nav", "script"])


@st.composite
def _fragments(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(_TAGS)
        text = draw(st.text(st.sampled_from("ab1 \n\t&<é"), max_size=8))
        parts.append(f"<{tag}>{text}" if draw(st.booleans()) else f"{text}</{tag}>")
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_fragments())
def test_random_markup_gives_in_range_segments(tmp_path, html):
    path = tmp_path / "random.html"
    path.write_text(html, encoding="utf-8")
    check_segments(load_document(path))


def test_in_page_links_that_are_not_notes(tmp_path):
    path = tmp_path / "links.html"
    path.write_text('<body><div id="top"><p>See <a href="#background">Background</a> and '
                    'study [<a href="#ref-3">3</a>].<sup><a href="#top">1</a></sup></p>'
                    '<h2 id="background">Background</h2><p>Gates<a href="#top">↑</a></p></div></body>')
    assert load_document(path).text == "See Background and study [3].[1]\n\nBackground\n\nGates"


PANDOC_REFS = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Grid report</title></head><body>
<p>The operator said the fault began at the Kestova substation (<a href="#ref-lee2021" role="doc-biblioref">Lee 2021</a>).</p>
<div id="refs" class="references csl-bib-body hanging-indent" role="list">
<div id="ref-lee2021" class="csl-entry" role="listitem">Lee, J. 2021. <em>The Kestova Fault</em>. Grid Press.</div>
<div id="ref-ortega2020" class="csl-entry" role="listitem">Ortega, M. 2020. <em>Grids</em>. Power Press.</div>
</div>
</body></html>
"""


def test_pandocs_bibliography_without_a_heading_is_the_reference_list(tmp_path):
    """pandoc writes "div#refs" with no heading unless told a reference-section-title: its entries
    were not read, and every citation of the page was reported missing."""
    from factcheck.config import Settings
    from factcheck.pipeline import audit_document

    path = tmp_path / "grid.html"
    path.write_text(PANDOC_REFS, encoding="utf-8")
    result = audit_document(load_document(path), Settings())
    ex = result.extraction
    assert [r.text[:9] for r in ex.references] == ["Lee, J. 2", "Ortega, M"]
    links = {link.citation_id: link.target_id for link in ex.links}
    assert [(c.text, links.get(c.id)) for c in ex.citations if c.style != "attribution"] == [("Lee 2021", "r1")]
    assert [(f.code, f.excerpt[:9]) for f in result.findings if f.code.startswith("CIT")] == [("CIT002", "Ortega, M")]
