"""The author part of a reference entry: where it ends, and the names in it.

Name lists come in five conventions, told apart by their shape:

| convention | example | styles |
| --- | --- | --- |
| inverted, initials | "Birrer, S., Amara, A. & Refregier, A." / "Wong, K. C. et al." | APA, Harvard, Nature, Elsevier |
| first inverted, then natural | "Constantinou, N. C., and G. L. Wagner" / "Bezanson, Jeff, et al." | Chicago, MLA, Turabian |
| natural, initials first | "S. Birrer, A. Amara, and A. Refregier" / "K. C. Wong et al." | IEEE, ACS |
| surname and bare initials | "Fraux G, Cersonsky RK, Ceriotti M" | Vancouver, AMA |
| corporate or none | "Met Office" / "The Nextstrain Team" / "xarray" | all |

Where the authors end: before an APA date "(2019)"; after the last name of an IEEE or
Vancouver list (read greedily, name by name); at "et al."; else at the first full stop that
ends a sentence rather than an initial ("N. C.") or an abbreviation. A repeated-author dash
("———." / "---," in Chicago and MLA) stands for the previous entry's authors. Names are kept
as written: "J. O. Ramsay" cited as "Ramsay" is linked by ``factcheck.citations.resolve``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.citations.model import Author
from factcheck.model import quick_init
from factcheck.text.lazy_regex import regex

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
               r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
# The date after the authors: APA "(2019a)", "(2020, March 10)"; and the full dates other styles
# put there (Wikipedia's CS1, Chicago news entries): "(September 21, 2016)", "(14 March 2012)",
# "(July 1996)", "(2011-02-02)". Month names are spelled out so "(Smith 2019)" is not a date.
APA_DATE = regex(rf"\(\s?(?P<y>{YEAR})(?P<suf>[a-z])?(?:\s?[-–]\s?{YEAR})?(?:\s?,\s?(?P<rest>[^()]{{1,40}}?))?\s?\)"
                 r"|\(\s?(?P<nd>[nN]\.\s?[dD]\.|no date|in press|forthcoming)\s?\)"
                 rf"|\(\s?(?P<lead>(?:{_MONTH_NAME}\s\d{{1,2}},\s|\d{{1,2}}\s{_MONTH_NAME}\s|{_MONTH_NAME}\s))"
                 rf"(?P<ly>{YEAR})\s?\)"
                 rf"|\(\s?(?P<iy>{YEAR})-(?P<im>[01]\d)(?:-(?P<id>[0-3]\d))?\s?\)")
_UP = r"[^\W\d_a-z]"  # an upper-case letter, any script
_PARTICLE = r"(?:van|von|de|der|den|da|das|dos|del|della|di|du|la|le|ter|ten|y|bin|ibn|al|el|zu|vom|d’|d')"
_SURNAME = (rf"(?:{_PARTICLE}\s)*{_UP}[\w’'-]*(?:\s(?:{_PARTICLE}\s)*{_UP}[\w’'-]*)??"
            rf"(?:\s{_PARTICLE}\s{_UP}[\w’'-]*)?")
_INITIAL = rf"{_UP}[a-z]?\.(?:\s?-\s?{_UP}\.)?"
# Vancouver's bare initials: "JD", "C-M" (a hyphenated given name, "Chi-Man")
_BARE = rf"(?:{_UP}{{1,2}}-{_UP}{{1,2}}|{_UP}{{1,4}})"
_NATURAL = rf"(?:{_INITIAL}\s?){{1,4}}\s?{_SURNAME}(?:,?\s(?:Jr|Sr)\.|\s(?:II|III|IV))?"
_IEEE_LIST = regex(rf"(?P<names>{_NATURAL}(?:(?:,\s(?:and\s)?|\s(?:and|&)\s){_NATURAL}){{0,60}})"
                   rf"(?P<etal>,?\set\.?\sal\.?)?(?=,\s|:\s)")
_INITIALS_DOTTED = rf"(?:{_UP}[a-z]?\.\s?-?\s?){{1,4}}"
# "Birrer, S., Amara, A. & Refregier, A." followed by the title, the date or "et al."
_INVERTED_LIST = regex(rf"(?P<names>{_SURNAME},\s{_INITIALS_DOTTED}(?:\s{_PARTICLE})?"
                       rf"(?:(?:,\s(?:&\s|and\s)?|\s(?:&|and)\s){_SURNAME},\s{_INITIALS_DOTTED}(?:\s{_PARTICLE})?)"
                       rf"{{0,60}})(?P<etal>,?\s?et\.?\sal\.)?(?=\s(?!{_UP}[a-z]?\.[\s,-])(?![^\s,]+,)(?!{_PARTICLE}[.,\s])|$)")
# One author, inverted, whose given names end in an initial: "Keeton, C. R." / "Khurana, Krishan K."
_ONE_INVERTED = regex(rf"{_SURNAME},\s(?:{_UP}[\w’'-]+\s)*(?:{_UP}[a-z]?\.\s?-?\s?){{1,4}}$")
_BODY_THEN_TITLE = regex(rf"({_UP}[\w’'&.-]*(?:\s[\w’'&.-]+){{0,5}}),\s")
_AN_INITIAL = regex(rf"{_UP}[a-z]?\.")
_OPEN_INITIAL = regex(rf"(?:^|[.\s-]){_UP}$")
# "Blaskovits, J. Terence, Ruben …" (a given name, then more names), "Price, P. S. AND Arkin": not the end
_NAME_GOES_ON = regex(r"[^\s,.]+,|(?:and|AND|&)\s")
# How an entry's first author opens it, in each convention (for lists whose entries a reader
# split over several paragraphs: a paragraph opening so starts an entry).
_OPENINGS = (
    ("inverted", regex(rf"{_SURNAME},\s(?:{_UP}[\w’'-]+[,.\s]|{_UP}[a-z]?\.)")),
    ("natural", regex(rf"(?:{_UP}[a-z]?\.\s?-?\s?){{1,3}}{_SURNAME}(?:,\s|\sand\s|\set\sal\.)")),
    ("vancouver", regex(rf"{_SURNAME}\s{_BARE}[,.:]")),
)


def opening(head: str) -> str | None:
    """The convention of the author list ``head`` opens with ("inverted", "natural",
    "vancouver"), else None (a body, a title, or the middle of an entry)."""
    for name, pattern in _OPENINGS:
        if pattern.match(head):
            return name
    return None
_CHICAGO_YEAR = regex(rf"(?<=\.)\s{YEAR}[a-z]?(?:\s?[-–]\s?{YEAR})?\.(?=\s|$)|(?<=\.)\s[nN]\.\s?d\.(?=\s|$)")
_VANC_ONE = rf"{_SURNAME}\s{_BARE}"
# "Pulsinelli Wa, Brierley JB": initials mis-cased by the source, read so only before a regular name
_VANC_NAME = rf"{_SURNAME}\s(?:{_BARE}|{_UP}[a-z](?=,\s{_VANC_ONE}[,.]))"
# "Li D, Liu C-M, Luo R et al." (OUP writes "et al." without a comma, and may go on "; Consortium");
# "Wilke CO, cowplot: ...; 2016." (R's citation of a package: after the names a comma, then the title);
# "Idury RM, Waterman MS: A new algorithm" (BioMed Central: a colon after the names)
_VANC_LIST = regex(rf"(?P<names>{_VANC_NAME}(?:,\s{_VANC_NAME}){{0,60}})(?P<etal>,?\set\sal)?"
                   rf"(?:\.;?(?:\s|$)|:(?=\s|$)|(?=,\s)(?!,\s{_VANC_NAME}[,.;:\s]))")
_ET_AL = regex(r",?\s?\bet\.?\s?al\b\.?", re.IGNORECASE)
_DASHES = regex(r"^(?:[—―–]{1,}|-{2,}|_{2,})\s?\.?\s?,?\s?")
# "(?<!\s)": spaces before "and" are taken from where their run starts (the same splits; a plain
# "\s+" rescanned a long run of spaces from each of its positions, quadratic).
_SEP = regex(r",\s*(?:and|&)\s+|(?<!\s)\s+(?:and|AND|&)\s+|,\s*")
_INITIALS = regex(rf"^(?:{_UP}[a-z]?\.?\s?-?\s?){{1,4}}$")
_DOTTED_INITIALS = regex(rf"^(?:{_UP}[a-z]?\.\s?-?\s?){{1,4}}$")
_BARE_INITIALS = regex(rf"^{_BARE}$")
_NATURAL_NAME = regex(rf"^(?:{_INITIAL}\s?){{1,4}}\s?\S")
_SUFFIX = regex(r"^(?:Jr|Sr)\.?$|^(?:II|III|IV)$")
_STOP = regex(r"[.?!](?=\s|$)")
_NAME_SPLIT = regex(r"[\s.\-]+")
_QUOTES = "“\"‘'*_"
# Compiled once: ``re.fullmatch(pattern, word)`` looks the pattern up in re's cache at each call,
# and these run for every name of every entry.
_PARTICLE_WORD = regex(_PARTICLE)
_INITIAL_WORD = regex(rf"{_UP}[a-z]?\.?")
_NAME_SUFFIX_END = regex(r",?\s(?:Jr|Sr)\.$|\s(?:II|III|IV)$")
# Words after which a full stop does not end the author part.
_ABBREVIATIONS = {"jr", "sr", "al", "st", "dr", "mr", "mrs", "ms", "eds", "ed", "hrsg", "comp", "trans"}
_MAX_HEAD = 400


@quick_init
@dataclass(frozen=True, slots=True)
class AuthorPart:
    """The entry's authors, whether the list ends in "et al.", where the author part ends in the
    (whitespace-collapsed) entry, whether a dash stands for the previous entry's authors, and
    which convention the names follow ("inverted", "mixed", "natural", "vancouver", "semicolon", "corporate",
    "none")."""

    authors: tuple[Author, ...]
    et_al: bool
    end: int
    repeated: bool = False
    convention: str = "none"


def letters(s: str) -> str:
    """Initials as capitals only: "M. P." -> "MP", "J.-P." -> "JP", "Kate Anne" -> "KA"."""
    return "".join(w[0] for w in _NAME_SPLIT.split(s) if w and w[0].isupper())


_LIST_SHAPES = ((_INVERTED_LIST, False), (_IEEE_LIST, False), (_VANC_LIST, True))  # (pattern, Vancouver)


def author_part(norm: str) -> AuthorPart:
    """The authors at the start of a whitespace-collapsed entry."""
    dash = _DASHES.match(norm)
    if dash:
        offset = dash.end()
        et_al = _ET_AL.match(norm, offset)
        if et_al:
            offset = et_al.end()
        offset += len(norm[offset:]) - len(norm[offset:].lstrip(" .,"))
        return AuthorPart(authors=(), et_al=bool(et_al), end=offset, repeated=True)
    if norm[:1] in _QUOTES:
        return AuthorPart(authors=(), et_al=False, end=0)
    # Every list shape opens with a letter (a particle, an initial, a surname): an entry that
    # does not ("# References", a number) is not tried against them (their patterns are the
    # largest of the package, compiled on first use).
    for pattern, vancouver in _LIST_SHAPES if norm[:1].isalnum() else ():
        m = pattern.match(norm)
        if m:
            authors, et_al, convention = parse_names(m.group("names") + (m.group("etal") or ""), vancouver)
            return AuthorPart(authors=authors, et_al=et_al, end=m.end(), convention=convention)
    # Where a quoted title starts and a full stop ends the names: needed only when no list shape matched.
    quote = _first_quote(norm)
    end = head_end(norm, quote)
    apa = APA_DATE.search(norm, 0, _MAX_HEAD)
    if apa and (quote < 0 or apa.start() < quote) and apa.start() <= end + 2:
        head = norm[:apa.start()].rstrip()
        authors, et_al, convention = parse_names(head)
        if convention == "corporate" and _reads_as_title(head):
            return AuthorPart(authors=(), et_al=False, end=0)
        return AuthorPart(authors=authors, et_al=et_al, end=apa.start(), convention=convention)
    if apa and not end and (quote < 0 or apa.start() < quote):
        # No full stop before the date ("Matthew Jones; Joan Ormrod (2015), Title, Publisher"):
        # the names before it are the authors when they read as people.
        authors, et_al, convention = parse_names(norm[:apa.start()].rstrip())
        if authors and convention != "corporate":
            return AuthorPart(authors=authors, et_al=et_al, end=apa.start(), convention=convention)
    chicago = _CHICAGO_YEAR.search(norm, 0, end + 1)
    if chicago:
        end = chicago.start()
    head = norm[:end].rstrip(" .,")
    if not head or len(head) > 300:
        return AuthorPart(authors=(), et_al=False, end=0)
    authors, et_al, convention = parse_names(head)
    if convention == "corporate" and (_reads_as_title(head) or 0 <= quote < end):
        body = _BODY_THEN_TITLE.match(head)
        if body and not _reads_as_title(body.group(1)) and _reads_as_title(head[body.end():]):
            # IEEE's "Pandas Development Team, Pandas-dev/pandas: pandas.": a body, then the title
            return AuthorPart(authors=(Author(surname=body.group(1), corporate=True),), et_al=False,
                              end=body.end(), convention="corporate")
        return AuthorPart(authors=(), et_al=False, end=0)
    return AuthorPart(authors=authors, et_al=et_al, end=end, convention=convention)


def _first_quote(norm: str) -> int:
    hits = [i for i in (norm.find("“", 0, _MAX_HEAD), norm.find(" \"", 0, _MAX_HEAD), norm.find(" ‘", 0, _MAX_HEAD))
            if i >= 0]
    return min(hits) if hits else -1


_FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "at", "de", "du", "des", "la", "le", "van", "von", "der",
                   "y", "e", "et", "al", "al.", "&"}


def _reads_as_title(head: str) -> bool:
    """An author-less entry opens with its title: a colon or question mark, lowercase words
    other than a name's ("Ministry of Water and Sanitation" is a body, "Standards for open
    data" a title), or more words than a body's name has."""
    words = _ET_AL.sub("", head).split()
    lowercase = sum(1 for w in words if w[:1].islower() and w.lower() not in _FUNCTION_WORDS)
    return ":" in head or head.rstrip().endswith("?") or lowercase >= 2 or len(words) > 14


