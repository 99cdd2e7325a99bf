"""Reference lists: where they are, how entries split, and what each entry parses into.

All works below are fictional.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.layout import layout
from factcheck.citations.model import Author
from factcheck.citations.references import find_references, parse_entry


def refs(text: str):
    return find_references(text, layout(text))


def span_of(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


APA_DOC = """\
Harbour towns grew quickly (Varga, Okonjo, & Okonjo, 2020; Mereditch, 2026).

References

- Mereditch, P. (2026, March 10). Tides and Tariffs: A Short History. <https://example.org/tides>.
- Varga, L., Okonjo , T., & Okonjo , B. (2020, 5 16). Salt Roads of the North. *Journal of Coastal Trade, 3(1), 44-61*.

- Pell Anders, K. R. (2023, May). *Lighthouses as Ledgers*.
- HARBOURWATCH. (2021, 03 30). Quay closures continue .
- Coastal Survey Office. (n.d.). Annual soundings. https://doi.org/10.5555/cso.2019.4
"""


def test_apa_list_under_heading_with_bullets_and_blank_line():
    region, entries = refs(APA_DOC)
    heading = APA_DOC.index("References")
    assert region == (heading, APA_DOC.rstrip().__len__())
    assert [e.id for e in entries] == ["r1", "r2", "r3", "r4", "r5"]
    for e in entries:
        assert APA_DOC[e.start:e.end] == e.text
        assert not e.text.startswith("- ")
    first = entries[0]
    assert (first.start, first.end) == span_of(APA_DOC, "Mereditch, P. (2026, March 10). Tides and Tariffs: A Short "
                                                        "History. <https://example.org/tides>.")
    assert first.authors == (Author(surname="Mereditch", initials="P"),)
    assert (first.year, first.date) == ("2026", "2026-03-10")
    assert first.title == "Tides and Tariffs: A Short History"
    assert first.url == "https://example.org/tides"
    assert first.container is None and first.problems == ()


def test_apa_spaces_before_commas_numeric_date_and_italic_container():
    _, entries = refs(APA_DOC)
    e = entries[1]
    assert [a.surname for a in e.authors] == ["Varga", "Okonjo", "Okonjo"]
    assert [a.initials for a in e.authors] == ["L", "T", "B"]
    assert (e.year, e.date) == ("2020", "2020-05-16")
    assert e.title == "Salt Roads of the North"
    assert e.container == "Journal of Coastal Trade"


def test_forename_in_surname_slot_is_kept_as_written_and_month_precision():
    _, entries = refs(APA_DOC)
    e = entries[2]
    assert e.authors == (Author(surname="Pell Anders", initials="KR"),)
    assert (e.year, e.date) == ("2023", "2023-05")
    assert e.title == "Lighthouses as Ledgers"


def test_corporate_authors_nd_and_doi_from_url():
    _, entries = refs(APA_DOC)
    wire, office = entries[3], entries[4]
    assert wire.authors == (Author(surname="HARBOURWATCH", corporate=True),)
    assert (wire.date, wire.title) == ("2021-03-30", "Quay closures continue")
    assert office.authors == (Author(surname="Coastal Survey Office", corporate=True),)
    assert (office.year, office.date) == ("n.d.", None)
    assert office.doi == "10.5555/cso.2019.4" and office.url is None
    assert office.title == "Annual soundings"


def test_harvard_entry():
    f = parse_entry("Brandt, J. and Osei, K. (2019a) Ferries and Fares. Maritime Review, 4(2), pp. 1-9.")
    assert [(a.surname, a.initials) for a in f["authors"]] == [("Brandt", "J"), ("Osei", "K")]
    assert (f["year"], f["date"]) == ("2019a", "2019")
    assert (f["title"], f["container"]) == ("Ferries and Fares", "Maritime Review")
    assert f["problems"] == ()


def test_chicago_entry():
    f = parse_entry("Brandt, Johan, and Kesi Osei. 2019. \u201cFerries and Fares.\u201d "
                    "Maritime Review 4 (2): 1\u20139.")
    assert f["authors"] == (Author(surname="Brandt", given="Johan", initials="J"),
                            Author(surname="Osei", given="Kesi", initials="K"))
    assert (f["year"], f["title"], f["container"]) == ("2019", "Ferries and Fares", "Maritime Review")
    assert f["problems"] == ()


def test_vancouver_numbered_list_keeps_label_outside_span():
    text = ("Body text [1].\n\nReferences\n\n"
            "1. Brandt J, Osei K. Ferries and fares. Maritime Review. 2019;4(2):1-9.\n"
            "2. Lind AM, Roy P, et al. Harbour dues. Port Econ. 2021 Mar 5;7:22-30.\n")
    _, entries = refs(text)
    assert [e.label for e in entries] == ["1", "2"]
    first, second = entries
    assert first.text == "Brandt J, Osei K. Ferries and fares. Maritime Review. 2019;4(2):1-9."
    assert [(a.surname, a.initials) for a in first.authors] == [("Brandt", "J"), ("Osei", "K")]
    assert (first.year, first.title, first.container) == ("2019", "Ferries and fares", "Maritime Review")
    assert second.et_al and [a.surname for a in second.authors] == ["Lind", "Roy"]
    assert second.date == "2021-03-05"


def test_hanging_indent_entry_is_joined():
    text = ("Bibliography\n\n"
            "Quill, M. (2018). A very long title about canals that wraps onto\n"
            "    a second line. Canal Press.\n"
            "Rask, T. (2017). Locks. Canal Press.\n")
    _, entries = refs(text)
    assert len(entries) == 2
    assert entries[0].text == ("Quill, M. (2018). A very long title about canals that wraps onto\n"
                               "    a second line. Canal Press.")
    assert entries[0].title == "A very long title about canals that wraps onto a second line"
    assert entries[0].container == "Canal Press"


def test_entries_broken_into_paragraphs_are_joined():
    """A Word file made from a PDF: each printed line became a paragraph, so an entry's title or
    source stands alone, with no names and no date of its own."""
    text = ("References\n\n"
            "Quill, M., & Rask, T. (2018).\n\n"
            "Locks and weirs: A survey. Canal Studies, 4 (2), 10–19. doi:10.5555/cs.2018.4\n\n"
            "Rask, T. (2017). Locks of the lowlands (2nd ed.).\n\n"
            "Lowtown: Canal Press.\n\n"
            "Sorrel, A. (2016). Towpaths.\n\n"
            "Ulm, B. (2015). Sluice gates. Canal Press.\n")
    _, entries = refs(text)
    assert [" ".join(e.text.split()) for e in entries] == [
        "Quill, M., & Rask, T. (2018). Locks and weirs: A survey. Canal Studies, 4 (2), 10–19. "
        "doi:10.5555/cs.2018.4",
        "Rask, T. (2017). Locks of the lowlands (2nd ed.). Lowtown: Canal Press.",
        "Sorrel, A. (2016). Towpaths.",  # a short entry, but the next paragraph opens with names
        "Ulm, B. (2015). Sluice gates. Canal Press.",
    ]
    assert [(e.title, e.container) for e in entries[:2]] == [
        ("Locks and weirs: A survey", "Canal Studies"), ("Locks of the lowlands (2nd ed.)", "Lowtown: Canal Press")]
    assert all(not e.problems for e in entries)


def test_run_together_entries_are_flagged():
    second_author = parse_entry("Quill, M. (2018). Canals. Canal Press. Rask, T. (2017). Locks. Canal Press.")
    assert any("second author and date" in p for p in second_author["problems"])
    second_title = parse_entry("WATERBOARD. (2020, June 2). Basin report. *Ada Morrow*, \"Why rivers bend . But")
    assert any("second title in quotes" in p and "Ada Morrow" in p for p in second_title["problems"])
    assert "an unbalanced quotation mark" in second_title["problems"]


def test_missing_fields_are_problems():
    f = parse_entry("Quill, M. Canals without dates.")
    assert "no year or date" in f["problems"]
    f = parse_entry("Quill, M. (2018).")
    assert "no title" in f["problems"]
    f = parse_entry("Rask, T. (2017). Locks. *12(3)*.")
    assert "volume or issue but no journal or publisher" in f["problems"]


def test_markdown_heading_and_list_ends_at_next_section():
    text = ("# Paper\n\nSome text.\n\n## References\n\n"
            "- Quill, M. (2018). Canals. Canal Press.\n"
            "- Rask, T. (2017). Locks. Canal Press.\n\n"
            "## Appendix\n\nTable of soundings for 2017.\n")
    region, entries = refs(text)
    assert len(entries) == 2
    assert region == (text.index("## References"), text.index("Canal Press.\n\n## Appendix") + len("Canal Press."))


def test_trailing_run_without_heading():
    text = ("An essay about canals with no heading for its sources.\n\n"
            "Quill, M. (2018). Canals. Canal Press.\n\n"
            "Rask, T. (2017). Locks. Canal Press.\n\n"
            "Tamsin, O. (2016). Weirs. Mill Books.\n")
    region, entries = refs(text)
    assert [e.authors[0].surname for e in entries] == ["Quill", "Rask", "Tamsin"]
    assert region == (text.index("Quill"), len(text.rstrip()))


def test_no_list_in_plain_prose():
    text = "Canals matter (Quill, 2018).\n\nThey were dug in 1790 and widened in 1850.\n"
    assert refs(text) == (None, [])
    two = "Body.\n\nQuill, M. (2018). Canals. Canal Press.\n\nRask, T. (2017). Locks. Canal Press.\n"
    assert refs(two) == (None, [])  # two entry-like lines are not enough without a heading


_ALPHABET = st.sampled_from(list("abcXYZ ,.;:()[]\"“”'*-&\n\t12 09")
                            + ["References\n", "(2020, May 3)", "Smith, J. ", "\n\n", "- ", "1. ", "https://x.org/a ",
                               "10.1234/x ", "et al. ", "n.d."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_find_references_never_raises_and_spans_are_exact(text):
    region, entries = refs(text)
    if region:
        assert 0 <= region[0] <= region[1] <= len(text)
    for e in entries:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text


def test_plain_entry_under_heading_with_corporate_author_and_no_year():
    text = "# Grain\n\nLosses rose (Ministry of Grain, n.d.).\n\n## References\n\nMinistry of Grain. Storage Survey.\n"
    _, entries = refs(text)
    assert len(entries) == 1
    e = entries[0]
    assert e.text == "Ministry of Grain. Storage Survey."
    assert e.authors == (Author(surname="Ministry of Grain", corporate=True),)
    assert (e.year, e.title) == (None, "Storage Survey")
    assert e.problems == ("no year or date",)


def test_ieee_entry_and_malformed_url_kept_for_rule():
    f = parse_entry("A. Quill, B.-T. Rask, and C. Oake, \u201cLocks,\u201d J. Canal Eng., "
                    "vol. 3, no. 2, pp. 1-9, 2019.")
    assert [(a.surname, a.initials) for a in f["authors"]] == [("Quill", "A"), ("Rask", "BT"), ("Oake", "C")]
    assert (f["year"], f["title"], f["container"]) == ("2019", "Locks", "J. Canal Eng")
    assert parse_entry("Quill, M. (2018). Canals. Canal Press. https//example.org/c")["url"] == "https//example.org/c"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_find_references_never_raises_on_any_text(text):
    region, entries = refs("References\n\n" + text)
    for e in entries:
        assert ("References\n\n" + text)[e.start:e.end] == e.text


def test_biomed_central_names_end_at_a_colon():
    one = parse_entry("Vale AB: Folding maps of river deltas. Delta Res 2011, 29(7):644–652.")
    two = parse_entry("Orrin RM, Pell MS: A new method for delta surveys. J Delta Stud 1995, 2(2):291–306.")
    assert ([a.surname for a in one["authors"]], one["title"], one["container"], one["problems"]) == (
        ["Vale"], "Folding maps of river deltas", "Delta Res", ())
    assert ([a.surname for a in two["authors"]], two["title"], two["container"]) == (
        ["Orrin", "Pell"], "A new method for delta surveys", "J Delta Stud")


def test_numbered_entry_broken_at_a_column_end_is_joined():
    text = ("References\n\n"
            "1. Orrin RM, Pell MS: A new method for delta surveys. J Delta Stud 1995, 2(2):291–306.\n\n"
            "2. Vale AB, Quill C, Rask D, Ulm E, Sorrel F: Delta surveys compared: an evaluation of methods.\n\n"
            "Delta Res 2012, 22(3):557–567. [http://delta.example.org/22/3/557]\n\n"
            "3. Hale G: Silt. Delta Res 2013, 23(1):1–9.\n")
    _, entries = refs(text)
    assert [(e.label, " ".join(e.text.split())[:40], e.year, e.container) for e in entries] == [
        ("1", "Orrin RM, Pell MS: A new method for delt", "1995", "J Delta Stud"),
        ("2", "Vale AB, Quill C, Rask D, Ulm E, Sorrel ", "2012", "Delta Res"),
        ("3", "Hale G: Silt. Delta Res 2013, 23(1):1–9.", "2013", "Delta Res"),
    ]
    assert entries[1].text.endswith("[http://delta.example.org/22/3/557]")


REPEATED_DOC = """\
Silt and mud were studied twice (Quarrel 2017; Bramwith 2019).

