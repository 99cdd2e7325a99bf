"""Metadata a document states in its own text: its title and its own dates.

"Published on 25 March, 2026", "Received on 18 Feb, 2026", a dateline such as
"Kabul/Brussels, 30 January 2024", or a date standing alone on a line near the title.
"""

from __future__ import annotations

import re

from factcheck.documents.model import DocumentMetadata
from factcheck.text.dates import parse_date
from factcheck.text.lazy_regex import regex

# The runs of blanks are possessive (``*+``): a blank given back to a neighbouring pattern that
# also takes blanks made a line of 5,000 spaces cost 5,000² steps.
_LABELLED = regex(
    r"^[ \t]*+(?:date\s+)?(?P<label>published|publication date|received|accepted|revised|first published|date)"
    r"(?:\s+(?:on|online))?\s*+:?\s*+(?P<date>[^\n]{4,40}?)[ \t]*+$",
    re.IGNORECASE | re.MULTILINE,
)
# A line that is only a date, optionally after a place ("Kabul/Brussels, ") and before a time.
_DATELINE = regex(
    r"^[ \t]*+(?:(?P<place>[A-Z][\w/ .’'-]{1,40}),\s*+)?(?P<date>[^\n,]{4,30}?(?:,\s*\d{4})?)"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*+$",
    re.MULTILINE,
)
# Where a line ends in a digit, or in blanks (where it may): a day-precise date ends in its year,
# and only blanks or a time ("10:30", which ends in a digit too) follow it on a dateline, so a text
# with no such line end (and whose own end is none) has no dateline. The search runs from each
# newline (a fast scan for one character), where ``_DATELINE`` is tried from each line's start.
_LINE_ENDS_IN_DIGIT = regex(r"\n(?<=\d\n|[^\S\n]\n)")
_LABEL_KEY = {"date": "published", "published": "published", "publication date": "published", "first published": "published",
              "received": "received", "accepted": "accepted", "revised": "revised"}


# A document states its own dates a few times; past this many, "Date: ..." lines are a table or
# a log the document quotes, not its history (and DATE003 compares them pairwise).
MAX_OWN_DATES = 50


def own_dates(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(label, ISO date, start, end) for each date the document states about itself (the first
    ``MAX_OWN_DATES``)."""
    found = []
    for m in _LABELLED.finditer(text):
        parsed = parse_date(m.group("date"))
        if parsed and parsed[1] in ("day", "month", "year"):
            found.append((_LABEL_KEY[m.group("label").lower()], parsed[0], m.start("date"), m.end("date")))
            if len(found) == MAX_OWN_DATES:
                break
    return tuple(found)


def dateline(text: str) -> tuple[str, int, int] | None:
    """The first line that is only a date (with an optional place and time), day-precise."""
    if not _LINE_ENDS_IN_DIGIT.search(text) and not text.rstrip()[-1:].isdigit():
        return None  # a page of 40,000 one-line paragraphs, none of them a date
    for m in _DATELINE.finditer(text):
        date = m.group("date")
        if not date.rstrip()[-1:].isdigit():
            continue  # no day-precise date but ends in its year (parse_date would say no)
        parsed = parse_date(date)
        if parsed and parsed[1] == "day":
            return parsed[0], m.start("date"), m.end("date")
    return None


def guess_title(text: str, limit_lines: int = 60) -> str | None:
    """The first line standing alone between blank lines that reads like a title."""
    lines = text.split("\n", limit_lines + 1)[:limit_lines]
    for i, line in enumerate(lines):
        stripped = line.strip().lstrip("#").strip()
        if len(stripped.split()) < 3 or len(stripped) > 200:
            continue
        if stripped[-1] in ".?:;!," or stripped.isupper():
            continue
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not before and not after:
            return stripped
    return None


def text_metadata(text: str, title: str | None = None, published: str | None = None,
                  extra: tuple[tuple[str, str], ...] = ()) -> DocumentMetadata:
    """Metadata from the text itself; values a format states explicitly (HTML meta) win."""
    dates = own_dates(text)
    if published is None:
        published = next((iso for label, iso, _, _ in dates if label == "published"), None)
    if published is None:
        found = dateline(text)
        if found:
            published = found[0]
            dates = dates + (("published", found[0], found[1], found[2]),)
    return DocumentMetadata(title=title or guess_title(text), published=published, own_dates=dates, extra=extra)
