"""Typed claim records: what a sentence asserts, with its dates, numbers, quotes and support."""

from __future__ import annotations

from typing import Literal

from factcheck.model import FrozenModel
from factcheck.text.model import DateMention, NumberMention

ClaimKind = Literal["statistic", "temporal", "quotation", "attribution", "comparative", "general"]
Support = Literal["cited", "attributed", "inherited", "unsourced"]
# What quote marks hold: someone's words ("speech"), the title of a work, a term or scare quote
# ("mention"), words no one said ("hypothetical": "as if to say ...", "rules such as ..."), or the
# text of a sign, label or headline ("text"). Only speech needs a speaker.
QuoteKind = Literal["speech", "title", "mention", "hypothetical", "text"]


class Quotation(FrozenModel):
    start: int  # of the quoted text, quote marks excluded
    end: int
    text: str
    speaker: str | None = None
    kind: QuoteKind = "speech"
    # The attribution citation that names the speaker (or only vaguely: "officials said"), when
    # one does; set on a quotation that continues a speaker's words from the paragraph before too.
    attribution: str | None = None
    vague: bool = False
    source: str | None = None  # whom the attribution credits, named or not ("a survey respondent")


class Claim(FrozenModel):
    id: str
    kind: ClaimKind
    start: int
    end: int
    text: str
    block: int
    # "headline": the document's headline, read only for its facts (a number the body states
    # otherwise is a NUM001 conflict); it is no claim to source.
    region: Literal["body", "note", "headline"] = "body"
    dates: tuple[DateMention, ...] = ()
    numbers: tuple[NumberMention, ...] = ()
    quotes: tuple[Quotation, ...] = ()
    citation_ids: tuple[str, ...] = ()
    support: Support = "unsourced"
    speaker: str | None = None
    checkworthiness: float = 0.0
    # The attribution that covers the claim (an attribution citation's id): one in its sentence,
    # or the speaker its quotation continues; ``vague`` when that attribution names no one.
    attribution: str | None = None
    vague: bool = False
