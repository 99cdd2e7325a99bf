"""The rule registry: each rule is a function declared with ``@rule``; its docstring is its page.

The registry feeds ``factcheck rules`` / ``explain``, the SARIF ``rules[]`` and the report's help,
and refuses duplicate codes at import.

A rule checks one document (an ``AuditContext``) and yields ``Hit`` s. A rule may also check the
whole corpus (several documents audited together): ``@corpus_check(code, collect=...)`` adds that
half to a declared rule. ``collect`` names what each document's audit hands to the corpus check
(an ``AuditContext`` attribute, built in the worker), so the check reads that and not whole
extractions; the check takes a ``CorpusContext`` and yields ``Hit`` s that name their document,
document by document in the corpus's order (``corpus_findings`` streams them, never holding all).
"""

from __future__ import annotations

import heapq
import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from factcheck.citations.model import ReferenceEntry
from factcheck.genres import GENRES
from factcheck.model import Severity, quick_init
from factcheck.results import Finding, Related

if TYPE_CHECKING:
    from factcheck.context import AuditContext, CorpusContext

# Rule families, imported once so their @rule declarations register.
FAMILIES = ("citations", "references", "notes", "dates", "numbers", "claims", "spelling", "facts", "language",
            "verification")


@quick_init
@dataclass(frozen=True, slots=True)
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
    # The offsets are in this side file (an entry of the document's bibliography) rather than
    # the document.
    path: str | None = None
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
    # The severity in documents of a genre when it differs from ``severity`` ("news": info).
    by_genre: Mapping[str, Severity] = field(default_factory=dict)
    # Whether the rule reads English words (reporting verbs, hedges, superlatives): it runs only
    # on documents in English (``factcheck.text.language``); the others run on any language.
    english: bool = False

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    @property
    def scopes(self) -> tuple[str, ...]:
        """Where the rule looks: ``("document",)`` or ``("document", "corpus")``."""
        return ("document", "corpus") if self.corpus_check else ("document",)


REGISTRY: dict[str, RuleSpec] = {}


def rule(code: str, name: str, severity: Severity, *, by_genre: Mapping[str, Severity] | None = None,
         english: bool = False):
    """Declare a rule. The decorated function takes an AuditContext and yields Hits.

    ``by_genre``: the severity in documents of those genres, when it is not ``severity``;
    ``english``: the rule reads English and runs only on documents in English.
    """

    def register(check: Callable[[AuditContext], Iterable[Hit]]):
        if code in REGISTRY or any(spec.name == name for spec in REGISTRY.values()):
            raise RuntimeError(f"rule {code} ({name}) is declared twice")
        unknown = sorted(set(by_genre or {}) - set(GENRES))
        if unknown:
            raise RuntimeError(f"rule {code}: unknown genre '{unknown[0]}'")
        REGISTRY[code] = RuleSpec(code=code, name=name, severity=severity, check=check,
                                  doc=inspect.cleandoc(check.__doc__ or ""), by_genre=dict(by_genre or {}),
                                  english=english)
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


def severity_of(spec: RuleSpec, severities: Mapping[str, Severity] | None, genre: str | None = None) -> Severity:
    """The severity of the rule's findings: the settings' ``severity`` table wins, then the
    genre's, then the rule's default."""
    chosen = (severities or {}).get(spec.code)
    if chosen is not None:
        return chosen
    return spec.by_genre.get(genre, spec.severity) if genre else spec.severity


def _severities(spec: RuleSpec, severities: Mapping[str, Severity] | None,
                genre: str | None) -> tuple[Severity | None, Severity]:
    """(the settings' severity for the rule or None, the rule's own for the genre): a hit's own
    severity comes between the two. Worked out once per rule, not per hit (a document may give
    100,000 hits of one rule)."""
    return (severities or {}).get(spec.code), severity_of(spec, severities, genre)


def _finding(spec: RuleSpec, configured: Severity | None, default: Severity, source: str, hit: Hit,
             path: str | None) -> Finding:
    return Finding.of(spec.code, spec.name, configured or hit.severity or default, hit.message, hit.start, hit.end,
                      source[hit.start:hit.end], hit.suggestion, hit.related, path)


