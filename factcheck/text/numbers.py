"""Find quantities in text and normalize them: value, unit, approximation, malformed grouping.

Why: NUM001 compares the same quantity stated twice, NUM002 flags broken digit grouping, CLM001
and CLM004 need to know which sentences state a number. So we record what a reader would call a
quantity, and deliberately leave out numerals that are labels rather than amounts:

* dates and years (the ``dates`` found by ``factcheck.text.dates``), citation years ``2020a``;
* note markers ``[3]``, report and issue numbers ``N°320``, locators ``p. 12``/``vol. 16, no. 5``,
  section, table and resolution numbers, versions ``2.5.1``;
* times ``2:34pm``/``2.28pm``, ordinals ``4th``, ``9/11``, identifiers glued to letters (``R45122``,
  ``COVID-19``, ``@user1``).

Choices (documented here because rules rely on them):

* The span covers the currency sign (with a stray backslash, ``\\$3.8 billion``), the numeral, a
  scale word and a percent sign or word; never the hedge ("about") nor the counted noun.
* ``unit``: ``USD``/``GBP``/``EUR``/``INR``/``PKR`` from a sign, code or currency word;
  ``percent`` (``40%``, ``40 percent``, ``40 per cent``); ``percentage points``; otherwise the
  counted noun, lower-cased: the first plural-looking word (or an irregular plural such as
  "people") among the next three words before a function word, so "42 representative offices"
  gives ``offices`` and "190,000 Afghans" gives ``afghans``. None when nothing is counted.
* Spelled-out cardinals from "two" to "ninety-nine", optionally with a scale word ("two million"),
  are recorded too (value, unit, hedge); "one" and "a" are not (far too often not a count), nor
  are vague magnitudes ("thousands of", "hundreds of billions"): ``extract`` weighs those itself.
* ``190, 000`` (a space after the grouping comma), ``3..8``, ``1,90,000`` in a document that does
  not use Indian grouping throughout, and other irregular groupings are ``malformed`` with the
  value a reader would mean.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from factcheck.text.dates import find_dates
from factcheck.text.lazy_regex import regex
from factcheck.text.measures import measure_after
from factcheck.text.model import DateMention, NumberMention

_NUMERAL = regex(r"[0-9][0-9.,]*")
# The longest numeral read as a quantity ("1,000,000,000,000.00" has 20 characters).
_MAX_NUMERAL = 40
_SPELLED = regex(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(one|two|three|four|five|six|seven|eight|nine))?\b",
    re.IGNORECASE,
)
_WORD_VALUES = {
    w: i + 2 for i, w in enumerate(
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split())
}
# A quick case-sensitive test on lower-cased text before the case-insensitive search (3x faster
# than the ``_SPELLED`` alternation tried at every position of the original).
_SPELLED_HINT = regex(
    r"(?<![a-z])(?:t(?:wo|hree|en|welve|hirteen|wenty|hirty)|f(?:our|ive|ourteen|ifteen|orty|ifty)|"
    r"s(?:ix|even|ixteen|eventeen|ixty|eventy)|e(?:ight|leven|ighteen|ighty)|n(?:ine|ineteen|inety))"
    r"(?![a-z])")
_WORD_VALUES.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                     "seventy": 70, "eighty": 80, "ninety": 90, "one": 1})
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
           "trillion": 10**12, "bn": 10**9, "mn": 10**6, "tn": 10**12, "m": 10**6, "k": 10**3,
           "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}
_SCALE_AFTER = regex(
    r"(?:\s|-)?(hundred|thousand|million|billion|trillion|lakhs|lakh|crores|crore|bn|mn|tn)\b"
    r"|(m|k)\b", re.IGNORECASE)
_PERCENT_AFTER = regex(r"\s?(%)|\s(percentage points?|per\s?cent|percent|pc)\b", re.IGNORECASE)
_CURRENCY_AFTER = regex(
    r"\s(?:US\s|U\.S\.\s|American\s)?(dollars|dollar|euros|euro|pounds sterling|rupees|USD|EUR|GBP|PKR|INR)\b")
_CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
                   "pounds sterling": "GBP", "rupees": "rupees", "usd": "USD", "eur": "EUR",
                   "gbp": "GBP", "pkr": "PKR", "inr": "INR"}
_CURRENCY_BEFORE = regex(
    r"(?:(US|U\.S\.|A|C|NZ|HK)?\\?([$£€₹])|\b(USD|GBP|EUR|PKR|INR|Rs\.?)\s?)\s?$")
_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "₹": "INR"}
_DOLLAR_PREFIXES = {"A": "AUD", "C": "CAD", "NZ": "NZD", "HK": "HKD"}
_HEDGE_BEFORE = regex(
    r"(?:\b(?:about|around|approximately|roughly|nearly|almost|over|more than|less than|fewer than|"
    r"under|some|close to|at least|up to|an estimated|estimated|upwards of|circa|ca\.|c\.|"
    r"just over|just under|well over|as many as|as much as|in excess of|below|above|"
    r"approx\.)|~)\s?$", re.IGNORECASE)
_LABEL_BEFORE = regex(
    r"(?:\b(?:p|pp|vol|vols|no|nos|nr|sec|section|sections|chapter|ch|figure|fig|table|article|art|"
    r"appendix|annex|paragraph|para|page|pages|issue|resolution|number|item|line|"
    r"version|step|part|rule|act|tier|level|grade|stage|episode|series|edition|ed|"
    r"footnote|note|notes|box|map|chart|graph|exhibit|annexure)\.?\s?|[#§°]\s?|n°\s?)$",
    re.IGNORECASE)
_WORD_AFTER = regex(r"[^\W\d_][\w’'-]*")
# A name, capitalised and written in lower case after (not "USD", "EUR"), right before a number.
_NAME_BEFORE = regex(r"\b([A-Z][a-z][A-Za-z-]*) $")
_STOP_AFTER = frozenset("""
of and or in on at to from for with by were was are is have has had who which that the a an
than per each more less about over under into across during between since until within without
as among against after before this these those its their his her our they we it be been being
abroad ago later earlier apiece altogether only already again now then away back so not
""".split())
# Capitalised words that open a sentence before a quantity, not names ("The 2.5 metre wall",
# "About 2.5 tonnes"): the words that end a number's phrase, and a few more.
_NOT_NAMES = _STOP_AFTER | frozenset("""
above almost around approximately nearly some just roughly exactly up down fewer barely another every
least most all circa total totals there here but your my no
""".split())
_IRREGULAR_PLURALS = frozenset(
    "people men women children police personnel staff cattle sheep fish feet teeth mice geese "
    "livestock clergy youth crew militia infantry".split())


def find_numbers(text: str, start: int = 0, end: int | None = None,
                 dates: Sequence[DateMention] | None = None,
                 indian_grouping: bool | None = None) -> list[NumberMention]:
    """Quantities in ``text[start:end]`` in text order.

    ``dates``: the dates already found there (their spans are skipped); None finds them here.
    ``indian_grouping``: whether the document writes lakh grouping ("1,90,000") throughout;
    None decides it from the whole ``text`` (cached per text).
    """
    end = len(text) if end is None else end
    if dates is None:
        dates = list(find_dates(text, start, end))
    if indian_grouping is None:
        indian_grouping = uses_indian_grouping(text)
    taken = _Taken(sorted((d.start, d.end) for d in dates))
    out: list[NumberMention] = []
    for m in _NUMERAL.finditer(text, start, end):
        mention = _numeral(text, m.start(), m.end(), end, taken, indian_grouping)
        if mention is not None:
            out.append(mention)
            taken.add(mention.start, mention.end)
    if _SPELLED_HINT.search(text[start:end].lower()) is None:
        out.sort(key=lambda n: n.start)
        return out
    for m in _SPELLED.finditer(text, start, end):
        if taken.overlaps(m.start(), m.end()):
            continue
        out.append(_spelled(text, m, end))
    out.sort(key=lambda n: n.start)
    return out


_DIGIT_RUN = regex(r"\d[\d,]*+")


@lru_cache(maxsize=8)
def uses_indian_grouping(text: str) -> bool:
    """True when the text groups digits as lakhs ("1,90,000") and never as thousands ("190,000").

    Each run of digits and commas is read up to its last ",ddd" group (what a greedy pattern
    "a digit, digits and commas, a comma, three digits" would match); finding that by
    backtracking would be quadratic on a long run of digits.
    """
    indian = western = 0
    for run in _DIGIT_RUN.findall(text):
        if len(run) < 5 or "," not in run:
            continue
        k = run.rfind(",")
        while k >= 0 and (len(run) < k + 4 or "," in run[k + 1:k + 4]):
            k = run.rfind(",", 0, k)
        if k < 1:
            continue
        groups = run[:k + 4].split(",")
        if len(groups[0]) > 3:
            continue
        if len(groups) >= 3 and all(len(g) == 2 for g in groups[1:-1]) and len(groups[0]) <= 2:
            indian += 1
        elif len(groups[0]) == 3 or any(len(g) == 3 for g in groups[1:-1]):
            western += 1
    return indian > 0 and western == 0


class _Taken:
    """The spans already read as dates or numbers, asked whether a new one overlaps them.

    The dates and the numbers are kept apart: numbers are found in text order, so each is appended
    to its list, where inserting it among the dates moved every later date (quadratic on a text of
    many dates and numbers: 0.7 s at 10,000 of each, 14 s at 160,000). The answer is the one a
    single sorted list of both gives: whether one of the two spans that start last before ``end``
    reaches past ``start``.
    """

    __slots__ = ("dates", "numbers")

    def __init__(self, dates: list[tuple[int, int]]) -> None:
        self.dates = dates
        self.numbers: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        numbers = self.numbers
        if numbers and (start, end) < numbers[-1]:
            insort(numbers, (start, end))  # a number's span reaching back before the last one's
        else:
            numbers.append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        dates, numbers = self.dates, self.numbers
        i = bisect_left(dates, (end,))
        j = bisect_left(numbers, (end,))
        if not (i or j):
            return False  # nothing starts before ``end`` (most numerals: the first of their sentence)
        near = dates[max(0, i - 2):i] + numbers[max(0, j - 2):j]
        if len(near) > 2:
            near = sorted(near)[-2:]
        return any(e > start for _, e in near)


def _numeral(text: str, s: int, e: int, limit: int, taken: _Taken,
             indian: bool) -> NumberMention | None:
    while e > s and text[e - 1] in ".,":
        e -= 1
    if e - s > _MAX_NUMERAL:
        return None  # a serial number, a hash or a table row run together: no quantity
    raw = text[s:e]
    malformed = False
    # "190, 000": a grouping comma followed by a space and three digits.
    if (("," not in raw and "." not in raw and len(raw) <= 3 or _valid_western(raw))
            and text[e : e + 2] == ", " and e + 5 <= limit and text[e + 2 : e + 5].isdigit()
            and not (e + 5 < len(text) and text[e + 5].isdigit())
            and not (s >= 2 and text[s - 2 : s] == ", " and text[s - 3 : s - 2].isdigit())):
        e += 5
        malformed = True
    if taken.overlaps(s, e) or _is_label(text, s, e):
        return None
    digits = text[s:e].replace(", ", ",")
    parsed = _parse(digits, indian)
    if parsed is None:
        return None
    value, bad = parsed
    malformed = malformed or bad
    span_end, scale, unit = _suffix(text, e, limit)
    value *= scale
    span_start, sign_unit = _currency_before(text, s)
    unit = sign_unit or unit
    if unit is None:
        unit = _counted_noun(text, span_end, limit)
    return NumberMention.of(span_start, span_end, text[span_start:span_end], float(value), unit, _canonical(value),
                            _hedged(text, span_start), malformed)


def _is_label(text: str, s: int, e: int) -> bool:
    """Numerals that name rather than count: markers, identifiers, times, ordinals, locators."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    if before.isalpha() or before in "_@/#°[\\§:":
        return True
    if before == "-" and s >= 2 and text[s - 2].isalpha():
        return True  # "COVID-19", "IS-K2"
    if before in "-–" and s >= 2 and text[s - 2].isdigit():
        r = s - 1
        while r > max(0, s - 12) and text[r - 1].isdigit():
            r -= 1
        return _is_label(text, r, s - 1)  # "pp. 3-4": the end of a labelled range
    if after == "]" or after in ":/" and e + 1 < len(text) and text[e + 1].isdigit():
        return True  # "[3]", "2:34pm", "9/11"
    if after.isalpha() and not _SCALE_AFTER.match(text, e) and after != "%":
        return True  # "4th", "2020a", "2.28pm", "R45122" remnants
    if text.count(".", s, e) >= 2 and ".." not in text[s:e]:
        return True  # "2.5.1": a section or version number
    if before == " " and "." in text[s:e] and _is_version(text, s, e):
        return True  # "Chemiscope 1.0", "Ubuntu Linux 22.04"
    return bool(_LABEL_BEFORE.search(text, max(0, s - 14), s))


