"""Pages of our own in the shapes publishers serve (tests/formats/html_pages.py): what is read as
the article, what is left out, what each stretch is, how markers and notes come out, what the
audit links, and that the reading gives no false findings."""

from __future__ import annotations

import json

import pytest
from html_pages import (
    NEWS_CHROME,
    NEWS_PAGE,
    PANDOC_NOTES_PAGE,
    PANDOC_NOTES_TEXT,
    PANDOC_PAGE,
    PANDOC_TEXT,
    SAVED_WIKI_PAGE,
    STORY,
    WIKI_PAGE,
    WORDPRESS_CHROME,
    WORDPRESS_PAGE,
)
from twin import check_segments

from factcheck import audit, render
from factcheck.documents import load_document

# Families whose findings depend on the reading (citations, references, notes, dates, numbers,
# spelling); the claim rules (CLM) are issue 13's, about attribution, not reading.
READING_RULES = ("CIT", "REF", "FN", "DATE", "NUM", "SPL")


def _load(tmp_path, name, page):
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return load_document(path)


def _audit(tmp_path, name, page):
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    return audit([str(path)], isolated=True).documents[0]


def _regions(doc):
    return [(r.kind, doc.text[r.start:r.end]) for r in doc.regions]


def _left_out(doc):
    return [(item.kind, item.text) for item in doc.left_out]


def _links(result):
    """(citation text, opening of the entry or note it links to) in text order."""
    targets = {r.id: r.text for r in result.extraction.references}
    targets.update({n.id: n.text for n in result.extraction.notes})
    return [(c.text, targets.get(link.target_id, "")[:20]) for c in result.extraction.citations
            for link in result.extraction.links if link.citation_id == c.id]


# -- a news story in its site's chrome ------------------------------------------------------------

def test_news_page_is_the_story_without_its_chrome(tmp_path):
    doc = _load(tmp_path, "ferry.html", NEWS_PAGE)
    assert doc.text == "\n\n".join([
        "Skerry night ferry to be retired after failed inspections",
        "By Runa Osterberg, transport reporter",
        "12 May 2025",
        STORY[0],
        "The Margit Vale leaving Harbour Town. Photograph: Edda Lund/Courier",
        STORY[1], STORY[2], STORY[3],
    ])
    for chrome in NEWS_CHROME:
        assert chrome not in doc.text
    check_segments(doc)


def test_news_page_regions_and_what_was_left_out(tmp_path):
    doc = _load(tmp_path, "ferry.html", NEWS_PAGE)
    assert _regions(doc) == [
        ("title", "Skerry night ferry to be retired after failed inspections"),
        ("byline", "By Runa Osterberg, transport reporter\n\n12 May 2025"),
        ("caption", "The Margit Vale leaving Harbour Town. Photograph: Edda Lund/Courier"),
    ]
    left = _left_out(doc)
    assert ("chrome", "Share on Facebook Share on X 1,204 comments") in left
    assert ("chrome", "Get our morning briefing in your inbox") in left
    assert ("chrome", "Subscribe for one crown a week") in left
    assert any(kind == "chrome" and "Island fares to rise" in text for kind, text in left)
    assert all(item.locator for item in doc.left_out)


def test_news_page_metadata_and_genre_signals(tmp_path):
    meta = _load(tmp_path, "ferry.html", NEWS_PAGE).metadata
    assert meta.title == "Skerry night ferry to be retired after failed inspections"
    assert meta.published == "2025-05-12"
    assert meta.authors == ("Runa Osterberg",)
    extra = meta.extra
    assert ("og:type", "article") in extra and ("jsonld:@type", "NewsArticle") in extra


def test_news_page_chrome_gives_no_findings(tmp_path):
    result = _audit(tmp_path, "ferry.html", NEWS_PAGE)
    assert [f.code for f in result.findings if f.code.startswith(READING_RULES)] == []
    structure = [(r.start, r.end) for r in result.document.regions]
    assert not [f for f in result.findings if any(s <= f.start < e for s, e in structure)]


# -- an encyclopedia article --------------------------------------------------------------------------

