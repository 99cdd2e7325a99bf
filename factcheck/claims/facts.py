"""Fact statements: what a claim says about one date or number, minus the value.

Why: DATE001 and NUM001 look for the same fact stated twice with different values, in a
document or across a corpus. Two statements are "about the same fact" when what they say
around the value agrees, so each date or number mention becomes a ``Statement``:

* ``words``: the content words of the clause around the mention (at most ``WINDOW`` on each
  side, cut at clause boundaries; see ``factcheck.claims.clauses``), lower-cased, stopwords
  dropped, lightly stemmed. The value itself and every other value of the clause are masked
  out of the words;
* ``values``: the other dates and numbers of the clause as exact tokens (``#y2021``, ``#n15``):
  "exports rose 12 percent in 2021" and "... in 2022" are two facts, not one;
* ``role``: ``planned`` ("to be completed in", "scheduled", "expected", "will", "plans to
  ... by 2030") or ``actual``, since a plan and its outcome legitimately differ; for a number
  also its unit or counted noun ("percent", "USD", "refugee").

Mentions whose clause is negated ("was not completed in 2020"), speculative ("may", "could"),
or relational ("before 2020", "since 2015", "by 1999" in the past) make no statement: they
assert no value for the fact. Nor does a dateline (", Kabul, October 2022.": the date of a
source) or anything in a note. A date in a clause that also states a percentage or an amount
of money is a period ("rose 12 percent in 2021"), not an event date, and makes no statement.
Nor does a clause with more than ``MAX_VALUES`` other values: a list or a table of figures.

Statements are small and picklable (no pydantic objects): a document's statements are built
once, in the process that audits it, and travel with its result to the corpus check.

A claim is read once (``factcheck.claims.clauses``); each mention's clause, window and cues
are then found by bisection, so one huge sentence with thousands of values costs n log n, not
n². Which statements are the same fact is decided in ``factcheck.claims.conflicts``;
``factcheck.claims.fact_index`` proposes the pairs to compare.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter
from typing import Literal, NamedTuple

from factcheck.claims.claimed_parts import scan_end
from factcheck.claims.clauses import SEQUENCE_MARKS, ClaimReading, cuts_of, hard_cuts, mask, relative_clauses, stem
from factcheck.claims.model import Claim
from factcheck.text.lazy_regex import regex
from factcheck.text.mask import lower_keeping_offsets
from factcheck.text.model import DateMention, NumberMention

__all__ = ["MAX_EXTRA", "MAX_VALUES", "SEQUENCE_MARKS", "DateValue", "NumberValue", "Statement", "statements_of",
           "stem", "value_token"]

MAX_EXTRA = 2  # words one statement may add to the other's and still state the same fact
MAX_VALUES = 12  # other values in one clause beyond which it is a list or a table, not a statement

_SPACES = regex(r"\s*")
_CLOSING = ".;:()[]\"'”’"  # what may follow a dateline: a stop, a bracket ("[Pashto]", "[3]"), a quote
_RELATIONAL = frozenset("before after since until till prior following from as post pre".split())
_ABOUT = frozenset("about around approximately roughly circa c ca some".split())
# Hedges that make a number a bound, each with the space before it so "moreover" is not "over".
_LOWER = (" more than", " over", " at least", " above", " upwards of", " in excess of", " exceeding")
_UPPER = (" less than", " fewer than", " under", " up to", " below", " nearly", " almost",
          " as many as", " as much as")
_PERIOD_UNITS = frozenset({"percent", "percentage points", "USD", "EUR", "GBP", "INR", "PKR",
                           "AUD", "CAD", "NZD", "HKD", "rupees"})
_START = attrgetter("start")
_NONE: frozenset[str] = frozenset()

Mention = DateMention | NumberMention


class DateValue(NamedTuple):
    """What the agreement test reads of a date (the fields of ``DateMention`` it uses)."""

    iso: str
    precision: str
    qualifier: str | None
    range_end: str | None
    range_end_precision: str | None


class NumberValue(NamedTuple):
    """What the agreement test reads of a number: its value and how precisely it is written."""

    value: float
    text: str


class Statement(NamedTuple):
    """One date or number of a claim, with what the claim says around it.

    A named tuple, and its words kept once (in ``sequence``; ``words`` is derived): a corpus
    holds hundreds of thousands of statements, sent from the worker processes to the one that
    compares them, so they must be cheap to build, to pickle and to hold."""

    doc: int  # index of the document in the corpus (0 in document mode)
    claim: str  # id of the claim (sentence) it comes from
    kind: Literal["date", "number"]
    role: str
    start: int  # of the mention, in the document text
    end: int
    text: str  # the mention as written
    sequence: tuple[str, ...]  # the words in order, "#" for the mention, "" where stopwords part two
    names: tuple[str, ...]  # the words capitalised mid-sentence, sorted: who or what the fact is about
    values: frozenset[str]
    value: DateValue | NumberValue
    bound: str | None = None  # "about" (a date or number), "lower" / "upper" (a number)

    @property
    def words(self) -> frozenset[str]:
        """The content words of the window (``sequence`` less its marks)."""
        return frozenset(self.sequence).difference(SEQUENCE_MARKS)

    @property
    def order(self) -> tuple[int, int, int]:
        return self.doc, self.start, self.end

    @property
    def phrase(self) -> str:
        """Words and values, sorted and joined: what token_set_ratio compares."""
        return " ".join(sorted(self.words.union(self.values)))

    def in_document(self, doc: int) -> Statement:
        """The same statement numbered as document ``doc`` of a corpus (its parts shared)."""
        return Statement(doc, *self[1:])


def value_token(mention: Mention) -> str:
    """An exact token for a value in a clause: a date by its year(s), a number by its digits."""
    if isinstance(mention, DateMention):
        return f"#y{mention.iso[:4]}" + (f"-{mention.range_end[:4]}" if mention.range_end else "")
    return f"#n{mention.normalized}"


def statements_of(claim: Claim, doc: int = 0) -> list[Statement]:
    """The statements of a claim: one per date and number mention that asserts a value."""
    if claim.region == "note" or not (claim.dates or claim.numbers):  # a note's values are its sources
        return []
    mentions: list[Mention] = sorted([*claim.dates, *claim.numbers], key=_START)
    # Read in the part of the claim its values were found in (a "sentence" of a megabyte is read
    # in its first 10,000 characters, not tokenised and stemmed whole for them). A headline's
    # values are found in all of it: one past that part has the whole headline read, as before.
    base, text = claim.start, claim.text
    bound = scan_end(text, 0, len(text))
    if max(m.end for m in mentions) - base <= bound:
        text = text[:bound]
    starts = [m.start for m in mentions]
    lowered = lower_keeping_offsets(mask(text, [(m.start - base, m.end - base) for m in mentions]))
    holes = relative_clauses(lowered)
    main = ClaimReading(text, mask(lowered, holes, " ") if holes else lowered)  # read on across a relative clause
    main_cuts = hard_cuts(main.view)
    hole_reading = ClaimReading(text, lowered) if holes else main
    hole_starts = [a for a, _ in holes]
    out = []
    for mention in mentions:
        ms = mention.start - base
        k = bisect_right(hole_starts, ms) - 1
        if k >= 0 and ms < holes[k][1]:  # in a relative clause: that clause alone
            reading, cuts = hole_reading, cuts_of([(0, holes[k][0] + 1), (holes[k][1] - 1, len(lowered))])
        else:
            reading, cuts = main, main_cuts
        a, b = reading.clause(ms, mention.end - base, cuts)
        # Mentions are sorted by start: the ones inside the clause are a slice.
        first, last = bisect_left(starts, a + base), bisect_left(starts, b + base)
        if last - first - 1 > MAX_VALUES:
            continue  # a list or a table of figures, not a statement of one
        others = [m for m in mentions[first:last] if m is not mention and reading.view[m.start - base] == "0"]
        statement = _statement(claim, doc, mention, reading, a, b, others)
        if statement is not None:
            out.append(statement)
    return out


def _statement(claim: Claim, doc: int, mention: Mention, reading: ClaimReading, a: int, b: int,
               others: Sequence[Mention]) -> Statement | None:
    ms = mention.start - claim.start
    lo, hi = reading.word_span(a, b)
    if reading.asserts_nothing(a, b, lo, hi):
        return None  # negated or speculative: no value asserted
    is_date = isinstance(mention, DateMention)
    if is_date and _dateline(reading.view, ms, ms + len(mention.text)):
        return None
    sequence, names = reading.window(a, b, ms)
    if len(frozenset(sequence).difference(SEQUENCE_MARKS)) < 3:
        return None  # too few words to tell one fact from another
    if not names and _about_something_named_before(reading, a):
        return None  # "Its first phase opened in 2019": whose, another sentence says
    planned = reading.plan(lo, hi)
    if is_date:
        before = reading.words[bisect_left(reading.starts, max(a, ms - 24)):bisect_left(reading.starts, ms)][-2:]
        role, bound = _date_role(mention, before, others, planned)
        value: DateValue | NumberValue = DateValue(mention.iso, mention.precision, mention.qualifier,
                                                   mention.range_end, mention.range_end_precision)
    else:
        role, bound = _number_role(mention, reading.view[max(0, ms - 24):ms], planned)
        value = NumberValue(mention.value, mention.text)
    if role is None:
        return None
    values = frozenset(value_token(m) for m in others) if others else _NONE
    return Statement(doc, claim.id, "date" if is_date else "number", role, mention.start, mention.end,
                     mention.text, sequence, names, values, value, bound)


# The subject of a clause that opens with one of these is named in an earlier sentence.
_ANAPHORS = frozenset({"it", "its", "they", "their", "he", "his", "she", "her"})


def _about_something_named_before(reading: ClaimReading, a: int) -> bool:
    """Whether the clause opens with a pronoun: two such statements with the same words ("Its
    first phase opened in 2019", "... in 2021", under two headings or in two documents) may be
    about two things, and nothing in them says which. Compared, they were a conflict."""
    first = bisect_left(reading.starts, a)
    return first < len(reading.words) and reading.words[first] in _ANAPHORS


def _dateline(view: str, ms: int, me: int) -> bool:
    """A date set off by a comma and ending its sentence or clause ("..., Crisis Group
    Commentary, 13 November 2023.", "Kabul, 2023 [Pashto];"): the date of a source or a
    dispatch, not of an event stated there. (Only the blanks next to the date are read: a
    copy of the text on each side would make a sentence of many dates quadratic.)"""
    i = ms - 1
    while i >= 0 and view[i].isspace():
        i -= 1
    if i < 0 or view[i] != ",":
        return False
    after = _SPACES.match(view, me).end()
    return after == len(view) or view[after] in _CLOSING


def _date_role(mention: DateMention, before: Sequence[str], others: Sequence[Mention],
               planned: str) -> tuple[str | None, str | None]:
    """``planned`` / ``actual`` and a bound ("about"); None for a date that states no event."""
    if not mention.valid or (before and before[-1] in _RELATIONAL):
        return None, None
    if "by" in before and planned == "actual":
        return None, None  # "by 1999 the ferry ran hourly": a bound on an unstated date
    if any(isinstance(m, NumberMention) and m.unit in _PERIOD_UNITS for m in others):
        return None, None
    return planned, ("about" if before and before[-1] in _ABOUT else None)


def _number_role(mention: NumberMention, before: str, planned: str) -> tuple[str | None, str | None]:
    """The unit or counted noun (stemmed, "-" for none) and planned/actual; whether the value is
    a bound or an estimate."""
    role = _role(mention.unit or "-", planned)  # no counted noun next to it: the clause's words must tell
    before = " " + before.rstrip()
    if before.endswith(_LOWER):
        return role, "lower"
    if before.endswith(_UPPER):
        return role, "upper"
    return role, ("about" if mention.approximate else None)


@lru_cache(maxsize=1 << 12)
def _role(unit: str, planned: str) -> str:
    """A number's role: its unit stemmed (a code or a phrase as is) and planned/actual; one string
    per role, however many statements."""
    unit = unit if unit.isupper() or " " in unit or unit == "-" else stem(unit)
    return sys.intern(f"{unit} {planned}")
