"""Inline suppression comments, read by the loaders into ``Document.suppressions``.

In Markdown, HTML and plain text::

    Dredging doubled the port's depth (Okafor, 2019). <!-- factcheck: ignore CIT001 -->

    <!-- factcheck: ignore CLM001, SPL -->
    The dam is the highest in the region.

A comment covers the line it is on or, when it stands alone on its line, the line after it.
Codes may be prefixes (``CLM``); a comment with no code covers every rule (``*``); the codes end
at the first word that is not one (a reason: ``ignore CLM002 quoted from the minutes``).
Applying them to findings is ``factcheck.suppress``'s job.
"""

from __future__ import annotations

import re

from factcheck.documents.model import InlineSuppression
from factcheck.spans import LineIndex
from factcheck.text.lazy_regex import regex

COMMENT = regex(r"<!--[ \t]*factcheck:[ \t]*ignore\b([^\n]*?)-->", re.IGNORECASE)
# The body of an HTML comment node (the parser strips the <!-- -->).
COMMENT_BODY = regex(r"^\s*factcheck:\s*ignore\b([^\n]*)$", re.IGNORECASE)
_CODE_TOKEN = regex(r"[A-Za-z]+[0-9]*")


def codes(rest: str) -> list[str]:
    """Codes listed after ``ignore``, upper-cased: tokens up to the first that is not a code
    (a word in lower case without digits starts the reason); ``["*"]`` when there is none."""
    found = []
    for token in re.split(r"[\s,]+", rest.strip()):
        if not token:
            continue
        if not _CODE_TOKEN.fullmatch(token) or not (token.isupper() or any(ch.isdigit() for ch in token)):
            break
        found.append(token.upper())
    return found or ["*"]


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Where the suppression comments of a plain text are: markup, not prose (a text file's
    loader declares them as such, as the Markdown and HTML parsers declare every comment)."""
    return [match.span() for match in _comments(text)]


def _comments(text: str):
    for match in COMMENT.finditer(text):
        if match.start() and text[match.start() - 1] == "`":
            continue  # quoted as code: `<!-- factcheck: ignore CODE -->` in documentation
        yield match


def text_suppressions(text: str) -> tuple[InlineSuppression, ...]:
    """The suppression comments written in a text or Markdown file, in text order."""
    found: list[InlineSuppression] = []
    lines = None
    for match in _comments(text):
        lines = lines or LineIndex(text)
        line = lines.line(match.start())
        start = lines.line_start(line)
        end = text.find("\n", start)
        rest = COMMENT.sub("", text[start: len(text) if end == -1 else end])
        covered = line + 1 if not rest.strip() else line
        found.extend(InlineSuppression(code=code, line=covered, comment_line=line) for code in codes(match.group(1)))
    return tuple(found)


def anchored_suppressions(text: str, anchors: tuple[tuple[str, int], ...]) -> tuple[InlineSuppression, ...]:
    """Suppressions a structured loader (HTML) anchored at offsets of its text as ``(code, offset)``:
    each covers the line its offset is on."""
    if not anchors:
        return ()
    lines = LineIndex(text)
    out = []
    for code, offset in anchors:
        line = lines.line(min(offset, len(text)))
        out.append(InlineSuppression(code=code, line=line, comment_line=line))
    return tuple(out)
