"""What verification against the cited works finds: which file is which work, and per quotation
and figure whether the work says it, and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from factcheck.model import FrozenModel

MatchHow = Literal["mapping", "doi", "key", "title"]
QuoteStatus = Literal["found", "altered", "missing"]
FigureStatus = Literal["agrees", "conflicts", "missing"]


class SourceMatch(FrozenModel):
    """The file of ``--sources`` found for a reference entry or a note (``work_id``)."""

    work_id: str
    path: str
    how: MatchHow
    score: float = 100.0


@dataclass(frozen=True)
class Passage:
    """A stretch of a source's text: offsets into its extracted text, its page, and where in it
    the quotation or value is (``match_start``/``match_end``)."""

    path: str
    work: str
    start: int
    end: int
    text: str
    match_start: int
    match_end: int
    page: int | None = None

    @property
    def found(self) -> str:
        return self.text[self.match_start - self.start:self.match_end - self.start]

    @property
    def where(self) -> str:
        return f"{self.path}, p. {self.page}" if self.page else self.path


@dataclass(frozen=True)
class QuoteCheck:
    """One quotation looked up in the works its claim cites."""

    claim_ids: tuple[str, ...]
    start: int  # the quoted words in the document, quote marks excluded
    end: int
    status: QuoteStatus
    searched: tuple[str, ...]  # the source files looked in
    passage: Passage | None = None  # where it is (found, altered), or the closest place
    diff: str = ""  # altered: the word diff, [-source-]{+quotation+}
    source_words: str = ""  # altered: the source's words for the quoted stretch


@dataclass(frozen=True)
class FigureCheck:
    """One number or date of a claim compared with the passages of the works it cites."""

    claim_id: str
    start: int  # the value in the document
    end: int
    kind: Literal["number", "date"]
    status: FigureStatus
    searched: tuple[str, ...]
    passage: Passage | None = None  # agrees: where the value is; conflicts: the passage that states another
    stated: str = ""  # conflicts: the value the passage states


@dataclass(frozen=True)
class Verification:
    matches: tuple[SourceMatch, ...] = ()
    quotes: tuple[QuoteCheck, ...] = ()
    figures: tuple[FigureCheck, ...] = ()