def head_end(norm: str, quote: int = -1) -> int:
    """Where the author part ends when no date or list shape says: after "et al.", before a quoted
    title, or at the first full stop that ends a sentence (not an initial or abbreviation)."""
    limit = min(len(norm), _MAX_HEAD if quote < 0 else quote)
    et_al = _ET_AL.search(norm, 0, limit)
    for m in _STOP.finditer(norm, 0, limit):
        j = m.start()
        if et_al and et_al.start() <= j + 1 < et_al.end() + 1:
            return et_al.end()  # at "et al." (also "Stefan. et al.", a name closed too early)
        token = norm[norm.rfind(" ", 0, j) + 1:j].strip(",(").lstrip("-‐")  # "J. -L." (a split initial)
        if norm[j] == "." and token.lower() in _ABBREVIATIONS:
            continue
        if norm[j] == "." and _DOTTED_INITIALS.match(token + "."):
            if not (_ONE_INVERTED.match(norm, 0, j + 1) and norm[j + 2:j + 3].isupper()
                    and not _AN_INITIAL.match(norm, j + 2) and not _NAME_GOES_ON.match(norm, j + 2)):
                continue  # an initial inside the names; but "Keeton, C. R. GRAVLENS" ends the one author
        return j + 1
    if et_al:
        return et_al.end()
    return limit if quote >= 0 else 0


