"""Typed claim records: what a sentence asserts, with its dates, numbers, quotes and support."""

from __future__ import annotations

from typing import Literal

from factcheck.model import FrozenModel
from factcheck.text.model import DateMention, NumberMention

ClaimKind = Literal["statistic", "temporal", "quotation", "attribution", "comparative", "general"]
Support = Literal["cited", "attributed", "inherited", "unsourced"]


class Quotation(FrozenModel):
    start: int  # of the quoted text, quote marks excluded
    end: int
    text: str
    speaker: str | None = None


class Claim(FrozenModel):
    id: str
    kind: ClaimKind
    start: int
    end: int
    text: str
    block: int
    region: Literal["body", "note"] = "body"
    dates: tuple[DateMention, ...] = ()
    numbers: tuple[NumberMention, ...] = ()
    quotes: tuple[Quotation, ...] = ()
    citation_ids: tuple[str, ...] = ()
    support: Support = "unsourced"
    speaker: str | None = None
    checkworthiness: float = 0.0
