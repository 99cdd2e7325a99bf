"""Parse one reference entry: authors, year and date, title, container, URL, DOI, problems.

Each entry is tried as APA/Harvard ("Smith, J. (2019)"), Vancouver ("Smith J, Jones K.") and
Chicago ("Smith, John. 2019."), and the names are read as written: "Lutz Kilian, M. P." gives the
surname "Lutz Kilian" (a forename in the surname slot is the document's error to report, and
citations copy it), "REUTERS." a corporate author. ``problems`` names what REF001 reports: a
missing author, year or title, and signs of two works run together (a second "Surname, X.
(YEAR", a second quoted title after another name, an unbalanced quotation mark).

Parsing works on a whitespace-collapsed copy of the entry; ``factcheck.citations.references``
finds the list and cuts the entries' spans from the raw text. No pattern nests an unbounded
quantifier inside a repeated group, so none can backtrack catastrophically.
"""

from __future__ import annotations

import calendar
import re

from factcheck.citations.model import Author, ReferenceEntry
from factcheck.text.dates import MONTHS

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
APA_DATE = re.compile(rf"\(\s?(?P<y>{YEAR})(?P<suf>[a-z])?(?:\s?,\s?(?P<rest>[^()]{{1,40}}?))?\s?\)"
                      r"|\(\s?(?P<nd>[nN]\.\s?d\.)\s?\)")
CHICAGO_DATE = re.compile(rf"(?<=\.)\s(?P<y>{YEAR})(?P<suf>[a-z])?\.(?=\s|$)|(?<=\.)\s(?P<nd>n\.\s?d\.)(?=\s|$)")
_VANC_DATE = re.compile(rf"\b(?P<y>{YEAR})(?:\s(?P<mon>[A-Z][a-z]{{2}})(?:\s(?P<d>\d{{1,2}}))?)?\s?;"
                        rf"|\.\s(?P<y2>{YEAR})\.(?:\s|$)")
ANY_YEAR = re.compile(rf"\b(?P<y>{YEAR})(?P<suf>[a-z])?\b|\b(?P<nd>n\.\s?d\.)")
# Malformed schemes ("https//", "http:/") are kept as URLs so that REF002 can report them.
_URL = re.compile(r"\b(?:https?:?/{1,3}|ftp:?/{1,3}|www\.)[^\s<>]+", re.IGNORECASE)
DOI = re.compile(r"\b10\.\d{4,9}/[^\s<>\"]+")
_DOI_LABEL = re.compile(r"\bdoi:\s?(?=10\.)", re.IGNORECASE)
_INITIALS = re.compile(r"[A-Z][a-z]?\.(?:\s?-?\s?[A-Z][a-z]?\.){0,3}")
_IEEE_NAME = re.compile(r"(?:[A-Z][a-z]?\.\s?-?){1,3}\s?[A-Z][\w'’ -]{0,40}")
_NAME_INITIALS = re.compile(r"(?:,?\s?(?:&|and)\s|,\s?)?[A-Z][\w'’ -]{0,60}?\s?,\s?"
                            r"[A-Z][a-z]?\.(?:\s?-?\s?[A-Z][a-z]?\.){0,3}")
_LEADING_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.\s?-?){1,3}")
_VANC_NAME = re.compile(r"[A-Z][\w'’ -]{0,40}? [A-Z]{1,3}")
_ET_AL = re.compile(r",?\s?\bet\.? al\b\.?", re.IGNORECASE)
_AND = re.compile(r",?\s(?:&|and)\s")
_SPACE_COMMA = re.compile(r"\s+,")
_VOLUME = re.compile(r"(?:,\s?|\s)(?:vol\.?\s?|volume\s)?\d+\s?\(|,\s?(?:pp?\.\s?)?\d+\s?[-–]\s?\d+"
                     r"|,\s?\d+\s?$|\s\d+\s?:\s?\d+|,\s?(?:vol|no)\.\s?\d", re.IGNORECASE)
