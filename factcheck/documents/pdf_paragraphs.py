"""Lines in reading order rejoined into paragraphs, for ``pdf.py``.

How each line follows the one before is decided from the geometry: a change of type size, a
bullet, a wider vertical gap or an indent ends a paragraph; a hyphen at a line's end with a
lower-case word after it is mended; a line that stopped short although the next word would have
fit ended its paragraph on purpose. Columns and pages continue a paragraph unless its sentence
ended there or the next column starts indented. Hanging indents (a reference entry whose
continuation lines are indented) are told from first-line indents by the block's own lines:
consecutive lines at the same indent belong to hanging paragraphs, consecutive flush lines to
ordinary ones, and under a references heading a tie goes to hanging. Floats (captions) are
set apart: written after the paragraph they interrupt.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.documents.assemble import TextBuilder
from factcheck.documents.pdf_lines import Line

_TERMINAL = tuple(".!?:;\"”’)]")
_SENTENCE_END = tuple(".!?\"”’)]")  # a colon or semicolon leaves its sentence open
_BULLETS = tuple("•◦▪‣●○■–*")
_REFERENCES_HEADING = re.compile(
    r"(?:\d+\.?\s*)?(?:references?(?: and notes| cited)?|bibliography|literature(?: cited)?|works cited|"
    r"sources|cited literature)\s*:?", re.IGNORECASE)
_URL_END = re.compile(r"(?:https?://|www\.|doi:|10\.\d{4,9}/)\S*$|\bhttps?:$", re.IGNORECASE)
_DASH_END = re.compile(r"\w[-–]$")
# First halves that make compounds with a hyphen ("non-parametric", "multi-dimensional").
_COMPOUND_PREFIXES = frozenset("non multi self well co pre post semi anti cross sub inter intra over under high low "
                               "long short large small full half open real third first second two one three "
                               "data time user case".split())
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’"
_PLAIN_WORD = re.compile(r"[a-z]+[,.;:)]?")
_NAME = re.compile(r"[A-Z][a-z]+,")
# How a reference entry opens: "Okafor, N.", "Okafor, Ngozi", "van Dijk, A.", "[12]", "12.".
_ENTRY_START = re.compile(r"(?:(?:[a-z]{1,3} )*[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, (?:[A-Z]\.|[A-Z][a-z]+)|\[\d{1,3}\]|\d{1,3}\.\s)")
INDENT = 0.8  # em: a line starting this much further right than the one before is indented
SIZE_CHANGE = 0.12

Join = str  # "break", "space", "hyphen", "glue"


def is_references_heading(text: str) -> bool:
    return bool(_REFERENCES_HEADING.fullmatch(text.strip()))


def line_pitch(lines: list[Line]) -> float:
    """The commonest distance between consecutive lines of one column, as a share of the size."""
    ratios = Counter(round((b.top - a.top) / a.size * 20) / 20 for a, b in zip(lines, lines[1:])
                     if a.column == b.column and abs(a.size - b.size) < 0.1 * a.size
                     and 0 < b.top - a.top < 3 * a.size)
    ratio, seen = ratios.most_common(1)[0] if ratios else (1.2, 0)
    return ratio if seen >= 2 else 1.2


def joins(lines: list[Line], floats_between: set[int] | None = None,
          hyphen_keeps: Callable[[str, str, bool], bool] | None = None) -> list[Join]:
    """For each line, how it follows the previous one: "break", "space", "hyphen" or "glue".

    ``floats_between`` holds the indices of lines that have a float (set apart) before them;
    ``hyphen_keeps(left, right)`` says whether a line-end hyphen between two word halves is a
    real one (a compound) rather than a hyphenation.
    """
    floats_between = floats_between or set()
    pitch = line_pitch(lines)
    hanging, listed = _hanging_lines(lines)
    out = ["break"] * len(lines)
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        if line.continues_marker:
            out[i] = "glue"
            continue
        if abs(prev.top_size - line.top_size) > SIZE_CHANGE * prev.top_size and not _code_wrap(prev, line, pitch) \
                or line.text.startswith(_BULLETS) or line.starts_item or line.label is not None:
            continue
        moved = prev.page != line.page or prev.column != line.column or i in floats_between
        em = line.size
        if moved:
            indented = line.x0 > line.left + INDENT * em
            if indented != hanging[i]:
                continue  # an indented first line, or a flush hanging entry
        else:
            if line.top - prev.top > 1.3 * pitch * prev.size + 0.5:
                continue
            if line.x0 > prev.x0 + INDENT * em and not hanging[i]:
                continue  # first-line indent
            if hanging[i] and line.x0 <= line.left + INDENT * em and \
                    (line.x0 < prev.x0 - INDENT * em or prev.x0 <= prev.left + INDENT * em):
                continue  # the next hanging entry (after an entry's last line, or a one-line entry)
        if _DASH_END.search(prev.text) and line.text[:1].isdigit():
            out[i] = "glue"  # "pp. 2793–" "2808", "J0408-" "5354"
            continue
        if _url_continues(prev.text, line.text) and _fills(prev, line):
            out[i] = "glue"  # a URL broken where it ran into the margin
            continue
        if len(prev.text) > 1 and prev.text.endswith("-") and prev.text[-2].isalpha():
            if line.text[:1].islower():
                left = prev.text.rsplit(" ", 1)[-1][:-1]
                right = line.text.split(" ", 1)[0]
                out[i] = "glue" if hyphen_keeps and hyphen_keeps(left, right, prev.ragged) else "hyphen"
            else:
                out[i] = "glue"
            continue
        if moved:
            # Across a column or page, a sentence left open goes on; one that ended goes on only
            # when its line was full: in justified text, up to the right edge; in ragged text, so
            # that the next word would not have fitted (the last line of a paragraph is seldom
            # that full), as far as a column of a few lines shows where its right edge is.
            ended = prev.text.endswith(_SENTENCE_END)
            if ended and not (_full(prev) or prev.ragged and prev.column_lines >= 3 and _fills(prev, line)) \
                    or prev.bold != line.bold:
                continue
        elif hanging[i] and line.x0 > line.left + INDENT * em:
            pass  # an indented line of a hanging paragraph goes on with it, however short the last
        elif not _fills(prev, line) and (prev.text.endswith(_TERMINAL) or not line.text[:1].islower()):
            # The next word would have fit: the previous line ended on purpose. Not when its
            # sentence runs on into a lower-case word: text wrapped by character count in a
            # proportional font stops short mid-sentence, and no paragraph starts that way.
            continue
        if listed[i] and not hanging[i] and prev.text.endswith(".") and _ENTRY_START.match(line.text):
            continue  # a reference list set flush, without gaps: "…2007.55." / "James, M.K. (2024)…"
        out[i] = "space"
    return out


def _code_wrap(prev: Line, line: Line, pitch: float) -> bool:
    """A line wholly of inline code (smaller, monospaced) inside a paragraph, or the paragraph's
    text after it: one of the two is monospaced and they stand at the paragraph's line pitch. Not
    a bold heading over a list of names in code font ("Related software" / "gaugeflow¹")."""
    if prev.mono == line.mono or prev.column != line.column or prev.page != line.page or prev.bold or line.bold:
        return False
    body = line if prev.mono else prev
    return abs((line.top - prev.top) - pitch * body.size) <= 0.15 * pitch * body.size


def _url_continues(before: str, after: str) -> bool:
    """Whether a URL or DOI at the end of ``before`` goes on at the start of ``after`` (a URL
    holds no space: the line broke inside it)."""
    m = _URL_END.search(before)
    if not m:
        return False
    token, first = m.group(), after.split(" ", 1)[0]
    if _PLAIN_WORD.fullmatch(first) or _NAME.match(first):
        return False  # a word or a name ("James,") starts the next sentence or entry
    slash_or_digit = "/" in first or first[:1].isdigit()
    if token.endswith("."):
        return slash_or_digit  # "…/10." "1016/j.cell…", not "…/zenodo.53155." "James, M."
    return token[-1] in "/_-=?&#%~:" or slash_or_digit or any(ch.isdigit() for ch in first)


def _full(line: Line) -> bool:
    """A line of justified text that reaches its column's right edge."""
    return not line.ragged and line.column_lines >= 3 and line.right - line.x1 <= 0.5 * line.size


