"""Direct quotations and who said them.

Why: CLM002 flags quotations with no speaker or source, CLM003 looks the quoted words up in the
cited work. A quotation is text between quote marks that runs to three words or more; shorter
ones are scare quotes or terms ("technical", "grand bargain") and are left out.

Pairs accepted: “…”, "…" and ‘…’, plus the mismatched ‘…” that sloppy authors write. An opening
mark must not sit inside a word; ’ closes only when no letter follows it, so apostrophes
("Kabul’s", "It’s") never close a quotation. A quotation inside another (“… ‘gender
apartheid’ …”) is part of the outer one, whose closing mark it does not use. The search for a closing mark is bounded, so unbalanced marks cost little.

The speaker comes from the attributing phrases of the sentence(s) the quotation sits in (see
``factcheck.claims.attribution``): the nearest one, named, or vague ("an official said" leaves the
speaker unnamed on purpose); or from the subject of a clause that introduces the quotation with a
colon. Each quotation also gets its kind (``factcheck.claims.quote_kinds``): only speech needs a
speaker. Speakers carried over from the paragraph before are ``factcheck.claims.extract``'s
business, which sees the whole document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from factcheck.citations.model import Citation
from factcheck.claims.attribution import Phrase, attribution_phrases
from factcheck.claims.attribution_subjects import person_name, single_name
from factcheck.claims.attribution_words import DETS, GENERIC, INDEF, MODIFIERS, Tok, tokenize
from factcheck.claims.model import Quotation
from factcheck.claims.quote_kinds import bibliographic, may_display, quote_kind
from factcheck.text.lazy_regex import regex
from factcheck.text.sentences import sentence_spans

_CLOSERS = {"“": "”\"", "\"": "\"”", "‘": "’”"}
_OPENING = regex("[“\"‘]")
_CLOSE_CANDIDATES = {mark: regex("[\n" + closers + "]") for mark, closers in _CLOSERS.items()}
_MAX_QUOTE = 1500  # characters searched for the closing mark
_MIN_WORDS = 3
_JOINED = regex("[”\"’]?[,;]?\\s+(?:or|and|to|nor)\\s+[“\"‘]|[”\"’]?,\\s+[“\"‘]")


def find_quotations(text: str, start: int = 0, end: int | None = None,
                    sentences: Sequence[tuple[int, int]] | None = None,
                    attributions: Sequence[Citation] | None = None) -> list[Quotation]:
    """Quotations of three words or more in ``text[start:end]``, with their kinds and speakers.

    ``sentences``: the (start, end) of the sentences of that range when the caller has them;
    otherwise they are split here. ``attributions``: the document's attribution citations, their
    anaphora resolved ("she said" -> the person named before), sorted by place; without them the
    attributing phrases of each quotation's sentence(s) are read here, unresolved. The speaker is
    the nearest attribution of the quotation's sentence(s) outside the quotation, or the named
    subject of a clause introducing it with a colon ("Uber tweeted this announcement: “...”",
    "Ana Lee: ‘...’").
    """
    end = len(text) if end is None else end
    spans = _quote_spans(text, start, end)
    if not spans:
        return []
    if sentences is None:
        sentences = sentence_spans(text, start, end)
    out = []
    phrases_cache: dict[tuple[int, int], list[_Credit]] = {}
    ends_cache: dict[tuple[int, int], list[int]] = {}
    display_cache: dict[tuple[int, int], bool] = {}
    sentences = sorted(sentences)
    ends = [e for _, e in sentences]
    credits = None if attributions is None else _Credits(attributions)
    in_bibliography: bool | None = None
    for q_start, q_end in spans:
        context = _context(sentences, ends, q_start, q_end) or (start, end)
        if context not in phrases_cache:
            phrases_cache[context] = (credits.within(*context) if credits is not None
                                      else [_Credit(p.start, p.end, None, _phrase_source(p), p.vague, p.source)
                                            for p in attribution_phrases(text, *context)])
        phrases = phrases_cache[context]
        if context not in ends_cache:
            ends_cache[context] = [p.end for p in phrases]
        credit = _nearest(phrases, ends_cache[context], q_start - 1, q_end + 1)
        if credit is None:
            credit = _colon_speaker(text, context[0], q_start) or _signature(text, q_end, end)
        # A hedge ("was seen as") names no one and says nothing of the words' kind.
        if in_bibliography is None:
            in_bibliography = bibliographic(text, start, end)
        if context not in display_cache:
            display_cache[context] = may_display(text, *context)
        kind = quote_kind(text, q_start, q_end, context, in_bibliography,
                          credit is not None and credit.source is not None, display_cache[context])
        if out and _JOINED.fullmatch(text, out[-1].end, q_start):
            kind = out[-1].kind  # “Give me a nonce” or “I need a unique integer”: one list, one kind
        speaker = credit.source if credit is not None and not credit.vague else None
        out.append(Quotation.of(q_start, q_end, text[q_start:q_end], speaker, kind,
                                credit.id if credit is not None else None, credit is not None and credit.vague,
                                (credit.credited or credit.source) if credit is not None else None))
    return out


class _Credit(NamedTuple):
    """An attribution as a quotation reads it: where, its citation id, whom it names, how vaguely."""

    start: int
    end: int
    id: str | None
    source: str | None
    vague: bool
    credited: str | None = None  # the attribution's whole source ("harbour master, Piet Olsen")


def _phrase_source(p: Phrase) -> str | None:
    if p.anaphor:
        return None  # unresolved here ("she said" with no document to look back in)
    return p.speaker or p.source


class _Credits:
    """The document's attributions, looked up by the sentence range they fall in."""

    def __init__(self, attributions: Sequence[Citation]) -> None:
        self.items = sorted(attributions, key=lambda c: c.start)
        self.starts = [c.start for c in self.items]

    def within(self, start: int, end: int) -> list[_Credit]:
        found = self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return [_Credit(c.start, c.end, c.id, _speaker_of(c), c.vague, c.source) for c in found if c.end <= end]


