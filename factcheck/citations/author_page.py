"""Author-page citations (MLA 9): "(Smith 23)", "(Smith and Lee 45–47)", "(Smith, “Short Title” 12)",
"(Bezanson et al.)", "(Fraux, Cersonsky, et al.; Kloss)", "(“Short Title” 4)", and narrative
names in running text: "Moore et al.", "Connerney, Acuna, et al. (“The Magnetic Field of Uranus”)".

MLA citations carry no year, so words in parentheses are a citation only when their first name
is a name of the reference list (``NameIndex``: fuzzily, so that a misspelt citation is still
found and CIT003 can report it), or their quoted title is an entry's title, or their shape is a
citation's own ("(Smith et al.)", "(Smith and Lee)", "(Smith 23)": ``validated`` False, kept in a
document whose other citations are author-page ones, so that a missing entry is reported). A narrative citation
in running text is a name list that ends in "et al." or pairs two names ("Smith and Lee"), never
a lone surname: a bare name is as often the subject of a sentence as a citation of a work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.citations.author_date import MAX_CONTENTS, parentheses
from factcheck.citations.cited_names import CitedNames, parse_names
from factcheck.citations.name_index import NameIndex
from factcheck.citations.pandoc import split_parts
from factcheck.text.lazy_regex import regex

_BLANKS = str.maketrans({"*": " ", "_": " ", "\n": " ", "\r": " ", "\u00a0": " "})
_LOCATOR = r"(?:(?:pp?|pars?|paras?|chs?|secs?|ll?|qtd\.\s+in)\.?\s?)?\d{1,5}(?:\s?[-–]\s?\d{1,5})?"
_PART = regex(rf"^\s*(?:(?:see\s+also|see|cf\.|e\.\s?g\.,?|qtd\.\s+in)\s+)?"
              rf"(?P<names>[^“”\";]{{1,200}}?)?"
              rf"(?:,?\s*(?P<title>[“\"][^“”\"]{{1,200}}[”\"]))?"
              rf"(?:,?\s+(?P<loc>{_LOCATOR}))?\s*$", re.IGNORECASE)
# A name's words are possessive ("*+"): what may follow a word is a space, a comma or the end, never
# a character of the word, so giving characters back could never make a match. Its particles are
# too: a particle given back to be read as the name itself ("de et al.") is no name, and retrying
# each of a run of "van van van ..." was quadratic.
_PARTICLES = ("van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le")
_NAME = (rf"(?:(?:{'|'.join(_PARTICLES)})\s)*+"
         r"[^\W\d_][\w’'-]*+(?:\s[A-Z][\w’'-]*+){0,5}")
_NAME_WORD = regex(r"[^\W\d_]")
_ABBREVIATION = r"(?:\s\([A-Z][A-Z0-9 &-]{1,24}\))?"
# A name starts where its run of word characters, apostrophes and hyphens starts, or after one mark
# opening the run ("_Smith et al._", "’Smith"): trying a name from every character of a long run
# was quadratic, and ``narrative`` dropped the matches after a letter or digit anyway.
# Nor right after a particle: the name was tried from the particle, whose reading takes in all that
# follows it (so "van van van ..." is read once, not once from each).
_WORD_START = (r"(?:(?<![\w’'-])|(?<=[_’'-])(?<![\w’'-][_’'-]))"
               + "".join(rf"(?<!\b{particle}\s)" for particle in _PARTICLES))
_NARRATIVE_ET_AL = regex(rf"(?P<names>{_WORD_START}{_NAME}{_ABBREVIATION}(?:,\s{_NAME}){{0,3}}),?\set\s+al\.")
_NARRATIVE_PAIR = regex(rf"(?P<names>{_WORD_START}{_NAME},?\s(?:and|&)\s{_NAME})(?![\w-])")
# What each narrative pattern cannot match without: a block lacking it is not searched (the
# patterns try a name at every word of a block, the most costly search of a plain text).
_HINTS = {_NARRATIVE_ET_AL: regex(r"\set\s+al\."), _NARRATIVE_PAIR: regex(r"\s(?:and|&)\s")}
_CITATION_AFTER = regex(r"\s?\((?!“|\")[^()\n]{2,200}\)")
_TITLE_AFTER = regex(r"\s?\((?P<title>[“\"][^“”\"\n]{1,200}[”\"])\)")
FIRST_NAME_MIN = 80.0  # as close as a name must be to the list's to be read as a citation
TITLE_MIN = 90.0


def _repeats_word_before(text: str, offset: int, name: str) -> bool:
    """"Tollkit (Tollkit)": the name just written, repeated in parentheses, cites a work by that name
    (software, an organisation), never defines an abbreviation; "(Python)" alone stays prose."""
    before = text[max(0, offset - 1 - len(name) - 2):max(0, offset - 1)].rstrip()
    return before.casefold().endswith(name.casefold()) and not before[-len(name) - 1:-len(name)].isalnum()


def _title_text(raw: str | None) -> str | None:
    return raw.strip("“”\" ,.") if raw else None


def parenthetical(text: str, start: int, end: int, names: NameIndex) -> Iterator[dict]:
    """"(Smith 23)", "(Smith, “Title” 12)", "(Bezanson et al.; Kloss)": each part whose names or title
    belong to the reference list."""
    read: dict[str, list[tuple]] = {}  # content (blanked) -> its parts (``_cited_parts``)
    for offset, close in parentheses(text, start, end):
        clean = text[offset:close].translate(_BLANKS)
        parts = read.get(clean)
        if parts is None:
            parts = _cited_parts(clean, names)
            if len(read) < MAX_CONTENTS:  # each content read once, up to this many
                read[clean] = parts
        for s, e, repeated, authors, et_al, locator, title, validated in parts:
            if repeated is not None and not _repeats_word_before(text, offset, repeated):
                continue
            s += offset
            e += offset
            yield dict(style="author-year", kind="parenthetical", start=s, end=e, text=text[s:e], authors=authors,
                       et_al=et_al, year=None, locator=locator, title=title, validated=validated)


def _cited_parts(clean: str, names: NameIndex) -> list[tuple]:
    """The citations of one parenthesis's content (blanked), the same wherever it stands: (start, end
    from the content's start, the name that must be written just before the parenthesis for the
    part to count (else None), authors, et al., locator, title, validated)."""
    found = []
    for part_start, part in split_parts(clean):
        m = _PART.match(part)
        if not m or not (m.group("names") or m.group("title")):
            continue
        raw_names, title = _names_and_title(m.group("names") or "", _title_text(m.group("title")))
        cited = parse_names(raw_names) if raw_names.strip(" ,") else None
        if cited is None and raw_names.strip() and names.known(raw_names.strip()):
            cited = CitedNames(authors=(raw_names.strip(),))  # a name as the list writes it ("xarray")
        validated = True
        repeated = None
        if cited is not None:
            if names.score(cited.authors[0]) < FIRST_NAME_MIN:
                # Not a name of the list: still a citation (of a missing entry) when its shape
                # says so, "(Smith et al.)", "(Smith and Lee)", "(Smith 23)"; not "(Python)" unless
                # it repeats the word before the parenthesis (``_repeats_word_before``).
                if title or any(len(a.split()) > 3 for a in cited.authors):
                    continue
                if not (cited.et_al or len(cited.authors) == 2 or m.group("loc")):
                    repeated = cited.authors[0]
                validated = False
            authors, et_al = cited.authors, cited.et_al
        elif raw_names.strip(" ,"):
            continue
        elif title and names.title_score(title) >= TITLE_MIN:
            authors, et_al = (title,), False  # a work with no author, cited by its title
        else:
            continue
        lead = m.start("names") if m.group("names") else m.start("title")
        s = part_start + lead + (len(part[lead:]) - len(part[lead:].lstrip()))
        # the page ("23") is kept in ``locator``, not in the citation's text
        stop = m.start("loc") if m.group("loc") else len(part.rstrip())
        e = part_start + len(part[:stop].rstrip(" ,"))
        found.append((s, e, repeated, authors, et_al, m.group("loc"), title, validated))
    return found


def narrative(text: str, start: int, end: int, names: NameIndex) -> Iterator[dict]:
    """"Moore et al.", "Connerney, Acuna, et al. (“Title”)", "Karrasch and Schilling" in running text."""
    for pattern in (_NARRATIVE_ET_AL, _NARRATIVE_PAIR):
        if _HINTS[pattern].search(text, start, end) is None:
            continue
        for m in pattern.finditer(text, start, end):
            before = text[max(start, m.start() - 2):m.start()]
            if before[-1:].isalnum() or before.rstrip()[-1:] in ("(", ";") and _inside_round(text, start, m.start()):
                continue  # inside a word, or a parenthetical citation (read above)
            cited = parse_names(m.group("names") + (" et al." if pattern is _NARRATIVE_ET_AL else ""))
            cited = cited or _trimmed(m.group("names"), pattern is _NARRATIVE_ET_AL)
            if cited is None or names.score(cited.authors[0]) < FIRST_NAME_MIN:
                continue
            if pattern is _NARRATIVE_PAIR and not names.known(cited.authors[0]):
                continue  # two capitalised words joined by "and" are a citation only when exactly named
            s = m.start("names") + m.group("names").find(cited.authors[0].split()[0])
            e = m.end()
            title = None
            after = _TITLE_AFTER.match(text, e)
            if after:
                title, e = _title_text(after.group("title")), after.end()
            elif _CITATION_AFTER.match(text, e):
                continue  # "Heussen et al. (Heussen et al.)": the names typed before a citation of them
            yield dict(style="author-year", kind="narrative", start=s, end=e, text=text[s:e], authors=cited.authors,
                       et_al=cited.et_al, year=None, narrative=True, title=title)


_ET_AL_END = regex(r"\bet\s+al\.?")
_PAIR = regex(r"^[^,]+?\s(?:and|&)\s[^,]+")


def _names_and_title(raw: str, title: str | None) -> tuple[str, str | None]:
    """MLA names are "A", "A and B", "A et al." or "A, B, et al."; what follows them after a comma
    is a short title, quoted or not ("Pfenninger and Pickering, Calliope")."""
    if title is not None:
        return raw, title
    et_al = _ET_AL_END.search(raw)
    cut = et_al.end() if et_al else (_PAIR.match(raw).end() if _PAIR.match(raw) else raw.find(","))
    if cut <= 0 or not raw[cut:].strip(" ,"):
        return raw, None
    rest = raw[cut:]
    if not rest.lstrip().startswith(","):
        return raw, None
    return raw[:cut], rest.strip(" ,") or None


def _inside_round(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` is inside an open round parenthesis (not a square bracket) on its line."""
    depth_round = depth_square = 0
    for ch in reversed(text[max(lo, pos - 300):pos]):
        if ch == "\n":
            break
        if ch == ")":
            depth_round -= 1
        elif ch == "]":
            depth_square -= 1
        elif ch == "(":
            depth_round += 1
            if depth_round > 0:
                return True
        elif ch == "[":
            depth_square += 1
            if depth_square > 0:
                return False
    return False


def _trimmed(raw: str, et_al: bool):
    """The names without leading words that are not names ("Figure 1h of Moore" -> "Moore")."""
    words = raw.split()
    for k in range(1, len(words)):
        cited = parse_names(" ".join(words[k:]) + (" et al." if et_al else ""))
        if cited is not None:
            return cited
    return None