def _is_version(text: str, s: int, e: int) -> bool:
    """A decimal right after a name ("Chemiscope 1.0 was released", "Ubuntu Linux 22.04"): the
    version of what the name names, not a quantity; unless a measure, scale, percent or currency
    follows ("Madrid 41.5 mm", "Measuring 2.5 metres", "Brent 2.5 million", "US 2.5%") or the
    word is a sentence's opening word ("About 2.5")."""
    name = _NAME_BEFORE.search(text, max(0, s - 40), s)
    if name is None or name.group(1).lower() in _NOT_NAMES:
        return False
    return not (_SCALE_AFTER.match(text, e) or _PERCENT_AFTER.match(text, e) or _CURRENCY_AFTER.match(text, e)
                or measure_after(text, e))


def _valid_western(raw: str) -> bool:
    groups = raw.split(".")[0].split(",")
    return (len(groups) > 1 and 1 <= len(groups[0]) <= 3
            and all(len(g) == 3 for g in groups[1:]) and raw.count(".") <= 1)


def _parse(raw: str, indian: bool) -> tuple[Decimal, bool] | None:
    """Value of a numeral and whether its grouping or decimal point is broken."""
    bad = False
    if ".." in raw:
        bad = True
        while ".." in raw:
            raw = raw.replace("..", ".")
    if "," in raw and not _valid_western(raw):
        whole = raw.split(".")[0]
        groups = whole.split(",")
        lakh = (len(groups) >= 3 and 1 <= len(groups[0]) <= 2 and len(groups[-1]) == 3
                and all(len(g) == 2 for g in groups[1:-1]))
        bad = bad or not (lakh and indian)
    if raw.count(".") > 1:
        bad = True
        head, _, tail = raw.rpartition(".")
        raw = head.replace(".", "") + "." + tail
    try:
        return Decimal(raw.replace(",", "")), bad
    except InvalidOperation:
        return None


