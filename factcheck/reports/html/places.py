"""Where things are in one document's report: element ids, pages and lines, and the links
between citations and what they cite. Shared by every section of the document view."""

from __future__ import annotations

from bisect import bisect_right
from collections import ChainMap
from collections.abc import Iterable, Mapping

from factcheck.citations.resolve import cited_by
from factcheck.documents.model import Document
from factcheck.reports.html.format import clip, safe_id, where
from factcheck.reports.html.records import LinkView
from factcheck.results import DocumentResult
from factcheck.spans import LineIndex

# At most this many ↩ links follow a reference entry or note in the text; the table has them all.
BACKLINKS = 9


class _Ids:
    """Safe, unique element ids for the extraction's own ids."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.made: dict[tuple[str, str], str] = {}

    def __call__(self, prefix: str, raw: str) -> str:
        key = (prefix, raw)
        if key not in self.made:
            base = f"{prefix}-{safe_id(raw)}"
            made, n = base, 2
            while made in self.taken:
                made, n = f"{base}-{n}", n + 1
            self.taken.add(made)
            self.made[key] = made
        return self.made[key]


class Places:
    """One document's ids, places and cross-links, built once for all of its report's sections.

    ``names`` maps document paths to report file names (links between reports); ``others``
    gives the texts of the other documents of the run by path, and ``side_texts`` the side files (its bibliography),
    for line numbers of places in them.
    """

    def __init__(self, result: DocumentResult, names: Mapping[str, str] | None = None,
                 others: Mapping[str, str] | None = None, side_texts: Mapping[str, str] | None = None) -> None:
        doc, ex = result.document, result.extraction
        self.doc = doc
        self.text = doc.text
        self.lines = LineIndex(doc.text)
        self.names = names or {}
        # A side file's text before a document's of the same path; a document's is read only
        # when a place points into it (a large run's results are on disk).
        self.others: Mapping[str, str] = ChainMap(dict(side_texts or {}), others or {})
        self.paged = doc.format == "pdf" and any(s.page for s in doc.segments)
        self.ids = _Ids()
        self._segment_starts = [s.start for s in doc.segments]
        self._other_lines: dict[str, LineIndex] = {}
        # Offsets that related places of findings point at: each gets an anchor in the text.
        self.points: dict[int, None] = {}
        self.link_by_citation = {link.citation_id: link for link in ex.links}
        self.ref_ids = {r.id for r in ex.references}
        self.note_ids = {n.id for n in ex.notes}
        self.in_text_refs = {r.id for r in ex.references
                             if r.origin == "text" and 0 <= r.start < r.end <= len(doc.text)}
        self.cited_by = cited_by(ex.links, ambiguous=True, notes=ex.notes)
        self.citation_by_id = {c.id: c for c in ex.all_citations()}

    @staticmethod
    def entry_path(entry) -> str:
        """The bibliography file an entry's offsets point into ("" for the document's own list)."""
        return (entry.path or "") if entry.origin == "bib" else ""

    def page(self, offset: int) -> int | None:
        if not self.paged:
            return None
        doc = self.doc
        found = doc.page_of(offset)
        if found is None:  # between segments (a synthesized newline): the page of the text before
            i = bisect_right(self._segment_starts, offset) - 1
            found = doc.segments[i].page if i >= 0 else doc.segments[0].page
        return found

    def where(self, offset: int) -> str:
        return where(self.lines.line(offset), self.page(offset))

    @staticmethod
    def point(offset: int) -> str:
        return f"at-{offset}"

    def line_in(self, path: str | None, offset: int) -> str:
        """" line N" of an offset in another document or a side file of the run, else ""."""
        other = self.others.get(path or "")
        if other is None or path is None:
            return ""
        if path not in self._other_lines:
            self._other_lines[path] = LineIndex(other)
        return f" line {self._other_lines[path].line(offset)}"

    def target_href(self, target: str) -> str:
        ids = self.ids
        if target in self.note_ids:
            return "#" + ids("note", target)
        if target in self.in_text_refs:
            return "#" + ids("ref", target)
        if target in self.ref_ids:
            return "#" + ids("row", target)
        return ""

    def citation_links(self, citation_ids: Iterable[str]) -> tuple[LinkView, ...]:
        out = []
        for cid in citation_ids:
            c = self.citation_by_id.get(cid)
            if c is not None:
                out.append(LinkView(clip(c.text, 60), "#" + self.ids("cit", cid), self.where(c.start)))
        return tuple(out)

    def backlinks(self, target: str, table_row: str) -> tuple[LinkView, ...]:
        """↩ links to the citations of an entry or note; past BACKLINKS, one link to its table row."""
        cites = [self.citation_by_id[c] for c in self.cited_by.get(target, ()) if c in self.citation_by_id]
        out = [LinkView("↩" if len(cites) == 1 else f"↩{n}", "#" + self.ids("cit", c.id),
                        f"back to “{clip(c.text, 60)}”, {self.where(c.start)}")
               for n, c in enumerate(cites[:BACKLINKS], 1)]
        if len(cites) > BACKLINKS:
            out.append(LinkView(f"+{len(cites) - BACKLINKS}", "#" + table_row,
                                f"all {len(cites)} citations of it, in the table"))
        return tuple(out)