def _fills(prev: Line, line: Line) -> bool:
    """Whether ``prev`` reaches so near its column's right edge that the first word of ``line``
    would not have fitted after it."""
    space = line.text.find(" ")
    word = (line.xs[space] if space > 0 else line.x1) - line.x0
    return prev.right - prev.x1 <= word + 0.3 * line.size


def _hanging_lines(lines: list[Line]) -> tuple[list[bool], list[bool]]:
    """For each line, whether it is set in hanging paragraphs (True for every line of a block
    whose continuation lines are indented), and whether it is under a references heading."""
    out = [False] * len(lines)
    listed = [False] * len(lines)
    in_references = False
    start = 0
    for i in range(1, len(lines) + 1):
        if i < len(lines):
            prev, line = lines[i - 1], lines[i]
            same_block = (prev.column == line.column and prev.page == line.page
                          and abs(prev.top_size - line.top_size) <= SIZE_CHANGE * prev.top_size)
            if same_block:
                continue
        block = lines[start:i]
        if len(block) == 1 and is_references_heading(block[0].text):
            in_references = True
        elif len(block) == 1 and (block[0].bold or block[0].top_size > 1.2 * lines[i - 2 if i > 1 else 0].top_size) \
                and len(block[0].text) < 80 and i < len(lines):
            in_references = False  # another heading
        for j in range(start, i):
            listed[j] = in_references
        if len(block) > 1:
            votes = _hanging_votes(block)
            if votes > 0 or (in_references and _has_indents(block) and _continuations(block) >= 0):
                for j in range(start, i):
                    out[j] = True
        start = i
    return out, listed


