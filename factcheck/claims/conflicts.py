"""Conflicts: the same fact stated with different values, in a document or across a corpus.

Statements live in ``factcheck.claims.facts`` and their index in ``factcheck.claims.fact_index``;
this module judges the pairs the index proposes: are they the same fact, do their values agree,
and whom to blame when not.

``same_fact``, cheapest test first: same kind and role (planned/actual, unit); the same other
values in the clause; no word of one replaced by another in the other ("northern dam" /
"southern dam", "exports" / "imports"; a rare spelling one edit from the other's is a typo, not
another word); at least ``fact_min_shared`` shared words, and at most ``MAX_EXTRA`` words added
by one of them, none a name ("the Harlow dam" is not "the dam"), none inside the shared words
("the museum library was founded") or right next to one ("the old bridge"); and rapidfuzz
``token_set_ratio`` of the two phrases at ``fact_match`` or above.

Agreement allows for how precisely each value is written (``factcheck.claims.fact_values``):
"March 2026" agrees with "20 March 2026", "1.9 million" with "1,894,000".

Whom to blame: each conflicting pair is reported once, on the statement with fewer agreeing
statements of the same fact (the odd one out), and on the later one when neither has more.
A statement in conflict with several others gets one finding listing them all.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from rapidfuzz import fuzz

from factcheck.claims.fact_index import FactIndex, spelling_variants
from factcheck.claims.fact_values import values_agree
from factcheck.claims.facts import MAX_EXTRA, SEQUENCE_MARKS, Statement
from factcheck.config import Thresholds

# What makes two statements the same statement: everything but where they stand (the sequence
# holds the words). A C-level getter: a corpus has hundreds of thousands of statements.
_SIGNATURE = attrgetter("doc", "kind", "role", "text", "sequence", "names", "values", "bound")
_KIND_ROLE = attrgetter("kind", "role")


@dataclass(frozen=True)
class Conflict:
    """A statement whose value disagrees with other statements of the same fact."""

    statement: Statement
    others: tuple[Statement, ...]


def find_conflicts(statements: Sequence[Statement], thresholds: Thresholds = Thresholds(),
                   across_documents: bool = False) -> list[Conflict]:
    """Conflicts among statements of different claims (document mode) or documents (corpus).

    Statements repeated word for word with the same value (a sentence restated, a boilerplate
    paragraph on every page) are compared once per group: they agree with each other, and a
    clash with one of them is a clash with each. Without this, text repeated n times costs n²
    comparisons.
    """
    firsts, repeats = repeat_groups(statements)

    def members(group: int) -> tuple[int, ...]:
        return (firsts[group], *repeats[group]) if group in repeats else (firsts[group],)

    # Only statements of one kind and role are the same fact, and only those of two claims (two
    # documents) are compared: a kind and role stated in one claim alone is not indexed at all.
    # The words' frequency is still counted over every statement, so rarity does not change.
    where: dict[tuple[str, str], set] = defaultdict(set)
    for number in firsts:
        s = statements[number]
        where[_KIND_ROLE(s)].add(s.doc if across_documents else (s.doc, s.claim))
    comparable = array("l", (group for group, number in enumerate(firsts)
                             if len(where[_KIND_ROLE(statements[number])]) > 1))
    if not comparable:
        return []
    # Each statement's words once: the distinct entries of its sequence, less the marks.
    frequency = Counter(chain.from_iterable(set(statements[number].sequence) for number in firsts))
    for mark in SEQUENCE_MARKS:
        frequency.pop(mark, None)
    indexed = [statements[firsts[group]] for group in comparable]
    index = FactIndex(indexed, thresholds.fact_word_match, frequency)
    # Who may be compared with whom is read from arrays by index number, not from the
    # statements: a corpus's are many and scattered in memory.
    docs = array("l", (s.doc for s in indexed))
    claims = None if across_documents else [(s.doc, s.claim) for s in indexed]
    support: Counter[int] = Counter()
    if not across_documents:  # a statement repeated in a document agrees with its repeats
        for group in repeats:
            for number in members(group):
                support[number] += len(repeats[group])
    clashes: list[tuple[int, int]] = []
    rare_words, rare, sizes = index.rare_words, index.rare, index.sizes
    is_rare = rare_words.__contains__  # every word compared is counted in ``frequency``
    has_rare = [bool(filed) and filed[0] in rare_words for filed in rare]  # the rarest first
    for i, others in index.candidates(apart=docs if across_documents else claims):
        doc, filed, size, rare_here = docs[i], rare[i], sizes[i], has_rare[i]
        for j in others:
            if docs[j] != doc and not across_documents:
                continue  # the claims of two documents, in document mode
            if not (rare_here or has_rare[j] or rarest_shared(filed, rare[j], size, sizes[j])):
                continue  # most candidates stop here
            first, second = (i, j) if i < j else (j, i)
            verdict = pair_verdict(indexed[first], indexed[second], thresholds, is_rare)
            if verdict is None:
                continue
            ours, theirs = members(comparable[first]), members(comparable[second])
            if verdict:
                for number in ours:
                    support[number] += len(theirs)
                for number in theirs:
                    support[number] += len(ours)
            else:
                clashes.extend((x, y) for x in ours for y in theirs)
    return _blame(statements, clashes, support)


def rarest_shared(filed: Sequence[str], filed_other: Sequence[str], size: int, size_other: int) -> bool:
    """Whether the smaller statement's two rarest words are among the other's filed words.

    Without a rare word there is no typo: the smaller statement's words must all be the
    larger's, so its two rarest are among the larger's KEY_WORDS rarest (at most MAX_EXTRA words
    rarer than them come in). ``filed`` is the statement looked up from, taken for the smaller
    one when both are the same size."""
    small, large = (filed, filed_other) if size <= size_other else (filed_other, filed)
    return small[0] in large and (len(small) <= 1 or small[1] in large)


def pair_verdict(a: Statement, b: Statement, thresholds: Thresholds,
                 is_rare: Callable[[str], bool]) -> bool | None:
    """For two statements in index order: None when they are not the same fact, else whether
    their values agree."""
    if not same_fact(a, b, thresholds.fact_match, thresholds.fact_word_match, thresholds.fact_min_shared, is_rare):
        return None
    return values_agree(a, b, thresholds.number_tolerance)


def repeat_groups(statements: Sequence[Statement]) -> tuple[array, dict[int, list[int]]]:
    """Statements repeated word for word, as groups: the first statement of each group (in
    order), and the later ones of the groups that have any.

    The document is part of what makes two statements the same, and the statements come one
    document after another, so the table of those seen is dropped at each new document: it
    holds one document's statements, not a corpus's. (Were one document's statements apart,
    its repeats would only be compared separately, with the same findings.)"""
    firsts = array("l")
    repeats: dict[int, list[int]] = {}
    doc, seen = None, {}
    for number, statement in enumerate(statements):
        if statement.doc != doc:
            doc, seen = statement.doc, {}
        key = _SIGNATURE(statement)
        group = seen.get(key)
        if group is None:
            seen[key] = len(firsts)
            firsts.append(number)
        else:
            repeats.setdefault(group, []).append(number)
    return firsts, repeats


_HEADLINE_SHARE = 0.6  # of the headline's words around the value that the body's statement has too


def headline_conflicts(headline: Sequence[Statement], body: Sequence[Statement],
                       thresholds: Thresholds = Thresholds()) -> list[Conflict]:
    """Body statements of a headline's fact whose value the headline gives otherwise.

    A headline is terse ("Storm kills 12 in Kestova"): it drops the counted noun and the day
    that the body states ("The storm killed 12 people in Kestova on Monday"), so the body's
    statement of the same fact is one with the headline's unit (any when the headline has none;
    planned or not) that holds most of the headline's words (``_HEADLINE_SHARE``, three at
    least). When one such statement agrees with the headline, the fact is stated right and
    the others are other facts; otherwise each that disagrees is reported, the headline as the
    other place.
    """
    out = []
    for h in headline:
        words = h.words
        if len(words) < thresholds.fact_min_shared:
            continue
        matching = []
        for b in body:
            if b.kind != h.kind or not _role_fits(h.role, b.role):
                continue
            shared = len(words & b.words)
            if shared >= thresholds.fact_min_shared and shared >= _HEADLINE_SHARE * len(words):
                matching.append(b)
        verdicts = [(b, values_agree(h, b, thresholds.number_tolerance)) for b in matching]
        if any(v for _, v in verdicts):
            continue
        out.extend(Conflict(b, (h,)) for b, v in verdicts if v is False)
    return out


def _role_fits(headline_role: str, body_role: str) -> bool:
    """The same unit, or none in the headline; planned or not, since the headline's few words
    rarely carry the "plans to" that the body's clause does."""
    unit = headline_role.rsplit(" ", 1)[0]
    return unit == "-" or unit == body_role.rsplit(" ", 1)[0]


