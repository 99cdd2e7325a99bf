"""Each quotation of a claim that cites a work with a source, looked up in the source's words.

A quotation is found when one of the works has it verbatim (after the normalisations of
``factcheck.verify.quote_pattern``); else altered when one has it with words changed
(``factcheck.verify.quote_search``), with a word diff; else missing. Quoted words that are the
title of a cited work are a title, not a quotation of its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from factcheck.citations.names import fold
from factcheck.claims.model import Claim
from factcheck.verify.model import Passage, QuoteCheck
from factcheck.verify.quote_pattern import QuoteWord, parse_quote
from factcheck.verify.quote_search import QuoteMatch, search_quote
from factcheck.verify.words import Word
from factcheck.verify.works import CitedWork, CitedWorks, passage_around

_BROKEN = re.compile(r"-\s+")  # a word broken at the end of a line, shown whole
_LINE_BREAK = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")  # the same in a stretch of several words


def check_quotes(text: str, claims: Sequence[Claim], cited: CitedWorks) -> list[QuoteCheck]:
    """Each quotation of the claims that cite a work with a source, looked up in each such work.
    A quotation spanning two sentences is in two claims: it is checked once, against the works
    either cites."""
    quoted: dict[tuple[int, int], tuple[list[str], dict[str, CitedWork]]] = {}
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
        best: tuple[QuoteMatch, CitedWork] | None = None
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


def _a_title(quoted: str, works: Iterable[CitedWork], cited: CitedWorks) -> bool:
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


def _quote_passage(work: CitedWork, match: QuoteMatch) -> Passage:
    words = work.source.index.words.words
    first, last = words[match.first], words[max(match.first, match.last - 1)]
    return passage_around(work, first.start, last.end)


def _diff(text: str, quote_words: Sequence[QuoteWord], source_text: str, source_words: Sequence[Word], match: QuoteMatch) -> tuple[str, str]:
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
    stretch = source_text[source_words[placed[0]].start:source_words[placed[-1]].end] if placed else ""
    # A word the source broke at the end of a line is shown whole, as in the diff ("wet-lands", not "wet- lands").
    words = " ".join(_LINE_BREAK.sub("-", stretch).split())
    return " ".join(shown).strip(), words
