"""Word spacing from the gaps between characters, relative to the type size.

Many PDFs (most of TeX's, many publishers') hold no space characters: a word space is only a
wider gap between two glyphs. Within a word the gap is kerning, under a tenth of an em; between
words it is rarely under a sixth, even on a tightly set justified line. A fixed share of the size
sits between the two; a letterspaced line (wide gaps inside its words too) raises it from the
line's own median gap, so that words neither run together ("channels(Smithetal.,2009)") nor fall
apart ("c h a n n e l s").
"""

from __future__ import annotations

from factcheck.documents.pdf_chars import Char

WORD_GAP = 0.12  # em: a gap wider than this between two glyphs is a word space...
LETTERSPACING = 0.08  # ...or wider than the line's median gap by this much
MAX_WORD_GAP = 0.3  # em: a gap this wide is a word space however the line is set


def word_gap(chars: list[Char], size: float) -> float:
    """The gap (in points) above which two consecutive characters of a line are two words."""
    gaps = []
    prev: Char | None = None
    for c in chars:
        if c.text.isspace():
            prev = None
            continue
        if prev is not None:
            gaps.append(c.x0 - prev.x1)
        prev = c
    if not gaps:
        return WORD_GAP * size
    gaps.sort()
    median = gaps[len(gaps) // 2]
    return min(max(WORD_GAP * size, median + LETTERSPACING * size), MAX_WORD_GAP * size)
