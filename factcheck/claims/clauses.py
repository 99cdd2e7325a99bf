"""A claim read once for its fact statements: its words, and the clause around any value.

Why: a statement (``factcheck.claims.facts``) is made of the words of the clause around a date
or number. A claim is read once (lower-cased, its values masked) into a ``ClaimReading``: its
words with their keys (stems; names unstemmed), and the positions of its commas, clause
boundaries and cue words (negation, plans, reporting), sorted. Each value's clause, window and
cues are then found by bisection, so one sentence with thousands of values costs n log n, not n².

A clause: the comma piece around the value inside the hard boundaries (hard punctuation, a
spaced dash, a conjunction that starts a new clause), joined to its neighbours until it has
``MIN_CONTEXT`` content words, but never to a reporting piece (", the ministry said").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress

from factcheck.text.lazy_regex import regex
from factcheck.text.lexicon import WORDS_CACHED

WINDOW = 8  # content words kept on each side of the value
MIN_CONTEXT = 3  # a comma piece with fewer content words is joined to its neighbour
SEQUENCE_MARKS = ("#", "")  # what stands in a window for the value and for a run of stopwords

_TOKEN = regex(r"[^\W\d_][\w’'-]*")
_COMMA = regex(",")
_NOT = regex(r"n['’]t")
# Hard clause boundaries, of four kinds that each start with their own kind of character, so
# each is found by its own scan (see ``hard_cuts``): one alternation of the four is tried at
# every position and costs 3-4x more.
_PUNCT = regex(r"[;:()\[\]—–]")
_DASH = regex(r"\s(?=-\s)")  # consumes one blank, so "a - - b" yields both dashes
_CONJ = regex(r",\s(?:and|but|which|who|whom|whose|while|whereas|although|though|so|yet|when|where)\b")
_CONJ_WORD = regex(r"\b(?:but|while|whereas|although|though|however|yet)\b")
_CONJ_HINTS = ("but", "while", "whereas", "though", "however", "yet")  # substrings of those words
# A relative clause between commas (", which was completed in 2012,"): its own clause, and a hole
# in the main clause, whose subject and verb it separates.
_RELATIVE = regex(r",\s(?:which|who|whom|whose)\s[^,;:()\[\]]*,")

STOPWORDS = frozenset("""
a an the and or nor of in on at to from for with by as into onto upon about over under after
before since until till during between among through across within without against toward
towards per via than then that this these those there here it its it’s they them their theirs
he him his she her hers we us our you your i me my is are was were be been being am has have
had having do does did done doing so such too very also just only even still again already yet
not no any some all each every both either neither other another more most less least much
many few several same own which who whom whose what when where why how whether if because
while although though however thus hence therefore said says say saying told tells according
reported reports report stated states noted notes added adds claimed claims announced can
would will shall should may might must could around approximately roughly nearly almost
about circa some estimated estimate up out off down one ones mr mrs ms dr year years
later earlier finally eventually subsequently recently previously initially ultimately meanwhile
indeed moreover furthermore instead now today currently since then far
""".split())
PLANNED = frozenset("""will would shall scheduled schedule expected expect expects planned plan
plans planning due target targets targeted aim aims aimed projected projection forecast
forecasts intended intends intend slated envisaged envisioned proposed deadline originally
goal""".split())
_SPECULATIVE = frozenset("may might could perhaps possibly probably allegedly rumoured rumored if".split())
_REPORTING = frozenset("""said says say told tells according reported reports stated states noted
notes added adds claimed claims announced announces confirmed confirms wrote writes""".split())
_AGAIN = frozenset({"again", "anew"})  # "visited Harlow again in 2023": another event
_NEGATION = frozenset("not never no nor without".split())
_BLOCKING = _NEGATION | _SPECULATIVE  # a clause with one of these asserts no value
_CUES = _BLOCKING | PLANNED | _AGAIN | _REPORTING | {"be"}
_SUFFIXES = (("ational", "ate"), ("ations", ""), ("ation", ""), ("ments", ""), ("ment", ""),
             ("ings", ""), ("ing", ""), ("ions", ""), ("ion", ""), ("ies", "y"), ("ied", "y"),
             ("es", ""), ("ed", ""), ("ly", ""), ("s", ""), ("e", ""))
_MATCH_START = re.Match.start
_MATCH_GROUP = re.Match.group

Cuts = tuple[list[int], list[int]]  # starts and ends of the hard boundaries, both sorted


@lru_cache(maxsize=WORDS_CACHED)  # the frequent words (see WORDS_CACHED)
def stem(word: str) -> str:
    """Light suffix stripping, so "completed", "completion" and "complete" share one form."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if word.endswith("ss"):
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def _name(word: str) -> str:
    """A name is not stemmed ("Harlowe" is not "Harlow"), only its possessive dropped."""
    word = word.replace("’", "'")
    return word[:-2] if word.endswith("'s") else word


