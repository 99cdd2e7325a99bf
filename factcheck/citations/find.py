"""Find a document's in-text citations: run each family's grammar over the body, decide the
document's family (``factcheck.citations.style``), and keep what that family makes citations.

The grammars live one per family: ``author_date`` (APA, Chicago author-date, Harvard...),
``author_page`` (MLA), ``numeric`` (brackets, parentheses, superscripts), ``pandoc`` (keys and
link-style citations). News attributions ("the minister said") are found by
``factcheck.claims.attribution``.

Every citation of a group gets the group's own text ("[2]–[4]" cites 2, 3 and 4), so a reader of
each one sees what the document says. Where two grammars read the same words, pandoc keys win over
author-date items, and those over author-page items.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from factcheck.citations import author_date, author_page, numeric, pandoc
from factcheck.citations.cited_names import parse_author_list
from factcheck.citations.model import Citation, NoteBlock, ReferenceEntry
from factcheck.citations.name_index import NameIndex
from factcheck.citations.style import StyleSignals, detect_family, numbered_list
from factcheck.text.model import Block

__all__ = ["FoundCitations", "find_all", "find_citations", "find_markers", "parse_author_list"]

# Blocks never searched. Boilerplate the layout guesses (a block of short lines) is searched, as
# a list of cited tools looks like a menu; what a loader knows to be page chrome is not (``chrome``).
_SKIP_KINDS = ("references", "notes", "metadata", "byline", "title", "front-matter", "code")
_PRIORITY = {"pandoc": 0, "author-year": 1, "numeric": 2, "note": 2}


@dataclass(frozen=True)
class FoundCitations:
    citations: list[Citation]
    family: str  # one of ``factcheck.citations.model.CITATION_FAMILIES``


def find_markers(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(number, start, end) of each bracketed or raised number in ``text[start:end]``."""
    out = [(n, s, e) for numbers, s, e in numeric.find_brackets(text, start, end) for n in numbers]
    out += [(n, s, e) for numbers, s, e in numeric.find_superscripts(text, start, end) for n in numbers]
    out.sort(key=lambda t: (t[1], t[0]))
    return out


def find_citations(text: str, blocks: Sequence[Block], note_blocks: Sequence[NoteBlock] = (),
                   references: Sequence[ReferenceEntry] = (), family: str | None = None,
                   raised: Collection[int] = ()) -> list[Citation]:
    """The citations of ``find_all``, ids "k1".. in text order."""
    return find_all(text, blocks, note_blocks, references, family, raised).citations


