"""A run's documents gathered as they finish: suppressed one by one, then kept in memory or on disk.

``Collected.add`` takes each outcome of the audit in input order: an input error is listed; a
document's result has its inline comments and the baseline applied (``factcheck.suppress``), what
the corpus check and the reports need of it kept apart (its path and rules, its fact statements,
the side texts and cited works its findings point into), and the result itself kept: in a list
for a small run, in a ``factcheck.store.ResultStore`` (on disk, read back one at a time) for a
large one, so that the memory of the process that started the run does not grow with the corpus.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from factcheck.claims.facts import Statement
from factcheck.corpus_documents import CorpusDocument, CorpusDocuments, Listed, Stored, corpus_statements, rule_set
from factcheck.results import DocumentResult, DocumentSummary, InputError
from factcheck.store import Prepared, ResultStore, encode_prepared, kept_pieces
from factcheck.suppress import Suppressor, dropped_positions

#: A document's record of a report to be written, made from its result where the document was
#: audited (None: not made there, the reporter makes it): ``factcheck.reports.json_report.DocumentJSON``,
#: ``html.render.DocumentPage``, ``ledger.DocumentLedger``, or several in a ``prepared.Bundle``.
Prepare = Callable[[DocumentResult], "Prepared | None"]


@dataclass(frozen=True)
class Finished:
    """A document's result pickled in the process that audited it (a worker), for a large run's
    store, with what the run reads of it without unpickling it. The process that gathers the
    results then writes the bytes as they came, instead of unpickling a whole result and
    pickling it again (0.4 + 0.7 ms a 5 KB document here), unless something must change in it
    (an inline comment or the baseline suppresses findings, or a finding quotes a cited work).
    ``prepared``: the reports' records of the document, made there too when the run was asked to
    (``Prepare``), so that this process writes them as they are."""

    data: bytes  # the pickled DocumentResult, its extraction packed, without its corpus inputs
    summary: DocumentSummary
    statements: tuple[Statement, ...] | None  # for the corpus check, numbered as document 0
    errors: tuple[InputError, ...]
    side_texts: dict[str, str]
    inline_suppressions: bool
    prepared: bytes = b""  # ``factcheck.store.encode_prepared``; empty: none
    # The positions of the findings ``prepared`` was made without: those the document's inline
    # comments and the run's baseline drop (``factcheck.suppress.suppressed_alone``).
    dropped: tuple[int, ...] = ()

    @classmethod
    def of(cls, result: DocumentResult, statements: bool, prepared: Prepared | None = None,
           dropped: tuple[int, ...] = ()) -> Finished:
        """``prepared``: the reports' records of ``result`` less its findings at ``dropped``
        (``Prepare``), or None."""
        stored = result.with_corpus_inputs({}) if result.corpus_inputs else result
        return cls(data=pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL), summary=DocumentSummary.of(result),
                   statements=tuple(corpus_statements(result)) if statements else None, errors=result.errors,
                   side_texts=result.side_texts, inline_suppressions=bool(result.document.suppressions),
                   prepared=encode_prepared(prepared) if prepared else b"", dropped=dropped)

    @property
    def path(self) -> str:
        return self.summary.path

    def without_statements(self) -> Finished:
        return replace(self, statements=None)

    def result(self) -> DocumentResult:
        return pickle.loads(self.data)


class Collected:
    """The documents, errors and corpus inputs of a run, gathered one outcome at a time."""

    def __init__(self, suppressor: Suppressor, *, store: bool, statements: bool,
                 quoted: Callable[[str], bool] | None = None, prepared_as: object = None) -> None:
        self.suppressor = suppressor
        # ``prepared_as``: what made the records that come with the results (``Finished.prepared``).
        self.documents: list[DocumentResult] | ResultStore = ResultStore(prepared_as=prepared_as) if store else []
        # The records that do not read the findings (``findings_free``: a claim ledger), which a
        # suppression here leaves as they are: which of several made together (a ``Bundle``'s
        # parts), or whether the one made is.
        parts = getattr(prepared_as, "parts", None)
        self._findings_free = [getattr(part, "findings_free", False) for part in parts or ()]
        self._record_findings_free = parts is None and getattr(prepared_as, "findings_free", False)
        self.errors: list[InputError] = []
        # For the corpus check, in input order: a small run's path, rules and statements of each
        # document; a large run's statements alone (the store has the rest), and none at all
        # when a cluster finds the conflicts (``factcheck.cluster.session`` keeps them).
        # ``statements``: whether this process finds the conflicts between documents.
        self._corpus: list[CorpusDocument] = []
        self._statements = statements
        self._kept_statements: list[tuple[Statement, ...] | None] | None = [] if statements and store else None
        # The texts of the cited works (``--sources``) that findings point into: their paths, in
        # the order first met; ``quoted(path)`` tells whether a path is one of those works.
        self._quoted = quoted
        self.quoted_paths: dict[str, None] = {}
        # The documents' own bibliographies that their findings point into, by path.
        self.side_texts: dict[str, str] = {}

    def add(self, outcome: DocumentResult | Finished | InputError) -> None:
        if isinstance(outcome, InputError):
            self.errors.append(outcome)
            return
        finished = None
        if isinstance(outcome, Finished):
            if (isinstance(self.documents, ResultStore) and not outcome.inline_suppressions
                    and self.suppressor.matcher is None and self._quoted is None):
                self._add_finished(outcome)
                return
            finished, outcome = outcome, outcome.result()  # it may change: read as if it had come whole
            # Its statements came apart (the stored result has no corpus inputs).
            self._keep_corpus(outcome.document.path, outcome.rules, finished.statements)
        else:
            self._keep_corpus(outcome.document.path, outcome.rules,
                              tuple(corpus_statements(outcome)) if self._statements else None)
        self.errors.extend(outcome.errors)
        self.side_texts.update(outcome.side_texts)
        result = self.suppressor.document(outcome)
        if self._quoted is not None:
            for finding in result.findings:
                for related in finding.related:
                    if related.path is not None and self._quoted(related.path):
                        self.quoted_paths.setdefault(related.path)
        if isinstance(self.documents, ResultStore):
            # The worker made the records of the result less the findings it dropped itself: all
            # are kept where this run dropped the same ones. Else the reports make anew those made
            # from the findings, and those that read none (a claim ledger) are kept.
            kept = b"" if finished is None else (
                finished.prepared if dropped_positions(outcome, result) == finished.dropped else
                finished.prepared if self._record_findings_free else kept_pieces(finished.prepared, self._findings_free))
            if finished is not None and result is outcome:  # nothing suppressed: kept as it came
                self.documents.append_pickled(finished.data, finished.summary, kept)
                return
            # What the corpus check needed is kept apart above; the reports do not read it.
            self.documents.append(result.with_corpus_inputs({}) if result.corpus_inputs else result, kept)
        else:
            self.documents.append(result)

    def _add_finished(self, finished: Finished) -> None:
        """A result written to the store as it came from its worker."""
        assert isinstance(self.documents, ResultStore)
        self.errors.extend(finished.errors)
        self._keep_corpus(finished.path, finished.summary.rules, finished.statements)
        self.side_texts.update(finished.side_texts)
        self.documents.append_pickled(finished.data, finished.summary, finished.prepared)

    def _keep_corpus(self, path: str, rules: tuple[str, ...], statements: tuple[Statement, ...] | None) -> None:
        """What the corpus check reads of a document, kept apart from its result."""
        statements = statements if self._statements else None
        if self._kept_statements is not None:
            self._kept_statements.append(statements)
        elif not isinstance(self.documents, ResultStore):
            self._corpus.append(CorpusDocument(path, rule_set(rules), statements))

    def corpus(self) -> CorpusDocuments:
        """The documents as the corpus check reads them (in path order)."""
        if isinstance(self.documents, ResultStore):
            return Stored(self.documents, self._kept_statements)
        return Listed(self._corpus, self.text_of)

    def text_of(self, path: str) -> str:
        """The text of the document at ``path`` (read back from the store for a large run)."""
        if isinstance(self.documents, ResultStore):
            position = self.documents.position(path)
            return "" if position is None else self.documents[position].document.text
        return next((r.document.text for r in self.documents if r.document.path == path), "")

    def audited(self) -> Iterator[tuple[str, Sequence[str]]]:
        """(path, rules run) of each document, in input order (a large run's read from disk)."""
        if isinstance(self.documents, ResultStore):
            return ((s.path, s.rules) for s in self.documents.summaries)
        return ((r.document.path, r.rules) for r in self.documents)