def _suffix(text: str, e: int, limit: int) -> tuple[int, int, str | None]:
    """End of the span after scale, percent and currency words; the scale; an explicit unit."""
    scale, unit = 1, None
    m = _SCALE_AFTER.match(text, e, limit)
    if m:  # "m"/"k" only glued to the digits ("$5m"): the pattern allows no space before them
        scale = _SCALES[(m.group(1) or m.group(2)).lower()]
        e = m.end()
    p = _PERCENT_AFTER.match(text, e, limit)
    if p:
        word = (p.group(1) or p.group(2)).lower()
        unit = "percentage points" if word.startswith("percentage") else "percent"
        return p.end(), scale, unit
    c = _CURRENCY_AFTER.match(text, e, limit)
    if c:
        return c.end(), scale, _CURRENCY_WORDS[c.group(1).lower()]
    return e, scale, unit


def _currency_before(text: str, s: int) -> tuple[int, str | None]:
    m = _CURRENCY_BEFORE.search(text, max(0, s - 6), s)
    if not m:
        return s, None
    if m.group(2):
        prefix = m.group(1)
        if m.group(2) == "$" and prefix in _DOLLAR_PREFIXES:
            return m.start(), _DOLLAR_PREFIXES[prefix]
        return m.start(), _SIGNS[m.group(2)]
    code = m.group(3).lower().rstrip(".")
    return m.start(), {"rs": "INR"}.get(code, code.upper())


