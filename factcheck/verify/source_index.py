"""What is looked up in a cited work, built once per source and kept with it.

* its words with an index from word to places (quotations, ``factcheck.verify.quote_search``);
* its sentences (the body's: not headings, its reference list or its notes), each with its
  content words for BM25 (``factcheck.verify.passages``) and, on first use, its figures (numbers
  and dates, ``factcheck.verify.values``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from factcheck.citations.references import find_references
from factcheck.claims.clauses import STOPWORDS, stem
from factcheck.documents.model import Document
from factcheck.text.dates import find_dates
from factcheck.text.layout import layout, mark_regions
from factcheck.text.numbers import find_numbers, uses_indian_grouping
from factcheck.text.model import DateMention, NumberMention
from factcheck.text.sentences import split_sentences
from factcheck.verify.passages import BM25
from factcheck.verify.quote_search import SourceWords
from factcheck.text.measures import GLUED, measure_after
from factcheck.verify.units import Unit
from factcheck.verify.values import Figure, date_figure, number_figure, share_units
from factcheck.verify.words import words_of

_TERM = re.compile(r"[^\W\d_][\w’'-]*")
# Numbers written as words are values, not what a sentence is about.
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
thousand million billion trillion half third thirds quarter quarters dozen""".split())


def content_terms(text: str, start: int = 0, end: int | None = None,
                  skip: list[tuple[int, int]] | None = None) -> list[str]:
    """The stems of the content words of ``text[start:end]``, leaving out the ``skip`` spans."""
    end = len(text) if end is None else end
    out = []
    for m in _TERM.finditer(text, start, end):
        if skip and any(s <= m.start() < e for s, e in skip):
            continue
        word = m.group().lower().replace("’", "'")
        if word in STOPWORDS or word in _NUMBER_WORDS or len(word) < 2:
            continue
        out.append(stem(word))
    return out


class SourceIndex:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self._figures: dict[int, tuple[Figure, ...]] = {}
        self._tolerance: float | None = None

    @cached_property
    def words(self) -> SourceWords:
        return SourceWords(words_of(self.text))

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        text = self.text
        blocks = mark_regions(layout(text), [(r.start, r.end, r.kind) for r in self.document.regions])
        region, _ = find_references(text, blocks)
        if region is not None:
            blocks = mark_regions(blocks, [(region[0], region[1], "references")])
        return [(s.start, s.end) for s in split_sentences(text, blocks)]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    @cached_property
    def terms(self) -> list[list[str]]:
        return [content_terms(self.text, s, e) for s, e in self.sentences]

    @cached_property
    def bm25(self) -> BM25:
        return BM25(self.terms)

    @cached_property
    def indian_grouping(self) -> bool:
        return uses_indian_grouping(self.text)

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence holding ``offset``, else None."""
        i = bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            return i
        return None

    def figures(self, i: int, tolerance: float) -> tuple[Figure, ...]:
        """The numbers and dates of sentence ``i``, in text order."""
        if self._tolerance != tolerance:
            self._figures.clear()
            self._tolerance = tolerance
        found = self._figures.get(i)
        if found is None:
            found = self._figures[i] = tuple(_figures_of(self.text, *self.sentences[i], tolerance,
                                                         self.indian_grouping))
        return found

    def same_paragraph(self, i: int, j: int) -> bool:
        """Whether sentences ``i`` < ``j`` are in one paragraph (no blank line between them)."""
        return "\n\n" not in self.text[self.sentences[i][1]:self.sentences[j][0]]

    def page_of(self, offset: int) -> int | None:
        return self.document.page_of(offset)


def _figures_of(text: str, start: int, end: int, tolerance: float, indian: bool) -> list[Figure]:
    dates: list[DateMention] = list(find_dates(text, start, end))
    numbers: list[NumberMention] = find_numbers(text, start, end, dates, indian)
    # A decade or a century ("in the 2010s") is too coarse to confirm or contradict a date.
    out = [date_figure(d) for d in dates if d.valid and d.precision not in ("decade", "century")]
    out += [number_figure(n, text, tolerance) for n in numbers]
    taken = [(f.start, f.end) for f in out]
    for m in GLUED.finditer(text, start, end):  # "12km", "3.5MW": measures the reader of numbers leaves out
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        measure = measure_after(text, m.end(1), m.end())
        if measure is None:
            continue
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        mention = NumberMention(start=m.start(), end=m.end(), text=m.group(), value=value,
                                normalized=m.group(1).replace(",", ""))
        out.append(number_figure(mention, text, tolerance, Unit(measure[0], measure[1], measure[2])))
    out.sort(key=lambda f: f.start)
    return share_units(out, text, tolerance)