def _speaker_of(c: Citation) -> str | None:
    """The person an attribution names ("Piet Olsen" of "harbour master, Piet Olsen"), else its source."""
    if c.source is None or c.vague:
        return c.source
    return person_name(tokenize(c.source, 0, len(c.source))) or c.source


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


_SHORT_TAIL = 60  # characters: "Rothman said." after a quotation that ends in "!" or "?"


def _context(sentences: list[tuple[int, int]], ends: list[int], q_start: int,
             q_end: int) -> tuple[int, int] | None:
    """From the first to the last sentence the quotation overlaps, and the short sentence after
    it when the quotation ends its sentence with "!" or "?" ("“…a co-author!” Rothman said.")."""
    first = last = None
    following = None
    for s, e in sentences[bisect_right(ends, q_start):]:
        if e > q_start and s < q_end:
            first = s if first is None else first
            last = e
        elif s >= q_end:
            following = (s, e)
            break
    if first is None:
        return None
    if following is not None and last is not None and last - q_end <= 2 and following[1] - following[0] <= _SHORT_TAIL:
        last = following[1]
    return first, last


def _nearest(phrases: list[_Credit], ends: list[int], q_start: int, q_end: int) -> _Credit | None:
    """The nearest attribution outside the quotation (vague or not); None if none, or if the
    nearest is an anaphor left unresolved. ``phrases`` are sorted and do not overlap: only the
    last one before the quotation and the first ones after it can be nearest."""
    k = bisect_right(ends, q_start) if len(phrases) > _FEW else 0
    near = phrases[max(0, k - 1):k + 3] if len(phrases) > _FEW else phrases
    best, best_distance = None, None
    for p in near:
        if p.start >= q_start and p.end <= q_end:
            continue  # inside the quotation itself
        distance = q_start - p.end if p.end <= q_start else p.start - q_end
        distance = max(0, distance)
        if best_distance is None or distance < best_distance:
            best, best_distance = p, distance
    if best is None or (best.source is None and not best.vague):
        return None
    return best


