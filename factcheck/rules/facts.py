"""DATE001 / NUM001: the same fact stated with different values, in a document or across a corpus.

Statements and their index live in ``factcheck.claims.facts``; this module judges the pairs the
index proposes: are they the same fact, do their values agree, and whom to blame when not.

``same_fact``, cheapest test first: same kind and role (planned/actual, unit); the same other
values in the clause; no word of one replaced by another in the other ("northern dam" /
"southern dam", "exports" / "imports"; a rare spelling one edit from the other's is a typo, not
another word); at least ``fact_min_shared`` shared words, and at most ``MAX_EXTRA`` words added
by one of them, none a name ("the Harlow dam" is not "the dam"), none inside the shared words
("the museum library was founded") or right next to one ("the old bridge"); and rapidfuzz
``token_set_ratio`` of the two phrases at ``fact_match`` or above.

Agreement allows for how precisely each value is written, because a false alarm costs more
than a miss: "March 2026" agrees with "20 March 2026" (their day ranges overlap), "late 2022"
with "October 2022"; a range is compared only with a range; "about 190,000" agrees with
"190,000" and "1.9 million" with "1,894,000"; "over 6,000" with "nearly 6,000".

Whom to blame: each conflicting pair is reported once, on the statement with fewer agreeing
statements of the same fact (the odd one out), and on the later one when neither has more.
A statement in conflict with several others gets one finding listing them all.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck.claims.dates import iso_bounds
from factcheck.claims.facts import MAX_EXTRA, FactIndex, Statement, spelling_variants, statements_of
from factcheck.claims.model import DateMention, NumberMention
from factcheck.config import Settings, Thresholds
from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.model import Finding, Related
from factcheck.rules.registry import REGISTRY, Hit, related, rule

MAX_RELATED = 5
_NUMERAL = re.compile(r"[0-9][0-9.,]*")
# Months a qualified year can mean, generously: "late 2022" agrees with July 2022.
_QUALIFIED_MONTHS = {"early": ("01", "06"), "mid": ("04", "09"), "late": ("07", "12")}


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
    groups: dict[tuple, list[int]] = defaultdict(list)
    for number, statement in enumerate(statements):
        groups[_signature(statement)].append(number)
    members = list(groups.values())
    representatives = [statements[group[0]] for group in members]
    index = FactIndex(representatives, thresholds.fact_word_match)
    if across_documents:
        def allowed(a: Statement, b: Statement) -> bool:
            return a.doc != b.doc
    else:
        def allowed(a: Statement, b: Statement) -> bool:
            return a.doc == b.doc and a.claim != b.claim
    support: Counter[int] = Counter()
    if not across_documents:
        for group in members:
            for number in group:
                support[number] += len(group) - 1
    clashes: list[tuple[int, int]] = []
    for i, j in index.candidate_pairs(allowed):
        a, b = representatives[i], representatives[j]
        if not same_fact(a, b, thresholds.fact_match, thresholds.fact_word_match, thresholds.fact_min_shared,
                         index.is_rare):
            continue
        verdict = values_agree(a, b, thresholds.number_tolerance)
        if verdict:
            for number in members[i]:
                support[number] += len(members[j])
            for number in members[j]:
                support[number] += len(members[i])
        elif verdict is False:
            clashes.extend((x, y) for x in members[i] for y in members[j])
    return _blame(statements, clashes, support)


def _signature(statement: Statement) -> tuple:
    """What makes two statements the same statement: everything but where they stand."""
    return (statement.doc, statement.kind, statement.role, statement.words, statement.names, statement.sequence,
            statement.values, statement.text, statement.bound)


def _blame(statements: Sequence[Statement], clashes: Sequence[tuple[int, int]],
           support: Counter[int]) -> list[Conflict]:
    """One conflict per blamed statement: the odd one out of each pair, else the later one."""
    blamed: dict[int, set[int]] = defaultdict(set)
    for i, j in clashes:
        first, later = sorted((i, j), key=lambda k: statements[k].order)
        target, other = (first, later) if support[first] < support[later] else (later, first)
        blamed[target].add(other)
    conflicts = [Conflict(statements[t], _distinct(statements[o] for o in others)) for t, others in blamed.items()]
    return sorted(conflicts, key=lambda c: c.statement.order)


def _distinct(others: Iterable[Statement]) -> tuple[Statement, ...]:
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
    only_a, only_b = a.words - b.words, b.words - a.words
    shared = len(a.words) - len(only_a)
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
    if shared < min_shared or len(extra) > min(MAX_EXTRA, shared - 2) or extra & (a.names | b.names):
        return False  # too little in common, or one names someone or something the other does not
    if extra and _qualifies(a.sequence if only_a else b.sequence, extra):
        return False  # "the museum library", "the new bridge": an added word qualifies the subject
    return fuzz.token_set_ratio(a.phrase, b.phrase) >= fact_match


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


def values_agree(a: Statement, b: Statement, tolerance: float = 0.1) -> bool | None:
    """True when the values can be the same, False when they cannot, None when not comparable."""
    if isinstance(a.mention, DateMention) and isinstance(b.mention, DateMention):
        return dates_agree(a.mention, b.mention, a.bound, b.bound)
    if isinstance(a.mention, NumberMention) and isinstance(b.mention, NumberMention):
        return numbers_agree(a.mention, b.mention, a.bound, b.bound, tolerance)
    return None


def dates_agree(a: DateMention, b: DateMention, bound_a: str | None = None,
                bound_b: str | None = None) -> bool | None:
    """Whether the days two dates can mean overlap; a range only against a range (both ends)."""
    if "century" in (a.precision, b.precision) or bool(a.range_end) != bool(b.range_end):
        return None  # too coarse, or a range against a single date: be conservative
    if a.range_end and b.range_end:
        ends_a = iso_bounds(a.range_end, a.range_end_precision or "year")
        ends_b = iso_bounds(b.range_end, b.range_end_precision or "year")
        return _overlap(_date_span(a, bound_a), _date_span(b, bound_b)) and _overlap(ends_a, ends_b)
    return _overlap(_date_span(a, bound_a), _date_span(b, bound_b))


def _date_span(mention: DateMention, bound: str | None) -> tuple[str, str]:
    """First and last day a date can mean, widened for "early/mid/late" and "about"."""
    lo, hi = iso_bounds(mention.iso, mention.precision)
    if mention.precision == "year" and mention.qualifier in _QUALIFIED_MONTHS:
        first, last = _QUALIFIED_MONTHS[mention.qualifier]
        lo, hi = f"{lo[:4]}-{first}-01", f"{hi[:4]}-{last}-{'30' if last in ('06', '09') else '31'}"
    if bound == "about":
        lo, hi = f"{int(lo[:4]) - 1:04d}{lo[4:]}", f"{int(hi[:4]) + 1:04d}{hi[4:]}"
    return lo, hi


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def numbers_agree(a: NumberMention, b: NumberMention, bound_a: str | None = None,
                  bound_b: str | None = None, tolerance: float = 0.1) -> bool:
    """Whether the values two numbers can mean, as written, overlap."""
    if a.value == b.value:
        return True
    lo_a, hi_a = _number_span(a, bound_a, tolerance)
    lo_b, hi_b = _number_span(b, bound_b, tolerance)
    return lo_a < hi_b and lo_b < hi_a


def _number_span(mention: NumberMention, bound: str | None, tolerance: float) -> tuple[float, float]:
    """The values a number can mean: a bound is open on one side, an estimate is +-tolerance,
    an exact number is +-half the unit it is rounded to, that unit at most tolerance of itself
    ("300" may be rounded to the ten, not to the hundred)."""
    value = mention.value
    slack = abs(value) * tolerance
    if bound == "lower":
        return value - slack, math.inf
    if bound == "upper":
        return -math.inf, value + slack
    half = min(granularity(mention), slack) / 2
    if bound == "about":
        half = max(half, slack)
    return value - half, value + half


def granularity(mention: NumberMention) -> float:
    """The unit a number is written to: "1.9 million" -> 100,000; "190,000" -> 10,000; "12" -> 1."""
    match = _NUMERAL.search(mention.text)
    if match is None:  # spelled out: "twenty" is read to the ten, "two million" to the million
        return 10.0 ** math.floor(math.log10(abs(mention.value))) if mention.value else 1.0
    digits = match.group().rstrip(".,").replace(", ", ",")
    whole, _, decimals = digits.partition(".")
    whole = whole.replace(",", "")
    try:
        numeral = float(whole + ("." + decimals if decimals else ""))
    except ValueError:
        return 1.0
    if decimals:
        unit = 10.0 ** -len(decimals)
    else:
        zeros = len(whole) - len(whole.rstrip("0"))
        unit = 10.0 ** min(zeros, max(len(whole) - 1, 0))
    scale = mention.value / numeral if numeral else 1.0
    return unit * scale


def _settings(ctx: AuditContext) -> Settings:
    return ctx.settings if isinstance(ctx.settings, Settings) else Settings()


def _document_conflicts(ctx: AuditContext) -> list[Conflict]:
    """The document's conflicts, computed once for both rules."""
    if "fact-conflicts" not in ctx._cache:
        statements = [s for claim in ctx.extraction.claims for s in statements_of(claim)]
        ctx._cache["fact-conflicts"] = find_conflicts(statements, _settings(ctx).thresholds)
    return ctx._cache["fact-conflicts"]


