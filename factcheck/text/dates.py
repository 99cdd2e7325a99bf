"""Find dates in text and normalize them with their precision.

Handles "28th February 2026", "February 28, 2026", "25 March, 2026", "18 Feb, 2026", "March 2026",
"mid-2025", "mid-November 2023", "late 2022", "the 1990s", "1996-2001", "1996 -2001",
"from 2001 to 2021", "between August 2021 and mid-2025", ISO "2026-03-25" and bare years.
Every pattern is a linear scan: no nested quantifiers, so no catastrophic backtracking.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from factcheck.text.lazy_regex import regex
from factcheck.text.model import DateMention, DatePrecision

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_QUAL = r"(?:early|mid|late|end of|beginning of|the end of|the start of|start of)"

# One date expression (not a range). Named groups tell which form matched.
_SINGLE = (
    rf"(?:(?P<dmy_d>{_DAY})\s(?:of\s)?(?P<dmy_m>{_MONTH}),?\s(?P<dmy_y>{_YEAR}))"
    rf"|(?:(?P<mdy_m>{_MONTH})\s(?P<mdy_d>{_DAY}),?\s(?P<mdy_y>{_YEAR}))"
    rf"|(?:(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d))"
    rf"|(?:(?P<qm_q>{_QUAL})[-\s](?P<qm_m>{_MONTH}),?\s(?P<qm_y>{_YEAR}))"
    rf"|(?:(?P<my_m>{_MONTH}),?\s(?P<my_y>{_YEAR}))"
    rf"|(?:(?P<s_s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s(?:of\s)?(?P<s_y>{_YEAR}))"
    rf"|(?:(?P<qy_q>{_QUAL})[-\s](?:(?:the\s)?(?P<qy_dec>{_YEAR[3:-1]}0)s|(?P<qy_y>{_YEAR})))"
    rf"|(?:(?P<dec_y>(?:1[5-9]|20)\d0)'?s)"
    rf"|(?:(?P<y_y>{_YEAR}))"
)
_SINGLE_RE = regex(rf"(?<![\w$£€.,/-])(?:{_SINGLE})(?![\w%]|,\d|\.\d)", re.IGNORECASE)

# Ranges: "from X to Y", "between X and Y", "X-Y"/"X – Y"/"X to Y" where X, Y are years.
_RANGE_RE = regex(
    rf"(?<![\w$.,/-])(?:(?P<kw>from|between)\s(?P<a>[^\n.;]{{1,40}}?)\s(?:to|and|until|till|through)\s"
    rf"(?P<b>[^\s.;]+(?:[ \t][^\s.;]+){{0,3}})"
    rf"|(?P<ya>{_YEAR})\s?[-–—]\s?(?P<yb>{_YEAR}|\d\d)(?![\w%]|[-–/]\d))",
    re.IGNORECASE,
)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def _make(
    match: re.Match[str], offset: int = 0
) -> tuple[str, DatePrecision, str | None, bool]:
    """ISO, precision, qualifier and validity of one single-date match."""
    g = match.groupdict()
    if g["dmy_y"] or g["mdy_y"] or g["iso_y"]:
        if g["dmy_y"]:
            y, m, d = int(g["dmy_y"]), _month(g["dmy_m"]), _day(g["dmy_d"])
        elif g["mdy_y"]:
            y, m, d = int(g["mdy_y"]), _month(g["mdy_m"]), _day(g["mdy_d"])
        else:
            y, m, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
        valid = 1 <= d <= calendar.monthrange(y, m)[1]
        return f"{y:04d}-{m:02d}-{d:02d}", "day", None, valid
    if g["qm_y"]:
        return f"{int(g['qm_y']):04d}-{_month(g['qm_m']):02d}", "month", _qualifier(g["qm_q"]), True
    if g["my_y"]:
        return f"{int(g['my_y']):04d}-{_month(g['my_m']):02d}", "month", None, True
    if g["s_y"]:
        return g["s_y"], "season", g["s_s"].lower(), True
    if g["qy_dec"]:
        return g["qy_dec"], "decade", _qualifier(g["qy_q"]), True
    if g["qy_y"]:
        return g["qy_y"], "year", _qualifier(g["qy_q"]), True
    if g["dec_y"]:
        return g["dec_y"], "decade", None, True
    return g["y_y"], "year", None, True


def _qualifier(q: str) -> str:
    q = q.lower()
    for word in ("early", "mid", "late"):
        if word in q:
            return word
    return "late" if "end" in q else "early"


def parse_date(text: str) -> tuple[str, DatePrecision, str | None, bool] | None:
    """Normalize a phrase that is exactly one date ("25 March, 2026"), else None."""
    match = _SINGLE_RE.fullmatch(text.strip())
    return _make(match) if match else None


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[DateMention]:
    """Every date in ``text[start:end]``, ranges merged into one mention, in text order."""
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    windows = _year_windows(text, start, end)
    for w_start, w_end in windows:
        pos = w_start
        while True:
            # search, not finditer: a range ends where its end date ends, which may be before
            # the regex match does ("from 2001 to 2001 also, between" ends after the second 2001).
            rm = _RANGE_RE.search(text, pos, w_end)
            if not rm:
                break
            mention = _range_mention(text, rm)
            if mention:
                mentions.append(mention)
                taken.append((mention.start, mention.end))
                pos = mention.end
            else:
                pos = rm.start() + 1
    singles = (m for w_start, w_end in windows for m in _SINGLE_RE.finditer(text, w_start, w_end))
    covered = 0  # ranges and singles both come in text order: walk the ranges alongside
    for m in singles:
        while covered < len(taken) and taken[covered][1] <= m.start():
            covered += 1
        if covered < len(taken) and taken[covered][0] <= m.start():
            continue
        iso, precision, qualifier, valid = _make(m)
        if precision == "year" and not qualifier and not _looks_like_year(text, m.start(), m.end()):
            continue
        mentions.append(
            DateMention.of(m.start(), m.end(), m.group(), iso, precision, qualifier, valid)
        )
    mentions.sort(key=lambda d: d.start)
    yield from mentions


# (The digit before the year is looked at after its first two digits: a pattern opening with an
# assertion is tried at every position of the text, this one only at a "1" or a "2".)
_FOUR_DIGITS = regex(r"(?:1[5-9]|2[01])(?<!\d..)\d\d(?!\d)")
# Every date form holds a four-digit year; the longest reach before it is a range opener
# ("between 14 September 2021 and ..." is under 90 characters), after it an ISO month-day.
_REACH_BEFORE, _REACH_AFTER = 90, 12


def _year_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Merged windows around four-digit years: the full patterns run only there.

    Scanning every position with the full alternation is several times slower than finding
    the years first; lookbehinds still see the text before a window, so a window starting
    inside a word cannot produce a match there.
    """
    windows: list[tuple[int, int]] = []
    for m in _FOUR_DIGITS.finditer(text, start, end):
        w_start, w_end = max(start, m.start() - _REACH_BEFORE), min(end, m.end() + _REACH_AFTER)
        if windows and w_start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], w_end)
        else:
            windows.append((w_start, w_end))
    return windows


