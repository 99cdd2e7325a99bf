"""DATE001 / NUM001: the same fact stated with different values, in a document or across a corpus.

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

Agreement allows for how precisely each value is written (``factcheck.rules.fact_values``):
"March 2026" agrees with "20 March 2026", "1.9 million" with "1,894,000".

Whom to blame: each conflicting pair is reported once, on the statement with fewer agreeing
statements of the same fact (the odd one out), and on the later one when neither has more.
A statement in conflict with several others gets one finding listing them all.
"""

from __future__ import annotations

import gc
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from rapidfuzz import fuzz

from factcheck.claims.fact_index import FactIndex, spelling_variants
from factcheck.claims.facts import MAX_EXTRA, SEQUENCE_MARKS, Statement, statements_of
from factcheck.config import Settings, Thresholds
from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.model import Finding, Related
from factcheck.rules.fact_values import values_agree
from factcheck.rules.registry import REGISTRY, Hit, related, rule

MAX_RELATED = 5
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
    firsts, repeats = _repeats(statements)

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
            if not (rare_here or has_rare[j]):
                # Without a rare word there is no typo: the smaller statement's words must all
                # be the larger's, so its two rarest are among the larger's KEY_WORDS rarest (at
                # most MAX_EXTRA words rarer than them come in). Most candidates fail this.
                small, large = (filed, rare[j]) if size <= sizes[j] else (rare[j], filed)
                if small[0] not in large or (len(small) > 1 and small[1] not in large):
                    continue
            first, second = (i, j) if i < j else (j, i)
            a, b = indexed[first], indexed[second]
            if not same_fact(a, b, thresholds.fact_match, thresholds.fact_word_match, thresholds.fact_min_shared,
                             is_rare):
                continue
            verdict = values_agree(a, b, thresholds.number_tolerance)
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


def _repeats(statements: Sequence[Statement]) -> tuple[array, dict[int, list[int]]]:
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


def _settings(ctx: AuditContext) -> Settings:
    return ctx.settings if isinstance(ctx.settings, Settings) else Settings()


def document_statements(ctx: AuditContext) -> tuple[Statement, ...]:
    """The document's fact statements, built once per audit: both rules read them, and they go
    with the document's result to the corpus check (``check_corpus``), which then need not
    build them again from the whole extraction."""
    if "fact-statements" not in ctx._cache:
        ctx._cache["fact-statements"] = tuple(s for claim in ctx.extraction.claims for s in statements_of(claim))
    return ctx._cache["fact-statements"]


def _document_conflicts(ctx: AuditContext) -> list[Conflict]:
    """The document's conflicts, computed once for both rules."""
    if "fact-conflicts" not in ctx._cache:
        ctx._cache["fact-conflicts"] = find_conflicts(document_statements(ctx), _settings(ctx).thresholds)
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

    ``results``: ``DocumentResult`` s: ``document``, and ``facts`` (the statements the audit of
    the document built, see ``document_statements``) or else ``extraction``, whose claims are
    read again. Only statements from two different documents are compared, so a document alone
    never yields a corpus finding; its own conflicts are its document findings.
    """
    settings = settings or Settings()
    # "Later" means later in path order, so the findings do not depend on the order of inputs.
    results = sorted(results, key=lambda result: result.document.path)
    # Hundreds of thousands of small acyclic objects are built here: the cycle collector would
    # scan the whole heap again and again as they are (a third of the time at 10,000 documents)
    # and can find nothing to free, so it waits until the check is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        statements = []
        for number, result in enumerate(results):
            facts = getattr(result, "facts", None)
            if facts is None:
                facts = (s for claim in result.extraction.claims for s in statements_of(claim))
            statements.extend(s.in_document(number) for s in facts)
        conflicts = find_conflicts(statements, settings.thresholds, across_documents=True)
        del statements
    finally:
        if collecting:
            gc.enable()
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
