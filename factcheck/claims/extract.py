"""Turn body sentences into typed claims with their dates, numbers, quotes, citations and support.

Why: the claim rules (CLM001-CLM004, NUM001, DATE001) reason about claims, not raw sentences.
Each claim carries what a rule needs so rules never rescan the text.

What is a claim: a sentence of a ``body`` block (headings, captions, boilerplate, pull quotes,
reference and note lists are other kinds and skipped; note text is not extracted for now) that
is not a question and has at least four words. A claim's dates and numbers are read in at most
``MAX_CLAIM_CHARS`` (10,000) characters of its sentence: a longer "sentence" (no real one is:
text without full stops, a table run together) has them read in its first 10,000 characters, cut
at a space; its citations, attributions and quotations are read in all of it.

``kind`` takes the first that applies, in this order, because a rule checking a claim cares most
about the most verifiable thing in it:

1. ``statistic``: a numeral quantity (not a year: dates are removed first), a spelled-out count
   with a scale word ("two million"), or a vague magnitude ("thousands of deaths");
2. ``quotation``: a quotation of three words or more;
3. ``temporal``: a date of day, month, season or year precision (decades and centuries are too
   coarse to be checked);
4. ``comparative``: "more/less/fewer than", "-er than", superlatives ("the deadliest", "its
   longest", "the most") and "the first" as a claim of priority ("the first country to
   recognise"; not an ordinal: "the first tenure", "the first two years");
5. ``attribution``: credited to someone by an attribution citation;
6. ``general``.

``support``: ``cited`` when a non-attribution citation (author-year, numeric, note marker, pandoc)
is in the sentence or right after its full stop; ``attributed`` when a named (non-vague)
attribution is; ``inherited`` when another sentence of the same paragraph carries a citation or
note (whether that covers the sentence is the document's convention: CLM001 decides it from
how the document cites); else ``unsourced``. Years and numbers inside a citation ("(Thomas,
2026)", "p. 12") are not the claim's dates or numbers.

``checkworthiness`` (``checkworthiness()``): additive, in [0, 1]. Each of a specific number, a
day or month date, a superlative and an order of magnitude ("thousands of") weighs 0.30 over a
base of 0.15, so that one of them in a sentence naming three people or places (0.05 each)
reaches CLM001's default threshold of 0.6; percentages and sums of money add 0.10; hedges
subtract, and so does sitting under an "Abstract", "Summary" or "Conclusion" heading (those
sections restate what the body sources).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from heapq import merge
from operator import attrgetter
from typing import NamedTuple

from factcheck.citations.model import Citation
from factcheck.claims.claimed_parts import scanned_end
from factcheck.claims.conventions import summary_blocks
from factcheck.claims.model import Claim, ClaimKind, Quotation, Support
from factcheck.claims.quotes import find_quotations
from factcheck.claims.speaker_trail import SpeakerTrail
from factcheck.text.dates import find_dates
from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block, DateMention, NumberMention, Sentence
from factcheck.text.numbers import find_numbers, uses_indian_grouping

_WORD = regex(r"[^\W\d_][\w’'-]*")
_YEARISH = regex(r"(?:1[5-9]|2[01])[0-9][0-9]")
_DIGIT = regex(r"[0-9]")
# A capital not preceded by a word character: the capital matched first, then the character
# before it looked at (a pattern that opens with an assertion is tried at every position of the
# text, one that opens with a character class only where the class matches: four times faster).
_CAPITALISED = regex(r"[A-Z](?<![\w’'-].)[\w’'-]*")
_QUOTE_MARK = regex("[“\"‘]")
# Sentence features are read from the list of its words, not by case-insensitive regexes over
# the text: a set lookup per word is many times faster than an alternation tried at every position.
_MAGNITUDES = frozenset("dozens hundreds thousands millions billions trillions tens".split())
# "thousands of deaths", "millions of refugees": an order of magnitude, as checkable as a number.
_LARGE_MAGNITUDES = frozenset("thousands millions billions trillions".split())
_NOT_COMPARATIVE = frozenset({"rather", "other", "whether", "either", "neither", "never", "ever"})
_SUPERLATIVE_DETS = frozenset({"the", "its", "their", "his", "her"})
_SUPERLATIVE_SKIP = frozenset({"single", "very", "second", "third"})
_NOT_SUPERLATIVE = frozenset("""interest west rest request protest contest guest test quest nest
best honest modest manifest earnest harvest arrest chest priest suggest digest invest inquest conquest
behest unrest southwest northwest midwest forest pest vest zest crest jest lest attest detest infest
ingest""".split())
_HEDGES = frozenset("may might could should would perhaps possibly likely probably seem seems "
                    "appear appears arguably".split())
_RESTATING = ("in conclusion", "to conclude", "in sum,", "in short", "to sum up", "as mentioned",
              "as noted", "as discussed", "as stated", "as we have seen", "this shows",
              "this study", "this report", "this paper", "this section", "overall,")
_PRECISION_ORDER = {"day": 0, "month": 1, "season": 2, "year": 3, "decade": 4, "century": 5}
# "the first two years" is a period, not a "first": the count after "first" tells.
_COUNT_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty forty "
                         "fifty hundred few several couple".split())
_MEASURES = frozenset({"percent", "percentage points", "rupees"})
_QUESTION_TAIL = frozenset("\"”’')] ")
_SPECIFIC = ("day", "month")
_DATED = ("day", "month", "season", "year")


class Features(NamedTuple):
    """What the check-worthiness score looks at, computed once per sentence (a plain tuple: a
    frozen dataclass's ``__init__`` sets each of its twelve fields through ``object.__setattr__``)."""

    numeral: bool  # a quantity written in digits (or with a scale word: "two million")
    rough_count: bool  # a spelled-out count or a magnitude word ("thousands of")
    magnitude: bool  # "thousands of", "hundreds of billions"
    date_precision: str | None  # the most precise date: day, month, season, year, decade, century
    superlative: bool
    comparative: bool
    quotation: bool
    named_entities: int
    hedged: bool
    restating: bool
    measured: bool = False  # a number with a unit of measure a reader quotes: a percentage, a sum of money
    large_magnitude: bool = False  # "thousands of", "millions of" (not "dozens of")


def checkworthiness(f: Features) -> float:
    """A small additive score in [0, 1]: how much a fact-checker would want to check the claim."""
    score = 0.15  # any asserting sentence
    if f.numeral:
        score += 0.30  # specific numbers are what readers quote and checkers verify first
        if f.measured:
            score += 0.10  # "40 percent", "$3.8 billion": the statistics most often misquoted
    elif f.large_magnitude:
        score += 0.30  # "thousands of deaths": an order of magnitude, checked like a number
    elif f.rough_count:
        score += 0.15  # "three contingents", "dozens of": a count, checkable, rarely disputed
    if f.date_precision in _SPECIFIC:
        score += 0.30  # "on 13 April 2023": a precise, checkable fact
    elif f.date_precision in ("season", "year"):
        score += 0.15
    elif f.date_precision in ("decade", "century"):
        score += 0.05  # "in the 1990s": background, rarely disputed
    if f.superlative:
        score += 0.30  # "the first", "the deadliest": strong, often wrong
    elif f.comparative:
        score += 0.10
    if f.quotation:
        score += 0.20  # words put in someone's mouth must match the source
    score += min(f.named_entities, 3) * 0.05  # who and where make a claim checkable
    if f.hedged:
        # "may", "could", "should": opinion or forecast, not fact; a figure stated inside a
        # hedged sentence ("could make X, which imports 80 per cent of ...") is still firm.
        score -= 0.05 if f.numeral else 0.20
    if f.restating:
        score -= 0.15  # conclusions and summaries restate claims sourced in the body
    return round(min(1.0, max(0.0, score)), 2)


def extract_claims(text: str, blocks: Sequence[Block], sentences: Sequence[Sentence],
                   citations: Sequence[Citation], attributions: Sequence[Citation] = ()) -> list[Claim]:
    """Claims of the body sentences, ids ``c1``, ``c2``... in text order.

    ``citations`` cite works (author-year, numeric, notes, pandoc), ``attributions`` credit a
    person or a publication; both sorted by place.
    """
    block_by_index = {b.index: b for b in blocks}
    works = _ByStart(citations)
    credits = _ByStart(attributions)
    sents = sorted(sentences, key=_start)
    indian = uses_indian_grouping(text)
    summaries = summary_blocks(text, blocks)
    quotes_by_block: dict[int, list[Quotation]] = {}
    by_block: dict[int, list[tuple[int, int]]] = {}
    for s in sents:
        by_block.setdefault(s.block, []).append((s.start, s.end))
    claims: list[Claim] = []
    speakers = SpeakerTrail(text, block_by_index)
    entered = None
    for idx, s in enumerate(sents):
        block = block_by_index.get(s.block)
        if block is None or block.kind != "body":
            continue
        if block is not entered:  # (entering the block it is in already does nothing)
            speakers.enter(block)
            entered = block
        nxt = sents[idx + 1].start if idx + 1 < len(sents) and sents[idx + 1].block == s.block else block.end
        credited = credits.within(s.start, max(nxt, s.end), lambda c: c.end <= s.end) if credits.starts else []
        sentence_text = text[s.start:s.end]
        lowered = sentence_text.lower()
        words = _WORD.findall(lowered)
        in_block = quotes_by_block.get(s.block)
        if in_block is None:
            in_block = quotes_by_block[s.block] = (
                find_quotations(text, block.start, block.end, by_block[s.block], attributions)
                if _has_quote_mark(text, block) else [])
        quoted = _overlapping(in_block, s.start, s.end) if in_block else ()
        quotes = tuple(map(speakers.carry, quoted)) if quoted else ()
        speakers.saw(s, credited, quotes)
        if len(words) < 4 or ("?" in sentence_text and _is_question(sentence_text)):
            continue
        cited = _cited_by(text, s, nxt, works)  # only a claim's: not looked up for a sentence skipped
        # Every date form has a four-digit year: most sentences need no date scan at all.
        scan = scanned_end(text, s)
        all_dates = list(find_dates(text, s.start, scan)) if _YEARISH.search(text, s.start, scan) else []
        found_numbers = find_numbers(text, s.start, scan, all_dates, indian)
        if cited:  # a year or a page number inside a citation is not the claim's
            cited_spans = _Spans([(c.start, c.end) for c in cited])
            dates = tuple(d for d in all_dates if not cited_spans.holds(d.start, d.end))
            numbers = tuple(n for n in found_numbers if not cited_spans.holds(n.start, n.end))
        else:
            dates, numbers = tuple(all_dates), tuple(found_numbers)
        support = _support(cited, credited, block, works, s, quotes)
        if quotes or credited:
            speaker = next((q.speaker for q in quotes if q.speaker), None) or next(
                (c.source for c in credited if not c.vague and c.source), None)
            covering = next((c for c in credited if not c.vague), None) or (credited[0] if credited else None)
            attribution, vague = (covering.id, covering.vague) if covering is not None else next(
                ((q.attribution, q.vague) for q in quotes if q.attribution), (None, False))
        else:
            speaker, attribution, vague = None, None, False
        features = _features(sentence_text, lowered, words, numbers, dates, quotes, s.block in summaries)
        # One list of ids in text order, citations before an attribution at the same place.
        own = merge(cited, credited, key=_position) if cited and credited else cited or credited
        claims.append(Claim.of(
            f"c{len(claims) + 1}", _kind(features, sentence_text, credited), s.start, s.end, sentence_text, s.block,
            dates, numbers, quotes, tuple(c.id for c in own), support, speaker, checkworthiness(features),
            attribution, vague))
    return claims


_position = attrgetter("start", "end")  # a citation's place in text order
_start, _end = attrgetter("start"), attrgetter("end")


class _ByStart:
    """Citations sorted by place, looked up by the range their starts fall in (bisection)."""

    def __init__(self, citations: Sequence[Citation]) -> None:
        self.items = list(citations)
        self.starts = [c.start for c in self.items]

    def within(self, start: int, end: int, keep=None) -> list[Citation]:
        if not self.starts:
            return []
        found = self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return found if keep is None or not found else [c for c in found if keep(c)]


def _overlapping(quotes: list[Quotation], start: int, end: int) -> list[Quotation]:
    """The quotations (of a block, in text order, not overlapping) that overlap ``[start, end)``:
    found by bisection, not by a scan of the block's quotations for each of its sentences."""
    if not quotes:
        return quotes
    lo = bisect_right(quotes, start, key=_end)
    hi = bisect_left(quotes, end, lo, key=_start)
    return quotes[lo:hi]


def _cited_by(text: str, s: Sentence, nxt: int, works: _ByStart) -> list[Citation]:
    """Citations inside the sentence, or right after its full stop ("state. [3]", "2021. (X, 2020)")."""
    return works.within(s.start, max(nxt, s.end),
                        lambda c: c.end <= s.end or not text[s.end:c.start].strip(" .([\n"))


def _has_quote_mark(text: str, block: Block) -> bool:
    return _QUOTE_MARK.search(text, block.start, block.end) is not None


class _Spans:
    """Spans (the citations of a sentence) asked whether one of them holds a range: a bisect
    over the starts and the running maximum of the ends, not a scan per question."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []
        furthest = -1
        for _, b in spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def holds(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, start) - 1
        return k >= 0 and self.reach[k] >= end


def _is_question(sentence: str) -> bool:
    tail = sentence.rstrip()
    while tail and (tail[-1] in _QUESTION_TAIL or tail.endswith("]")):
        if tail.endswith("]") and "[" in tail:
            tail = tail[: tail.rindex("[")]
        else:
            tail = tail[:-1]
    return tail.endswith("?")


def _support(cited: list[Citation], credited: list[Citation], block: Block, works: _ByStart,
             s: Sentence, quotes: Sequence[Quotation] = ()) -> Support:
    if cited:
        return "cited"
    if (credited and any(not c.vague for c in credited)) or (quotes and any(q.speaker for q in quotes)):
        return "attributed"
    if works.within(block.start, block.end, lambda c: not (s.start <= c.start < s.end)):
        return "inherited"
    return "unsourced"


def _features(sentence: str, lowered: str, low: list[str], numbers: Sequence[NumberMention],
              dates: Sequence[DateMention], quotes: Sequence[Quotation], in_summary: bool = False) -> Features:
    """``lowered``: the sentence lower-cased; ``low``: its words, lower-cased; ``in_summary``:
    the sentence sits in an abstract, summary or conclusion."""
    # (Most sentences have no number and no date: the tests over them are skipped outright.)
    numeral = scaled = measured = False
    if numbers:
        numeral = any(_DIGIT.search(n.text) for n in numbers)
        scaled = any(n.value >= 1000 for n in numbers)
        measured = any(_DIGIT.search(n.text) and _is_measure(n.unit) for n in numbers)
    precision = min((d.precision for d in dates), key=_PRECISION_ORDER.__getitem__) if dates else None
    first = _WORD.search(sentence)
    entities = set(_CAPITALISED.findall(sentence, first.end() if first else 0))
    entities.discard("I")
    magnitude = not _MAGNITUDES.isdisjoint(low) and _has_magnitude(low)
    superlative = ("est" in lowered or "most" in lowered or "least" in lowered
                   or "first" in lowered) and _has_superlative(low)
    return Features(
        numeral=numeral or scaled, rough_count=bool(numbers) or magnitude, magnitude=magnitude,
        date_precision=precision, superlative=superlative,
        comparative="than" in lowered and _has_comparative(low), quotation=bool(quotes), named_entities=len(entities),
        hedged=not _HEDGES.isdisjoint(low),
        restating=in_summary or any(phrase in lowered for phrase in _RESTATING),
        measured=measured,
        large_magnitude=magnitude and magnitude_index(low, _LARGE_MAGNITUDES) is not None)


def _is_measure(unit: str | None) -> bool:
    """A percentage or a sum of money ("USD", "GBP", "rupees"), not a count of things."""
    return unit is not None and (unit in _MEASURES or (unit.isupper() and len(unit) == 3))


def _has_magnitude(low: list[str]) -> bool:
    """ "thousands of deaths", "hundreds of billions"."""
    return magnitude_index(low) is not None


def magnitude_index(low: list[str], words: frozenset[str] = _MAGNITUDES) -> int | None:
    """Index of the first magnitude word (of ``words``) followed by "of" ("thousands of"), else None."""
    return next((i for i, w in enumerate(low) if w in words and i + 1 < len(low) and low[i + 1] == "of"), None)


def _has_comparative(low: list[str]) -> bool:
    """ "more than", "fewer than", "-er than" (not "rather than", "other than")."""
    if "than" not in low:
        return False
    return any(w == "than" and i > 0 and low[i - 1].endswith(("er", "more", "less", "fewer"))
               and low[i - 1] not in _NOT_COMPARATIVE for i, w in enumerate(low))


def _has_superlative(low: list[str]) -> bool:
    return superlative_index(low) is not None


def superlative_index(low: list[str]) -> int | None:
    """Index of the first superlative: "the first", "the most", "the single deadliest",
    "Afghanistan’s longest" ("first" only as a claim of priority, see ``_claims_priority``);
    None when there is none."""
    for i, w in enumerate(low):
        if not (w[-3:] == "est" and w not in _NOT_SUPERLATIVE or w in ("most", "least", "first")):
            continue
        if w == "first" and not _claims_priority(low, i):
            continue
        j = i - 1
        if j > 0 and low[j] in _SUPERLATIVE_SKIP:
            j -= 1
        if j >= 0 and (low[j] in _SUPERLATIVE_DETS or low[j].endswith(("’s", "'s"))):
            return i
    return None


def _claims_priority(low: list[str], i: int) -> bool:
    """ "the first country to recognise", "the first dam in the region to ...", "the first
    ever", "for the first time": a claim of priority; not an ordinal ("the first tenure", "the
    first step toward", "the first two years")."""
    after = low[i + 1 : i + 7]
    if after[:1] and after[0] in _COUNT_WORDS:
        return False
    return "to" in after or after[:1] in (["ever"], ["time"])


def salient_words(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """Spans of a sentence's superlative and magnitude words, for rules that point at them.

    Same reading as the features (``superlative_index``, ``magnitude_index``), with offsets.
    """
    matches = list(_WORD.finditer(text, start, end))
    low = [m.group().lower() for m in matches]
    out: dict[str, tuple[int, int]] = {}
    i = superlative_index(low)
    if i is not None:
        out["superlative"] = matches[i].span()
    j = magnitude_index(low, _LARGE_MAGNITUDES)
    if j is not None:
        out["magnitude"] = matches[j].span()
    return out


def _kind(f: Features, sentence: str, attributions: Sequence[Citation]) -> ClaimKind:
    if f.numeral or f.magnitude:
        return "statistic"
    if f.quotation:
        return "quotation"
    if f.date_precision in _DATED:
        return "temporal"
    if f.superlative or f.comparative:
        return "comparative"
    if attributions:
        return "attribution"
    return "general"
