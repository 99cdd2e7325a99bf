"""verify(document, cited, library) -> Verification: the document's works matched to the files of
``--sources``, and each quotation and figure of the claims that cite them looked up there
(``factcheck.verify.quotations``, ``factcheck.verify.figures``; which works a claim cites:
``factcheck.verify.works``); ``with_evidence`` puts what was found into the claim records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.claims.model import Claim, Evidence
from factcheck.verify.figures import check_figures
from factcheck.verify.library import SourceLibrary
from factcheck.verify.matching import match_sources
from factcheck.verify.model import Passage, SourceMatch, Verification
from factcheck.verify.quotations import check_quotes
from factcheck.verify.works import Cited, CitedWork, CitedWorks

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b")


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
    works = {m.work_id: CitedWork(m.work_id, by_path[m.path], years.get(m.work_id)) for m in matches}
    citing = CitedWorks(cited, works)
    quotes = check_quotes(text, cited.claims, citing)
    figures = check_figures(text, cited.claims, citing, tolerance)
    return Verification(tuple(matches), tuple(quotes), tuple(figures))


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
