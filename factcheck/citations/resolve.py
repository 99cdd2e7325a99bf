"""Link each citation to what it points at: a reference entry (author-year, pandoc) or a note.

Author-year linking is fuzzy (rapidfuzz) and blocked: a citation is compared only with the
entries that share its year or the first letter of its first author, so linking grows with the
size of those blocks rather than as citations x entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from factcheck.citations.model import Citation, Link, Note, ReferenceEntry
from factcheck.citations.names import base_year, fold, similarity, year_suffix


@dataclass(frozen=True)
class LinkThresholds:
    """Scores are 0-100 (rapidfuzz ratio over folded surnames)."""

    author_fuzzy: float = 80.0  # a misspelled surname still links ("Threkkled" -> "Threkled")
    author_year_differs: float = 90.0  # same author, other year: needs a closer name match
    tie: float = 0.5  # candidates within this of the best are equally good


def entry_surnames(entry: ReferenceEntry) -> list[str]:
    """The entry's folded surnames; an entry with no author is cited by its title."""
    surnames = [fold(a.surname) for a in entry.authors if a.surname]
    if not surnames and entry.title:
        return [fold(entry.title)]
    return surnames


def surname_score(cited: str, surname: str) -> float:
    """How alike a cited surname and an entry's folded surname are, 0-100."""
    cited, surname = fold(cited), surname
    if not cited or not surname:
        return 0.0
    if cited == surname or _without_particles(cited) == _without_particles(surname):
        return 100.0  # "Gent" and "van Gent" are the same name, cited with or without its particle
    if " " in cited and _without_initials(cited) == _without_particles(surname):
        return 100.0  # "J. O. Ramsay": initials a style adds to tell two Ramsays apart
    # "Lutz Kilian" cited against a surname "Kilian" (or the reverse): compare last words too.
    last_cited, last_entry = cited.split()[-1], surname.split()[-1]
    best = max(similarity(cited, surname), similarity(_without_particles(cited), _without_particles(surname)))
    if last_cited == last_entry and (len(cited.split()) > 1 or len(surname.split()) > 1):
        best = max(best, 96.0)
    return best


_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "das", "dos", "del", "della", "di", "du", "la", "le",
                        "ter", "ten", "y", "bin", "ibn", "al", "el", "the"})


def _without_particles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0] in _PARTICLES:
        words.pop(0)
    return " ".join(words)


def _without_initials(name: str) -> str:
    words = name.split()
    while len(words) > 1 and len(words[0]) == 1:
        words.pop(0)
    return _without_particles(" ".join(words))


def title_score(cited: str, title: str) -> float:
    """How well a cited (short) title fits an entry's title, 0-100: a short title is the start or a
    part of the full one ("Salt Roads" for "Salt Roads of the North"), never a longer one ("Protocol,
    Second Edition" does not fit "Protocol")."""
    cited, title = fold(cited), fold(title)
    if not cited or not title:
        return 0.0
    return fuzz.partial_ratio(cited, title) if len(cited) <= len(title) else fuzz.ratio(cited, title)


def author_match(citation: Citation, entry: ReferenceEntry) -> tuple[float, float]:
    """(first-author score, co-author agreement score) both 0-100."""
    return _author_match(citation, entry_surnames(entry), entry.et_al)


def _author_match(citation: Citation, surnames: list[str], entry_et_al: bool = False) -> tuple[float, float]:
    """(first-author score, co-author agreement) 0-100. The co-authors a citation names are
    compared in order ("Shajib, Molina, et al." is not "Shajib, Treu, et al."); "et al." fits an
    entry of three or more authors best, of two less, of one least; without it the count of
    names should be the entry's."""
    if not surnames or not citation.authors:
        return 0.0, 0.0
    return surname_score(citation.authors[0], surnames[0]), _co_authors(citation, surnames, entry_et_al)


