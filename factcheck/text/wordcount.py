"""The words of a text's prose stretches, found and counted without a regex pass over them.

What counts as a word (``WORD_RUN``): a maximal run of letters not glued to a digit, where a
letter is ``[^\\W\\d_]``. "R45122" and "2020a" are identifiers, not words; an underscore or any
other non-alphanumeric character separates words ("a_b" is "a" and "b").

Which stretches count (``prose_runs``): the given spans less the whitespace-delimited chunks
that are not prose (anything holding ``@``, ``://``, ``www.``, ``_`` or a backslash: URLs,
e-mail addresses, handles, file names, identifiers).

Why not ``WORD_RUN.findall``: the regex engine checks the Unicode classes character by
character, and counting the words that way was the largest single cost of SPL001. A text's
separators are nearly all ASCII, so the text is cut where the regex would cut it anyway: every
ASCII character that is not a letter or a digit becomes a space (``bytes.translate``), ``split``
cuts the alphanumeric chunks and ``Counter`` counts them, all in C (half the instructions of
``findall`` alone). A chunk of letters only is one word; a chunk of ASCII letters and digits is
glued to a digit, no word; any other chunk (one holding a rare separator or a non-ASCII digit)
is handed to ``WORD_RUN``, once per distinct chunk. The result is the same as ``findall`` over
each window, in the same order (tests/unit/test_wordcount.py checks it on random text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import filterfalse

from factcheck.text.lazy_regex import regex
from factcheck.text.mask import subtract

# A maximal run of letters not glued to a digit. A run cannot start after a letter or digit
# (``[^\W_]``) and the possessive ``++`` keeps a run glued to a digit from matching a shorter
# piece of itself. Note that a lookbehind sees before ``pos``: a window that starts inside a
# word does not make the rest of that word a word.
WORD_RUN = regex(r"(?<![^\W_])[^\W\d_]++(?!\d)")
_ALNUM_RUN = regex(r"[^\W_]+")
_LETTER_RUN = regex(r"[^\W\d_]*")
_NOT_PROSE = regex(r"[@_\\]|://|www\.")
_MARKS = ("@", "_", "\\", "://", "www.")  # what _NOT_PROSE matches

# ASCII letters and digits stay, every other ASCII byte becomes a space; the bytes of other
# characters (>= 0x80) stay, so a chunk holding one is recognisable and handed to WORD_RUN.
_SEPARATE = bytes(b if chr(b).isalnum() or b >= 0x80 else 0x20 for b in range(256))
# Common non-ASCII separators, replaced by a space first so that most texts stay on the ASCII
# path (a separator for a separator changes no word boundary).
_COMMON_SEPARATORS = ("\u2019", "\u2018", "\u201c", "\u201d", "\u2013", "\u2014", "\u2026", "\u00a0",
                      "\u00ab", "\u00bb", "\u2022", "\u00b7", "\u2009", "\u202f", "\u00a7", "\u00b0")


def count_words(text: str, windows: Iterable[tuple[int, int]]) -> dict[str, int]:
    """Occurrences of each word in the windows of ``text``, in order of first occurrence.

    The same as counting ``WORD_RUN.findall(text, start, end)`` over the windows.
    """
    counts = Counter(_chunks(text, windows))
    others = list(filterfalse(str.isalpha, counts))  # a chunk of letters only is one word
    if "".join(others).isascii():
        # The usual case: the other chunks are ASCII letters and digits, glued: no word.
        for chunk in others:
            del counts[chunk]
        return counts
    out: dict[str, int] = {}
    get = out.get
    for chunk, n in counts.items():  # in order of first occurrence: words keep theirs
        for word in (chunk,) if chunk.isalpha() else WORD_RUN.findall(chunk):
            out[word] = get(word, 0) + n
    return out


def word_list(text: str, windows: Iterable[tuple[int, int]]) -> list[str]:
    """The words of the windows of ``text`` in text order: ``WORD_RUN.findall`` over each window."""
    chunks = _chunks(text, windows)
    words = list(filter(str.isalpha, chunks))
    if len(words) == len(chunks) or "".join(filterfalse(str.isalpha, chunks)).isascii():
        return words  # the other chunks are ASCII letters and digits, glued: no word
    out: list[str] = []
    for chunk in chunks:
        out += (chunk,) if chunk.isalpha() else WORD_RUN.findall(chunk)
    return out


def reading_end(text: str, lo: int, hi: int, end: int) -> int:
    """Where to stop reading ``text`` (no further than ``end``) to see whole the words that start
    in ``[lo, hi)``: the words of ``[lo, reading_end)`` are those of ``WORD_RUN.finditer(text,
    lo, end)`` that start before ``hi``."""
    if lo < hi < end and text[hi - 1].isalnum():
        # A word running past ``hi`` stays whole, and one character more shows whether a digit
        # is glued to it (then it is no word).
        return min(_LETTER_RUN.match(text, hi, end).end() + 1, end)
    return min(hi, end)


def _chunks(text: str, windows: Iterable[tuple[int, int]]) -> list[str]:
    """The alphanumeric chunks of the windows of ``text``, split on ASCII separators."""
    pieces = []
    for start, end in windows:
        if 0 < start < end and text[start - 1].isalnum() and text[start].isalnum():
            # The window starts inside a word: WORD_RUN's lookbehind sees the letter before it,
            # so nothing of that alphanumeric run is a word.
            start = _ALNUM_RUN.match(text, start, end).end()
        pieces.append(text[start:end])
    prose = " ".join(pieces)  # a separator between windows: no word runs from one into the next
    if not prose.isascii():
        for separator in _COMMON_SEPARATORS:
            if separator in prose:
                prose = prose.replace(separator, " ")
    # bytes.translate is a table look-up a byte (str.translate is a dict look-up a character);
    # UTF-8 sequences of other characters are bytes >= 0x80, left alone, so the result decodes
    # (a lone surrogate too, with "surrogatepass"). ``split`` also cuts at non-ASCII whitespace,
    # a separator as well.
    data = prose.encode("utf-8", "surrogatepass").translate(_SEPARATE)
    return data.decode("utf-8", "surrogatepass").split()


def prose_runs(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of the spans (sorted, disjoint) left once chunks that are not prose are cut out."""
    # Most stretches hold no mark at all: ``str.find`` (C speed) says which ones to cut up.
    marks = [mark for mark in _MARKS if mark in text]
    runs: list[tuple[int, int]] = []
    for start, end in spans:
        if not any(text.find(mark, start, end) >= 0 for mark in marks):
            if start < end:
                runs.append((start, end))
            continue
        runs.extend(subtract(((start, end),), tuple(_not_prose_chunks(text, start, end))))
    return runs


def _not_prose_chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the whitespace-delimited chunks of ``text[start:end]`` that are not prose.

    Found from their marks and widened to the surrounding whitespace; each character is looked
    at a bounded number of times.
    """
    floor = start
    for m in _NOT_PROSE.finditer(text, start, end):
        if m.start() < floor:
            continue  # a second mark in the same chunk
        lo = m.start()
        while lo > floor and not text[lo - 1].isspace():
            lo -= 1
        hi = m.end()
        while hi < end and not text[hi].isspace():
            hi += 1
        yield lo, hi
        floor = hi