References

Quarrel, Ada. 2017. “Silt.” *Delta Papers* 2: 1–9.

———. 2018. “Mud.” *Delta Papers* 3: 4–8.

Bramwith, Otto. 2019. “Clay.” *Delta Papers* 4: 2–6.

———. 2018. “Mud.” *Delta Papers* 3: 4–8.
"""


def test_an_entry_repeated_word_for_word_is_read_in_its_own_place():
    """Entries of the same text are parsed once per list: each keeps its own span, and a dash
    takes the authors of the entry before it, not those of the first entry of that text."""
    _, entries = refs(REPEATED_DOC)
    repeat = "———. 2018. “Mud.” *Delta Papers* 3: 4–8."
    first_mud = REPEATED_DOC.index(repeat)
    second_mud = REPEATED_DOC.index(repeat, first_mud + 1)
    assert [(e.id, e.start, e.end) for e in entries][1::2] == [
        ("r2", first_mud, first_mud + len(repeat)), ("r4", second_mud, second_mud + len(repeat))]
    assert [[a.surname for a in e.authors] for e in entries] == [["Quarrel"], ["Quarrel"], ["Bramwith"], ["Bramwith"]]
    assert entries[1].title == entries[3].title == "Mud"


def test_a_last_paragraph_of_thousands_of_short_lines_is_no_reference_run():
    # Without a heading, a paragraph holding an entry past 1,000 characters is no part of a list;
    # the paragraph is read only until its one entry passes that length.
    lines = "\n".join(["Quill, M. (2018). Canals. Canal Press."] + ["and so on"] * 5_000)
    text = "An essay.\n\nRask, T. (2017). Locks. Canal Press.\n\nTamsin, O. (2016). Weirs. Mill Books.\n\n" + lines
    assert refs(text) == (None, [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Quill, M. (2018). Canals.", "and more", "[1] Rask, T. (2017). Locks.", "2. Lee, A.",
                                 "  indented tail.", "", "Tamsin, O. (2016). Weirs. Mill Books.", "x" * 40]),
                min_size=1, max_size=15).map("\n".join), st.integers(1, 120))
def test_entries_read_until_one_is_too_long_are_the_start_of_the_whole_reading(text: str, longest: int) -> None:
    from factcheck.citations.references import _ParsedEntries, _split_entries

    whole = _split_entries(text, [(0, len(text))], _ParsedEntries())
    cut = _split_entries(text, [(0, len(text))], _ParsedEntries(), longest)
    if all(e - s <= longest for s, e, _ in whole):
        assert cut == whole
    else:  # read up to the first entry past the bound: the entries before it, then that one, longer
        first_long = next(i for i, (s, e, _) in enumerate(whole) if e - s > longest)
        assert cut[:first_long] == whole[:first_long]
        s, e, n = cut[first_long]
        assert len(cut) == first_long + 1 and (s, n) == whole[first_long][::2] and longest < e - s



@pytest.mark.parametrize("heading", ["Referencias", "Bibliografía", "Literaturverzeichnis", "Literatur", "Quellen",
                                     "Références", "Bibliographie", "Referências", "Riferimenti bibliografici"])
def test_a_reference_list_under_a_heading_in_another_language(heading):
    """The citation rules run on documents in any language: under "Referencias" the list was not
    found, and every citation of a Spanish or German paper was reported missing."""
    text = (f"Introducción\n\nEl embalse almacena agua (Sousa, 2019).\n\n{heading}\n\n"
            "Sousa, R. (2019). El regadío en el Alentejo. Lisboa: Editorial Agua.\n\n"
            "Vidal, M. (2021). Boletín anual. Madrid: Ministerio.\n")
    region, entries = refs(text)
    assert [(e.authors[0].surname, e.year) for e in entries] == [("Sousa", "2019"), ("Vidal", "2021")]
