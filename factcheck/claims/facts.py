"""Fact statements: what a claim says about one date or number, minus the value; and an index
that finds the statements of the same fact without comparing every pair.

Why: DATE001 and NUM001 look for the same fact stated twice with different values, in a
document or across a corpus. Two statements are "about the same fact" when what they say
around the value agrees, so each date or number mention becomes a ``Statement``:

* ``words``: the content words of the clause around the mention (at most ``WINDOW`` on each
  side, cut at clause boundaries), lower-cased, stopwords dropped, lightly stemmed. The value
  itself and every other value of the clause are masked out of the words;
* ``values``: the other dates and numbers of the clause as exact tokens (``#y2021``, ``#n15``):
  "exports rose 12 percent in 2021" and "... in 2022" are two facts, not one;
* ``role``: for a date, ``planned`` ("to be completed in", "scheduled", "expected", "will",
  "by 2030") or ``actual``, since a plan and its outcome legitimately differ; for a number,
  its unit or counted noun ("percent", "USD", "refuge").

Mentions whose clause is negated ("was not completed in 2020"), speculative ("may", "could"),
or relational ("before 2020", "since 2015") make no statement: they assert no value for the
fact. A date in a clause that also states a percentage or an amount of money is a period
("rose 12 percent in 2021"), not an event date, and makes no date statement.

``same_fact`` decides, in this order (cheapest first): same kind and role; neither statement
says something the other does not (no word substituted for another: "northern dam" vs
"southern dam", "exports" vs "imports"; spelling variants are paired by fuzzy ratio); enough
shared words; and rapidfuzz ``token_set_ratio`` of the two phrases at ``fact_match`` or above.

``FactIndex`` blocks statements by pairs of their rarest words (global frequency order), so
only statements sharing two rare words are compared. If one statement's words are a subset of
the other's with at most ``KEY_WORDS - 2`` extra words, its two rarest shared words are among
both statements' ``KEY_WORDS`` rarest, so the blocking loses no such pair.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from rapidfuzz import fuzz

from factcheck.claims.model import Claim, DateMention, NumberMention

WINDOW = 8  # content words kept on each side of the mention
MIN_CONTEXT = 4  # a comma piece with fewer content words is joined to its neighbour
KEY_WORDS = 4  # rarest words whose pairs are a statement's blocking keys
MAX_BUCKET = 400  # a key shared by more statements is too common to tell facts apart

_TOKEN = re.compile(r"[^\W\d_][\w’'-]*")
# Clause boundaries: hard punctuation, a spaced dash, and conjunctions that start a new clause.
_HARD = re.compile(
    r"[;:()\[\]—–]|\s-\s"
    r"|,\s(?:and|but|which|who|whom|whose|while|whereas|although|though|so|yet|when|where)\b"
    r"|\b(?:but|while|whereas|although|though|however|yet)\b")

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
about circa some estimated estimate up out off down new one ones mr mrs ms dr year years
""".split())
_PLANNED = frozenset("""will would shall scheduled schedule expected expect expects planned plan
plans planning due target targets targeted aim aims aimed projected projection forecast
forecasts intended intends intend slated envisaged envisioned proposed deadline originally
goal""".split())
_SPECULATIVE = frozenset("may might could perhaps possibly probably allegedly rumoured rumored if".split())
_NEGATION = frozenset("not never no nor without".split())
_RELATIONAL = frozenset("before after since until till prior following from as post pre".split())
_ABOUT = frozenset("about around approximately roughly circa c ca some".split())
_LOWER = ("more than", "over", "at least", "above", "upwards of", "in excess of", "exceeding",
          "well over", "just over")
_UPPER = ("less than", "fewer than", "under", "up to", "below", "nearly", "almost", "just under",
          "as many as", "as much as")
_PERIOD_UNITS = frozenset({"percent", "percentage points", "USD", "EUR", "GBP", "INR", "PKR",
                           "AUD", "CAD", "NZD", "HKD", "rupees"})
_SUFFIXES = (("ational", "ate"), ("ations", ""), ("ation", ""), ("ments", ""), ("ment", ""),
             ("ings", ""), ("ing", ""), ("ions", ""), ("ion", ""), ("ies", "y"), ("ied", "y"),
             ("es", ""), ("ed", ""), ("ly", ""), ("s", ""), ("e", ""))

Mention = DateMention | NumberMention