WIKI_TEXT = "\n\n".join([
    "Lake Orvik",
    "Surface area", "41 km^2", "Max. depth", "87 m[1]",
    "Lake Orvik is a glacial lake in the Orvik valley. It drains north through the Brenna river into the "
    "fjord.[1] Its basin was carved during the last glaciation.[2]",
    "History",
    "A mill was built at the outlet in the eighteenth century.[3] The mill closed when the valley road "
    "opened.[n 1]",
    "Notes",
    "[n 1] The road reached the outlet in the spring of 1911.",
    "Citations",
    '[1] "Depth survey of Lake Orvik". Valley Water Office. Retrieved 3 March 2019.',
    "[2] Sundqvist 1998, p. 12.",
    "[3] Holm 2004, p. 40.",
    "References",
    "Holm, Signe (2004). Mills of the Northern Valleys. Brenna Press.",
    "Sundqvist, Per (1998). Glacial Lakes of the Fjord Country. Northern University Press.",
])


def test_encyclopedia_page_text(tmp_path):
    doc = _load(tmp_path, "orvik.html", WIKI_PAGE)
    assert doc.text == WIKI_TEXT
    for chrome in ("[edit]", "Contents", "From Wikipedia", "Jump to", "Lake Brenna", "Categories", "Log in",
                   "^ a", "] ^", "Main page"):
        assert chrome not in doc.text
    check_segments(doc)


def test_encyclopedia_page_markers_exponents_and_what_was_left_out(tmp_path):
    doc = _load(tmp_path, "orvik.html", WIKI_PAGE)
    for marker in ("^2", "[n 1]", "[3]"):
        assert doc.segment_at(doc.text.index(marker)).origin == "marker"
    note = doc.segment_at(doc.text.index("[n 1] The road"))
    assert note.origin == "note" and note.locator == "footnote n 1"
    left = _left_out(doc)
    assert ("toc", "Contents 1 History 2 Notes 3 References") in left
    assert left.count(("decoration", "[edit]")) == 4
    assert ("chrome", "From Wikipedia, the free encyclopedia") in left
    kinds = [kind for kind, _ in _regions(doc)]
    assert kinds == ["title", "table", "heading", "heading", "notes", "heading", "notes", "heading", "references"]


def test_encyclopedia_page_markers_link_to_their_notes(tmp_path):
    result = _audit(tmp_path, "orvik.html", WIKI_PAGE)
    assert _links(result) == [
        ("[1]", '[1] "Depth survey of'), ("[1]", '[1] "Depth survey of'),
        ("[2]", "[2] Sundqvist 1998, "), ("[3]", "[3] Holm 2004, p. 40"), ("[n 1]", "[n 1] The road reach"),
    ]
    codes = {f.code for f in result.findings}
    assert not codes & {"FN001", "FN002", "CIT001", "REF001", "REF002"}
    assert not [c for c in codes if c.startswith(("DATE", "NUM", "SPL"))]


# -- the same kind of article as a browser saves it ---------------------------------------------------

SAVED_WIKI_TEXT = "\n\n".join([
    "Tarn Vessel",
    "The Tarn Vessel is a bronze cauldron found in a peat bog in 1931.[1] It held traces of honey mead.[2][a]",
    "Study",
    "The rim was mended twice in antiquity.[3] A museum bought it in the year it was found.[1][4]",
    "Notes",
    "[a] The mead was identified from pollen grains.[5]",
    "Citations",
    '[1] Lund, Britt (12 May 2009). "The bog gives up its cauldron". Fen Courier. Retrieved 3 March 2019.',
    "[2] Ask 2004, p. 12.",
    "[3] Vik & Moen 2011, pp. 40–41.",
    '[4] "Collection record: cauldron". Fen Museum. 2016-04-02. Retrieved 2021-11-30.',
    "[5] Ask 2004, p. 30.",
    "Sources",
    "Ask, Tora (2004). Bronze in the Bogs. Fen Press.",
    "Vik, Helge; Moen, Aud (2011). Mending Metal. North Academic.",
])


def test_saved_encyclopedia_page_reads_its_absolute_links_as_markers_and_notes(tmp_path):
    doc = _load(tmp_path, "tarn.html", SAVED_WIKI_PAGE)
    assert doc.text == SAVED_WIKI_TEXT  # no stylesheet, no "^ a b", the injected <div> breaks nothing
    for marker in ("[1]", "[a]", "[5]"):
        assert doc.segment_at(doc.text.index(marker)).origin == "marker"
    assert doc.segment_at(doc.text.index("[1] Lund")).locator == "footnote 1"
    # The navigation box's marker was the only one for its note: both are left out together.
    assert ("note", '[6] "Bog finds by county". Fen Museum. 2015-01-20.') in _left_out(doc)
    assert (doc.metadata.published, doc.metadata.modified) == ("2008-02-11", "2021-11-30")


