"""Note lists with restarting numbers, single end-note sections, and Ibid./op. cit. resolution.

All sources below are fictional.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.layout import layout
from factcheck.citations.notes import find_notes


def notes_of(text: str):
    return find_notes(text, layout(text))


REPORT = """\
Harbour Dues in the Northern Ports

Ports raised their dues twice in 2022.[1] Shippers complained to the regional board.[2]

[1] Ibid. Port authority circular, 3 March 2022.

[2] Mara Lind, \u201cThe Price of a Berth\u201d, Coastal Quarterly, 12 May 2022.

II. The Board Responds

The board met in June and again in August.

The board met in June and again in August.[1] It published tariffs.[2] Ferries were exempt.[3] Fees fell.[4]

[1] Board minutes, 14 June 2022.

[2] Lind, \u201cThe Price of a Berth\u201d, op. cit.
See also Oskar Vey, \u201cTariffs at Sea\u201d, Harbour Review, 2021.

[4] Ahmed, \u201cA Title Never Cited in Full\u201d, op. cit.

Shipping lines welcomed the change.[1]

[1] Ibid.
"""


def test_restarting_blocks_and_their_spans():
    blocks, notes = notes_of(REPORT)
    assert [b.index for b in blocks] == [1, 2, 3]
    assert [[n.number for n in notes if n.block == b.index] for b in blocks] == [[1, 2], [1, 2, 4], [1]]
    first, second, third = blocks
    assert first.body_start == 0
    assert REPORT[first.body_end - len("regional board.[2]"):first.body_end] == "regional board.[2]"
    assert REPORT[first.notes_start:first.notes_end].startswith("[1] Ibid.")
    assert REPORT[first.notes_start:first.notes_end].endswith("12 May 2022.")
    # The second body starts with the heading after the first list and holds the pull quote.
    assert second.body_start == REPORT.index("II. The Board Responds")
    assert REPORT[second.body_start:second.body_end].endswith("Fees fell.[4]")
    assert third.body_start == REPORT.index("Shipping lines")
    assert REPORT[third.notes_start:third.notes_end] == "[1] Ibid."


def test_ids_follow_written_numbers_so_a_missing_note_does_not_shift_others():
    _, notes = notes_of(REPORT)
    assert [n.id for n in notes] == ["n1.1", "n1.2", "n2.1", "n2.2", "n2.4", "n3.1"]
    four = notes[4]
    assert four.text == "[4] Ahmed, \u201cA Title Never Cited in Full\u201d, op. cit."
    assert four.body_start == four.start + len("[4] ")


def test_a_note_continues_on_an_unlabelled_line():
    _, notes = notes_of(REPORT)
    two = notes[3]
    assert two.text == ("[2] Lind, \u201cThe Price of a Berth\u201d, op. cit.\n"
                        "See also Oskar Vey, \u201cTariffs at Sea\u201d, Harbour Review, 2021.")
    for n in notes:
        assert REPORT[n.start:n.end] == n.text


def test_ibid_resolution():
    _, notes = notes_of(REPORT)
    first = notes[0]  # Ibid. with no note before it
    assert first.short_form == "ibid" and first.resolves_to is None
    assert [(f.kind, f.text) for f in first.short_forms] == [("ibid", "Ibid.")]
    last = notes[-1]  # first in its block: the last note of the previous block
    assert (last.short_form, last.resolves_to) == ("ibid", "n2.4")


def test_op_cit_resolved_and_unresolved_with_exact_spans():
    _, notes = notes_of(REPORT)
    resolved = notes[3].short_forms[0]
    assert (resolved.kind, resolved.title, resolved.resolves_to) == ("op-cit", "The Price of a Berth", "n1.2")
    assert resolved.text == "Lind, \u201cThe Price of a Berth\u201d, op. cit."
    assert REPORT[resolved.start:resolved.end] == resolved.text
    unresolved = notes[4]
    assert (unresolved.short_form, unresolved.short_title, unresolved.resolves_to) == (
        "op-cit", "A Title Never Cited in Full", None)
    assert unresolved.short_forms[0].text == "Ahmed, \u201cA Title Never Cited in Full\u201d, op. cit."


def test_op_cit_unquoted_title_and_author_only():
    text = ("Body.[1] More.[2] Again.[3]\n\n"
            "[1] Crisis Desk Paper No. 7, Rivers under Strain, 2 May 2020.\n\n"
            "[2] Interviews, 2021. See also Crisis Desk Paper, Rivers under Strain, op. cit.\n\n"
            "[3] Oyelaran, op. cit., p. 4; Mbeki, op. cit.\n")
    _, notes = notes_of(text)
    second = notes[1].short_forms[0]
    assert second.text == "Crisis Desk Paper, Rivers under Strain, op. cit."
    assert (second.title, second.resolves_to) == ("Rivers under Strain", "n1.1")
    forms = notes[2].short_forms
    assert [(f.title, f.resolves_to) for f in forms] == [("Oyelaran", None), ("Mbeki", None)]
    assert [f.text for f in forms] == ["Oyelaran, op. cit.", "Mbeki, op. cit."]


def test_op_cit_fuzzy_match_on_a_reworded_title():
    text = ("Body.[1] More.[2]\n\n"
            "[1] \u201cAnnual Report of the Ministry of Inland Waters\u201d, Ministry, 2022.\n\n"
            "[2] \u201cAnnual Report of the Inland Waters Ministry\u201d, op. cit.\n")
    _, notes = notes_of(text)
    assert notes[1].resolves_to == "n1.1"


def test_single_endnotes_section_with_numbered_labels_and_multi_paragraph_note():
    text = ("Canals came first.[1] Then railways.[2] Then roads.[3]\n\n"
            "Notes\n\n"
            "1. Tamsin Oake, Canals (Mill Books, 2001), 12.\n"
            "2. Ibid., 14.\n\n"
            "A second paragraph of note two.\n\n"
            "3. Rask, op. cit.\n")
    blocks, notes = notes_of(text)
    assert len(blocks) == 1
    assert blocks[0].body_start == 0 and blocks[0].body_end == text.index("Then roads.[3]") + len("Then roads.[3]")
    assert [n.id for n in notes] == ["n1.1", "n1.2", "n1.3"]
    assert notes[1].text == "2. Ibid., 14.\n\nA second paragraph of note two."
    assert notes[1].resolves_to == "n1.1"
    assert notes[2].short_forms[0].resolves_to is None


def test_list_followed_by_body_without_heading_starts_next_block():
    text = ("Alpha.[1]\n\n[1] Source one.\n\nBeta continues the argument.\n\nGamma.[1]\n\n[1] Source two.\n")
    blocks, notes = notes_of(text)
    assert len(blocks) == 2
    assert blocks[1].body_start == text.index("Beta")
    assert notes[0].text == "[1] Source one."


def test_unlabelled_paragraph_between_notes_continues_the_note():
    text = ("Alpha.[1] Beta.[2]\n\n[1] Source one, first part.\n\nSecond part of the same note.\n\n"
            "[2] Source two.\n")
    blocks, notes = notes_of(text)
    assert len(blocks) == 1
    assert notes[0].text == "[1] Source one, first part.\n\nSecond part of the same note."


def test_reference_list_with_bracket_labels_is_not_notes():
    text = "Body [1].\n\nReferences\n\n[1] Quill, M. (2018). Canals. Canal Press.\n"
    assert notes_of(text) == ([], [])


_PIECES = st.sampled_from(["[1] ", "[2]", "[3] ", "1. ", "Notes\n", "Ibid. ", "op. cit.", "\u201cT\u201d, ", "\"x\", ",
                           "See also ", "\n", "\n\n", "text ", "A. ", "; ", ", ", "References\n", "  ", "word."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_find_notes_never_raises_and_spans_are_exact(text):
    blocks, notes = notes_of(text)
    for b in blocks:
        assert 0 <= b.body_start <= b.body_end <= b.notes_start <= b.notes_end <= len(text)
    for n in notes:
        assert 0 <= n.start <= n.body_start <= n.end <= len(text)
        assert text[n.start:n.end] == n.text
        for f in n.short_forms:
            assert n.body_start <= f.start <= f.end <= n.end
            assert text[f.start:f.end] == f.text


def test_notes_heading_directly_above_its_notes():
    text = "Alpha.[1] Beta.[2]\n\n## Notes\n1. Source one.\n2. Source two,\n   continued.\n"
    blocks, notes = notes_of(text)
    assert len(blocks) == 1 and blocks[0].body_end == text.index("\n\n## Notes")
    assert [n.text for n in notes] == ["1. Source one.", "2. Source two,\n   continued."]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_find_notes_never_raises_on_any_text(text):
    doc = "Body.[1]\n\n[1] " + text
    _, notes = notes_of(doc)
    for n in notes:
        assert doc[n.start:n.end] == n.text


def _labels_line_by_line(text: str, start: int, end: int, in_section: bool) -> list[tuple[int, int, int]]:
    """What ``_labels`` finds, read the plain way: every line, its blanks skipped, then a label."""
    from factcheck.citations import notes

    found, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        indent = pos
        while indent < line_end and text[indent] in " \t":
            indent += 1
        m = notes._BRACKET_LABEL.match(text, indent, line_end)
        if m and (m.group(1) or not m.group(3)):
            found.append((int(m.group(2)), indent, m.end()))
        elif in_section and (m := notes._SECTION_LABEL.match(text, indent, line_end)):
            found.append((int(m.group(1)), indent, m.end()))
        pos = line_end + 1
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["[1] A note.", "  [2]: http://x.org", "[^3] Foot.", "\t4. Text", "5 Words",
                                 "6 < z", "a line", "", " ", "[12]", "٣. Arabic digit", "x [1] y"]),
                max_size=12).map("\n".join), st.booleans(), st.data())
def test_note_labels_found_by_one_search_are_those_of_every_line(text: str, in_section: bool, data) -> None:
    from factcheck.citations.notes import _labels

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _labels(text, start, end, in_section) == _labels_line_by_line(text, start, end, in_section)


def test_every_section_heading_name_passes_the_quick_test() -> None:
    from factcheck.citations.notes import _SECTION_HEADINGS, _heading_name

    for name in _SECTION_HEADINGS:
        assert _heading_name(name) == name
        assert _heading_name(f"## {name.title()}:") == name
        assert _heading_name(f"4. {name.upper()}") == name
    assert _heading_name("# Harbour dues") == ""