@dataclass(frozen=True, slots=True)
class Statement:
    """One date or number of a claim, with what the claim says around it."""

    doc: int  # index of the document in the corpus (0 in document mode)
    kind: Literal["date", "number"]
    role: str
    start: int  # of the mention, in the document text
    end: int
    text: str  # the mention as written
    words: frozenset[str]
    values: frozenset[str]
    phrase: str  # words and values, sorted and joined: what token_set_ratio compares
    mention: Mention
    bound: str | None = None  # "about" (a date or number), "lower" / "upper" (a number)

    @property
    def order(self) -> tuple[int, int, int]:
        return self.doc, self.start, self.end


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


def value_token(mention: Mention) -> str:
    """An exact token for a value in a clause: a date by its year(s), a number by its digits."""
    if isinstance(mention, DateMention):
        return f"#y{mention.iso[:4]}" + (f"-{mention.range_end[:4]}" if mention.range_end else "")
    return f"#n{mention.normalized}"


def statements_of(claim: Claim, doc: int = 0) -> list[Statement]:
    """The statements of a claim: one per date and number mention that asserts a value."""
    mentions: list[Mention] = sorted([*claim.dates, *claim.numbers], key=lambda m: m.start)
    if not mentions:
        return []
    text = claim.text
    masked = _mask(text, [(m.start - claim.start, m.end - claim.start) for m in mentions])
    lowered = masked.lower()
    cuts = [(m.start(), m.end()) for m in _HARD.finditer(lowered)]
    out = []
    for mention in mentions:
        ms, me = mention.start - claim.start, mention.end - claim.start
        a, b = _clause(lowered, cuts, ms, me)
        others = [m for m in mentions if m is not mention and a <= m.start - claim.start < b]
        statement = _statement(claim, doc, mention, text, lowered, a, b, others)
        if statement is not None:
            out.append(statement)
    return out


