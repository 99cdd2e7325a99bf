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
* ``role``: ``planned`` ("to be completed in", "scheduled", "expected", "will", "plans to
  ... by 2030") or ``actual``, since a plan and its outcome legitimately differ; for a number
  also its unit or counted noun ("percent", "USD", "refugee").

Mentions whose clause is negated ("was not completed in 2020"), speculative ("may", "could"),
or relational ("before 2020", "since 2015", "by 1999" in the past) make no statement: they
assert no value for the fact. Nor does a dateline (", Kabul, October 2022.": the date of a
source) or anything in a note. A date in a clause that also states a percentage or an amount
of money is a period ("rose 12 percent in 2021"), not an event date, and makes no statement.

Whether two statements are the same fact is decided by ``factcheck.rules.facts.same_fact``.

``FactIndex`` files each statement under its ``KEY_WORDS`` rarest words (in one global order:
frequency in the index, then the word) and looks each statement up by its rarest word. When
one statement's words are the other's plus at most ``MAX_EXTRA`` words and one spelling
variant, the smaller statement's rarest word (or its variant) is among the larger's
``KEY_WORDS`` rarest, so blocking loses no pair that ``same_fact`` would accept.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from factcheck.claims.model import Claim, DateMention, NumberMention

WINDOW = 8  # content words kept on each side of the mention
MIN_CONTEXT = 3  # a comma piece with fewer content words is joined to its neighbour
MAX_EXTRA = 2  # words one statement may add to the other's and still state the same fact
KEY_WORDS = MAX_EXTRA + 2  # rarest words a statement is filed under (extras and a variant + 1)
RARE = 2  # statements a word may appear in and still be taken for a typo of a similar word
MAX_BUCKET = 400  # a key shared by more statements is too common to tell facts apart

_TOKEN = re.compile(r"[^\W\d_][\w’'-]*")
_COMMA = re.compile(",")
# Clause boundaries: hard punctuation, a spaced dash, and conjunctions that start a new clause.
_HARD = re.compile(
    r"[;:()\[\]—–]|\s-\s"
    r"|,\s(?:and|but|which|who|whom|whose|while|whereas|although|though|so|yet|when|where)\b"
    r"|\b(?:but|while|whereas|although|though|however|yet)\b")

# A relative clause between commas (", which was completed in 2012,"): its own clause, and a hole
# in the main clause, whose subject and verb it separates.
_RELATIVE = re.compile(r",\s(?:which|who|whom|whose)\s[^,;:()\[\]]*,")

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
_PLANNED = frozenset("""will would shall scheduled schedule expected expect expects planned plan
plans planning due target targets targeted aim aims aimed projected projection forecast
forecasts intended intends intend slated envisaged envisioned proposed deadline originally
goal""".split())
_SPECULATIVE = frozenset("may might could perhaps possibly probably allegedly rumoured rumored if".split())
_REPORTING = frozenset("""said says say told tells according reported reports stated states noted
notes added adds claimed claims announced announces confirmed confirms wrote writes""".split())
_CLOSING = ".;:()[]\"'”’"  # what may follow a dateline: a stop, a bracket ("[Pashto]", "[3]"), a quote
_AGAIN = frozenset({"again", "anew"})  # "visited Harlow again in 2023": another event
_NEGATION = frozenset("not never no nor without".split())
_RELATIONAL = frozenset("before after since until till prior following from as post pre".split())
_ABOUT = frozenset("about around approximately roughly circa c ca some".split())
# Hedges that make a number a bound, each with the space before it so "moreover" is not "over".
_LOWER = (" more than", " over", " at least", " above", " upwards of", " in excess of", " exceeding")
_UPPER = (" less than", " fewer than", " under", " up to", " below", " nearly", " almost",
          " as many as", " as much as")
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
    claim: str  # id of the claim (sentence) it comes from
    kind: Literal["date", "number"]
    role: str
    start: int  # of the mention, in the document text
    end: int
    text: str  # the mention as written
    words: frozenset[str]
    names: frozenset[str]  # the words capitalised mid-sentence: who or what the fact is about
    sequence: tuple[str, ...]  # the words in order, "#" for the mention, "" where stopwords part two
    values: frozenset[str]
    mention: Mention
    bound: str | None = None  # "about" (a date or number), "lower" / "upper" (a number)

    @property
    def order(self) -> tuple[int, int, int]:
        return self.doc, self.start, self.end

    @property
    def phrase(self) -> str:
        """Words and values, sorted and joined: what token_set_ratio compares."""
        return " ".join(sorted(self.words | self.values))


@lru_cache(maxsize=1 << 16)
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


def value_token(mention: Mention) -> str:
    """An exact token for a value in a clause: a date by its year(s), a number by its digits."""
    if isinstance(mention, DateMention):
        return f"#y{mention.iso[:4]}" + (f"-{mention.range_end[:4]}" if mention.range_end else "")
    return f"#n{mention.normalized}"


def statements_of(claim: Claim, doc: int = 0) -> list[Statement]:
    """The statements of a claim: one per date and number mention that asserts a value."""
    mentions: list[Mention] = sorted([*claim.dates, *claim.numbers], key=lambda m: m.start)
    if not mentions or claim.region != "body":  # a note's dates and numbers are its sources
        return []
    text = claim.text
    starts = [m.start for m in mentions]
    lowered = _mask(text, [(m.start - claim.start, m.end - claim.start) for m in mentions]).lower()
    holes = [(m.start(), m.end()) for m in _RELATIVE.finditer(lowered)]
    main = _mask(lowered, holes, " ") if holes else lowered  # read on across a relative clause
    main_tokens = _Tokens(text, main)
    hole_tokens = _Tokens(text, lowered) if holes else main_tokens
    main_cuts = [(m.start(), m.end()) for m in _HARD.finditer(main)]
    out = []
    for mention in mentions:
        ms, me = mention.start - claim.start, mention.end - claim.start
        hole = next(((a, b) for a, b in holes if a <= ms < b), None)
        if hole is None:
            view, tokens, cuts = main, main_tokens, main_cuts
        else:
            view, tokens, cuts = lowered, hole_tokens, [(0, hole[0] + 1), (hole[1] - 1, len(lowered))]
        a, b = _clause(view, tokens, cuts, ms, me)
        # Mentions are sorted by start: the ones inside the clause are a slice (bisect), so a
        # sentence with thousands of values does not compare each with every other.
        inside = mentions[bisect_left(starts, a + claim.start):bisect_left(starts, b + claim.start)]
        others = [m for m in inside if m is not mention and view[m.start - claim.start] == "0"]
        statement = _statement(claim, doc, mention, view, tokens, a, b, others)
        if statement is not None:
            out.append(statement)
    return out


class _Tokens:
    """The words of one view of a claim, found once: offsets, words, and for content words the
    stem (a name unstemmed) and whether it is a name (capitalised mid-sentence)."""

    def __init__(self, text: str, view: str):
        matches = list(_TOKEN.finditer(view))
        self.commas = [m.start() for m in _COMMA.finditer(view)]
        self.starts = [m.start() for m in matches]
        self.words = [m.group() for m in matches]
        opening = self.starts[0] if matches else 0  # the first word is capitalised anyway
        self.keys: list[str | None] = [_content_key(word) for word in self.words]
        self.names = [key is not None and start > opening and text[start].isupper()
                      for key, start in zip(self.keys, self.starts)]
        for i in (i for i, name in enumerate(self.names) if name):
            self.keys[i] = _name(self.words[i].strip("'’-"))

    def span(self, a: int, b: int) -> range:
        """Indexes of the words that start in ``[a, b)``."""
        return range(bisect_left(self.starts, a), bisect_left(self.starts, b))

    def content(self, a: int, b: int) -> int:
        return sum(1 for i in self.span(a, b) if self.keys[i] is not None)

    def reporting(self, a: int, b: int) -> bool:
        return any(self.words[i] in _REPORTING for i in self.span(a, b))


@lru_cache(maxsize=1 << 16)
def _content_key(word: str) -> str | None:
    """The stem of a lower-cased content word; None for a stopword, a role cue or a letter."""
    word = word.strip("'’-")
    return None if word in STOPWORDS or word in _PLANNED or len(word) < 2 else stem(word)


def _mask(text: str, spans: Sequence[tuple[int, int]], fill: str = "0") -> str:
    """The text with each span replaced by ``fill``: zeros for a mention, so that no boundary or
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


def _clause(view: str, tokens: _Tokens, cuts: Sequence[tuple[int, int]], ms: int, me: int) -> tuple[int, int]:
    """The clause around a mention: its comma piece inside the hard boundaries, joined to the
    neighbouring pieces (left first) until it has ``MIN_CONTEXT`` content words. A reporting
    piece (", the ministry said") is never joined: who said it is not part of the fact."""
    hard_a = max((e for s, e in cuts if e <= ms), default=0)
    hard_b = min((s for s, e in cuts if s >= me), default=len(view))
    commas = tokens.commas[bisect_left(tokens.commas, hard_a):bisect_left(tokens.commas, hard_b)]
    left = [hard_a - 1, *(i for i in commas if i < ms)]
    right = [*(i for i in commas if i >= me), hard_b]
    a, b = left.pop() + 1, right.pop(0)
    while tokens.content(a, b) < MIN_CONTEXT:
        if left and not tokens.reporting(left[-1] + 1, a):
            a = left.pop() + 1
        elif right and not tokens.reporting(b, right[0]):
            b = right.pop(0)
        else:
            break
    return a, b


def _statement(claim: Claim, doc: int, mention: Mention, view: str, tokens: _Tokens, a: int, b: int,
               others: Sequence[Mention]) -> Statement | None:
    ms = mention.start - claim.start
    span = tokens.span(a, b)
    raw = tokens.words[span.start:span.stop]
    clause = view[a:b]
    if not _NEGATION.isdisjoint(raw) or not _SPECULATIVE.isdisjoint(raw) or "n't" in clause or "n’t" in clause:
        return None
    sequence, names = _window(tokens, span, ms)
    words = frozenset(sequence) - {"#", ""}
    planned = ("planned" if _planned(raw) else "actual") + (" again" if not _AGAIN.isdisjoint(raw) else "")
    if isinstance(mention, DateMention):
        if _dateline(view, ms, ms + len(mention.text)):
            return None
        near = tokens.span(max(a, ms - 24), ms)
        role, bound = _date_role(mention, tokens.words[near.start:near.stop][-2:], others, planned)
    else:
        role, bound = _number_role(mention, view[max(0, ms - 24):ms], planned)
    if role is None or len(words) < 3:
        return None
    values = frozenset(value_token(m) for m in others)
    return Statement(doc=doc, claim=claim.id, kind="date" if isinstance(mention, DateMention) else "number",
                     role=role, start=mention.start, end=mention.end, text=mention.text, words=words,
                     names=names, sequence=sequence, values=values, mention=mention, bound=bound)


def _dateline(view: str, ms: int, me: int) -> bool:
    """A date set off by a comma and ending its sentence or clause ("..., Crisis Group
    Commentary, 13 November 2023.", "Kabul, 2023 [Pashto];"): the date of a source or a
    dispatch, not of an event stated there."""
    rest = view[me:].lstrip()
    return view[:ms].rstrip().endswith(",") and (not rest or rest[0] in _CLOSING)


def _planned(raw: Sequence[str]) -> bool:
    """A plan, forecast or target rather than an outcome: "scheduled", "will", "to be"."""
    return not _PLANNED.isdisjoint(raw) or any(x == "to" and y == "be" for x, y in zip(raw, raw[1:]))


def _window(tokens: _Tokens, span: range, ms: int) -> tuple[tuple[str, ...], frozenset[str]]:
    """The content words of the clause in order, at most ``WINDOW`` on each side of the mention
    (which stands as ``#``), ``""`` where stopwords part two of them; and those that are names."""
    keys, starts = tokens.keys, tokens.starts
    left = [i for i in span if keys[i] is not None and starts[i] < ms][-WINDOW:]
    right = [i for i in span if keys[i] is not None and starts[i] >= ms][:WINDOW]
    sequence: list[str] = []
    for i in range(left[0] if left else span.start, right[-1] + 1 if right else span.stop):
        if starts[i] >= ms and "#" not in sequence:
            sequence.append("#")
        _push(sequence, keys[i])
    if "#" not in sequence:
        sequence.append("#")
    while sequence[-1] == "":
        sequence.pop()
    return tuple(sequence), frozenset(keys[i] for i in left + right if tokens.names[i])


def _push(sequence: list[str], key: str | None) -> None:
    """Append a content word, or one ``""`` for a run of stopwords between two of them."""
    if key is not None:
        sequence.append(key)
    elif sequence and sequence[-1] != "":
        sequence.append("")


def _date_role(mention: DateMention, before: Sequence[str], others: Sequence[Mention],
               planned: str) -> tuple[str | None, str | None]:
    """``planned`` / ``actual`` and a bound ("about"); None for a date that states no event."""
    if not mention.valid or (before and before[-1] in _RELATIONAL):
        return None, None
    if "by" in before and planned == "actual":
        return None, None  # "by 1999 the ferry ran hourly": a bound on an unstated date
    if any(isinstance(m, NumberMention) and m.unit in _PERIOD_UNITS for m in others):
        return None, None
    return planned, ("about" if before and before[-1] in _ABOUT else None)


def _number_role(mention: NumberMention, before: str, planned: str) -> tuple[str | None, str | None]:
    """The unit or counted noun (stemmed, "-" for none) and planned/actual; whether the value is
    a bound or an estimate."""
    unit = mention.unit or "-"  # no counted noun next to it: the clause's words must tell
    unit = unit if unit.isupper() or " " in unit or unit == "-" else stem(unit)
    role = sys.intern(f"{unit} {planned}")  # one string per role, however many statements
    before = " " + before.rstrip()
    if before.endswith(_LOWER):
        return role, "lower"
    if before.endswith(_UPPER):
        return role, "upper"
    return role, ("about" if mention.approximate else None)


def spelling_variants(x: str, y: str, word_match: float = 90.0) -> bool:
    """Two spellings of one word: close by fuzzy ratio and with the same first letter (a typo
    rarely changes it, while "Eldminster" and "Belminster" are two towns)."""
    return len(x) >= 4 and len(y) >= 4 and x[0] == y[0] and fuzz.ratio(x, y) >= word_match


class FactIndex:
    """Statements blocked by (kind, role, rare word): candidate pairs without comparing all pairs.

    Each statement is filed under its ``KEY_WORDS`` rarest words and looked up by its rarest
    word and that word's spelling variants (words one edit away, found through a map of
    one-letter deletions, as SymSpell does). Only the statements filed under what a statement
    looks up are compared with it, so the work grows with the corpus, not with its square.
    """

    def __init__(self, statements: Sequence[Statement], word_match: float = 90.0):
        self.statements = list(statements)
        self.word_match = word_match
        self.frequency = frequency = Counter(w for s in self.statements for w in s.words)
        self.rare = [sorted(s.words, key=lambda w: (frequency[w], w))[:KEY_WORDS] for s in self.statements]
        self.buckets: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        for number, (statement, rare) in enumerate(zip(self.statements, self.rare)):
            for word in rare:
                self.buckets[(statement.kind, statement.role, word)].append(number)
        self.deletions = self._deletion_map({w for rare in self.rare for w in rare})
        self._variants: dict[str, tuple[str, ...]] = {}

    def _deletion_map(self, words: set[str]) -> dict[str, list[str]]:
        """One-letter deletions to the words that have them; only the deletions a rare word has,
        since two spellings are variants only when one of them is rare."""
        rare_keys = {key for word in words if self.is_rare(word) for key in _deletions(word)}
        deletions: dict[str, list[str]] = defaultdict(list)
        for word in sorted(words):
            for key in _deletions(word) & rare_keys:
                deletions[key].append(word)
        return deletions

    def is_rare(self, word: str) -> bool:
        """Seen in at most ``RARE`` statements: a spelling that may be a typo of a commoner one."""
        return self.frequency[word] <= RARE

    def variants(self, word: str) -> tuple[str, ...]:
        """Indexed words one edit from ``word`` and at ``word_match`` or above ("threkled")."""
        if word not in self._variants:
            near = {v for key in _deletions(word) for v in self.deletions.get(key, ()) if v != word}
            self._variants[word] = tuple(sorted(v for v in near if (self.is_rare(word) or self.is_rare(v))
                                                and spelling_variants(word, v, self.word_match)))
        return self._variants[word]

    def lookups(self, number: int) -> tuple[str, ...]:
        """What statement ``number`` is looked up by: its rarest word and that word's variants."""
        rare = self.rare[number]
        if not rare:
            return ()
        variants = self.variants(rare[0])
        return (rare[0], *variants) if variants else rare[:1]

    def candidate_pairs(self, allowed: Callable[[Statement, Statement], bool]) -> Iterator[tuple[int, int]]:
        """Each pair of statements filed under what one of them looks up, once, when ``allowed``.

        A pair found from both sides is yielded from the lower number's side, so no set of the
        pairs seen is kept (it would grow with the number of candidates)."""
        for number, statement in enumerate(self.statements):
            found: set[int] = set()
            for word in self.lookups(number):
                members = self.buckets.get((statement.kind, statement.role, word), ())
                if len(members) <= MAX_BUCKET:  # else its rarest word is too common to tell facts apart
                    found.update(members)
            for other in sorted(found):
                if other == number or (other < number and self._finds(other, number)):
                    continue
                pair = (number, other) if number < other else (other, number)
                if allowed(self.statements[pair[0]], self.statements[pair[1]]):
                    yield pair

    def _finds(self, number: int, other: int) -> bool:
        """Whether looking up statement ``number`` finds ``other`` (then that side yields it)."""
        statement, filed = self.statements[number], self.rare[other]
        for word in self.lookups(number):
            if word in filed and len(self.buckets.get((statement.kind, statement.role, word), ())) <= MAX_BUCKET:
                return True
        return False


def _deletions(word: str) -> set[str]:
    """The word and its one-letter deletions: two words one edit apart share one of them."""
    if len(word) < 4:
        return {word}
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}