def test_saved_encyclopedia_page_links_markers_notes_and_sources_without_false_findings(tmp_path):
    result = _audit(tmp_path, "tarn.html", SAVED_WIKI_PAGE)
    assert _links(result) == [
        ("[1]", "[1] Lund, Britt (12 "), ("[2]", "[2] Ask 2004, p. 12."), ("[a]", "[a] The mead was ide"),
        ("[3]", "[3] Vik & Moen 2011,"), ("[1]", "[1] Lund, Britt (12 "), ("[4]", '[4] "Collection reco'),
        ("[5]", "[5] Ask 2004, p. 30."),  # the marker inside the lettered note links into the citations
    ]
    notes = {n.number: n for n in result.extraction.notes}
    sources = {r.id: r.text[:10] for r in result.extraction.references}
    assert [sources[w.reference_id] for n in (2, 3, 5) for w in notes[n].works] == ["Ask, Tora ", "Vik, Helge", "Ask, Tora "]
    vik = next(r for r in result.extraction.references if r.text.startswith("Vik"))
    assert [(a.surname, a.given) for a in vik.authors] == [("Vik", "Helge"), ("Moen", "Aud")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code.startswith(READING_RULES)] == []


def test_saved_encyclopedia_page_json_lists_its_notes_among_the_references(tmp_path):
    """Each marker's `reference` names a record of `references`: the notes are listed there
    (kind "note", cited by their markers) after the entries of the Sources list."""
    path = tmp_path / "tarn.html"
    path.write_text(SAVED_WIKI_PAGE, encoding="utf-8")
    doc = json.loads(render(audit([str(path)], isolated=True), "json"))["documents"][0]
    refs = {r["id"]: r for r in doc["references"]}
    assert [(r["kind"], r["text"][:14]) for r in doc["references"]] == [
        ("entry", "Ask, Tora (200"), ("entry", "Vik, Helge; Mo"),
        ("note", "[1] Lund, Brit"), ("note", "[2] Ask 2004, "), ("note", "[3] Vik & Moen"),
        ("note", '[4] "Collectio'), ("note", "[5] Ask 2004, "), ("note", "[a] The mead w"),
    ]
    assert all(refs[c["reference"]]["kind"] == "note" for c in doc["citations"] if c["style"] == "note")
    lund = next(r for r in doc["references"] if r["text"].startswith("[1] Lund"))
    markers = [c["id"] for c in doc["citations"] if c["text"] == "[1]"]
    assert len(markers) == 2 and lund["cited_by"] == markers
    assert refs["r1"]["cited_by"] == [n["id"] for n in doc["notes"] if n["number"] in (2, 5) and n["block"] == 1]


@pytest.mark.parametrize("change, code, excerpt", [
    # A short note that no longer names its source: the source is listed but cited nowhere.
    ('Vik &amp; Moen 2011</a>, pp. 40–41.', "CIT002", "Vik, Helge; Moen, Aud (2011)"),
    # A marker whose note was deleted from the list, numbered or lettered.
    ('<li id="cite_note-4">', "FN001", "[4]"),
    # (the lettered note held the only marker of note 5, which nothing refers to now)
    ('<li id="cite_note-6">', "FN001", "[a]"),
    # A source dated after the page was last revised.
    ("Ask, Tora (2004)", "REF003", "Ask, Tora (2024)"),
])
def test_saved_encyclopedia_page_still_reports_planted_defects(tmp_path, change, code, excerpt):
    if code == "CIT002":
        page = SAVED_WIKI_PAGE.replace(change, "Vik and Moen, a lecture, pp. 40–41.")
    elif code == "FN001":
        start = SAVED_WIKI_PAGE.index(change)
        page = SAVED_WIKI_PAGE[:start] + SAVED_WIKI_PAGE[SAVED_WIKI_PAGE.index("</li>", start) + 5:]
    else:
        page = SAVED_WIKI_PAGE.replace(change, "Ask, Tora (2024)").replace('"Ask 2004', '"Ask 2024')
        page = page.replace("Ask 2004</a>", "Ask 2024</a>")
    result = _audit(tmp_path, "tarn.html", page)
    found = [(f.code, f.excerpt) for f in result.findings if f.code.startswith(READING_RULES)]
    expected = [(code, excerpt)] + ([("FN002", "5.")] if excerpt == "[a]" else [])
    assert found == expected