def _hanging_votes(block: list[Line]) -> int:
    """Pairs of consecutive lines at one indent, minus pairs of consecutive flush lines."""
    em = block[0].size
    left = min(line.x0 for line in block)
    votes = 0
    for a, b in zip(block, block[1:]):
        a_in, b_in = a.x0 > left + INDENT * em, b.x0 > left + INDENT * em
        if a_in and b_in and abs(a.x0 - b.x0) < 0.3 * em and a.x0 - left < 4 * em:
            votes += 1
        elif not a_in and not b_in:
            votes -= 1
    return votes


def _continuations(block: list[Line]) -> int:
    """Full flush lines followed by an indented one (hanging evidence), minus full indented lines
    followed by a flush one (first-line-indent evidence). In a reference list, where entries
    of one line are common, this decides rather than the runs of flush lines."""
    em = block[0].size
    left = min(line.x0 for line in block)
    score = 0
    for a, b in zip(block, block[1:]):
        a_in, b_in = a.x0 > left + INDENT * em, b.x0 > left + INDENT * em
        if a_in != b_in and a.right - a.x1 <= 3 * em:
            score += 1 if b_in else -1
    return score


def _has_indents(block: list[Line]) -> bool:
    em = block[0].size
    left = min(line.x0 for line in block)
    return any(line.x0 > left + INDENT * em for line in block)


@dataclass(slots=True)
class Paragraph:
    """Lines written as one paragraph: ``how[i]`` joins line i to the one before (unused for 0).
    ``kind`` is a region kind ("body", "heading", "caption", "title"...)."""

    lines: list[Line]
    how: list[Join]
    kind: str = "body"


