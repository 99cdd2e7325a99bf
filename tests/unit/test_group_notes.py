"""Grouped note labels ("[a]", "[n 1]"): how they count, how they are shown, and that only what a
loader declared is read as one."""

from __future__ import annotations

import pytest

from factcheck.citations.group_notes import group_label, group_notes, shown_label
from factcheck.documents.model import Segment


@pytest.mark.parametrize("label, group", [
    ("a", ("lower-alpha", 1)), ("c", ("lower-alpha", 3)), ("aa", ("lower-alpha", 27)),
    ("n 1", ("n", 1)), ("note 12", ("note", 12)), ("3", None), ("ab1", None), ("Fig", None),
])
def test_group_labels_count_like_numbers(label, group):
    assert group_label(label) == group


@pytest.mark.parametrize("marker, number, shown", [
    ("[a]", 2, "[b]"), ("[z]", 27, "[aa]"), ("[n 1]", 3, "[n 3]"), ("[4]", 2, "[2]"), ("(4)", 2, "[2]"),
])
def test_expected_markers_are_shown_in_their_group(marker, number, shown):
    assert shown_label(marker, number) == shown


def test_only_declared_labels_are_grouped_notes():
    text = "Mead was found.[a] A list: [b] is only text.\n\n[a] Pollen tells.[5]\n\n[b] Not a declared note."
    body = text.index("[a] Pollen")
    segments = [
        Segment(start=0, end=15, origin="text"),
        Segment(start=15, end=18, origin="marker"),  # "[a]", raised by the loader
        Segment(start=18, end=body - 2, origin="text"),  # "[b]" written in the text: no marker
        Segment(start=body, end=body + 16, origin="note"),  # "[a] Pollen tells."
        Segment(start=body + 16, end=body + 19, origin="marker"),
        Segment(start=body + 21, end=len(text), origin="text"),  # "[b] ..." is no declared note
    ]
    blocks, notes, markers = group_notes(text, segments, first_index=2)
    assert [(b.index, text[b.notes_start:b.notes_end]) for b in blocks] == [(2, "[a] Pollen tells.[5]")]
    assert [(n.id, n.number, text[n.body_start:n.end]) for n in notes] == [("n2.1", 1, "Pollen tells.[5]")]
    assert [(m["text"], m["number"], m["block"]) for m in markers] == [("[a]", 1, 2)]
