"""Citations the source marks up itself, made into citations, entries, notes and links.

The loaders declare what a document's markup says exactly (``Document.fields``, ``anchors``,
``note_marks``); this module gives it the shape of what the citation grammar finds in plain text:

- **Notes** a Markdown file marks up (``[^label]`` and ``[^label]: text``) become ``note``
  citations and one block of notes, numbered as pandoc numbers them (order of first reference),
  so that ``[^note]`` works like ``[^1]`` and a reference to no note is FN001's.
- **Anchored entries**: an entry of a reference list that starts at a named anchor
  (``<a name="lee2019"></a>Lee, J. (2019)...``, pandoc's ``::: {#ref-lee2019}``) becomes one entry
  with that ``key``, from the anchor to the next anchor or the end of its paragraph; a link to it
  (``[Lee 2019](#lee2019)``) is a citation of it. A link to any other place is not a citation.
- **Reference-manager fields** (Zotero, Mendeley: CSL-JSON in a Word field) link each citation
  shown inside them to exactly the item it names: the citations the grammar found in the
  displayed text are paired with the items (by author and year, else in order), and an item no
  citation shows gets a citation of its own over the displayed text (style ``pandoc``: a
  citation by key). An item links to the document's own entry for the same work (same DOI, same
  title, or same first author and year); a document with no reference list at all gets the items
  as its entries (placed at their first citation). An item that the document's list lacks stays
  unlinked, for CIT001: the list was not refreshed.
Link ids are remapped whenever citations are added, so ids stay "k1".. in text order.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from factcheck.citations.bib import csl_item_entry
from factcheck.citations.entries import parse_entry
from factcheck.citations.model import Citation, Link, Note, NoteBlock, ReferenceEntry
from factcheck.citations.names import base_year, fold
from factcheck.citations.notes import declared_notes
from factcheck.citations.resolve import entry_surnames, surname_score
from factcheck.documents.model import Anchor, CitationField, Document, FieldItem

_ENTRY_STYLES = ("author-year", "numeric", "pandoc")
_DIV_CLOSE = ":::"
_MAX_ENTRY = 2000  # an anchored entry longer than this is a section, not an entry


# -- notes ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DeclaredNotes:
    note_blocks: list[NoteBlock]
    notes: list[Note]
    markers: list[dict]  # Citation fields of each note reference, without ids


def notes_of(document: Document) -> DeclaredNotes | None:
    """The notes and note references the loader marked up, else None (find them in the text)."""
    marks = document.note_marks
    if not marks:
        return None
    text = document.text
    numbered = [(m.number, m.start, m.end, m.body_start if m.body_start is not None else m.start)
                for m in marks if m.kind == "note" and m.number is not None]
    note_blocks, notes = declared_notes(text, numbered)
    markers = [dict(style="note", start=m.start, end=m.end, text=text[m.start:m.end], number=m.number, block=1)
               for m in marks if m.kind == "reference"]
    return DeclaredNotes(note_blocks, notes, markers)


def with_markers(found: Sequence[Citation], markers: Sequence[dict]) -> list[Citation]:
    """The grammar's citations less any at a declared note reference, plus the references."""
    if not markers:
        return list(found)
    taken = sorted((m["start"], m["end"]) for m in markers)
    kept = [c for c in found if not _overlaps(taken, c.start, c.end)]
    return renumber(kept, markers)[0]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(0, k - 1):k + 1])


def renumber(citations: Sequence[Citation], added: Sequence[dict] = ()
             ) -> tuple[list[Citation], dict[str, str], list[str]]:
    """Citations and new ones (given as fields) in text order with ids "k1".. again; the new id of
    each old one, and the ids of the added ones in their order."""
    rows = [(c.start, c.end, c.number or 0, i, c) for i, c in enumerate(citations)]
    rows += [(d["start"], d["end"], d.get("number") or 0, len(citations) + i, d) for i, d in enumerate(added)]
    rows.sort(key=lambda r: r[:4])
    out: list[Citation] = []
    renamed: dict[str, str] = {}
    added_ids = [""] * len(added)
    for n, (_, _, _, order, item) in enumerate(rows, 1):
        new_id = f"k{n}"
        if isinstance(item, dict):
            out.append(Citation(id=new_id, **item))
            added_ids[order - len(citations)] = new_id
        else:
            renamed[item.id] = new_id
            out.append(item if item.id == new_id else replace(item, id=new_id))
    return out, renamed, added_ids


# -- anchored entries ------------------------------------------------------------------------------

