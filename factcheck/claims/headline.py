"""The document's headline, read for its facts: a number the body states otherwise is a conflict."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from factcheck.claims.model import Claim
from factcheck.text.dates import find_dates
from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block
from factcheck.text.numbers import find_numbers, uses_indian_grouping

_WORD = regex(r"[^\W\d_][\w’'-]*")
_YEARISH = regex(r"(?:1[5-9]|2[01])[0-9][0-9]")
_HEADLINE_MATCH = 85  # rapidfuzz partial_ratio of a heading against the page's title
_HEADLINE_MIN_WORDS = 3
_HEADLINE_BLOCKS = 60


def headline_claim(text: str, blocks: Sequence[Block], title: str | None) -> Claim | None:
    """The document's headline as a claim of region "headline", for its facts only.

    The headline is the first heading (or title block) among the first ``_HEADLINE_BLOCKS``
    blocks that matches the document's title (its metadata: ``<title>``, ``og:title``), or, with
    no title known, the first heading of three words or more before the first paragraph.
    """
    # Before the first paragraph; with a title to match, anywhere in the first blocks (a page may
    # open with chrome the loader kept).
    first_body = next((b.start for b in blocks if b.kind == "body"), len(text))
    limit = blocks[min(len(blocks), _HEADLINE_BLOCKS) - 1].end if (title and blocks) else first_body
    candidates = [b for b in blocks if b.kind in ("title", "heading") and b.end <= max(limit, first_body)
                  and len(_WORD.findall(text[b.start:b.end])) >= _HEADLINE_MIN_WORDS]
    if title:
        low = title.lower()
        candidates = [b for b in candidates
                      if fuzz.partial_ratio(text[b.start:b.end].strip("# ").lower(), low) >= _HEADLINE_MATCH]
    if not candidates:
        return None
    b = candidates[0]
    start = b.start + (len(text[b.start:b.end]) - len(text[b.start:b.end].lstrip("# ")))
    dates = tuple(find_dates(text, start, b.end)) if _YEARISH.search(text, start, b.end) else ()
    numbers = tuple(find_numbers(text, start, b.end, list(dates), uses_indian_grouping(text)))
    return Claim(id="h1", kind="statistic" if numbers else "general", start=start, end=b.end,
                 text=text[start:b.end], block=b.index, region="headline", dates=dates, numbers=numbers)
