"""Parse one reference entry: authors, year and date, title, container, volume, pages, URL, DOI,
problems — whatever the style (APA, Harvard, Chicago, MLA, IEEE, Vancouver, Nature, ACS).

Why this shape:
- The authors and where they end come from ``factcheck.citations.entry_names``. The date is the
  one right after them when the style puts it there (APA "(2019a)", Chicago "2019."), else the
  last year of the entry outside its URL, DOI and page ranges (MLA ", 2019,", IEEE "Oct. 2013",
  Nature "(2015)", Vancouver "2020;5(51)").
- The title is the quoted or emphasised text after the authors and date, else their first
  sentence; the container is what follows it.
- ``problems`` name what REF001 reports: a missing author, year or title, and signs of two works
  run together (a second "Surname, X. (YEAR", a second quoted title after another name, an
  unbalanced quotation mark).
Parsing works on a whitespace-collapsed copy of the entry; ``factcheck.citations.references``
finds the list and cuts the entries' spans from the raw text. No pattern nests an unbounded
quantifier inside a repeated group, so none can backtrack catastrophically.
"""

from __future__ import annotations

import calendar
import re

from factcheck.citations.entry_names import APA_DATE, YEAR, author_part
from factcheck.citations.model import ReferenceEntry
from factcheck.text.dates import MONTHS
from factcheck.text.lazy_regex import regex

__all__ = ["ANY_YEAR", "APA_DATE", "CHICAGO_DATE", "DOI", "SURNAME_COMMA_INITIAL", "entry_head", "has_url",
           "listed_by_title",
           "parse_entry", "vancouver_authors"]

CHICAGO_DATE = regex(rf"(?<=\.)\s(?P<y>{YEAR})(?P<suf>[a-z])?(?:\s?[-–]\s?{YEAR})?\.(?=\s|$)"
                     r"|(?<=\.)\s(?P<nd>n\.\s?d\.|[Ii]n press|[Ff]orthcoming)\.?(?=\s|$)")
ANY_YEAR = regex(rf"\b(?P<y>{YEAR})(?P<suf>[a-z])?\b|\b(?P<nd>n\.\s?d\.)")
# Malformed schemes ("https//", "http:/") are kept as URLs so that REF002 can report them.
_URL = regex(r"\b(?:https?:?/{1,3}|ftp:?/{1,3}|www\.)[^\s<>]+", re.IGNORECASE)
# A DOI ("10.5555/trade.2019.0044") or a short DOI ("10/abc7xq", doi.org's own short form).
DOI = regex(r"\b10\.\d{4,9}/[^\s<>\"]+|(?<=doi\.org/)10/[a-z0-9]{3,12}\b|(?<=doi:)\s?10/[a-z0-9]{3,12}\b",
            re.IGNORECASE)
# A DOI a label announces, kept even when malformed ("doi: 10.55/x"), so that REF002 can report it.
_LABELLED_DOI = regex(r"(?<=\bdoi:)\s?10[./][^\s<>\"]+|(?<=\bDOI:)\s?10[./][^\s<>\"]+")
_DOI_LABEL = regex(r"\bdoi:\s?(?=10[./])", re.IGNORECASE)
_YEAR_ANYWHERE = regex(rf"(?<![\d/.:–-])(?P<y>{YEAR})(?P<suf>[a-z])?(?![\d/–-]|\.\d)")
_ISO_DAY = regex(rf"(?<![\d/.:–-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\d/–-])")
# "Retrieved 6 May 2014", "Accessed: 2020-01-02", "Archived from the original on 2014-03-28": when
# the work was seen, not when it was published (up to the date's year).
_ACCESS_DATE = regex(rf"\b(?:[Rr]etrieved(?: on)?|[Aa]ccessed(?: on)?|[Aa]rchived(?: from the original)? on"
                     rf"|[Vv]iewed(?: on)?|[Cc]ited)\b:?[^.;]{{0,40}}?{YEAR}(?:-\d\d-\d\d)?")
