"""Spans (half-open code-point offsets into ``Document.text``) and line/column lookup."""

from __future__ import annotations

from bisect import bisect_right

from factcheck.model import FrozenModel


class Span(FrozenModel):
    start: int
    end: int

    def excerpt(self, text: str) -> str:
        return text[self.start : self.end]


class LineIndex:
    """Offset <-> (line, column), both 1-based, via bisect over line starts."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._length = len(text)

    def line(self, offset: int) -> int:
        return bisect_right(self._starts, offset)

    def column(self, offset: int) -> int:
        return offset - self._starts[self.line(offset) - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]
