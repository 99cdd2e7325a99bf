"""Split the text into blocks (runs of lines between blank lines) and say what each block is.

Headings, site navigation, captions and pull quotes are not claims; the reference list and note
lists are found by ``factcheck.citations`` and marked afterwards with ``mark_regions``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from itertools import islice

from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block, BlockKind

_BLANK_LINE = regex(r"\n[ \t\u00a0]*\n")
_TERMINAL = tuple('.!?"”’\')]')
_NUMBERED_HEADING = regex(r"^(?:[IVXLC]+|[A-Z]|\d+(?:\.\d+)*)[.)]\s+\S")
# A block ending in a URL or DOI is a finished reference entry (APA 7 ends them so), not a
# paragraph cut mid-sentence by a page break.
_LOCATOR_END = regex(r"<?(?:https?://|www\.|doi:|10\.\d{4,9}/)", re.IGNORECASE)
# A citation marker after a sentence's full stop ("...doubled.⁷", "...doubled.[7]", "doubled.^(2,3)").
# The lookbehind reads a run of raised digits from where it starts (the same matches; from each of
# its positions a long run was rescanned to its end, quadratic).
_MARKER_END = regex(r"(?:(?<![⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒,])[⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒,]+|\^\([\d,–-]+\)|\[[\d,–\s-]+\])$")
_MARKER_LAST = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹⁻˒,)]")  # the characters a marker of _MARKER_END ends with
_COPYRIGHT = regex(r"©|\(c\) \d{4}|all rights reserved", re.IGNORECASE)
_WORD = regex(r"[^\W\d_][\w’'-]*")
# A photo caption in running text: it places the picture ("Above, the skull of...", "Clockwise
# from top: ...", "Pictured: ...") or ends with its credit ("... Photograph: Ana Lee/Reuters",
# "... Credit Ana Lee/Agence France-Presse — Getty Images").
_CAPTION_OPENING = regex(r"^(?:Above|Below|Left|Right|Top|Bottom|Inset|Main picture|Main image|Pictured|"
                         r"Clockwise from (?:top|left|right|bottom)(?: left| right)?|From left|From top)\s*[,:]\s")
_CREDIT_ENDING = regex(r"(?:^|[\s.])(?:Photograph|Photo|Photos|Picture|Image|Credit|Illustration|Video)"
                       r"(?: by)?:?[ \u00a0]+[A-Z][^\n.!?]{1,80}$")
_CREDIT_WORD = regex(r"Photo|Picture|Image|Credit|Illustration|Video")  # each credit of _CREDIT_ENDING has one
_CAPTION_WORDS = 80
_SHORT_BLOCK = 2000  # characters: a block this short has its words counted whole
_REMEMBERED_BLOCK = 200  # characters: the kind of a block this short is kept for its repeats
_ELLIPSIS = regex(r"\.\.\.|…")
# A pull quote is looked for in the blocks this many before and after it.
_PULLQUOTE_REACH = 8


def split_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block, trimmed of surrounding whitespace."""
    spans = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end() - 1  # keep the newline before the next block out of it
    spans.append((pos, len(text)))
    trimmed = []
    for start, end in spans:
        if start < end and not text[start].isspace() and not text[end - 1].isspace():
            trimmed.append((start, end))  # nothing to trim (``str.strip`` strips what ``isspace`` says)
            continue
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            trimmed.append((start + lead, end - trail))
    return trimmed


def classify_block(text: str) -> BlockKind:
    if "\n" in text:
        lines = [line for line in map(str.strip, text.split("\n")) if line]
    else:  # most blocks are one line: the same list without the split (a page may hold 40,000)
        stripped = text.strip()
        lines = [stripped] if stripped else []
    # The word count is only compared with small bounds: in a long block (a page of 500,000 lines
    # read as one) it is counted only up to just past the largest.
    words = (len(_WORD.findall(text)) if len(text) <= _SHORT_BLOCK
             else sum(1 for _ in islice(_WORD.finditer(text), _CAPTION_WORDS + 1)))
    if not words:
        return "boilerplate"
    if len(lines) > 1 and _mostly_short(lines):
        return "boilerplate"  # a menu or share bar: mostly short lines
    if words <= 40 and _COPYRIGHT.search(text):
        return "boilerplate"  # site small print
    first = lines[0]
    if words <= _CAPTION_WORDS and (_CAPTION_OPENING.match(first) or _ends_with_credit(lines[-1])):
        return "caption"
    if len(lines) == 1:
        if first.startswith("#") or (_NUMBERED_HEADING.match(first) and words <= 15 and not first.endswith(".")):
            return "heading"
        if first.startswith(("•", "* ", "- ")) and words <= 4:
            return "boilerplate"
        if not first.endswith(_TERMINAL):
            if words <= 15 and "." not in first.rstrip("."):
                return "heading"
            return "caption"
        if words <= 4 and first.endswith("?") and first.isupper():
            return "boilerplate"
    return "body"


