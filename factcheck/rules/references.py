"""REF rules: the reference entries themselves."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.citations.entries import entry_head, listed_by_title
from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.registry import Hit, entry_hit, rule
from factcheck.text.dates import iso_bounds
from factcheck.text.lazy_regex import regex

# A full URL, or a bare host name as entries name websites ("www.example-news.com", Wikipedia's website field).
_URL_OK = regex(r"^(?:(?:https?|ftp)://[^\s/?#.]+(?:\.[^\s/?#.]+)+|www(?:\.[^\s/?#.]+){2,})(?::\d{1,5})?"
                r"(?:[/?#]\S*)?$", re.IGNORECASE)
# A DOI, or a short DOI as doi.org issues them ("10/abc7xq").
_DOI_OK = regex(r"^10\.\d{4,9}/[^\s]+$|^10/[a-z0-9]{3,12}$", re.IGNORECASE)


@rule("REF001", "incomplete-reference", Severity.WARNING)
def incomplete_reference(ctx: AuditContext) -> Iterator[Hit]:
    """A reference entry with no author, no year or date, or no title, or two entries run together.

    On a web page or in news writing, a work with no personal author listed by its title, with a
    date and a publisher, container or address (a news story, an agency's page), is complete.

    ## Why is this bad?
    Readers cannot find a work from an incomplete entry; a merged entry hides a second work.

    ## Example
    `Ministry of Water. Annual Report.` (no year), or an entry that continues with a second
    author, date and title.

    ## Fix
    Complete the entry from the work itself; split merged entries in two.
    """
    # On the web and in the news, most cited works are unsigned pages and stories, listed by title
    # with their site and date (Wikipedia's templates); there that is a complete entry. In
    # scholarly writing an entry without an author is still reported.
    unsigned_ok = ctx.extraction.genre in ("news", "web")
    for entry in ctx.extraction.references:
        unsigned = unsigned_ok and not entry.authors and listed_by_title(entry.title, entry.year, entry.container,
                                                                         entry.url, entry.doi)
        missing = [name for name, value in (("author", entry.authors or unsigned), ("year or date", entry.year or entry.date),
                                            ("title", entry.title)) if not value]
        reasons = [f"no {m}" for m in missing] + [p for p in entry.problems if not (unsigned and p == "no author")]
        if not reasons:
            continue
        run_together = any("run together" in p or "second" in p for p in entry.problems)
        suggestion = "split it into separate entries" if run_together else "complete the entry from the cited work"
        yield entry_hit(ctx, entry, entry.start, entry.end,
                        "Incomplete reference entry: " + "; ".join(dict.fromkeys(reasons)) + ".",
                        suggestion=suggestion, related=ctx.citing(entry))


@rule("REF002", "malformed-locator", Severity.WARNING)
def malformed_locator(ctx: AuditContext) -> Iterator[Hit]:
    """A URL or DOI in a reference entry that cannot be valid.

    ## Why is this bad?
    A broken link or DOI leaves the reader no way to reach the work.

    ## Example
    `https//example.org/report` (no colon), `http://example` (no domain), `doi:10.12/abc` (too short a prefix).

    ## Fix
    Copy the URL or DOI again from the work's landing page.
    """
    for entry in ctx.extraction.references:
        for value, ok, label in ((entry.url, _URL_OK, "URL"), (entry.doi, _DOI_OK, "DOI")):
            if not value or ok.match(value):
                continue
            offset = entry.text.find(value)
            start = entry.start + offset if offset >= 0 else entry.start
            end = start + len(value) if offset >= 0 else entry.end
            yield entry_hit(ctx, entry, start, end, f"The {label} '{value}' cannot be valid.",
                            suggestion=f"check the {label} against the work's landing page", related=ctx.citing(entry))


@rule("REF003", "reference-after-publication", Severity.ERROR)
def reference_after_publication(ctx: AuditContext) -> Iterator[Hit]:
    """A cited work dated after the citing document's own publication date.

    ## Why is this bad?
    A document cannot cite what did not exist when it was published: the date is wrong in the
    entry or the document, or the citation was added later without revising the date.

    A document that says when it was last revised (a web page's ``dateModified``) is measured
    against that date instead.

    ## Example
    A paper "Published on 2 May 2025" citing `Hale, R. (2025, June 3)`.

    ## Fix
    Correct the entry's date, or the document's publication date.
    """
    published = ctx.document.metadata.published
    if not published:
        return
    modified = ctx.document.metadata.modified
    if modified and modified > published:  # a page revised since: it may cite what came out meanwhile
        published = modified
    _, published_last = iso_bounds(published, "day" if published.count("-") == 2 else
                                   "month" if published.count("-") == 1 else "year")
    for entry in ctx.extraction.references:
        if entry.id not in ctx.citations_by_target:
            continue
        date = entry.date or entry.year
        if not date or not date[:4].isdigit():
            continue
        precision = {2: "day", 1: "month"}.get(date.count("-"), "year")
        earliest, _ = iso_bounds(date[:10] if precision == "day" else date[:7] if precision == "month" else date[:4],
                                 precision)
        if earliest > published_last:
            start, end = entry_head(entry)
            own = next(((s, e) for label, _, s, e in ctx.document.metadata.own_dates if label == "published"), None)
            rel = (ctx.place(own[0], own[1], "publication date"),) if own else ()
            yield entry_hit(ctx, entry, start, end,
                            f"Cited work is dated {date}, after this document's publication date ({published}).",
                            suggestion="check the entry's date and the document's publication date",
                            related=rel + ctx.citing(entry))