def _message(conflict: Conflict, where: str) -> str:
    s = conflict.statement
    others = " and ".join(dict.fromkeys(f"'{o.text}'" for o in conflict.others[:MAX_RELATED]))
    if s.kind == "date":
        return f"Date '{s.text}' conflicts with {others} given for the same event {where}."
    return f"Number '{s.text}' conflicts with {others} given for the same quantity {where}."


def _hits(ctx: AuditContext, kind: str) -> Iterator[Hit]:
    for conflict in _document_conflicts(ctx):
        if conflict.statement.kind == kind:
            yield Hit(conflict.statement.start, conflict.statement.end,
                      _message(conflict, "elsewhere in the document"),
                      related=tuple(related(ctx, o.start, o.end, "other statement")
                                    for o in conflict.others[:MAX_RELATED]))


@rule("DATE001", "date-conflict", Severity.ERROR)
def date_conflict(ctx: AuditContext) -> Iterator[Hit]:
    """The same event or fact given different dates in two places.

    Two sentences are about the same event when they say the same thing around the date (the
    same subject, verb and key words; spelling variants allowed). A plan and its outcome
    ("to be completed in 2020" / "completed in August 2021") are different facts, and so are
    two events that differ in a word ("the northern dam" / "the southern dam"). Dates agree
    when they can mean the same day ("March 2026" / "20 March 2026"); a range is compared only
    with a range. Across a corpus (several documents audited together) the same check runs
    between documents and is reported under `corpus_findings`.

    ## Why is this bad?
    At least one of the two dates is wrong, and a reader cannot tell which.

    ## Example
    `The Vell bridge was opened to traffic in 2017.` early in a report, and later
    `The Vell bridge was opened to traffic in 2019.`

    ## Fix
    Check the date against the source and correct the wrong statement, so both agree.
    """
    return _hits(ctx, "date")