def _blame(statements: Sequence[Statement], clashes: Sequence[tuple[int, int]],
           support: Counter[int]) -> list[Conflict]:
    """One conflict per blamed statement: the odd one out of each pair, else the later one."""
    blamed: dict[int, set[int]] = defaultdict(set)
    for i, j in clashes:
        first, later = sorted((i, j), key=lambda k: statements[k].order)
        target, other = (first, later) if support[first] < support[later] else (later, first)
        blamed[target].add(other)
    conflicts = [Conflict(statements[t], distinct_others(statements[o] for o in others)) for t, others in blamed.items()]
    return sorted(conflicts, key=lambda c: c.statement.order)


def distinct_others(others: Iterable[Statement]) -> tuple[Statement, ...]:
    """The other statements in order, one per document and value as written."""
    kept: dict[tuple[int, str], Statement] = {}
    for other in sorted(others, key=lambda s: s.order):
        kept.setdefault((other.doc, other.text), other)
    return tuple(kept.values())


def same_fact(a: Statement, b: Statement, fact_match: float = 85.0, word_match: float = 90.0,
              min_shared: int = 3, rare: Callable[[str], bool] = lambda word: True) -> bool:
    """Whether two statements say the same thing about their value (see the module docstring).

    ``rare``: whether a word is rare where the statements come from; two spellings are variants
    of one word only when one of them is rare (a typo), not when both are common (two towns)."""
    if a.kind != b.kind or a.role != b.role:
        return False
    if a.values and b.values and a.values != b.values:
        return False
    words_a, words_b = a.words, b.words
    only_a, only_b = words_a - words_b, words_b - words_a
    shared = len(words_a) - len(only_a)
    if only_a and only_b:
        if not any(map(rare, only_a)) and not any(map(rare, only_b)) or (
                {x[0] for x in only_a}.isdisjoint({y[0] for y in only_b})):
            return False  # a substitution: no rare word to be a typo, or no first letter shared
        paired = _pair_variants(only_a, only_b, word_match, rare)
        only_a, only_b = only_a - {x for x, _ in paired}, only_b - {y for _, y in paired}
        shared += len(paired)
        if only_a and only_b:
            return False  # each says something the other does not: two facts
    extra = only_a or only_b
    if shared < min_shared or len(extra) > min(MAX_EXTRA, shared - 2) or not (
            extra.isdisjoint(a.names) and extra.isdisjoint(b.names)):
        return False  # too little in common, or one names someone or something the other does not
    if extra and _qualifies(a.sequence if only_a else b.sequence, extra):
        return False  # "the museum library", "the new bridge": an added word qualifies the subject
    phrase_a = " ".join(sorted(words_a.union(a.values)))  # as Statement.phrase, the words at hand
    phrase_b = " ".join(sorted(words_b.union(b.values)))
    return fuzz.token_set_ratio(phrase_a, phrase_b) >= fact_match