def _hedged(text: str, s: int) -> bool:
    return bool(_HEDGE_BEFORE.search(text, max(0, s - 16), s))


def _counted_noun(text: str, e: int, limit: int) -> str | None:
    """The thing counted: "190,000 Afghans" -> "afghans"; "20-year" -> "year"."""
    if e < limit and text[e] == "-":
        m = _WORD_AFTER.match(text, e + 1, limit)
        return m.group().lower() if m else None
    words: list[str] = []
    pos = e
    while len(words) < 3:
        if pos >= limit or text[pos] != " ":
            break
        m = _WORD_AFTER.match(text, pos + 1, limit)
        if not m or m.group().lower() in _STOP_AFTER:
            break
        words.append(m.group().lower())
        pos = m.end()
    for word in words:
        if word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(("ss", "’s", "'s", "us", "is"))):
            return word
    return None


def _spelled(text: str, m: re.Match[str], limit: int) -> NumberMention:
    value = Decimal(_WORD_VALUES[m.group(1).lower()] + (_WORD_VALUES[m.group(2).lower()] if m.group(2) else 0))
    end, scale, unit = _suffix(text, m.end(), limit)
    value *= scale
    if unit is None:
        unit = _counted_noun(text, end, limit)
    return NumberMention.of(m.start(), end, text[m.start():end], float(value), unit, _canonical(value),
                            _hedged(text, m.start()))


def _canonical(value: Decimal) -> str:
    """Digits without grouping or exponent: 3800000000, 3.8, 40."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