def anchored_entries(text: str, anchors: Sequence[Anchor], fields: Sequence[CitationField],
                     region: tuple[int, int] | None, references: Sequence[ReferenceEntry]
                     ) -> tuple[tuple[int, int] | None, list[ReferenceEntry]]:
    """The reference list with an entry per anchor that starts one (see the module docstring)."""
    if not anchors:
        return region, list(references)
    linked = {item.key for f in fields if f.kind == "link" for item in f.items}
    ordered = sorted(anchors, key=lambda a: a.target)
    spans = []
    for k, anchor in enumerate(ordered):
        in_list = region is not None and region[0] <= anchor.target < region[1]
        if not (in_list or anchor.name in linked) or not _starts_line(text, anchor.start):
            continue
        limit = ordered[k + 1].start if k + 1 < len(ordered) else len(text)
        end = _entry_end(text, anchor.target, limit)
        if end > anchor.target:
            spans.append((anchor.target, end, anchor.name))
    if not spans:
        return region, list(references)
    taken = sorted((s, e) for s, e, _ in spans)
    kept = [r for r in references if not _overlaps(taken, r.start, r.end)]
    new = []
    for start, end, name in spans:
        fields_of = parse_entry(text[start:end])
        fields_of.pop("style", None)
        new.append(ReferenceEntry(id="", start=start, end=end, text=text[start:end], key=name, **fields_of))
    entries = sorted(kept + new, key=lambda r: r.start)
    entries = [replace(e, id=f"r{i}") for i, e in enumerate(entries, 1)]
    if region is None:
        region = (min(s for s, _, _ in spans), max(e for _, e, _ in spans))
    return region, entries


def _starts_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip(" \t>-*")


def _entry_end(text: str, start: int, limit: int) -> int:
    """Where an anchored entry ends: the end of its paragraph, a closing ``:::``, or ``limit``."""
    end = min(limit, start + _MAX_ENTRY)
    blank = text.find("\n\n", start, end)
    if blank >= 0:
        end = blank
    fence = text.find("\n" + _DIV_CLOSE, start, end)
    if fence >= 0:
        end = fence
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return end


# -- fields ---------------------------------------------------------------------------------------

def apply_fields(text: str, fields: Sequence[CitationField], citations: Sequence[Citation],
                 references: Sequence[ReferenceEntry], links: Sequence[Link]
                 ) -> tuple[list[Citation], list[ReferenceEntry], list[Link]]:
    """Citations, entries and links with every field's citations linked to the works it names.

    ``references`` are the document's entries (its reference list, or a bibliography given or
    named); without any, the items of the fields become the entries.
    """
    if not fields:
        return list(citations), list(references), list(links)
    references = list(references)
    by_key = {r.key: r for r in references if r.key}
    items = _ItemEntries(text, references)
    starts = [c.start for c in citations]
    forced: dict[str, tuple[ReferenceEntry | None, FieldItem]] = {}  # citation id -> target
    added: list[tuple[dict, ReferenceEntry | None]] = []
    for f in fields:
        if f.kind == "link":
            # "#ref-KEY" is pandoc's id for the entry of KEY in a rendered bibliography.
            key = f.items[0].key if f.items else ""
            target = by_key.get(key) or by_key.get(key.removeprefix("ref-")) if key else None
            if target is None:
                continue  # a link to a heading or a figure, not to an entry
            targets = [(f.items[0], target)]
        else:  # an item without its data names no work we can know: its citation resolves as found
            targets = [(item, items.target(item, f)) for item in f.items if item.data]
            if not targets:
                continue
        lo = bisect_left(starts, f.start)
        inside = [c for c in citations[lo:bisect_left(starts, f.end, lo)]
                  if c.end <= f.end and c.style in _ENTRY_STYLES]
        paired, unpaired = _pair(inside, targets)
        for citation, (item, target) in paired:
            forced[citation.id] = (target, item)
        for item, target in unpaired:
            added.append((dict(style="pandoc", start=f.start, end=f.end, text=text[f.start:f.end], key=item.key,
                               locator=_locator(item)), target))
    by_id = {c.id: c for c in citations}
    out_links = [_forced(link, by_id.get(link.citation_id), forced[link.citation_id])
                 if link.citation_id in forced else link for link in links]
    merged, renamed, added_ids = renumber(citations, [d for d, _ in added])
    new_links = [replace(link, citation_id=renamed[link.citation_id])
                 for link in out_links if link.citation_id in renamed]
    for new_id, (_, target) in zip(added_ids, added):
        new_links.append(Link(citation_id=new_id, target_id=target.id if target else None,
                              score=100.0 if target else 0.0, how="exact" if target else "unresolved"))
    order = {c.id: i for i, c in enumerate(merged)}
    new_links.sort(key=lambda link: order[link.citation_id])
    return merged, items.references(), new_links


