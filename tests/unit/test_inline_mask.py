"""A document's inline comments, as the run keeps them for the findings across documents: each
comment's line bounds alone, not the document's line index; a finding is covered when a comment
of its code is on a line the finding spans, as by line numbers."""

from __future__ import annotations

import random
from types import SimpleNamespace

from factcheck.spans import LineIndex
from factcheck.suppress import _InlineMask, code_matches


def _mask(text: str, lines_and_codes: list[tuple[int, str]]) -> _InlineMask:
    suppressions = tuple(SimpleNamespace(line=line, code=code, comment_line=line) for line, code in lines_and_codes)
    return _InlineMask(SimpleNamespace(document=SimpleNamespace(path="a.md", text=text, suppressions=suppressions),
                                       rules=("DATE001", "NUM001")))


def _finding(start: int, end: int, code: str = "DATE001", path: str | None = None):
    return SimpleNamespace(path=path, start=start, end=end, code=code)


def test_a_comment_covers_the_findings_on_its_line_of_its_code_and_remembers_it():
    text = "First line.\nIt opened in 1998.\nIt closed in 2004.\n"
    mask = _mask(text, [(2, "DATE001"), (9, "DATE001")])  # the second past the text: covers nothing
    opened, closed = text.index("1998"), text.index("2004")
    assert mask.covers(_finding(opened, opened + 4)) and not mask.covers(_finding(closed, closed + 4))
    assert not mask.covers(_finding(opened, opened + 4, "NUM001"))
    assert not mask.covers(_finding(opened, opened + 4, path="refs.bib"))  # another file's finding
    assert mask.covers(_finding(0, closed))  # a span over lines 1-3 includes line 2
    assert mask.covers(_finding(text.index("It opened"), text.index("It opened")))  # empty, at the line's start
    assert mask.used == {0}


def test_covered_as_by_the_line_numbers_of_the_finding_on_random_texts():
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice("ab \n") for _ in range(rng.randint(0, 50)))
        lines = LineIndex(text)
        comments = [(rng.randint(1, lines.line(len(text)) + 2), rng.choice(["DATE001", "NUM"]))
                    for _ in range(rng.randint(1, 3))]
        mask = _mask(text, comments)
        for _ in range(8):
            start = rng.randint(0, len(text) + 3)  # past the text too: on its last line
            end = rng.randint(start, len(text) + 5)
            code = rng.choice(["DATE001", "NUM001"])
            first, last = lines.line(start), lines.line(max(start, end - 1))
            expected = any(first <= line <= last and code_matches(c, code) for line, c in comments)
            assert mask.covers(_finding(start, end, code)) == expected, (text, comments, start, end)
