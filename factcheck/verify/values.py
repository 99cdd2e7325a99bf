"""Whether a figure of a claim and a figure of a source can be the same, aware of unit, scale and
precision.

A number is read as the range of values it can mean as written (as ``factcheck.claims.fact_values``
reads it for NUM001): "1.9 million" is 1.85-1.95 million, so it agrees with "1,900,000" and
"1,894,000"; "about 3,000" is within the tolerance of 3,000 and agrees with "2,950"; "more than
6,000" is open above. Units convert within a dimension ("12 miles" and "19.3 km" agree),
a percentage is a fraction ("40 percent" and "0.4" agree), a currency is only itself. A date is
the days it can mean: "March 2021" lies within "2021", so they agree; a range agrees with a range
whose ends agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from factcheck.claims.fact_values import dates_agree, granularity
from factcheck.text.dates import iso_bounds
from factcheck.text.model import DateMention, NumberMention
from factcheck.verify.units import Unit, comparable, convertible, unit_of

_BOUND_BEFORE = re.compile(
    r"(?:\b(?P<about>about|around|approximately|roughly|some|circa|ca\.|c\.|an estimated|estimated|close to|"
    r"nearly|almost|approx\.)|(?P<lower>more than|over|at least|above|upwards of|in excess of|exceeding|"
    r"greater than)|(?P<upper>less than|fewer than|under|up to|below|at most|no more than))\s+$|~\s*$",
    re.IGNORECASE)


_BARE = Unit("count", "")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number or a date as written at ``start:end`` of some text, ready to compare."""

    start: int
    end: int
    text: str
    date: DateMention | None = None
    number: NumberMention | None = None
    unit: Unit | None = None
    lo: float = 0.0  # the values a number can mean, in its dimension's base unit
    hi: float = 0.0

    @property
    def kind(self) -> str:
        return "date" if self.date is not None else "number"

    @property
    def spelled_count(self) -> bool:
        """A count written in words, of things rather than of a unit ("the three cities", not
        "nine hours")."""
        return self.number is not None and self.unit is not None and self.unit.dimension == "count" \
            and not _DIGIT.search(self.text)


def bound_before(text: str, start: int) -> str | None:
    """ "about", "lower" or "upper" for a hedge right before ``start``, else None."""
    m = _BOUND_BEFORE.search(text, max(0, start - 22), start)
    if m is None:
        return None
    if m.group("lower"):
        return "lower"
    if m.group("upper"):
        return "upper"
    return "about"


def number_figure(mention: NumberMention, text: str, tolerance: float, unit: Unit | None = None) -> Figure:
    """A number with the values it can mean; its span runs on over a unit of measure written after
    it ("12 km")."""
    end = mention.end
    if unit is None:
        unit, end = unit_of(mention, text)
    value = mention.value * unit.factor
    slack = abs(value) * tolerance
    bound = bound_before(text, mention.start)
    if bound is None and mention.approximate:
        bound = "about"
    if bound == "lower":
        lo, hi = value - slack, math.inf
    elif bound == "upper":
        lo, hi = -math.inf, value + slack
    else:
        half = min(granularity(mention) * unit.factor, slack) / 2
        if bound == "about":
            half = max(half, slack)
        lo, hi = value - half, value + half
    return Figure(mention.start, end, text[mention.start:end], number=mention, unit=unit, lo=lo, hi=hi)


_JOINED = re.compile(r"\s*(?:to|and|or|-|–|—|/)\s*$")
_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion|bn|mn|tn|lakhs?|crores?)\b|\d[mk]\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_DIGIT = re.compile(r"\d")


def share_units(figures: list[Figure], text: str, tolerance: float) -> list[Figure]:
    """Numbers joined into a range or pair ("38 to 52 percent", "between 1.2 and 1.5 million",
    "$3-4 billion") share the unit and scale written once, after the last."""
    out = list(figures)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if a.number is None or b.number is None or a.unit is None or b.unit is None:
            continue
        if not _JOINED.fullmatch(text[a.end:b.start]) or b.start - a.end > 6:
            continue
        number = a.number
        if _SCALE_WORD.search(b.text) and not _SCALE_WORD.search(a.text):
            digits = _DIGITS.search(b.number.text)
            written = float(digits.group().replace(",", "")) if digits else 0.0
            if written:
                scale = b.number.value / written
                number = number.model_copy(update={"value": number.value * scale})
        unit = b.unit if a.unit == _BARE and b.unit != _BARE else a.unit
        if number is not a.number or unit is not a.unit:
            out[k] = number_figure(number, text, tolerance, unit)
    return out


