"""Word fields inserted by reference managers: what their instruction says.

Zotero writes ``ADDIN ZOTERO_ITEM CSL_CITATION {json}``, Mendeley ``ADDIN CSL_CITATION {json}``
(CSL-JSON: ``citationItems[]`` with ``id``, ``uris``, ``locator``, ``label`` and ``itemData``);
their bibliographies are ``ADDIN ZOTERO_BIBL {...} CSL_BIBLIOGRAPHY`` and ``ADDIN Mendeley
Bibliography CSL_BIBLIOGRAPHY``. The instruction of a complex field (``w:fldChar`` begin /
separate / end) is the concatenated ``w:instrText`` of its runs, however many; a simple field
(``w:fldSimple``) holds it in ``w:instr``. The displayed result stays the document's text; the
instruction becomes a ``CitationField`` over it (or a "references" region, for a bibliography).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

from factcheck.documents.model import FieldItem

# An instruction longer than this is not a citation (a field can hold a whole embedded object).
MAX_INSTRUCTION = 2_000_000
MAX_ITEMS = 500  # items of one citation; Zotero groups a few, never hundreds

FieldKind = Literal["citation", "bibliography"]


def parse_instruction(instruction: str) -> tuple[FieldKind, tuple[FieldItem, ...]] | None:
    """("citation", items) or ("bibliography", ()) for a reference manager's field, else None."""
    head = instruction.lstrip()[:200].upper()
    if not head.startswith("ADDIN"):
        return None
    if "ZOTERO_BIBL" in head or "CSL_BIBLIOGRAPHY" in head or "MENDELEY BIBLIOGRAPHY" in head:
        return "bibliography", ()
    if "CSL_CITATION" not in head and "ZOTERO_ITEM" not in head:
        return None
    if len(instruction) > MAX_INSTRUCTION:
        return None
    brace = instruction.find("{")
    if brace < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(instruction, brace)
    except ValueError:
        return None
    items = value.get("citationItems") if isinstance(value, dict) else None
    if not isinstance(items, list):
        return None
    out = []
    for item in items[:MAX_ITEMS]:
        if isinstance(item, dict):
            parsed = _item(item)
            if parsed is not None:
                out.append(parsed)
    return ("citation", tuple(out)) if out else None


def _item(item: dict) -> FieldItem | None:
    data = item.get("itemData")
    data = data if isinstance(data, dict) else None
    uris = item.get("uris") or item.get("uri") or ()
    uris = tuple(str(u) for u in (uris if isinstance(uris, list) else [uris]) if u)
    key = item.get("id")
    if key is None and data is not None:
        key = data.get("id")
    if key is None and uris:
        key = uris[0].rstrip("/").rsplit("/", 1)[-1]
    if key is None or (data is None and not uris):
        return None
    locator = item.get("locator")
    label = item.get("label")
    return FieldItem(key=str(key), uris=uris, locator=str(locator) if locator not in (None, "") else None,
                     label=str(label) if label else None,
                     data=json.dumps(data, ensure_ascii=False) if data is not None else None)


@dataclass
class OpenField:
    """A complex field being read: its instruction so far, and whether its result has begun."""

    instruction: list[str] = field(default_factory=list)
    number: int | None = None  # set at "separate": the anchors of its result carry it
    in_result: bool = False
