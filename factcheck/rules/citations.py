"""CIT rules: in-text citations against the reference list."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence

from rapidfuzz import fuzz

from factcheck.citations.entries import entry_head
from factcheck.citations.model import Citation, Link, ReferenceEntry
from factcheck.citations.names import base_year, fold
from factcheck.citations.resolve import entry_surnames, surname_score
from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.registry import Hit, entry_hit, entry_related, rule
from factcheck.text.lazy_regex import regex

_LINKED_STYLES = ("author-year", "pandoc", "numeric")


def _entry_related(ctx: AuditContext, entry: ReferenceEntry) -> tuple:
    start, end = entry_head(entry)
    return (entry_related(ctx, entry, start, end, "reference entry"),)


def _citations(ctx: AuditContext, *styles: str) -> list[tuple[Citation, Link | None]]:
    """The document's citations of ``styles``, each with its link (None for none)."""
    link_of = ctx.link_by_citation.get
    return [(citation, link_of(citation.id)) for citation in ctx.extraction.citations if citation.style in styles]


@rule("CIT001", "missing-reference", Severity.ERROR)
def missing_reference(ctx: AuditContext) -> Iterator[Hit]:
    """An in-text citation that resolves to no reference entry, even fuzzily.

    ## Why is this bad?
    A reader cannot find the work the claim rests on, and a reviewer cannot check it.

    ## Example
    `(Okafor, 2019)` in the text, with no entry by Okafor in the reference list.

    ## Fix
    Add the missing entry to the reference list, or correct the citation to the work you meant.
    """
    styles = _LINKED_STYLES
    if not ctx.extraction.references and ctx.extraction.note_blocks:
        # A note-style document: a parenthetical "(Kabul, 2022)" there is not an author-year citation,
        # but a pandoc key "[@kabul2022]" still names an entry that must exist.
        styles = ("pandoc",)
    suggestion = "add the cited work to the reference list or correct the citation"
    for citation, link in _citations(ctx, *styles):
        if link is None or link.target_id is None:
            what = f"key '@{citation.key}'" if citation.style == "pandoc" else f"'{citation.text}'"
            # by position: a hostile document has 100,000 of them
            yield Hit(citation.start, citation.end, f"Citation {what} matches no entry in the reference list.",
                      suggestion)


@rule("CIT002", "uncited-reference", Severity.WARNING)
def uncited_reference(ctx: AuditContext) -> Iterator[Hit]:
    """A reference entry that no citation in the text resolves to.

    In a notes style, a bibliography entry is cited when a note cites the work. An entry of a
    bibliography file (`--bib`, or named in the front matter) is reported at the severity of
    `uncited-bib-severity` (info by default), since such files are shared between papers.

    ## Why is this bad?
    An uncited entry pads the bibliography, or betrays a citation lost in editing.

    ## Example
    An entry `Hale, R. (2017). River Basins.` that no `(Hale, 2017)` points to.

    ## Fix
    Cite the work where it supports a claim, or remove the entry.
    """
    cited = ctx.citations_by_target
    for entry in ctx.extraction.references:
        if entry.id in cited:
            continue
        start, end = entry_head(entry)
        if entry.origin == "bib":
            # A bibliography file is often shared by several papers, so an entry this one does not
            # cite is reported at `uncited-bib-severity` (info unless set), as checkcites does.
            yield entry_hit(ctx, entry, start, end, f"Bibliography entry '{entry.key}' is never cited in the text.",
                            suggestion="cite it, or leave it out of this paper's bibliography",
                            severity=ctx.settings.uncited_bib_severity)
        else:
            yield entry_hit(ctx, entry, start, end, "Reference entry is never cited in the text.",
                            suggestion="cite it where it supports a claim, or remove it")


@rule("CIT003", "author-mismatch", Severity.ERROR)
def author_mismatch(ctx: AuditContext) -> Iterator[Hit]:
    """A citation whose author is spelled differently from the entry it resolves to.

    ## Why is this bad?
    A misspelled name sends readers to the wrong work and looks careless to reviewers.

    ## Example
    `(Threkkeld & Osei, 2021)` cited, while the entry reads `Threkeld, E., & Osei, G. (2021)`.

    ## Fix
    Spell the name as in the entry (the suggestion), or correct the entry if it is the one wrong.
    """
    threshold = ctx.settings.thresholds.author_fuzzy
    for citation, link in ctx.resolved_author_year:
        if not link or not link.target_id or link.how not in ("exact", "fuzzy-author"):
            continue
        entry = ctx.reference_by_id[link.target_id]
        # Compare authors position by position: a misspelled co-author counts as much as the first.
        wrong = [(cited, author.surname.strip()) for cited, author in zip(citation.authors, entry.authors)
                 if threshold <= surname_score(cited, fold(author.surname)) < 100]
        if not wrong:
            continue
        names = ", ".join(f"'{c}'" for c, _ in wrong)
        yield Hit(citation.start, citation.end,
                  f"Cited author {names} is spelled '{wrong[0][1]}' in the reference entry.",
                  suggestion=wrong[0][1], related=_entry_related(ctx, entry))


