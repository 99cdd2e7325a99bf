"""Author-date citations (APA 7, Chicago author-date, Harvard, Elsevier-Harvard, ASA).

Parenthetical: "(Smith & Lee, 2019a, p. 4)", "(Smith and Lee 2019, 4)", "(e.g., Smith, 2019; see also
Lee, 2020b)", "(Smith, 2011a, b)", "(Smith 2011, 2013)", "(Pryce and Lind 1971, Okonjo 1995)",
"(World Health Organization [WHO], 2020)", "(n.d.)", "in press", "forthcoming", a quoted title for a
work with no author ("(“Harbour Ledger Archive” 2026)"), names after initials ("(K. Teller & Brandt
1992)"), and a parenthesis broken over a line or holding Markdown emphasis ("(Dunmore *et\\nal.* 2024)").
Narrative: "Smith et al. (2019)", "Smith's (2019) model", "Birrer, Amara and Refregier (2015)".

One citation per work: a group gives one per author-year item, and an item with several years
("Legrand et al., 2021, 2020", "Smith, 2011a, b") one per year, each with the item's text.

Why this shape:
- A parenthesis is read on a copy where emphasis marks and line breaks are spaces, so that offsets
  stay those of the text and a wrapped or emphasised citation reads like any other.
- A narrative citation's names are read backwards from its "(2019)" over name-like words only;
  when several readings parse ("Recently Smith" / "Smith"), the longest whose first name is a
  known author (``known``: the reference list's surnames) wins, else the longest.
- Every pattern is bounded (a parenthesis holds at most 400 characters and one nested pair, a
  narrative looks back 200 characters), so scanning stays linear on hostile input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from factcheck.citations.cited_names import PARTICLES, CitedNames, parse_names
from factcheck.citations.pandoc import split_parts
from factcheck.text.lazy_regex import regex

# A year, a year with a letter ("2019a"), a span of years ("2010 - 2015", read as its first), "n.d."...
YEAR = (r"(?:1[5-9]\d\d|20\d\d)(?:\s?[-–]\s?(?:1[5-9]\d\d|20\d\d)(?![\w/]))?(?:[a-z](?![a-z]))?"
        r"|[nN]\.\s?[dD]\.|(?i:no\s+date|in\s+press|forthcoming)")
_Y = rf"(?<![\w/.-])(?:{YEAR})(?![\w/])"
# Roman page numbers are lower case and stand alone: "(Langmead and Salzberg 2012, Li 2018)" is two
# works (OUP separates them with commas), not a page "Li" of the first.
_LOCATOR = (r"(?:(?:pp?|pages?|paras?|chapters?|chaps?|ch|sections?|secs?|figures?|figs?|tables?|vols?|nn?"
            r"|notes?|§)\.?\s?)?"
            r"(?:\d{1,5}[a-z]?|(?-i:[ivxlc]{1,6}))(?![^\W\d_])(?:\s?[-–]\s?(?:\d{1,5}|(?-i:[ivxlc]{1,6})))?")
_YEAR_GROUP = regex(rf"(?P<years>{_Y}(?:\s*,\s*(?:{_Y}|[a-z](?![\w.])))*)"
                    rf"(?:\s*[,:]\s*(?P<loc>(?i:{_LOCATOR})))?")
_ONLY_YEARS = regex(rf"^\s*(?P<years>{_Y}(?:\s*,\s*(?:{_Y}|[a-z](?![\w.])))*)"
                    rf"(?:\s*[,:]\s*(?P<loc>(?i:{_LOCATOR})))?\s*$")
_SINGLE_YEAR = regex(rf"{_Y}|[a-z]")
# A parenthesis: at most 400 characters, nested pairs one deep ("(LSST DESC)", "(mafft (Katoh
# et al., 2002))"), no blank line.
PAREN = regex(r"\(((?:[^()\n]|\n(?![ \t]*\n)|\((?:[^()\n]|\n(?![ \t]*\n)){0,200}\)){2,400})\)")
_INNER = regex(r"\(((?:[^()\n]|\n(?![ \t]*\n)){2,200})\)")
_BLANKS = str.maketrans({"*": " ", "_": " ", "\n": " ", "\r": " ", "\u00a0": " "})
_LEAD_IN = regex(r"(?:(?:see\s+also|see|e\.\s?g\.,?|eg,?|cf\.?|also|for\s+example,?|for\s+a\s+review,?\s+see|"
                 r"i\.\s?e\.,?|as\s+in|reviewed\s+in|compare|quoted\s+in|cited\s+in|adapted\s+from|"
                 r"modified\s+from|data\s+from|based\s+on|and|&)\s+)+", re.IGNORECASE)
_TOKEN_PATTERN = r"\([A-Z][A-Z0-9 &-]{1,24}\)|et\s+al\.?|[^\W\d_][\w’'.\-]*|&|,|\S"
# A token and the spaces after it: every non-space opens a token (``\S`` last) and every token ends
# in one, so these lie end to end and their lengths give each token's place.
_SPACED_TOKEN = regex(rf"(?:{_TOKEN_PATTERN})\s*")
_ABBREVIATION_END = regex(r"\([A-Z][A-Z0-9 &-]{1,24}\)$")  # the abbreviation token of ``_TOKEN_PATTERN``
_POSSESSIVE = regex(r"(?:’s|'s|’|')$")
_MAX_TOKENS = 24
_NON_SPACE = regex(r"\S")


def clean_year(year: str) -> str:
    low = " ".join(year.lower().split())
    if low.startswith("n") and low.replace(" ", "") in ("n.d.", "nodate"):
        return "n.d."
    if low in ("in press", "forthcoming"):
        return low
    if len(year) > 5 and year[:4].isdigit() and year[4:].strip()[:1] in "-–":
        return year[:4]  # "2010 - 2015": the work is dated from its first year
    return year.strip()


@lru_cache(maxsize=4096)
def years_of(group: str) -> tuple[str, ...]:
    """"2011a, b" -> ("2011a", "2011b"); "2021, 2020" -> ("2021", "2020"); "n.d." -> ("n.d.",).
    Cached: a paper writes the same few year groups over and over."""
    years: list[str] = []
    for m in _SINGLE_YEAR.finditer(group):
        token = m.group()
        if len(token) == 1 and token.isalpha():
            if years and years[-1][:4].isdigit():
                years.append(years[-1][:4] + token)
            continue
        years.append(clean_year(token))
    return tuple(years)


def _fields(names: CitedNames, s: int, e: int, text: str, years: str, loc: str | None, narrative: bool,
            kind: str) -> Iterator[dict]:
    for year in years_of(years):
        yield dict(style="author-year", kind=kind, start=s, end=e, text=text[s:e], authors=names.authors,
                   et_al=names.et_al, year=year, locator=loc, narrative=narrative, title=names.title,
                   abbreviation=names.abbreviation)


# The distinct parenthesis contents a span's readers keep the reading of (here and in
# ``author_page``): a paper repeats its groups, a hostile one 20,000 times in a 1 MB paragraph.
MAX_CONTENTS = 2048


def parentheses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each parenthesis's content, and of each one nested in it, in text order."""
    for paren in PAREN.finditer(text, start, end):
        yield paren.start(1), paren.end(1)
        if "(" in paren.group(1):
            for inner in _INNER.finditer(text, paren.start(1), paren.end(1)):
                yield inner.start(1), inner.end(1)