def paragraphs(lines: list[Line], hyphen_keeps: Callable[[str, str, bool], bool] | None = None) -> list[Paragraph]:
    """The lines (in reading order) cut into paragraphs; floats (lines whose ``kind`` is not
    "body") come after the body paragraph they interrupt, each group a paragraph of its kind."""
    body: list[Line] = []
    floats_before: dict[int, list[list[Line]]] = {}
    for k, line in enumerate(lines):
        if line.kind == "body":
            body.append(line)
            continue
        groups = floats_before.setdefault(len(body), [])
        if groups and groups[-1][-1].kind == line.kind and groups[-1][-1] is lines[k - 1]:
            groups[-1].append(line)
        else:
            groups.append([line])
    how = joins(body, set(floats_before), hyphen_keeps)
    out: list[Paragraph] = []
    pending: list[list[Line]] = []

    def flush() -> None:
        for group in pending:
            how = ["break"] * len(group) if group[0].kind == "table" else joins(group, hyphen_keeps=hyphen_keeps)
            out.extend(_split(group, how, group[0].kind))
        pending.clear()

    current: list[int] = []
    for i, line in enumerate(body):
        if i and how[i] == "break":
            out.append(Paragraph([body[k] for k in current], [how[k] for k in current]))
            current = []
            flush()
        pending.extend(floats_before.get(i, []))
        if how[i] == "break":
            flush()
        current.append(i)
    if current:
        out.append(Paragraph([body[k] for k in current], [how[k] for k in current]))
    pending.extend(floats_before.get(len(body), []))
    flush()
    return out


def _split(lines: list[Line], how: list[Join], kind: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    for i, line in enumerate(lines):
        if not i or how[i] == "break":
            out.append(Paragraph([], [], kind))
        out[-1].lines.append(line)
        out[-1].how.append(how[i])
    return out


def write_paragraph(paragraph: Paragraph, out: TextBuilder, locator: str | None = None,
                    origin: str | None = None, mark: str | None = None) -> None:
    """Write one paragraph (the builder's open paragraph is ended first); ``mark`` anchors
    ``"start " + mark`` and ``"end " + mark`` at its two ends."""
    out.end_paragraph()
    if mark:
        out.anchor("start " + mark)
    lines, how = paragraph.lines, paragraph.how
    for i, line in enumerate(lines):
        if i and how[i] in ("space", "break"):
            out.add(" ", "joined", page=lines[i - 1].page, locator=locator)
        nxt = how[i + 1] if i + 1 < len(lines) else "break"
        write_line(line, out, drop_hyphen=nxt == "hyphen", origin=origin, locator=locator)
    if mark:
        out.anchor("end " + mark)
    out.end_paragraph()


def write_line(line: Line, out: TextBuilder, drop_hyphen: bool = False, origin: str | None = None,
               locator: str | None = None) -> None:
    for n, piece in enumerate(line.pieces):
        text, xs, inserted = piece.text, piece.xs, piece.inserted
        if drop_hyphen and n == len(line.pieces) - 1 and text.endswith("-"):
            text, xs = text[:-1], xs[:-1]
            inserted = [k for k in inserted if k < len(text)]
        if text:
            out.add(text, origin or piece.origin, char_x=[round(x, 2) for x in xs], inserted=inserted,
                    page=line.page, bbox=piece.bbox(), locator=locator)


def hyphen_rule(lines: list[Line]) -> Callable[[str, str, bool], bool]:
    """Whether a line-end hyphen between ``left`` and ``right`` is a real one (kept): the left
    half is already a compound ("seed-and-"), or the document writes the pair with a hyphen
    elsewhere more often than as one word, or (``ragged``) the text is set ragged-right, where
    nothing hyphenates, the document never writes the pair as one word and one half is a word
    of it ("problem-" "specific", not "infor-" "mation")."""
    words: Counter[str] = Counter()
    after_hyphen = False
    for line in lines:
        tokens = line.text.split()
        for word in tokens[1:] if after_hyphen else tokens:  # not the second half of a broken word
            words[word.strip(_PUNCTUATION).lower()] += 1
        after_hyphen = line.text.endswith("-")

    def keeps(left: str, right: str, ragged: bool) -> bool:
        left, right = left.strip(_PUNCTUATION).lower(), right.strip(_PUNCTUATION).lower()
        if not left or not right:
            return False
        if "-" in left:
            return True
        joined, hyphened = words[left + right], words[f"{left}-{right}"]
        return hyphened > joined or (ragged and not joined and (
            bool(words[left]) or bool(words[right]) or left in _COMPOUND_PREFIXES))
    return keeps
