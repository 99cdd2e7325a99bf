"""The rule registry: each rule is a function declared with ``@rule``; its docstring is its page.

The registry feeds ``factcheck rules`` / ``explain``, the SARIF ``rules[]`` and the report's help,
and refuses duplicate codes at import.

A rule checks one document (an ``AuditContext``) and yields ``Hit`` s. A rule may also check the
whole corpus (several documents audited together): ``@corpus_check(code, collect=...)`` adds that
half to a declared rule. ``collect`` names what each document's audit hands to the corpus check
(an ``AuditContext`` attribute, built in the worker), so the check reads that and not whole
extractions; the check takes a ``CorpusContext`` and yields ``Hit`` s that name their document.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from factcheck.citations.model import ReferenceEntry
from factcheck.model import Severity
from factcheck.results import Finding, Related

if TYPE_CHECKING:
    from factcheck.context import AuditContext, CorpusContext

# Rule families, imported once so their @rule declarations register.
FAMILIES = ("citations", "references", "notes", "dates", "numbers", "claims", "spelling", "facts")


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the registry turns it into a Finding with code, severity and excerpt.

    A corpus check's hit also says in which document it is (``doc``, an index of
    ``CorpusContext.paths``); a document rule's hit is in its document.
    """

    start: int
    end: int
    message: str
    suggestion: str | None = None
    related: tuple[Related, ...] = ()
    doc: int = 0
    # A hit in another file than the document (an entry of its --bib bibliography): that file,
    # the text at start:end there, and its line and column.
    path: str | None = None
    excerpt: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity | None = None  # instead of the rule's (CIT002 on a bibliography file's entry)


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    severity: Severity
    check: Callable[[AuditContext], Iterable[Hit]]
    doc: str = ""
    aliases: tuple[str, ...] = field(default=())
    # The check across documents, and the AuditContext attribute each document hands it.
    corpus_check: Callable[[CorpusContext], Iterable[Hit]] | None = None
    collect: str | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    @property
    def scopes(self) -> tuple[str, ...]:
        """Where the rule looks: ``("document",)`` or ``("document", "corpus")``."""
        return ("document", "corpus") if self.corpus_check else ("document",)


REGISTRY: dict[str, RuleSpec] = {}


def rule(code: str, name: str, severity: Severity):
    """Declare a rule. The decorated function takes an AuditContext and yields Hits."""

    def register(check: Callable[[AuditContext], Iterable[Hit]]):
        if code in REGISTRY or any(spec.name == name for spec in REGISTRY.values()):
            raise RuntimeError(f"rule {code} ({name}) is declared twice")
        REGISTRY[code] = RuleSpec(code=code, name=name, severity=severity, check=check,
                                  doc=inspect.cleandoc(check.__doc__ or ""))
        return check

    return register


def corpus_check(code: str, collect: str):
    """Add the check across documents to rule ``code`` (declared before it with ``@rule``)."""

    def register(check: Callable[[CorpusContext], Iterable[Hit]]):
        spec = REGISTRY.get(code)
        if spec is None or spec.corpus_check is not None:
            raise RuntimeError(f"corpus check for {code}: no such rule, or it has one already")
        REGISTRY[code] = replace(spec, corpus_check=check, collect=collect)
        return check

    return register


def all_rules() -> list[RuleSpec]:
    for family in FAMILIES:
        importlib.import_module(f"factcheck.rules.{family}")
    return [REGISTRY[code] for code in sorted(REGISTRY)]


def select_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[RuleSpec]:
    """Rules whose code starts with a selected prefix (all when none) and no ignored prefix."""
    chosen = []
    for spec in all_rules():
        if select and not any(spec.code.startswith(p) or spec.name == p for p in select):
            continue
        if any(spec.code.startswith(p) or spec.name == p for p in ignore):
            continue
        chosen.append(spec)
    return chosen


def _finding(spec: RuleSpec, severities: Mapping[str, Severity] | None, text: str, hit: Hit,
             path: str | None = None) -> Finding:
    severity = (severities or {}).get(spec.code, hit.severity or spec.severity)
    excerpt = hit.excerpt if hit.excerpt is not None else text[hit.start:hit.end]
    return Finding(code=spec.code, rule=spec.name, severity=severity, message=hit.message, start=hit.start,
                   end=hit.end, excerpt=excerpt, suggestion=hit.suggestion, related=hit.related,
                   path=hit.path or path, line=hit.line, column=hit.column)


def run_rules(ctx: AuditContext, rules: Sequence[RuleSpec],
              severities: Mapping[str, Severity] | None = None) -> list[Finding]:
    """Run each rule over the context; findings sorted by place, then code."""
    text = ctx.text
    findings = [_finding(spec, severities, text, hit) for spec in rules for hit in spec.check(ctx)]
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def collect_for_corpus(ctx: AuditContext, rules: Sequence[RuleSpec]) -> dict[str, object]:
    """What the document hands to the corpus checks of ``rules``, by attribute name."""
    return {spec.collect: getattr(ctx, spec.collect) for spec in rules if spec.collect}


def run_corpus_rules(corpus: CorpusContext, rules: Sequence[RuleSpec],
                     severities: Mapping[str, Severity] | None = None) -> list[Finding]:
    """Run the corpus checks of ``rules``; a finding is kept only where its rule ran on its
    document (per-file ignores). Sorted by path, place, then code."""
    findings = []
    for spec in rules:
        if spec.corpus_check is None:
            continue
        for hit in spec.corpus_check(corpus):
            if spec.code in corpus.rules[hit.doc]:
                findings.append(_finding(spec, severities, corpus.texts[hit.doc], hit, corpus.paths[hit.doc]))
    return sorted(findings, key=lambda f: (f.path or "", f.start, f.end, f.code))


def related(ctx: AuditContext, start: int, end: int, label: str) -> Related:
    return Related(start=start, end=end, excerpt=ctx.text[start:end], label=label)


def entry_related(ctx: AuditContext, entry: ReferenceEntry, start: int, end: int, label: str) -> Related:
    """A related place in a reference entry, in the document or in its bibliography file."""
    if entry.origin != "bib" or not ctx.bib_path:
        return related(ctx, start, end, label)
    offset = start - entry.start
    return Related(start=start, end=end, excerpt=entry.text[offset:offset + end - start], label=label,
                   path=ctx.bib_path)


def entry_hit(ctx: AuditContext, entry: ReferenceEntry, start: int, end: int, message: str, **fields) -> Hit:
    """A hit on (part of) a reference entry, ``start``/``end`` offsets where the entry lives: the
    document's text, or for an entry of a bibliography file, that file (the hit then carries the
    file's path, the excerpt and the line)."""
    if entry.origin != "bib" or not ctx.bib_path:
        return Hit(start, end, message, **fields)
    offset = start - entry.start
    excerpt = entry.text[offset:offset + end - start]
    before = entry.text[:offset]
    line = (entry.line or 1) + before.count("\n")
    column = (offset - before.rfind("\n")) if "\n" in before else (entry.column or 1) + offset
    return Hit(start, end, message, path=ctx.bib_path, excerpt=excerpt, line=line, column=column, **fields)