def parenthetical(text: str, start: int, end: int, known: Callable[[str], bool] | None = None) -> Iterator[dict]:
    """Author-year items inside parentheses (not the "(2019)" of a narrative citation). ``known``
    says which names the reference list holds: those count as names as the list writes them,
    lowercase ones included ("(xarray, 2018)")."""
    read = _ReadParentheses(text, known)
    for offset, close in parentheses(text, start, end):
        clean = text[offset:close].translate(_BLANKS)
        if not _ONLY_YEARS.match(clean):  # else a narrative citation's year: see ``narrative``
            yield from read(offset, clean)


def _parenthesised(text: str, offset: int, clean: str, known: Callable[[str], bool] | None) -> Iterator[dict]:
    """The items of one parenthesis whose content (``clean``, blanked) starts at ``offset``."""
    previous: dict | None = None
    for part_start, part in split_parts(clean):
        items = list(_items(text, part, offset + part_start, known, previous))
        yield from items
        previous = items[-1] if items else None


def both(text: str, start: int, end: int, known: Callable[[str], bool] | None = None,
         title_before: Callable[[str, int, int], int | None] | None = None) -> tuple[list[dict], list[dict]]:
    """``parenthetical`` and ``narrative`` of the same span, read in one pass over its parentheses
    (each found, blanked and matched once, not once per reading)."""
    bracketed: list[dict] = []
    told: list[dict] = []
    read = _ReadParentheses(text, known)
    for offset, close in parentheses(text, start, end):
        clean = text[offset:close].translate(_BLANKS)
        only = _ONLY_YEARS.match(clean)
        if only:
            told.extend(_narrative_at(text, start, end, offset, close, only, known, title_before))
        else:
            bracketed.extend(read(offset, clean))
    return bracketed, told