@rule("CIT004", "year-mismatch", Severity.ERROR)
def year_mismatch(ctx: AuditContext) -> Iterator[Hit]:
    """The cited author(s) match an entry but the year differs.

    ## Why is this bad?
    Either the citation points at a different edition or work, or one of the two years is a typo.

    ## Example
    `(Okafor & Lindqvist, 2018)` cited; the entry is `Okafor, N., & Lindqvist, P. (2019)`.

    ## Fix
    Use the entry's year (the suggestion) or correct the entry.
    """
    for citation, link in ctx.resolved_author_year:
        if not link or link.how != "year-differs" or not link.target_id:
            continue
        entry = ctx.reference_by_id[link.target_id]
        by = f"by {entry.authors[0].surname.strip()}" if entry.authors else f"'{entry.title}'"
        yield Hit(citation.start, citation.end,
                  f"Citation '{citation.text}' gives the year {citation.year}; the entry {by} is dated {entry.year}.",
                  suggestion=entry.year, related=_entry_related(ctx, entry))


@rule("CIT005", "ambiguous-citation", Severity.WARNING)
def ambiguous_citation(ctx: AuditContext) -> Iterator[Hit]:
    """A citation that matches two or more entries equally well.

    ## Why is this bad?
    Readers cannot tell which work is meant: two entries share authors and year.

    ## Example
    `(Mensah, 2020)` with entries `Mensah, K. (2020). Title A.` and `Mensah, K. (2020). Title B.`

    ## Fix
    Add letters to the years (`2020a`, `2020b`) in the entries and the citations.
    """
    for citation, link in ctx.resolved_author_year:
        if not link or link.how != "ambiguous":
            continue
        entries = [ctx.reference_by_id[i] for i in link.candidates]
        works = [_Work(entry) for entry in entries]
        if all(_same_work(works[0], other) for other in works[1:]):
            continue  # one work listed twice: CIT006 reports the duplicate entry
        yield Hit(citation.start, citation.end,
                  f"Citation '{citation.text}' matches {len(entries)} entries equally well.",
                  suggestion=f"distinguish them as {base_year(citation.year)}a, {base_year(citation.year)}b",
                  related=tuple(r for e in entries for r in _entry_related(ctx, e)))


@rule("CIT006", "duplicate-reference", Severity.WARNING)
def duplicate_reference(ctx: AuditContext) -> Iterator[Hit]:
    """Two reference entries that describe the same work.

    Entries whose authors or titles carry other numbers are other works ("Report 1" and "Report
    2", two volumes, two editions), however alike their words, unless they share a DOI.

    ## Why is this bad?
    Duplicates split the citations of one work and make the list look unedited.

    ## Example
    `Hale, R. (2017). River Basins.` listed twice, once with a URL and once without.

    ## Fix
    Keep one entry, merging any detail the other had.
    """
    groups: dict[tuple[str, str], list[_Work]] = defaultdict(list)
    for entry in ctx.extraction.references:
        work = _Work(entry)
        if work.surnames:
            groups[(work.surnames[0], base_year(entry.year) or "")].append(work)
    for works in groups.values():
        exact: dict[tuple, int] = {}  # the position of the first entry of each DOI and of each title
        # Where the entries of each set of numbers are, and those with a DOI, in order: the only
        # earlier entries that can be the same work as a later one (a long list by one author in one
        # year would otherwise test every pair of the window, nearly all of other numbers).
        by_numbers: dict[tuple[str, ...], list[int]] = defaultdict(list)
        with_doi: list[int] = []
        for i, later in enumerate(works):
            earlier = _first_same_work(works, i, exact, by_numbers, with_doi)
            if earlier is not None:
                start, end = entry_head(later.entry)
                if earlier.related is None:  # built once: a generated list repeats one entry many times
                    earlier.related = _entry_related(ctx, earlier.entry)
                yield entry_hit(ctx, later.entry, start, end, "This entry duplicates an earlier one.",
                                suggestion="remove one of the two entries",
                                related=earlier.related + ctx.citing(later.entry))
            for key in later.keys:
                exact.setdefault(key, i)
            by_numbers[later.numbers].append(i)
            if later.doi:
                with_doi.append(i)


# Entries by one first author in one year compared pairwise, up to this many before each entry.
# Beyond it (a generated or pasted list, never a real one) only exact repeats of a DOI or a title
# are looked for among the earlier ones: pairwise fuzzy comparison would be quadratic.
_MAX_PAIRWISE = 200
_NUMBER = regex(r"\d+")