def parse_names(head: str, vancouver: bool = False) -> tuple[tuple[Author, ...], bool, str]:
    """(authors, et al., convention) of an author part."""
    et_al = _has_et_al(head)
    if et_al:
        head = _ET_AL.sub("", head)
    head = " ".join(head.split()).strip(" ,.;:")
    if not head:
        return (), et_al, "none"
    if ";" in head:
        listed = _semicolon_list(head)
        if listed:
            return listed, et_al, "semicolon"
    tokens = [t.strip() for t in _SEP.split(head) if t.strip(" .")]
    if not tokens:
        return (), et_al, "none"
    if vancouver or (len(tokens) > 1 and _all_vancouver(tokens)):
        authors = [_vancouver_author(t) for t in tokens]
        return tuple(a for a in authors if a), et_al, "vancouver"
    if _all_natural(tokens):
        return tuple(_natural_author(t) for t in tokens), et_al, "natural"
    if len(tokens) >= 2 and " " in tokens[0] and _is_body(tokens[0]) and all(
            _NATURAL_NAME.match(t) and not _initial_word(t.split()[-1]) for t in tokens[1:]):
        # "Astropy Collaboration, A. M. Price-Whelan, et al.": a body, then people in reading order
        return (Author(surname=_name(tokens[0]), corporate=True),
                *(_natural_author(t) for t in tokens[1:])), et_al, "mixed"
    if len(tokens) >= 2 and _is_given(tokens[1]):
        inverted = _inverted(tokens)
        if inverted is not None:
            return inverted, et_al, "inverted"
        return _mixed(tokens), et_al, "mixed"
    return (Author(surname=_name(head), corporate=True),), et_al, "corporate"


