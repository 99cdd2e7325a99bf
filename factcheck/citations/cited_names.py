"""The names an in-text citation gives: "Tariq, Khan, & Khan", "K. Teller & Brandt", "Smith et al.",
"World Health Organization [WHO]", "van der Walt", "Çaǧan Şengül", "the Nextstrain Team", or a
quoted title standing for a work with no author ("“Harbour Ledger Archive”").

Shared by the author-date and author-page grammars. Names are read as written (initials kept in
the surname slot: "J. O. Ramsay"); linking folds them (``factcheck.citations.names``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from factcheck.text.dates import MONTHS, SEASONS
from factcheck.text.lazy_regex import regex

# Leading spaces are taken only from where their run starts ("(?<!\s)"; after a comma for
# _ET_AL): the same matches as with a plain "\s*" or "\s+", which rescanned a long run of spaces
# from each of its positions (quadratic).
_LEAD = r"(?:(?<!\s)\s+)?"
_AUTHOR_SPLIT = regex(rf"{_LEAD},\s*(?:&|and)\s+|(?<!\s)\s+&\s+|(?<!\s)\s+and\s+|{_LEAD},\s*")
_ET_AL = regex(r"(?:,\s*|(?<![\s,])\s*)\bet\s+al\b\.?\s*$")
_ABBREVIATION = regex(rf"{_LEAD}[\[(](?P<abbr>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){{0,3}})[\])]\s*$")
_QUOTED = regex(r"^[“\"‘'](?P<title>[^“”\"‘’]{2,200}?)[,.]?[”\"’']$")
# Lowercase words a surname may start with ("van der Walt", "de Cruz", "bin Laden").
PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "das", "dos", "del", "della", "di", "du", "la", "le",
                       "ter", "ten", "te", "y", "bin", "ibn", "al", "el", "zu", "vom", "st.", "d’", "d'", "o’", "o'",
                       "mac", "van't", "'t"})
# Words that start a sentence or a phrase and are never a cited name.
_NOT_AUTHOR = frozenset({"see", "in", "the", "and", "of", "from", "to", "since", "between", "until", "circa", "c", "ca",
                         "as", "at", "by", "for", "with", "this", "that", "these", "those", "on", "per", "via", "after",
                         "before", "during", "figure", "fig", "table", "section", "chapter", "eq", "equation", "vol",
                         "volume", "no", "version", "v", "about", "around", "approximately", "using", "unlike",
                         "like", "following", "according", "but", "while", "both", "also", "here", "thus", "however",
                         "our", "we", "it", "its", "an", "when", "where", "although", "which", "other"})
_MAX_WORDS = 8


@dataclass(frozen=True)
class CitedNames:
    """What a citation's author part says: the names, whether "et al." follows, a quoted title in
    place of an author, and an abbreviation defined for the first name ("[WHO]")."""

    authors: tuple[str, ...]
    et_al: bool = False
    title: str | None = None
    abbreviation: str | None = None


# Lowercase words a corporate name may hold between capitalised ones ("PyPI Stats for Chemiscope").
_JOINING = frozenset({"of", "for", "the", "on", "in", "at", "to"})


def _word_ok(word: str, first: bool, last: bool) -> bool:
    core = word.strip("’'.,")
    if not core:
        return word in ("&",)
    head = core[0]
    if head.isupper():
        return True
    if word.lower() in PARTICLES:
        return True
    if not first and not last and word in _JOINING:
        return True
    return not first and head.isdigit()  # "SciPy 1.0 Contributors"


def is_name(chunk: str) -> bool:
    """A surname, a name with initials ("K. Teller"), a particle name or a short corporate name."""
    words = chunk.split()
    if not words or len(words) > _MAX_WORDS:
        return False
    if words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    if not all(_word_ok(w, i == 0, i == len(words) - 1) for i, w in enumerate(words)):
        return False
    if not any(w[:1].isupper() for w in words):
        return False
    lowered = chunk.lower().rstrip(".")
    if lowered in MONTHS or lowered in SEASONS or lowered in _NOT_AUTHOR:
        return False
    return words[0].lower().rstrip(".") not in _NOT_AUTHOR


@lru_cache(maxsize=8192)
def parse_names(raw: str) -> CitedNames | None:
    """"Tariq, Khan, & Khan" -> ("Tariq", "Khan", "Khan"); None when the words are not names.

    Cached: a document cites the same authors again and again.
    """
    raw = " ".join(raw.split()).strip().strip(",").strip()
    if not raw:
        return None
    quoted = _QUOTED.match(raw)
    if quoted:
        title = quoted.group("title").strip(" ,.")
        return CitedNames(authors=(title,), title=title)
    et_al = bool(_ET_AL.search(raw))
    if et_al:
        raw = _ET_AL.sub("", raw).strip()
    abbreviation = None
    abbr = _ABBREVIATION.search(raw)
    if abbr and abbr.start() > 0:
        abbreviation = abbr.group("abbr")
        raw = raw[:abbr.start()].strip()
    chunks = [c.strip() for c in _AUTHOR_SPLIT.split(raw) if c.strip()]
    if not chunks or len(chunks) > 50 or not all(is_name(c) for c in chunks):
        return None
    return CitedNames(authors=tuple(chunks), et_al=et_al, abbreviation=abbreviation)


def parse_author_list(raw: str) -> tuple[tuple[str, ...], bool] | None:
    """(names, et al.) of ``parse_names``; None when not names (kept for callers of the old API)."""
    names = parse_names(raw)
    return (names.authors, names.et_al) if names else None
