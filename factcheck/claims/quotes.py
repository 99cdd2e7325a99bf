"""Direct quotations and who said them.

Why: CLM002 flags quotations with no speaker or source, CLM003 looks the quoted words up in the
cited work. A quotation is text between quote marks that runs to three words or more; shorter
ones are scare quotes or terms ("technical", "grand bargain") and are left out.

Pairs accepted: “…”, "…" and ‘…’, plus the mismatched ‘…” that sloppy authors write. An opening
mark must not sit inside a word; ’ closes only when no letter follows it, so apostrophes
("Kabul’s", "It’s") never close a quotation. A quotation inside another (“… ‘gender
apartheid’ …”) is part of the outer one, whose closing mark it does not use. The search for a closing mark is bounded, so unbalanced marks cost little.

The speaker comes from the attributing phrases of the sentence(s) the quotation sits in (see
``factcheck.claims.attribution``): the nearest named one; None when there is none or it is vague
("an official said" leaves the speaker unnamed on purpose).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from factcheck.claims.attribution import Phrase, attribution_phrases
from factcheck.claims.model import Quotation
from factcheck.text.sentences import sentence_spans

_CLOSERS = {"“": "”\"", "\"": "\"”", "‘": "’”"}
_OPENING = re.compile("[“\"‘]")
_CLOSE_CANDIDATES = {mark: re.compile("[\n" + closers + "]") for mark, closers in _CLOSERS.items()}
_MAX_QUOTE = 1500  # characters searched for the closing mark
_MIN_WORDS = 3


def find_quotations(text: str, start: int = 0, end: int | None = None,
                    sentences: Sequence[tuple[int, int]] | None = None) -> list[Quotation]:
    """Quotations of three words or more in ``text[start:end]``, with their speakers.

    ``sentences``: the (start, end) of the sentences of that range when the caller has them;
    otherwise they are split here. The speaker is looked for in the quotation's sentence(s).
    """
    end = len(text) if end is None else end
    spans = _quote_spans(text, start, end)
    if not spans:
        return []
    if sentences is None:
        sentences = sentence_spans(text, start, end)
    out = []
    phrases_cache: dict[tuple[int, int], list[Phrase]] = {}
    sentences = sorted(sentences)
    ends = [e for _, e in sentences]
    for q_start, q_end in spans:
        context = _context(sentences, ends, q_start, q_end) or (start, end)
        if context not in phrases_cache:
            phrases_cache[context] = attribution_phrases(text, *context)
        speaker = _speaker(phrases_cache[context], q_start - 1, q_end + 1)
        out.append(Quotation(start=q_start, end=q_end, text=text[q_start:q_end], speaker=speaker))
    return out


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of quoted text, marks excluded, for quotations of three words or more."""
    out = []
    pos = start
    while True:
        m = _OPENING.search(text, pos, end)
        if m is None:
            break
        i = pos = m.start() + 1
        if not _opens(text, i - 1, start, end):
            continue
        i -= 1
        close = _find_close(text, i, min(end, i + _MAX_QUOTE))
        if close is None:
            continue
        inner_start, inner_end = i + 1, close
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        while inner_end > inner_start and text[inner_end - 1] == ",":
            inner_end -= 1  # "…issue," said X: the comma is the sentence's, not the speaker's
        if len(text[inner_start:inner_end].split()) >= _MIN_WORDS:
            out.append((inner_start, inner_end))
        pos = close + 1
    return out


def _opens(text: str, i: int, start: int, end: int) -> bool:
    """An opening mark: not inside a word, and followed by something quoted."""
    if i + 1 >= end or text[i + 1].isspace():
        return False
    if i > start and text[i - 1].isalnum():
        return False  # "Kabul‘s" typos, 5" (inches)
    return True


def _find_close(text: str, i: int, limit: int) -> int | None:
    closers = _CLOSERS[text[i]]
    candidates = _CLOSE_CANDIDATES[text[i]]
    j = i + 1
    while True:
        # Jump from candidate to candidate (a closing mark or a newline): a quotation runs to
        # hundreds of characters, and each is looked at once, not one Python step per character.
        m = candidates.search(text, j, limit)
        if m is None:
            return None
        j = m.start()
        ch = text[j]
        if ch == "\n":
            if text[j + 1 : j + 2] == "\n" and text[i] != "“":
                return None  # straight and single quotes do not run across paragraphs
        elif ch in closers and text[j - 1] not in " \n":
            if ch == "’" and j + 1 < len(text) and text[j + 1].isalpha():
                pass  # an apostrophe: "It’s", "Kabul’s"
            elif ch == "\"" and j + 1 < len(text) and text[j + 1].isalnum():
                pass
            else:
                return j
        j += 1


def _context(sentences: list[tuple[int, int]], ends: list[int], q_start: int,
             q_end: int) -> tuple[int, int] | None:
    """From the first to the last sentence the quotation overlaps."""
    first = last = None
    for s, e in sentences[bisect_right(ends, q_start):]:
        if e > q_start and s < q_end:
            first = s if first is None else first
            last = e
        elif s >= q_end:
            break
    return (first, last) if first is not None else None


def _speaker(phrases: list[Phrase], q_start: int, q_end: int) -> str | None:
    """The nearest named attribution outside the quotation; None if only vague ones."""
    best, best_distance = None, None
    for p in phrases:
        if p.start >= q_start and p.end <= q_end:
            continue  # inside the quotation itself
        distance = q_start - p.end if p.end <= q_start else p.start - q_end
        distance = max(0, distance)
        if best_distance is None or distance < best_distance:
            best, best_distance = p, distance
    if best is None or best.vague or best.anaphor:
        return None
    return best.speaker or best.source
