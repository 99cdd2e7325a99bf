"""Words as a quotation is compared: the text of a source, or a quotation, as a list of words.

Why words: a quotation is the same when its words are, whatever the typesetting did to the
characters between them. So both sides are read as words, and everything else is normalised
away:

* curly and straight quotes and apostrophes are one mark ("don’t" is "don't"), and quote marks
  and other punctuation between words do not count;
* dashes between words are punctuation; a hyphen inside a word is dropped, with the line break
  that may follow it, so "inter-\\nnational" (a word broken at the end of a line), "international"
  and a PDF's mended "international" are one word, and so are "long-term" and "long-\\nterm";
* whitespace of any kind and amount separates words, and nothing else changes;
* compatibility forms are folded (NFKC: the "ﬁ" ligature is "fi", a no-break space a space).

Each word keeps its span in the text it comes from, so a match is a span of the source. Case is
kept (``surface``) for the diff, and folded (``key``) for matching.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# A word: letters or digits, with apostrophes and hyphens inside it (a hyphen may be followed by
# a line break: a word broken at the end of a line), and "." or "," between digits ("1,900.5").
WORD = re.compile(
    r"[^\W_](?:[^\W_]|['’ʼ](?=[^\W_])|[-‐‑\u00ad](?:[ \t]*\n[ \t]*)?(?=[^\W_])|[.,](?=\d)(?<=\d.))*")
_HYPHENS = re.compile(r"[-‐‑\u00ad]\s*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


class Word(NamedTuple):
    start: int
    end: int
    surface: str  # normalised, case kept
    key: str  # normalised and case-folded: what matching compares


def normal_form(raw: str) -> str:
    """A word as compared: NFKC, one apostrophe, no hyphens."""
    word = raw if raw.isascii() else unicodedata.normalize("NFKC", raw).translate(_APOSTROPHES)
    return _HYPHENS.sub("", word) if "-" in word or "\u00ad" in word or "‐" in word or "‑" in word else word


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with their spans."""
    end = len(text) if end is None else end
    out = []
    append = out.append
    for m in WORD.finditer(text, start, end):
        raw = m.group()
        surface = raw if raw.isalnum() and raw.isascii() else normal_form(raw)
        if surface:
            append(Word(m.start(), m.end(), surface, surface.lower() if surface.isascii() else surface.casefold()))
    return out