_SPAN_BEFORE = regex(rf"{YEAR}\s?[-–]\s?$")
_MONTH_BEFORE = regex(r"(?P<m>[A-Z][a-z]{2,8})\.?\s?(?:(?P<d>\d{1,2}),?\s)?$")
_DAY_MONTH_BEFORE = regex(r"(?P<d>\d{1,2})\s(?P<m>[A-Z][a-z]{2,8})\.?\s?$")
_AFTER_YEAR = regex(r"\s?(?P<m>[A-Z][a-z]{2,8})\.?(?:\s(?P<d>\d{1,2}))?\s?[;:.]")
_PAGES = regex(r"\b(?:pp?\.\s?)(?P<p>[A-Za-z]?\d+(?:\s?[-–]\s?[A-Za-z]?\d+)?)"
               r"|:\s?(?P<p2>[A-Za-z]?\d+(?:\s?[-–]\s?\d+)?)(?=[.,;\s]|$)"
               r"|,\s(?P<p3>\d+\s?[-–]\s?\d+)(?=[.,;\s]|$)")
_VOLUME = regex(r"\bvol\.\s?(?P<v>\d+)|(?<=[\s;])(?P<v2>\d{1,5})\s?\((?:\d|[A-Z]\d)"
                r"|(?<=[a-z] )(?P<v3>\d{1,5})(?=,\s(?:no\.|[A-Za-z]?\d))")
_VOLUME_CUT = regex(r"(?:,\s?|\s)(?:vol\.?\s?|volume\s)?\d+\s?\(|,\s?(?:pp?\.\s?)?\d+\s?[-–]\s?\d+"
                    r"|,\s?\d+\s?$|\s\d+\s?:\s?\d+|,\s?(?:vol|no)\.\s?\d|\s\d{1,5}(?=,\s|\s\(|$)",
                    re.IGNORECASE)
# "Smith, J." opening an entry (``match`` at its start).
SURNAME_COMMA_INITIAL = regex(r"(?=[^\W\d_])(?![a-z])[\w'’-]+\s?,\s?(?=[^\W\d_])(?![a-z])\w\.")
# The same anywhere in a text (``search``; whether there is one, not where): tried from the start of
# a run of name characters only, up to its first capital, once. What follows the run is the same
# from any capital in it, so retrying from each (as ``SURNAME_COMMA_INITIAL`` would) was quadratic.
_SURNAME_COMMA_INITIAL_IN = regex(r"(?<![\w'’-])(?>[\w'’-]*?(?=[^\W\d_])(?![a-z]))[\w'’-]*+"
                                  r"\s?,\s?(?=[^\W\d_])(?![a-z])\w\.")
# Two capitalised words ending a text: the name is from group "name" to the end. Tried once per run
# of word characters, from its first capital followed by another character (where the leftmost match
# starts), words possessive (a space or the end follows each): the same matches, in linear time.
_NAME_BEFORE_QUOTE = regex(r"(?<![\w'’.-])(?>[\w'’.-]*?(?P<name>[A-Z][\w'’.-]))[\w'’.-]*+\s[A-Z][\w'’.-]++$")
_STOP = regex(r"[.?!](?= |$)")
_LEAD_LOCATOR = regex(r"\b(?:Retrieved from|Available (?:at|from)|Accessed)\b:?")
_QUOTE_OPEN = regex(r"(?:^|(?<=[ *,(]))[“\"](?=\S)")
_DATE_ONLY = regex(rf"(?:\d{{1,2}}\s)?(?:[A-Z][a-z]{{2,8}}\.?\s)?{YEAR}[a-z]?|[nN]\.\s?d\.")
_MEDIUM = regex(r"\s?\[(?:Internet|Online|Computer software|Software|Data set)\]", re.IGNORECASE)
_ABBREVIATIONS = {"vol", "no", "nos", "pp", "p", "ed", "eds", "dr", "mr", "mrs", "ms", "st", "vs", "jr", "sr", "al",
                  "rev", "trans", "dept", "univ", "op", "cit", "ch", "fig", "n", "v"}