class _Work:
    """An entry with what ``_same_work`` compares, each read once per entry rather than once per
    comparison: its folded surnames, DOI and title, and the keys under which two entries are
    certainly the same work (the same DOI, both having one; without a DOI, the same title and
    authors); and, once made, the related place of the entry in a finding about a later one."""

    __slots__ = ("entry", "surnames", "numbers", "doi", "title", "keys", "related", "_text")

    def __init__(self, entry: ReferenceEntry) -> None:
        self.entry = entry
        self.surnames = entry_surnames(entry)
        # The numbers in its authors and title, which folding drops: what tells "Report 1" from "Report 2".
        named = " ".join([a.surname for a in entry.authors if a.surname])
        self.numbers = tuple(_NUMBER.findall(f"{named} {entry.title}" if entry.title else named))
        self.doi = entry.doi.lower() if entry.doi else None
        self.title = fold(entry.title) if entry.title else None
        if self.doi:
            self.keys: tuple[tuple, ...] = (("doi", self.doi),)
        elif self.title is not None:
            self.keys = (("title", self.title, tuple(self.surnames), self.numbers),)
        else:
            self.keys = ()
        self.related: tuple | None = None
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The entry's folded text, for entries without a title (folded when first compared)."""
        if self._text is None:
            self._text = fold(self.entry.text)
        return self._text


def _first_same_work(works: list[_Work], i: int, exact: dict[tuple, int], by_numbers: dict[tuple[str, ...], list[int]],
                     with_doi: list[int]) -> _Work | None:
    """The first entry before ``works[i]`` that describes the same work, else None. ``by_numbers``
    and ``with_doi`` hold the positions before ``i`` of each set of numbers and of the entries with a
    DOI: other numbers and not two DOIs are not the same work, so only these are compared."""
    later = works[i]
    if i <= _MAX_PAIRWISE:
        low, high = 0, i
    else:
        high = i  # the first earlier entry sharing a key (each is before i), else i
        for key in later.keys:
            at = exact.get(key, i)
            if at < high:
                high = at
        low = i - _MAX_PAIRWISE  # an earlier fuzzy match in the window wins
    if low < high:  # past the window, an exact repeat of the first entry leaves none to compare
        for j in _candidates(by_numbers.get(later.numbers, ()), with_doi if later.doi else (), low, high):
            w = works[j]
            if _same_work(w, later):
                return w
    return works[high] if high < i else None


def _candidates(same_numbers: Sequence[int], doi: Sequence[int], low: int, high: int) -> Iterator[int]:
    """The positions in ``low:high`` of either ascending list, ascending, each once."""
    a = same_numbers[bisect_left(same_numbers, low):bisect_left(same_numbers, high)]
    if not doi:
        return iter(a)
    b = doi[bisect_left(doi, low):bisect_left(doi, high)]
    return iter(sorted(set(a).union(b)))


def _same_work(a: _Work, b: _Work) -> bool:
    if a.doi and b.doi:  # one DOI is one work, whatever the titles' numbers
        return a.doi == b.doi
    if a.numbers != b.numbers:
        return False
    if a.title is not None and b.title is not None:
        return fuzz.token_set_ratio(a.title, b.title) >= 92 and a.surnames == b.surnames
    return fuzz.ratio(a.text, b.text) >= 95


@rule("CIT007", "author-list-mismatch", Severity.WARNING)
def author_list_mismatch(ctx: AuditContext) -> Iterator[Hit]:
    """The citation names other co-authors, or another number of them, than its entry.

    `et al.` is fine where the entry has several authors.

    ## Why is this bad?
    A wrong author list misattributes the work and may point at a different paper.

    ## Example
    `(Okafor & Diallo, 2019)` cited; the entry is `Okafor, N., & Lindqvist, P. (2019)`.

    ## Fix
    List the entry's authors (or the first author and `et al.` where the style allows it).
    """
    for citation, link in ctx.resolved_author_year:
        if not link or not link.target_id or link.how not in ("exact", "fuzzy-author"):
            continue
        entry = ctx.reference_by_id[link.target_id]
        surnames = [a.surname.strip() for a in entry.authors]
        if not surnames or (citation.title and citation.authors == (citation.title,)):
            continue  # a work cited by its title
        expected = _format_authors(surnames)
        if entry.et_al:  # the entry abbreviates its own list: only the names it gives can be compared
            if len(citation.authors) > 1 and len(surnames) > 1 and surname_score(citation.authors[1],
                                                                                   fold(surnames[1])) < 80:
                yield Hit(citation.start, citation.end,
                          f"Co-author '{citation.authors[1]}' is not among the entry's authors ({', '.join(surnames)}).",
                          suggestion=expected, related=_entry_related(ctx, entry))
            continue
        if citation.et_al:
            if len(surnames) == 1:
                yield Hit(citation.start, citation.end,
                          f"Citation uses 'et al.' but the entry has a single author ({surnames[0]}).",
                          suggestion=expected, related=_entry_related(ctx, entry))
            continue
        if len(citation.authors) != len(surnames):
            yield Hit(citation.start, citation.end,
                      f"Citation names {len(citation.authors)} author(s); the entry has {len(surnames)}.",
                      suggestion=expected, related=_entry_related(ctx, entry))
            continue
        for cited, surname in zip(citation.authors[1:], surnames[1:]):
            if surname_score(cited, fold(surname)) < 80:
                yield Hit(citation.start, citation.end,
                          f"Co-author '{cited}' is not among the entry's authors ({', '.join(surnames)}).",
                          suggestion=expected, related=_entry_related(ctx, entry))
                break


def _format_authors(surnames: list[str]) -> str:
    if len(surnames) <= 2:
        return " & ".join(surnames)
    return f"{surnames[0]} et al."
