"""FN rules: note markers and the notes they point at."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from itertools import accumulate

from factcheck.citations.group_notes import group_label, shown_label
from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.registry import Hit, rule
from factcheck.text.lazy_regex import regex

_LEADING_NUMBER = regex(r"\[(\d{1,4})\]")


@rule("FN001", "missing-note", Severity.ERROR)
def missing_note(ctx: AuditContext) -> Iterator[Hit]:
    """A note marker (`[3]`, `³`) with no note text for it.

    ## Why is this bad?
    The claim the marker supports has lost its source; often a note was deleted or merged
    into its neighbour in editing.

    ## Example
    A paragraph with markers `[1]` to `[4]` followed by notes `[1]`, `[2]` and `[4]`.

    ## Fix
    Restore the missing note, or renumber the markers.
    """
    if not ctx.extraction.note_blocks and not any(c.style == "note" for c in ctx.extraction.citations):
        return
    for citation in ctx.extraction.citations:
        if citation.style != "note":
            continue
        link = ctx.link_by_citation.get(citation.id)
        if link and link.target_id:
            continue
        where = f" in the notes of block {citation.block}" if citation.block else ""
        grouped = group_label(citation.text[1:-1]) is not None  # "[a]", "[n 1]": shown as written
        shown = citation.text if grouped or citation.number is None else citation.number
        yield Hit(citation.start, citation.end, f"Note marker {citation.text} has no note{where}.",
                  suggestion=f"restore note {shown} or renumber the markers")


@rule("FN002", "unreferenced-note", Severity.WARNING)
def unreferenced_note(ctx: AuditContext) -> Iterator[Hit]:
    """A note whose marker never appears in the text.

    ## Why is this bad?
    The note's source no longer supports any sentence: its marker was lost in editing.

    ## Example
    Notes `[1]` to `[3]` after a paragraph that only has markers `[1]` and `[2]`.

    ## Fix
    Put the marker back after the sentence the note supports, or delete the note.
    """
    cited = ctx.citations_by_target
    for note in ctx.extraction.notes:
        if note.id not in cited:
            label = ctx.text[note.start:note.body_start].rstrip() if note.body_start > note.start else ""
            label_end = note.start + (len(label) or len(f"[{note.number}]"))
            inner = label[1:-1]
            # "[a]", "[n 1]"; a number is no group's label (and most are numbers: 50,000 in a long list)
            grouped = not inner.isdigit() and group_label(inner) is not None
            shown = inner if grouped else note.number
            yield Hit(note.start, label_end, f"Note {shown} is never referenced by a marker in the text.",
                      f"add the marker {label if grouped else f'[{note.number}]'} where the note "
                      "applies, or remove the note")


@rule("FN003", "unresolved-short-form", Severity.WARNING)
def unresolved_short_form(ctx: AuditContext) -> Iterator[Hit]:
    """`Ibid.` with no note before it, or `op. cit.` whose short title matches no earlier full citation.

    ## Why is this bad?
    A short form only works if the full citation it abbreviates is there to read; when that
    note was deleted or never written, the source is lost.

    ## Example
    `[4] Mensah, “Dams and Diplomacy”, op. cit.` with no earlier note citing “Dams and Diplomacy” in full.

    ## Fix
    Give the full citation at its first occurrence, or correct the short title.
    """
    for note in ctx.extraction.notes:
        for short in note.short_forms:
            if short.resolves_to:
                continue
            if short.kind == "ibid":
                message, fix = "'Ibid.' has no earlier note to refer to.", "replace 'Ibid.' with the full citation"
            else:
                title = f" '{short.title}'" if short.title else ""
                message = f"'op. cit.'{title} matches no earlier full citation."
                fix = "give the full citation where the work is first cited"
            yield Hit(short.start, short.end, message, suggestion=fix)


class _Within:
    """Whether an offset lies in one of some spans: a bisection over their starts and the furthest
    end reached so far, not a scan of every span for each marker (100,000 markers)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))

    def __call__(self, offset: int) -> bool:
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and self.reach[k] > offset


@rule("FN004", "note-sequence", Severity.INFO)
def note_sequence(ctx: AuditContext) -> Iterator[Hit]:
    """Note markers out of order or skipping numbers.

    ## Why is this bad?
    Readers follow notes by number; a jump or reversal usually means a marker was lost or moved.

    ## Example
    Markers `[1]`, `[3]`, `[2]` in that order in the text.

    ## Fix
    Renumber the markers (and notes) in the order they appear.
    """
    lists = [(nb.notes_start, nb.notes_end) for nb in ctx.extraction.note_blocks]
    lists += [(b.start, b.end) for b in ctx.extraction.blocks if b.kind == "notes"]
    by_block: dict[int | None, list] = defaultdict(list)
    # A marker inside a note (an explanatory note citing a source) follows the notes' order, not
    # the text's: its number is taken as seen, and its place is not judged.
    in_notes: dict[int | None, set[int]] = defaultdict(set)
    in_lists = _Within(lists) if lists else None  # (no list of notes: no marker is inside one)
    for citation in ctx.extraction.citations:
        if citation.style in ("note", "numeric") and citation.number is not None:
            if in_lists is not None and in_lists(citation.start):
                in_notes[citation.block].add(citation.number)
            else:
                by_block[citation.block].append(citation)
    # Notes the loader left out with the text that held their only markers (a navigation box's
    # "[254]"): their numbers were used there, not skipped.
    left_out = {int(m.group(1)) for item in ctx.document.left_out if item.kind == "note"
                for m in [_LEADING_NUMBER.match(item.text)] if m}
    for block, markers in by_block.items():
        seen: set[int] = set(in_notes[block]) | left_out
        expected = 1  # the lowest number not yet seen: a swap is reported once, at its first marker
        while expected in seen:
            expected += 1
        for citation in markers:
            number = citation.number
            if number in seen:
                continue
            if number != expected:
                problem = "skips a number" if number > expected else "is out of order"
                wanted = shown_label(citation.text, expected)  # "[2]", or "[b]" in a lettered group
                yield Hit(citation.start, citation.end,
                          f"Note marker {citation.text} {problem}: the next marker expected is {wanted}.",
                          suggestion=wanted)
                # The numbers jumped over are reported here, once: the markers after this one are
                # judged from it, not each flagged again for the same gap.
                seen.update(range(expected, number))
            seen.add(number)
            while expected in seen:
                expected += 1