def _mostly_short(lines: list[str]) -> bool:
    """At least three lines in five are short: no sentence end, at most four words. Counted only
    until the answer is certain, either way."""
    needed = (len(lines) * 3 + 4) // 5  # short lines for a yes
    spare = len(lines) - needed  # long lines that still allow a yes
    for line in lines:
        # Five words take at least nine characters: a shorter line needs no count.
        if not line.endswith(_TERMINAL[:3]) and (len(line) < 9 or len(_WORD.findall(line)) <= 4):
            needed -= 1
            if not needed:
                return True
        else:
            spare -= 1
            if spare < 0:
                return False
    return needed <= 0


def layout(text: str) -> list[Block]:
    """Blocks with their kinds; pull quotes are blocks repeated from the body nearby."""
    spans = _rejoin_broken_paragraphs(text, split_blocks(text))
    kinds = _kinds(text, spans)
    if "body" in kinds:  # only body text can be a pull quote (a page of 90,000 headings has none)
        longest = _longest_near([e - s for s, e in spans], _PULLQUOTE_REACH)
        for i, (s, e) in enumerate(spans):
            # A pull quote repeats a longer block nearby: with none near, the pieces are not cut.
            if kinds[i] == "body" and longest[i] > e - s and _is_pullquote(text, spans, i):
                kinds[i] = "pullquote"
    return [Block(i, s, e, k) for i, ((s, e), k) in enumerate(zip(spans, kinds))]


def _kinds(text: str, spans: list[tuple[int, int]]) -> list[BlockKind]:
    """``classify_block`` of each block; a short block met again (a page's repeated "Advertisement",
    a generated list of one line repeated) takes the kind found the first time."""
    out = []
    seen: dict[str, BlockKind] = {}
    for s, e in spans:
        block = text[s:e].replace("\n\n", " ")
        if e - s > _REMEMBERED_BLOCK:
            out.append(classify_block(block))
            continue
        kind = seen.get(block)
        if kind is None:
            kind = seen[block] = classify_block(block)
        out.append(kind)
    return out


def _rejoin_broken_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a paragraph cut by a page break: a long block that stops mid-sentence and the next.

    Text extracted from PDFs splits paragraphs at page ends ("...the first tenure of the Afghan"
    / "Taliban in 1996-2001, they..."); the blank line between is an artefact, not a break.
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            prev = text[prev_start:prev_end]
            # The cheap tests first: a block with a line break, or before one that opens with no
            # letter, is never joined; the pattern tests only run on a one-line block before a word.
            if ("\n" not in prev and text[start:start + 1].isalpha()
                    and len(prev) > 30  # what 16 words take at the least, with a space between each
                    and not _without_end_marker(prev.rstrip()).endswith(_TERMINAL)
                    and len(_WORD.findall(prev)) > 15
                    and not _NUMBERED_HEADING.match(text[start:end])
                    and not _LOCATOR_END.match(prev.rsplit(None, 1)[-1]) and not _ends_with_credit(prev)
                    and not _CAPTION_OPENING.match(prev)):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def _ends_with_credit(line: str) -> bool:
    """Whether the line ends with a photo credit (``_CREDIT_ENDING``). Its words are looked for
    first: the pattern opens with an alternation of the line's start and a space, which the
    regex engine tries at every position of the line."""
    return _CREDIT_WORD.search(line) is not None and _CREDIT_ENDING.search(line) is not None


def _without_end_marker(line: str) -> str:
    """The line (with no whitespace at its end: ``$`` would also match before a final newline)
    less a note marker ending it ("…ruled.²³", "…ruled.[4]"). Every marker ends in a superscript,
    a comma or a bracket: a line ending otherwise is not scanned for one."""
    return _MARKER_END.sub("", line) if line[-1:] in _MARKER_LAST else line