@rule("NUM001", "number-conflict", Severity.ERROR)
def number_conflict(ctx: AuditContext) -> Iterator[Hit]:
    """The same quantity given different values in two places.

    Two sentences state the same quantity when they say the same thing around the number and
    count the same unit ("people", "percent", "USD"). Values agree when they can be the same as
    written: "about 190,000" and "190,000", "1.9 million" and "1,900,000", "over 6,000" and
    "nearly 6,000"; estimates agree within `number_tolerance` (10%). Across a corpus the same
    check runs between documents and is reported under `corpus_findings`.

    ## Why is this bad?
    A reader quoting the figure cannot know which value is right, and the error undermines the
    rest of the numbers.

    ## Example
    `The flood displaced 42,000 people in the Vell basin.` in the summary, and
    `The flood displaced 24,000 people in the Vell basin.` in the body.

    ## Fix
    Check the figure against the source and make every statement of it agree.
    """
    return _hits(ctx, "number")


def check_corpus(results: Sequence, settings: Settings | None = None) -> list[Finding]:
    """DATE001 / NUM001 between documents: one fact index over all of them.

    ``results``: ``DocumentResult`` s (``document`` and ``extraction``). Only statements from two
    different documents are compared, so a document alone never yields a corpus finding; its
    own conflicts are its document findings.
    """
    settings = settings or Settings()
    # "Later" means later in path order, so the findings do not depend on the order of inputs.
    results = sorted(results, key=lambda result: result.document.path)
    statements = [s for number, result in enumerate(results)
                  for claim in result.extraction.claims for s in statements_of(claim, number)]
    conflicts = find_conflicts(statements, settings.thresholds, across_documents=True)
    paths = [result.document.path for result in results]
    texts = [result.document.text for result in results]
    findings = [_corpus_finding(c, paths, texts, settings) for c in conflicts]
    return sorted(findings, key=lambda f: (f.path or "", f.start, f.end, f.code))


def _corpus_finding(conflict: Conflict, paths: Sequence[str], texts: Sequence[str], settings: Settings) -> Finding:
    s = conflict.statement
    code = "DATE001" if s.kind == "date" else "NUM001"
    spec = REGISTRY[code]
    others = conflict.others[:MAX_RELATED]
    where = "in " + " and ".join(dict.fromkeys(paths[o.doc] for o in others))
    return Finding(code=code, rule=spec.name, severity=settings.severity.get(code, spec.severity),
                   message=_message(conflict, where), start=s.start, end=s.end,
                   excerpt=texts[s.doc][s.start:s.end], path=paths[s.doc],
                   related=tuple(Related(start=o.start, end=o.end, excerpt=texts[o.doc][o.start:o.end],
                                         path=paths[o.doc], label="other statement") for o in others))
