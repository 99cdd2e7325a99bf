"""verify(document, extraction, library) -> Verification: each quotation and figure of a claim that
cites a work whose text is in ``--sources``, looked up in that text.

Which works a claim cites: the reference entries and notes its own citations link to (every
candidate of an ambiguous one), and the work an attribution names when exactly one work with a
source has that author, title or publication ("the Basin Observer reported that …"). A claim
that only inherits a citation from its paragraph is not checked: whether the paragraph's
citation covers it is the document's convention, and a wrong guess would be a false alarm.

Quotations: see ``factcheck.verify.quote_search``. A quotation is found when one of the works
has it verbatim (after the normalisations of ``factcheck.verify.quote_pattern``); else altered
when one has it with words changed; else missing.

Figures: each number and date of the claim outside its quotations (a date that is only the
cited work's own year, "Okafor's 2019 study", is the citation's, not a fact; a count spelled out,
"the three cities", names a set rather than reports a figure). The passages of
the source that best match the claim's words are retrieved (``factcheck.verify.passages``); the
figure agrees when one of them, or a sentence next to one, states a value that agrees
(``factcheck.verify.values``), or when any sentence of the source that shares enough of the
claim's words does. Otherwise, when one of the best passages that is about the same thing
(``CONFLICT_RELEVANCE`` of the claim's words, or ``NEAR_RELEVANCE`` and a word next to the
figure), or the sentence before it, states a value of the same kind that agrees with none of the
claim's, the two conflict; otherwise the source does not state the figure. (Whether a figure
that agrees with nothing is reported as conflicting or as missing changes only the rule and the
evidence: a figure that agrees is never reported.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck.citations.model import Citation, Link, Note, ReferenceEntry
from factcheck.citations.names import fold
from factcheck.claims.model import Claim, Evidence
from factcheck.verify.library import SourceLibrary, SourceText
from factcheck.verify.matching import match_sources
from factcheck.verify.model import FigureCheck, Passage, QuoteCheck, SourceMatch, Verification
from factcheck.verify.passages import best_passages
from factcheck.verify.quote_pattern import parse_quote
from factcheck.verify.quote_search import QuoteMatch, search_quote
from factcheck.verify.source_index import SourceIndex, content_terms
from factcheck.verify.values import Figure, agree, can_compare, closeness, date_figure, number_figure, share_units
from factcheck.verify.words import Word

# Share of the claim's content words a passage must hold to be about the same thing: to state a
# conflicting value (CLM004), and, anywhere in the source, to confirm a value found there.
CONFLICT_RELEVANCE = 0.4
NEAR_RELEVANCE = 0.25  # ... or this share, and a word next to the figure
CONFIRM_RELEVANCE = 0.34
CONFIRM_MIN_SHARED = 2
_PASSAGES = 5
_MAX_PASSAGE = 700  # characters of a passage shown around a match
_LOCAL = 40  # characters on each side of a figure whose words are "next to" it
_LINKED = ("exact", "fuzzy-author", "year-differs")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b")
_BROKEN = re.compile(r"-\s+")  # a word broken at the end of a line, shown whole


@dataclass(frozen=True)
class _Work:
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


def verify(text: str, cited: Cited, library: SourceLibrary, tolerance: float = 0.1) -> Verification:
    """Match the library's files to the document's works, then look up each quotation and figure
    of the claims that cite them."""
    matches = match_sources(library, cited.references, cited.notes)
    if not matches:
        return Verification(matches=tuple(matches))
    by_path = {s.path: s for s in library.sources}
    years = {r.id: (r.year or "")[:4] or None for r in cited.references}
    for note in cited.notes:
        m = _YEAR.search(note.text)
        years[note.id] = m.group(1) if m else None
    works = {m.work_id: _Work(m.work_id, by_path[m.path], years.get(m.work_id)) for m in matches}
    citing = _CitedWorks(cited, works)
    quotes = _check_quotes(text, cited.claims, citing)
    figures = _check_figures(text, cited.claims, citing, tolerance)
    return Verification(tuple(matches), tuple(quotes), tuple(figures))


class _CitedWorks:
    """The works with a source that each claim cites."""

    def __init__(self, cited: Cited, works: dict[str, _Work]) -> None:
        self.works = works
        self.links: dict[str, Link] = {link.citation_id: link for link in cited.links}
        self.attributions: dict[str, Citation] = {c.id: c for c in cited.attributions}
        self.citations: dict[str, Citation] = {c.id: c for c in cited.citations}
        self.citations.update(self.attributions)
        self._attributed: dict[str, _Work | None] = {}
        self.references = {r.id: r for r in cited.references}
        # "Ibid." and "op. cit." notes cite the work of the note they repeat.
        self.repeats = {n.id: n.resolves_to for n in cited.notes if n.short_form and n.resolves_to}

    def of(self, claim: Claim) -> list[_Work]:
        out: dict[str, _Work] = {}
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

    def _attributed_work(self, attribution: Citation) -> _Work | None:
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


# -- quotations -------------------------------------------------------------------------------

def _check_quotes(text: str, claims: Sequence[Claim], cited: _CitedWorks) -> list[QuoteCheck]:
    # A quotation spanning two sentences is in two claims: it is checked once, against the
    # works either cites.
    quoted: dict[tuple[int, int], tuple[list[str], dict[str, _Work]]] = {}
    for claim in claims:
        works = cited.of(claim)
        for quote in claim.quotes:
            ids, seen = quoted.setdefault((quote.start, quote.end), ([], {}))
            ids.append(claim.id)
            seen.update((w.id, w) for w in works)
    out = []
    for (start, end), (claim_ids, works) in sorted(quoted.items()):
        if not works or _a_title(text[start:end], works.values(), cited):
            continue
        pattern = parse_quote(text, start, end)
        best: tuple[QuoteMatch, _Work] | None = None
        for work in works.values():
            match = search_quote(pattern, work.source.index.words)
            if best is None or _better(match, best[0]):
                best = (match, work)
        assert best is not None
        match, work = best
        searched = tuple(sorted({w.source.path for w in works.values()}))
        passage = _quote_passage(work, match) if match.ops else None
        if match.status == "altered":
            diff, source_words = _diff(text, pattern.words, work.source.index.text, work.source.index.words.words,
                                       match)
            out.append(QuoteCheck(tuple(claim_ids), start, end, "altered", searched, passage, diff, source_words))
        else:
            out.append(QuoteCheck(tuple(claim_ids), start, end, match.status, searched,
                                  passage if match.status == "found" else None))
    return out


def _a_title(quoted: str, works, cited: _CitedWorks) -> bool:
    """Whether quoted words are the title of a cited work ("In “Who Counts the Water?” Mensah
    shows …"): a title, not a quotation of the text (which may not repeat it)."""
    words = fold(quoted)
    for work in works:
        entry = cited.references.get(work.id)
        titles = [work.source.document.metadata.title] + ([entry.title] if entry is not None and entry.title else [])
        if any(t and fuzz.ratio(words, fold(t)) >= 90 for t in titles):
            return True
    return False


_RANK = {"found": 2, "altered": 1, "missing": 0}


def _better(a: QuoteMatch, b: QuoteMatch) -> bool:
    return (_RANK[a.status], a.aligned) > (_RANK[b.status], b.aligned)


def _quote_passage(work: _Work, match: QuoteMatch) -> Passage:
    words = work.source.index.words.words
    first, last = words[match.first], words[max(match.first, match.last - 1)]
    return _passage(work, first.start, last.end)


def _passage(work: _Work, start: int, end: int) -> Passage:
    """The sentence(s) around ``[start, end)`` of the source, cut to ``_MAX_PASSAGE`` characters."""
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
    if hi - lo > _MAX_PASSAGE:
        room = max(0, (_MAX_PASSAGE - (end - start)) // 2)
        lo, hi = max(lo, start - room), min(hi, end + room)
    return Passage(work.source.path, work.id, lo, hi, text[lo:hi], start, end, index.page_of(start))


def _diff(text: str, quote_words, source_text: str, source_words: Sequence[Word], match: QuoteMatch) -> tuple[str, str]:
    """The word diff ``[-source-]{+quotation+}`` (``[…]`` where the quotation leaves words out with
    an ellipsis or replaces them with an insertion; long unchanged runs shortened to ``…``) and
    the source's words for the quoted stretch. Words are shown as written (``text``: the
    document's, ``source_text``: the source's)."""

    def written(in_text: str, start: int, end: int) -> str:
        return _BROKEN.sub("-", " ".join(in_text[start:end].split()))

    parts: list[tuple[str, str, str]] = []  # ("same", word, "") | ("edit", source words, quotation words) | ("omitted", ...)
    for kind, qi, si in match.ops:
        if kind == "same":
            parts.append(("same", written(text, quote_words[qi].start, quote_words[qi].end), ""))
            continue
        if kind == "omitted":
            if not parts or parts[-1][0] != "omitted":
                parts.append(("omitted", "[…]", ""))
            continue
        if kind == "joined":  # the rest of a source word the quotation writes as one
            continue
        old = written(source_text, source_words[si].start, source_words[si].end) if si is not None else ""
        new = written(text, quote_words[qi].start, quote_words[qi].end) if qi is not None else ""
        if parts and parts[-1][0] == "edit":  # one bracket for a run of changes
            _, was_old, was_new = parts.pop()
            old, new = " ".join(filter(None, (was_old, old))), " ".join(filter(None, (was_new, new)))
        parts.append(("edit", old, new))
    shown: list[str] = []
    run: list[str] = []

    def flush(last: bool) -> None:
        keep = 3
        if len(run) > 2 * keep + 1:
            head = run[:keep] if shown else []
            tail = [] if last else run[-keep:]
            shown.extend([*head, "…", *tail])
        else:
            shown.extend(run)
        run.clear()

    for kind, first, second in parts:
        if kind == "same":
            run.append(first)
            continue
        flush(False)
        if kind == "omitted":
            shown.append(first)
        else:
            shown.append((f"[-{first}-]" if first else "") + (f"{{+{second}+}}" if second else ""))
    flush(True)
    placed = [si for _, _, si in match.ops if si is not None]
    words = " ".join(source_text[source_words[placed[0]].start:source_words[placed[-1]].end].split()) if placed else ""
    return " ".join(shown).strip(), words


# -- figures ----------------------------------------------------------------------------------

def _check_figures(text: str, claims: Sequence[Claim], cited: _CitedWorks, tolerance: float) -> list[FigureCheck]:
    out = []
    for claim in claims:
        works = cited.of(claim)
        if not works or not (claim.numbers or claim.dates):
            continue
        figures = _claim_figures(text, claim, works, tolerance)
        if not figures:
            continue
        skip = [(q.start, q.end) for q in claim.quotes] + [(f.start, f.end) for f in figures]
        skip += [(c.start, c.end) for cid in claim.citation_ids if (c := cited.citations.get(cid)) is not None]
        query = content_terms(text, claim.start, claim.end, skip)
        results: dict[int, FigureCheck] = {}
        for work in works:
            for check in _against(text, claim, figures, query, skip, work, tolerance):
                previous = results.get(check.start)
                if previous is None or _FIGURE_RANK[check.status] > _FIGURE_RANK[previous.status]:
                    results[check.start] = check
        searched = tuple(sorted({w.source.path for w in works}))
        out.extend(FigureCheck(c.claim_id, c.start, c.end, c.kind, c.status, searched, c.passage, c.stated)
                   for c in sorted(results.values(), key=lambda c: c.start))
    return out


_FIGURE_RANK = {"agrees": 2, "conflicts": 1, "missing": 0}


def _claim_figures(text: str, claim: Claim, works: Sequence[_Work], tolerance: float) -> list[Figure]:
    """The claim's numbers and dates worth checking: outside its quotations, not coarser than a
    year, and not a cited work's own year standing alone."""
    quoted = [(q.start, q.end) for q in claim.quotes]
    years = {w.year for w in works if w.year}
    figures: list[Figure] = []
    for date in claim.dates:
        if any(s <= date.start < e for s, e in quoted) or date.precision in ("decade", "century") or not date.valid:
            continue
        if date.precision == "year" and not date.range_end and date.iso[:4] in years:
            continue
        figures.append(date_figure(date))
    for number in claim.numbers:
        if any(s <= number.start < e for s, e in quoted):
            continue
        figures.append(number_figure(number, text, tolerance))
    figures = share_units(sorted(figures, key=lambda f: f.start), text, tolerance)
    # "The three cities", "two studies": a writer names a set, not a figure reported from the work.
    return [f for f in figures if not f.spelled_count]


def _against(text: str, claim: Claim, figures: Sequence[Figure], query: list[str], skip: list[tuple[int, int]],
             work: _Work, tolerance: float) -> list[FigureCheck]:
    index = work.source.index
    wanted = set(query)
    ranked = [i for _, i in best_passages(query, index.bm25, index.terms, _PASSAGES)]
    near: list[int] = []
    for i in ranked:  # the best passages, then the sentences next to them
        near.extend(j for j in (i, i - 1, i + 1) if 0 <= j < len(index.sentences) and j not in near)
    checks: dict[int, FigureCheck] = {}
    locals_ = {f.start: set(content_terms(text, max(claim.start, f.start - _LOCAL), min(claim.end, f.end + _LOCAL),
                                          skip)) for f in figures}
    for figure in figures:
        passage = _agreeing(index, near, figure, wanted, locals_[figure.start], tolerance, work)
        if passage is None:
            passage = _confirmed_anywhere(index, figure, wanted, tolerance, work)
        if passage is not None:
            checks[figure.start] = FigureCheck(claim.id, figure.start, figure.end, figure.kind, "agrees", (), passage)
    used: set[int] = set()
    for figure in figures:
        if figure.start in checks:
            continue
        other = _conflicting(index, ranked, figure, figures, wanted, locals_[figure.start], used, tolerance)
        if other is None:
            checks[figure.start] = FigureCheck(claim.id, figure.start, figure.end, figure.kind, "missing", ())
            continue
        used.add(other.start)
        checks[figure.start] = FigureCheck(claim.id, figure.start, figure.end, figure.kind, "conflicts", (),
                                           _passage(work, other.start, other.end), other.text)
    return list(checks.values())


def _conflicting(index: SourceIndex, ranked: Sequence[int], figure: Figure, figures: Sequence[Figure],
                 wanted: set[str], local: set[str], used: set[int], tolerance: float) -> Figure | None:
    """The value a passage about the same thing states instead of ``figure``: in the best passages
    that hold ``CONFLICT_RELEVANCE`` of the claim's words (or ``NEAR_RELEVANCE`` of them and a word
    next to the figure), or in the sentence before one of them (where "In the drought of 2011"
    dates the sentence that follows)."""
    for i in ranked:
        terms = index.terms[i]
        relevance = _relevance(wanted, terms)
        if relevance < NEAR_RELEVANCE or (relevance < CONFLICT_RELEVANCE and not local.intersection(terms)):
            continue
        for j in (i, i - 1):
            if j < 0 or (j < i and not index.same_paragraph(j, i)):
                continue
            for g in index.figures(j, tolerance):
                if g.start not in used and can_compare(figure, g) and not any(agree(f, g) for f in figures):
                    return g
    return None


def _agreeing(index: SourceIndex, sentences: Sequence[int], figure: Figure, wanted: set[str], local: set[str],
              tolerance: float, work: _Work) -> Passage | None:
    """The first of ``sentences`` (the best passages and their neighbours) that states a value
    agreeing with ``figure`` and is about it: it holds ``CONFIRM_RELEVANCE`` of the claim's words,
    or a word next to the figure in the claim."""
    for i in sentences:
        terms = index.terms[i]
        if _relevance(wanted, terms) < CONFIRM_RELEVANCE and not local.intersection(terms):
            continue
        agreeing = [g for g in index.figures(i, tolerance) if agree(figure, g)]
        if agreeing:
            best = max(agreeing, key=lambda g: closeness(figure, g))
            return _passage(work, best.start, best.end)
    return None


def _confirmed_anywhere(index: SourceIndex, figure: Figure, wanted: set[str], tolerance: float,
                        work: _Work) -> Passage | None:
    """A sentence anywhere in the source that states the value and shares enough of the claim's words."""
    best: tuple[float, Figure] | None = None
    for i, terms in enumerate(index.terms):
        shared = len(wanted.intersection(terms))
        if shared < CONFIRM_MIN_SHARED or not wanted or shared / len(wanted) < CONFIRM_RELEVANCE:
            continue
        for g in index.figures(i, tolerance):
            if agree(figure, g) and (best is None or shared > best[0]):
                best = (shared, g)
    return _passage(work, best[1].start, best[1].end) if best else None


def _relevance(wanted: set[str], terms: Sequence[str]) -> float:
    return len(wanted.intersection(terms)) / len(wanted) if wanted else 0.0


# -- evidence ---------------------------------------------------------------------------------

def with_evidence(claims: Sequence[Claim], verification: Verification, text: str) -> tuple[Claim, ...]:
    """The claims with what was found of them in the sources; a claim all of whose quotations and
    figures were found gets support ``verified-in-source``."""
    evidence: dict[str, list[Evidence]] = {}
    checked: dict[str, list[bool]] = {}
    for q in verification.quotes:
        for cid in q.claim_ids:
            checked.setdefault(cid, []).append(q.status == "found")
            if q.status == "found" and q.passage is not None:
                evidence.setdefault(cid, []).append(_evidence("quote", text[q.start:q.end], q.passage))
    for f in verification.figures:
        checked.setdefault(f.claim_id, []).append(f.status == "agrees")
        if f.status == "agrees" and f.passage is not None:
            evidence.setdefault(f.claim_id, []).append(_evidence("figure", text[f.start:f.end], f.passage))
    out = []
    for claim in claims:
        found = evidence.get(claim.id)
        if not found:
            out.append(claim)
            continue
        update: dict = {"evidence": tuple(found)}
        if all(checked.get(claim.id, [False])):
            update["support"] = "verified-in-source"
        out.append(claim.model_copy(update=update))
    return tuple(out)


def _evidence(kind: str, claimed: str, passage: Passage) -> Evidence:
    return Evidence(kind=kind, claimed=claimed, path=passage.path, work=passage.work, page=passage.page,
                    start=passage.start, end=passage.end, passage=passage.text, match_start=passage.match_start,
                    match_end=passage.match_end, found=passage.found)


__all__ = ["Cited", "SourceMatch", "Verification", "verify", "with_evidence"]
