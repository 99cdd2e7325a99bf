"""What a loader returns: the extracted text, its source map and metadata."""

from __future__ import annotations

from typing import Literal, get_args

from factcheck.model import FrozenModel, unvalidated

# The name of a format: a key of ``factcheck.documents.LOADERS`` ("txt", "md", "html", "pdf", "docx").
Format = str

# How a stretch of Document.text came to be: copied from the source as is, synthesized by the
# loader (a note marker "[3]" for a superscript or a Word footnote reference, a space that
# rejoins a hyphenated word or a sentence split by a page break), or a footnote/endnote body.
SegmentOrigin = Literal["text", "marker", "note", "joined"]


class Segment(FrozenModel):
    """A run of ``Document.text`` ``[start, end)`` and where it came from in the source.

    ``source_start``/``source_end`` are offsets into the decoded source (txt, md, html) when the
    run was copied verbatim; ``page`` and ``bbox`` (x0, top, x1, bottom in PDF points) locate it
    on a PDF page; ``char_x`` gives the left edge of every character of the run for PDFs, so
    that each character maps back to its box; ``inserted`` lists the characters of the run
    (offsets from ``start``) that stand for no glyph of the source: a word space a PDF loader
    read from the gap between two glyphs, the brackets of a ``[3]`` marker; ``locator`` names the place in a structured
    source (``"paragraph 12"``, ``"footnote 3"``, ``"body > p:nth-of-type(4)"``).
    """

    start: int
    end: int
    origin: SegmentOrigin = "text"
    source_start: int | None = None
    source_end: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    char_x: tuple[float, ...] = ()
    inserted: tuple[int, ...] = ()
    locator: str | None = None

    @classmethod
    def of(cls, start: int, end: int, origin: SegmentOrigin, fields: dict[str, object]) -> Segment:
        """``Segment(start=, end=, origin=, char_x=(), inserted=(), **fields)`` for ``fields`` that
        hold at most a ``locator``, without running the validator on values already of their
        declared types (``factcheck.model.unvalidated``: a page of 40,000 paragraphs builds a segment
        for each); any other value is validated as usual. The record is the one validation builds; its
        ``model_fields_set`` (the names given) is one set shared by such segments, which pydantic
        copies before changing a copy's."""
        locator = fields.get("locator")
        if (type(start) is not int or type(end) is not int or origin not in _ORIGINS or len(fields) > 1
                or (fields and "locator" not in fields) or (locator is not None and type(locator) is not str)):
            return cls(start=start, end=end, origin=origin, char_x=(), inserted=(), **fields)
        return unvalidated(cls, {"start": start, "end": end, "origin": origin, "source_start": None,
                                 "source_end": None, "page": None, "bbox": None, "char_x": (), "inserted": (),
                                 "locator": locator}, _GIVEN_WITH_LOCATOR if fields else _GIVEN)


_ORIGINS = frozenset(get_args(SegmentOrigin))
_GIVEN = {"start", "end", "origin", "char_x", "inserted"}
_GIVEN_WITH_LOCATOR = _GIVEN | {"locator"}


class DocumentMetadata(FrozenModel):
    title: str | None = None
    # The document's own publication date, ISO (YYYY, YYYY-MM or YYYY-MM-DD).
    published: str | None = None
    # When the document was last revised, ISO, if it says so (a web page's ``dateModified``): a
    # page kept up to date may cite works newer than its first publication.
    modified: str | None = None
    # Other dates the document states about itself: received, accepted, revised, published.
    # Each value is (ISO date, start, end) with the offsets of the statement in the text.
    own_dates: tuple[tuple[str, str, int, int], ...] = ()
    authors: tuple[str, ...] = ()
    # The bibliography files the document names for itself (a Markdown front matter's
    # ``bibliography:``), resolved against the document's folder; ``--bib`` wins over them.
    bibliography: tuple[str, ...] = ()
    # Format-specific facts: HTML meta tags, docx core properties, PDF info.
    extra: tuple[tuple[str, str], ...] = ()


# What a stretch of the text is, as the loader knows it from the source's structure (an HTML
# <figcaption>, a Markdown code fence, a Word "Heading 1" style, a PDF's title block). The layout
# of the text (``factcheck.text.layout``) guesses the same kinds from the plain text; a region a
# loader declares wins over the guess.
RegionKind = Literal["title", "heading", "body", "byline", "caption", "code", "front-matter", "table",
                     "references", "notes", "boilerplate", "metadata"]


# Regions that are never audited as prose: no citations, claims, quotations, numbers or spellings
# are read inside them (``factcheck.text.mask``).
NOT_PROSE: tuple[RegionKind, ...] = ("code", "front-matter")


class Region(FrozenModel):
    """A span of ``Document.text`` ``[start, end)`` and what the source says it is."""

    start: int
    end: int
    kind: RegionKind


