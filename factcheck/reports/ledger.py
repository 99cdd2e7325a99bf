"""The claim ledger: one JSON file per audited document in ``claims/``.

Each claim keeps a review ``status`` (unreviewed, verified, disputed, ...) and ``review_note``
set by editors; a re-audit carries them over to the claim with the same normalized text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from factcheck.documents.files import read_bounded
from factcheck.documents.model import LoadError
from factcheck.reports.atomic import remove_stale_temporaries, write_text_atomic
from factcheck.reports.json_report import claim_record
from factcheck.reports.names import NamesInPathOrder, NamesOnDisk, close_names, output_names
from factcheck.reports.prepared import records_of
from factcheck.reports.written import FilesWritten
from factcheck.results import DocumentResult, path_order, summaries_of
from factcheck.spans import LineIndex

_SPACES = re.compile(r"\s+")


# A ledger is a few hundred bytes a claim; a larger file than this is not one of ours.
MAX_LEDGER_BYTES = 256 * 1024 * 1024


# Note and citation markers a claim carries: "[2]", "[3, 4]", "[5–7]", superscript digits. They
# are renumbered when a note is added before them, and the claim stays the same claim.
# (Three digits at most in brackets: "[2019]" is a year. Superscripts only after a word's end or
# its punctuation: "500 m²" is no marker.)
_MARKERS = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]|(?<=[.,;:!?)\"”’])[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def claim_key(text: str) -> str:
    """The key a claim's review is kept under: its words, spaces squeezed, case and note markers
    aside, so that the review follows the claim through a re-audit when it moved, when its
    paragraph was rewrapped, or when a note added before it renumbered its markers."""
    return _hashed(_MARKERS.sub("", text))


def _hashed(text: str) -> str:
    normalized = _SPACES.sub(" ", text).strip().lower()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def claim_keys(texts: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(key, key in ledgers written before markers were set aside) of each claim, in order. A claim
    written again word for word later in the document takes the key of its first occurrence and
    its number ("...-2"): each has a review of its own."""
    seen: dict[str, int] = {}
    for text in texts:
        key, earlier = claim_key(text), _hashed(text)
        count = seen[key] = seen.get(key, 0) + 1
        # Ledgers written before held one key a text, a repeat's too: its review there.
        yield (key, earlier) if count == 1 else (f"{key}-{count}", earlier)


class LedgerError(Exception):
    """Ledgers left as they were, each with the reason, one a line: an editor's reviews are never
    overwritten by a ledger that could not read them."""


def _previous_reviews(path: Path, document: str) -> tuple[dict[str, dict[str, Any]], bool]:
    """The review status of each claim in the ledger a previous run wrote for ``document``, by
    claim key. A file that cannot be read as a ledger (an editor's slip in its JSON), or that is
    the ledger of another document that exists (one of the same name audited by another run) and
    holds reviews, is a ``LedgerError``: rewritten, it would lose them. With the reviews, whether
    the ledger keyed its claims the earlier way (no "keys" field: the text whole)."""
    try:
        data = json.loads(read_bounded(path, MAX_LEDGER_BYTES, "ledger").decode("utf-8"))
    except LoadError as error:
        raise LedgerError(f"{path}: cannot be read ({error}); left as it was") from None
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise LedgerError(f"{path}: not valid JSON ({error}); left as it was: fix it, or delete it to start "
                          "the document's ledger again") from None
    if not isinstance(data, dict) or not isinstance(data.get("claims", []), list):
        raise LedgerError(f"{path}: not a claim ledger (expected {{\"document\": ..., \"claims\": [...]}}); "
                          "left as it was") from None
    reviews = {c["key"]: {k: c[k] for k in ("status", "review_note") if k in c} for c in data.get("claims", [])
               if isinstance(c, dict) and isinstance(c.get("key"), str)}
    owner = data.get("document")
    if isinstance(owner, str) and _another_document(owner, document):
        if _reviewed(reviews):
            raise LedgerError(f"{path}: the ledger of {owner}, not of {document}, with reviews; left as it was: "
                              "audit the two together (their ledgers are then named apart) or give --claims "
                              f"another folder; if {document} is that document moved or copied, write its path "
                              "as the ledger's \"document\"")
        return {}, False  # no review to lose: the ledger becomes this document's, as before
    return reviews, data.get("keys") != KEYS


