"""Everything extracted from one document, with the indexes rules read.

Built once per document by ``factcheck.pipeline``; rules only read it. The text is scanned once
per concern here, not once per rule.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from factcheck.claims.model import Block, Claim, Sentence
from factcheck.documents.model import Document
from factcheck.sources.model import Citation, Link, Note, NoteBlock, ReferenceEntry


@dataclass(frozen=True)
class Extraction:
    blocks: tuple[Block, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    claims: tuple[Claim, ...] = ()
    citations: tuple[Citation, ...] = ()
    references: tuple[ReferenceEntry, ...] = ()
    reference_region: tuple[int, int] | None = None
    note_blocks: tuple[NoteBlock, ...] = ()
    notes: tuple[Note, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class AuditContext:
    document: Document
    extraction: Extraction
    settings: object = None  # factcheck.config.Settings; typed loosely to keep imports light
    # Lines of the bibliography file when the reference list came from --bib.
    bib_path: str | None = None
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

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
    def citations_by_target(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for link in self.extraction.links:
            # An ambiguous citation points at every equally good candidate: none is "uncited".
            targets = link.candidates if link.how == "ambiguous" else (link.target_id,) if link.target_id else ()
            for target in targets:
                out[target].append(link.citation_id)
        return dict(out)