class _ReadParentheses:
    """``_parenthesised`` of one span's parentheses, each content (blanked) read once: the items of
    a content are the same wherever it stands but for their offsets and their text, which is cut
    from the text at the offsets (the blanked copy is not the text). A paper repeats its groups
    ("(Hale, 2017; Vale and Orrin, 2019)" 20,000 times in a 1 MB paragraph); room for this many
    contents (``MAX_CONTENTS``), past which the others are read each time."""

    __slots__ = ("text", "known", "read")

    def __init__(self, text: str, known: Callable[[str], bool] | None) -> None:
        self.text = text
        self.known = known
        # content -> its items, with their offsets from the content's start
        self.read: dict[str, list[dict]] = {}

    def __call__(self, offset: int, clean: str) -> list[dict]:
        text = self.text
        templates = self.read.get(clean)
        if templates is None:
            items = list(_parenthesised(text, offset, clean, self.known))
            if len(self.read) < MAX_CONTENTS:
                self.read[clean] = [{**item, "start": item["start"] - offset, "end": item["end"] - offset}
                                    for item in items]
            return items
        items = []
        for template in templates:
            item = template.copy()
            s = item["start"] = template["start"] + offset
            e = item["end"] = template["end"] + offset
            item["text"] = text[s:e]
            items.append(item)
        return items


def _items(text: str, part: str, base: int, known: Callable[[str], bool] | None = None,
           previous: dict | None = None) -> Iterator[dict]:
    """The author-year items of one ";"-part. A part of years alone continues the names of the
    part before ("(see Marsh, 2011b, chap. 2; 2011a)"): its text is those years."""
    pos = 0
    last: dict | None = None
    lone = _ONLY_YEARS.match(part)
    if lone and previous is not None:
        s, e = base + lone.start("years"), base + lone.end("years")
        for year in years_of(lone.group("years")):
            yield {**previous, "start": s, "end": e, "text": text[s:e], "year": year,
                   "locator": lone.group("loc")}
        return
    while pos < len(part):
        ym = _YEAR_GROUP.search(part, pos)
        if not ym:
            return
        chunk = part[pos:ym.start()]
        lead = _LEAD_IN.match(chunk.lstrip(" ,"))
        names_at = len(chunk) - len(chunk.lstrip(" ,")) + (lead.end() if lead else 0)
        names_text = chunk[names_at:].rstrip(" ,")
        if not names_text.strip():
            if last is not None:  # "(Smith 2011, 2013)" split oddly: more years of the same names
                e = base + ym.end("years")
                for year in years_of(ym.group("years")):
                    yield {**last, "end": e, "text": text[last["start"]:e], "year": year}
            pos = ym.end()
            continue
        names = parse_names(names_text)
        if names is None and known is not None and known(names_text.strip()):
            names = CitedNames(authors=(" ".join(names_text.split()),))
        if names is None:
            last = None
            pos = ym.end()
            continue
        s = base + pos + names_at + (len(names_text) - len(names_text.lstrip()))
        e = base + ym.end("years")  # the locator ("p. 4") is kept apart, not in the citation's text
        items = list(_fields(names, s, e, text, ym.group("years"), ym.group("loc"), False, "parenthetical"))
        yield from items
        last = items[-1] if items else None
        pos = ym.end()


def narrative(text: str, start: int, end: int, known: Callable[[str], bool] | None = None,
              title_before: Callable[[str, int, int], int | None] | None = None) -> Iterator[dict]:
    """"Smith et al. (2019)": the names read backwards from each parenthesis that holds only years;
    or the title of a work with no author (``title_before`` finds those of the list)."""
    for offset, close in parentheses(text, start, end):
        only = _ONLY_YEARS.match(text[offset:close].translate(_BLANKS))
        if only:
            yield from _narrative_at(text, start, end, offset, close, only, known, title_before)


