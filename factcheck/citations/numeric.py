"""Numbered citations: brackets (IEEE ``[1]``, ``[2]–[4]``, ``[1, 3, 5–7]``), parentheses (Vancouver
``(1)``, ``(2-4)``, ``(1,2)``) and superscripts (AMA, Nature, Science: ``cancer.¹²``, ``⁴⁻⁶``, pandoc's
plain-text ``^(2,3)``, and the ``[3]`` a reader writes for a raised digit).

Each finder yields ``(numbers, start, end)`` for one group: the numbers it cites in order, ranges
expanded (``[2]–[4]`` and ``4–6`` cite 2, 3, 4 and 4, 5, 6), and the span of the whole group, which
every citation of the group carries as its text. Whether a group is a numeric citation or a note
marker, and whether parenthesised or raised numbers are citations at all, is decided from the
document (``factcheck.citations.style``), not here.

All patterns are bounded (at most 20 numbers a group, 4 digits a number), so scanning is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.text.lazy_regex import regex

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS + "⁻˒", "0123456789-,")
_DASH = "-–—‐‑"
_NUMBER_LIST = rf"\d{{1,4}}(?:\s*[{_DASH},]\s*\d{{1,4}}){{0,20}}"  # (the dash first: "[,-–]" is a range of characters)
# "[3]", "[2, 4]", "[1–3]", and IEEE's chained "[2]–[4]" (a range) as one group.
# A locator after the numbers: "[2, pp. 12–15]", "[6, Ch. 2]".
_IN_LOCATOR = r"(?:,\s?(?:pp?|ch|chap|sec|fig|para|eq|tab)s?\.\s?[\w.]{1,10}(?:\s?[–-]\s?\w{1,6})?)?"
_BRACKET = regex(rf"\[({_NUMBER_LIST}){_IN_LOCATOR}\](?:\s?[{_DASH}]\s?\[(\d{{1,4}})\])?", re.IGNORECASE)
# "(1)", "(2,3)", "(11–15)"; with a prefix pandoc kept inside ("(as is done for the RFM model, 1)").
_LEAD = r"(?:(?:see\s+also|see|e\.g\.,?|cf\.)\s)?"
_PAREN = regex(rf"\((?:(?P<prefix>[^()\d\n]{{2,120}}?),\s)?{_LEAD}(?P<numbers>{_NUMBER_LIST}){_IN_LOCATOR}\)",
               re.IGNORECASE)
# Unicode superscript runs: "¹²", "⁴⁻⁶", "¹˒²" ...
_RAISED = regex(rf"[{SUPERSCRIPT_DIGITS}]{{1,4}}(?:[⁻˒,][{SUPERSCRIPT_DIGITS}]{{1,4}}){{0,20}}")
_SUPERSCRIPT_CHAR = regex(rf"[{SUPERSCRIPT_DIGITS}]")
# pandoc's plain text for superscript it cannot write in Unicode: "^(2,3)", "^(5–7)".
_CARET = regex(rf"\^\({_LEAD}({_NUMBER_LIST}){_IN_LOCATOR}\)", re.IGNORECASE)
_PROMPT = regex(r"(?:\bIn|\bOut)\s?$")
# A unit the raised digit is the power of: after a number ("5 m²"), or a unit of length after a
# slash or "per" ("€/m³", "people per km²") or alone in brackets ("(km²)"); not "his/her¹".
_UNIT_BEFORE = regex(r"(?:(?:^|[\s(])\d[\d.,]*\s?[a-zA-Zµ°Å]{1,3}|(?:/\s?|\bper\s|\()(?:[kcmµd]?m|ft|in|mi|yd|ha))$")
_MAX_RANGE = 50


# Leading spaces are taken only from where their run starts (see citations.names): linear, and
# the same splits as "\s*,\s*".
_COMMA = regex(r"(?:(?<!\s)\s+)?,\s*")
_RANGE = regex(rf"(?:(?<!\s)\s+)?[{_DASH}]\s*")


def expand(spec: str) -> list[int]:
    """The numbers a group cites: "1, 3, 5–7" -> [1, 3, 5, 6, 7]; a range over 50 keeps its ends."""
    if spec.isascii() and spec.isdigit():  # "³".isdigit() is true too
        return [int(spec)]
    numbers: list[int] = []
    for piece in _COMMA.split(spec.translate(_TO_DIGITS).strip()):
        bounds = [int(x) for x in _RANGE.split(piece) if x.isdigit()]
        if not bounds:
            continue
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= _MAX_RANGE:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


_INDENT_OR_NEWLINE = " \t-*•\n"  # what at_line_start can find before a label
_FORMULA_BEFORE = (")", "]")  # in_formula needs one of them right before


def at_line_start(text: str, pos: int) -> bool:
    """Whether only indentation or a bullet comes before ``pos`` on its line (a label's place)."""
    i, lo = pos, max(0, pos - 12)
    while i > lo and text[i - 1] in " \t-*•":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def in_formula(text: str, start: int, pos: int) -> bool:
    """A raised or bracketed number right after a closing bracket in a formula ("(h_l)²+…")."""
    if pos <= start or text[pos - 1] not in ")]":
        return False
    line_start = max(start, text.rfind("\n", 0, pos) + 1)
    line_end = text.find("\n", pos)
    around = text[max(line_start, pos - 30):pos + 30 if line_end < 0 else min(line_end, pos + 30)]
    return any(ch in around for ch in "=^_∑∫+")


def find_brackets(text: str, start: int, end: int) -> Iterator[tuple[list[int], int, int]]:
    """Bracketed number groups, not the label that opens a line (a note's or an entry's own)."""
    for m in _BRACKET.finditer(text, start, end):
        at = m.start()
        # "In [1]:" (a prompt) has "n", "t" or a space right before its bracket: else no search
        before = text[at - 1] if at > start else ""
        # (at_line_start and in_formula called only where the character before allows them)
        if ((at == 0 or text[at - 1] in _INDENT_OR_NEWLINE) and at_line_start(text, at)) or (
                before and (before in "nt" or before.isspace()) and _PROMPT.search(text, max(start, at - 4), at)):
            continue  # a label, or an interactive prompt "In [1]:"
        if before in _FORMULA_BEFORE and in_formula(text, start, at):
            continue  # "(g_l^m)[2]": an exponent a reader bracketed
        group, tail = m.group(1, 2)
        numbers = [int(group)] if group.isascii() and group.isdigit() else expand(group)
        if tail:  # "[2]–[4]"
            last = int(tail)
            first = numbers[-1]
            numbers.extend(range(first + 1, last + 1) if 0 < last - first <= _MAX_RANGE else [last])
        if numbers:
            yield numbers, at, m.end()


def find_parentheses(text: str, start: int, end: int, highest: int) -> Iterator[tuple[list[int], int, int]]:
    """Parenthesised number groups whose every number is an entry of a list of ``highest``.

    "(1)" is also how equations and enumerations are numbered: only a document with a numbered
    reference list has these as citations, and only numbers its list holds.
    """
    for m in _PAREN.finditer(text, start, end):
        if m.start() > 0 and text[m.start() - 1] in "^_":
            continue  # pandoc's raised "^(2,3)" (read as a superscript), or a subscript
        numbers = expand(m.group("numbers"))
        if not numbers or not all(1 <= n <= highest for n in numbers):
            continue
        prefix = m.group("prefix")
        if prefix and (not prefix.strip() or prefix.rstrip()[-1:] in ",;:" or _looks_like_math(prefix)):
            continue
        yield numbers, m.start(), m.end()


def _looks_like_math(prefix: str) -> bool:
    return any(ch in prefix for ch in "=+*/<>^_")


def may_hold_superscripts(text: str) -> bool:
    """Whether ``find_superscripts`` can find anything in ``text``: a superscript digit or a "^"
    somewhere (asked once per document, so that a page of 90,000 blocks without one skips them)."""
    return "^" in text or _SUPERSCRIPT_CHAR.search(text) is not None


def find_superscripts(text: str, start: int, end: int) -> Iterator[tuple[list[int], int, int]]:
    """Raised numbers: Unicode superscript runs and pandoc's "^(2,3)". An exponent is not one: a
    run right after a digit ("10⁷", "512²") or after a unit ("5 m²", "€/m³", "per km²", "(km²)")."""
    for m in _RAISED.finditer(text, start, end):
        before = text[max(start, m.start() - 12):m.start()]
        if before[-1:].isdigit() or before[-1:] in SUPERSCRIPT_DIGITS or _UNIT_BEFORE.search(before):
            continue
        if in_formula(text, start, m.start()):
            continue  # "(g_(l)^(m))²": an exponent in a formula
        if m.end() < end and (text[m.end()].isalnum() and text[m.end()] not in SUPERSCRIPT_DIGITS):
            continue  # a superscript inside a word or formula
        numbers = expand(m.group())
        if numbers:
            yield numbers, m.start(), m.end()
    for m in _CARET.finditer(text, start, end):
        numbers = expand(m.group(1))
        if numbers:
            yield numbers, m.start(), m.end()
