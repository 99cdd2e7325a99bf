"""What each family's grammar takes and leaves, and how a document's family is decided.

The rule cases (tests/rules/CIT001.yml ``links:``) show every shape of the issue's table found and
linked; these tests pin the edges: exponents, enumerations, e-mail addresses, the detection.
All names and works are fictional.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.citations.find import find_all
from factcheck.citations.numeric import expand, find_superscripts
from factcheck.citations.pandoc import find_bare, find_bracketed
from factcheck.citations.references import find_references
from factcheck.citations.style import StyleSignals, detect_family
from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document
from factcheck.reports.json_report import document_record
from factcheck.reports.texts import SourceTexts
from factcheck.results import AuditResult
from factcheck.text.layout import layout, mark_regions


def raised(text: str) -> list[tuple[str, list[int]]]:
    return [(text[s:e], numbers) for numbers, s, e in find_superscripts(text, 0, len(text))]


def test_ranges_expand_and_long_ranges_keep_their_ends():
    assert expand("1, 3, 5–7") == [1, 3, 5, 6, 7]
    assert expand("⁴⁻⁶") == [4, 5, 6]
    assert expand("2-300") == [2, 300]


def test_exponents_are_not_superscript_citations():
    assert raised("a grid of 512² points and 10⁷ samples over 5 m² of silt") == []
    assert raised("R = (g_l)²+(h_l)²") == []
    # A unit's power with no number before it: after a slash, "per", or alone in brackets (they
    # were note markers with no note, FN001 errors).
    assert raised("water at 2 €/m³, some 40 people per km² on an area (km²) of hills") == []
    assert raised("each owner signs his/her¹ form, and/or² another") == [("¹", [1]), ("²", [2])]  # no units
    assert raised("as the gauges show.¹² Tides rose,⁴⁻⁶ and fell^(2,3).") == [
        ("¹²", [12]), ("⁴⁻⁶", [4, 5, 6]), ("^(2,3)", [2, 3])]


def test_bare_keys_and_email_addresses():
    text = "@quill2018 measured it; write to ada@example.org or see [see @rask2017, p. 3; @oake2015]."
    assert [c["key"] for c in find_bare(text, 0, len(text))] == ["quill2018", "rask2017", "oake2015"]
    assert [(c["text"], c["locator"]) for c in find_bracketed(text, 0, len(text))] == [
        ("@rask2017, p. 3", "p. 3"), ("@oake2015", None)]


def test_detection_prefers_notes_only_when_markers_lead():
    assert detect_family(StyleSignals(brackets=5, notes=5)) == "notes"
    assert detect_family(StyleSignals(author_date=12, brackets=1, notes=1)) == "author-date"
    assert detect_family(StyleSignals(parentheses=8, entries=8, numbered_entries=8)) == "numeric"
    assert detect_family(StyleSignals(raised=9, entries=8, numbered_entries=8)) == "superscript"
    assert detect_family(StyleSignals(author_page=6, author_date=1)) == "author-page"
    assert detect_family(StyleSignals()) == "none"
    assert detect_family(StyleSignals(author_date=3), "numeric") == "numeric"


VANCOUVER_WITH_STEPS = """Salt roads

The barges were counted (1) and priced (2,3).

The method has four steps: the ledgers are read (1), the tolls summed (2), the routes drawn (3)
and the prices compared (4).

References

1. Varga L, Lind A. Salt roads of the north. Trade Review. 2019;3(1):44-61.

2. Okonjo T. A model of barge prices. Harbour Press; 2020.

