"""Reports' records of a document made where it is audited, and each reporter's way back to its own.

A large run can have each worker make, beside a document's result, the document's part of the
reports to come (``factcheck.audit(..., prepare=...)``): its JSON record
(``json_report.DocumentJSON``), its HTML report (``html.render.DocumentPage``), its claim ledger
(``ledger.DocumentLedger``). The process that writes the reports then copies them instead of
reading every result back to make them alone, one core working, after the audit. ``Bundle`` makes
several at once, kept as one text in the run's store; ``records_of`` gives a reporter its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factcheck.collect import Prepare
from factcheck.results import DocumentResult


@dataclass(frozen=True)
class Bundle:
    """Several reporters' records of a document, made one after the other and kept together.

    A record that fails to be made (a ``MemoryError`` on a huge document, say) is None, left to
    its reporter, and does not take the others with it."""

    parts: tuple[Prepare, ...]

    def __call__(self, result: DocumentResult) -> str | None:
        pieces: list[str | None] = []
        for part in self.parts:
            try:
                pieces.append(part(result))
            except Exception:  # noqa: BLE001 - the report makes this record itself
                pieces.append(None)
        return None if all(piece is None for piece in pieces) else join_pieces(pieces)


def join_pieces(pieces: list[str | None]) -> str:
    """The pieces as one text: their lengths (``-`` for None) on the first line, then each in turn."""
    lengths = ",".join("-" if piece is None else str(len(piece)) for piece in pieces)
    return lengths + "\n" + "".join(piece for piece in pieces if piece is not None)


def split_pieces(text: str) -> list[str | None]:
    """The pieces of ``join_pieces``."""
    head, _, body = text.partition("\n")
    pieces: list[str | None] = []
    at = 0
    for length in head.split(","):
        if length == "-":
            pieces.append(None)
        else:
            pieces.append(body[at:at + int(length)])
            at += int(length)
    return pieces


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

        def piece(index: int) -> str | None:
            text = read(index)
            return None if text is None else split_pieces(text)[position]

        return piece
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
