"""Each number and date of a claim that cites a work with a source, compared with its passages.

Which figures: the claim's numbers and dates outside its quotations (a date that is only the
cited work's own year, "Okafor's 2019 study", is the citation's, not a fact; a count spelled out,
"the three cities", names a set rather than reports a figure). The passages of the source that
best match the claim's words are retrieved (``factcheck.verify.passages``); the figure agrees
when one of them, or a sentence next to one, is about it (``CONFIRM_RELEVANCE`` of the claim's
words, or a word next to the figure) and states a value that agrees (``factcheck.verify.values``),
or when any sentence of the source that shares enough of the claim's words does. Otherwise, when
one of the best passages that is about the same thing (``CONFLICT_RELEVANCE`` of the claim's
words, or ``NEAR_RELEVANCE`` and a word next to the figure), or the sentence before it, states a
value of the same kind that agrees with none of the claim's, the two conflict; otherwise the
source does not state the figure. (Whether a figure that agrees with nothing is reported as
conflicting or as missing changes only the rule and the evidence: a figure that agrees is never
reported.)
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.claims.model import Claim
from factcheck.verify.model import FigureCheck, Passage
from factcheck.verify.passages import best_passages
from factcheck.verify.source_index import SourceIndex, content_terms
from factcheck.verify.values import Figure, agree, can_compare, closeness, date_figure, number_figure, share_units
from factcheck.verify.works import CitedWork, CitedWorks, passage_around

# Share of the claim's content words a passage must hold to be about the same thing: to state a
# conflicting value (CLM004), and, anywhere in the source, to confirm a value found there.
CONFLICT_RELEVANCE = 0.4
NEAR_RELEVANCE = 0.25  # ... or this share, and a word next to the figure
CONFIRM_RELEVANCE = 0.34
CONFIRM_MIN_SHARED = 2
_PASSAGES = 5
_LOCAL = 40  # characters on each side of a figure whose words are "next to" it


def check_figures(text: str, claims: Sequence[Claim], cited: CitedWorks, tolerance: float) -> list[FigureCheck]:
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


def _claim_figures(text: str, claim: Claim, works: Sequence[CitedWork], tolerance: float) -> list[Figure]:
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
             work: CitedWork, tolerance: float) -> list[FigureCheck]:
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
                                           passage_around(work, other.start, other.end), other.text)
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
              tolerance: float, work: CitedWork) -> Passage | None:
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
            return passage_around(work, best.start, best.end)
    return None


def _confirmed_anywhere(index: SourceIndex, figure: Figure, wanted: set[str], tolerance: float,
                        work: CitedWork) -> Passage | None:
    """A sentence anywhere in the source that states the value and shares enough of the claim's words."""
    best: tuple[float, Figure] | None = None
    for i, terms in enumerate(index.terms):
        shared = len(wanted.intersection(terms))
        if shared < CONFIRM_MIN_SHARED or not wanted or shared / len(wanted) < CONFIRM_RELEVANCE:
            continue
        for g in index.figures(i, tolerance):
            if agree(figure, g) and (best is None or shared > best[0]):
                best = (shared, g)
    return passage_around(work, best[1].start, best[1].end) if best else None


def _relevance(wanted: set[str], terms: Sequence[str]) -> float:
    return len(wanted.intersection(terms)) / len(wanted) if wanted else 0.0