_SIGNATURE_CHARS = 80
_FEW = 8  # attributions in a sentence read one by one; more are bisected
_COLON_CLAUSE = 400  # characters read back from a colon for the clause that introduces a quotation


def _signature(text: str, q_end: int, end: int) -> _Credit | None:
    """A quotation signed with its speaker's name: “...” —Mark Twain, or “...” Ana Lee, Grade 9 (a
    name and nothing but names, numbers and places to the end of the line)."""
    k = q_end
    while k < end and text[k] in "”\"’.,!? \u00a0":
        k += 1
    dash = k < end and text[k] in "—–-"
    # The line is read no further than a signature can reach: a 1 MB line holds thousands of quotations.
    reach = min(end, k + _SIGNATURE_CHARS + 1)
    line_end = text.find("\n", k, reach)
    line_end = reach if line_end == -1 else line_end
    if line_end - k > _SIGNATURE_CHARS and not dash:
        return None
    toks = tokenize(text, k, min(line_end, k + _SIGNATURE_CHARS))
    if not dash and any(t.word and not t.cap and not t.text[0].isdigit() for t in toks):
        return None
    name = person_name([t for t in toks if t.word][:4])
    return _Credit(k, min(line_end, k + _SIGNATURE_CHARS), None, name, False) if name else None


_INTRO = frozenset("in on at after before during for with as while when since despite amid following "
                   "later earlier then still yet but and so".split())
_CAPTION_WORDS = frozenset("media caption video image photo picture watch listen audio".split())


def _colon_speaker(text: str, sentence_start: int, q_start: int) -> _Credit | None:
    """The subject of the clause that introduces a quotation with a colon.

    "Uber stepped in and tweeted this announcement: “...”", "Rachel Stephens, senior analyst at
    X, shared her view: “...”", "Media caption Ana Lee: ‘...’"; a subject that names no one
    ("Another respondent highlighted ...: “...”") is a vague source.
    """
    colon = q_start - 2
    while colon > sentence_start and text[colon] in " \u00a0":
        colon -= 1
    if colon <= sentence_start or text[colon] != ":":
        return None
    toks = tokenize(text, max(sentence_start, colon - _COLON_CLAUSE), colon)
    if not toks:
        return None
    words = [t for t in toks if t.word]
    if len(toks) <= 6 and all(t.word for t in toks):
        name = person_name([t for t in toks if t.low not in _CAPTION_WORDS])
        if name:
            return _Credit(toks[0].start, colon, None, name, False)  # a caption: "Ana Lee: ‘...’"
    k = 0
    if words and words[0].low in _INTRO:
        comma = next((i for i, t in enumerate(toks) if t.text == ","), None)
        if comma is None:
            return None
        k = comma + 1
    np: list[Tok] = []
    while k < len(toks) and toks[k].word and (toks[k].cap or toks[k].low in DETS or toks[k].low in INDEF
                                            or toks[k].low in GENERIC or toks[k].low in MODIFIERS
                                            or "-" in toks[k].low):
        np.append(toks[k])
        k += 1
    if np and np[-1].low not in GENERIC:
        # "One survey respondent summed it up": plain words before an unnamed person.
        head = next((h for h in range(k, min(len(toks), k + 3)) if toks[h].low in GENERIC), None)
        if head is not None and all(t.word for t in toks[k:head]):
            np.extend(toks[k:head + 1])
            k = head + 1
    if not np or k >= len(toks) or not (toks[k].text == "," or (toks[k].word and not toks[k].cap)):
        return None
    name = person_name(np) or single_name(np)
    if name:
        return _Credit(np[0].start, np[-1].end, None, name, False)
    if np[-1].low in GENERIC:
        return _Credit(np[0].start, np[-1].end, None, text[np[0].start:np[-1].end], True)
    return None
