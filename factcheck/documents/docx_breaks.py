"""Paragraphs a converter broke where the old page's lines ended.

A Word file made from a typeset PDF (or typed over one) often ends a paragraph at every old
line end, inside sentences and inside citations ("… test (Marrow, Quill," / "& Tansy, 2018).
If both …"). Such a break is read as a space, not as the end of a paragraph, when both sides are
unstyled body text, the first stops without closing its sentence (on a letter or a comma) and
the next goes on in lower case or with "&". A heading, a caption, a list or a figure's axis
labels keep their breaks: they are styled, start in capitals or end in a digit or symbol.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_OPEN_END = re.compile(r"(?:[^\W\d_]|,)$")
_GOES_ON = re.compile(r"(?:[^\W\d_A-Z]|&\s)")
MIN_LINE = 40  # a shorter paragraph is a label or a heading, not a wrapped line of a page


def runs_on(text: str, kind: str | None, next_text: str, next_kind: str | None) -> bool:
    """Whether the paragraph ``text`` goes on in ``next_text`` (its break is a wrapped line's end)."""
    if kind is not None or next_kind is not None:
        return False
    text, next_text = text.rstrip(), next_text.lstrip()
    return len(text) >= MIN_LINE and bool(_OPEN_END.search(text)) and bool(_GOES_ON.match(next_text))


def broken_lines(texts: Sequence[str], kinds: Sequence[str | None]) -> set[int]:
    """Indexes of the paragraphs that go on in the next one with text (empty paragraphs between
    them, which converters leave too, go on as well)."""
    out: set[int] = set()
    last = -1  # the last paragraph with text
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        if last >= 0 and runs_on(texts[last], kinds[last], text, kinds[i]) \
                and all(kinds[k] is None for k in range(last + 1, i)):
            out.update(range(last, i))
        last = i
    return out
