"""What rules read: one document's extraction with the indexes rules share, or a corpus's inputs.

Built once per document (``AuditContext``) or once per run (``CorpusContext``) by
``factcheck.pipeline``; rules only read them. Each shared index is a typed attribute computed on
first use and kept: the text is scanned once per concern, not once per rule, and no rule calls
another rule's helpers.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from factcheck.citations.bib import Bibliography
from factcheck.citations.model import Citation, Link, ReferenceEntry
from factcheck.citations.resolve import cited_by
from factcheck.claims.conflicts import Conflict, find_conflicts, headline_conflicts
from factcheck.claims.conventions import cited_facts, paragraph_citations_cover, summary_blocks
from factcheck.claims.facts import Statement, statements_of
from factcheck.config import Settings
from factcheck.corpus_documents import CorpusDocument, CorpusDocuments, Listed
from factcheck.documents.model import Document
from factcheck.extract import Extraction
from factcheck.results import DocumentResult, Related
from factcheck.text.lexicon import WordIndex, build_index
from factcheck.text.mask import subtract

if TYPE_CHECKING:
    from factcheck.verify import SourceLibrary, Verification

# Site navigation, share bars and small print are not the author's prose: the word index skips them.
_UNINDEXED_BLOCKS = ("boilerplate",)


@dataclass(frozen=True)
class AuditContext:
    document: Document
    extraction: Extraction
    settings: Settings = field(default_factory=Settings)
    # The bibliography files (--bib, or those the document names) whose entries stand in for its
    # reference list, if any.
    bibliographies: tuple[Bibliography, ...] = ()
    # Rules selected for the document but not run because they read English and it is not.
    skipped_for_language: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def bib_path(self) -> str | None:
        """The bibliography standing in for the reference list (the first, when several)."""
        return self.bibliographies[0].path if self.bibliographies else None

    def text_of(self, path: str | None) -> str:
        """The text offsets point into: the document's, or that of the bibliography at ``path``."""
        if path is not None:
            for bibliography in self.bibliographies:
                if bibliography.path == path:
                    return bibliography.text
        return self.text

    @staticmethod
    def entry_path(entry: ReferenceEntry) -> str | None:
        """Where an entry's offsets point: its bibliography file, or None for the document itself."""
        return entry.path if entry.origin == "bib" else None

    def place(self, start: int, end: int, label: str, path: str | None = None) -> Related:
        """A related place of a finding, in the document or (``path``) in the bibliography."""
        return Related(start=start, end=end, excerpt=self.text_of(path)[start:end], path=path, label=label)

    def citing(self, entry: ReferenceEntry) -> tuple[Related, ...]:
        """For an entry of a bibliography file, the citations that resolve to it, as related places
        of a finding about it (where the reader meets the work); none for an entry of the
        document's own list, which the reader sees in the text."""
        if self.entry_path(entry) is None:
            return ()
        by_id = self.citation_by_id
        return tuple(self.place(c.start, c.end, "cited here") for cid in self.citations_by_target.get(entry.id, ())
                     if (c := by_id.get(cid)) is not None)

    @cached_property
    def link_by_citation(self) -> dict[str, Link]:
        return {link.citation_id: link for link in self.extraction.links}

    @cached_property
    def resolved_author_year(self) -> tuple[tuple[Citation, Link], ...]:
        """The author-year citations linked to something (exactly, fuzzily, ambiguously...: any
        link but "unresolved"), each with its link, in text order. Four CIT rules read only these,
        not each of a hostile document's 100,000 unresolved ones."""
        link_of = self.link_by_citation.get
        return tuple((c, link) for c in self.extraction.citations
                     if c.style == "author-year" and (link := link_of(c.id)) is not None and link.how != "unresolved")

    @cached_property
    def reference_by_id(self) -> dict[str, ReferenceEntry]:
        return {ref.id: ref for ref in self.extraction.references}

    @cached_property
    def citation_by_id(self) -> dict[str, Citation]:
        """Citations and attributions by id."""
        ex = self.extraction
        return {c.id: c for group in (ex.citations, ex.attributions) for c in group}

    @cached_property
    def citations_by_target(self) -> dict[str, list[str]]:
        """Citation ids by the reference or note they resolve to. An ambiguous citation counts
        for each equally good candidate: none of them is "uncited"."""
        return cited_by(self.extraction.links, ambiguous=True, notes=self.extraction.notes)

    @cached_property
    def word_index(self) -> WordIndex:
        """The document's word frequencies (SPL001, and names for CLM005)."""
        ex = self.extraction
        spans = [(b.start, b.end) for b in ex.blocks if b.kind not in _UNINDEXED_BLOCKS]
        refs = [(r.start, r.end) for r in ex.references if r.origin == "text"]
        spans = spans or [(0, len(self.text))]
        if ex.masked:  # code and front matter are not the author's spelling
            spans, refs = subtract(spans, ex.masked), subtract(refs, ex.masked)
        return build_index(self.text, spans, refs)

    @cached_property
    def fact_statements(self) -> tuple[Statement, ...]:
        """The claims' fact statements (DATE001, NUM001); they go to the corpus check too."""
        return tuple(s for claim in self.extraction.claims for s in statements_of(claim))

    @cached_property
    def fact_conflicts(self) -> list[Conflict]:
        """Statements of one fact with values that disagree, within the document, and numbers or
        dates of the body that disagree with the headline."""
        conflicts = find_conflicts(self.fact_statements, self.settings.thresholds)
        headline = self.extraction.headline
        if headline is not None:
            conflicts += headline_conflicts(statements_of(headline), self.fact_statements, self.settings.thresholds)
        return sorted(conflicts, key=lambda c: c.statement.order)

    @cached_property
    def paragraph_citations_cover(self) -> bool:
        """Whether the document cites once at the end of each paragraph, for all of it."""
        return paragraph_citations_cover(self.extraction.claims)

    @cached_property
    def summary_blocks(self) -> frozenset[int]:
        """Blocks under an "Abstract", "Summary" or "Conclusion" heading."""
        return frozenset(summary_blocks(self.text, self.extraction.blocks))

    @cached_property
    def cited_facts(self) -> frozenset[str]:
        """The numbers and dates that cited claims state, normalized."""
        return frozenset(cited_facts(self.extraction.claims))

    @cached_property
    def sources(self) -> SourceLibrary | None:
        """The cited works of ``--sources`` (read once per process), or None without it."""
        if not self.settings.sources:
            return None
        from factcheck.verify import open_library  # only with --sources: a run without reads none of verify

        return open_library(self.settings.sources, self.settings.sources_cache)

    @cached_property
    def verification(self) -> Verification:
        """The document's works matched to their source files, and each quotation and figure of
        the claims that cite them looked up there (CLM003, CLM004, CLM006, CLM007, and the
        claims' evidence). Empty without ``--sources``."""
        from factcheck.verify.model import Verification

        library = self.sources
        if library is None:
            return Verification()
        from factcheck.verify import Cited, verify  # only with --sources: a run without reads none of verify

        ex = self.extraction
        cited = Cited(ex.claims, ex.citations, ex.attributions, ex.references, ex.notes, ex.links)
        return verify(self.text, cited, library, self.settings.thresholds.number_tolerance)