def find_all(text: str, blocks: Sequence[Block], note_blocks: Sequence[NoteBlock] = (),
             references: Sequence[ReferenceEntry] = (), family: str | None = None,
             raised: Collection[int] = (), notes: int | None = None,
             chrome: Sequence[tuple[int, int]] = ()) -> FoundCitations:
    """Every citation in the body blocks and the family the document is in.

    ``references`` are the document's entries (their names make year-less MLA citations
    recognisable, their numbers bound parenthesised ones); ``raised`` holds the start offsets of
    the "[3]" markers a reader wrote for raised digits; ``family`` is the setting (None or "auto":
    detect it); ``notes`` the number of notes found (default: whether there are note blocks);
    ``chrome`` the spans a loader marked as page chrome (navigation, footers).
    """
    body = [b for b in sorted(blocks, key=lambda b: b.start) if b.kind not in _SKIP_KINDS
            and not (b.kind == "boilerplate" and any(s < b.end and b.start < e for s, e in chrome))
            and not _indented_code(text, b)]
    names = NameIndex(references)
    known = names.known if names else None
    labels = [int(e.label) for e in references if e.label and e.label.isdigit()]
    signals_list = StyleSignals(entries=len(references), numbered_entries=len(labels))
    # Parenthesised numbers are read up to a little past the list's last number, so that a citation
    # of an entry missing at the end of the list is still found (and CIT001 reports it).
    highest = max(labels, default=0) if numbered_list(signals_list) else 0
    highest = highest + max(3, highest // 10) if highest else 0
    raised_starts = frozenset(raised)
    raised_anywhere = numeric.may_hold_superscripts(text)

    dated: list[dict] = []
    paged: list[dict] = []
    keyed: list[dict] = []
    bare: list[dict] = []
    brackets: list[tuple[list[int], int, int, bool]] = []
    parens: list[tuple[list[int], int, int]] = []
    supers: list[tuple[list[int], int, int]] = []
    # Notes of a paper that cites in the text cite the same way ("[1] The validator follows the
    # draft (Wright & Andrews, 2020)."): their author-date, author-page and pandoc citations count
    # unless the document is in the notes family (there, ``note_works`` reads what notes cite).
    in_notes: list[dict] = []
    # A raised marker inside a note (Wikipedia's explanatory note "[n 4]" citing source [4]) refers
    # to a note too; only markers the loader raised count there, never a note's own "[4]" label.
    note_markers: list[tuple[list[int], int, int]] = []
    for block in (b for b in blocks if b.kind == "notes"):
        note_markers.extend((n, bs, be) for n, bs, be in numeric.find_brackets(text, block.start, block.end)
                            if bs in raised_starts)
        in_notes.extend(author_date.parenthetical(text, block.start, block.end, known))
        in_notes.extend(pandoc.find_bracketed(text, block.start, block.end))
        if names:
            in_notes.extend(author_page.parenthetical(text, block.start, block.end, names))
    for block in body:
        s, e = block.start, block.end
        # Each grammar's pattern needs its "(", "[" or "@" in the block: a block without it is not
        # searched (a document of 90,000 short blocks paid for nine searches of each).
        paren, bracket, at = text.find("(", s, e) >= 0, text.find("[", s, e) >= 0, text.find("@", s, e) >= 0
        if paren:
            bracketed, told = author_date.both(text, s, e, known, names.title_before if names else None)
            dated.extend(bracketed)
            dated.extend(told)
        if names:
            if paren:
                paged.extend(author_page.parenthetical(text, s, e, names))
            paged.extend(author_page.narrative(text, s, e, names))
        if bracket:
            if at:
                keyed.extend(pandoc.find_bracketed(text, s, e))
            keyed.extend(pandoc.find_links(text, s, e))
            brackets.extend((n, bs, be, bs in raised_starts) for n, bs, be in numeric.find_brackets(text, s, e))
        if at:
            bare.extend(pandoc.find_bare(text, s, e))
        if highest and paren:
            parens.extend(numeric.find_parentheses(text, s, e, highest))
        if raised_anywhere:
            supers.extend(numeric.find_superscripts(text, s, e))

    keys = {e.key for e in references if e.key}
    if keyed or keys:  # a bare "@word" is a key only where pandoc citations are in use
        keyed.extend(c for c in bare if keyed or c["key"] in keys)
    dated_spans = _Spans(dated)
    paged = [c for c in paged if not dated_spans.overlaps(c)]
    known_paged = [c for c in paged if c.get("validated", True)]
    note_count = len(note_blocks) if notes is None else notes
    signals = StyleSignals(author_date=len(dated), author_page=len(known_paged),
                           brackets=sum(1 for *_, r in brackets if not r),
                           raised=len(supers) + sum(1 for *_, r in brackets if r), parentheses=len(parens),
                           pandoc=len(keyed), entries=len(references), numbered_entries=len(labels),
                           notes=note_count)
    chosen = detect_family(signals, family)

    if chosen == "author-date" and references:
        # Unbracketed matches never overlap one another: only the parenthesised ones are checked.
        unbracketed = [c for block in body for c in author_date.unbracketed(text, block.start, block.end, known)]
        dated.extend(c for c in unbracketed if not dated_spans.overlaps(c))
    found: list[dict] = list(keyed) + _with_abbreviations(dated)
    if chosen == "author-page":
        found.extend(paged)
    if chosen in ("author-date", "author-page", "pandoc"):
        found.extend(c for c in in_notes if c["style"] != "author-year" or (c.get("year") is None) == (
            chosen == "author-page"))
    for c in found:
        c.pop("validated", None)
    block_of = _NoteBodies(note_blocks)
    as_notes = chosen == "notes" or (bool(note_blocks) and chosen not in ("numeric", "superscript"))
    add = found.append
    for numbers, s, e, is_raised in brackets:
        if as_notes:
            found.extend(_numbered(text, numbers, s, e, "note", "marker", block_of))
            continue
        kind, cited = "superscript" if is_raised else "bracket", text[s:e]
        for n in numbers:  # what _numbered builds for a numeric group (no note block), inline: 100,000 of them
            add({"style": "numeric", "kind": kind, "start": s, "end": e, "text": cited, "number": n, "block": None})
    if chosen in ("numeric", "superscript") and signals.parentheses >= max(signals.brackets, signals.raised):
        # "(3)" is a citation where the document cites that way (Vancouver), not where "(1) … (2)"
        # number the steps of a Nature or IEEE paper
        for numbers, s, e in _without_enumerations(parens, body, max(labels, default=0)):
            found.extend(_numbered(text, numbers, s, e, "numeric", "parenthesis", block_of))
    if as_notes and note_markers:
        in_list = _NoteLists(note_blocks)
        for numbers, s, e in note_markers:
            found.extend(dict(style="note", kind="marker", start=s, end=e, text=text[s:e], number=n,
                              block=in_list(s)) for n in numbers)
    if as_notes or chosen == "superscript":
        for numbers, s, e in supers:
            style = "note" if as_notes else "numeric"
            found.extend(_numbered(text, numbers, s, e, style, "marker" if as_notes else "superscript", block_of))
    return FoundCitations(citations=_unique(found), family=chosen)


def _indented_code(text: str, block: Block) -> bool:
    """A block whose every line is indented four spaces or more: code ("In [1]: ..."), not prose."""
    first_indent = block.start - (text.rfind("\n", 0, block.start) + 1)
    if first_indent < 4:  # most blocks: the first line decides, before the lines are cut
        return False
    lines = [line for line in text[block.start:block.end].split("\n") if line.strip()]
    return bool(lines) and all(line.startswith("    ") for line in lines[1:])


def _without_enumerations(groups: list[tuple[list[int], int, int]], body: Sequence[Block],
                          last_entry: int) -> list[tuple[list[int], int, int]]:
    """Parenthesised numbers less a paragraph's enumeration: "(1) ... (2) ... (3)" restarting at one
    in a paragraph, after citations have gone past those numbers or running past the list's last
    entry, numbers steps, not works."""
    out: list[tuple[list[int], int, int]] = []
    highest = 0
    starts = [b.start for b in body]
    by_block: dict[int, list[tuple[list[int], int, int]]] = {}
    for group in groups:
        by_block.setdefault(bisect_right(starts, group[1]), []).append(group)
    for _, run in sorted(by_block.items()):
        singles = [g[0][0] for g in run if len(g[0]) == 1]
        steps = len(singles) >= 2 and singles == list(range(1, len(singles) + 1)) and len(singles) == len(run)
        if steps and (highest > len(singles) or len(singles) > last_entry >= highest > 0):
            continue
        out.extend(run)
        highest = max([highest] + [n for g in run for n in g[0]])
    return out


def _numbered(text: str, numbers: list[int], s: int, e: int, style: str, kind: str, block_of) -> list[dict]:
    block = block_of(s) if style == "note" else None
    cited = text[s:e]
    return [{"style": style, "kind": kind, "start": s, "end": e, "text": cited, "number": n, "block": block}
            for n in numbers]


class _Spans:
    """Whether a citation overlaps any of ``found``, by bisection over their starts and the
    furthest end reached so far (a scan of all of them per candidate was quadratic in a paper
    dense with citations)."""

    def __init__(self, found: Sequence[dict]) -> None:
        spans = sorted((c["start"], c["end"]) for c in found)
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def overlaps(self, c: dict) -> bool:
        before = bisect_left(self.starts, c["end"])  # the spans that start before ``c`` ends
        return before > 0 and self.reach[before - 1] > c["start"]


def _with_abbreviations(dated: list[dict]) -> list[dict]:
    """Author-date items with an abbreviation used for the name it was defined for: after
    "(World Health Organization [WHO], 2020)", "(WHO, 2021)" cites the World Health Organization."""
    places = [(c["start"], c["end"]) for c in dated]  # sort keys in one pass, not a call per item
    dated = [dated[i] for i in sorted(range(len(dated)), key=places.__getitem__)]
    if not any(c.get("abbreviation") for c in dated):
        # No abbreviation defined: nothing to map (``_unique`` drops the empty field). A hostile
        # document has 80,000 items and no abbreviation.
        return dated
    full: dict[str, str] = {}
    out = []
    for c in dated:
        abbreviation = c.pop("abbreviation", None)
        if abbreviation and c["authors"]:
            full.setdefault(abbreviation, c["authors"][0])
        elif len(c["authors"]) == 1 and c["authors"][0] in full:
            c = {**c, "authors": (full[c["authors"][0]],)}
        out.append(c)
    return out


def _unique(found: list[dict]) -> list[Citation]:
    """Citations in text order, ids "k1"..; of two that read the same words, the higher priority."""
    # By place, the higher priority first, the longer first, then number: the keys built in one
    # pass rather than by a call per citation (a hostile document has 100,000); ``sorted`` is
    # stable, as ``list.sort`` was.
    priority_of = _PRIORITY.get
    keys = [(c["start"], priority_of(c["style"], 3), -c["end"], c.get("number") or 0) for c in found]
    unique: list[Citation] = []
    # Two citations that read the same words start at the same place: a citation is compared only
    # with those kept at its start, and their keys are made only when a second one starts there
    # (most citations are alone at their start).
    here = -1
    first_here: dict | None = None  # the first kept at ``here``, while it is the only one
    seen_here: set[tuple] | None = None  # the keys of those kept at ``here``, once two are compared
    claimed: list[tuple[int, int, str]] = []  # spans taken by a higher-priority style
    reach = -1  # the furthest end of a claimed span: a citation starting there or later overlaps none
    claim, keep = claimed.append, unique.append
    for i in sorted(range(len(found)), key=keys.__getitem__):
        c = found[i]
        start, end, style = c["start"], c["end"], c["style"]
        key = None
        if start != here:
            here, first_here, seen_here = start, None, None
        else:
            key = _same_words(c)
            if seen_here is None:
                # a set: one bracket group "[1-51,52-102,…]" puts hundreds of citations at one start
                seen_here = set() if first_here is None else {_same_words(first_here)}
            if key in seen_here:
                continue
        if start < reach:
            priority = priority_of(style, 3)
            if any(s < end and start < e and other != style and priority_of(other, 3) < priority
                   for s, e, other in claimed[-8:]):
                continue
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in claimed[-8:]):
                continue  # inside a longer citation: "(“Title”)" read again after "Smith et al. (“Title”)"
        if end > reach:
            reach = end
        if seen_here is None:
            first_here = c
        else:
            seen_here.add(key)
        claim((start, end, style))
        if "abbreviation" in c:
            del c["abbreviation"]
        keep(Citation(id=f"k{len(unique) + 1}", **c))
    return unique