def _narrative_at(text: str, start: int, end: int, offset: int, close: int, only: re.Match[str],
                  known: Callable[[str], bool] | None,
                  title_before: Callable[[str, int, int], int | None] | None) -> Iterator[dict]:
    """The narrative citation whose parenthesis of years (``only``) spans ``offset``-``close``."""
    lo = max(start, offset - 151)
    titled = title_before(text, lo, offset - 1) if title_before else None
    if titled is not None:
        title = " ".join(text[titled:offset - 1].split())
        names = CitedNames(authors=(title,), title=title)
        yield from _fields(names, titled, close + 1, text, only.group("years"), only.group("loc"), True,
                           "narrative")
        return
    found = _names_before(text, lo, offset - 1, known)
    if not found:
        return
    s, names = found
    if _blank(text, start, s) and _blank(text, close + 1, end) and not (
            known and names.authors and all(known(a) for a in names.authors)):
        return  # a paragraph that is only "Gini (2014)": a label (an infobox row), not a citation
    yield from _fields(names, s, close + 1, text, only.group("years"), only.group("loc"), True, "narrative")


# "as in Vale and Orrin, 2012.", "Vale et al., 2019;": names and a year with no parenthesis around
# them. One surname, then "et al." or a second surname; the year ends a clause.
_SURNAME = r"(?-i:[A-Z][\w’'-]{1,40})"
_UNBRACKETED = regex(rf"(?<![\w(])(?P<names>{_SURNAME}(?:\s(?:et\sal\.?|(?:and|&)\s{_SURNAME})))"
                     rf"(?P<comma>,)?\s(?P<year>(?:1[5-9]\d\d|20\d\d)[a-z]?)(?=[.,;:)]?(?:\s|$))")


def unbracketed(text: str, start: int, end: int, known: Callable[[str], bool] | None) -> Iterator[dict]:
    """Author-year citations written without parentheses, in a document that cites by author and
    date: "Vale and Orrin, 2012", "Vale et al., 2019", and without the comma ("from Vale and Orrin
    1999") only for authors of the reference list (``known``)."""
    for m in _UNBRACKETED.finditer(text, start, end):
        names = parse_names(m.group("names"))
        if names is None or not (m.group("comma") or (known and known(names.authors[0]))):
            continue
        yield from _fields(names, m.start(), m.end(), text, m.group("year"), None, True, "unbracketed")


def _blank(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` is whitespace only (``not text[lo:hi].strip()``), read up to its first
    other character, not copied: a block may be one 1 MB paragraph holding thousands of citations."""
    return _NON_SPACE.search(text, lo, hi) is None


def tokens_backward(window: str) -> Iterator[tuple[int, int, str]]:
    """The (start, end, text) of the tokens of ``window`` (``_TOKEN_PATTERN``'s), last first: made from the
    token strings, not from match objects, and read only as far back as the caller goes."""
    pos = len(window)
    for piece in reversed(_SPACED_TOKEN.findall(window)):
        token = piece.rstrip()  # ``\s`` and ``str.isspace`` are the same characters
        start = pos - len(piece)
        yield start, start + len(token), token
        pos = start


def _names_before(text: str, lo: int, hi: int, known: Callable[[str], bool] | None) -> tuple[int, CitedNames] | None:
    """Where the names before ``hi`` start, and what they are."""
    window = text[lo:hi]
    if "\n\n" in window:
        lo += window.rindex("\n\n") + 2
        window = text[lo:hi]
    close = window.rfind(")")
    if close >= 0 and not _ABBREVIATION_END.search(window[max(0, close - 26):close + 1]):
        # A ")" that closes no "(WHO)" is a token of its own, and never a name's: the names start
        # after it, and the tokens after it are the same read from there (dense citations put a
        # dozen earlier ones in the window).
        lo += close + 1
        window = window[close + 1:]
    # The names are the run of name-like tokens that ends the window (only spaces between tokens).
    taken: list[tuple[int, int, str]] = []  # (start, end, token), last first
    for start, end, token in tokens_backward(window):
        if not (token[:1].isupper() or token in (",", "&", "and") or token.lower() in PARTICLES
                or token.startswith("et") and "al" in token or (token.startswith("(") and len(token) > 2)):
            break
        taken.append((start, end, token))
        if len(taken) >= _MAX_TOKENS:
            break
    if not taken:
        return None
    taken.reverse()
    names_end = taken[-1][1]
    readings: list[tuple[int, CitedNames]] = []
    for i, (start, _, token) in enumerate(taken):
        if token in (",", "&", "and") or token.lower() in PARTICLES and i + 1 == len(taken):
            continue
        raw = window[start:names_end]
        raw = _POSSESSIVE.sub("", raw)
        names = parse_names(raw)
        if names:
            readings.append((lo + start, names))
    if not readings:
        return None
    if known is not None:
        for reading in readings:
            if known(reading[1].authors[0]):
                return reading
    return readings[0]
