"""Speakers carried across sentences and paragraphs, for quotations that name none of their own.

Why a module of its own: ``factcheck.claims.extract`` reads the document sentence by sentence;
this is the one piece of state that reading keeps between paragraphs (who spoke last), and the
journalistic conventions it follows are worth stating in one place (see ``SpeakerTrail``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.citations.model import Citation
from factcheck.claims.model import Quotation
from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block, Sentence

_WORD = regex(r"[^\W\d_][\w’'-]*")
_QUOTE_OPENERS = "“\"‘"
# "according to figures the operator submitted", "raised in a Ledger opinion piece": a source,
# not someone speaking, unless it names a person.
# "(?<!\w)": a verb in "-ed" is read from where its word starts (the same matches; from every
# position inside a long word it rescanned the word, quadratic).
_NOT_SPEECH = regex(r"(?:according to|(?:(?<!\w)\w+ed\s+)?in (?:a|an|the)\s)", re.IGNORECASE)


def _person(source: str) -> bool:
    """A source that names a person: two capitalised words in a row ("Helena Sorvik")."""
    return re.search(r"\b[A-Z][\w’'-]+\s+[A-Z][\w’'-]+", source) is not None


# Blocks that may stand between a speaker's paragraph and the quotation that continues it.
_INTERRUPTIONS = frozenset({"caption", "boilerplate", "pullquote"})


class SpeakerTrail:
    """The named speaker of the paragraph being read and of the one before, for quotations that
    name none of their own.

    News carries a speaker across sentences and paragraphs: "“...,” she said. “More words.”", and
    a paragraph that opens with a quotation continues the speaker of the paragraph before (with
    a photo caption or a share bar between them, at most two), or someone quoted before whom
    the paragraph before names. A quotation with a vague attribution of its own
    ("an official said") keeps it; one under a heading starts afresh.
    """

    def __init__(self, text: str, blocks: dict[int, Block]) -> None:
        self.text = text
        self.blocks = blocks
        self.block: Block | None = None
        self.current: tuple[str | None, str] | None = None  # (attribution id, speaker) of this paragraph
        self.before: tuple[str | None, str] | None = None  # ... of the paragraph before
        self.opening = False  # the paragraph opens with a quotation not yet interrupted
        # The people quoted so far, by surname (the last word of their name).
        self.quoted: dict[str, tuple[str | None, str]] = {}

    def enter(self, block: Block) -> None:
        if self.block is not None and block.index == self.block.index:
            return
        between = [self.blocks.get(i) for i in range(self.block.index + 1, block.index)] if self.block else []
        adjacent = self.block is not None and len(between) <= 2 and all(
            b is not None and (b.kind in _INTERRUPTIONS or (b.kind == "heading" and self._caption_like(b)))
            for b in between)
        self.before = self.current if adjacent else None
        if adjacent and self.before is None and self.quoted and self.block is not None:
            # "But for Parata and his family ...": a paragraph about someone quoted before.
            mentioned = [(m.start(), m.group()) for m in _WORD.finditer(self.text, self.block.start, self.block.end)
                         if m.group() in self.quoted]
            if mentioned:
                self.before = self.quoted[max(mentioned)[1]]
        self.current = None
        self.block = block
        self.opening = self.text[block.start:block.start + 1] in _QUOTE_OPENERS

    def _caption_like(self, block: Block) -> bool:
        """A one-line block the layout took for a heading that reads as a photo caption or a
        link ("Hori Parata at his farm, the place where he was born", "whale strandings"): long,
        with a comma, or in lower case. A section heading ("Two years on") starts afresh."""
        line = self.text[block.start:block.end].strip("#*_ \n")
        return bool(line) and (line[0].islower() or ", " in line or len(line.split()) > 8)

    def carry(self, q: Quotation) -> Quotation:
        if q.kind != "speech" or q.speaker or q.vague:
            return q
        source = self.current or (self.before if self.opening else None)
        if source is None:
            return q
        return q.model_copy(update={"speaker": source[1], "attribution": source[0], "source": source[1]})

    def saw(self, s: Sentence, credited: Sequence[Citation], quotes: Sequence[Quotation]) -> None:
        if not credited and not quotes:
            self.opening = False  # most sentences: no one named, nothing quoted
            return
        # A speaker: someone who said, wrote or told something, or who is named; not the
        # figures or the report a sentence is "according to".
        named = [(c.end, c.id, c.source) for c in credited
                 if not c.vague and c.source and (not _NOT_SPEECH.match(c.text) or _person(c.source))]
        named += [(q.end, q.attribution, q.speaker) for q in quotes if q.speaker]
        if named:
            _, ident, source = max(named, key=lambda n: n[0])
            self.current = (ident, source)
            for _, ident, source in named:
                surname = source.split()[-1] if source.split() else ""
                if surname[:1].isupper():
                    self.quoted[surname] = (ident, source)
        if not quotes or self.text[s.start:s.start + 1] not in _QUOTE_OPENERS:
            self.opening = False