# -- pandoc's HTML of a paper ----------------------------------------------------------------------------

def test_pandoc_page_has_the_plain_text_twins_shape(tmp_path):
    doc = _load(tmp_path, "lakes.html", PANDOC_PAGE)
    assert doc.text == PANDOC_TEXT
    assert _left_out(doc) == [("affiliation-mark", "1"), ("affiliation-mark", "1,2")]
    assert _regions(doc)[:3] == [("title", "Sediment counts in small mountain lakes"),
                                 ("byline", "Maren Tvedt, Oskar Lie\n\n2 September 2024"), ("heading", "Summary")]
    assert _regions(doc)[-1] == ("references", PANDOC_TEXT[PANDOC_TEXT.index("1. Tvedt"):])
    assert doc.metadata.published == "2024-09-02"
    check_segments(doc)


def test_pandoc_superscript_citations_link_to_numbered_entries(tmp_path):
    result = _audit(tmp_path, "lakes.html", PANDOC_PAGE)
    assert _links(result) == [("[1]", "Tvedt, M. Layer coun"), ("[2,3]", "Lie, O. & Tvedt, M. "),
                              ("[2,3]", "Aas, K. Cores from t")]
    assert not [f.code for f in result.findings if f.code.startswith(("CIT", "FN"))]


def test_pandoc_footnotes_and_bibliography(tmp_path):
    doc = _load(tmp_path, "ice.html", PANDOC_NOTES_PAGE)
    assert doc.text == PANDOC_NOTES_TEXT
    assert ("notes", "[1] Forty centimetres of clear ice carries a car.\n\n"
                     "[2] The regional road office keeps the opening dates.") in _regions(doc)
    result = _audit(tmp_path, "ice.html", PANDOC_NOTES_PAGE)
    links = _links(result)
    assert ("Berg, 2017", "Berg, A. (2017). Roa") in links
    assert ("Nyquist & Berg, 2021", "Nyquist, L., & Berg,") in links
    assert not [f.code for f in result.findings if f.code in ("CIT001", "CIT002", "CIT003", "CIT004", "FN001")]


# -- a WordPress post --------------------------------------------------------------------------------------

def test_wordpress_post_with_footnote_blocks_and_plugins(tmp_path):
    doc = _load(tmp_path, "pears.html", WORDPRESS_PAGE)
    assert doc.text.split("\n\n") == [
        "Why the orchard kept its old pear trees",
        "Posted on 4 October 2023 by Ebba Strand",
        "When the cooperative replanted the lower orchard, it left the row of old pear trees by the wall "
        "standing.[1] The trees still crop every other year, and their fruit keeps through the winter better "
        "than any newer variety in the valley.",
        "Grafting wood from them now goes to three other farms.[2] The growers say the trees are also the only "
        "shelter the bees have on the windy side of the slope.",
        "[1] The wall itself dates from the time of the first cooperative.",
        "[2] Scion wood is cut in late winter.",
    ]
    for chrome in WORDPRESS_CHROME:
        assert chrome not in doc.text
    assert ("chrome", "Share this:") in _left_out(doc)
    assert [kind for kind, _ in _regions(doc)] == ["title", "byline", "notes"]
    assert doc.metadata.published == "2023-10-04"
    result = _audit(tmp_path, "pears.html", WORDPRESS_PAGE)
    assert _links(result) == [("[1]", "[1] The wall itself "), ("[2]", "[2] Scion wood is cu")]
    assert not [f.code for f in result.findings if f.code.startswith(READING_RULES)]


