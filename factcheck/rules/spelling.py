"""SPL rules: spelling, judged against the document's own vocabulary (see ``factcheck.text.lexicon``)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.registry import Hit, rule
from factcheck.text.lexicon import load_lexicon
from factcheck.text.typos import find_misspellings


@rule("SPL001", "misspelling", Severity.WARNING, english=True)
def misspelling(ctx: AuditContext) -> Iterator[Hit]:
    """A word, mostly a name, that is rare in the document and one typing slip from a frequent one.

    The document is its own dictionary: a spelling used once, next to one used twenty times
    and differing by two transposed letters, is almost always a slip (`Afghansitan` among many
    `Afghanistan`). Words of the reference list and of an optional lexicon file (the setting
    `lexicon`: one word a line) are trusted spellings too. Quiet on short words (under five
    letters), acronyms in capitals, numbers, URLs, e-mail addresses and handles, inflected forms
    of a frequent word (plurals, possessives, `-ed`, `-ing`, `-ly`), and on the differences by
    which legitimate names differ: one letter for another (`Tarik`/`Tariq`), a letter added at
    the end (`Ahmad`/`Ahmadi`), a doubled letter inside (`Masoud`/`Massoud`). Quiet too on a name
    inside an author-year citation that resolves to its entry: CIT003 compares it with the entry,
    and one slip gets one finding.

    ## Why is this bad?
    A misspelt name in the text or the reference list looks careless, and in a reference entry
    it can keep readers from finding the work.

    ## Example
    `The Helmand drains the south of Afghansitan.` in a report that writes `Afghanistan` forty
    times.

    ## Fix
    Correct the spelling (the suggestion). If the rare spelling is right, add it to the lexicon
    file, or suppress the finding.
    """
    lexicon = load_lexicon(ctx.settings.lexicon)
    index = ctx.word_index
    found = find_misspellings(index, lexicon)
    if not found:
        return
    folds = index.folds
    checked = _checked_citations(ctx)
    for start, end, spelling in index.occurrences(found):
        if checked and _inside(checked, start, end):
            continue
        slip = found[folds[spelling]]
        yield Hit(start, end,
                  f"'{spelling}' looks like a misspelling of '{slip.suggestion}' ({slip.edit}; "
                  f"'{slip.suggestion}' is {slip.evidence}).", suggestion=slip.suggestion)


def _checked_citations(ctx: AuditContext) -> list[tuple[int, int]]:
    """Spans of the author-year citations that resolve to an entry (sorted): CIT003's ground."""
    links = ctx.link_by_citation
    spans = []
    for citation in ctx.extraction.citations:
        link = links.get(citation.id)
        if citation.style == "author-year" and link is not None and link.target_id:
            spans.append((citation.start, citation.end))
    spans.sort()
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    at = bisect_right(spans, (start, end)) - 1
    # Citations do not nest, but one may end where the next starts: look at the two nearest.
    return any(0 <= i < len(spans) and spans[i][0] <= start and end <= spans[i][1] for i in (at, at + 1))
