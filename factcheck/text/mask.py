"""Hide stretches of the text that are not prose (code, front matter) from the text analyses.

Why: a Markdown file's text is the file itself (findings quote it exactly), so its fenced code,
inline code and YAML front matter stay in ``Document.text``; but ``echo "done"`` is not a
quotation, ``version: 2`` not a statistic, and ``@media`` not a citation key. Every analysis
(citations, sentences, claims, quotations, numbers, spelling) reads a masked copy instead: the
same length, with the hidden characters turned into spaces and line breaks kept, so that every
offset found in it is an offset of the real text and no analysis needs to know about code.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence


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
        pieces.append(" " * len(hidden) if "\n" not in hidden else
                      "\n".join(" " * len(line) for line in hidden.split("\n")))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


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
