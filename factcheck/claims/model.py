"""Typed claim records: what a sentence asserts, with its dates, numbers, quotes and support."""

from __future__ import annotations

from typing import Literal, get_args

from factcheck.model import FrozenModel, unvalidated
from factcheck.text.model import DateMention, NumberMention

ClaimKind = Literal["statistic", "temporal", "quotation", "attribution", "comparative", "general"]
# "verified-in-source": cited, and what it quotes or states was found in the cited work's own
# text (``--sources``); its ``evidence`` says where.
Support = Literal["cited", "attributed", "inherited", "unsourced", "verified-in-source"]
EvidenceKind = Literal["quote", "figure"]
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

    @classmethod
    def of(cls, start: int, end: int, text: str, speaker: str | None, kind: QuoteKind, attribution: str | None,
           vague: bool, source: str | None) -> Quotation:
        """A quotation from fields already of their declared types, without running the validator
        (a "sentence" may hold ten thousand quotations); any other value is validated as usual."""
        if (type(start) is not int or type(end) is not int or type(text) is not str or kind not in _QUOTE_KINDS
                or type(vague) is not bool
                or not all(value is None or type(value) is str for value in (speaker, attribution, source))):
            return cls(start=start, end=end, text=text, speaker=speaker, kind=kind, attribution=attribution,
                       vague=vague, source=source)
        return unvalidated(cls, {"start": start, "end": end, "text": text, "speaker": speaker, "kind": kind,
                                 "attribution": attribution, "vague": vague, "source": source}, _QUOTATION_FIELDS)


_QUOTE_KINDS = frozenset(get_args(QuoteKind))
_QUOTATION_FIELDS = set(Quotation.model_fields)  # what validation marks as set: every field, all given


class Evidence(FrozenModel):
    """Where a claim's quotation or figure was found in the text of a cited work.

    ``start``/``end`` are offsets of the passage in the source's extracted text (what
    ``factcheck extract SOURCE`` prints); ``match_start``/``match_end`` those of the quoted words
    or the value inside it; ``page`` is the source's page there (PDF), else None.
    """

    kind: EvidenceKind
    claimed: str  # the quotation or the value as the claim writes it
    path: str  # the source file
    work: str  # id of the reference entry or note it is the text of
    page: int | None = None
    start: int
    end: int
    passage: str
    match_start: int
    match_end: int
    found: str  # the words or value as the source writes them


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
    # Set by verification against the cited works (``--sources``): what was found where.
    evidence: tuple[Evidence, ...] = ()

    @classmethod
    def of(cls, id: str, kind: ClaimKind, start: int, end: int, text: str, block: int,
           dates: tuple[DateMention, ...], numbers: tuple[NumberMention, ...], quotes: tuple[Quotation, ...],
           citation_ids: tuple[str, ...], support: Support, speaker: str | None, checkworthiness: float,
           attribution: str | None, vague: bool) -> Claim:
        """A claim of the body (every field but ``region`` and ``evidence`` given), without running
        the validator on values already of their declared types (``factcheck.model.unvalidated``:
        a document builds one per sentence); any other value is validated as usual. The record is
        the one validation builds."""
        if (type(id) is not str or type(kind) is not str or kind not in _CLAIM_KINDS or type(start) is not int
                or type(end) is not int or type(text) is not str or type(block) is not int
                or type(support) is not str or support not in _SUPPORTS
                or type(checkworthiness) is not float or type(vague) is not bool
                or (speaker is not None and type(speaker) is not str)
                or (attribution is not None and type(attribution) is not str)
                or not _all_of(dates, DateMention) or not _all_of(numbers, NumberMention)
                or not _all_of(quotes, Quotation) or not _all_of(citation_ids, str)):
            return cls(id=id, kind=kind, start=start, end=end, text=text, block=block, dates=dates, numbers=numbers,
                       quotes=quotes, citation_ids=citation_ids, support=support, speaker=speaker,
                       checkworthiness=checkworthiness, attribution=attribution, vague=vague)
        return unvalidated(cls, {"id": id, "kind": kind, "start": start, "end": end, "text": text, "block": block,
                                 "region": "body", "dates": dates, "numbers": numbers, "quotes": quotes,
                                 "citation_ids": citation_ids, "support": support, "speaker": speaker,
                                 "checkworthiness": checkworthiness, "attribution": attribution, "vague": vague,
                                 "evidence": ()}, _CLAIM_GIVEN)


def _all_of(values: object, kind: type) -> bool:
    """``values`` is a tuple of records of exactly the type ``kind`` (what validation keeps as given)."""
    return type(values) is tuple and all(type(value) is kind for value in values)


_CLAIM_KINDS = frozenset(get_args(ClaimKind))
_SUPPORTS = frozenset(get_args(Support))
# What validation marks as set: the names given, one set shared by the claims built alike.
_CLAIM_GIVEN = {"id", "kind", "start", "end", "text", "block", "dates", "numbers", "quotes", "citation_ids", "support",
                "speaker", "checkworthiness", "attribution", "vague"}