SURNAME_COMMA_INITIAL = re.compile(r"[A-Z][\w'’-]*\s?,\s?[A-Z]\.")
_NAME_BEFORE_QUOTE = re.compile(r"[A-Z][\w'’.-]+\s[A-Z][\w'’.-]+$")
_STOP = re.compile(r"[.?!](?= |$)")
_NAME_SPLIT = re.compile(r"[\s.\-]+")
_LEAD_LOCATOR = re.compile(r"\b(?:Retrieved from|Available (?:at|from)|Accessed)\b:?")
_QUOTE_OPEN = re.compile(r"(?:^|(?<=[ *,(]))[“\"](?=\S)")
_ABBREVIATIONS = {"vol", "no", "nos", "pp", "p", "ed", "eds", "dr", "mr", "mrs", "ms", "st", "vs", "inc", "ltd",
                  "co", "jr", "sr", "al", "rev", "trans", "dept", "univ", "op", "cit", "ch", "fig", "n"}
_FUNCTION_WORDS = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&"}
_OPEN_QUOTES = "“\""
_CLOSERS = {"“": "”", "\"": "\"", "*": "*", "_": "_"}


def parse_entry(entry_text: str) -> dict:
    """The fields of one entry (authors, year, date, title, container, url, doi, problems, style)."""
    norm = " ".join(entry_text.split())
    doi_match = DOI.search(norm) if "10." in norm else None
    doi = doi_match.group().rstrip(".,;)>") if doi_match else None
    url = next((u for u in (m.group().rstrip(".,;)>") for m in _URL.finditer(norm)) if not (doi and doi in u)),
               None) if has_url(norm) else None
    style, authors, et_al, year, date, rest, date_end = _split_head(norm)
    title, container, problems = _title_container(rest)
    problems = _run_together(norm, date_end, rest, title) + problems
    for name, value in (("author", authors), ("year or date", year), ("title", title)):
        if not value:
            problems.insert(0, f"no {name}")
    return {"authors": tuple(authors), "et_al": et_al, "year": year, "date": date, "title": title,
            "container": container, "url": url, "doi": doi, "problems": tuple(dict.fromkeys(problems)),
            "style": style}


def has_url(s: str) -> bool:
    low = s.lower()
    return "http" in low or "www." in low or "ftp" in low


def _split_head(norm: str) -> tuple[str, list[Author], bool, str | None, str | None, str, int]:
    """Style, authors, et al., year, ISO date, the text after the date (or authors), date end."""
    m = APA_DATE.search(norm, 0, 400)
    if m and m.start() <= 300:
        authors, et_al = _apa_names(norm[:m.start()])
        year, date = _paren_date(m)
        return "apa", authors, et_al, year, date, norm[m.end():].lstrip(" .,"), m.end()
    vanc_stop = norm.find(". ") + 1
    if vanc_stop and vancouver_authors(norm[:vanc_stop]):
        authors, et_al = _vancouver_names(norm[:vanc_stop - 1])
        rest = norm[vanc_stop:].strip()
        v = _VANC_DATE.search(rest)
        if not v:
            return "vancouver", authors, et_al, None, None, rest, vanc_stop
        year = v.group("y") or v.group("y2")
        date = _iso(year, v.group("mon"), v.group("d")) if v.group("y") else year
        return "vancouver", authors, et_al, year, date, rest[:v.start()].rstrip(" ."), vanc_stop
    ys = list(ANY_YEAR.finditer(norm))
    year = ("n.d." if ys[0].group("nd") else ys[0].group("y") + (ys[0].group("suf") or "")) if ys else None
    quote = min((q for q in (norm.find("“", 0, 250), norm.find('"', 0, 250)) if q > 0), default=-1)
    ieee = [p.strip() for p in _AND.sub(", ", norm[:quote]).split(",") if p.strip()] if quote > 0 else []
    if ieee and all(_IEEE_NAME.fullmatch(p) for p in ieee):  # 'A. Smith and B. Li, "Title," Journal, 2019.'
        year = ys[-1].group("y") if ys and ys[-1].group("y") else year
        authors = [Author(surname=p[m.end():].strip(), initials=_letters(p[:m.end()]))
                   for p in ieee if (m := _LEADING_INITIALS.match(p))]
        return "ieee", authors, False, year, year, norm[quote:], quote
    c = CHICAGO_DATE.search(norm, 0, 400)
    if c and c.start() <= 300:
        authors, et_al = _chicago_names(norm[:c.start()].rstrip(" ."))
        year = "n.d." if c.group("nd") else c.group("y") + (c.group("suf") or "")
        return "chicago", authors, et_al, year, None if c.group("nd") else c.group("y"), norm[c.end():].strip(), c.end()
    # Anything else: authors up to the first full stop when they read as names, a year anywhere.
    date = year if year and year[:4].isdigit() else None
    end = 0
    while m := _NAME_INITIALS.match(norm, end):  # "Quill, M., & Rask, T." without a date after it
        end = m.end()
    if end:
        authors, et_al = _apa_names(norm[:end])
        return "other", authors, et_al, year, date, norm[end:].strip(" ."), 0
    stop = _sentence_end(norm)
    head = norm[:stop].rstrip(".") if stop and stop < len(norm) else ""
    words = [w for w in head.split() if w.lower() not in _FUNCTION_WORDS]
    if words and len(words) <= 6 and all(w[0].isupper() for w in words) and not ANY_YEAR.search(head):
        return "other", [Author(surname=head, corporate=True)], False, year, date, norm[stop:].strip(), 0
    return "other", [], False, year, date, norm, 0


