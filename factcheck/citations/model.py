"""Citations found in the text, the works they point at, and the links between them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from factcheck.model import FrozenModel, quick_init

CitationStyle = Literal["author-year", "numeric", "note", "pandoc", "attribution"]
# The closed set of shapes an in-text citation takes, as eyecite's citation classes: what the
# grammar recognised, whatever family the document is in.
#   parenthetical  "(Smith & Lee, 2019a, p. 4)", "(Smith 23)" (MLA), "(Bezanson et al.)"
#   narrative      "Smith et al. (2019)", "Smith's (2019) model", MLA "Moore et al." in running text
#   unbracketed    "as in Smith and Lee, 2019.", "Smith et al., 2019;" (no parenthesis at all)
#   bracket        "[1]", "[2]–[4]", "[1, 3, 5–7]"; a pandoc "[@key]" / "[-@key]"
#   parenthesis    "(1)", "(2-4)", "(1,2)" (Vancouver)
#   superscript    "cancer.¹²", "⁴⁻⁶", "^(2,3)" (pandoc plain text), a raised digit a reader wrote as "[3]"
#   marker         a note marker "[3]" / "³" pointing at a footnote or endnote
#   key            a bare pandoc key in running text ("@smith2019 shows")
#   link           a Markdown link to an entry ("[Smith 2019](#ref-smith2019)")
#   attribution    a news attribution ("the minister said")
CitationKind = Literal["parenthetical", "narrative", "unbracketed", "bracket", "parenthesis", "superscript", "marker",
                       "key", "link", "attribution"]
# The families a document's citations come in (``factcheck.citations.style`` detects one per
# document; ``citation-style`` in the settings can set it).
CitationFamily = Literal["author-date", "author-page", "numeric", "superscript", "notes", "pandoc", "none"]
CITATION_FAMILIES: tuple[str, ...] = ("author-date", "author-page", "numeric", "superscript", "notes", "pandoc",
                                      "none")
# suffix-order: "2016a" / "2016b" against entries the list prints without letters (their order decides)
LinkHow = Literal["exact", "fuzzy-author", "year-differs", "ambiguous", "suffix-order", "unresolved"]


@quick_init
@dataclass(frozen=True, slots=True)
class Citation:
    """One in-text citation. ``start``/``end`` cover what a reader would select.

    A plain slotted record, not a pydantic model: one is built per citation found (100,000 in a
    hostile document), and reporters read it attribute by attribute. ``authors`` is a tuple.

    author-year: ``Tariq, Khan, & Khan, 2020`` (inside the parentheses; a locator such as
    ", p. 12" is kept in ``locator``, outside the span) or ``Tariq (2020)``; author-page (MLA,
    ``year`` None): ``Tariq`` of "(Tariq 23)";
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
    kind: CitationKind | None = None
    # The title a citation names to tell works apart (MLA "(Smith, “Short Title” 12)"), or the
    # title a corporate-less work is cited by ("“Harbour Ledger Archive” 2026").
    title: str | None = None
    source: str | None = None  # attribution: who or what is credited
    vague: bool = False  # attribution to an unnamed source ("an official said")


@quick_init
@dataclass(frozen=True, slots=True)
class Author:
    """One author of a reference entry. A plain slotted record, like ``ReferenceEntry``."""

    surname: str
    given: str | None = None
    initials: str = ""
    corporate: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """One entry of a reference list or a bibliography file.

    A plain slotted record, not a pydantic model: one is built per entry (20,000 in a long list,
    40,000 paragraphs of a page read as one), never nested in a pydantic record; reporters read it
    attribute by attribute. Collections are tuples; a changed copy is ``dataclasses.replace``.
    """

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
    volume: str | None = None
    pages: str | None = None  # "832–841", "A33", "e07055"
    # The entry opens with a dash ("———. 2019." / "---."): the same authors as the entry before.
    repeated_authors: bool = False
    # Signs that two works were run together into one entry (a second author-date pattern, a
    # stray quotation...), as short human-readable reasons.
    problems: tuple[str, ...] = ()

    @classmethod
    def parsed(cls, id: str, start: int, end: int, text: str, label: str | None, fields: dict) -> ReferenceEntry:
        """An entry of the document's list with the fields ``parse_entry`` read (its "style" is not
        kept), given by position in the order declared above: by keyword, the 20 fields take twice
        as long to pass, and a list (or a page read as one) holds 20,000-40,000 entries."""
        return cls(id, start, end, text, fields["authors"], fields["year"], fields["date"], fields["title"],
                   fields["container"], fields["url"], fields["doi"], None, "text", None, label, fields["et_al"],
                   fields["volume"], fields["pages"], fields["repeated_authors"], fields["problems"])


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


@quick_init
@dataclass(frozen=True, slots=True)
class ShortForm:
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


NoteWorkForm = Literal["full", "short", "ibid"]


@quick_init
@dataclass(frozen=True, slots=True)
class NoteWork:
    """One work a note cites, its span in the note, and the bibliography entry it is linked to.

    full: "Charles R. Harris et al., “Array Programming with NumPy,” Nature 585 …"; short:
    "Harris et al., “Array Programming”" or "Ibid., 45." resolved to the work of the note before
    (``form`` "ibid").
    """

    start: int
    end: int
    text: str
    form: NoteWorkForm = "full"
    reference_id: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Note:
    """One footnote or endnote. Notes, their short forms and works are plain slotted records, not
    pydantic models: one is built per note (50,000 in a hostile list), never nested in a pydantic
    record, and reporters read them attribute by attribute. Collections are tuples."""

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
    # The works the note cites, linked to the bibliography (notes-and-bibliography styles).
    works: tuple[NoteWork, ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class Link:
    """How a citation resolved: to a reference entry (author-year, pandoc) or a note.

    A plain slotted record, not a pydantic model: one is built per citation (100,000 in a hostile
    document) and only read by the rules and reporters, attribute by attribute. ``score`` is a float.
    """

    citation_id: str
    target_id: str | None
    score: float = 0.0
    how: LinkHow = "unresolved"
    candidates: tuple[str, ...] = ()
