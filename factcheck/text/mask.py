"""Hide stretches of the text that are not prose (code, front matter) from the text analyses.

Why: a Markdown file's text is the file itself (findings quote it exactly), so its fenced code,
inline code and YAML front matter stay in ``Document.text``; but ``echo "done"`` is not a
quotation, ``version: 2`` not a statistic, and ``@media`` not a citation key. Every analysis
(citations, sentences, claims, quotations, numbers, spelling) reads a masked copy instead: the
same length, so that every offset found in it is an offset of the real text and no analysis
needs to know about code. Whole lines (a code block, the front matter) become blank, line breaks
kept; a span inside a line (inline code, math, a raw HTML tag) becomes a word of "x"s, so that
the text around it keeps its shape: "`corner`[3]" is still a marker after a word, not a note
label at the start of a line, and "Run `make` now" still a sentence of three words. An HTML
comment becomes blank wherever it is: it is no word of its line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

_FILLER = "x"


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` replaced by spaces (newlines kept)."""
    ordered = sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s)
    if not ordered:
        return text
    pieces = []
    pos = 0
    for start, end in ordered:
        start = max(start, pos)
        if start >= end:
            continue
        pieces.append(text[pos:start])
        hidden = text[start:end]
        # A comment is no word of the text around it, as code is: a reader never sees it. As a
        # word of "x"s after a paragraph's full stop (where an inline suppression comment
        # stands), it made the paragraph one that does not end a sentence: a caption, unread.
        if "\n" in hidden or hidden.startswith("<!--") or not _shares_line(text, start, end):
            pieces.append("\n".join(" " * len(line) for line in hidden.split("\n")))
        else:
            pieces.append(_FILLER * len(hidden))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def lower_keeping_offsets(text: str) -> str:
    """``text.lower()``, of the same length: a character whose lower case is longer ("İ" lowers to
    "i̇", two characters) is lowered to the first of them, so that offsets in it are the text's."""
    low = text.lower()
    if len(low) == len(text):  # no character lowers to none: the same length is one for one
        return low
    return "".join(ch.lower()[:1] for ch in text)


def _shares_line(text: str, start: int, end: int) -> bool:
    """Whether other text stands on the line of ``text[start:end]`` (a span without line breaks)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return bool(text[line_start:start].strip() or text[end:len(text) if line_end < 0 else line_end].strip())


def subtract(spans: Sequence[tuple[int, int]], hidden: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``spans`` outside every ``hidden`` span (in any order; ``hidden`` must not overlap)."""
    if not hidden:
        return list(spans)
    cuts = sorted(hidden)
    ends = [e for _, e in cuts]
    out = []
    for start, end in sorted(spans):
        pos = start
        for cut_start, cut_end in cuts[bisect_right(ends, pos):]:
            if cut_start >= end:
                break
            if cut_start > pos:
                out.append((pos, cut_start))
            pos = max(pos, cut_end)
        if pos < end:
            out.append((pos, end))
    return out
