"""How a document sources its claims, read from the claims themselves.

Why: whether a sentence without a citation is unsourced depends on the document's habits. An
essay that cites once at the end of each paragraph covers the whole paragraph with it; a summary
or conclusion restates figures that the body cites.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.claims.model import Claim
from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block

_WORD = regex(r"[^\W\d_][\w’'-]*")
# Headings of sections that restate what the body sources: a summary's claims are not unsourced.
_SUMMARY_HEADINGS = frozenset("abstract summary conclusion conclusions concluding".split())

# A paragraph-final citation covers its paragraph when at least this share of the document's
# cited paragraphs cite only in their last sentence.
_PARAGRAPH_CONVENTION = 0.6
_MIN_PARAGRAPHS = 3


def paragraph_citations_cover(claims: Sequence[Claim]) -> bool:
    """Whether this document's convention is one citation at the end of a paragraph for all of it.

    Decided from the data: among paragraphs of two sentences or more that cite anything, the
    share that cite only in their last sentence. Papers citing sentence by sentence (author-year
    papers, most think-tank reports with notes) are well below; essays with one note per
    paragraph are above.
    """
    by_block: dict[int, list[Claim]] = {}
    for claim in claims:
        by_block.setdefault(claim.block, []).append(claim)
    cited = final_only = 0
    for group in by_block.values():
        flags = [c.support == "cited" for c in group]
        if len(flags) < 2 or not any(flags):
            continue
        cited += 1
        final_only += flags[-1] and not any(flags[:-1])
    return cited >= _MIN_PARAGRAPHS and final_only >= _PARAGRAPH_CONVENTION * cited


def claim_facts(claim: Claim) -> set[str]:
    """The specific numbers and dates a claim states, normalized ("190000", "2021-08")."""
    numbers = {n.normalized for n in claim.numbers if any(ch.isdigit() for ch in n.text)}
    return numbers | {d.iso for d in claim.dates if d.precision in ("day", "month")}


def cited_facts(claims: Sequence[Claim]) -> set[str]:
    """The specific numbers and dates that the cited claims state."""
    out: set[str] = set()
    for claim in claims:
        if claim.support == "cited":
            out |= claim_facts(claim)
    return out


def summary_blocks(text: str, blocks: Sequence[Block]) -> set[int]:
    """Indexes of the blocks under an "Abstract", "Summary" or "Conclusion" heading."""
    out: set[int] = set()
    inside = False
    for block in sorted(blocks, key=lambda b: b.start):
        if block.kind == "heading":
            inside = not _SUMMARY_HEADINGS.isdisjoint(_WORD.findall(text[block.start:block.end].lower()))
        elif inside:
            out.add(block.index)
    return out
