"""What rules read: one document's extraction with the indexes rules share, or a corpus's inputs.

Built once per document (``AuditContext``) or once per run (``CorpusContext``) by
``factcheck.pipeline``; rules only read them. Each shared index is a typed attribute computed on
first use and kept: the text is scanned once per concern, not once per rule, and no rule calls
another rule's helpers.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from factcheck.citations.model import Citation, Link, ReferenceEntry
from factcheck.citations.resolve import cited_by
from factcheck.claims.conflicts import Conflict, find_conflicts
from factcheck.claims.conventions import cited_facts, paragraph_citations_cover, summary_blocks
from factcheck.claims.facts import Statement, statements_of
from factcheck.config import Settings
from factcheck.documents.model import Document
from factcheck.extract import Extraction
from factcheck.results import DocumentResult
from factcheck.text.lexicon import WordIndex, build_index

# Site navigation, share bars and small print are not the author's prose: the word index skips them.
_UNINDEXED_BLOCKS = ("boilerplate",)


@dataclass(frozen=True)
class AuditContext:
    document: Document
    extraction: Extraction
    settings: Settings = field(default_factory=Settings)
    # The bibliography file, when the reference list came from --bib.
    bib_path: str | None = None

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def link_by_citation(self) -> dict[str, Link]:
        return {link.citation_id: link for link in self.extraction.links}

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
        return build_index(self.text, spans or [(0, len(self.text))], refs)

    @cached_property
    def fact_statements(self) -> tuple[Statement, ...]:
        """The claims' fact statements (DATE001, NUM001); they go to the corpus check too."""
        return tuple(s for claim in self.extraction.claims for s in statements_of(claim))

    @cached_property
    def fact_conflicts(self) -> list[Conflict]:
        """Statements of one fact with values that disagree, within the document."""
        return find_conflicts(self.fact_statements, self.settings.thresholds)

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


class CorpusContext:
    """The documents of a run, for the checks across documents, in path order (so that "later"
    does not depend on the order of the inputs)."""

    def __init__(self, results: Sequence[DocumentResult], settings: Settings) -> None:
        results = sorted(results, key=lambda result: result.document.path)
        self.settings = settings
        self.paths = [result.document.path for result in results]
        self.texts = [result.document.text for result in results]
        self.rules = [frozenset(result.rules) for result in results]
        self._results = results

    @cached_property
    def fact_conflicts(self) -> list[Conflict]:
        """Statements of one fact whose values disagree between two documents; never two
        statements of one document (those are its document findings)."""
        # Hundreds of thousands of small acyclic objects are built here: the cycle collector would
        # scan the whole heap again and again as they are (a third of the time at 10,000 documents)
        # and can find nothing to free, so it waits until the check is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            statements = []
            for number, result in enumerate(self._results):
                facts = result.corpus_inputs.get("fact_statements")
                if facts is None:  # the rules were off for this document: its statements still count
                    facts = (s for claim in result.extraction.claims for s in statements_of(claim))
                statements.extend(s.in_document(number) for s in facts)
            return find_conflicts(statements, self.settings.thresholds, across_documents=True)
        finally:
            if collecting:
                gc.enable()
