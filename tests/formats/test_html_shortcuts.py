"""The HTML loader's shortcuts against the plain computations they replace: note labels read once
by the note index and looked up in the walk, the cheap tests of ``anchor_label`` before its search
for a ``<sup>``, the text builder's runs that keep their pieces apart until read, the walk's leaves
written at once, and the article classifier's words counted only when asked."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from html_pages import NEWS_PAGE, PANDOC_NOTES_PAGE, PANDOC_PAGE, SAVED_WIKI_PAGE, WIKI_PAGE, WORDPRESS_PAGE
from selectolax.lexbor import LexborHTMLParser

from factcheck.documents import load_document
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


# -- the walk's leaves and the article classifier's counts ----------------------------------------

def _plain_classify(markup, paragraphs, text, title_index, inside, use_library=True):
    """``html_article.classify`` as first written: every paragraph's words counted first."""
    from factcheck.documents import html_article as a

    counts = [len(a._WORD.findall(text, start, end)) for start, end, _ in paragraphs]
    library = a.library_text(markup) if use_library and len(text) <= a.MAX_ARTICLE_TEXT else None
    chosen = [False] * len(paragraphs)
    if library:
        lib = a._LibraryText(library)
        chosen = [bool(n) and ctx is not None and lib.holds(a.words(text[start:end]))
                  for (start, end, ctx), n in zip(paragraphs, counts)]
    container = None
    if sum(n for n, keep in zip(counts, chosen) if keep) >= a._MIN_KEPT_WORDS:
        container = a._container(paragraphs, counts, chosen)
    if container is None:
        container = 0
        chosen = [False] * len(paragraphs)
    words_under = a._weights(paragraphs, counts, [True] * len(paragraphs))
    whole = words_under.get(container, 0)

    def chrome_named(ctx):
        return (ctx.hint is not None and not inside(container, ctx.hint)
                and words_under.get(ctx.hint, 0) < a._WRAPPER_SHARE * whole)

    first_inside = next((i for i, (_, _, ctx) in enumerate(paragraphs)
                         if ctx is not None and inside(ctx.serial, container)), None)
    keep = []
    for i, (start, end, ctx) in enumerate(paragraphs):
        if ctx is None or ctx.serial < 0 or i == title_index or ctx.kind in a._STRUCTURAL or ctx.origin == "note":
            keep.append(True)
        elif inside(ctx.serial, container):
            keep.append(not chrome_named(ctx) or (chosen[i] and a._sentence(text[start:end], counts[i])
                                                  and counts[i] >= a._LONG))
        elif title_index is not None and first_inside is not None and title_index < i < first_inside:
            keep.append(not chrome_named(ctx) and (ctx.kind == "byline" or a._sentence(text[start:end], counts[i])))
        else:
            keep.append(chosen[i] and a._sentence(text[start:end], counts[i]) and not chrome_named(ctx))
    return keep


def _load(tmp_path, html: str):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = load_document(path)
    return doc.text, doc.segments, doc.regions, doc.left_out


def _plainly(tmp_path, html: str):
    """The page loaded with every text queued on the walk's stack and the classifier counting first."""
    from factcheck.documents import html as html_loader
    from factcheck.documents import html_walk

    with patch.object(html_walk, "_WRITE_LEAVES_NOW", False), patch.object(html_loader, "classify", _plain_classify):
        return _load(tmp_path, html)


@pytest.mark.parametrize("page", PAGES + [PANDOC_PAGE])
def test_pages_load_alike_with_their_leaves_written_at_once(tmp_path, page):
    assert _load(tmp_path, page) == _plainly(tmp_path, page)


_LEAF_TAGS = st.sampled_from(["p", "div", "li", "h2", "span", "b", "sup", "td", "ol", "ul", "pre", "q", "code",
                              'div class="share-bar"', 'div class="story"', 'p class="byline"', "nav", "article"])


@st.composite
def _pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        tag = draw(_LEAF_TAGS)
        text = draw(st.sampled_from(["", "Smith (2020) said.", "a", " ", "The board met twice in 2021 and said so.",
                                     "Share", "<!-- c -->", "x\ny"]))
        name = tag.split()[0]
        parts.append(f"<{tag}>{text}" + (f"</{name}>" if draw(st.booleans()) else ""))
    return "<html><body>" + "".join(parts) + "</body></html>"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_pages())
def test_random_pages_load_alike_with_their_leaves_written_at_once(tmp_path, html):
    assert _load(tmp_path, html) == _plainly(tmp_path, html)


def test_a_page_of_paragraphs_is_one_block_each(tmp_path):
    text, segments, _, _ = _load(tmp_path, "<body>" + "<p>Smith (2020) said.</p>" * 3 + "<p></p><div>End</div></body>")
    assert text == "Smith (2020) said.\n\nSmith (2020) said.\n\nSmith (2020) said.\n\nEnd"
    assert [(s.start, s.end, s.locator) for s in segments] == [
        (0, 18, "body > p:nth-of-type(1)"), (20, 38, "body > p:nth-of-type(2)"), (40, 58, "body > p:nth-of-type(3)"),
        (60, 63, "body > div:nth-of-type(1)")]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab \t\n\r\f\u00a0\v"), max_size=12))
def test_text_is_folded_only_where_folding_changes_it(text):
    from factcheck.documents.assemble import _ASCII_SPACE, _FOLDABLE

    assert bool(_FOLDABLE.search(text)) == (_ASCII_SPACE.sub(" ", text) != text)
