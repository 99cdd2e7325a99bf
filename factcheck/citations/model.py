"""Citations found in the text, the works they point at, and the links between them."""

from __future__ import annotations

from typing import Literal

from factcheck.model import FrozenModel

CitationStyle = Literal["author-year", "numeric", "note", "pandoc", "attribution"]
LinkHow = Literal["exact", "fuzzy-author", "year-differs", "ambiguous", "unresolved"]


class Citation(FrozenModel):
    """One in-text citation. ``start``/``end`` cover what a reader would select.

    author-year: ``Tariq, Khan, & Khan, 2020`` (inside the parentheses) or ``Tariq (2020)``;
    numeric/note: the marker ``[3]`` or ``³`` (``number``; ``block`` for notes restarting per block);
    pandoc: ``@key``; attribution: the attributing phrase ("the minister said").
    """

    id: str
    style: CitationStyle
    start: int
    end: int
    text: str
    authors: tuple[str, ...] = ()
    et_al: bool = False
    year: str | None = None  # "2020", "2020a", "n.d."
    locator: str | None = None  # "p. 12"
    key: str | None = None  # pandoc / BibTeX key
    number: int | None = None
    block: int | None = None
    narrative: bool = False  # "Tariq (2020) argues" rather than "(Tariq, 2020)"
    source: str | None = None  # attribution: who or what is credited
    vague: bool = False  # attribution to an unnamed source ("an official said")


class Author(FrozenModel):
    surname: str
    given: str | None = None
    initials: str = ""
    corporate: bool = False


class ReferenceEntry(FrozenModel):
    id: str
    start: int
    end: int
    text: str
    authors: tuple[Author, ...] = ()
    year: str | None = None  # "2021", "2020a", "n.d."
    date: str | None = None  # ISO, as precise as stated
    title: str | None = None
    container: str | None = None
    url: str | None = None
    doi: str | None = None
    key: str | None = None  # BibTeX / CSL-JSON id
    origin: Literal["text", "bib"] = "text"
    # origin "bib": the bibliography file, which ``start``/``end`` point into.
    path: str | None = None
    # The entry's own number in a numbered list ("3" for "3. Smith J" or "[3] A. Smith"), which
    # numeric citations point at; the label itself is not part of ``text``.
    label: str | None = None
    et_al: bool = False  # the entry itself abbreviates its author list ("Smith, J., et al.")
    # Signs that two works were run together into one entry (a second author-date pattern, a
    # stray quotation...), as short human-readable reasons.
    problems: tuple[str, ...] = ()


class NoteBlock(FrozenModel):
    """A run of body paragraphs and the list of notes that follows them.

    Numbering restarts in each block in documents like think-tank reports; a document with one
    list of notes at the end has a single block.
    """

    index: int
    body_start: int
    body_end: int
    notes_start: int
    notes_end: int


ShortFormKind = Literal["ibid", "op-cit"]


class ShortForm(FrozenModel):
    """One ``Ibid.`` or ``op. cit.`` inside a note, with the span a finding points at.

    ibid: ``start``/``end`` cover "Ibid."; op-cit: the short citation from its first word to
    "op. cit." ("Ahmed, “Some Title”, op. cit."). ``title`` is what an op. cit. names (the
    quoted title, else the words before it); ``resolves_to`` the id of the note holding the full
    citation, or None when no earlier note does.
    """

    kind: ShortFormKind
    start: int
    end: int
    text: str
    title: str | None = None
    resolves_to: str | None = None


class Note(FrozenModel):
    id: str
    block: int
    number: int
    start: int  # the whole note, marker included
    end: int
    text: str
    body_start: int  # the note's text after its "[n]" label
    short_form: ShortFormKind | None = None
    # For Ibid./op. cit.: the id of the earlier note holding the full citation, when found.
    resolves_to: str | None = None
    short_title: str | None = None  # the title an op. cit. names
    # Every short form in the note, in text order; the three fields above repeat the first
    # unresolved one (else the first one) for readers that look at one per note.
    short_forms: tuple[ShortForm, ...] = ()


class Link(FrozenModel):
    """How a citation resolved: to a reference entry (author-year, pandoc) or a note."""

    citation_id: str
    target_id: str | None
    score: float = 0.0
    how: LinkHow = "unresolved"
    candidates: tuple[str, ...] = ()
