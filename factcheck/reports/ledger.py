"""The claim ledger: one JSON file per audited document in ``claims/``.

Each claim keeps a review ``status`` (unreviewed, verified, disputed, ...) and ``review_note``
set by editors; a re-audit carries them over to the claim with the same normalized text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from factcheck.documents.files import read_bounded
from factcheck.documents.model import LoadError
from factcheck.reports.atomic import remove_stale_temporaries, write_text_atomic
from factcheck.reports.json_report import claim_record
from factcheck.reports.names import Named, unique_names
from factcheck.reports.prepared import records_of
from factcheck.results import DocumentResult, path_order, summaries_of
from factcheck.spans import LineIndex

_SPACES = re.compile(r"\s+")


# A ledger is a few hundred bytes a claim; a larger file than this is not one of ours.
MAX_LEDGER_BYTES = 256 * 1024 * 1024


def claim_key(text: str) -> str:
    normalized = _SPACES.sub(" ", text).strip().lower()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def _previous_reviews(path: Path) -> dict[str, dict[str, Any]]:
    """The review status of each claim in the ledger a previous run wrote, by claim key; nothing
    when that file cannot be read as a ledger (it is then rewritten)."""
    try:
        data = json.loads(read_bounded(path, MAX_LEDGER_BYTES, "ledger").decode("utf-8"))
        return {c["key"]: {k: c[k] for k in ("status", "review_note") if k in c} for c in data.get("claims", [])
                if "key" in c}
    except (LoadError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return {}


def ledger_text(result: DocumentResult, previous: dict[str, dict[str, Any]]) -> str:
    """The ledger of a document: its claims, each with the review ``previous`` holds for its key
    (none: unreviewed)."""
    lines = LineIndex(result.document.text)
    claims = []
    for claim in result.extraction.claims:
        record = claim_record(claim, lines)
        key = claim_key(claim.text)
        review = previous.get(key, {})
        claims.append({"key": key, **record, "status": review.get("status", "unreviewed"),
                       "review_note": review.get("review_note")})
    payload = {"document": result.document.path, "title": result.document.metadata.title,
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


def write_ledgers(results: Sequence[DocumentResult], folder: Path) -> list[Path]:
    """The ledger of each document, ``<stem>.json`` made unique (see ``factcheck.reports.names``),
    each written atomically, in path order, one document read at a time; the temporary files an
    earlier, killed run left in ``folder`` are removed first. A ledger made where its document
    was audited (``DocumentLedger``) is written as it is, unless the ledger there has reviews to
    carry over."""
    remove_stale_temporaries(folder)
    summaries = summaries_of(results)
    names = ledger_names(summaries)
    prepared = records_of(results, DocumentLedger())
    written = []
    for index in path_order(results):
        path = folder / names[summaries[index].path]
        previous = _previous_reviews(path) if path.exists() else {}
        text = prepared(index) if prepared is not None and not _reviewed(previous) else None
        write_text_atomic(path, text if text is not None else ledger_text(results[index], previous))
        written.append(path)
    return written


def ledger_names(documents: Iterable[Named]) -> dict[str, str]:
    """Document path -> the ledger's file name (of documents or their summaries)."""
    return unique_names(documents, ".json")
