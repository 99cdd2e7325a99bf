"""Each document's page lists the corpus findings that name it: looked up in one index per run."""

from __future__ import annotations

from factcheck.reports.html.view import corpus_findings_by_path, numbered
from factcheck.results import AuditResult, Finding, Related


def _conflict(path: str, *others: str | None) -> Finding:
    return Finding(code="DATE001", rule="date-conflict-across", severity="warning", message="opened in 2019",
                   start=4, end=8, excerpt="2019", path=path,
                   related=tuple(Related(start=0, end=4, excerpt="2021", path=other, label="other statement")
                                 for other in others))


def test_each_document_gets_the_findings_naming_it_once_in_their_order():
    first = _conflict("a.md", "b.md", "c.md", "b.md")  # b named twice: listed once
    second = _conflict("c.md", None)  # a related place with no path is in the finding's document
    third = _conflict("b.md", "a.md")
    result = AuditResult(documents=(), corpus_findings=(first, second, third))
    by_path = corpus_findings_by_path(result)
    assert by_path == {"a.md": [1, 3], "b.md": [1, 3], "c.md": [1, 2]}
    assert numbered(result, by_path["c.md"]) == [(1, first), (2, second)]
    assert by_path.get("d.md", []) == []  # a document no finding names