3. Marsh P. Tolls on the Vell. River Studies. 2011;2:1-9.
"""


def test_numbered_steps_after_citations_are_not_citations():
    blocks = layout(VANCOUVER_WITH_STEPS)
    region, refs = find_references(VANCOUVER_WITH_STEPS, blocks)
    blocks = mark_regions(blocks, [(region[0], region[1], "references")])
    found = find_all(VANCOUVER_WITH_STEPS, blocks, references=refs)
    assert found.family == "numeric"
    assert [(c.text, c.number) for c in found.citations] == [("(1)", 1), ("(2,3)", 2), ("(2,3)", 3)]


def test_json_says_the_family_and_each_citations_kind(tmp_path):
    doc = tmp_path / "salt.md"
    doc.write_text("# Salt\n\nSalt moved north (Varga, 2019), as Okonjo (2020) shows.\n\n## References\n\n"
                   "Okonjo, T. (2020). Barges. Harbour Press.\n\nVarga, L. (2019). Salt roads. Trade Review, 3, 4.\n",
                   encoding="utf-8")
    result = audit_document(load_document(doc), Settings())
    record = document_record(result, SourceTexts(AuditResult(documents=(result,))))
    assert record["citation_style"] == "author-date"
    assert [(c["text"], c["kind"]) for c in record["citations"]] == [("Varga, 2019", "parenthetical"),
                                                                     ("Okonjo (2020)", "narrative")]
    assert json.dumps(record)  # still plain JSON


def _audit_text(tmp_path, name, text):
    doc = tmp_path / name
    doc.write_text(text, encoding="utf-8")
    return audit_document(load_document(doc), Settings())


def test_unbracketed_author_year_citations_in_an_author_date_paper(tmp_path):
    """"as in Vale and Orrin, 2012." cites without parentheses: read where the paper cites by author
    and date, linked like any other, and reported when no entry matches."""
    result = _audit_text(tmp_path, "slices.md", (
        "# Slices\n\nMemory traces fade in days (Quill & Rask, 1999; Moss et al., 2016). "
        "Slices were kept in cold buffer (Moss et al., 2016) as in Vale and Orrin, 2012. "
        "The markers follow Moss et al., 2016; the list of genes is from Quill and Rask 1999.\n\n"
        "Counts were compared between Fenwick and Hale 2004 and later samples.\n\n"
        "## References\n\nMoss, A., Pell, B., & Ulm, C. (2016). Cold slices. Brain Methods, 4, 1-9.\n\n"
        "Quill, D., & Rask, E. (1999). Genes of memory. Neuro Review, 2, 5-19.\n"))
    ex = result.extraction
    entry = {r.id: r.text[:5] for r in ex.references}
    links = {link.citation_id: link.target_id for link in ex.links}
    assert [(c.text, c.kind, entry.get(links.get(c.id))) for c in ex.citations] == [
        ("Quill & Rask, 1999", "parenthetical", "Quill"), ("Moss et al., 2016", "parenthetical", "Moss,"),
        ("Moss et al., 2016", "parenthetical", "Moss,"),
        ("Vale and Orrin, 2012", "unbracketed", None),
        ("Moss et al., 2016", "unbracketed", "Moss,"),
        ("Quill and Rask 1999", "unbracketed", "Quill"),  # no comma: read only for authors of the list
    ]  # "Fenwick and Hale 2004" names no listed author and has no comma: not a citation
    assert [(f.code, f.excerpt) for f in result.findings if f.code.startswith("CIT")] == [
        ("CIT001", "Vale and Orrin, 2012")]


def test_names_and_a_year_are_no_citation_where_nothing_cites_by_author_and_date(tmp_path):
    result = _audit_text(tmp_path, "news.md", (
        "# Talks resume\n\nThe talks between Vale and Orrin, 2012 champions, resumed on Monday, "
        "the ministry said.\n"))
    assert [c.text for c in result.extraction.citations if c.style == "author-year"] == []
    assert [f.code for f in result.findings if f.code.startswith("CIT")] == []


def test_mla_narrative_names_start_where_their_word_starts():
    """Narrative MLA names are read from the start of a word, after one opening mark, or from a
    particle, never from inside a word: the same citations as when every letter was tried."""
    from factcheck.citations.author_page import narrative
    from factcheck.citations.model import Author, ReferenceEntry
    from factcheck.citations.name_index import NameIndex

    names = NameIndex([ReferenceEntry(id="r1", start=0, end=1, text="x", authors=(Author(surname="Quillfeather"),)),
                       ReferenceEntry(id="r2", start=0, end=1, text="x", authors=(Author(surname="van Roon"),)),
                       ReferenceEntry(id="r3", start=0, end=1, text="x", authors=(Author(surname="Darrow"),))])
    text = ("As _Quillfeather et al._ showed, and as van Roon and Darrow found, the silt moved; "
            "xQuillfeather et al. is a typo, and snake_Quillfeather et al. an identifier.")
    found = [(c["text"], c["kind"]) for c in narrative(text, 0, len(text), names)]
    assert found == [("Quillfeather et al.", "narrative"), ("van Roon and Darrow", "narrative")]


def test_narrative_names_are_read_back_to_a_closing_parenthesis_or_an_abbreviation():
    """A narrative citation's names are read backwards from its "(2020)"; a ")" before them ends
    them, unless it closes an abbreviation that belongs to the name ("(WHO)")."""
    from factcheck.citations.author_date import narrative

    text = ("As the World Health Organization (WHO) (2020) reported, and (as noted) Okafor and Hale (2019) "
            "found, Marsh (2018) (Lee, 2017) Brandt et al. (2016) agree.")
    assert [(c["text"], c["authors"]) for c in narrative(text, 0, len(text))] == [
        ("World Health Organization (WHO) (2020)", ("World Health Organization",)),
        ("Okafor and Hale (2019)", ("Okafor", "Hale")), ("Marsh (2018)", ("Marsh",)),
        ("Brandt et al. (2016)", ("Brandt",))]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 ,()^²³⁴⁻˒10m", max_size=40))
def test_superscripts_are_looked_for_only_where_one_may_be(text: str) -> None:
    from factcheck.citations.numeric import may_hold_superscripts

    if not may_hold_superscripts(text):
        assert raised(text) == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Smith", "van", "der", "et al.", "et  al", "(WHO)", "(AB CD)", "&", "and", ",", " ",
                                 "\n", "\u00a0", "2020", "’s", "O'Neil", "x.y", "-", "(", ")", "é"]),
                max_size=25).map("".join))
def test_tokens_read_backward_are_the_token_patterns_last_first(window: str) -> None:
    import re

    from factcheck.citations.author_date import _TOKEN_PATTERN, tokens_backward

    assert list(tokens_backward(window)) == [(m.start(), m.end(), m.group())
                                             for m in reversed(list(re.finditer(_TOKEN_PATTERN, window)))]


def test_narrative_names_read_back_from_the_year() -> None:
    text = "As shown by the survey of van der Berg and Okafor (2019), dues rose; Hale (WHO) (2020) agreed."
    found = [(text[c.start:c.end], c.authors, c.year, c.narrative) for c in find_all(text, layout(text)).citations]
    assert ("van der Berg and Okafor (2019)", ("van der Berg", "Okafor"), "2019", True) in found


def test_a_repeated_parenthesis_gives_its_citations_at_each_place():
    """A parenthesis's content is read once however often it is written: each copy's citations carry
    their own spans and text (a wrapped copy, blanked to the same content, keeps its line break)."""
    from factcheck.citations.author_date import both, parenthetical

    text = ("Silt rose (Hale, 2017; Vale and Orrin, 2019a, b). Mud fell (Hale, 2017; Vale and\nOrrin, 2019a, b). "
            "Reeds grew (Hale, 2017; Vale and Orrin, 2019a, b).")
    expected = []
    for at, pair in ((text.index("(Hale"), "Vale and Orrin"), (text.index("(Hale", 30), "Vale and\nOrrin"),
                     (text.rindex("(Hale"), "Vale and Orrin")):
        expected += [(at + 1, "Hale, 2017", "2017"), (text.index(pair, at), f"{pair}, 2019a, b", "2019a"),
                     (text.index(pair, at), f"{pair}, 2019a, b", "2019b")]
    for found in (list(parenthetical(text, 0, len(text))), both(text, 0, len(text))[0]):
        assert [(c["start"], c["text"], c["year"]) for c in found] == expected
        assert all(text[c["start"]:c["end"]] == c["text"] for c in found)


def test_a_repeated_mla_parenthesis_repeating_the_word_before_it_counts_only_there():
    """"Tollkit (Tollkit)" cites a work named by the word before it; the same "(Tollkit)" after
    another word is prose, though its content was read before."""
    from factcheck.citations.author_page import parenthetical
    from factcheck.citations.model import Author, ReferenceEntry
    from factcheck.citations.name_index import NameIndex

    names = NameIndex([ReferenceEntry(id="r1", start=0, end=1, text="x", authors=(Author(surname="Quillfeather"),))])
    text = "Read in Tollkit (Tollkit), not in a sieve (Tollkit), then in Tollkit (Tollkit) and (Quillfeather 4)."
    found = [(c["start"], c["text"], c["validated"]) for c in parenthetical(text, 0, len(text), names)]
    assert found == [(text.index("(Tollkit)") + 1, "Tollkit", False),
                     (text.rindex("(Tollkit)") + 1, "Tollkit", False),
                     (text.index("Quillfeather"), "Quillfeather", True)]


def test_a_bracket_group_is_numbers_joined_by_commas_and_dashes_only():
    # "[,-–]" in a character class is the range of every character from "," to "–" (digits,
    # letters, ".", ":" among them): a decimal or a ratio in brackets read as two citations, and a
    # long group of ranges made the pattern backtrack for milliseconds.
    from factcheck.citations.numeric import find_brackets

    text = "Doses [3.5] and [1:2] and [1a2]; cited [1, 3, 5–7] and [2-4], [8]–[10]."
    assert [(text[s:e], numbers) for numbers, s, e in find_brackets(text, 0, len(text))] == [
        ("[1, 3, 5–7]", [1, 3, 5, 6, 7]), ("[2-4]", [2, 3, 4]), ("[8]–[10]", [8, 9, 10])]


def test_a_group_of_more_numbers_than_a_group_holds_is_not_read():
    # Forty numbers are past the twenty-one a group may hold: no citation but the chained "[1060]"
    # (the time such groups took is measured by the pathological input "1 MB of wide bracket groups").
    from factcheck.citations.numeric import find_brackets

    group = "[" + ",".join(f"{a}-{a + 50}" for a in range(1, 1000, 51)) + "]-[1060] "
    text = ("Claim " + group) * 3
    found = [(s, text[s:e], numbers) for numbers, s, e in find_brackets(text, 0, len(text))]
    starts = [i for i in range(len(text)) if text.startswith("[1060]", i)]
    assert found == [(start, "[1060]", [1060]) for start in starts]
