"""The texts that findings point into, by path, with their line indexes: for every reporter.

A finding's offsets are in its document's text, or, when ``Finding.path`` names another file (an
entry of the ``--bib`` bibliography), in that file's text (``AuditResult.side_texts``); a corpus
finding's in the document its ``path`` names. Line and column are computed here, in reporters only.

A document's text is read from its result when first asked for, and only the most recent few
are kept, with their line indexes: a large run's results are on disk (``factcheck.store``), and
a reporter goes through them one at a time, so holding every text would hold the whole corpus.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from factcheck.results import AuditResult, Finding, paths_of
from factcheck.spans import LineIndex

if TYPE_CHECKING:
    from factcheck.documents.model import Document

#: Document texts (and line indexes) kept, most recently asked first.
RECENT = 8


class SourceTexts:
    def __init__(self, result: AuditResult) -> None:
        self._side = dict(result.side_texts)
        self._documents = result.documents
        # Path -> index of its document: a large run's store finds it (by a search through its
        # documents in path order, the document being reported first); a small run's in a dict.
        stored = getattr(result.documents, "position", None)
        if stored is not None:
            self._position = stored
        else:
            positions: dict[str, int] = {}
            for position, path in enumerate(result.paths()):
                positions[path] = position  # a path given twice: the last document's text, as a dict keeps it
            self._position = positions.get
        self._recent: OrderedDict[str, tuple[str, LineIndex | None]] = OrderedDict()
        self._side_lines: dict[str, LineIndex] = {}  # the side files are few: their indexes are kept

    def __contains__(self, path: object) -> bool:
        return path in self._side or (isinstance(path, str) and self.is_document(path))

    def is_document(self, path: str) -> bool:
        """Whether ``path`` is one of the run's documents (not a side file)."""
        return path in self._recent or self._position(path) is not None

    def document(self, path: str) -> Document | None:
        """The document at ``path`` (read when asked: a large run's results are on disk), or None."""
        position = self._position(path)
        return None if position is None else self._documents[position].document

    def document_paths(self) -> Iterator[str]:
        return paths_of(self._documents)

    def document_count(self) -> int:
        return len(self._documents)

    def _entry(self, path: str) -> tuple[str, LineIndex | None]:
        entry = self._recent.get(path)
        if entry is not None:
            self._recent.move_to_end(path)
            return entry
        position = self._position(path)
        if position is None:  # a side file, or no text at all
            return self._side.get(path, ""), self._side_lines.get(path)
        # A document's text wins over a side file of the same path, as it always has.
        entry = self._recent[path] = (self._documents[position].document.text, None)
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return entry

    def text(self, path: str) -> str:
        return self._entry(path)[0]

    def lines(self, path: str) -> LineIndex:
        text, lines = self._entry(path)
        if lines is None:
            lines = LineIndex(text)
            if path in self._recent:  # a document's (``_entry`` has just kept it)
                self._recent[path] = (text, lines)
            else:
                self._side_lines[path] = lines
        return lines

    @staticmethod
    def path_of(finding: Finding, document_path: str) -> str:
        """The file a finding of a document points into: its own ``path`` if set, else the document."""
        return finding.path or document_path


class DocumentTexts(Mapping[str, str]):
    """The texts of a run's documents by path, each read when asked (through ``SourceTexts``)."""

    def __init__(self, texts: SourceTexts) -> None:
        self._texts = texts

    def __getitem__(self, path: str) -> str:
        if not self._texts.is_document(path):
            raise KeyError(path)
        return self._texts.text(path)

    def __iter__(self) -> Iterator[str]:
        return self._texts.document_paths()

    def __len__(self) -> int:
        return self._texts.document_count()
