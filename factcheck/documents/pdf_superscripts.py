"""What a raised, smaller group of characters is, from what stands before it.

A superscript after a word or a punctuation mark is a note marker or a numeric citation
(``[3]``, ``[2,3]``, ``[4–6]``; the citation grammar decides which from the document); after a
number, a single-letter variable or a unit following a number it is an exponent (``2^20``,
``x^2``, ``10 km^2``), but after a name that ends in digits ("KRV07", "Probe12") a marker; an
ordinal suffix (``19th``) or a letter is plain text. Affiliation marks in an author block are
recognised later, once the block is known (``pdf_front``).
"""

from __future__ import annotations

import re
from typing import Literal

from factcheck.documents.assemble import note_label

Role = Literal["note", "exponent", "plain"]

_EXPONENT = re.compile(r"[-−+]?[0-9a-zA-Z.]{1,6}")
_ORDINAL = re.compile(r"st|nd|rd|th|e|er|re|ème|o|a", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE]")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_UNIT = re.compile(r"(?:[kcmµμn]?m|km|s|h|g|kg|Hz|ft|in|yd|mi|K|J|W|V|A|Pa|mol|L|l)")
# Whether a line ends in a number (and spaces). Tried from the start of a run of digits, dots and
# commas only, up to its first digit, once ("(?>...)"): the run's end is the same from any later
# digit, so retrying from each (as "\d[\d.,]*\s*$" did) was quadratic on a long run.
_NUMBER_END = re.compile(r"(?<![\d.,])(?>[\d.,]*?\d)[\d.,]*+\s*$")
_LETTERS = re.compile(r"[^\W\d_]")
_LIST = re.compile(r"\d{1,3}(?:\s?[,–-]\s?\d{1,3})+")


def classify(before: str, raised: str) -> Role:
    """The role of the superscript ``raised`` given the text of its line ``before`` it."""
    token = before.rsplit(" ", 1)[-1] if before and not before.endswith(" ") else ""
    if token and token[-1].isdigit():
        if _LIST.fullmatch(raised):
            return "note"  # "FLUX-5¹⁶˒²⁰": a list or range of numbers is never a power
        digits = re.search(r"\d+$", token).group()  # type: ignore[union-attr]
        if len(_LETTERS.findall(token)) >= 2 and note_label(raised):
            return "note"  # "KRV07³¹", "Probe12³³": a model's or a mission's name, not a number
        if _YEAR.fullmatch(digits) and note_label(raised) and token == digits:
            return "note"  # "since 2019³": a year takes a note, not a power
        if _ORDINAL.fullmatch(raised):
            return "plain"  # "19th", "2nd"
        return "exponent" if _EXPONENT.fullmatch(raised) else "plain"
    if token and _SCIENTIFIC.fullmatch(token) and _EXPONENT.fullmatch(raised):
        return "exponent"  # 2e⁷
    if raised[:1] in "-−+" and _EXPONENT.fullmatch(raised):
        return "exponent"  # 10⁻³, s⁻¹
    if token and len(token) == 1 and token.isalpha() and _EXPONENT.fullmatch(raised):
        return "exponent"  # x², e^n
    if token and _UNIT.fullmatch(token) and _NUMBER_END.search(before[:-len(token)]) and raised in ("2", "3"):
        return "exponent"  # 40 km², 3 m³
    if note_label(raised):
        return "note"
    return "plain"