def _sentence_end(s: str, start: int = 0) -> int | None:
    """Index just after the first full stop (or ? !) that ends a sentence, not an initial or abbreviation."""
    for m in _STOP.finditer(s, start):
        j = m.start()
        if j + 1 == len(s) or s[j] != "." or not (
                _is_abbreviation(s[s.rfind(" ", 0, j) + 1:j]) or s[j + 2:j + 3].islower()):
            return j + 1
    return None


def _is_abbreviation(token: str) -> bool:
    core = token.strip("(“\"'*")
    return (len(core) == 1 and core.isupper()) or "." in core or core.lower() in _ABBREVIATIONS


def _paren_date(m: re.Match[str]) -> tuple[str, str | None]:
    """Year and ISO date from "(2020, 03 30)", "(2026, March 10)", "(2023, May)", "(2019a)", "(n.d.)"."""
    if m.group("nd"):
        return "n.d.", None
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


def _apa_names(s: str) -> tuple[list[Author], bool]:
    """"Tariq, M., Khan , A., & Khan , B." and "Smith, J. and Jones, K."; no initials: corporate."""
    s = (_SPACE_COMMA.sub(",", s) if " ," in s else s).strip().rstrip(",")
    et_al = "et" in s and bool(_ET_AL.search(s))
    if et_al:
        s = _ET_AL.sub("", s)
    s = (_AND.sub(", ", s) if "&" in s or " and " in s else s).strip(" ,")
    pieces = [(p.strip(), bool(_INITIALS.fullmatch(p.strip()))) for p in s.split(",") if p.strip()]
    if not pieces:
        return [], et_al
    if not any(initials for _, initials in pieces):
        if len(pieces) == 1 or len(s.split()) >= 3 * len(pieces):
            return [Author(surname=s.rstrip(". "), corporate=True)], et_al
    names: list[list[str]] = []
    for p, initials in pieces:
        if initials and names and not names[-1][1]:
            names[-1][1] = _letters(p)
        else:
            names.append([p.rstrip(". "), ""])
    return [Author(surname=surname, initials=initials) for surname, initials in names], et_al


