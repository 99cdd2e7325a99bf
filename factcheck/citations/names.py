"""Normalizing author names so that citations and entries compare fairly."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES_AROUND_HYPHEN = re.compile(r"\s*-\s*")
_NON_LETTERS = re.compile(r"[^a-z\- ]+")


@lru_cache(maxsize=1 << 14)
def fold(name: str) -> str:
    """Lowercase, strip accents and punctuation, squeeze spaces: "Ó Briain" -> "o briain".

    Cached: linking folds the same few names for every citation.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    ascii_only = _SPACES_AROUND_HYPHEN.sub("-", ascii_only.replace("’", "").replace("'", ""))
    return " ".join(_NON_LETTERS.sub(" ", ascii_only).split())


def base_year(year: str | None) -> str | None:
    """"2020a" -> "2020"; "n.d." stays as is."""
    if not year:
        return None
    return year[:4] if year[:4].isdigit() else year


def year_suffix(year: str | None) -> str:
    return year[4:] if year and year[:4].isdigit() else ""
