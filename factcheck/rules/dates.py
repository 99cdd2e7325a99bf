"""DATE rules about one document's dates: impossible ranges and dates, and its own dates' order.

DATE001 (the same event dated differently) lives in ``factcheck.rules.facts``, over the fact index
of ``factcheck.claims.fact_index``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.registry import Hit, rule
from factcheck.text.dates import find_dates, iso_bounds, parse_date
from factcheck.text.lazy_regex import regex
from factcheck.text.model import DateMention, DatePrecision

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
# The words that join a range's two ends, else the dash between two years ("1996 -2001").
_JOIN_WORD = regex(r"\s(?:to|and|until|till|through)\s", re.IGNORECASE)
_JOIN_DASH = regex(r"\s?[-–—]\s?")
# What ``find_dates`` looks for first (its years, less their bounds): where it is not, no date is.
_YEARISH = regex(r"(?:1[5-9]|2[01])\d\d")
_PAIRS = frozenset({("from", "to"), ("from", "until"), ("from", "till"), ("from", "through"),
                    ("between", "and")})


@dataclass(frozen=True)
class Range:
    """A range as written: its span and both ends as (ISO, precision, qualifier)."""

    start: int
    end: int
    first: tuple[str, DatePrecision, str | None]
    last: tuple[str, DatePrecision, str | None]


def _document_dates(ctx: AuditContext) -> Iterator[DateMention]:
    """Dates of the body claims, then of the notes (which claims do not cover), each once."""
    seen: set[tuple[int, int]] = set()
    for claim in ctx.extraction.claims:
        for d in claim.dates:
            if (d.start, d.end) not in seen:
                seen.add((d.start, d.end))
                yield d
    text = ctx.text
    for note in ctx.extraction.notes:
        # Every date holds a four-digit year: a note without one is not scanned (50,000 "Ibid.")
        if not _YEARISH.search(text, note.body_start, note.end):
            continue
        for d in find_dates(text, note.body_start, note.end):
            if (d.start, d.end) not in seen:
                seen.add((d.start, d.end))
                yield d


def _ranges(ctx: AuditContext, dates: list[DateMention]) -> Iterator[Range]:
    """Ranges found as one mention ("from 2001 to 2021"), or as two dates that ``find_dates``
    left apart but the text joins ("between March 2020 and January 2020")."""
    text = ctx.text
    for k, d in enumerate(dates):
        if d.range_end is not None:
            r = _merged_range(text, d)
        elif k + 1 < len(dates) and dates[k + 1].range_end is None:
            r = _joined_pair(text, d, dates[k + 1])
        else:
            r = None
        if r is not None:
            yield r


def _joined_pair(text: str, a: DateMention, b: DateMention) -> Range | None:
    """ "from A to B" / "between A and B" around two separate date mentions."""
    joint = text[a.end:b.start].strip().lower()
    j = a.start
    while j > 0 and text[j - 1] == " ":
        j -= 1
    i = j
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    opener = text[i:j].lower()
    if (opener, joint) not in _PAIRS:
        return None
    return Range(i, b.end, (a.iso, a.precision, a.qualifier), (b.iso, b.precision, b.qualifier))


def _merged_range(text: str, d: DateMention) -> Range | None:
    """Both ends of a range mention, with the end's qualifier read back from its text."""
    if _is_iso_date(text, d):
        return None  # "2023-05-12" is a day, not the range 2023-2005
    last_iso = d.range_end or d.iso
    last_precision = d.range_end_precision or d.precision
    tail = _tail(d.text)
    parsed = parse_date(tail) if tail else None
    qualifier = parsed[2] if parsed and parsed[0] == last_iso else None
    if len(tail.strip()) == 2 and tail.strip().isdigit() and last_iso < d.iso:
        last_iso = str(int(d.iso[:4]) + 100)[:2] + tail.strip()  # "1999-00" ends in 2000
    return Range(d.start, d.end, (d.iso, d.precision, d.qualifier), (last_iso, last_precision, qualifier))


def _tail(range_text: str) -> str:
    """The text of a range's last end: what follows its last joining word or dash."""
    last = None
    for m in _JOIN_WORD.finditer(range_text):
        last = m
    if last is None:
        for m in _JOIN_DASH.finditer(range_text):
            last = m
    return range_text[last.end():] if last else ""


def _is_iso_date(text: str, d: DateMention) -> bool:
    """ "2023-05" followed by "-12": an ISO day that the range pattern read as two years."""
    return (len(d.text) == 7 and d.text[4] == "-" and text[d.end:d.end + 1] == "-"
            and text[d.end + 1:d.end + 2].isdigit())