def _has_et_al(head: str) -> bool:
    """Whether ``_ET_AL`` is in ``head``: its "et" first looked for (most author parts have none)."""
    return ("et" in head or "et" in head.lower()) and bool(_ET_AL.search(head))


def _all_vancouver(tokens: list[str]) -> bool:
    """Every token a ``_vancouver_token`` (each of which has a space: two words at least)."""
    for t in tokens:
        if " " not in t or not _vancouver_token(t):
            return False
    return True


def _all_natural(tokens: list[str]) -> bool:
    """Every token a name in reading order after its initials ("G. L. Wagner"), not only initials.
    An initial's stop is its second or third character: a token without one is tested no further."""
    for t in tokens:
        if "." not in t[1:3] or not _NATURAL_NAME.match(t) or _INITIALS.match(t):
            return False
    return True


def _semicolon_list(head: str) -> tuple[Author, ...] | None:
    """"Hay, Jennifer; Maclagan, Margaret" or "Matthew Jones; Joan Ormrod": names apart by
    semicolons (Wikipedia's citation templates, MLA's long lists), each inverted ("Surname, Given")
    or in reading order. None when a part is neither (a semicolon inside a title or body)."""
    authors = []
    for part in (p.strip(" ,.") for p in head.split(";")):
        if not part:
            continue
        surname, comma, given = part.partition(",")
        surname, given = surname.strip(), given.strip()
        if comma and given and _is_given(given) and len(surname.split()) <= 3 and surname[:1].isupper():
            authors.append(_with_particles(surname, given))
        elif not comma and (_person_name(part) or _NATURAL_NAME.match(part)):
            authors.append(_natural_author(part))
        else:
            return None
    return tuple(authors) or None