# -- small shapes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "text"), [
    ("<p>An area of 12 km<sup>2</sup> was flooded.</p>", "An area of 12 km^2 was flooded."),
    ("<p>It grows as x<sup>2</sup> does.</p>", "It grows as x^2 does."),
    ("<p>A rate of 10<sup>−3</sup> per year.</p>", "A rate of 10^-3 per year."),
    ("<p>Rainfall rose sharply.<sup>4</sup></p>", "Rainfall rose sharply.[4]"),
    ("<p>Rainfall rose<sup>4,5</sup> sharply.</p>", "Rainfall rose[4,5] sharply."),
    ("<p>The 2<sup>nd</sup> survey.</p>", "The 2nd survey."),
    ('<p>See <span class="citation"><sup>7</sup></span> and 3<span class="citation"><sup>8</sup></span>.</p>',
     "See [7] and 3[8]."),
])
def test_raised_digits_are_markers_or_exponents(tmp_path, body, text):
    assert _load(tmp_path, "sup.html", f"<body>{body}</body>").text == text


def test_inline_quotations_and_ordered_lists(tmp_path):
    page = ('<body><p>She called it <q>a quiet year</q>.</p><ol start="3"><li>Third</li><li>Fourth</li></ol>'
            '<ol reversed><li>Two</li><li>One</li></ol><ol type="a"><li>Lettered</li></ol></body>')
    assert _load(tmp_path, "q.html", page).text.split("\n\n") == [
        "She called it “a quiet year”.", "3. Third", "4. Fourth", "2. Two", "1. One", "Lettered"]


def test_hidden_labels_and_heading_anchors_are_not_text(tmp_path):
    page = ('<body><h2 id="results">Results <a class="headerlink" href="#results">¶</a></h2>'
            '<p>Flows fell. <span class="sr-only">Opens in a new window</span>'
            '<span class="visually-hidden">Share</span></p></body>')
    doc = _load(tmp_path, "h.html", page)
    assert doc.text == "Results\n\nFlows fell."
    assert _left_out(doc) == [("decoration", "¶")]


def test_json_ld_graph_gives_date_author_and_type(tmp_path):
    page = ('<head><script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "Site"}, '
            '{"@type": ["ScholarlyArticle"], "datePublished": "2020-02-03", "author": {"name": "Ada Krog"}}]}'
            '</script><script type="application/ld+json">{not json</script></head><body><p>Body text.</p></body>')
    meta = _load(tmp_path, "ld.html", page).metadata
    assert meta.published == "2020-02-03" and meta.authors == ("Ada Krog",)
    assert ("jsonld:@type", "ScholarlyArticle") in meta.extra and ("jsonld:@type", "WebSite") in meta.extra


def test_a_short_page_without_an_article_keeps_its_text_but_not_named_chrome(tmp_path):
    page = ('<body><div class="wrap has-sidebar"><p>The weir was raised in 2021.</p>'
            '<div class="social-share">Share this story</div><p>Flows have settled since.</p></div></body>')
    doc = _load(tmp_path, "short.html", page)
    assert doc.text == "The weir was raised in 2021.\n\nFlows have settled since."
    assert _left_out(doc) == [("chrome", "Share this story")]


def test_suppression_comments_follow_the_paragraphs_that_stay(tmp_path):
    story = " ".join(STORY)
    page = (f'<body><nav><a href="/">Home</a></nav><div class="story"><h1>Ferry news</h1>'
            f'<div class="share-tools"><!-- factcheck: ignore CLM002 --><a href="#">Share on X</a></div>'
            f"<p>{story}</p><!-- factcheck: ignore NUM002 --><p>{STORY[1]}</p></div>"
            f'<div class="related-links"><a href="/x">Island fares to rise this summer</a></div></body>')
    doc = _load(tmp_path, "suppress.html", page)
    assert "Share on X" not in doc.text and "Island fares" not in doc.text
    lines = doc.text.split("\n")
    assert [(s.code, lines[s.line - 1][:20]) for s in doc.suppressions] == [
        ("CLM002", story[:20]), ("NUM002", STORY[1][:20])]


def test_inline_code_is_a_code_region(tmp_path):
    page = ('<body><p>Run <code>make "all"</code> then <code>check</code>.</p><pre><code>x = "y"</code></pre>'
            '<figure><figcaption>The <code>plot</code> call</figcaption></figure></body>')
    doc = _load(tmp_path, "code.html", page)
    assert doc.text == 'Run make "all" then check.\n\nx = "y"\n\nThe plot call'
    assert _regions(doc) == [("code", 'make "all"'), ("code", "check"), ("code", 'x = "y"'),
                             ("caption", "The plot call")]
    assert doc.suppressions == ()