def _longest_near(lengths: list[int], reach: int) -> list[int]:
    """For each i, the largest of ``lengths[i - reach : i + reach]`` (clipped to the list): one
    sweep with a queue of the candidates, instead of looking at 16 neighbours per block."""
    out = []
    window: deque[int] = deque()  # indices of decreasing lengths, all inside the window
    n = len(lengths)
    for k in range(min(reach, n)):
        while window and lengths[window[-1]] <= lengths[k]:
            window.pop()
        window.append(k)
    for i in range(n):
        k = i + reach - 1  # the window of i ends here
        if k < n and k >= reach:
            while window and lengths[window[-1]] <= lengths[k]:
                window.pop()
            window.append(k)
        while window[0] < i - reach:
            window.popleft()
        out.append(lengths[window[0]])
    return out


def _is_pullquote(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """A short block whose pieces (split at "...") all reappear in a nearby longer block."""
    s, e = spans[i]
    if e - s > 400:
        return False
    pieces = [p.strip(" .…") for p in _ELLIPSIS.split(text[s:e]) if len(p.strip(" .…")) >= 12]
    if not pieces:
        return False
    for j in range(max(0, i - _PULLQUOTE_REACH), min(len(spans), i + _PULLQUOTE_REACH)):
        if j == i or spans[j][1] - spans[j][0] <= e - s:
            continue
        other = text[spans[j][0] : spans[j][1]]
        if all(p in other for p in pieces):
            return True
    return False


def mark_regions(blocks: list[Block], regions: list[tuple[int, int, BlockKind]]) -> list[Block]:
    """Give the blocks inside each (start, end, kind) region that kind.

    Blocks and regions are both walked in text order, so this is linear in their counts.
    """
    if not regions:
        return blocks
    ordered = sorted(regions)
    out = []
    r = 0
    for block in blocks:
        while r < len(ordered) and ordered[r][1] < block.end:
            r += 1
        kind = block.kind
        # Regions may nest (a reference list holding a notes heading): the first that contains wins.
        for start, end, region_kind in ordered[r:r + 2]:
            if block.start >= start and block.end <= end:
                kind = region_kind
                break
        out.append(block if kind == block.kind else Block(block.index, block.start, block.end, kind))
    return out


def mark_declared(blocks: list[Block], regions: list[tuple[int, int, BlockKind]]) -> list[Block]:
    """Give each block the kind of the innermost region that contains it.

    The regions a loader declares nest (a code block inside a list, inline code inside a table
    cell) but never overlap partly, so one sweep with a stack of the regions open at a block's
    start finds, from the top down, the first that reaches the block's end.
    """
    if not regions:
        return blocks
    ordered = sorted(regions, key=lambda r: (r[0], -r[1]))
    out = []
    stack: list[tuple[int, int, BlockKind]] = []
    i = 0
    for block in blocks:
        while i < len(ordered) and ordered[i][0] <= block.start:
            while stack and stack[-1][1] <= ordered[i][0]:
                stack.pop()
            stack.append(ordered[i])
            i += 1
        while stack and stack[-1][1] <= block.start:
            stack.pop()
        kind = next((r[2] for r in reversed(stack) if r[1] >= block.end), block.kind)
        out.append(block if kind == block.kind else Block(block.index, block.start, block.end, kind))
    return out


def insert_blocks(blocks: list[Block], extra: list[tuple[int, int, BlockKind]]) -> list[Block]:
    """The blocks and the ``extra`` ones that overlap none of them, in text order, indexed again.

    For stretches the analyses do not read but a reader of the report still sees: a code block
    or a front matter is blank in the masked text the layout splits (``factcheck.text.mask``).
    """
    if not extra:
        return blocks
    starts = [b.start for b in blocks]
    spans = [(b.start, b.end, b.kind) for b in blocks]
    for start, end, kind in extra:
        k = bisect_right(starts, start)
        before = blocks[k - 1] if k else None
        after = blocks[k] if k < len(blocks) else None
        if (before is None or before.end <= start) and (after is None or end <= after.start):
            spans.append((start, end, kind))
    spans.sort()
    return [Block(i, s, e, k) for i, (s, e, k) in enumerate(spans)]