def _chicago_names(s: str) -> tuple[list[Author], bool]:
    """"Smith, John, and Kate Jones": the first author inverted, the others in reading order."""
    s = _SPACE_COMMA.sub(",", s).strip()
    et_al = bool(_ET_AL.search(s))
    s = _ET_AL.sub("", s).strip(" ,")
    parts = [p.strip(" ,") for p in _AND.split(s) if p.strip(" ,")]
    if not parts:
        return [], et_al
    first = [p.strip() for p in parts[0].split(",") if p.strip()]
    if len(first) == 1 and len(parts) == 1:
        if _INITIALS.search(s) or len(s.split()) != 2:
            return [Author(surname=s.rstrip("."), corporate=not _INITIALS.search(s))], et_al
    authors = [Author(surname=first[0], given=first[1] if len(first) > 1 else None,
                      initials=_letters(first[1]) if len(first) > 1 else "")]
    for name in first[2:] + parts[1:]:
        words = name.split()
        cut = len(words) - 1
        while cut > 0 and words[cut - 1][:1].islower():  # "Ludwig van Beethoven"
            cut -= 1
        given = " ".join(words[:cut]) or None
        authors.append(Author(surname=" ".join(words[cut:]), given=given, initials=_letters(given or "")))
    return authors, et_al


def vancouver_authors(head: str) -> bool:
    """"Smith J, Jones KL, et al": every piece a surname and capital initials without dots."""
    pieces = [p.strip() for p in head.rstrip(".").split(",")]
    pieces = [p for p in pieces if not _ET_AL.fullmatch(" " + p)]
    return bool(pieces) and all(_VANC_NAME.fullmatch(p) for p in pieces)


def _vancouver_names(s: str) -> tuple[list[Author], bool]:
    pieces = [p.split() for p in _ET_AL.sub("", s).split(",")]
    return [Author(surname=" ".join(w[:-1]), initials=w[-1]) for w in pieces if len(w) >= 2], bool(_ET_AL.search(s))


def _letters(s: str) -> str:
    """Initials as capitals only: "M. P." -> "MP", "J.-P." -> "JP", "Kate Anne" -> "KA"."""
    return "".join(w[0] for w in _NAME_SPLIT.split(s) if w and w[0].isupper())


def _title_container(rest: str) -> tuple[str | None, str | None, list[str]]:
    """Title (quoted, *italic* or up to the first full stop) and the container after it."""
    if has_url(rest):
        rest = _LEAD_LOCATOR.sub("", _URL.sub("", rest)).replace("<>", "")
    if "10." in rest:
        rest = DOI.sub("", _DOI_LABEL.sub("", rest))
    rest = rest.strip()
    if not rest:
        return None, None, []
    closer = _CLOSERS.get(rest[0])
    close = rest.find(closer, 1) if closer else -1
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
    problems = []
    volume = _VOLUME.search(" " + container)
    if volume:
        container = (" " + container)[:volume.start()].strip(" .,:;")
        if not container:
            problems.append("volume or issue but no journal or publisher")
    return title, container or None, problems


def _run_together(norm: str, date_end: int, rest: str, title: str | None) -> list[str]:
    """Signs that the entry holds two works: a second author-date, a second quoted title, a stray quote."""
    problems = []
    for m in APA_DATE.finditer(norm, date_end) if "(" in norm[date_end:] else ():
        window = norm[max(date_end, m.start() - 80):m.start()]
        if SURNAME_COMMA_INITIAL.search(window):
            problems.append(f"two works run together: a second author and date ('{window.strip()[-40:]}{m.group()}')")
            break
    title_at = rest.find(title) + len(title) if title and title in rest else 0
    for q in _QUOTE_OPEN.finditer(rest, title_at + 2):
        before = rest[max(0, q.start() - 60):q.start()].replace("*", "").replace("_", " ").rstrip(" ,:")
        name = _NAME_BEFORE_QUOTE.search(before)
        if name:
            problems.append(f"two works run together: a second title in quotes after another name ('{name.group()}')")
            break
    if norm.count("“") != norm.count("”") or norm.count("\"") % 2:
        problems.append("an unbalanced quotation mark")
    return problems


def entry_head(entry: ReferenceEntry) -> tuple[int, int]:
    """The entry's author-and-date head ("Threkled, E., & Easterly, G. (2021)"), else its start."""
    text = entry.text
    close = text.find(")", 0, 120)
    if text.find("(", 0, 120) != -1 and close != -1:
        return entry.start, entry.start + close + 1
    cut = text.rfind(" ", 0, 80)
    return entry.start, entry.start + (cut if len(text) > 80 and cut > 0 else len(text))
