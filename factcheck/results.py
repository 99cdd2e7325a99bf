"""What an audit returns: findings, input errors, and the results of documents and of a run.

Every stage after the rules, and every reporter, reads these records; this module imports no
stage (extraction and documents are named for type checkers only), so reporters, the CI gate
and suppression need not import the orchestrator that builds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from factcheck.model import FrozenModel, Severity, unvalidated
from factcheck.packing import pack, unpack

if TYPE_CHECKING:
    from factcheck.documents.model import Document
    from factcheck.extract import Extraction


class _HeldRecord(FrozenModel):
    """A record of which an audit may hold a great many at once (a finding for each of 40,000
    entries of a list): its instances share one set of the names of the fields "explicitly set",
    all of them, instead of each holding its own (pydantic builds one per instance: a set of ten
    names takes 728 bytes, two thirds of a finding). Nothing here reads the set; pydantic copies
    it before changing a copy's (``model_copy``), and a frozen record is never changed in place."""

    _every_field: ClassVar[set[str]] = set()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._every_field = set(cls.model_fields)

    def model_post_init(self, context: Any, /) -> None:
        object.__setattr__(self, "__pydantic_fields_set__", self._every_field)


class Related(_HeldRecord):
    """Another place that explains a finding: the entry, the conflicting date."""

    start: int
    end: int
    excerpt: str
    path: str | None = None  # set when the place is in another document
    label: str | None = None  # "reference entry", "other statement"


class Finding(_HeldRecord):
    code: str
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    excerpt: str
    suggestion: str | None = None
    related: tuple[Related, ...] = ()
    # Set on corpus findings, and on a finding in another file than its document (an entry of its
    # bibliography): ``start``/``end`` are then offsets into that file; reporters give its line.
    path: str | None = None

    @classmethod
    def of(cls, code: str, rule: str, severity: Severity, message: str, start: int, end: int, excerpt: str,
           suggestion: str | None, related: tuple[Related, ...], path: str | None) -> Finding:
        """A finding from fields already of their declared types, without running the validator
        (a few microseconds each, and a pathological document yields 100,000 findings); any other
        value goes through validation as usual. The record is the one validation would build (its
        ``model_fields_set``, all the fields, is one set shared by such findings)."""
        if (type(severity) is not Severity or type(start) is not int or type(end) is not int
                or type(code) is not str or type(rule) is not str or type(message) is not str
                or type(excerpt) is not str or (suggestion is not None and type(suggestion) is not str)
                or (path is not None and type(path) is not str) or type(related) is not tuple
                or (related and (type(related[0]) is not Related
                                 or (len(related) > 1 and not all(type(r) is Related for r in related))))):
            return cls(code=code, rule=rule, severity=severity, message=message, start=start, end=end,
                       excerpt=excerpt, suggestion=suggestion, related=related, path=path)
        return unvalidated(cls, {"code": code, "rule": rule, "severity": severity, "message": message, "start": start,
                                 "end": end, "excerpt": excerpt, "suggestion": suggestion, "related": related,
                                 "path": path}, cls._every_field)


@dataclass(frozen=True)
class InputError:
    path: str
    message: str