def _co_authors(citation: Citation, surnames: list[str], entry_et_al: bool) -> float:
    """How well the co-authors and the count of names agree (see ``_author_match``), 0-100."""
    others_cited = citation.authors[1:]
    others_entry = surnames[1:]
    named = [surname_score(c, s) for c, s in zip(others_cited, others_entry)]
    if len(others_cited) > len(others_entry):
        named += [0.0] * (len(others_cited) - len(others_entry))
    listed = len(surnames) + (2 if entry_et_al else 0)  # an entry's own "et al." hides two or more
    if citation.et_al:  # an entry that abbreviates its own list fits best: it has the most authors
        count = 100.0 if entry_et_al else 95.0 if listed > len(citation.authors) + 1 else 75.0 if listed > len(
            citation.authors) else 40.0
    else:
        count = 100.0 if len(others_cited) == len(others_entry) and not entry_et_al else 50.0
    return (sum(named) + count) / (len(named) + 1)


class _Block:
    """Entries sharing a year or an initial, their folded first surnames, and the positions of
    those by the last word of each (for "Lutz Kilian" cited as "Kilian")."""

    def __init__(self, entries: list[ReferenceEntry], firsts: list[str]) -> None:
        self.entries = entries
        self.firsts = firsts
        self.cores = [_without_particles(first) for first in firsts]  # "de la cruz" -> "cruz"
        self.by_last: dict[str, list[int]] = defaultdict(list)
        for i, first in enumerate(firsts):
            if first:
                self.by_last[first.split()[-1]].append(i)


