"""NUM rules about how numbers are written. NUM001 (the same quantity given different values)
lives in ``factcheck.rules.facts`` (conflicts: ``factcheck.claims.conflicts``)."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.registry import Hit, rule
from factcheck.text.lazy_regex import regex
from factcheck.text.model import NumberMention

_STRAY_ESCAPE = regex(r"\\(?=[$£€₹])")


@rule("NUM002", "malformed-number", Severity.INFO)
def malformed_number(ctx: AuditContext) -> Iterator[Hit]:
    """A number whose digit grouping or decimal point is broken.

    Finds `190, 000` (a space after the grouping comma), `3..8` (a doubled decimal point),
    `1,90,000` (lakh grouping in a document that otherwise groups by thousands) and other
    irregular groupings, plus a stray backslash before a currency sign (`\\$3.8 billion`, a
    Markdown escape left in a plain-text or PDF document). The excerpt is the number as written;
    the suggestion is the number written regularly.

    ## Why is this bad?
    A reader, a search or a screen reader may take `190, 000` for two numbers; a converter may
    drop half of it. In a statistic, the exact form matters.

    ## Example
    `About 190, 000 people were resettled.`

    ## Fix
    Write the number with regular grouping: `190,000`.
    """
    markdown = ctx.document.format == "md"
    for claim in ctx.extraction.claims:
        for number in claim.numbers:
            if number.malformed:
                yield Hit(number.start, number.end, f"The number '{number.text}' has broken digit grouping.",
                          suggestion=regrouped(number))
            elif not markdown and _STRAY_ESCAPE.match(number.text):
                yield Hit(number.start, number.end,
                          f"The number '{number.text}' carries a stray backslash before its currency sign.",
                          suggestion=number.text[1:])


def regrouped(number: NumberMention) -> str:
    """The mention with its numeral written regularly: "190, 000 people" -> "190,000 people".

    Thousands are grouped by commas when the writer grouped them at all; the decimal part is
    kept as written (one point). A comma before one or two last digits ("12,50 km", "3,2 million")
    is a decimal comma, as much of Europe writes one: it becomes a point.
    """
    text = number.text
    digits_at = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not digits_at:
        return text
    first, last = digits_at[0], digits_at[-1] + 1
    raw = text[first:last].replace(" ", "")
    while ".." in raw:
        raw = raw.replace("..", ".")
    whole, _, decimals = raw.partition(".")
    head, comma, tail = whole.partition(",")
    if comma and not decimals and "," not in tail and 1 <= len(tail) <= 2:
        return text[:first] + head + "." + tail + text[last:]  # "12,50 km": a decimal comma, not 1,250
    digits = whole.replace(",", "")
    grouped = f"{int(digits):,}" if "," in whole and digits.isdigit() else digits
    written = grouped + ("." + decimals.replace(".", "") if decimals else "")
    return text[:first] + written + text[last:]
