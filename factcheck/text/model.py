"""Records of the text itself: blocks, sentences, and the dates and numbers found in it.

They are what ``factcheck.text`` finds and what the packages above it (citations, claims, rules)
read; they know nothing of citations or claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from factcheck.model import FrozenModel, quick_init, unvalidated

DatePrecision = Literal["day", "month", "season", "year", "decade", "century"]
# The kinds of ``factcheck.documents.model.RegionKind``, plus "pullquote" (a block repeated from
# the body nearby), which only the layout finds.
BlockKind = Literal["body", "heading", "title", "byline", "boilerplate", "caption", "code", "front-matter", "table",
                    "pullquote", "references", "notes", "metadata"]


@quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of the text (lines between blank lines) and what it is. A plain
    slotted record, not a pydantic model: one per paragraph (90,000 in a page of short headings),
    never serialized; a changed copy is a new one (``Block(b.index, b.start, b.end, kind)``:
    ``dataclasses.replace`` costs three times as much, and a long list renames 40,000)."""

    index: int
    start: int
    end: int
    kind: BlockKind = "body"


@quick_init
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's span and its block. A plain slotted record, not a pydantic model: a document
    may hold 100,000 of them, each built once and read in the hot loops of claims and attributions
    (never serialized)."""

    start: int
    end: int
    block: int  # index of its Block


class DateMention(FrozenModel):
    """A date as written and normalized: ``iso`` is YYYY, YYYY-MM or YYYY-MM-DD (decades: 1990)."""

    start: int
    end: int
    text: str
    iso: str
    precision: DatePrecision
    # "early", "mid", "late", "about", "before", "after", "since", "until" ...
    qualifier: str | None = None
    # For a range ("1996-2001", "from 2001 to 2021", "between August 2021 and mid-2025").
    range_end: str | None = None
    range_end_precision: DatePrecision | None = None
    valid: bool = True  # False for an impossible calendar date ("30 February 2023")

    @classmethod
    def of(cls, start: int, end: int, text: str, iso: str, precision: DatePrecision,
           qualifier: str | None, valid: bool) -> DateMention:
        """``DateMention(start=, end=, text=, iso=, precision=, qualifier=, valid=)`` (a single
        date, no range) without running the validator on values already of their declared types
        (``factcheck.model.unvalidated``: a report dense in dates builds thousands); any other
        value is validated as usual. The record is the one validation builds."""
        if (type(start) is not int or type(end) is not int or type(text) is not str or type(iso) is not str
                or type(precision) is not str or precision not in _PRECISIONS
                or (qualifier is not None and type(qualifier) is not str)
                or type(valid) is not bool):
            return cls(start=start, end=end, text=text, iso=iso, precision=precision, qualifier=qualifier,
                       valid=valid)
        return unvalidated(cls, {"start": start, "end": end, "text": text, "iso": iso, "precision": precision,
                                 "qualifier": qualifier, "range_end": None, "range_end_precision": None,
                                 "valid": valid}, _DATE_GIVEN)


class NumberMention(FrozenModel):
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None  # "USD", "percent", "people", ...
    normalized: str  # canonical digits: "3800000000", "190000", "40"
    approximate: bool = False  # "about", "nearly", "over", "some"
    malformed: bool = False  # broken digit grouping ("190, 000")

    @classmethod
    def of(cls, start: int, end: int, text: str, value: float, unit: str | None, normalized: str,
           approximate: bool, malformed: bool | None = None) -> NumberMention:
        """``NumberMention(start=, end=, text=, value=, unit=, normalized=, approximate=)``, and
        ``malformed=`` unless it is None (not given), without running the validator on values
        already of their declared types (``factcheck.model.unvalidated``: a table of figures
        builds thousands); any other value is validated as usual. The record is the one
        validation builds."""
        if (type(start) is not int or type(end) is not int or type(text) is not str or type(value) is not float
                or (unit is not None and type(unit) is not str) or type(normalized) is not str
                or type(approximate) is not bool or (malformed is not None and type(malformed) is not bool)):
            given = {} if malformed is None else {"malformed": malformed}
            return cls(start=start, end=end, text=text, value=value, unit=unit, normalized=normalized,
                       approximate=approximate, **given)
        return unvalidated(cls, {"start": start, "end": end, "text": text, "value": value, "unit": unit,
                                 "normalized": normalized, "approximate": approximate, "malformed": bool(malformed)},
                           _NUMBER_GIVEN if malformed is None else _NUMBER_GIVEN_MALFORMED)


_PRECISIONS = frozenset(get_args(DatePrecision))
# What validation marks as set (the names given): one set shared by the records built alike.
_DATE_GIVEN = {"start", "end", "text", "iso", "precision", "qualifier", "valid"}
_NUMBER_GIVEN = {"start", "end", "text", "value", "unit", "normalized", "approximate"}
_NUMBER_GIVEN_MALFORMED = _NUMBER_GIVEN | {"malformed"}