def date_figure(mention: DateMention) -> Figure:
    return Figure(mention.start, mention.end, mention.text, date=mention)


def _as_fraction(figure: Figure) -> Figure | None:
    """A bare number written as a fraction ("0.4"), read as a ratio."""
    number = figure.number
    if number is None or figure.unit is None or figure.unit != _BARE or not 0 < number.value <= 1:
        return None
    if "." not in number.text:
        return None
    return Figure(figure.start, figure.end, figure.text, number=number, unit=Unit("ratio", "fraction"),
                  lo=figure.lo, hi=figure.hi)


def can_compare(a: Figure, b: Figure) -> bool:
    """Whether figure ``a`` (a claim's) and ``b`` (a source's) are of one kind of thing, so that
    different values conflict."""
    if a.kind != b.kind:
        return False
    if a.date is not None and b.date is not None:
        # A claim's date against a source's range too ("since 1980" against "between 1990 and
        # 2018"); a claim's range only against a range.
        return a.date.precision != "century" and b.date.precision != "century" \
            and (bool(a.date.range_end) == bool(b.date.range_end) or bool(b.date.range_end))
    assert a.unit is not None and b.unit is not None
    if comparable(a.unit, b.unit):
        return True
    fa, fb = _as_fraction(a), _as_fraction(b)
    return (fa is not None and b.unit.dimension == "ratio") or (fb is not None and a.unit.dimension == "ratio")


def agree(a: Figure, b: Figure) -> bool:
    """Whether figure ``a`` (a claim's) can state what ``b`` (a source's) states. A date of the
    claim within a range of the source agrees ("in 2010" restates "between 2010 and 2017"); a
    range of the claim needs a range."""
    if a.kind != b.kind:
        return False
    if a.date is not None and b.date is not None:
        if a.date.range_end and not b.date.range_end:
            return False
        if b.date.range_end and not a.date.range_end:
            return _within_range(a.date, b.date)
        return bool(dates_agree(a.date, b.date))
    assert a.unit is not None and b.unit is not None
    if a.unit.dimension == b.unit.dimension != "count" and a.unit.name != b.unit.name \
            and a.number is not None and b.number is not None and a.number.value == b.number.value:
        return False  # "200 yards" for "200 metres": the same numeral in another unit is a changed unit, not a conversion
    if not convertible(a.unit, b.unit):
        fa, fb = _as_fraction(a), _as_fraction(b)
        if fa is not None and b.unit.dimension == "ratio":
            a = fa
        elif fb is not None and a.unit.dimension == "ratio":
            b = fb
        elif _bare_against_measure(a, b):
            # Read the bare number in the other's unit.
            if a.unit == _BARE:
                return a.lo * b.unit.factor <= b.hi and b.lo <= a.hi * b.unit.factor
            return b.lo * a.unit.factor <= a.hi and a.lo <= b.hi * a.unit.factor
        else:
            return False
    return a.lo <= b.hi and b.lo <= a.hi


def _within_range(single: DateMention, span: DateMention) -> bool:
    """Whether a date falls within a range."""
    lo, _ = iso_bounds(span.iso, span.precision)
    _, hi = iso_bounds(span.range_end or span.iso, span.range_end_precision or span.precision)
    first, last = iso_bounds(single.iso, single.precision)
    return first <= hi and lo <= last


def _bare_against_measure(a: Figure, b: Figure) -> bool:
    """A bare number in digits against a measure or a sum ("3.8 billion" in a sentence about
    dollars, against "$3.8 billion"): the same value may be meant, the unit being said elsewhere in
    the sentence. A spelled-out count ("the three cities") is never a sum or a measure."""
    assert a.unit is not None and b.unit is not None
    for bare, other in ((a, b), (b, a)):
        if bare.unit == _BARE and other.unit.dimension not in ("ratio", "points") and _DIGIT.search(bare.text) \
                and math.isfinite(other.lo) and math.isfinite(other.hi):  # never against a bound ("above 2.5 m")
            return True
    return False


def closeness(a: Figure, b: Figure) -> tuple[int, float]:
    """How well an agreeing ``b`` fits ``a``, to choose among several of one sentence: the same
    kind of unit first, then the nearer value."""
    if a.unit is None or b.unit is None:
        return (1, 0.0)
    same = comparable(a.unit, b.unit)
    middle = lambda f: f.lo if not math.isfinite(f.hi) else f.hi if not math.isfinite(f.lo) else (f.lo + f.hi) / 2  # noqa: E731
    return (1 if same else 0, -abs(middle(a) - middle(b)))
