"""The works a document cites that have a source file, which of them each claim cites, and
passages of their texts.

Which works a claim cites: the reference entries and notes its own citations link to (every
candidate of an ambiguous one; for "Ibid." and "op. cit.", the note they repeat), and the work an
attribution names when exactly one work with a source has that author, title or publication
("the Basin Observer reported that …"). A claim that only inherits a citation from its paragraph
is not checked: whether the paragraph's citation covers it is the document's convention, and a
wrong guess would be a false alarm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck.citations.model import Citation, Link, Note, ReferenceEntry
from factcheck.citations.names import fold
from factcheck.claims.model import Claim
from factcheck.verify.library import SourceText
from factcheck.verify.model import Passage

MAX_PASSAGE = 700  # characters of a passage shown around a match
_LINKED = ("exact", "fuzzy-author", "year-differs", "suffix-order")


@dataclass(frozen=True)
class CitedWork:
    """A reference entry or note (``id``) with its source file and its year."""

    id: str
    source: SourceText
    year: str | None


@dataclass(frozen=True)
class Cited:
    """What a document says it cites: its claims, citations, works and the links between them
    (the parts of an ``Extraction`` verification reads)."""

    claims: Sequence[Claim]
    citations: Sequence[Citation]
    attributions: Sequence[Citation]
    references: Sequence[ReferenceEntry]
    notes: Sequence[Note]
    links: Sequence[Link]


class CitedWorks:
    """The works with a source that each claim cites."""

    def __init__(self, cited: Cited, works: dict[str, CitedWork]) -> None:
        self.works = works
        self.links: dict[str, Link] = {link.citation_id: link for link in cited.links}
        self.attributions: dict[str, Citation] = {c.id: c for c in cited.attributions}
        self.citations: dict[str, Citation] = {c.id: c for c in cited.citations}
        self.citations.update(self.attributions)
        self._attributed: dict[str, CitedWork | None] = {}
        self.references = {r.id: r for r in cited.references}
        # "Ibid." and "op. cit." notes cite the work of the note they repeat.
        self.repeats = {n.id: n.resolves_to for n in cited.notes if n.short_form and n.resolves_to}

    def of(self, claim: Claim) -> list[CitedWork]:
        out: dict[str, CitedWork] = {}
        for cid in claim.citation_ids:
            link = self.links.get(cid)
            target = link.target_id if link is not None else None
            target = self.repeats.get(target, target) if target else target
            if link is not None and link.how in _LINKED and target in self.works:
                out[target] = self.works[target]
            elif link is not None and link.how == "ambiguous":
                out.update((t, self.works[t]) for t in link.candidates if t in self.works)
            elif cid in self.attributions:
                work = self._attributed_work(self.attributions[cid])
                if work is not None:
                    out[work.id] = work
        return list(out.values())

    def _attributed_work(self, attribution: Citation) -> CitedWork | None:
        """The one work with a source whose author, title or publication the attribution names."""
        name = attribution.source
        if not name or attribution.vague:
            return None
        if name not in self._attributed:
            folded = fold(name)
            found = []
            for work in self.works.values():
                entry = self.references.get(work.id)
                if entry is None:
                    continue
                surnames = [fold(a.surname) for a in entry.authors if a.surname]
                names = [fold(n) for n in (entry.title, entry.container) if n]
                if (surnames and folded.split()[-1:] == surnames[0].split()[-1:]) or any(
                        fuzz.token_set_ratio(folded, n) >= 90 for n in names if len(n.split()) >= 2):
                    found.append(work)
            self._attributed[name] = found[0] if len(found) == 1 else None
        return self._attributed[name]


def passage_around(work: CitedWork, start: int, end: int) -> Passage:
    """The sentence(s) around ``[start, end)`` of the source, cut to ``MAX_PASSAGE`` characters."""
    index = work.source.index
    text = index.text
    first, last = index.sentence_at(start), index.sentence_at(max(start, end - 1))
    lo = index.sentences[first][0] if first is not None else text.rfind("\n", 0, start) + 1
    if last is not None:
        hi = index.sentences[last][1]
    else:
        newline = text.find("\n", end)
        hi = len(text) if newline < 0 else newline
    lo, hi = min(lo, start), max(hi, end)
    if hi - lo > MAX_PASSAGE:
        room = max(0, (MAX_PASSAGE - (end - start)) // 2)
        lo, hi = max(lo, start - room), min(hi, end + room)
    return Passage(work.source.path, work.id, lo, hi, text[lo:hi], start, end, index.page_of(start))
