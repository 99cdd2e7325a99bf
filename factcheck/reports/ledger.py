"""The claim ledger: one JSON file per audited document in ``claims/``.

Each claim keeps a review ``status`` (unreviewed, verified, disputed, ...) and ``review_note``
set by editors; a re-audit carries them over to the claim with the same normalized text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from factcheck.documents.files import read_bounded
from factcheck.documents.model import LoadError
from factcheck.reports.atomic import remove_stale_temporaries, write_text_atomic
from factcheck.reports.json_report import claim_record
from factcheck.reports.names import Named, unique_names
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


def write_ledger(result: DocumentResult, folder: Path, name: str) -> Path:
    path = folder / name
    previous = _previous_reviews(path) if path.exists() else {}
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
    write_text_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return path


def write_ledgers(results: Sequence[DocumentResult], folder: Path) -> list[Path]:
    """The ledger of each document, ``<stem>.json`` made unique (see ``factcheck.reports.names``),
    each written atomically, in path order, one document read at a time; the temporary files an
    earlier, killed run left in ``folder`` are removed first."""
    remove_stale_temporaries(folder)
    names = ledger_names(summaries_of(results))
    written = []
    for index in path_order(results):
        result = results[index]
        written.append(write_ledger(result, folder, names[result.document.path]))
    return written


def ledger_names(documents: Iterable[Named]) -> dict[str, str]:
    """Document path -> the ledger's file name (of documents or their summaries)."""
    return unique_names(documents, ".json")
