"""CLM rules that check claims against the cited works themselves: quotations and figures.

They need ``--sources`` (a folder of the cited works' texts) and are silent without it. They
read ``AuditContext.verification`` (``factcheck.verify``), where each quotation and figure of a
claim that cites a work with a source file has been looked up in that file once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.results import Related
from factcheck.rules.registry import Hit, rule

if TYPE_CHECKING:  # a run without --sources reads none of factcheck.verify
    from factcheck.verify import Passage


def _files(paths: tuple[str, ...]) -> str:
    return ", ".join(paths)


def _related(passage: Passage, label: str) -> Related:
    where = f"{label}, p. {passage.page}" if passage.page else label
    return Related(start=passage.start, end=passage.end, excerpt=passage.text, path=passage.path, label=where)


@rule("CLM003", "quote-not-in-source", Severity.ERROR)
def quote_not_in_source(ctx: AuditContext) -> Iterator[Hit]:
    """A quotation that is not in the text of the work it cites (when that work is in `--sources`).

    The excerpt is the quoted words. The quotation is looked for in the source's text with its
    words in order, after normalising what typesetting and quoting legitimately change: curly
    and straight quotes, dashes, whitespace and line breaks, words hyphenated at the end of a
    line, ellipses (`…`, `...`, `[...]`) for words left out, bracketed insertions (`[the
    policy]`) for words replaced, `[sic]`, and the case of the first letter. A quotation found
    with a few words changed is CLM006 instead; this rule is for words the source does not have
    at all. Every work the claim cites (and the work an attribution names) is searched.

    ## Why is this bad?
    A quotation tells the reader that these are the source's own words. Words it never wrote
    are a fabrication, however faithful the paraphrase.

    ## Example
    `Brandt calls storage "a promise that the river will keep its calendar" (Brandt, 2016).`
    — when Brandt (2016), in `--sources`, has no such words.

    ## Fix
    Quote the source's own words (check them against the text), or cite the work the words come
    from. A paraphrase needs no quote marks.
    """
    for check in ctx.verification.quotes:
        if check.status == "missing":
            yield Hit(check.start, check.end, f"Quotation not found in the cited work ({_files(check.searched)}).",
                      suggestion="quote the source's own words, or cite the work the words come from")


@rule("CLM006", "altered-quote", Severity.WARNING)
def altered_quote(ctx: AuditContext) -> Iterator[Hit]:
    """A quotation found in its cited source with words changed (the message shows a word diff).

    The excerpt is the quoted words; the message gives the page of the source and a word diff,
    `[-source-]{+quotation+}`, and the suggestion is the source's own words for that stretch.
    Changes the normalisations of CLM003 allow (quote marks, dashes, spacing, hyphenation, an
    ellipsis for words left out, a bracketed insertion, `[sic]`, the case of the first letter)
    are not alterations; a word changed, added, dropped without an ellipsis, or a change of case
    inside the quotation is. The related place is the passage of the source.

    ## Why is this bad?
    A quotation whose words were changed puts words in the author's mouth, and a changed word
    ("if" for "when", "most" for "many") can change the meaning.

    ## Example
    `Brandt notes that "a right to water in August is worth little when the water comes in May"`
    — when the source says "if the water arrives in May".

    ## Fix
    Copy the source's wording exactly; mark words left out with an ellipsis and words you add
    or replace with square brackets.
    """
    for check in ctx.verification.quotes:
        if check.status == "altered" and check.passage is not None:
            yield Hit(check.start, check.end,
                      f"Quotation differs from the cited work ({check.passage.where}): {check.diff}",
                      suggestion=check.source_words or None, related=(_related(check.passage, "source passage"),))


@rule("CLM004", "figure-mismatch", Severity.WARNING)
def figure_mismatch(ctx: AuditContext) -> Iterator[Hit]:
    """A number or date in a claim that differs from the one in the best-matching passage of its cited source.

    The excerpt is the claim's value; the related place is the passage of the source, which
    states another value of the same kind (suggestion: that value). The passages are the
    source's sentences that best match the claim's words (BM25, re-ranked with rapidfuzz); values
    are compared with their unit, scale and precision ("1.9 million" = "1,900,000", "40 percent"
    = "0.4", "about 3,000" ≈ "2,950", "12 miles" = "19.3 km", "March 2021" within "2021"). Only a
    passage clearly about the same thing (it holds at least 40% of the claim's content words)
    can contradict it; when no passage states a value for the claim's figure, see CLM007.

    ## Why is this bad?
    A figure that differs from its cited source is a misquotation of the source, or a citation
    of the wrong one: either way the reader is misled about what the source supports.

    ## Example
    `Early-season releases rose to 52 percent of the annual total (Serrano Basin Commission, 2022).`
    — when the Commission's report says 47 percent.

    ## Fix
    Correct the figure to the source's, or cite the work that states it. When the figure is
    your own calculation from the source, say so.
    """
    for check in ctx.verification.figures:
        if check.status == "conflicts" and check.passage is not None:
            claimed = ctx.text[check.start:check.end]
            yield Hit(check.start, check.end,
                      f"The cited work ({check.passage.where}) states '{check.stated}' where the claim says "
                      f"'{claimed}'.", suggestion=check.stated, related=(_related(check.passage, "source passage"),))


@rule("CLM007", "figure-not-in-source", Severity.INFO)
def figure_not_in_source(ctx: AuditContext) -> Iterator[Hit]:
    """A number or date in a cited claim that no passage of the cited source states.

    The excerpt is the claim's value. The claim cites a work whose text is in `--sources`, but
    neither the source's passages that best match the claim nor any other sentence of it that
    shares the claim's words states the value (in any unit or precision that agrees with it),
    and no passage about the same thing states another one (which would be CLM004). Reported as
    information: the value may come from a table or a figure of the source, or from the
    author's own arithmetic.

    ## Why is this bad?
    A reader takes a cited figure to be the source's. One the source does not state cannot be
    checked against it.

    ## Example
    `Releases were published for 23 of the 31 gauges (Serrano Basin Commission, 2022).`
    — when the Commission's report gives no such count.

    ## Fix
    Cite where the figure is stated (a table, a page), or say how it was derived from the
    source.
    """
    for check in ctx.verification.figures:
        if check.status == "missing":
            claimed = ctx.text[check.start:check.end]
            yield Hit(check.start, check.end, f"No passage of the cited work ({_files(check.searched)}) "
                                              f"states '{claimed}'.",
                      suggestion="cite where the figure is stated, or say how it was derived")