@dataclass(frozen=True)
class UnusedSuppression:
    """An inline comment or a baseline entry that matched no finding of a rule that ran."""

    kind: Literal["inline", "baseline"]
    path: str
    code: str
    line: int | None = None  # inline: the comment's line
    excerpt: str | None = None  # baseline: the entry's excerpt
    count: int = 1  # baseline: how many of the entry's findings did not occur

    def describe(self) -> str:
        if self.kind == "inline":
            return f"{self.path}:{self.line}: unused suppression {self.code} (inline comment matches no finding)"
        times = f" ×{self.count}" if self.count > 1 else ""
        return f"{self.path}: unused suppression {self.code} “{self.excerpt}”{times} (baseline entry matches no finding)"

    def record(self) -> dict:
        record: dict = {"kind": self.kind, "path": self.path, "code": self.code}
        if self.kind == "inline":
            record["line"] = self.line
        else:
            record.update(excerpt=self.excerpt, count=self.count)
        return record


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    extraction: Extraction
    findings: tuple[Finding, ...]
    # Findings an inline comment or the baseline dropped: not reported, counted in the summary.
    suppressed: tuple[Finding, ...] = ()
    # Codes of the rules run on the document (selected, less its per-file ignores).
    rules: tuple[str, ...] = ()
    # What the document's audit collected for the corpus rules (see ``RuleSpec.collect``), by
    # collector name, built in the worker so the corpus check need not read the extraction.
    corpus_inputs: dict[str, Any] = field(default_factory=dict)
    # Problems with the inputs the document named itself (the bibliography of its front matter):
    # reported with the run's input errors, the document audited all the same.
    errors: tuple[InputError, ...] = ()
    # The texts of the document's own bibliography files that its findings point into, by path.
    side_texts: dict[str, str] = field(default_factory=dict)

    # A result sent from a worker, or kept in a large run, holds its extraction packed (see
    # factcheck.packing): ``extraction`` is then missing from the instance and unpacked on read.
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if "extraction" in state:
            state["_extraction_counts"] = self.extraction_counts
            state["_packed_extraction"] = pack(state.pop("extraction"))
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str):
        packed = self.__dict__.get("_packed_extraction")
        if name == "extraction" and packed is not None:
            return unpack(packed)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def extraction_counts(self) -> tuple[int, tuple[int, int] | None]:
        """(claims, cited works): the claims extracted, and with ``--sources`` (cited works found
        there, references and notes that are works), else None. Kept beside a packed extraction,
        so that a summary of the run need not unpack every document's."""
        counts = self.__dict__.get("_extraction_counts")
        if counts is not None:
            return counts
        ex = self.extraction
        cited = None
        if ex.sources is not None:
            cited = (len(ex.sources), len(ex.references) + sum(1 for n in ex.notes if not n.short_form))
        return len(ex.claims), cited

    def packed(self) -> DocumentResult:
        """The same result with its extraction packed: a few KB instead of ~200 KB of objects."""
        if "extraction" not in self.__dict__:
            return self
        copy = object.__new__(DocumentResult)
        copy.__setstate__(self.__getstate__())
        return copy

    def with_corpus_inputs(self, corpus_inputs: dict[str, Any]) -> DocumentResult:
        """The same result handing other inputs to the corpus checks (none, when a cluster
        compares them: its session keeps the statements apart); a packed extraction stays packed."""
        copy = object.__new__(DocumentResult)
        copy.__setstate__({**self.__dict__, "corpus_inputs": corpus_inputs})
        return copy

    def with_findings(self, findings: tuple[Finding, ...], suppressed: tuple[Finding, ...]) -> DocumentResult:
        """The same result with other findings; a packed extraction stays packed."""
        copy = object.__new__(DocumentResult)
        copy.__setstate__({**self.__dict__, "findings": findings, "suppressed": suppressed})
        return copy


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the summaries, the corpus check and the file names read of a document without
    loading its result: a large run writes it beside the result, on disk (``factcheck.store``)."""

    path: str
    format: str
    rules: tuple[str, ...]
    claims: int
    errors: int
    warnings: int
    info: int
    suppressed: int
    # --sources: (cited works found there, references and notes that are works); else None.
    cited_works: tuple[int, int] | None = None
    # (code, findings reported) of each rule with findings in the document, by code.
    codes: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, result: DocumentResult) -> DocumentSummary:
        counts = {"error": 0, "warning": 0, "info": 0}
        codes: dict[str, int] = {}
        for finding in result.findings:
            counts[finding.severity.value] += 1
            codes[finding.code] = codes.get(finding.code, 0) + 1
        claims, cited = result.extraction_counts
        return cls(path=result.document.path, format=result.document.format, rules=_interned(result.rules),
                   claims=claims, errors=counts["error"], warnings=counts["warning"], info=counts["info"],
                   suppressed=len(result.suppressed), cited_works=cited,
                   codes=_interned(tuple(sorted(codes.items()))))


@dataclass
class SummaryTotals:
    """What the reports print of a whole run, summed over its documents' summaries: a large run
    adds each summary as it is stored, and keeps these instead of the summaries."""

    documents: int = 0
    claims: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0
    suppressed: int = 0
    # Findings reported by code.
    codes: dict[str, int] = field(default_factory=dict)

    def add(self, summary: DocumentSummary) -> None:
        self.documents += 1
        self.claims += summary.claims
        self.errors += summary.errors
        self.warnings += summary.warnings
        self.info += summary.info
        self.suppressed += summary.suppressed
        for code, count in summary.codes:
            self.codes[code] = self.codes.get(code, 0) + count

    @classmethod
    def of(cls, summaries: Iterable[DocumentSummary]) -> SummaryTotals:
        totals = cls()
        for summary in summaries:
            totals.add(summary)
        return totals


_SHARED: dict[tuple, tuple] = {}


def _interned(value: tuple) -> tuple:
    """One tuple for each set of rules run, or of codes found (most documents of a run share a few)."""
    if len(_SHARED) > 100_000:  # a bound, should a run's documents all differ
        _SHARED.clear()
    return _SHARED.setdefault(value, value)


@dataclass(frozen=True)
class AuditResult:
    # A tuple, or for a large run a ``factcheck.store.ResultStore`` that loads each result when read:
    # go through them in order rather than gathering them all.
    documents: Sequence[DocumentResult]
    errors: tuple[InputError, ...] = ()
    # A tuple, or for a large run an ``ItemSpool`` on disk, read as it is gone through (in order).
    corpus_findings: Sequence[Finding] = ()
    suppressed_corpus: Sequence[Finding] = ()
    unused_suppressions: tuple[UnusedSuppression, ...] = ()
    # The texts of the side files findings may point into (a --bib bibliography), by path.
    side_texts: dict[str, str] = field(default_factory=dict)

    @property
    def suppressed(self) -> int:
        """How many findings suppressions dropped."""
        return self.totals().suppressed + len(self.suppressed_corpus)

    def summaries(self) -> Sequence[DocumentSummary]:
        """Each document's summary, in the order of ``documents``, without loading stored results
        (a large run's are read from disk as they are asked for: go through them in order)."""
        return summaries_of(self.documents)

    def totals(self) -> SummaryTotals:
        """The documents' counts summed (a large run keeps them as it goes)."""
        stored = getattr(self.documents, "totals", None)
        return stored if stored is not None else SummaryTotals.of(self.summaries())

    def paths(self) -> Iterator[str]:
        """The documents' paths, in the order of ``documents``."""
        return paths_of(self.documents)

    def position(self, path: str) -> int | None:
        """The index in ``documents`` of a document at ``path``, or None (a large run's store
        finds it by a search through its documents in path order)."""
        find = getattr(self.documents, "position", None)
        if find is not None:
            return find(path)
        return next((n for n, d in enumerate(self.documents) if d.document.path == path), None)

    def findings(self) -> Iterator[Finding]:
        """Every reported finding, the documents' in order, then the corpus findings."""
        for document in self.documents:
            yield from document.findings
        yield from self.corpus_findings

    def all_findings(self) -> list[Finding]:
        return list(self.findings())


def summaries_of(documents: Sequence[DocumentResult]) -> Sequence[DocumentSummary]:
    """The summary of each of ``documents``: those a ``factcheck.store.ResultStore`` keeps, or
    made from the results in memory."""
    stored = getattr(documents, "summaries", None)
    return stored if stored is not None else [DocumentSummary.of(d) for d in documents]


def paths_of(documents: Sequence[DocumentResult]) -> Iterator[str]:
    """The paths of ``documents``, in their order, read without loading stored results."""
    stored = getattr(documents, "summaries", None)
    return (s.path for s in stored) if stored is not None else (d.document.path for d in documents)


def path_order(documents: Sequence[DocumentResult]) -> Sequence[int]:
    """The indexes of ``documents`` in path order (stable), read without loading stored results
    (a store keeps the order, a ``range`` when they came in path order)."""
    stored = getattr(documents, "order", None)
    if stored is not None:
        return stored
    paths = list(paths_of(documents))
    return sorted(range(len(paths)), key=paths.__getitem__)