class CorpusContext:
    """The documents of a run, for the checks across documents, in path order (so that "later"
    does not depend on the order of the inputs): ``paths[n]``, ``rules[n]`` and ``texts[n]`` of
    the ``n``-th (a text is read when a finding quotes it). ``results`` are the documents'
    results, or what the run kept of them (``CorpusDocument``, with ``text_of(path)`` to read a
    text), or a large run's documents read from its store (``factcheck.corpus_documents.Stored``)."""

    def __init__(self, results: Sequence[DocumentResult] | Sequence[CorpusDocument] | CorpusDocuments,
                 settings: Settings, conflicts: Callable[[CorpusContext], Sequence[Conflict]] | None = None,
                 text_of: Callable[[str], str] | None = None) -> None:
        if isinstance(results, CorpusDocuments):
            documents = results
        elif text_of is None:  # the results themselves, in memory
            texts = {result.document.path: result.document.text for result in results}
            documents = Listed([CorpusDocument.of(result, statements=conflicts is None) for result in results],
                               texts.__getitem__)
        else:
            documents = Listed(list(results), text_of)
        self.settings = settings
        # Who finds the conflicts between documents when not this process: a cluster's workers,
        # from the statements kept apart (``factcheck.cluster``), numbering documents as ``paths``.
        self._conflicts = conflicts
        self.paths = documents.paths
        self.texts = documents.texts
        self.rules = documents.rules
        #: The number of each document as the run took them in (its index in ``paths``).
        self.numbers = documents.numbers
        self._documents = documents

    @cached_property
    def fact_conflicts(self) -> Sequence[Conflict]:
        """Statements of one fact whose values disagree between two documents; never two
        statements of one document (those are its document findings). From a cluster, in a
        temporary file (``close`` lets it go)."""
        if self._conflicts is not None:
            return self._conflicts(self)
        # Hundreds of thousands of small acyclic objects are built here: the cycle collector would
        # scan the whole heap again and again as they are (a third of the time at 10,000 documents)
        # and can find nothing to free, so it waits until the check is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            statements = []
            for number, kept in enumerate(self._documents.statements()):
                statements.extend(s.in_document(number) for s in kept or ())
            return find_conflicts(statements, self.settings.thresholds, across_documents=True)
        finally:
            if collecting:
                gc.enable()

    def close(self) -> None:
        """Lets go of what the checks kept on disk: a cluster's conflicts, once every check is done."""
        close = getattr(self.__dict__.get("fact_conflicts"), "close", None)
        if close is not None:
            close()