_NO_DATE = regex(r"\b(?:n\.\s?d\.|[Ii]n press|[Ff]orthcoming)")
_PAGE_BEFORE = regex(r"(?:\bpp?\.\s?|[–-])$")
_RANGE_AFTER = regex(r"[–-]\d")
_COLON_BEFORE = regex(r":\s?$")
_VANCOUVER_PIECE = regex(r"[A-Z][\w'’ -]{0,40}? [A-Z]{1,3}")
_CLOSING_SINGLE_QUOTE = regex(r"’(?=[,.;:]?\s|[,.;:]?$)")
_OPEN_QUOTES = "“\"‘"
_CLOSERS = {"“": "”", "\"": "\"", "‘": "’", "*": "*", "_": "_"}


def parse_entry(entry_text: str) -> dict:
    """The fields of one entry (authors, year, date, title, container, volume, pages, url, doi,
    problems, style, repeated_authors)."""
    norm = " ".join(entry_text.split())
    doi_match = (DOI.search(norm) or _LABELLED_DOI.search(norm)) if "10" in norm else None
    doi = doi_match.group().strip().rstrip(".,;)>") if doi_match else None
    urls = has_url(norm)  # (and else none in any part of it)
    url = next((u for u in (m.group().rstrip(".,;)>") for m in _URL.finditer(norm)) if not (doi and doi in u)),
               None) if urls else None
    part = author_part(norm)
    authors, et_al = list(part.authors), part.et_al
    style, year, date, rest, date_end = _date(norm, part.end)
    title, container, problems = _title_container(rest, urls)
    if not authors and not part.repeated:
        lead = APA_DATE.search(norm, 0, 300)
        if lead and norm[lead.start() - 2:lead.start()] == ". ":  # APA with no author: "Title. (2011). Publisher."
            year, date = _paren_date(lead)
            title = norm[:lead.start()].strip(" .")
            container, _, problems = _title_container(norm[lead.end():], urls)  # what follows the date is its publisher
            date_end = lead.end()
    volume, pages = _volume_pages(norm[part.end:], urls)
    problems = _run_together(norm, date_end, rest, title) + problems
    for name, value in (("author", authors or part.repeated), ("year or date", year), ("title", title)):
        if not value:
            problems.insert(0, f"no {name}")
    return {"authors": tuple(authors), "et_al": et_al, "year": year, "date": date, "title": title,
            "container": container, "url": url, "doi": doi, "problems": tuple(dict.fromkeys(problems)),
            "style": style if authors or year else "other", "volume": volume, "pages": pages,
            "repeated_authors": part.repeated}


def listed_by_title(title: str | None, year: str | None, container: str | None, url: str | None,
                    doi: str | None) -> bool:
    """A work without a personal author (a news story, an agency's page) listed by its title, as
    Wikipedia's citation templates write it, with a date and a publisher, container or address."""
    return bool(title and year and (container or url or doi))


def has_url(s: str) -> bool:
    low = s.lower()
    return "http" in low or "www." in low or "ftp" in low


def _date(norm: str, head: int) -> tuple[str, str | None, str | None, str, int]:
    """(style, year, ISO date, the text after the authors and date, where the date ends)."""
    after = norm[head:]
    lead = len(after) - len(after.lstrip(" .,"))
    m = APA_DATE.match(norm, head + lead) or APA_DATE.match(norm, head)
    if m:
        year, date = _paren_date(m)
        return "apa", year, date, norm[m.end():].lstrip(" .,"), m.end()
    c = CHICAGO_DATE.match(norm, max(0, head - 1)) or CHICAGO_DATE.match(norm, head)
    if c:
        if c.group("nd"):
            return "chicago", _special(c.group("nd")), None, norm[c.end():].strip(), c.end()
        year = c.group("y") + (c.group("suf") or "")
        return "chicago", year, c.group("y"), norm[c.end():].strip(), c.end()
    rest = norm[head:].strip(" .,")
    year, date = _year_anywhere(norm, head)
    return "other", year, date, rest, head


