"""How much of a sentence a claim scans for dates and numbers: all of it, up to ``MAX_CLAIM_CHARS``.

Why a bound: a claim carries every date and number of its sentence, and the claim rules compare
them all (DATE001 and NUM001 make a statement of each). A "sentence" of a megabyte (text without
full stops, a table or a list run together, a hostile input) made one claim of 30,000 dates and
numbers: seconds of work for nothing a reader can use. No real sentence comes near the bound: the
longest in ``../shared/realdocs`` has about 3,000 characters.

Only that scan is bounded, with the reading of those values' clauses (``factcheck.claims.facts``
reads the statements in the same first characters). The claim is still the whole sentence, with
every citation, attribution and quotation in it, so that a citation past the bound still sources
the claim (and a claim ledger matches the same span as before).
"""

from __future__ import annotations

from factcheck.text.model import Sentence

# A longer sentence's dates and numbers are read in its first MAX_CLAIM_CHARS characters, cut at
# a space.
MAX_CLAIM_CHARS = 10_000


def scanned_end(text: str, s: Sentence) -> int:
    """Where a claim's scan for dates and numbers stops: the sentence's end, or for a sentence
    longer than ``MAX_CLAIM_CHARS`` the last space of its first ``MAX_CLAIM_CHARS`` characters
    (past its first half; else the bound itself)."""
    return scan_end(text, s.start, s.end)


def scan_end(text: str, start: int, end: int) -> int:
    """``scanned_end`` of the sentence ``text[start:end]`` (a claim's own text: 0 and its length)."""
    if end - start <= MAX_CLAIM_CHARS:
        return end
    limit = start + MAX_CLAIM_CHARS
    cut = text.rfind(" ", start + MAX_CLAIM_CHARS // 2, limit + 1)
    end = cut if cut > 0 else limit
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