def _qualifies(sequence: Sequence[str], extra: frozenset[str]) -> bool:
    """Whether an extra word stands between the shared words (or the value), or right next to
    one of them with no stopword between: then it is part of what is stated, not context at the
    edge of the window ("... in 2012 after years of delay")."""
    kept = [i for i, word in enumerate(sequence) if word and word not in extra]
    for i, word in enumerate(sequence):
        if word in extra and (kept[0] < i < kept[-1] or _shared_neighbour(sequence, i, extra)):
            return True
    return False


def _shared_neighbour(sequence: Sequence[str], i: int, extra: frozenset[str]) -> bool:
    neighbours = sequence[max(0, i - 1):i] + sequence[i + 1:i + 2]
    return any(word and word not in extra for word in neighbours)


def _pair_variants(xs: Iterable[str], ys: Iterable[str], word_match: float,
                   rare: Callable[[str], bool]) -> list[tuple[str, str]]:
    """Spelling variants ("threkled" / "threkkled"): pairs of words at ``word_match`` or above."""
    pairs, free = [], sorted(ys)
    for x in sorted(xs):
        for y in free:
            if x[0] == y[0] and (rare(x) or rare(y)) and spelling_variants(x, y, word_match):
                pairs.append((x, y))
                free.remove(y)
                break
    return pairs