def _mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with each mention replaced by zeros, so no boundary or word is found inside it."""
    parts, pos = [], 0
    for s, e in spans:
        if s < pos:
            continue
        parts.append(text[pos:s])
        parts.append("0" * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _clause(lowered: str, cuts: Sequence[tuple[int, int]], ms: int, me: int) -> tuple[int, int]:
    """The clause around a mention: its comma piece inside the hard boundaries, joined to the
    neighbouring pieces (left first) until it has ``MIN_CONTEXT`` content words."""
    hard_a = max((e for s, e in cuts if e <= ms), default=0)
    hard_b = min((s for s, e in cuts if s >= me), default=len(lowered))
    commas = [i for i in range(hard_a, hard_b) if lowered[i] == ","]
    left = [i for i in commas if i < ms]
    right = [i for i in commas if i >= me]
    a = left[-1] + 1 if left else hard_a
    b = right[0] if right else hard_b
    while _content_count(lowered, a, b) < MIN_CONTEXT and (left or right):
        if left:
            left.pop()
            a = left[-1] + 1 if left else hard_a
        else:
            right.pop(0)
            b = right[0] if right else hard_b
    return a, b


def _content_count(lowered: str, a: int, b: int) -> int:
    return sum(1 for m in _TOKEN.finditer(lowered, a, b) if m.group() not in STOPWORDS)


def _statement(claim: Claim, doc: int, mention: Mention, text: str, lowered: str, a: int, b: int,
               others: Sequence[Mention]) -> Statement | None:
    ms, me = mention.start - claim.start, mention.end - claim.start
    raw = [m.group() for m in _TOKEN.finditer(lowered, a, b)]
    if not _NEGATION.isdisjoint(raw) or not _SPECULATIVE.isdisjoint(raw) or any(w.endswith("n't") for w in raw):
        return None
    before = [m.group() for m in _TOKEN.finditer(lowered, max(a, ms - 24), ms)][-2:]
    words = _window(lowered, a, b, ms, me)
    if isinstance(mention, DateMention):
        role, bound = _date_role(mention, raw, before, others)
    else:
        role, bound = _number_role(mention, lowered[max(0, ms - 24):ms])
    if role is None or len(words) < 3:
        return None
    values = frozenset(value_token(m) for m in others)
    return Statement(doc=doc, kind="date" if isinstance(mention, DateMention) else "number", role=role,
                     start=mention.start, end=mention.end, text=mention.text, words=words, values=values,
                     phrase=" ".join(sorted(words | values)), mention=mention, bound=bound)


def _window(lowered: str, a: int, b: int, ms: int, me: int) -> frozenset[str]:
    """Stems of the content words of ``[a, b)``, at most ``WINDOW`` on each side of the mention."""
    left, right = [], []
    for m in _TOKEN.finditer(lowered, a, b):
        word = m.group().strip("'’-")
        if word in STOPWORDS or word in _PLANNED or len(word) < 2:
            continue
        (left if m.start() < ms else right).append(stem(word))
    return frozenset(left[-WINDOW:] + right[:WINDOW])


def _date_role(mention: DateMention, raw: Sequence[str], before: Sequence[str],
               others: Sequence[Mention]) -> tuple[str | None, str | None]:
    """``planned`` / ``actual`` and a bound ("about"); None for a date that states no event."""
    if not mention.valid or (before and before[-1] in _RELATIONAL):
        return None, None
    if any(isinstance(m, NumberMention) and m.unit in _PERIOD_UNITS for m in others):
        return None, None
    bound = "about" if before and before[-1] in _ABOUT else None
    planned = (not _PLANNED.isdisjoint(raw) or (before and before[-1] == "by")
               or any(x == "to" and y == "be" for x, y in zip(raw, raw[1:])))
    return ("planned" if planned else "actual"), bound


def _number_role(mention: NumberMention, before: str) -> tuple[str | None, str | None]:
    """The unit or counted noun, stemmed, and whether the value is a bound or an estimate."""
    if not mention.unit:
        return None, None
    unit = mention.unit if mention.unit.isupper() or " " in mention.unit else stem(mention.unit)
    before = before.rstrip()
    if before.endswith(_LOWER):
        return unit, "lower"
    if before.endswith(_UPPER):
        return unit, "upper"
    return unit, ("about" if mention.approximate else None)


def same_fact(a: Statement, b: Statement, fact_match: float = 85.0, word_match: float = 90.0,
              min_shared: int = 3) -> bool:
    """Whether two statements say the same thing about their value (see the module docstring)."""
    if a.kind != b.kind or a.role != b.role:
        return False
    if a.values and b.values and a.values != b.values:
        return False
    only_a, only_b = a.words - b.words, b.words - a.words
    shared = len(a.words) - len(only_a)
    if only_a and only_b:
        paired = _pair_variants(only_a, only_b, word_match)
        only_a, only_b = only_a - {x for x, _ in paired}, only_b - {y for _, y in paired}
        shared += len(paired)
        if only_a and only_b:
            return False  # each says something the other does not: two facts
    if shared < min_shared:
        return False
    return fuzz.token_set_ratio(a.phrase, b.phrase) >= fact_match


def _pair_variants(xs: Iterable[str], ys: Iterable[str], word_match: float) -> list[tuple[str, str]]:
    """Spelling variants ("threkled" / "threkkled"): pairs of words at ``word_match`` or above."""
    pairs, free = [], sorted(ys)
    for x in sorted(xs):
        for y in free:
            if len(x) >= 4 and len(y) >= 4 and fuzz.ratio(x, y) >= word_match:
                pairs.append((x, y))
                free.remove(y)
                break
    return pairs


class FactIndex:
    """Statements blocked by (kind, role, pair of rare words): candidates without all pairs."""

    def __init__(self, statements: Sequence[Statement]):
        self.statements = list(statements)
        self.frequency = Counter(w for s in self.statements for w in s.words)
        self.buckets: dict[tuple, list[int]] = defaultdict(list)
        for number, statement in enumerate(self.statements):
            for key in self.keys(statement):
                self.buckets[key].append(number)

    def keys(self, statement: Statement) -> list[tuple]:
        """Pairs of the statement's ``KEY_WORDS`` rarest words, with its kind and role."""
        rare = sorted(statement.words, key=lambda w: (self.frequency[w], w))[:KEY_WORDS]
        return [(statement.kind, statement.role, x, y) for x, y in combinations(sorted(rare), 2)]

    def candidate_pairs(self, allowed: Callable[[Statement, Statement], bool]) -> Iterator[tuple[int, int]]:
        """Each pair of statements sharing a key once, earlier first, when ``allowed``."""
        seen: set[tuple[int, int]] = set()
        for key in sorted(self.buckets, key=str):
            members = self.buckets[key]
            if len(members) > MAX_BUCKET:
                continue
            for i, j in combinations(members, 2):
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                if allowed(self.statements[i], self.statements[j]):
                    yield i, j
