"""DATE001 / NUM001: the same fact stated with different values, in a document or across a corpus.

Statements live in ``factcheck.claims.facts``, and which of them conflict is decided in
``factcheck.claims.conflicts``; the context computes the conflicts once for both rules (per
document, and per corpus). This module words the findings: each conflicting statement is
reported once, with up to ``MAX_RELATED`` of the statements it conflicts with.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.claims.conflicts import Conflict
from factcheck.context import AuditContext, CorpusContext
from factcheck.model import Severity
from factcheck.results import Related
from factcheck.rules.registry import Hit, corpus_check, rule

MAX_RELATED = 5


def _message(conflict: Conflict, where: str) -> str:
    s = conflict.statement
    others = " and ".join(dict.fromkeys(f"'{o.text}'" for o in conflict.others[:MAX_RELATED]))
    if s.kind == "date":
        return f"Date '{s.text}' conflicts with {others} given for the same event {where}."
    return f"Number '{s.text}' conflicts with {others} given for the same quantity {where}."


def _hits(ctx: AuditContext, kind: str) -> Iterator[Hit]:
    headline = ctx.extraction.headline
    for conflict in ctx.fact_conflicts:
        if conflict.statement.kind == kind:
            in_headline = headline is not None and all(o.claim == headline.id for o in conflict.others)
            yield Hit(conflict.statement.start, conflict.statement.end,
                      _message(conflict, "in the headline" if in_headline else "elsewhere in the document"),
                      related=tuple(ctx.place(o.start, o.end, "headline" if in_headline else "other statement")
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
    count the same unit ("people", "percent", "USD"). The headline is compared with the body
    too: "Storm kills 12 in Kestova" against "The storm killed 15 people in Kestova on Monday"
    (a headline drops the counted noun and the day; its words must be mostly the body's). Values agree when they can be the same as
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


@corpus_check("DATE001", collect="fact_statements")
def date_conflict_across(corpus: CorpusContext) -> Iterator[Hit]:
    return _corpus_hits(corpus, "date")


@corpus_check("NUM001", collect="fact_statements")
def number_conflict_across(corpus: CorpusContext) -> Iterator[Hit]:
    return _corpus_hits(corpus, "number")


def _corpus_hits(corpus: CorpusContext, kind: str) -> Iterator[Hit]:
    """A conflict between documents: the statement where it is blamed, the others as related
    places in their documents."""
    paths, texts = corpus.paths, corpus.texts
    for conflict in corpus.fact_conflicts:
        s = conflict.statement
        if s.kind != kind:
            continue
        others = conflict.others[:MAX_RELATED]
        where = "in " + " and ".join(dict.fromkeys(paths[o.doc] for o in others))
        yield Hit(s.start, s.end, _message(conflict, where), doc=s.doc,
                  related=tuple(Related(start=o.start, end=o.end, excerpt=texts[o.doc][o.start:o.end],
                                        path=paths[o.doc], label="other statement") for o in others))