def _special(value: str) -> str:
    low = " ".join(value.lower().split())
    return "n.d." if low.startswith("n") else low


def _year_anywhere(norm: str, head: int) -> tuple[str | None, str | None]:
    """The entry's year when no date follows its authors: a year in parentheses ("(2015)",
    "(December 2021)") else the last one, outside URLs, DOIs and page ranges."""
    body = norm[head:]
    if has_url(body):
        body = _URL.sub(lambda m: " " * len(m.group()), body)
    if "10." in body or "10/" in body:
        body = DOI.sub(lambda m: " " * len(m.group()), body)
    # The day a web page was seen or archived is not the work's date: used only when nothing else is.
    access = [(m.start(), m.end()) for m in _ACCESS_DATE.finditer(body)]
    iso = [m for m in _ISO_DAY.finditer(body) if not any(s <= m.start() < e for s, e in access)]
    if iso:  # "2019-02-13" (Wikipedia's CS1 dates)
        m = iso[0]
        return m.group("y"), _iso(m.group("y"), m.group("m"), m.group("d"))
    found = [m for m in _YEAR_ANYWHERE.finditer(body) if not _page_like(body, m)]
    published = [m for m in found if not any(s <= m.start() < e for s, e in access)]
    found = published or found
    if not found:
        nd = _NO_DATE.search(body)
        if nd:
            return _special(nd.group()), None
        iso_access = list(_ISO_DAY.finditer(body))
        if iso_access:
            m = iso_access[0]
            return m.group("y"), _iso(m.group("y"), m.group("m"), m.group("d"))
        return None, None
    in_parens = [m for m in found if _in_parentheses(body, m)]
    m = in_parens[-1] if in_parens else found[-1]
    span = _SPAN_BEFORE.search(body, max(0, m.start() - 12), m.start())
    if span:  # "2010 - 2015": the work is dated from its first year
        m = next((f for f in found if f.start() == span.start()), m)
    y = m.group("y")
    year = y + (m.group("suf") or "") if m.group("suf") and not body[m.end():m.end() + 1].isalpha() else y
    before = body[max(0, m.start() - 16):m.start()]
    for month in (_MONTH_BEFORE.search(before), _DAY_MONTH_BEFORE.search(before), _AFTER_YEAR.match(body, m.end())):
        if month and month.group("m").lower().rstrip(".") in MONTHS:
            return year, _iso(y, month.group("m"), month.group("d"))
    return year, y


def _page_like(body: str, m: re.Match[str]) -> bool:
    """A four-digit page number, not a year: "pp. 2078–2079", "2078–9", ": 1706–13"."""
    before = body[max(0, m.start() - 5):m.start()]
    after = body[m.end():m.end() + 2]
    return bool(_PAGE_BEFORE.search(before) or _RANGE_AFTER.match(after)
                or _COLON_BEFORE.search(before) and after[:1] in ("–", "-"))


def _in_parentheses(body: str, m: re.Match[str]) -> bool:
    opening = body.rfind("(", max(0, m.start() - 20), m.start())
    return opening >= 0 and ")" not in body[opening:m.start()] and body[m.end():m.end() + 2].lstrip()[:1] == ")"