def laminar_regions(spans: list[tuple[int, int, RegionKind]]) -> tuple[Region, ...]:
    """Regions sorted by start, the outer first, as ``Document.regions`` holds them: a region that
    would partly overlap one it starts inside is dropped, so that regions only nest."""
    out: list[Region] = []
    open_ends: list[int] = []
    for start, end, kind in sorted(set(spans), key=lambda r: (r[0], -r[1], r[2])):
        if end <= start:
            continue
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            continue
        out.append(Region(start=start, end=end, kind=kind))
        open_ends.append(end)
    return tuple(out)


class LeftOut(FrozenModel):
    """Source text a loader deliberately did not put in ``Document.text`` (site navigation, share
    bars, comment counts, a running header), kept so that ``factcheck extract`` can show it."""

    kind: str  # "chrome", "running-header", "line-numbers", "front-matter"...
    text: str
    locator: str | None = None  # where in the source ("nav", "page 3", "body > aside")


class FieldItem(FrozenModel):
    """One work a citation field names: a CSL-JSON citation item (Zotero, Mendeley), or the anchor
    a link-style citation points at (``[Lee 2019](#lee2019)``: ``key`` "lee2019", no ``data``)."""

    key: str  # the item's id in the field, or the anchor's name
    uris: tuple[str, ...] = ()  # the reference manager's stable ids for the work
    locator: str | None = None  # "12", "pp. 4-6"
    label: str | None = None  # what the locator counts: "page", "chapter"...
    data: str | None = None  # the item's CSL-JSON ``itemData``, as JSON text


class CitationField(FrozenModel):
    """A citation the source marks up as such, with the works it names: a Word field inserted by
    a reference manager (``ADDIN ZOTERO_ITEM CSL_CITATION {...}``), or a Markdown link to an
    anchor. ``start``/``end`` cover its displayed text, which stays the document's text."""

    start: int
    end: int
    kind: Literal["csl", "link"]
    items: tuple[FieldItem, ...] = ()


class Anchor(FrozenModel):
    """A named place in the source (``<a name="lee2019"></a>``, ``<span id="lee2019">``) that a link
    can point at; ``start``/``end`` cover the markup, ``target`` is where the named text starts."""

    name: str
    start: int
    end: int
    target: int


class NoteMark(FrozenModel):
    """A note reference or a note the source marks up as such (Markdown ``[^label]`` and
    ``[^label]: text``), numbered as the document displays them: in order of first reference.

    ``number`` is None for a reference to a note that does not exist; ``body_start`` is where a
    note's text starts, after its label.
    """

    kind: Literal["reference", "note"]
    start: int
    end: int
    label: str
    number: int | None = None
    body_start: int | None = None


class InlineSuppression(FrozenModel):
    """A ``<!-- factcheck: ignore CODE -->`` comment (see ``factcheck.documents.suppressions``)."""

    code: str  # a code, a prefix, or "*" for every rule
    line: int  # the line of the text it covers (1-based)
    comment_line: int  # the line the comment is on


class Document(FrozenModel):
    path: str
    format: Format
    text: str
    segments: tuple[Segment, ...] = ()
    metadata: DocumentMetadata = DocumentMetadata()
    suppressions: tuple[InlineSuppression, ...] = ()
    # Sorted by start, the outer first; they nest (inline code inside a table) but never overlap
    # partly (``laminar_regions``).
    regions: tuple[Region, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    # Citations, anchors and notes the source marks up explicitly, in text order (Word fields,
    # Markdown links, anchors and footnotes): ``factcheck.citations.fields`` reads them.
    fields: tuple[CitationField, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    note_marks: tuple[NoteMark, ...] = ()
    # What the loader could not read of the document, each a one-line reason (a front matter that
    # is not YAML): the document is audited all the same, and each is an input error of the run.
    problems: tuple[str, ...] = ()

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding ``offset`` (binary search; segments are sorted, disjoint)."""
        segments = self.segments
        lo, hi = 0, len(segments)
        while lo < hi:
            mid = (lo + hi) // 2
            seg = segments[mid]
            if offset < seg.start:
                hi = mid
            elif offset >= seg.end:
                lo = mid + 1
            else:
                return seg
        return None

    def page_of(self, offset: int) -> int | None:
        seg = self.segment_at(offset)
        return seg.page if seg else None


class LoadError(Exception):
    """An input that cannot be read; ``str(error)`` is the one-line reason shown to the user."""


# The most text one document may hold. Auditing runs at about a megabyte of text a second and
# takes some 80 bytes of memory per character, so ten million characters (a shelf of books: the
# longest novels hold three million) is about ten seconds and under a gigabyte. A PDF or a Word
# file may be far larger than its text (images), so for them the text is what is measured.
MAX_TEXT_CHARS = 10_000_000


def check_text_size(chars: int) -> None:
    """Raise LoadError when a document's text is over ``MAX_TEXT_CHARS``."""
    if chars > MAX_TEXT_CHARS:
        raise LoadError(f"text is {chars / 1e6:.1f} million characters; the limit is "
                        f"{MAX_TEXT_CHARS / 1e6:.0f} million per document (split it into parts)")