def _inverted(r: Range) -> str | None:
    """Why a range is impossible: its end comes before its start, or is its start."""
    (a_iso, a_prec, a_q), (b_iso, b_prec, b_q) = r.first, r.last
    a_lo, _ = iso_bounds(a_iso, a_prec)
    _, b_hi = iso_bounds(b_iso, b_prec)
    if b_hi < a_lo:
        return "ends before it starts"
    if a_iso == b_iso and a_prec == b_prec and a_q == b_q:
        return "ends where it starts"
    return None


def _what_to_check(r: Range) -> str:
    precision = r.last[1]
    return "check the end year" if precision in ("year", "decade", "century") else "check the end date"


@rule("DATE002", "invalid-date-range", Severity.ERROR)
def invalid_date_range(ctx: AuditContext) -> Iterator[Hit]:
    """A date range whose end precedes or equals its start, or a date that no calendar has.

    Reads the dates of the body and the notes: ranges written as one phrase ("from 2001 to
    2021", "between 2015 and 2012", "1996-2001") and calendar dates ("30 February 2023").

    ## Why is this bad?
    "From 2001 to 2001" or "between 2015 and 2012" is a typo that changes the fact: the reader
    cannot tell which year was meant. An impossible date cannot be checked at all.

    ## Example
    `The dam was built between 2015 and 2012.` / `It opened on 30 February 2023.`

    ## Fix
    Correct the end of the range (or its start), or the day of the date.
    """
    dates = sorted(_document_dates(ctx), key=lambda d: d.start)
    for r in _ranges(ctx, dates):
        why = _inverted(r)
        if why:
            yield Hit(r.start, r.end, f"The date range '{ctx.text[r.start:r.end]}' {why}.",
                      suggestion=_what_to_check(r))
    for d in dates:
        if not d.valid and d.range_end is None:
            yield Hit(d.start, d.end, f"'{d.text}' is not a calendar date.", suggestion=_day_hint(d.iso))


def _day_hint(iso: str) -> str:
    """ "check the day: February 2023 has 28 days"."""
    y, m = int(iso[:4]), int(iso[5:7])
    return f"check the day: {_MONTH_NAMES[m - 1]} {y} has {calendar.monthrange(y, m)[1]} days"


# The order a document's own dates must follow.
_ORDER = {"received": 0, "revised": 1, "accepted": 2, "published": 3}


@rule("DATE003", "document-dates-order", Severity.ERROR)
def document_dates_order(ctx: AuditContext) -> Iterator[Hit]:
    """The document's own dates out of order: received ≤ revised ≤ accepted ≤ published.

    Reads the dates a document states about itself ("Received on 18 Feb, 2026", "Accepted:
    22 March 2026", "Published on ..."). When several dates break the order, the one that
    disagrees with most of the others is reported, with the dates it contradicts.

    ## Why is this bad?
    A paper accepted before it was received, or published before it was accepted, has a typo
    in its history, which readers and indexers take at face value.

    ## Example
    `Received on 22 March 2026` above `Accepted on 18 February 2026`.

    ## Fix
    Correct the wrong date (usually a day or month typed in the wrong order).
    """
    own = [(label, iso, s, e) for label, iso, s, e in ctx.document.metadata.own_dates if label in _ORDER]
    conflicts = {k: {j for j in range(len(own)) if j != k and _out_of_order(own[k], own[j])} for k in range(len(own))}
    reported: set[int] = set()
    while True:
        live = {k: c - reported for k, c in conflicts.items() if k not in reported}
        worst = max(live, key=lambda k: (len(live[k]), _ORDER[own[k][0]]), default=None)
        if worst is None or not live[worst]:
            return
        label, iso, s, e = own[worst]
        others = sorted(live[worst])
        names = ", ".join(f"{own[j][0]} {own[j][1]}" for j in others)
        yield Hit(s, e, f"The {label} date {iso} is out of order with the {names} date.",
                  suggestion=f"check the {label} date",
                  related=tuple(ctx.place(own[j][2], own[j][3], f"{own[j][0]} date") for j in others))
        reported.add(worst)


def _out_of_order(a: tuple[str, str, int, int], b: tuple[str, str, int, int]) -> bool:
    """Whether dates ``a`` and ``b`` contradict the order of their labels (whole periods apart)."""
    if _ORDER[a[0]] == _ORDER[b[0]]:
        return False
    early, late = (a, b) if _ORDER[a[0]] < _ORDER[b[0]] else (b, a)
    return _bounds(early[1])[0] > _bounds(late[1])[1]


def _bounds(iso: str) -> tuple[str, str]:
    precision = {4: "year", 7: "month"}.get(len(iso), "day")
    return iso_bounds(iso, precision)