def _locator(item: FieldItem) -> str | None:
    if not item.locator:
        return None
    label = {"page": "p.", "chapter": "chap.", "section": "sec.", "paragraph": "para."}.get(item.label or "page")
    return f"{label} {item.locator}" if label else f"{item.label} {item.locator}"


def _forced(link: Link, citation: Citation | None, forced: tuple[ReferenceEntry | None, FieldItem]) -> Link:
    """The link of a citation shown in a field: to its item's entry. A shown year that differs
    from the item's (the field's text was edited) is CIT004's ``year-differs``."""
    target = forced[0]
    if target is None:
        return Link(citation_id=link.citation_id, target_id=None)
    if (citation is not None and citation.style == "author-year" and citation.year and target.year
            and citation.year != "n.d." and base_year(citation.year) != base_year(target.year)):
        return Link(citation_id=link.citation_id, target_id=target.id, score=60.0, how="year-differs")
    return Link(citation_id=link.citation_id, target_id=target.id, score=100.0, how="exact")


def _pair(inside: list[Citation], targets: list[tuple[FieldItem, ReferenceEntry | None]]
          ) -> tuple[list[tuple[Citation, tuple[FieldItem, ReferenceEntry | None]]],
                     list[tuple[FieldItem, ReferenceEntry | None]]]:
    """Citations shown in a field paired with its items: by first author and year, else in order."""
    if not inside:
        return [], list(targets)
    scored = sorted((-_likeness(c, target), i, j) for i, c in enumerate(inside) for j, (_, target) in enumerate(targets))
    used_c: set[int] = set()
    used_t: set[int] = set()
    pairs = []
    for negative, i, j in scored:
        if negative >= 0 or i in used_c or j in used_t:
            continue
        used_c.add(i)
        used_t.add(j)
        pairs.append((i, j))
    rest_c = [i for i in range(len(inside)) if i not in used_c]
    rest_t = [j for j in range(len(targets)) if j not in used_t]
    pairs += list(zip(rest_c, rest_t))  # numbers, or names the entry does not give: in order
    taken = {j for _, j in pairs}
    return [(inside[i], targets[j]) for i, j in sorted(pairs)], [t for j, t in enumerate(targets) if j not in taken]


def _likeness(citation: Citation, target: ReferenceEntry | None) -> float:
    if target is None or not citation.authors:
        return 0.0
    surnames = entry_surnames(target)
    if not surnames:
        return 0.0
    score = surname_score(citation.authors[0], surnames[0])
    if score < 80:
        return 0.0
    return score + (10.0 if base_year(citation.year) == base_year(target.year) else 0.0)


class _ItemEntries:
    """The works the fields name, each matched once to an entry of the document (or made one)."""

    def __init__(self, text: str, references: list[ReferenceEntry]) -> None:
        self.text = text
        self.existing = references
        self.own_list = bool(references)
        self.made: dict[str, ReferenceEntry] = {}
        self.matched: dict[str, ReferenceEntry | None] = {}

    def target(self, item: FieldItem, f: CitationField) -> ReferenceEntry | None:
        key = item.uris[0] if item.uris else item.key
        if key in self.matched:
            return self.matched[key]
        entry = self._entry(item, f)
        if self.own_list:
            target = _same_work(entry, self.existing)
        else:
            entry = replace(entry, id=f"r{len(self.existing) + len(self.made) + 1}")
            self.made[key] = entry
            target = entry
        self.matched[key] = target
        return target

    def _entry(self, item: FieldItem, f: CitationField) -> ReferenceEntry:
        try:
            data = json.loads(item.data) if item.data else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        data.setdefault("id", item.key)
        return csl_item_entry(data, self.text, f.start, f.end)

    def references(self) -> list[ReferenceEntry]:
        return self.existing + list(self.made.values())


def _same_work(item: ReferenceEntry, entries: Sequence[ReferenceEntry]) -> ReferenceEntry | None:
    """The entry describing the same work as a field's item: DOI, then title, then author and year."""
    if item.doi:
        doi = item.doi.lower()
        for e in entries:
            if e.doi and e.doi.lower() == doi:
                return e
    surnames = entry_surnames(item)
    first = surnames[0] if surnames else None
    if item.title:
        title = fold(item.title)
        for e in entries:
            same_title = (e.title and fuzz.token_set_ratio(title, fold(e.title)) >= 90) or (
                len(title) >= 12 and fuzz.partial_ratio(title, fold(e.text)) >= 92)
            if same_title and (first is None or not entry_surnames(e) or entry_surnames(e)[0] == first):
                return e
    if first and item.year:
        same = [e for e in entries if entry_surnames(e)[:1] == [first] and base_year(e.year) == base_year(item.year)]
        if len(same) == 1:
            return same[0]
    return None