def _is_body(token: str) -> bool:
    """A name of several capitalised words that is not a person's surname ("Astropy Collaboration")."""
    words = [w for w in token.split() if not _PARTICLE_WORD.fullmatch(w)]
    return len(words) >= 2 and not any(_initial_word(w) for w in words)


def _initial_word(word: str) -> bool:
    return bool(_INITIAL_WORD.fullmatch(word))


def _vancouver_token(token: str) -> bool:
    words = token.split()
    return len(words) >= 2 and bool(_BARE_INITIALS.match(words[-1])) and words[0][:1].isupper()


def _vancouver_author(token: str) -> Author | None:
    words = token.split()
    if len(words) < 2:
        return Author(surname=token, corporate=True) if token else None
    return Author(surname=" ".join(words[:-1]), initials=words[-1].replace("-", ""))


def _is_given(token: str) -> bool:
    """What follows "Surname," in an inverted name: initials ("N. C."), given names ("Jeff",
    "Stéfan J."), or a particle after them ("A. von", "Paul van")."""
    words = token.split()
    if not words or len(words) > 4:
        return False
    if _INITIALS.match(token.replace(" ", "")) or _DOTTED_INITIALS.match(token):
        return True
    return all(w[:1].isupper() or _PARTICLE_WORD.fullmatch(w) for w in words) and not _SUFFIX.match(token)


