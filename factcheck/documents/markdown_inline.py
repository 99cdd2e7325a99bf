"""Where markdown-it's inline tokens are in the source.

markdown-it gives block tokens a line map but their inline children (code spans, raw HTML tags,
math, footnote references, links) no position at all. ``InlineLocator`` finds each one in the
source lines of its block, in token order: the children come in source order, so a cursor that
moves forward past each one found keeps the search linear and unambiguous, and each candidate is
checked against the token's content before it is taken. A child that cannot be placed is left
out (no region, no mark), never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from factcheck.text.lazy_regex import regex

_BACKTICKS = regex(r"`+")
_SPACES = regex(r"\s+")
_FOOTNOTE_TEXT_REF = regex(r"\[\^([^\]\s]{1,60})\]")
_NAMED_TAG = regex(r"""<(?:a|span|div|p|li|cite)\b[^>]*?\b(?:name|id)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_CLOSING_TAG = regex(r"\s*</(?:a|span)\s*>", re.IGNORECASE)


@dataclass
class InlineFound:
    """What one inline token held, with source offsets."""

    code: list[tuple[int, int]] = field(default_factory=list)  # code spans, math, raw HTML tags
    # (start, end, label or None for an inline note, number) of each footnote reference
    note_refs: list[tuple[int, int, str | None, int]] = field(default_factory=list)
    inline_notes: list[tuple[int, int, int, int]] = field(default_factory=list)  # start, end, body start, number
    links: list[tuple[int, int, str]] = field(default_factory=list)  # [text](#name): the text's span, name
    anchors: list[tuple[str, int, int, int]] = field(default_factory=list)  # name, start, end, target
    only_images: bool = False  # the paragraph is an image (a figure) and nothing else


def named_anchor(tag: str) -> str | None:
    """The name a tag gives its place (``<a name="x">``, ``<span id="x">``), else None."""
    m = _NAMED_TAG.match(tag)
    return m.group(1) if m else None


def anchor_target(text: str, end: int) -> int:
    """Where the text an anchor names starts: after its empty closing tag and spaces."""
    m = _CLOSING_TAG.match(text, end)
    pos = m.end() if m else end
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos


