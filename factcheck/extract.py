"""extract(document) -> Extraction: the structure, citations, references, notes and claims of a
document, with the links from citations to what they point at.

One pass per concern, in dependency order: blocks; the reference list and note lists (which
mark their blocks); citations and sentences; attributions; links; claims. Everything the rules
read comes from here, so no rule scans the text for these things again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, is_dataclass, replace
from heapq import merge
from operator import attrgetter
from typing import TYPE_CHECKING

from factcheck.citations.fields import anchored_entries, apply_fields, notes_of, with_markers
from factcheck.citations.find import find_all
from factcheck.citations.group_notes import group_notes
from factcheck.citations.model import Citation, Link, Note, NoteBlock, ReferenceEntry
from factcheck.citations.note_works import link_note_works
from factcheck.citations.notes import find_notes
from factcheck.citations.references import find_references
from factcheck.citations.resolve import LinkThresholds, resolve
from factcheck.claims.attribution import find_attributions
from factcheck.claims.extract import extract_claims
from factcheck.claims.headline import headline_claim
from factcheck.claims.genre import GenreReading, detect_genre, settings_genre
from factcheck.claims.model import Claim
from factcheck.documents.model import NOT_PROSE, Document
from factcheck.genres import Genre
from factcheck.text.language import LanguageGuess, detect_language
from factcheck.text.layout import insert_blocks, layout, mark_declared, mark_regions
from factcheck.text.mask import mask
from factcheck.text.model import Block, Sentence
from factcheck.text.sentences import split_sentences

if TYPE_CHECKING:
    from factcheck.verify.model import SourceMatch


# A citation's (start, end): its place in text order (read in C, for 100,000 citations).
_position = attrgetter("start", "end")


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
    # The kind of writing (scholarly, report, news, web) and why; the claim rules' severities
    # depend on it.
    genre_reading: GenreReading = GenreReading("web", "detected")
    # The language of the body text; rules that read English run only when it is English.
    language_guess: LanguageGuess = LanguageGuess(None, 0.0, 0)
    # The headline, read for its facts only (NUM001 / DATE001 against the body).
    headline: Claim | None = None

    @property
    def genre(self) -> Genre:
        return self.genre_reading.genre

    @property
    def language(self) -> str | None:
        """ISO 639-1 code, or None when there was too little text to tell."""
        return self.language_guess.code
    # Spans of the text that are not prose (code, front matter: ``NOT_PROSE`` regions): every
    # analysis read the text with them blanked out (``factcheck.text.mask``).
    masked: tuple[tuple[int, int], ...] = ()
    # With ``--sources``: the file found for each reference entry or note that has one (the others
    # have none); None when the run had no sources. Filled after the rules (see the pipeline).
    sources: tuple[SourceMatch, ...] | None = None
    # The document's citation family (``factcheck.citations.model.CITATION_FAMILIES``).
    citation_style: str = "none"

    def all_citations(self) -> list[Citation]:
        """Citations and attributions together in text order (citations first at one place),
        as the JSON and the HTML report list them."""
        return list(merge(self.citations, self.attributions, key=_position))


def extract(document: Document, bib_entries: Sequence[ReferenceEntry] | None = None,
            thresholds: LinkThresholds = LinkThresholds(), genre: Genre | None = None,
            language: str | None = None, citation_style: str = "auto") -> Extraction:
    """Find structure, citations, references, notes and claims; link citations to targets.

    ``bib_entries`` (a ``.bib`` or CSL-JSON bibliography) replace the reference list found in
    the text. ``genre``, ``language`` and ``citation_style``, when given (the settings), are
    taken as they are; otherwise they are detected from the document.
    """
    text = document.text
    hidden = tuple((r.start, r.end) for r in document.regions if r.kind in NOT_PROSE)
    prose = mask(text, hidden)  # the same length as the text: every offset found in it is the text's
    # A code block or a front matter is blank in the masked text: a block of its own all the same,
    # for the report, and one the analyses skip.
    unread = [(r.start, r.end, r.kind) for r in document.regions
              if r.kind in NOT_PROSE and not prose[r.start:r.end].strip()]
    blocks = mark_declared(insert_blocks(layout(prose), unread), [(r.start, r.end, r.kind) for r in document.regions])
    read = [b for b in blocks if b.kind not in NOT_PROSE]  # the blocks the analyses read
    # Lists are read as written (an entry's URL or title is the reader's, markup and all); the
    # prose analyses below read the masked copy.
    region, references = find_references(text, read)
    declared = notes_of(document)
    note_blocks, notes = (declared.note_blocks, declared.notes) if declared else find_notes(text, read, region)
    # Lettered and named note groups ("[a]", "[n 1]") the loader declared: blocks of their own,
    # kept apart from the numbered blocks while the grammar reads numbered markers.
    groups = ([], [], []) if declared else group_notes(text, document.segments,
                                                       max((nb.index for nb in note_blocks), default=0) + 1)
    regions = [] if declared else [(nb.notes_start, nb.notes_end, "notes") for nb in note_blocks]
    region, references = anchored_entries(text, document.anchors, document.fields, region, references)
    if region:
        regions.append((region[0], region[1], "references"))
    blocks = mark_regions(blocks, regions)
    read = [b for b in blocks if b.kind not in NOT_PROSE]
    if bib_entries is not None:
        references = list(bib_entries)
    notes = link_note_works(text, list(notes) + groups[1], references)
    raised = [seg.start for seg in document.segments if seg.origin == "marker"]
    chrome = [(r.start, r.end) for r in document.regions if r.kind == "boilerplate"]
    family = find_all(prose, read, () if declared else note_blocks, references, citation_style, raised,
                      notes=len(notes), chrome=chrome)
    found = with_markers(sorted(family.citations, key=_position), declared.markers if declared else groups[2])
    note_blocks = list(note_blocks) + groups[0]
    sentences = split_sentences(prose, blocks)
    attributions = sorted(find_attributions(prose, sentences), key=_position)
    links = resolve(found, references, notes, thresholds)
    found, references, links = apply_fields(text, document.fields, found, references, links)
    citations = found
    claims = extract_claims(prose, blocks, sentences, citations, attributions)
    if hidden:
        claims, citations, attributions = (_as_written(text, prose, records)
                                           for records in (claims, citations, attributions))
    reading = settings_genre(genre) if genre else detect_genre(
        text, blocks, document.metadata.extra, references, notes, citations, attributions)
    guess = LanguageGuess(language, 1.0, 0) if language else detect_language(
        " ".join(prose[b.start:b.end] for b in blocks if b.kind == "body") or prose)
    headline = headline_claim(text, blocks, document.metadata.title)
    return Extraction(genre_reading=reading, language_guess=guess, headline=headline, blocks=tuple(blocks),
                      sentences=tuple(sentences), claims=tuple(claims),
                      citations=tuple(citations), attributions=tuple(attributions), references=tuple(references),
                      reference_region=region, note_blocks=tuple(note_blocks), notes=tuple(notes), links=tuple(links),
                      masked=hidden, citation_style=family.family)


def _as_written(text: str, prose: str, records: Sequence) -> list:
    """Records whose ``text`` was read from the masked copy, with the text as written instead."""
    out = []
    for record in records:
        if record.text == prose[record.start:record.end] != text[record.start:record.end]:
            written = text[record.start:record.end]
            # claims are pydantic models; citations and attributions plain dataclasses
            record = replace(record, text=written) if is_dataclass(record) else record.model_copy(
                update={"text": written})
        out.append(record)
    return out