_YEAR_CONTEXT_BEFORE = regex(
    r"(?:\b(?:in|since|by|of|from|until|till|before|after|during|to|and|the|early|mid|late|year|"
    r"between|around|circa|c\.|through|s|spring|summer|autumn|fall|winter)|[(\[,;–—-])\s?$",
    re.IGNORECASE,
)


def _looks_like_year(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it counts things ("2000 troops")."""
    before = text[max(0, start - 12) : start]
    if _YEAR_CONTEXT_BEFORE.search(before):
        return True
    after = text[end : end + 12]
    if not after or after[0] in ".,;:)]'’\"”" or after.startswith(" ") and not re.match(r" [a-z]", after):
        return True
    return False


def _range_mention(text: str, rm: re.Match[str]) -> DateMention | None:
    if rm.group("ya"):
        a_iso, b_raw = rm.group("ya"), rm.group("yb")
        if len(b_raw) == 2:
            # "1996-01" is a year and a month, not a range; "1999-00" ends in 2000, "2018-21" in 2021.
            century = int(a_iso[:2]) + (1 if int(b_raw) <= int(a_iso[2:]) else 0)
            if int(b_raw) <= 12 and int(b_raw) <= int(a_iso[2:]) and b_raw != "00":
                return None
            b_iso = f"{century:02d}{b_raw}"
        else:
            b_iso = b_raw
        return DateMention(start=rm.start(), end=rm.end(), text=rm.group(), iso=a_iso, precision="year",
                           range_end=b_iso, range_end_precision="year")
    a = parse_date(rm.group("a"))
    if not a:
        return None
    # The end date is the longest run of up to four words after "to"/"and" that reads as a date
    # ("January 2020" in "between March 2020 and January 2020 the dam ...").
    words = rm.group("b").split(" ")
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count]).rstrip(",:)")
        b = parse_date(candidate)
        if b:
            end = rm.start("b") + len(candidate)
            return DateMention(start=rm.start(), end=end, text=text[rm.start():end], iso=a[0], precision=a[1],
                               qualifier=a[2], range_end=b[0], range_end_precision=b[1], valid=a[3] and b[3])
    return None


def iso_bounds(iso: str, precision: DatePrecision) -> tuple[str, str]:
    """The earliest and latest day an ISO date of a precision can mean, as YYYY-MM-DD."""
    if precision == "decade":
        return f"{iso[:3]}0-01-01", f"{iso[:3]}9-12-31"
    parts = iso.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    m = int(parts[1])
    if len(parts) == 2:
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    return iso, iso