def _normal(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


class InlineLocator:
    """Places the children of inline tokens in ``text`` (see the module docstring)."""

    def __init__(self, text: str, line_starts: list[int]) -> None:
        self.text = text
        self.line_starts = line_starts
        self._cursor_for: tuple[int, int] | None = None  # table cells share their row's map
        self._cursor = 0

    def span_of(self, line_map: list[int]) -> tuple[int, int]:
        starts = self.line_starts
        start = starts[line_map[0]] if line_map[0] < len(starts) else len(self.text)
        end = starts[line_map[1]] if line_map[1] < len(starts) else len(self.text)
        return start, end

    def locate(self, token: Any) -> InlineFound:
        found = InlineFound()
        if not token.map or not token.children:
            return found
        lo, hi = self.span_of(token.map)
        key = (lo, hi)
        if self._cursor_for != key:
            self._cursor_for, self._cursor = key, lo
        pos = self._cursor
        link_starts: list[tuple[int, str | None]] = []
        meaningful = False
        images = 0
        for child in token.children:
            kind = child.type
            if kind == "code_inline":
                span = self._code_span(child.markup, child.content, pos, hi)
                if span:
                    found.code.append(span)
                    pos = span[1]
            elif kind == "math_inline" or kind == "math_inline_double":
                span = self._delimited(child.markup or "$", child.content, pos, hi)
                if span:
                    found.code.append(span)
                    pos = span[1]
            elif kind == "html_inline":
                at = self.text.find(child.content, pos, hi)
                if at >= 0:
                    end = at + len(child.content)
                    found.code.append((at, end))
                    name = named_anchor(child.content)
                    if name:
                        found.anchors.append((name, at, end, anchor_target(self.text, end)))
                    pos = end
            elif kind == "footnote_ref":
                meta = child.meta or {}
                number = int(meta.get("id", 0)) + 1
                label = meta.get("label")
                if label is not None:
                    at = self.text.find(f"[^{label}]", pos, hi)
                    if at >= 0:
                        end = at + len(label) + 3
                        found.note_refs.append((at, end, str(label), number))
                        pos = end
                else:  # an inline note ^[text]
                    span = self._inline_note(pos, hi)
                    if span:
                        found.note_refs.append((span[0], span[1], None, number))
                        found.inline_notes.append((span[0], span[1], span[0] + 2, number))
                        pos = span[1]
            elif kind == "link_open":
                href = child.attrGet("href") or ""
                at = self._link_open(href, pos, hi)
                link_starts.append((at, href[1:] if href.startswith("#") and len(href) > 1 else None))
                if at >= 0:
                    pos = at + 1
            elif kind == "link_close" and link_starts:
                start, name = link_starts.pop()
                text_end, end = self._link_end(pos, hi)
                if end > 0:
                    if name and 0 <= start < text_end:
                        found.links.append((start + 1, text_end, name))  # the link's text
                    self._destination(found, text_end, end)
                    pos = end
            elif kind == "image":
                images += 1
                at = self.text.find("![", pos, hi)
                if at >= 0:
                    text_end, end = self._link_end(at + 2, hi)
                    if end > 0:
                        self._destination(found, text_end, end)
                        pos = end
            elif kind == "text" and child.content.strip() and not child.content.strip().startswith("{"):
                meaningful = True  # a pandoc attribute block {width=80%} after an image does not count
        found.only_images = images > 0 and not meaningful
        self._cursor = pos
        return found

    def text_note_refs(self, lo: int, hi: int, taken: set[int]) -> list[tuple[int, int, str]]:
        """``[^label]`` written in ``text[lo:hi]`` but not parsed as a reference (it names no note)."""
        out = []
        for m in _FOOTNOTE_TEXT_REF.finditer(self.text, lo, hi):
            if m.start() in taken or self.text.startswith(":", m.end()):
                continue
            out.append((m.start(), m.end(), m.group(1)))
        return out

    def _destination(self, found: InlineFound, text_end: int, end: int) -> None:
        """A link's ``](url "title")`` or ``][label]`` is markup, not prose ("code"): its digits
        are no numbers, and its label ``[1]`` no citation."""
        if self.text[text_end:text_end + 2] in ("](", "]["):
            found.code.append((text_end, end))

    # -- the searches ----------------------------------------------------------------------

    def _code_span(self, markup: str, content: str, pos: int, hi: int) -> tuple[int, int] | None:
        """The next run of exactly ``markup`` backticks closed by another, holding ``content``."""
        text = self.text
        want = _normal(content)
        for m in _BACKTICKS.finditer(text, pos, hi):
            if m.group() != markup or (m.start() > 0 and text[m.start() - 1] == "\\"):
                continue  # another run, or an escaped backtick: not this span's opening
            for close in _BACKTICKS.finditer(text, m.end(), hi):
                if close.group() == markup:
                    if _normal(text[m.end():close.start()]) == want:
                        return m.start(), close.end()
                    break
        return None

    def _delimited(self, markup: str, content: str, pos: int, hi: int) -> tuple[int, int] | None:
        text = self.text
        needle = markup + content + markup
        at = text.find(needle, pos, hi)
        if at >= 0:
            return at, at + len(needle)
        at = text.find(markup + content.split("\n", 1)[0], pos, hi)
        if at < 0:
            return None
        close = text.find(markup, at + len(markup) + len(content.split("\n", 1)[0]), hi)
        return (at, close + len(markup)) if close >= 0 else None

    def _inline_note(self, pos: int, hi: int) -> tuple[int, int] | None:
        text = self.text
        at = text.find("^[", pos, hi)
        if at < 0:
            return None
        depth = 0
        for i in range(at + 1, hi):
            ch = text[i]
            if ch == "\\":
                continue
            if ch == "[" and text[i - 1] != "\\":
                depth += 1
            elif ch == "]" and text[i - 1] != "\\":
                depth -= 1
                if depth == 0:
                    return at, i + 1
        return None

    def _link_end(self, pos: int, hi: int) -> tuple[int, int]:
        """(end of the link text, end of the link) for the link whose text ends after ``pos``:
        ``[text](...)``, ``[text][ref]`` or ``[text]``; (-1, -1) when it cannot be placed."""
        text = self.text
        first = close = text.find("]", pos, hi)
        while close >= 0 and text[close + 1:close + 2] not in ("(", "["):
            close = text.find("]", close + 1, hi)
        if close < 0:  # a shortcut reference link [text]
            return (first, first + 1) if first >= 0 else (-1, -1)
        if text[close + 1] == "(":
            depth = 0
            for i in range(close + 1, hi):
                if text[i] == "(":
                    depth += 1
                elif text[i] == ")":
                    depth -= 1
                    if depth == 0:
                        return close, i + 1
            return -1, -1
        end = text.find("]", close + 2, hi)
        return close, (end + 1 if end >= 0 else close + 1)

    def _link_open(self, href: str, pos: int, hi: int) -> int:
        """The ``[`` that opens the link to ``href``: found back from its ``](href`` over the link
        text's balanced brackets (brackets that are not links, such as ``[@key]``, may come first:
        markdown-it gives them as plain text); else the next unescaped ``[``."""
        text = self.text
        close = text.find("](" + href, pos, hi) if href else -1
        if close < 0:
            return self._unescaped(text, "[", pos, hi)
        depth = 0
        for i in range(close - 1, pos - 1, -1):
            ch = text[i]
            if i > 0 and text[i - 1] == "\\":
                continue
            if ch == "]":
                depth += 1
            elif ch == "[":
                if depth == 0:
                    return i
                depth -= 1
        return self._unescaped(text, "[", pos, hi)

    @staticmethod
    def _unescaped(text: str, char: str, pos: int, hi: int) -> int:
        at = text.find(char, pos, hi)
        while at > 0 and text[at - 1] == "\\":
            at = text.find(char, at + 1, hi)
        return at
