"""extract(document) -> Extraction: the structure, citations, references, notes and claims of a
document, with the links from citations to what they point at.

One pass per concern, in dependency order: blocks; the reference list and note lists (which
mark their blocks); citations and sentences; attributions; links; claims. Everything the rules
read comes from here, so no rule scans the text for these things again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from heapq import merge

from factcheck.citations.find import find_all
from factcheck.citations.model import Citation, Link, Note, NoteBlock, ReferenceEntry
from factcheck.citations.note_works import link_note_works
from factcheck.citations.notes import find_notes
from factcheck.citations.references import find_references
from factcheck.citations.resolve import LinkThresholds, resolve
from factcheck.claims.attribution import find_attributions
from factcheck.claims.extract import extract_claims
from factcheck.claims.model import Claim
from factcheck.documents.model import Document
from factcheck.text.layout import layout, mark_regions
from factcheck.text.model import Block, Sentence
from factcheck.text.sentences import split_sentences


def _position(citation: Citation) -> tuple[int, int]:
    return citation.start, citation.end


@dataclass(frozen=True)
class Extraction:
    blocks: tuple[Block, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    claims: tuple[Claim, ...] = ()
    # Citations of works (author-year, numeric, note markers, pandoc keys), in text order.
    citations: tuple[Citation, ...] = ()
    # News-style attributions ("the minister said"), in text order: citations of a person or a
    # publication rather than of a work, with style "attribution".
    attributions: tuple[Citation, ...] = ()
    references: tuple[ReferenceEntry, ...] = ()
    reference_region: tuple[int, int] | None = None
    note_blocks: tuple[NoteBlock, ...] = ()
    notes: tuple[Note, ...] = ()
    links: tuple[Link, ...] = ()
    # The document's citation family (``factcheck.citations.model.CITATION_FAMILIES``).
    citation_style: str = "none"

    def all_citations(self) -> list[Citation]:
        """Citations and attributions together in text order (citations first at one place),
        as the JSON and the HTML report list them."""
        return list(merge(self.citations, self.attributions, key=_position))


def extract(document: Document, bib_entries: Sequence[ReferenceEntry] | None = None,
            thresholds: LinkThresholds = LinkThresholds(), citation_style: str = "auto") -> Extraction:
    """Find structure, citations, references, notes and claims; link citations to targets.

    ``bib_entries`` (a ``.bib`` or CSL-JSON bibliography) replace the reference list found in
    the text. ``citation_style`` is the family setting ("auto": detected per document).
    """
    text = document.text
    blocks = mark_regions(layout(text), [(r.start, r.end, r.kind) for r in document.regions])
    region, references = find_references(text, blocks)
    note_blocks, notes = find_notes(text, blocks, region)
    regions = [(nb.notes_start, nb.notes_end, "notes") for nb in note_blocks]
    if region:
        regions.append((region[0], region[1], "references"))
    blocks = mark_regions(blocks, regions)
    if bib_entries is not None:
        references = list(bib_entries)
    notes = link_note_works(text, notes, references)
    raised = [seg.start for seg in document.segments if seg.origin == "marker"]
    chrome = [(r.start, r.end) for r in document.regions if r.kind == "boilerplate"]
    result = find_all(text, blocks, note_blocks, references, citation_style, raised, notes=len(notes), chrome=chrome)
    found = result.citations
    citations = sorted(found, key=_position)
    sentences = split_sentences(text, blocks)
    attributions = sorted(find_attributions(text, sentences), key=_position)
    links = resolve(found, references, notes, thresholds)
    claims = extract_claims(text, blocks, sentences, citations, attributions)
    return Extraction(blocks=tuple(blocks), sentences=tuple(sentences), claims=tuple(claims),
                      citations=tuple(citations), attributions=tuple(attributions), references=tuple(references),
                      reference_region=region, note_blocks=tuple(note_blocks), notes=tuple(notes), links=tuple(links),
                      citation_style=result.family)