def _paren_date(m: re.Match[str]) -> tuple[str, str | None]:
    """Year and ISO date from "(2020, 03 30)", "(2026, March 10)", "(2023, May)", "(2019a)", "(n.d.)",
    "(September 21, 2016)", "(2011-02-02)"."""
    if m.group("nd"):
        return _special(m.group("nd")), None
    if m.group("ly"):  # "(September 21, 2016)", "(14 March 2012)", "(July 1996)"
        words = m.group("lead").replace(",", " ").split()
        day = next((w for w in words if w.isdigit()), None)
        month = next(w for w in words if not w.isdigit())
        return m.group("ly"), _iso(m.group("ly"), month, day)
    if m.group("iy"):  # "(2011-02-02)"
        return m.group("iy"), _iso(m.group("iy"), m.group("im"), m.group("id"))
    y = m.group("y")
    year = y + (m.group("suf") or "")
    rest = (m.group("rest") or "").strip(" .")
    words = rest.replace(",", " ").replace("/", " ").replace("-", " ").split()
    if not words:
        return year, y
    if words[0].isdigit() and (len(words) == 1 or words[1].isdigit()):  # "03 30", "5 16": year-month-day
        month = int(words[0])
        day = int(words[1]) if len(words) > 1 and words[1].isdigit() else None
        if month > 12 and day and day <= 12:
            month, day = day, month
        return year, _iso(y, str(month) if 1 <= month <= 12 else None, str(day) if day else None)
    if len(words) > 1 and words[0].rstrip("stndrh").isdigit():  # "16 May"
        words = [words[1], words[0]]
    day = words[1] if len(words) > 1 and words[1].rstrip("stndrh").isdigit() else None
    return year, _iso(y, words[0], day.rstrip("stndrh") if day else None)


def _iso(year: str, month: str | None, day: str | None) -> str:
    """An ISO date as precise as stated and valid: YYYY-MM-DD, YYYY-MM or YYYY."""
    if not month:
        return year
    number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    if not number or not 1 <= number <= 12:
        return year
    if day and day.isdigit() and 1 <= int(day) <= calendar.monthrange(int(year), number)[1]:
        return f"{year}-{number:02d}-{int(day):02d}"
    return f"{year}-{number:02d}"  # an impossible day ("02 30") keeps the month only


def vancouver_authors(head: str) -> bool:
    """"Smith J, Jones KL, et al": every piece a surname and capital initials without dots."""
    pieces = [p.strip() for p in head.rstrip(".").split(",")]
    pieces = [p for p in pieces if p and p.lower() not in ("et al", "et al.")]
    return bool(pieces) and all(_VANCOUVER_PIECE.fullmatch(p) for p in pieces)


def _sentence_end(s: str, start: int = 0) -> int | None:
    """Index just after the first full stop (or ? !) that ends a sentence, not an initial or abbreviation."""
    for m in _STOP.finditer(s, start):
        j = m.start()
        # "(2nd ed.). Boca Raton": a stop after a closing parenthesis ends the sentence
        if j + 1 == len(s) or s[j] != "." or s[j - 1:j] in (")", "]") or not (
                _is_abbreviation(s[s.rfind(" ", 0, j) + 1:j]) or s[j + 2:j + 3].islower()):
            return j + 1
    return None


def _is_abbreviation(token: str) -> bool:
    core = token.strip("(“\"'*")
    return (len(core) == 1 and core.isupper()) or "." in core or core.lower() in _ABBREVIATIONS


