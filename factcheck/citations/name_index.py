"""The names a reference list holds, for the grammars that must know them.

Author-page (MLA) citations have no year: "(Bezanson et al.)" or "(Hunter)" could be any words in
parentheses, so the grammar keeps only those whose first name is (fuzzily, to still catch a
misspelling) the first author, corporate author or title of an entry. A narrative author-date
citation uses it to choose between readings ("Recently Smith (2019)" -> "Smith").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from factcheck.citations.model import ReferenceEntry
from factcheck.citations.names import fold, similarity


_LEADING = frozenset({"the", "van", "von", "de", "der", "den", "da", "das", "dos", "del", "della", "di", "du", "la",
                      "le", "ter", "ten"})


def first_names(entry: ReferenceEntry) -> list[str]:
    """How the entry's first author may be cited, folded: the surname, and for a name written
    with its initials or given names in the surname slot ("J. O. Ramsay"), its last word; an
    entry with no author is cited by its title."""
    if entry.authors:
        surname = fold(entry.authors[0].surname)
        out = [surname] if surname else []
        words = surname.split()
        while len(words) > 1 and words[0] in _LEADING:  # "the Nextstrain Team", "van Gent"
            words = words[1:]
            out.append(" ".join(words))
        return out
    title = fold(entry.title or "")
    return [title] if title else []


class NameIndex:
    """Folded first-author names (and titles of author-less entries) of a reference list."""

    def __init__(self, entries: Sequence[ReferenceEntry]) -> None:
        names: set[str] = set()
        titles: set[str] = set()
        untitled_authors: list[str] = []
        for entry in entries:
            names.update(first_names(entry))
            if entry.title:
                titles.add(fold(entry.title))
                if not entry.authors and len(entry.title.split()) >= 2:
                    untitled_authors.append(re.sub(r"\s*\([^()]*\)$", "", entry.title))
        # Works with no author are cited by their title ("NetCDF Classic Format (2011)"): the
        # title's words in order, any spacing between them, at the end of what comes before.
        self.title_patterns = [re.compile(r"\s+".join(re.escape(w) for w in t.split()) + r"\s*$", re.IGNORECASE)
                               for t in sorted(set(untitled_authors), key=len, reverse=True)[:200]]
        self.names = sorted(names)
        self.exact = frozenset(names)
        self.last_words = frozenset(n.split()[-1] for n in names if n)
        self.titles = sorted(titles)

    def __bool__(self) -> bool:
        return bool(self.names)

    def score(self, name: str) -> float:
        """How closely ``name`` matches a first author (0-100)."""
        folded = fold(name)
        if not folded or not self.names:
            return 0.0
        if folded in self.exact:
            return 100.0
        words = folded.split()
        if len(words) > 1 and words[-1] in self.last_words and all(len(w) == 1 for w in words[:-1]):
            return 96.0  # "J. O. Ramsay" cited, "Ramsay" in the list
        near = process.extract(folded, self.names, scorer=fuzz.ratio, limit=5, score_cutoff=60)
        return max((similarity(folded, name) for name, _, _ in near), default=0.0)

    def known(self, name: str) -> bool:
        """Whether ``name`` is (exactly, up to accents and case) a first author of the list."""
        folded = fold(name)
        if not folded:
            return False
        words = folded.split()
        return folded in self.exact or (len(words) > 1 and words[-1] in self.last_words
                                         and all(len(w) == 1 for w in words[:-1]))

    def title_before(self, text: str, lo: int, hi: int) -> int | None:
        """Where the title of an author-less entry starts when ``text[lo:hi]`` ends with it."""
        for pattern in self.title_patterns:
            m = pattern.search(text, lo, hi)
            if m:
                return m.start()
        return None

    def title_score(self, title: str) -> float:
        folded = fold(title)
        if not folded or not self.titles:
            return 0.0
        best = process.extractOne(folded, self.titles, scorer=fuzz.partial_ratio)
        return float(best[1]) if best else 0.0