def _another_document(owner: str, document: str) -> bool:
    """Whether the ledger's document is a file other than ``document``: it exists, and is not the
    same file (a path written another way, or from another folder, that names nothing here is
    taken for this document renamed or moved, as before)."""
    if owner == document:
        return False
    try:
        return Path(owner).is_file() and not Path(owner).samefile(document)
    except OSError:
        return False


#: The keys a ledger's claims are kept under: 2, their words with note markers set aside
#: (``claim_key``); a ledger with no "keys" field was written with the text whole.
KEYS = 2


def ledger_text(result: DocumentResult, previous: dict[str, dict[str, Any]], earlier_keys: bool = False) -> str:
    """The ledger of a document: its claims, each with the review ``previous`` holds for its key
    (none: unreviewed)."""
    lines = LineIndex(result.document.text)
    claims = []
    keys = claim_keys(claim.text for claim in result.extraction.claims)
    for claim, (key, earlier) in zip(result.extraction.claims, keys):
        record = claim_record(claim, lines)
        review = previous.get(earlier if earlier_keys else key, {})
        claims.append({"key": key, **record, "status": review.get("status", "unreviewed"),
                       "review_note": review.get("review_note")})
    payload = {"document": result.document.path, "keys": KEYS, "title": result.document.metadata.title,
               "published": result.document.metadata.published, "claims": claims}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class DocumentLedger:
    """A document's ledger as a first audit writes it (every claim unreviewed), made from its
    result where the document is audited: ``factcheck.audit(..., prepare=DocumentLedger())``. A
    large run's workers then make the ledgers (2.3 ms a generated report, most of it
    ``json.dumps``) while they audit, and ``write_ledgers`` copies each one that no review in the
    ledger already there changes. A ledger lists claims, not findings: one stays good when a
    suppression changes the document's findings (``findings_free``)."""

    findings_free: ClassVar[bool] = True

    def __call__(self, result: DocumentResult) -> str:
        return ledger_text(result, {})


def _reviewed(previous: dict[str, dict[str, Any]]) -> bool:
    """Whether a review in a previous ledger makes a claim's entry other than unreviewed."""
    return any(review.get("status", "unreviewed") != "unreviewed" or review.get("review_note") is not None
               for review in previous.values())


def write_ledgers(results: Sequence[DocumentResult], folder: Path) -> FilesWritten:
    """The ledger of each document, ``<stem>.json`` made unique (see ``factcheck.reports.names``),
    each written atomically, in path order, one document read at a time; the temporary files an
    earlier, killed run left in ``folder`` are removed first. A ledger made where its document
    was audited (``DocumentLedger``) is written as it is, unless the ledger there has reviews to
    carry over. A ledger there that cannot be read, or that is another document's, is left as it
    was: ``LedgerError`` names each, once the others are written. The files written come back
    in path order (``FilesWritten``: a large run's on disk)."""
    remove_stale_temporaries(folder)
    summaries = summaries_of(results)
    names = ledger_names(results)
    written: FilesWritten | None = None
    left: list[str] = []
    try:
        prepared = records_of(results, DocumentLedger())
        written = FilesWritten(on_disk=isinstance(names, NamesOnDisk))
        name_of = NamesInPathOrder(names)
        for index in path_order(results):
            document = summaries[index].path
            path = folder / name_of(document)
            try:
                previous, earlier_keys = _previous_reviews(path, document) if path.exists() else ({}, False)
            except LedgerError as error:
                left.append(str(error))
                continue
            text = prepared(index) if prepared is not None and not _reviewed(previous) else None
            write_text_atomic(path, text if text is not None else ledger_text(results[index], previous, earlier_keys))
            written.append(path)
    except BaseException:
        if written is not None:
            written.close()
        raise
    finally:
        close_names(names)
    if left:  # after the others are written
        written.close()
        raise LedgerError("\n".join(left))
    return written


def ledger_names(results: Sequence[DocumentResult]) -> Mapping[str, str]:
    """Document path -> the ledger's file name; a large run's on disk (``close_names`` them after)."""
    return output_names(summaries_of(results), path_order(results), ".json")
