"""The HTML loader's shortcuts against the plain computations they replace: note labels read once
by the note index and looked up in the walk, the cheap tests of ``anchor_label`` before its search
for a ``<sup>``, and the text builder's runs that keep their pieces apart until read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from html_pages import NEWS_PAGE, PANDOC_NOTES_PAGE, SAVED_WIKI_PAGE, WIKI_PAGE, WORDPRESS_PAGE
from selectolax.lexbor import LexborHTMLParser

from factcheck.documents.assemble import TextBuilder, note_label
from factcheck.documents.html_notes import _GROUP_LABEL, _NOTE_HINTS, NoteIndex, anchor_label, hints, localize_links

PAGES = [NEWS_PAGE, PANDOC_NOTES_PAGE, SAVED_WIKI_PAGE, WIKI_PAGE, WORDPRESS_PAGE]


def _plain_anchor_label(node):
    """``anchor_label`` as first written: every test made, the ``<sup>`` search first."""
    attrs = node.attributes
    href = attrs.get("href") or ""
    if not href.startswith("#") or len(href) < 2:
        return None
    text = node.text()
    label = note_label(text)
    parent = node.parent
    in_sup = parent is not None and parent.tag == "sup" or node.css_first("sup") is not None
    if label and (in_sup or hints(attrs, _NOTE_HINTS)):
        return label
    if in_sup and text.strip().startswith("["):
        m = _GROUP_LABEL.match(text.strip())
        if m:
            return " ".join(m.group(1).split())
    return None


def _labels(html: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(href, anchor_label, the plain computation's label, the note index's) for each <a> of the page."""
    tree = LexborHTMLParser(html)
    localize_links(tree)
    index = NoteIndex(tree)
    return [(a.attributes.get("href") or "", anchor_label(a), _plain_anchor_label(a), index.label_of(a))
            for a in tree.css("a")]


@pytest.mark.parametrize("page", PAGES)
def test_labels_read_once_are_the_labels_read_again(page):
    rows = _labels(page)
    assert rows
    for href, label, plain, indexed in rows:
        assert label == plain == indexed, href


def test_the_encyclopedia_page_labels():
    labelled = [(href, label) for href, label, _, _ in _labels(WIKI_PAGE) if label]
    assert labelled == [("#cite_note-survey-1", "1"), ("#cite_note-survey-1", "1"), ("#cite_note-2", "2"),
                        ("#cite_note-3", "3"), ("#cite_note-4", "n 1")]


_ANCHOR_TEXT = st.sampled_from(["3", "[3]", " 12 ", "1,2", "4–6", "[n 1]", "[a]", "[note 2]", "a", "[", "x1",
                                "Background", "", "↑", "^", "13"])
_HREF = st.sampled_from(["#fn3", "#cite_note-2", "#top", "#", "/page#fn1", "#x", "fn1", "#noteref-1"])


@st.composite
def _anchors(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        text = draw(_ANCHOR_TEXT)
        link = f'<a href="{draw(_HREF)}" class="{draw(st.sampled_from(["", "footnote-ref", "plain"]))}">'
        inner = f"<sup>{text}</sup>" if draw(st.booleans()) else text
        anchor = f"{link}{inner}</a>"
        parts.append(f"<sup>{anchor}</sup>" if draw(st.booleans()) else anchor)
        parts.append(draw(st.sampled_from([" word ", "<p>", '<li id="fn3">note</li>', ""])))
    return "<body><p>" + "".join(parts) + "</p></body>"


@settings(max_examples=150, deadline=None)
@given(_anchors())
def test_random_anchors_label_alike(html):
    for href, label, plain, indexed in _labels(html):
        assert label == plain == indexed, (href, html)


# -- the text builder's runs -------------------------------------------------------------------

def test_a_paragraph_of_many_markers_is_one_run():
    out = TextBuilder()
    for _ in range(2000):
        out.add("[1]", "marker", collapse=True, locator="body")
    out.line_break("marker", locator="body")
    text, segments, _ = out.build()
    assert text == "[1]" * 2000
    assert [(s.start, s.end, s.origin, s.locator) for s in segments] == [(0, 6000, "marker", "body")]


_PIECE = st.text(st.sampled_from("ab \t\n\u00a0"), max_size=6)
_STEP = st.one_of(st.tuples(st.just("add"), _PIECE, st.sampled_from(["text", "marker"]), st.booleans(),
                            st.integers(0, 6)),
                  st.tuples(st.just("br")), st.tuples(st.just("end")), st.tuples(st.just("anchor")))


def _write(steps, split: bool):
    out = TextBuilder()
    for step in steps:
        if step[0] == "add":
            _, piece, origin, collapse, cut = step
            pieces = [piece[:cut], piece[cut:]] if split else [piece]
            for part in pieces:
                out.add(part, origin, collapse=collapse, locator="p")
        elif step[0] == "br":
            out.line_break(locator="p")
        elif step[0] == "end":
            out.end_paragraph()
        else:
            out.anchor("CIT001")
    text, segments, anchors = out.build()
    return text, [(s.start, s.end, s.origin) for s in segments], anchors, out.paragraphs


@settings(max_examples=300, deadline=None)
@given(st.lists(_STEP, max_size=25))
def test_text_added_in_pieces_is_the_text_added_whole(steps):
    """A run's later pieces wait apart from its text; written in two pieces or in one, a paragraph's
    text, segments, anchors and bounds are the same (trimming at a break or an end included)."""
    assert _write(steps, split=True) == _write(steps, split=False)