def _title_container(rest: str, urls: bool = True) -> tuple[str | None, str | None, list[str]]:
    """Title (quoted, *italic* or up to the first full stop) and the container after it. ``urls``
    False: the entry ``rest`` is part of has no URL."""
    if urls and has_url(rest):
        rest = _LEAD_LOCATOR.sub("", _URL.sub("", rest)).replace("<>", "")
    if "10." in rest or "10/" in rest:
        rest = DOI.sub("", _DOI_LABEL.sub("", rest))
    rest = (_MEDIUM.sub("", rest) if "[" in rest else rest).strip(" .,;")  # a medium is in brackets
    if not rest:
        return None, None, []
    closer = _CLOSERS.get(rest[0])
    close = rest.find(closer, 1) if closer else -1
    if rest[0] == "‘":  # ‘Title’ may hold apostrophes: the closing mark is one before a comma, stop or space
        m = _CLOSING_SINGLE_QUOTE.search(rest, 1)
        close = m.start() if m else close
    if close > 0:  # "Quoted title." or *italic title*
        title, after = rest[1:close], rest[close + 1:]
    elif rest[0] in _OPEN_QUOTES:
        title, after = rest[1:], ""
    else:
        cut = _sentence_end(rest) or len(rest)
        title, after = rest[:cut], rest[cut:]
    title = title.strip(" .,") or None
    after = after.strip(" .,:;")
    if after.startswith("In "):
        after = after[3:]
    if after and after[0] in "*_" and after.find(after[0], 1) > 0:
        container = after[1:after.find(after[0], 1)]
    else:
        cut = _sentence_end(after)
        container = after[:cut] if cut else after
    container = container.replace("*", "").replace("_", " ").strip(" .,:;")
    if _DATE_ONLY.fullmatch(container):
        container = ""  # MLA puts the date where the publisher would be: "Title. 2018, https://..."
    problems = []
    volume = _VOLUME_CUT.search(" " + container)
    if volume:
        container = (" " + container)[:volume.start()].strip(" .,:;")
        if not container:
            problems.append("volume or issue but no journal or publisher")
    return title, container or None, problems


def _volume_pages(body: str, urls: bool = True) -> tuple[str | None, str | None]:
    if urls and has_url(body):
        body = _URL.sub(" ", body)
    if "10." in body:
        body = DOI.sub(" ", body)
    v = _VOLUME.search(body)
    volume = (v.group("v") or v.group("v2") or v.group("v3")) if v else None
    p = None
    for m in _PAGES.finditer(body):
        p = m.group("p") or m.group("p2") or m.group("p3")
    return volume, p.replace(" ", "") if p else None


def _run_together(norm: str, date_end: int, rest: str, title: str | None) -> list[str]:
    """Signs that the entry holds two works: a second author-date, a second quoted title, a stray quote."""
    problems = []
    for m in APA_DATE.finditer(norm, date_end) if "(" in norm[date_end:] else ():
        window = norm[max(date_end, m.start() - 80):m.start()]
        if _SURNAME_COMMA_INITIAL_IN.search(window):
            problems.append(f"two works run together: a second author and date ('{window.strip()[-40:]}{m.group()}')")
            break
    title_at = rest.find(title) + len(title) if title and title in rest else 0
    quoted = "“" in rest or "\"" in rest  # (what ``_QUOTE_OPEN`` opens with)
    for q in _QUOTE_OPEN.finditer(rest, title_at + 2) if quoted else ():
        before = rest[max(0, q.start() - 60):q.start()].replace("*", "").replace("_", " ").rstrip(" ,:")
        name = _NAME_BEFORE_QUOTE.search(before)
        if name:
            named = before[name.start("name"):name.end()]
            problems.append(f"two works run together: a second title in quotes after another name ('{named}')")
            break
    if norm.count("“") != norm.count("”") or norm.count("\"") % 2:
        problems.append("an unbalanced quotation mark")
    return problems


def entry_head(entry: ReferenceEntry) -> tuple[int, int]:
    """The entry's author-and-date head ("Threkled, E., & Easterly, G. (2021)"), else its start."""
    text = entry.text
    if entry.origin == "bib":  # "@book{key," or the CSL-JSON item's first line
        line_end = text.find("\n")
        return entry.start, entry.start + (line_end if line_end > 0 else min(len(text), 80))
    close = text.find(")", 0, 120)
    if text.find("(", 0, 120) != -1 and close != -1:
        return entry.start, entry.start + close + 1
    cut = text.rfind(" ", 0, 80)
    return entry.start, entry.start + (cut if len(text) > 80 and cut > 0 else len(text))
