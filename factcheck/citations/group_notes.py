"""Grouped notes: the lettered or named note lists a page keeps apart from its numbered citations.

Wikipedia puts explanatory notes in their own group, shown "[a]", "[b]" or "[n 1]", "[note 2]",
in a "Notes" list beside the numbered "Citations"; other sites letter their asides the same way.
The numbered notes are found in the text (``factcheck.citations.notes``); a grouped label is read
only where the loader declared it, because "[a]" in plain text is as often an item of a list or a
bracketed letter of a quotation: a marker the loader raised (a ``marker`` segment) and a note
whose label the loader wrote at the head of a note (a ``note`` segment). Each group is a note
block of its own, numbered as its labels count ("a" 1, "b" 2, … "aa" 27; "n 3" 3), so markers,
notes and the note rules work as for numbered notes.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.citations.model import Note, NoteBlock
from factcheck.documents.model import Segment
from factcheck.text.lazy_regex import regex

_LABEL = regex(r"\[(?:(?P<name>[A-Za-z]{1,12})[ \u00a0](?P<number>\d{1,3})|(?P<letters>[a-z]{1,2}))\]")


def group_label(label: str) -> tuple[str, int] | None:
    """("n", 3) for "n 3", ("lower-alpha", 2) for "b"; None for a number or anything else."""
    m = _LABEL.fullmatch(f"[{label}]")
    if m is None:
        return None
    if m.group("letters"):
        number = 0
        for ch in m.group("letters"):
            number = number * 26 + ord(ch) - ord("a") + 1
        return "lower-alpha", number
    return m.group("name").lower(), int(m.group("number"))


def shown_label(marker: str, number: int) -> str:
    """Note ``number`` as a marker of the same group as ``marker`` shows it: "[2]" after "[1]",
    "[b]" after "[a]", "[n 2]" after "[n 1]"."""
    m = _LABEL.fullmatch(marker)
    if m is None:
        return f"[{number}]"
    if m.group("letters"):
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return f"[{letters}]"
    return f"[{m.group('name')} {number}]"


def group_notes(text: str, segments: Sequence[Segment], first_index: int
                ) -> tuple[list[NoteBlock], list[Note], list[dict]]:
    """The grouped notes the loader declared: their blocks (indexes from ``first_index``), the
    notes, and their markers (as ``Citation`` fields without ids)."""
    notes_by_group: dict[str, list[tuple[int, int, int, int]]] = {}
    markers_by_group: dict[str, list[tuple[int, int, int]]] = {}
    for segment in segments:
        if segment.origin == "note":
            m = _LABEL.match(text, segment.start, segment.end)
            if m is None or not _starts_paragraph(text, segment.start):
                continue
            group = group_label(m.group()[1:-1])
            if group is not None:
                end = text.find("\n\n", m.end())
                end = len(text) if end < 0 else end
                body = m.end() + (len(text[m.end():end]) - len(text[m.end():end].lstrip()))
                notes_by_group.setdefault(group[0], []).append((group[1], m.start(), end, body))
        elif segment.origin == "marker":
            for m in _LABEL.finditer(text, segment.start, segment.end):
                group = group_label(m.group()[1:-1])
                if group is not None:
                    markers_by_group.setdefault(group[0], []).append((group[1], m.start(), m.end()))
    blocks: list[NoteBlock] = []
    notes: list[Note] = []
    markers: list[dict] = []
    for k, group in enumerate(sorted(set(notes_by_group) | set(markers_by_group))):
        index = first_index + k
        listed = sorted(notes_by_group.get(group, ()), key=lambda n: n[1])
        cited = markers_by_group.get(group, [])
        starts = [n[1] for n in listed]
        blocks.append(NoteBlock(index=index, body_start=0, body_end=min(starts, default=len(text)),
                                notes_start=min(starts, default=len(text)),
                                notes_end=max((n[2] for n in listed), default=len(text))))
        seen: dict[int, int] = {}
        for number, start, end, body in listed:
            seen[number] = seen.get(number, 0) + 1
            note_id = f"n{index}.{number}" + (f"-{seen[number]}" if seen[number] > 1 else "")
            notes.append(Note(id=note_id, block=index, number=number, start=start, end=end, text=text[start:end],
                              body_start=body))
        markers.extend(dict(style="note", kind="marker", start=start, end=end, text=text[start:end], number=number,
                            block=index) for number, start, end in cited)
    return blocks, notes, markers


def _starts_paragraph(text: str, pos: int) -> bool:
    return pos == 0 or text[max(0, pos - 2):pos] == "\n\n" or text[pos - 1] == "\n"