def _same_words(c: dict) -> tuple:
    """What two citations that read the same words share."""
    get = c.get
    return c["style"], c["start"], c["end"], get("number"), get("year"), get("title"), get("authors")


class _NoteLists:
    """The note block a marker inside a note list refers to: the list's own block (its notes cite
    one another), else the only block."""

    def __init__(self, note_blocks: Sequence[NoteBlock]) -> None:
        self.blocks = list(note_blocks)

    def __call__(self, offset: int) -> int | None:
        for nb in self.blocks:
            if nb.notes_start <= offset < nb.notes_end:
                return nb.index
        return self.blocks[0].index if len(self.blocks) == 1 else None


class _NoteBodies:
    """The note block whose body holds an offset: a bisect when the bodies follow each other (as
    ``find_notes`` builds them), else the first in list order that holds it."""

    def __init__(self, note_blocks: Sequence[NoteBlock]) -> None:
        self.blocks = list(note_blocks)
        self.starts = [nb.body_start for nb in self.blocks]
        self.ordered = all(a.body_end <= b.body_start for a, b in zip(self.blocks, self.blocks[1:]))

    def __call__(self, offset: int) -> int | None:
        if self.ordered:
            k = bisect_right(self.starts, offset) - 1
            candidates = self.blocks[k:k + 1] if k >= 0 else []
        else:
            candidates = self.blocks
        for nb in candidates:
            if nb.body_start <= offset < nb.body_end:
                return nb.index
        return None