def _inverted(tokens: list[str]) -> tuple[Author, ...] | None:
    """"Surname, I., Surname, I." (every second token initials); None when a name after the first
    is written in reading order ("Surname, I., and G. L. Wagner": the Chicago and MLA shape)."""
    authors: list[Author] = []
    i = 0
    while i < len(tokens):
        surname = tokens[i]
        given = tokens[i + 1] if i + 1 < len(tokens) else None
        if given is not None and _is_initials_token(given):
            authors.append(_with_particles(surname, given))
            i += 2
            if i < len(tokens) and len(tokens[i]) <= 3 and _SUFFIX.match(tokens[i]):  # "Jr." at most 3
                i += 1
        elif i == 2 and _person_name(surname):
            return None  # "Connerney, J. E. P., Mario H. Acuna": the second name in reading order
        elif authors and not _NATURAL_NAME.match(surname) and not (given and _NATURAL_NAME.match(given)):
            authors.append(Author(surname=surname.rstrip(". "), corporate=True))  # "& The WHO Group"
            i += 1
        else:
            return None
    return tuple(authors) if authors else None


def _person_name(token: str) -> bool:
    """"Mario H. Acuna", "Berk Geveci": two to four capitalised words, not "The ..."."""
    words = token.split()
    return 2 <= len(words) <= 4 and words[0] != "The" and all(w[:1].isupper() or _PARTICLE_WORD.fullmatch(w)
                                                              for w in words) and words[-1][:1].isupper()


def _is_initials_token(token: str) -> bool:
    """"S.", "A. J.", "J.-P.", "JD" (no dots: Vancouver), "A. von"; not "T. G. F. Li"."""
    if _DOTTED_INITIALS.match(token):  # the common case first, before the variants are made
        return True
    bare = token.replace(" ", "")
    words = token.split()
    closed = token + "." if _OPEN_INITIAL.search(token) else token  # "B. Q", "K.M" (their stop read as the end)
    if _DOTTED_INITIALS.match(bare) or _DOTTED_INITIALS.match(closed) or _BARE_INITIALS.match(bare):
        return True
    # "A. von", "M. de la" (APA and Harvard write the particles after the initials)
    while len(words) >= 2 and _PARTICLE_WORD.fullmatch(words[-1]):
        words = words[:-1]
        if _DOTTED_INITIALS.match(" ".join(words)):
            return True
    return False


_TRAILING_ABBREVIATION = regex(r"\s\([A-Z][A-Za-z0-9 &.-]{1,24}\)$")


def _name(raw: str) -> str:
    """A surname or body as cited: without a trailing "(LSST DESC)" the entry defines for it."""
    name = raw.strip().rstrip(". ")
    if name[-1:] == ")":
        name = _TRAILING_ABBREVIATION.sub("", name)
    return name or raw.strip()


def _with_particles(surname: str, given: str) -> Author:
    particles, given_text, initials = _given_parts(given)
    name = _name(surname)
    return Author(f"{particles} {name}" if particles else name, given_text, initials)


@lru_cache(maxsize=4096)
def _given_parts(given: str) -> tuple[str, str | None, str]:
    """What follows "Surname," read once per spelling (a list repeats "J." and "A. B." in entry after
    entry): the particles after the given names ("A. von": "von"), the given names (None when
    they are only initials) and the initials."""
    words = given.split()
    particles = []
    while words and _PARTICLE_WORD.fullmatch(words[-1]):
        particles.insert(0, words.pop())
    given_text = " ".join(words) or None
    initials = letters(given_text or "")
    if given_text and _INITIALS.match(given_text.replace(" ", "")):
        given_text = None  # "P." or "N. C.": initials, no given name
    return " ".join(particles), given_text, initials


def _mixed(tokens: list[str]) -> tuple[Author, ...]:
    """"Surname, Given, Given Surname, and Given Surname" (Chicago, MLA)."""
    authors = [_with_particles(tokens[0], tokens[1])]
    for token in tokens[2:]:
        if _SUFFIX.match(token):
            continue
        authors.append(_natural_author(token))
    return tuple(authors)


def _natural_author(token: str) -> Author:
    """"Kate Jones", "G. L. Wagner", "Stéfan J. van der Walt", "Ludwig van Beethoven"."""
    token = _NAME_SUFFIX_END.sub("", token.strip())
    words = token.split()
    if len(words) == 1:
        return Author(surname=words[0].rstrip("."))
    cut = len(words) - 1
    while cut > 0 and _PARTICLE_WORD.fullmatch(words[cut - 1]):
        cut -= 1
    given = " ".join(words[:cut]) or None
    return Author(surname=" ".join(words[cut:]).rstrip("."), given=given, initials=letters(given or ""))
