"""Normalizing author names so that citations and entries compare fairly."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from factcheck.text.lazy_regex import regex

# Spaces before a match are taken only from where their run starts ("(?<!\s)"): a plain "\s*-"
# rescanned a run of spaces from each of its positions (quadratic); the matches are the same.
_SPACES_AROUND_HYPHEN = regex(r"(?:(?<!\s)\s+)?-\s*")
_NON_LETTERS = regex(r"[^a-z\- ]+")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lowercase, strip accents and punctuation, squeeze spaces: "Ó Briain" -> "o briain".

    Cached: linking folds the same few names for every citation. Room for the surnames and titles of
    a list of 20,000 entries (a few MB): a list longer than the cache evicts each name before its
    next use, and then every fold is a miss (a fifth of the time of such a list's duplicate check).
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    ascii_only = _SPACES_AROUND_HYPHEN.sub("-", ascii_only.replace("’", "").replace("'", ""))
    return " ".join(_NON_LETTERS.sub(" ", ascii_only).split())


def similarity(a: str, b: str) -> float:
    """How alike two folded names are, 0-100: rapidfuzz's ratio, but a single swap, drop or doubling
    of a letter in a name of four letters or more counts as a slip (at least 85) however short the
    name: "Curz" for "Cruz" is 75 by ratio alone."""
    score = fuzz.ratio(a, b)
    if score < 85.0 and min(len(a), len(b)) >= 4 and OSA.distance(a, b) == 1:
        return 85.0
    return score


def base_year(year: str | None) -> str | None:
    """"2020a" -> "2020"; "n.d." stays as is."""
    if not year:
        return None
    return year[:4] if year[:4].isdigit() else year


def year_suffix(year: str | None) -> str:
    return year[4:] if year and year[:4].isdigit() else ""
