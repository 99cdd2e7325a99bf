"""The part of a sentence a claim reads: all of it, up to ``MAX_CLAIM_CHARS`` characters.

Why a bound: a claim carries every date, number and quotation of its sentence, and the claim
rules compare them all. A "sentence" of a megabyte (text without full stops, a table or a list run
together, a hostile input) made one claim of 30,000 dates and numbers, seconds of work and one
report row no reader can use. No real sentence comes near the bound: the longest in
``../shared/realdocs`` has about 3,000 characters.
"""

from __future__ import annotations

from bisect import bisect_left

from factcheck.text.model import Block, Sentence

# A longer sentence is claimed in its first MAX_CLAIM_CHARS characters, cut at a space; the rest is
# read for citations (and checked) all the same, but not for the claim's dates, numbers and quotations.
MAX_CLAIM_CHARS = 10_000


def claimed_part(text: str, s: Sentence) -> Sentence:
    """The sentence, or its first ``MAX_CLAIM_CHARS`` characters cut at a space (else there)."""
    if s.end - s.start <= MAX_CLAIM_CHARS:
        return s
    limit = s.start + MAX_CLAIM_CHARS
    cut = text.rfind(" ", s.start + MAX_CLAIM_CHARS // 2, limit + 1)
    end = cut if cut > 0 else limit
    while end > s.start and text[end - 1].isspace():
        end -= 1
    return Sentence(start=s.start, end=end, block=s.block)


def read_ranges(block: Block, rests: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The block less the rests of its cut sentences (``rests``: sorted, not overlapping)."""
    if not rests:
        return [(block.start, block.end)]
    out, pos = [], block.start
    for a, b in rests[bisect_left(rests, (block.start,)):bisect_left(rests, (block.end,))]:
        out.append((pos, a))
        pos = b
    out.append((pos, block.end))
    return [(a, b) for a, b in out if a < b]