def run_rules(ctx: AuditContext, rules: Sequence[RuleSpec],
              severities: Mapping[str, Severity] | None = None) -> list[Finding]:
    """Run each rule over the context; findings sorted by place (the document's first, then those in its
    bibliography), then code."""
    genre = ctx.extraction.genre
    text = ctx.text
    findings: list[Finding] = []
    places: list[tuple[str, int, int, str]] = []  # each finding's sort key (``_place``), built beside it
    add, place = findings.append, places.append
    of = Finding.of
    for spec in rules:
        configured, default = _severities(spec, severities, genre)
        code, name = spec.code, spec.name
        # What ``_finding`` does, inline: a document may give 100,000 hits of one rule.
        for hit in spec.check(ctx):
            path, start, end = hit.path, hit.start, hit.end
            add(of(code, name, configured or hit.severity or default, hit.message, start, end,
                   (text if path is None else ctx.text_of(path))[start:end], hit.suggestion, hit.related, path))
            place((path or "", start, end, code))
    # Sorted by the keys built above (``_place`` of each finding) rather than a call per finding.
    order = sorted(range(len(findings)), key=places.__getitem__)
    return [findings[i] for i in order]


def _place(finding: Finding) -> tuple[str, int, int, str]:
    return finding.path or "", finding.start, finding.end, finding.code


def collect_for_corpus(ctx: AuditContext, rules: Sequence[RuleSpec]) -> dict[str, object]:
    """What the document hands to the corpus checks of ``rules``, by attribute name."""
    return {spec.collect: getattr(ctx, spec.collect) for spec in rules if spec.collect}


def corpus_findings(corpus: CorpusContext, rules: Sequence[RuleSpec],
                    severities: Mapping[str, Severity] | None = None) -> Iterator[Finding]:
    """The findings of the corpus checks of ``rules``, sorted by path, place, then code (ties in
    rule order); a finding is kept only where its rule ran on its document (per-file ignores).

    A stream: each check's findings are made as it gives its hits, and the checks' streams
    merged by place. A check gives its hits document by document in the corpus's order
    (``CorpusContext.paths``, which is path order), and those of one path are sorted here: the
    same order as sorting them all, without a large corpus's findings ever held at once."""
    streams = [_one_check(spec, corpus, severities) for spec in rules if spec.corpus_check is not None]
    return heapq.merge(*streams, key=_place)


def _one_check(spec: RuleSpec, corpus: CorpusContext, severities: Mapping[str, Severity] | None) -> Iterator[Finding]:
    configured, default = _severities(spec, severities, None)
    document: list[Finding] = []  # the findings of one path, sorted before they are given
    for hit in spec.corpus_check(corpus):
        if spec.code not in corpus.rules[hit.doc]:
            continue
        finding = _finding(spec, configured, default, corpus.texts[hit.doc], hit, corpus.paths[hit.doc] or hit.path)
        if document and (finding.path or "") != (document[0].path or ""):
            if (finding.path or "") < (document[0].path or ""):
                raise RuntimeError(f"corpus check {spec.code}: hits out of the corpus's order")
            yield from sorted(document, key=_place)
            document = []
        document.append(finding)
    yield from sorted(document, key=_place)


def entry_related(ctx: AuditContext, entry: ReferenceEntry, start: int, end: int, label: str) -> Related:
    """A related place in a reference entry, in the document or in its bibliography file."""
    return ctx.place(start, end, label, ctx.entry_path(entry))


def entry_hit(ctx: AuditContext, entry: ReferenceEntry, start: int, end: int, message: str,
              suggestion: str | None = None, related: tuple[Related, ...] = (), severity: Severity | None = None) -> Hit:
    """A hit on (part of) a reference entry, ``start``/``end`` offsets where the entry lives: the
    document's text, or, for an entry of a bibliography file, that file (the hit carries its path;
    the finding's excerpt is read there, and reporters give the file's line and column). Built by
    position: a long list gives a hit per entry for two or three rules."""
    return Hit(start, end, message, suggestion, related, 0, ctx.entry_path(entry), severity)
