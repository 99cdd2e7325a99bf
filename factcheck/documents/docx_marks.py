"""What Word's styles and raised digits say: region kinds, the author block, and superscripts.

Why this shape:
- A paragraph's style names what it is (Word's built-in "Title", "Heading 1", "Caption",
  "Quote"; pandoc's "Author", "Date", "Source Code", "Bibliography"; the character styles of
  inline code), more surely than the layout can guess from the text.
- Raised text (``w:vertAlign="superscript"``, or a run raised by ``w:position`` as PDF
  converters write it) is classified from its context, as the text-shape contract asks: in the
  author block (the short paragraphs between the title and the abstract or first heading) it is
  an affiliation or footnote-symbol mark, left out of the text; after a digit, or after a unit
  that follows a number ("5 km²"), or with a minus sign, it is an exponent, ``^`` + its digits;
  digits, commas and dashes elsewhere are a note marker or a numeric citation, ``[…]`` as
  printed. Anything else raised (ordinals, letters) is text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from factcheck.documents.assemble import note_label
from factcheck.documents.model import RegionKind

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Paragraph style names (lower case, as Word and pandoc name them) and the region each declares.
_STYLE_KINDS: dict[str, RegionKind] = {
    "title": "title", "subtitle": "heading", "toc heading": "heading",
    "caption": "caption", "image caption": "caption", "table caption": "caption", "figure caption": "caption",
    "author": "byline", "authors": "byline", "affiliation": "byline", "author affiliation": "byline",
    "date": "metadata", "keywords": "metadata",
    # A block quotation is the author's text quoting another's: prose, whatever the layout guesses.
    "quote": "body", "intense quote": "body", "block text": "body", "block quote": "body",
    "source code": "code", "html code": "code", "html preformatted": "code", "macro text": "code",
    "code": "code", "verbatim": "code", "plain text": "code",
    "bibliography": "references",
}
# Character styles of inline code (pandoc writes "Verbatim Char").
_CODE_CHARACTER_STYLES = frozenset({"verbatim char", "verbatimchar", "html code", "code", "source code char",
                                    "html keyboard", "html typewriter"})
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre|título|titolo|kop)\s*\d", re.IGNORECASE)
# Paragraphs that open the article after the author block.
_OPENINGS = re.compile(r"^\s*(?:abstract|summary|introduction|background|keywords|key words|résumé|zusammenfassung)\b",
                       re.IGNORECASE)
_AFFILIATION_MARK = re.compile(r"^[\s,]*(?:[0-9]{1,2}|[a-z]|[*†‡§¶#‖]+)(?:\s*[,–-]\s*(?:[0-9]{1,2}|[a-z]|[*†‡§¶#‖]+))*[\s,]*$")
# Blanks, an optional minus and blanks, then digits: written so that two runs of blanks never
# share the same characters ("\s*[−–-]?\s*" split every run of spaces both ways: quadratic).
_EXPONENT = re.compile(r"^\s*(?:[−–-]\s*)?\d{1,3}\s*$")
_LONE_LETTER = re.compile(r"(?:^|[\s(=×·*/])[A-Za-zα-ωΑ-Ω]$")
_UNIT_AFTER_NUMBER = re.compile(r"\d\s?([A-Za-zµ]{1,3})$")
_UNITS = frozenset("m cm mm km µm um nm s ms kg g mg l L ml mL ft in yd mi ha K mol Hz W J N Pa V A".split())
_NAME_END = re.compile(r"(?:^|[\s(])[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*$|[0-9*†‡§¶#‖]$")
_MAX_UNMARKED_CHARS = 150
BYLINE_SCAN = 20  # the author block lies in the first paragraphs with text; past these, none is looked for
BYLINE_PARAGRAPHS = 200  # paragraphs read for it, empty ones included (PDF conversions leave many)
_MAX_BYLINE_CHARS = 400


def style_kind(name: str | None) -> RegionKind | None:
    """The region a paragraph style declares, else None."""
    if not name:
        return None
    lowered = name.strip().lower()
    if lowered in _STYLE_KINDS:
        return _STYLE_KINDS[lowered]
    if _HEADING_STYLE.match(lowered):
        return "heading"
    return None


def is_code_character_style(name: str | None) -> bool:
    return bool(name) and name.strip().lower() in _CODE_CHARACTER_STYLES


def byline_paragraphs(paragraphs: Sequence[tuple[str | None, str, Sequence[tuple[str, str]]]]) -> set[int]:
    """Indexes of the author block among the first paragraphs, given (style kind, text, raised
    marks as (text before, raised text)) for each.

    The block is the run of paragraphs right after the title, up to a heading, the abstract or
    any paragraph that is neither an author line nor an affiliation: a paragraph styled as one,
    a short one whose raised marks all sit at its start or right after a name ("Marrow¹ &
    Delacre²", "¹ Eindhoven University"), or a short unmarked line between them. It counts only
    when one of its paragraphs carries such a mark or an author style: a raised "4" after
    "dredging" is a citation, and the paragraph holding it ends the search.
    """
    title = next((i for i, (_, text, _) in enumerate(paragraphs) if text.strip()), None)
    if title is None:
        return set()
    run, marked, seen = [], False, 0
    for i in range(title + 1, len(paragraphs)):
        kind, text, marks = paragraphs[i]
        stripped = text.strip()
        if not stripped:
            continue
        seen += 1
        if seen > BYLINE_SCAN:
            break
        if kind == "byline":
            run.append(i)
            marked = True
            continue
        if kind in ("heading", "title") or _OPENINGS.match(stripped) or len(stripped) > _MAX_BYLINE_CHARS:
            break
        if marks:
            if not all(_AFFILIATION_MARK.match(raised) and _after_name(before) for before, raised in marks):
                break
            run.append(i)
            marked = True
        elif len(stripped) <= _MAX_UNMARKED_CHARS and len(stripped.split()) <= 20 and not stripped.endswith("."):
            run.append(i)
        else:
            break
    return set(run) if marked else set()


def _after_name(before: str) -> bool:
    """A mark at the start of its paragraph, or right after a capitalized word (or a mark)."""
    tail = before.rstrip(" ,\u00a0")
    return not tail or bool(_NAME_END.search(tail))


def classify_raised(raised: str, before: str, in_byline: bool) -> tuple[str, str] | None:
    """What raised text is: ("affiliation", mark), ("exponent", "^n"), ("marker", "[n]"), or None
    for text to keep as it is. ``before`` is the text written just before it in the paragraph."""
    stripped = raised.strip()
    if not stripped:
        return None
    if in_byline and _AFFILIATION_MARK.match(raised):
        return "affiliation", stripped
    compact = "".join(raised.split())
    if _EXPONENT.match(compact) and (compact[0] in "−–-" or _exponent_base(before)):
        return "exponent", "^" + compact.replace("–", "−").replace("-", "−")
    label = note_label(raised)
    return ("marker", f"[{label}]") if label else None


def _exponent_base(before: str) -> bool:
    """Whether raised digits after ``before`` are a power: after a number that is not a year
    ("2²⁰", "10⁶"; "in 2019¹" cites), after a lone letter ("x²", "R²", "χ²"), or after a unit
    that follows a number ("12 km²")."""
    if not before:
        return False
    if before[-1].isdigit():
        number = re.search(r"\d+$", before).group()
        return not (len(number) == 4 and 1800 <= int(number) <= 2099)
    if _LONE_LETTER.search(before):
        return True
    m = _UNIT_AFTER_NUMBER.search(before)
    return bool(m) and m.group(1) in _UNITS


def style_names(document: Any) -> dict[str, str]:
    """Style id → name ("Heading1" → "Heading 1")."""
    try:
        return {style.style_id: style.name for style in document.styles if style.style_id and style.name}
    except Exception:  # a damaged styles part: styles are a hint, never a reason to fail
        return {}


def is_raised(props: Any) -> bool:
    """Superscript, or lifted above the baseline by ``w:position`` (as PDF converters write it)."""
    align = props.find(_W + "vertAlign")
    if align is not None:
        return align.get(_W + "val") == "superscript"
    position = props.find(_W + "position")
    value = position.get(_W + "val") if position is not None else None
    return bool(value) and value.lstrip("+").isdigit() and int(value.lstrip("+")) > 0
