"""Which file of ``--sources`` is the text of which cited work (a reference entry or a note).

In order of certainty, the first that applies:

1. ``sources.toml`` in the folder names the file for the work's key (``brandt2016 =
   "brandt.pdf"``) or for its reference text (fuzzy: the text given is found in the entry's or
   the note's text);
2. a DOI of the work (its entry's, or one written in the note) is found in the file's first
   pages or metadata;
3. the file's name, less its suffix, is the work's ``.bib`` / CSL-JSON key (``brandt2016.pdf``);
4. the work's title and the file's title agree (rapidfuzz ``token_set_ratio`` of at least
   ``TITLE_MATCH``, or the title found in the file's first page), and the first author's surname
   (or the corporate author) is on the file's first page. For a note, whose title is not parsed,
   the file's title must be found in the note's text.

A work without a file is listed as such in the report; two files for one work: the first in
that order wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck.citations.model import Note, ReferenceEntry
from factcheck.citations.names import fold
from factcheck.verify.library import SourceLibrary, SourceText, normal_doi
from factcheck.verify.model import MatchHow, SourceMatch

TITLE_MATCH = 90.0
MAPPING_MATCH = 90.0
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>]+)", re.IGNORECASE)
_MIN_TITLE_WORDS = 3
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Work:
    """What a citation points at, as far as finding its text goes."""

    id: str
    text: str
    key: str | None = None
    title: str | None = None
    surnames: tuple[str, ...] = ()
    dois: frozenset[str] = frozenset()

    @staticmethod
    def of_entry(entry: ReferenceEntry) -> Work:
        dois = {normal_doi(entry.doi)} if entry.doi else set()
        dois |= {normal_doi(m.group(1)) for m in _DOI.finditer(entry.text)}
        return Work(entry.id, entry.text, entry.key, entry.title,
                    tuple(fold(a.surname) for a in entry.authors if a.surname), frozenset(dois))

    @staticmethod
    def of_note(note: Note) -> Work:
        return Work(note.id, note.text, dois=frozenset(normal_doi(m.group(1)) for m in _DOI.finditer(note.text)))


def match_sources(library: SourceLibrary, entries: Sequence[ReferenceEntry], notes: Sequence[Note]) -> list[SourceMatch]:
    """For each work that has a source file, how it was found; works without one are left out."""
    works = [Work.of_entry(e) for e in entries] + [Work.of_note(n) for n in notes if not n.short_form]
    out = []
    for work in works:
        found = _match(library, work)
        if found is not None:
            source, how, score = found
            out.append(SourceMatch(work_id=work.id, path=source.path, how=how, score=round(score, 1)))
    # A file found by its title for two works ("Annual report 2021" and "... 2022" of one author)
    # is the text of the one it fits best, and of neither when they tie.
    best: dict[str, list[SourceMatch]] = {}
    for match in out:
        if match.how == "title":
            best.setdefault(match.path, []).append(match)
    dropped = set()
    for matches in best.values():
        if len(matches) > 1:
            matches.sort(key=lambda m: -m.score)
            keep = matches[0] if matches[0].score > matches[1].score else None
            dropped.update(m.work_id for m in matches if m is not keep)
    return [m for m in out if m.work_id not in dropped]


def _match(library: SourceLibrary, work: Work) -> tuple[SourceText, MatchHow, float] | None:
    for named, relative in library.mapping.items():
        if work.key is not None and named == work.key or _names_work(named, work):
            source = library.by_relative(relative)
            if source is not None:
                return source, "mapping", 100.0
    if work.dois:
        for source in library.sources:
            if work.dois & source.dois:
                return source, "doi", 100.0
    if work.key:
        for source in library.sources:
            if source.stem == work.key or source.stem.casefold() == work.key.casefold():
                return source, "key", 100.0
    best: tuple[float, SourceText] | None = None
    for source in library.sources:
        if not _author_on_first_page(work, source):  # the cheap test first: titles are compared fuzzily
            continue
        score = _title_score(work, source)
        if score >= TITLE_MATCH and (best is None or score > best[0]):
            best = (score, source)
    if best is not None:
        return best[1], "title", best[0]
    return None


def _names_work(named: str, work: Work) -> bool:
    """Whether a mapping's reference text names the work: found, fuzzily, in its text."""
    named = " ".join(named.split())
    if len(named.split()) < 2:
        return False
    return fuzz.partial_ratio(named.casefold(), " ".join(work.text.split()).casefold()) >= MAPPING_MATCH


def _title_score(work: Work, source: SourceText) -> float:
    if work.title:
        title = fold(work.title)
        if len(title.split()) < 2:
            return 0.0
        # Numbers in a title tell editions and years apart ("Annual report 2021"): the file must have them.
        numbers = _NUMBER.findall(work.title)
        if numbers and not all(n in source.title or n in source.head for n in numbers):
            return 0.0
        scores = [fuzz.token_set_ratio(title, fold(source.title))] if source.title else []
        if len(title.split()) >= _MIN_TITLE_WORDS:
            scores.append(fuzz.partial_ratio(title, source.folded_head))
        return max(scores, default=0.0)
    # A note: the source's title must be in the note's text.
    title = fold(source.title)
    if len(title.split()) < _MIN_TITLE_WORDS:
        return 0.0
    return fuzz.partial_ratio(title, fold(work.text))


def _author_on_first_page(work: Work, source: SourceText) -> bool:
    head = f" {source.folded_head} "
    if work.surnames:
        return any(f" {surname} " in head for surname in work.surnames[:1]) or any(
            fold(author).split()[-1:] == [work.surnames[0].split()[-1]] for author in source.document.metadata.authors
            if fold(author))
    if work.title is None:  # a note: its words name the author; one of the file's authors must be in it
        text = f" {fold(work.text)} "
        authors = [fold(a).split()[-1] for a in source.document.metadata.authors if fold(a)]
        if authors:
            return any(f" {a} " in text for a in authors)
        # No author in the file's metadata: a word of its first lines other than its title's.
        title = set(fold(source.title).split())
        names = [w for w in re.findall(r"[a-z][a-z-]+", source.folded_head[:400]) if w not in title and len(w) > 3]
        return any(f" {n} " in text for n in names)
    return True  # no author to check (a corporate work without a parsed author)


__all__ = ["Work", "match_sources"]
