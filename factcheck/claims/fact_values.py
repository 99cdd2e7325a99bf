"""Whether two values of the same fact agree, given how precisely each is written.

A false alarm costs more than a miss, so values agree whenever they can mean the same:
"March 2026" and "20 March 2026" (their day ranges overlap), "late 2022" and "October 2022";
a range is compared only with a range; "about 190,000" and "190,000", "1.9 million" and
"1,894,000"; "over 6,000" and "nearly 6,000". Used by DATE001 / NUM001 (``factcheck.claims.conflicts``).
"""

from __future__ import annotations

import math

from factcheck.claims.facts import DateValue, NumberValue, Statement
from factcheck.text.dates import iso_bounds
from factcheck.text.lazy_regex import regex
from factcheck.text.model import DateMention, NumberMention

_NUMERAL = regex(r"[0-9][0-9.,]*")
# Months a qualified year can mean, generously: "late 2022" agrees with July 2022.
_QUALIFIED_MONTHS = {"early": ("01", "06"), "mid": ("04", "09"), "late": ("07", "12")}


def values_agree(a: Statement, b: Statement, tolerance: float = 0.1) -> bool | None:
    """True when the values can be the same, False when they cannot, None when not comparable."""
    if a.kind != b.kind:
        return None
    if a.kind == "date":
        return dates_agree(a.value, b.value, a.bound, b.bound)
    return numbers_agree(a.value, b.value, a.bound, b.bound, tolerance)


# The agreement tests read a few fields of a mention: a Statement's value has the same ones.
Date = DateMention | DateValue
Number = NumberMention | NumberValue


def dates_agree(a: Date, b: Date, bound_a: str | None = None,
                bound_b: str | None = None) -> bool | None:
    """Whether the days two dates can mean overlap; a range only against a range (both ends)."""
    if "century" in (a.precision, b.precision) or bool(a.range_end) != bool(b.range_end):
        return None  # too coarse, or a range against a single date: be conservative
    if a.range_end and b.range_end:
        ends_a = iso_bounds(a.range_end, a.range_end_precision or "year")
        ends_b = iso_bounds(b.range_end, b.range_end_precision or "year")
        return _overlap(_date_span(a, bound_a), _date_span(b, bound_b)) and _overlap(ends_a, ends_b)
    return _overlap(_date_span(a, bound_a), _date_span(b, bound_b))


def _date_span(mention: Date, bound: str | None) -> tuple[str, str]:
    """First and last day a date can mean, widened for "early/mid/late" and "about"."""
    lo, hi = iso_bounds(mention.iso, mention.precision)
    if mention.precision == "year" and mention.qualifier in _QUALIFIED_MONTHS:
        first, last = _QUALIFIED_MONTHS[mention.qualifier]
        lo, hi = f"{lo[:4]}-{first}-01", f"{hi[:4]}-{last}-{'30' if last in ('06', '09') else '31'}"
    if bound == "about":
        lo, hi = f"{int(lo[:4]) - 1:04d}{lo[4:]}", f"{int(hi[:4]) + 1:04d}{hi[4:]}"
    return lo, hi


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def numbers_agree(a: Number, b: Number, bound_a: str | None = None,
                  bound_b: str | None = None, tolerance: float = 0.1) -> bool:
    """Whether the values two numbers can mean, as written, overlap."""
    if a.value == b.value:
        return True
    lo_a, hi_a = _number_span(a, bound_a, tolerance)
    lo_b, hi_b = _number_span(b, bound_b, tolerance)
    return lo_a < hi_b and lo_b < hi_a


def _number_span(mention: Number, bound: str | None, tolerance: float) -> tuple[float, float]:
    """The values a number can mean: a bound is open on one side, an estimate is +-tolerance,
    an exact number is +-half the unit it is rounded to, that unit at most tolerance of itself
    ("300" may be rounded to the ten, not to the hundred)."""
    value = mention.value
    slack = abs(value) * tolerance
    if bound == "lower":
        return value - slack, math.inf
    if bound == "upper":
        return -math.inf, value + slack
    half = min(granularity(mention), slack) / 2
    if bound == "about":
        half = max(half, slack)
    return value - half, value + half


def granularity(mention: Number) -> float:
    """The unit a number is written to: "1.9 million" -> 100,000; "190,000" -> 10,000; "12" -> 1."""
    match = _NUMERAL.search(mention.text)
    if match is None:  # spelled out: "twenty" is read to the ten, "two million" to the million
        return 10.0 ** math.floor(math.log10(abs(mention.value))) if mention.value else 1.0
    digits = match.group().rstrip(".,").replace(", ", ",")
    whole, _, decimals = digits.partition(".")
    whole = whole.replace(",", "")
    try:
        numeral = float(whole + ("." + decimals if decimals else ""))
    except ValueError:
        return 1.0
    if decimals:
        unit = 10.0 ** -len(decimals)
    else:
        zeros = len(whole) - len(whole.rstrip("0"))
        unit = 10.0 ** min(zeros, max(len(whole) - 1, 0))
    scale = mention.value / numeral if numeral else 1.0
    return unit * scale
