"""The works cited inside notes (Chicago notes and bibliography, Turabian, OSCOLA), each linked to
its bibliography entry.

A note cites one or more works, ";" between them: in full the first time ("Charles R. Harris et
al., “Array Programming with NumPy,” Nature 585 …"), in short later ("Harris et al., “Array
Programming”"), as "Ibid." / "Ibid., 45." for the work of the note before, by its title alone
when the text names the author, or by author and year ("Orrin 2003, p. 41", Wikipedia's short
"sfn" notes pointing into a "Sources" list). A chapter's note does not cite the book that holds
it ("In Vell, Aster (ed.). …"): the bibliography's entry for the book is cited by a note of its own. Each such piece is linked to the entry whose title it holds (its
full or its short title, before a colon), with the entry's first surname among its names when it
names any: titles tell works apart where authors do not.

Linking is blocked: a piece is compared only with the entries that share one of its longer
words, so notes × entries is never compared all against all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from factcheck.citations.model import Note, NoteWork, ReferenceEntry
from factcheck.citations.names import fold
from factcheck.text.lazy_regex import regex

_IBID = regex(r"^\W*(?:ibid|ibidem)\b\.?", re.IGNORECASE)
_QUOTED = regex(r"[“\"]([^”\"]{3,300})[”\"]")
# "Ayson, Robert (2007)", "Charles R. Harris et al.,", "Smith and Lee,": a note piece opening with names.
_OPENS_WITH_NAME = regex(r"[^\W\d_][\w’'-]+,\s[^\W\d_]|(?:[^\W\d_][\w’'.-]*\s){1,3}[^\W\d_][\w’'-]+"
                         r"(?:\s(?:et\sal\.|and\s[^\W\d_][\w’'-]+))?,")
# A short citation by author and date, as author-date notes and Wikipedia's "sfn" notes write them:
# "Orrin 2003, p. 41", "Vale, Tarn & Ross 2008, pp. 14–15", "Pell & Ash (2009): 33". The
# names come before the year, and nothing but a locator after it.
_AUTHOR_DATE = regex(r"^(?P<names>[^\W\d_][^\d“”\"()]{1,120}?)\s\(?(?P<year>1[5-9]\d\d|20\d\d)[a-z]?\)?"
                     r"(?:(?:,\s?|:\s?|\s)(?:(?:pp?|chap|ch|sec|para|n)\.\s?)?[\divxlc]+(?:\s?[-–]\s?\d+)?"
                     r"(?:,\s?\d+(?:\s?[-–]\s?\d+)?)*)?\.?$")
_NAMES_END = regex(r"\s\(|[“\"]")  # "Hale, Rosa (2018)", "Charles R. Harris et al., “Array…”"
TITLE_MIN = 85.0
_SHORT_WORD = 3
_MAX_CANDIDATES = 64


class _Index:
    """Entries by the folded words of their titles (longer than three letters) and their surnames."""

    def __init__(self, entries: Sequence[ReferenceEntry]) -> None:
        self.entries = [e for e in entries if e.title or e.authors]
        self.titles: list[tuple[str, str]] = []
        self.surnames: list[str] = []
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(self.entries):
            full = fold(entry.title or "")
            short = fold((entry.title or "").split(":")[0])
            surname = fold(entry.authors[0].surname) if entry.authors else ""
            self.titles.append((full, short))
            self.surnames.append(surname)
            names = {w for author in entry.authors for w in fold(author.surname).split() if len(w) > 1}
            for word in {w for w in set(full.split()) if len(w) > _SHORT_WORD} | names:
                self.by_word[word].append(i)

    def candidates(self, words: set[str]) -> list[int]:
        hits: dict[int, int] = defaultdict(int)
        for word in words:
            postings = self.by_word.get(word, ())
            if len(postings) <= _MAX_CANDIDATES:
                for i in postings:
                    hits[i] += 1
        return sorted(hits, key=lambda i: -hits[i])[:_MAX_CANDIDATES]

    def _details(self, i: int, piece: str) -> float:
        """What tells apart two works of one author with one title: their DOI, URL or year."""
        entry = self.entries[i]
        found = [v for v in (entry.doi, entry.url) if v and v in piece]
        return 5.0 * len(found) + (2.0 if entry.year and entry.year[:4] in piece else 0.0)

    def best(self, piece: str) -> tuple[int, float] | None:
        """The entry the piece cites and how sure (0-100), or None."""
        folded = fold(piece)
        if not folded:
            return None
        quoted = [fold(q) for q in _QUOTED.findall(piece)]
        head = f" {fold(piece[:160])} "
        # A piece that opens with an author cites that author's work: a work it names later ("In
        # Vell, Aster (ed.). Salt Roads in World Trade") is the container, not the work cited.
        opener = None
        if _OPENS_WITH_NAME.match(piece):  # the piece's own authors: before its date or quoted title
            cut = _NAMES_END.search(piece, 0, 60)
            opener = f" {fold(piece[:cut.start() if cut else 60])} "
        short_date = _AUTHOR_DATE.match(piece.strip())
        short_year = short_date.group("year") if short_date else None
        best: tuple[int, float] | None = None
        for i in self.candidates(set(folded.split())):
            full, short = self.titles[i]
            entry_year = (self.entries[i].year or "")[:4]
            surname = self.surnames[i]
            named = 100.0 if surname and f" {surname} " in head else 0.0
            title = 0.0
            for t in (full, short):
                # An authored work's title of one or two words ("Salt Roads") in a note that does
                # not name its author is no evidence: it is in the titles of half the notes of a
                # page about salt roads, by other authors.
                if len(t) >= 4 and (named or not surname or len(t.split()) >= 3):
                    title = max(title, fuzz.partial_ratio(t, folded) if len(t) <= len(folded) else
                                fuzz.ratio(t, folded))
                    for q in quoted:
                        title = max(title, fuzz.ratio(t, q), fuzz.partial_ratio(q, t) if len(q) >= 12 else 0.0)
            if opener is not None and surname and f" {surname} " not in opener:
                continue
            if title >= TITLE_MIN and (named or not surname or piece.lstrip()[:1] in "“\"") or title >= 97:
                score = title + named * 0.1 + self._details(i, piece)
            elif named and not full:
                score = 90.0  # an entry with no title, cited by its author
            elif named and entry_year and short_year == entry_year:
                score = 90.0  # "Orrin 2003, p. 41": the author's work of that year
            else:
                continue
            if best is None or score > best[1]:
                best = (i, score)
        return best


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ";"-separated citations of a note body, outside quotation marks and parentheses."""
    out, depth, quoted, piece_start = [], 0, False, start
    for i in range(start, end):
        ch = text[i]
        if ch in "“":
            quoted = True
        elif ch in "”":
            quoted = False
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and not quoted and depth == 0:
            out.append((piece_start, i))
            piece_start = i + 1
    out.append((piece_start, end))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1] in " \t\n.":
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def link_note_works(text: str, notes: Sequence[Note], entries: Sequence[ReferenceEntry]) -> list[Note]:
    """The notes with their ``works`` filled in (unchanged when there is no bibliography)."""
    if not entries or not notes:
        return list(notes)
    index = _Index(entries)
    out: list[Note] = []
    previous: tuple[NoteWork, ...] = ()
    for note in notes:
        works = []
        for s, e in _pieces(text, note.body_start, note.end):
            piece = text[s:e]
            if _IBID.match(piece):
                target = previous[-1].reference_id if previous else None
                works.append(NoteWork(start=s, end=e, text=piece, form="ibid", reference_id=target))
                continue
            found = index.best(piece)
            if found is None:
                continue
            entry = index.entries[found[0]]
            short = len(piece) < 0.6 * len(entry.text) or not entry.title or fold(entry.title) not in fold(piece)
            works.append(NoteWork(start=s, end=e, text=piece, form="short" if short else "full",
                                  reference_id=entry.id))
        if works:
            previous = tuple(works)
        out.append(replace(note, works=tuple(works)) if works else note)
    return out
