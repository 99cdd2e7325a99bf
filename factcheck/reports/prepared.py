"""Reports' records of a document made where it is audited, and each reporter's way back to its own.

A large run can have each worker make, beside a document's result, the document's part of the
reports to come (``factcheck.audit(..., prepare=...)``): its JSON record
(``json_report.DocumentJSON``), its HTML report (``html.render.DocumentPage``), its claim ledger
(``ledger.DocumentLedger``). The process that writes the reports then copies them instead of
reading every result back to make them alone, one core working, after the audit. ``Bundle`` makes
several at once, kept together in the run's store; ``records_of`` gives a reporter its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factcheck.results import DocumentResult

if TYPE_CHECKING:  # a type only: the reporters need not import the gathering of a run
    from factcheck.collect import Prepare


@dataclass(frozen=True)
class Bundle:
    """Several reporters' records of a document, made one after the other and kept together, each
    read back alone (``factcheck.store.encode_prepared``).

    A record that fails to be made (a ``MemoryError`` on a huge document, say) is None, left to
    its reporter, and does not take the others with it; so is an empty one."""

    parts: tuple[Prepare, ...]

    def __call__(self, result: DocumentResult) -> tuple[str | None, ...] | None:
        pieces: list[str | None] = []
        for part in self.parts:
            try:
                piece = part(result)
            except Exception:  # noqa: BLE001 - the report makes this record itself
                piece = None
            pieces.append(piece if isinstance(piece, str) and piece else None)
        return None if all(piece is None for piece in pieces) else tuple(pieces)


def records_of(documents: Any, prepare: Prepare) -> Callable[[int], str | None] | None:
    """How the reporter whose records ``prepare`` makes reads those the run made: a function of
    a document's index giving its record or None (none made: the reporter makes it), or None
    when the run made none of this reporter's (a small run, another layout, another reporter's).
    ``documents`` is a run's documents: a large run's ``ResultStore`` keeps records."""
    read = getattr(documents, "prepared", None)
    made_as = getattr(documents, "prepared_as", None)
    if read is None or made_as is None:
        return None
    if made_as == prepare:
        return read
    if isinstance(made_as, Bundle) and prepare in made_as.parts:
        position = made_as.parts.index(prepare)
        return lambda index: read(index, position)
    return None


def own_places_only(result: DocumentResult) -> bool:
    """Whether every finding of the document, and every place it points at, is in the document
    itself: a record of one in another file (the run's ``--bib``, the document's bibliography, a
    cited work) quotes that file's text, which the report reads from the run, not the document."""
    own = result.document.path
    for finding in result.findings:  # a path of "" or None is the document's (``SourceTexts.path_of``)
        if (finding.path or own) != own or any((r.path or own) != own for r in finding.related):
            return False
    return True
