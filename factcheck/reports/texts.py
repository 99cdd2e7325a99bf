"""The texts that findings point into, by path, with their line indexes: for every reporter.

A finding's offsets are in its document's text, or, when ``Finding.path`` names another file (an
entry of the ``--bib`` bibliography), in that file's text (``AuditResult.side_texts``); a corpus
finding's in the document its ``path`` names. Line and column are computed here, in reporters only.
"""

from __future__ import annotations

from factcheck.results import AuditResult, Finding
from factcheck.spans import LineIndex


class SourceTexts:
    def __init__(self, result: AuditResult) -> None:
        self._texts = dict(result.side_texts)
        self._texts.update((d.document.path, d.document.text) for d in result.documents)
        self._lines: dict[str, LineIndex] = {}

    def __contains__(self, path: object) -> bool:
        return path in self._texts

    def text(self, path: str) -> str:
        return self._texts.get(path, "")

    def lines(self, path: str) -> LineIndex:
        if path not in self._lines:
            self._lines[path] = LineIndex(self._texts.get(path, ""))
        return self._lines[path]

    @staticmethod
    def path_of(finding: Finding, document_path: str) -> str:
        """The file a finding of a document points into: its own ``path`` if set, else the document."""
        return finding.path or document_path
