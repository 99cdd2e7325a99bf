"""A quotation read as a pattern of the source's words: words, omissions and insertions.

What an author may legitimately do to the words of a source, and how each is read:

* an ellipsis (``…``, ``...``, ``. . .``, ``[...]``, ``[…]``, ``(...)``) marks words left out:
  any number of source words (up to ``MAX_OMITTED``) may stand there;
* a bracketed insertion (``[the policy]``) stands for the words it replaces (a pronoun, a name):
  up to ``MAX_REPLACED`` source words may stand there, and its own words are not looked for;
* brackets inside a word (``[T]he``, ``rais[ed]``) change its letters: the word matches a source
  word that starts and ends with its letters outside the brackets;
* ``[sic]``, ``[emphasis added]`` and the like are the author's remarks, not words of the source;
* the case of the first letter of the quotation, and of the first word after an omission, may
  differ from the source's (a quotation that starts mid-sentence, or starts a sentence).

Everything else (the words, their order, the case of letters after the first) must be the
source's; punctuation and spacing are normalised away (see ``factcheck.verify.words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.verify.words import WORD, normal_form, words_of

MAX_OMITTED = 250  # source words an ellipsis may stand for
MAX_REPLACED = 6  # source words a bracketed insertion may stand for

_ELLIPSIS = r"\[\s*(?:…|(?:\.\s?){3,})\s*\]|\(\s*(?:…|(?:\.\s?){3,})\s*\)|…|\.(?:\s?\.){2,}"
_PARTS = re.compile(rf"(?P<ellipsis>{_ELLIPSIS})|(?P<bracket>\[[^\[\]\n]{{0,80}}\])")
_REMARK = re.compile(r"\[\s*(?:sic!?|emphasis (?:added|mine|in (?:the )?original)|(?:original|my) emphasis|"
                     r"italics (?:added|mine|in (?:the )?original)|(?:footnote|citation)s? omitted)\s*\]",
                     re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuoteWord:
    """One word of a quotation: ``key`` to match (folded), or, for a word with brackets inside,
    the letters it must start and end with (``prefix``/``suffix``, folded)."""

    start: int  # offsets in the document's text
    end: int
    surface: str
    key: str
    loose: bool = False
    prefix: str = ""
    suffix: str = ""
    # Source words may be skipped before this word at no cost: an ellipsis or an insertion.
    skip_before: int = 0
    # The case of this word's first letter may differ from the source's.
    free_case: bool = False

    def matches(self, key: str) -> bool:
        if not self.loose:
            return key == self.key
        return len(key) >= len(self.prefix) + len(self.suffix) and key.startswith(self.prefix) \
            and key.endswith(self.suffix)


@dataclass(frozen=True, slots=True)
class QuotePattern:
    words: tuple[QuoteWord, ...]
    omissions: int  # ellipses
    insertions: int  # bracketed insertions (remarks such as [sic] not counted)

    @property
    def fragments(self) -> list[tuple[int, int]]:
        """(first, last + 1) of the runs of words between omissions and insertions."""
        out, first = [], 0
        for i, word in enumerate(self.words):
            if i and word.skip_before:
                out.append((first, i))
                first = i
        if self.words:
            out.append((first, len(self.words)))
        return out


def parse_quote(text: str, start: int, end: int) -> QuotePattern:
    """The pattern of the quotation ``text[start:end]`` (offsets kept in the document's text)."""
    words: list[QuoteWord] = []
    pending_skip = 0
    omissions = insertions = 0
    pos = start
    pieces = list(_PARTS.finditer(text, start, end))
    glued_prefix: str | None = None  # letters of a bracketed part glued to the next word
    glued_start = 0
    for m in [*pieces, None]:
        stop = m.start() if m is not None else end
        plain = words_of(text, pos, stop)
        for n, w in enumerate(plain):
            if n == 0 and glued_prefix is not None and w.start == pos:
                words.append(_loose(text, glued_start, w.end, "", w.key, pending_skip))
            else:
                words.append(QuoteWord(w.start, w.end, w.surface, w.key, skip_before=pending_skip,
                                       free_case=pending_skip > 0 or not words))
            pending_skip = 0
        glued_prefix = None
        if m is None:
            break
        pos = m.end()
        if m.group("ellipsis"):
            omissions += 1
            pending_skip = max(pending_skip, MAX_OMITTED)
            continue
        if _REMARK.fullmatch(m.group()):
            continue
        before_glued = m.start() > start and text[m.start() - 1].isalnum() and words and words[-1].end == m.start()
        after_glued = m.end() < end and text[m.end()].isalnum()
        inner = normal_form(m.group()[1:-1]).casefold()
        if before_glued:
            # "rais[ed]", "govern[ment]s": the word keeps its letters before the bracket.
            last = words.pop()
            suffix = ""
            if after_glued:
                tail = WORD.match(text, m.end(), end)
                suffix = normal_form(tail.group()).casefold() if tail else ""
                pos = tail.end() if tail else pos
            words.append(_loose(text, last.start, pos, last.key, suffix, last.skip_before))
            continue
        if after_glued and WORD.fullmatch(inner or "-") and len(inner) <= 3:
            # "[T]he", "[i]nterests": a letter or two changed at the start of the word.
            glued_prefix, glued_start = inner, m.start()
            continue
        insertions += 1
        pending_skip = max(pending_skip, MAX_REPLACED)
    return QuotePattern(tuple(words), omissions, insertions)


def _loose(text: str, start: int, end: int, prefix: str, suffix: str, skip: int) -> QuoteWord:
    return QuoteWord(start, end, text[start:end], (prefix + "…" + suffix), loose=True, prefix=prefix,
                     suffix=suffix, skip_before=skip, free_case=True)