@lru_cache(maxsize=WORDS_CACHED)  # the frequent words (see WORDS_CACHED)
def _content_key(word: str) -> str | None:
    """The stem of a lower-cased content word; None for a stopword, a role cue or a letter.
    (Never "": a word starts with a letter, which stemming keeps.)"""
    word = word.strip("'’-")
    return None if word in STOPWORDS or word in PLANNED or len(word) < 2 else stem(word)


def mask(text: str, spans: Sequence[tuple[int, int]], fill: str = "0") -> str:
    """The text with each span replaced by ``fill``: zeros for a value, so that no boundary or
    word is found inside it; spaces for a relative clause read past."""
    parts, pos = [], 0
    for s, e in spans:
        if s < pos:
            continue
        parts.append(text[pos:s])
        parts.append(fill * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def relative_clauses(view: str) -> list[tuple[int, int]]:
    """The spans of the relative clauses between commas, in order."""
    return [m.span() for m in _RELATIVE.finditer(view)]


def cuts_of(spans: Sequence[tuple[int, int]]) -> Cuts:
    """Boundaries in order and not overlapping, as their starts and their ends (both sorted)."""
    return [s for s, _ in spans], [e for _, e in spans]


def hard_cuts(view: str) -> Cuts:
    """The hard clause boundaries as the alternation of their four kinds would find them,
    leftmost first and none overlapping the one before. No two kinds start with the same
    character, and a kind's own matches overlap only for the dash (hence its lookahead), so
    the matches of the four scans, sorted by start, are read the way the alternation reads
    the text. A scan is skipped when the character or word it needs is not in the view."""
    found = [m.span() for m in _PUNCT.finditer(view)]
    kinds = 1
    if "-" in view:
        dashes = [(m.start(), m.start() + 3) for m in _DASH.finditer(view)]
        found, kinds = found + dashes, kinds + bool(dashes)
    if "," in view:
        conjunctions = [m.span() for m in _CONJ.finditer(view)]
        found, kinds = found + conjunctions, kinds + bool(conjunctions)
    if any(hint in view for hint in _CONJ_HINTS):
        words = [m.span() for m in _CONJ_WORD.finditer(view)]
        found, kinds = found + words, kinds + bool(words)
    if kinds > 1:
        found.sort()
    starts, ends, pos = [], [], 0
    for start, end in found:
        if start >= pos:
            starts.append(start)
            ends.append(end)
            pos = end
    return starts, ends


def _within(positions: Sequence[int], lo: int, hi: int) -> bool:
    """Whether the sorted ``positions`` hold one in ``[lo, hi)``."""
    return bool(positions) and bisect_left(positions, lo) < bisect_left(positions, hi)


class ClaimReading:
    """One reading of a claim (``view``: lower-cased, values masked, a relative clause read past
    or not) with its words found once, and the positions the clause tests need, sorted.

    Offsets are into the claim's text (the view has its length). Word numbers index
    ``starts`` / ``words``; ``content`` holds the numbers of the content words."""

    __slots__ = ("view", "starts", "words", "keys", "names", "content", "content_starts", "commas", "cues",
                 "blocking", "planned", "to_be", "again", "_reporting", "not_")

    def __init__(self, text: str, view: str):
        self.view = view
        matches = list(_TOKEN.finditer(view))
        self.starts = starts = list(map(_MATCH_START, matches))
        self.words = words = list(map(_MATCH_GROUP, matches))
        self.keys = keys = list(map(_content_key, words))
        # A content word's key is a non-empty string, a stopword's None: compress keeps the former.
        self.content = content = list(compress(range(len(keys)), keys))
        self.content_starts = list(compress(starts, keys))
        opening = starts[0] if starts else 0  # the first word is capitalised anyway
        self.names = {i for i in content if starts[i] > opening and text[starts[i]].isupper()}
        for i in self.names:
            keys[i] = _name(words[i].strip("'’-"))
        self.commas = list(map(_MATCH_START, _COMMA.finditer(view))) if "," in view else []
        # Cue words are rare: their positions are listed only when the claim has some.
        self.cues = cues = _CUES.intersection(words)
        self.blocking = [i for i, w in enumerate(words) if w in _BLOCKING] if cues & _BLOCKING else []
        self.planned = [i for i, w in enumerate(words) if w in PLANNED] if cues & PLANNED else []
        self.to_be = [i for i, w in enumerate(words[:-1]) if w == "to" and words[i + 1] == "be"] \
            if "be" in cues else []
        self.again = [i for i, w in enumerate(words) if w in _AGAIN] if cues & _AGAIN else []
        self._reporting: list[int] | None = None
        self.not_ = list(map(_MATCH_START, _NOT.finditer(view))) if "n't" in view or "n’t" in view else []

    @property
    def reporting(self) -> list[int]:
        """Where the reporting words start ("said", "according"): only read when a clause is short."""
        if self._reporting is None:
            words, starts = self.words, self.starts
            self._reporting = [starts[i] for i, w in enumerate(words) if w in _REPORTING] \
                if not _REPORTING.isdisjoint(self.cues) else []
        return self._reporting

    def word_span(self, a: int, b: int) -> tuple[int, int]:
        """The numbers of the words that start in ``[a, b)``, as a half-open range."""
        return bisect_left(self.starts, a), bisect_left(self.starts, b)

    def asserts_nothing(self, a: int, b: int, lo: int, hi: int) -> bool:
        """Whether the clause ``[a, b)`` (words ``lo``..``hi``) is negated or speculative."""
        # "n't" (3 characters) inside the clause: it starts at most 3 before its end.
        return (_within(self.blocking, lo, hi) if self.blocking else False) or \
            (_within(self.not_, a, b - 2) if self.not_ else False)

    def plan(self, lo: int, hi: int) -> str:
        """``planned`` for a plan, forecast or target ("scheduled", "will", "to be"), else
        ``actual``; `` again`` added for another occurrence ("visited Harlow again")."""
        planned = "planned" if (self.planned and _within(self.planned, lo, hi)
                                or self.to_be and _within(self.to_be, lo, hi - 1)) else "actual"
        return planned + " again" if self.again and _within(self.again, lo, hi) else planned

    def clause(self, ms: int, me: int, cuts: Cuts) -> tuple[int, int]:
        """The clause around the value at ``[ms, me)`` (see the module docstring).

        The pieces are not joined one by one: the content words and the reporting words are
        sorted positions, so how far each side may and must go is found by bisection."""
        cut_starts, cut_ends = cuts
        k = bisect_right(cut_ends, ms)
        hard_a = cut_ends[k - 1] if k else 0
        k = bisect_left(cut_starts, me)
        hard_b = cut_starts[k] if k < len(cut_starts) else len(self.view)
        commas, content = self.commas, self.content_starts
        lo, hi = bisect_left(commas, hard_a), bisect_left(commas, hard_b)
        left, right = bisect_left(commas, ms, lo, hi), bisect_left(commas, me, lo, hi)
        a = commas[left - 1] + 1 if left > lo else hard_a
        b = commas[right] if right < hi else hard_b
        have = bisect_left(content, b) - bisect_left(content, a)
        if have >= MIN_CONTEXT:
            return a, b
        # Left: join pieces up to the nearest reporting word, and no further than needed.
        k = bisect_left(self.reporting, a) - 1
        farthest = hard_a
        if k >= 0 and self.reporting[k] >= hard_a:
            farthest = commas[bisect_left(commas, self.reporting[k], lo, left)] + 1
        need = bisect_left(content, b) - MIN_CONTEXT  # the content word the clause must reach back to
        if need >= 0 and content[need] >= hard_a:
            t = bisect_left(commas, content[need], lo, left) - 1
            reach = commas[t] + 1 if t >= lo else hard_a
            if reach >= farthest:
                return reach, b
        a = min(a, farthest)
        # Right: the same, up to the nearest reporting word after the clause.
        k = bisect_left(self.reporting, b)
        farthest = hard_b
        if k < len(self.reporting) and self.reporting[k] < hard_b:
            t = bisect_right(commas, self.reporting[k], right, hi) - 1
            farthest = commas[t] if t >= right else b
        need = bisect_left(content, a) + MIN_CONTEXT - 1
        if need < len(content) and content[need] < hard_b:
            t = bisect_right(commas, content[need], right, hi)
            reach = commas[t] if t < hi else hard_b
            return a, min(reach, farthest)
        return a, max(b, farthest)

    def window(self, a: int, b: int, ms: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The content words of the clause ``[a, b)`` in order, at most ``WINDOW`` on each side of
        the value at ``ms`` (which stands as ``#``), ``""`` where stopwords part two of them;
        and those that are names, sorted.

        Built from the content words alone (a gap between two of them is a run of other words),
        so a run of a million stopwords costs nothing here."""
        content, keys, content_starts = self.content, self.keys, self.content_starts
        lo, hi = bisect_left(content_starts, a), bisect_left(content_starts, b)
        at, stop = bisect_left(self.starts, ms), bisect_left(self.starts, b)  # first word at the value, after
        middle = min(max(bisect_left(content, at), lo), hi)
        left, right = content[max(lo, middle - WINDOW):middle], content[middle:min(hi, middle + WINDOW)]
        sequence: list[str] = []
        previous = None
        for i in left:
            if previous is not None and i > previous + 1:
                sequence.append("")
            sequence.append(keys[i])
            previous = i
        if previous is not None and min(at, stop) > previous + 1:
            sequence.append("")
        sequence.append("#")
        previous = at - 1
        for i in right:
            if i > previous + 1:
                sequence.append("")
            sequence.append(keys[i])
            previous = i
        names = self.names
        named = tuple(sorted({keys[i] for i in left + right if i in names})) if names else ()
        return tuple(sequence), named