class Resolver:
    """Links citations to entries. Per citation, the first authors of the candidate entries (same
    year or same initial) are scored in one rapidfuzz call and only those close enough to link
    are looked at further; citations of the same authors and year share one answer."""

    def __init__(self, entries: Sequence[ReferenceEntry], thresholds: LinkThresholds = LinkThresholds()) -> None:
        self.entries = list(entries)
        self.thresholds = thresholds
        self.by_year: dict[str, list[ReferenceEntry]] = defaultdict(list)
        self.by_initial: dict[str, list[ReferenceEntry]] = defaultdict(list)
        self.by_key: dict[str, ReferenceEntry] = {}
        self.by_id = {entry.id: entry for entry in self.entries}
        self.position = {entry.id: i for i, entry in enumerate(self.entries)}
        self.surnames: dict[str, list[str]] = {}
        # (base year, suffix letter) of each entry, read once: every citation compares its year with
        # those of all its candidates.
        self.years: dict[str, tuple[str | None, str]] = {}
        # Each year and first surname read once, however many entries share it.
        parts_of_year: dict[str | None, tuple[str | None, str]] = {}
        initials_of: dict[str, set[str]] = {}
        for entry in self.entries:
            year = parts_of_year.get(entry.year)
            if year is None:
                year = parts_of_year[entry.year] = (base_year(entry.year), year_suffix(entry.year))
            self.years[entry.id] = year
            self.by_year[year[0] or ""].append(entry)
            surnames = self.surnames[entry.id] = entry_surnames(entry)
            if surnames:
                initials = initials_of.get(surnames[0])
                if initials is None:  # "van Gent": v and g
                    initials = initials_of[surnames[0]] = {surnames[0][:1], _without_particles(surnames[0])[:1]}
                for initial in initials:
                    self.by_initial[initial].append(entry)
            if entry.key:
                self.by_key[entry.key] = entry
        # (target, score, how, candidates) of each citation signature: a group repeated 20,000 times
        # is scored and decided once.
        self._answers: dict[tuple, tuple[str | None, float, str, tuple[str, ...]]] = {}
        self._first_scores: dict[tuple[str, str], float] = {}  # a name is cited with many years
        self._blocks: dict[tuple[str, str], _Block] = {}

    def candidates(self, citation: Citation) -> list[ReferenceEntry]:
        """The entries sharing the citation's year or its first author's initial."""
        seen: dict[str, ReferenceEntry] = {}
        for block in self._blocks_of(citation):
            for entry in block.entries:
                seen.setdefault(entry.id, entry)
        return list(seen.values())

    def _blocks_of(self, citation: Citation) -> list[_Block]:
        year = base_year(citation.year) or ""
        blocks = [self._block(("year", year), self.by_year.get(year, ()))]
        if citation.authors:
            initial = fold(citation.authors[0])[:1]
            blocks.append(self._block(("initial", initial), self.by_initial.get(initial, ())))
        return blocks

    def _block(self, key: tuple[str, str], entries: Sequence[ReferenceEntry]) -> _Block:
        block = self._blocks.get(key)
        if block is None:
            block = self._blocks[key] = _Block(list(entries), [(self.surnames[e.id] or [""])[0] for e in entries])
        return block

    def link(self, citation: Citation) -> Link:
        if citation.style == "pandoc":
            entry = self.by_key.get(citation.key or "")
            if entry:
                return Link(citation_id=citation.id, target_id=entry.id, score=100.0, how="exact")
            return Link(citation_id=citation.id, target_id=None)
        signature = (citation.authors, citation.et_al, citation.year, citation.title)
        answer = self._answers.get(signature)
        if answer is None:
            answer = self._answers[signature] = self._decide(citation)
        return Link(citation.id, *answer)

    def _decide(self, citation: Citation) -> tuple[str | None, float, str, tuple[str, ...]]:
        """(target, score, how, candidates) of the citation's link, which its signature decides."""
        scored = self._score(citation)
        if not scored:
            return None, 0.0, "unresolved", ()
        best_score, best_how, best_id = scored[0]
        ties = [s for s in scored if best_score - s[0] <= self.thresholds.tie]
        by_letter = self._by_suffix_letter(citation, ties) if len(ties) > 1 and best_how != "year-differs" else None
        if by_letter is not None:
            return by_letter[2], float(round(by_letter[0], 1)), "suffix-order", tuple(s[2] for s in ties)
        if len(ties) > 1 and best_how != "year-differs":
            return best_id, float(round(best_score, 1)), "ambiguous", tuple(s[2] for s in ties)
        return best_id, float(round(best_score, 1)), best_how, tuple(s[2] for s in scored[:3])

    def _by_suffix_letter(self, citation: Citation, ties: list[tuple[float, str, str]]) -> tuple[float, str, str] | None:
        """"Cembrowski et al., 2016a" and "…2016b" against two 2016 entries of Cembrowski that the
        list prints without letters: the letters number the works in the list's order (the order
        the style gives them their letters), so "a" is the first of the tied entries, "b" the
        second. None when the entries carry letters themselves or the letter is beyond them."""
        suffix = year_suffix(citation.year)
        if not suffix or any(year_suffix(self.by_id[tie[2]].year) for tie in ties):
            return None
        ordinal = ord(suffix) - ord("a")
        in_list_order = sorted(ties, key=lambda tie: self.position[tie[2]])
        return in_list_order[ordinal] if 0 <= ordinal < len(in_list_order) else None

    def _close(self, citation: Citation) -> list[ReferenceEntry]:
        """The candidates whose first author could score enough to link (see ``author_match``)."""
        t = self.thresholds
        cutoff = min(t.author_fuzzy, t.author_year_differs)
        if not citation.authors:
            return self.candidates(citation) if cutoff <= 0 else []
        cited = _without_particles(fold(citation.authors[0]))
        close: dict[str, ReferenceEntry] = {}
        for block in self._blocks_of(citation):
            # a little below the cut: a swapped letter in a short name ("Curz") scores under it by
            # ratio; ``surname_score`` then decides
            for _, _, i in process.extract(cited, block.cores, scorer=fuzz.ratio, limit=None,
                                           score_cutoff=cutoff - 10):
                close.setdefault(block.entries[i].id, block.entries[i])
            if cited and cutoff <= 96.0:  # "Lutz Kilian" against "Kilian": the last words agree (score 96)
                several = " " in cited
                for i in block.by_last.get(cited.split()[-1], ()):
                    if several or " " in block.firsts[i]:
                        close.setdefault(block.entries[i].id, block.entries[i])
        return list(close.values())

    def _first_author_score(self, cited: str, surname: str) -> float:
        key = (cited, surname)
        score = self._first_scores.get(key)
        if score is None:
            score = self._first_scores[key] = surname_score(cited, surname)
        return score

    def _score(self, citation: Citation) -> list[tuple[float, str, str]]:
        """(score, how, entry id) of every entry the citation could link to, best first."""
        scored = []
        t = self.thresholds
        cited_year, cited_suffix = base_year(citation.year), year_suffix(citation.year)
        floor = min(t.author_fuzzy, t.author_year_differs)
        # The co-author score depends on the entry's names and "et al." only: worked out once for
        # each (a generated list gives thousands of entries the same names).
        co_scores: dict[tuple[tuple[str, ...], bool], float] = {}
        for entry in self._close(citation):
            surnames = self.surnames[entry.id]
            named = bool(surnames and citation.authors)
            first = self._first_author_score(citation.authors[0], surnames[0]) if named else 0.0
            if first < floor:
                continue  # links on no count: the co-authors are not worth comparing
            if named:
                key = (tuple(surnames), entry.et_al)
                co = co_scores.get(key)
                if co is None:
                    co = co_scores[key] = _co_authors(citation, surnames, entry.et_al)
            else:
                co = 0.0
            entry_year, entry_suffix = self.years[entry.id]
            # An entry with no year links on its authors alone; REF001 reports the missing year.
            # A citation with no year (MLA) links on its names; so does an entry with no year
            # (REF001 reports the missing year).
            same_year = cited_year is None or entry_year == cited_year or entry.year is None
            suffix_ok = not cited_suffix or not entry_suffix or cited_suffix == entry_suffix
            if same_year and suffix_ok and first >= t.author_fuzzy:
                how = "exact" if first == 100.0 else "fuzzy-author"
                score = first * 0.8 + co * 0.2
            elif first >= t.author_year_differs and (not same_year or not suffix_ok):
                how = "year-differs"
                score = (first * 0.8 + co * 0.2) * 0.6
            else:
                continue
            if cited_suffix and entry_suffix == cited_suffix:
                score += 1.0
            if citation.title and entry.title and entry.authors:
                # MLA "(Smith, “Short Title” 12)": the title tells the author's works apart
                score += (title_score(citation.title, entry.title) - 70.0) * 0.3
            scored.append((score, how, entry.id))
        scored.sort(key=lambda s: (-s[0], s[2]))
        return scored


def link_notes(citations: Sequence[Citation], notes: Sequence[Note]) -> list[Link]:
    """Markers to notes of the same block and number; numeric markers to entry number n."""
    by_block_number = {(n.block, n.number): n for n in notes}
    links = []
    for c in citations:
        note = by_block_number.get((c.block, c.number))
        if note:
            links.append(Link(citation_id=c.id, target_id=note.id, score=100.0, how="exact"))
        else:
            links.append(Link(citation_id=c.id, target_id=None))
    return links


def resolve(citations: Sequence[Citation], entries: Sequence[ReferenceEntry], notes: Sequence[Note],
            thresholds: LinkThresholds = LinkThresholds()) -> list[Link]:
    resolver = Resolver(entries, thresholds)
    # Numeric markers point at an entry's own label ("3." / "[3]") or, unlabelled, its position.
    numbered = {int(e.label) if e.label and e.label.isdigit() else i + 1: e for i, e in enumerate(entries)}
    links: list[Link] = []
    markers = [c for c in citations if c.style == "note"]
    links.extend(link_notes(markers, notes))
    for c in citations:
        if c.style in ("author-year", "pandoc"):
            links.append(resolver.link(c))
        elif c.style == "numeric":
            entry = numbered.get(c.number or 0)
            # by position (citation id, target, score, how): a hostile document has 100,000
            links.append(Link(c.id, entry.id, 100.0, "exact") if entry else Link(c.id, None, 0.0, "unresolved"))
    if markers:  # their links came first: in citation order again (the others are in it already)
        order = {c.id: i for i, c in enumerate(citations)}
        links.sort(key=lambda link: order[link.citation_id])
    return links


def cited_by(links: Sequence[Link], ambiguous: bool = False, notes: Sequence[Note] = ()) -> dict[str, list[str]]:
    """Citation ids by the id of what they link to, in link order, then the ids of the notes that
    cite each bibliography entry (``Note.works``). With ``ambiguous``, a citation that matches
    several entries equally counts for each of them."""
    out: dict[str, list[str]] = defaultdict(list)
    for link in links:
        if ambiguous and link.how == "ambiguous":
            targets = link.candidates
        else:
            targets = (link.target_id,) if link.target_id else ()
        for target in targets:
            out[target].append(link.citation_id)
    for note in notes:
        if note.works:  # (most notes cite no entry of a bibliography: 50,000 "Ibid." notes)
            for target in dict.fromkeys(w.reference_id for w in note.works if w.reference_id):
                out[target].append(note.id)
    return dict(out)
