"""Markdown read in linear time, whatever the file: the markdown-it parser with its bracket rules
bounded, the budgets past which a file is not parsed as a manuscript, and the quick reader used then.

Why this shape: markdown-it-py is linear on prose but not on every input (a paragraph of unclosed
brackets is scanned once per bracket), and ``factcheck.documents.markdown`` must stay fast on
hostile files; what keeps it so lives here, apart from what the tokens mean.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import image, link
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_inline, footnote_ref
from mdit_py_plugins.front_matter import front_matter_plugin

from factcheck.documents.front_matter import MAX_FRONT_MATTER
from factcheck.documents.model import Anchor, CitationField, NoteMark, Region, RegionKind, laminar_regions
from factcheck.text.lazy_regex import regex


@lru_cache(maxsize=1)
def parser() -> Any:
    """The parser, built once; this module is imported only when a Markdown file is met (and
    before workers fork, see ``factcheck.workers.warm_up``), so it is built at import."""
    md = plain_parser()
    for name, rule in (("link", link), ("image", image), ("footnote_inline", footnote_inline),
                       ("footnote_ref", footnote_ref)):
        md.inline.ruler.at(name, _bounded(rule))
    ruler = md.block.ruler
    for name, (openers, line_after) in BLOCK_OPENERS.items():
        rule = ruler.__rules__[ruler.__find__(name)]
        ruler.at(name, _gated(rule.fn, openers, line_after), {"alt": list(rule.alt)})  # (alt: what it may interrupt)
    ruler.getRules("")  # compiles the chains, whose terminators are then asked in one call a line
    for chain in _TERMINATOR_CHAINS:
        ruler.__cache__[chain] = [_terminators(ruler.__cache__[chain])]
    # markdown-it-py 4 lets a plugin add characters at which its rules fire: those count as marks too
    added = "".join(sorted(getattr(md.inline, "_extra_terminator_chars", ()) or ()))
    md.core.ruler.at("inline", _inline_where_marked(re.compile("[" + re.escape(_TERMINATORS + added) + "]")))
    return md


def plain_parser() -> Any:
    """The parser with markdown-it's own rules: what ``parser`` reads the same, faster."""
    # Pandoc's rule for $math$: no space inside the dollars, no digit after the closing one
    # (so "$5 and $10" stays text).
    md = (MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
          .use(footnote_plugin).use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True))
    ruler = md.block.ruler
    rule = ruler.__rules__[ruler.__find__("front_matter")]
    ruler.at("front_matter", _no_blank_after_opening(rule.fn), {"alt": list(rule.alt)})
    return md


def _no_blank_after_opening(front_matter: Callable) -> Callable:
    """The front-matter rule, but "---" then a blank line opens no metadata block (pandoc's
    rule): a thematic break, and what follows is the document's (``_FRONT_MATTER`` says the same
    for the quick reader)."""
    def rule(state: Any, start: int, end: int, silent: bool) -> bool:
        if start + 1 < state.lineMax and state.isEmpty(start + 1):
            return False
        return front_matter(state, start, end, silent)
    return rule


# The first character (after the indent) of the line a block opens at, for the block rules that
# may interrupt a paragraph: CommonMark's fence, quote, break, list, raw HTML and heading, a note's
# definition "[^", and GFM's table by the line after it (its delimiter row). markdown-it asks each
# of these at every line of a paragraph, twice (the setext-heading rule reads the paragraph ahead
# first): 360,000 calls in a paragraph of 20,000 lines. Each rule answers no at any other
# character, and is now asked only where its block can open.
BLOCK_OPENERS: dict[str, tuple[str, bool]] = {
    "table": ("|-:", True), "fence": ("`~", False), "blockquote": (">", False), "hr": ("*-_", False),
    "list": ("*-+0123456789", False), "footnote_def": ("[", False), "html_block": ("<", False),
    "heading": ("#", False)}


def _gated(rule: Any, openers: str, line_after: bool) -> Any:
    def gated(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        line = start_line + 1 if line_after else start_line
        if line < state.lineMax:
            at = state.bMarks[line] + state.tShift[line]
            if state.src[at:at + 1] not in openers:  # ("" at the end of the text: the rule decides)
                return False
        return rule(state, start_line, end_line, silent)
    gated.gate = (rule, openers, line_after)  # type: ignore[attr-defined]  # for ``_terminators``
    return gated


# The chains of rules that may end a block early (a paragraph, a quote, a list, a link reference),
# asked at each of its lines: 8-9 rules a line, each a call even when its gate says no at once.
_TERMINATOR_CHAINS = ("paragraph", "reference", "blockquote", "list")  # ("lheading" asks "paragraph"'s)


def _terminators(rules: list[Any]) -> Any:
    """One rule for a chain of terminators: the gates read once a line (the line's first character,
    and the next line's for a table), then the rules they let through asked in the chain's order, as
    the chain would (a gate that says no is a rule that says no). The rules let through are kept by
    the pair of characters, so most lines call one list of one or two rules."""
    gates = [getattr(rule, "gate", (rule, None, False)) for rule in rules]
    chains: dict[tuple[str | None, str | None], tuple[Any, ...]] = {}

    def let_through(first: str | None, next_first: str | None) -> tuple[Any, ...]:
        # None: no such line (the rule decides, as in ``_gated``)
        chain = tuple(rule for rule, openers, line_after in gates
                      if openers is None or (next_first if line_after else first) is None
                      or (next_first if line_after else first) in openers)
        if len(chains) < 4096:  # pairs of first characters: a hostile file has many
            chains[(first, next_first)] = chain
        return chain

    def terminators(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        line_max, src = state.lineMax, state.src
        first = next_first = None
        if start_line < line_max:
            at = state.bMarks[start_line] + state.tShift[start_line]
            first = src[at:at + 1]
        if start_line + 1 < line_max:
            at = state.bMarks[start_line + 1] + state.tShift[start_line + 1]
            next_first = src[at:at + 1]
        chain = chains.get((first, next_first))
        if chain is None:
            chain = let_through(first, next_first)
        for rule in chain:
            if rule(state, start_line, end_line, silent):
                return True
        return False

    return terminators


# The characters at which markdown-it's inline rules may fire (its text rule stops at them), but
# for the line break: the rest of a line is text.
_TERMINATORS = "!#$%&*+-:<=>@[\\]^_`{}~"


def _inline_where_marked(marks: re.Pattern[str]) -> Any:
    """markdown-it's core rule "inline", but for the content holding none of ``marks``: its
    children would be text and line breaks only, which nothing here reads (a reference list of
    20,000 plain lines was parsed into 40,000 tokens), so they are left empty."""

    def inline(state: Any) -> None:
        parse = state.md.inline.parse
        for token in state.tokens:
            if token.type == "inline":
                if token.children is None:
                    token.children = []
                if marks.search(token.content):
                    parse(token.content, state.md, state.env, token.children)

    return inline


# markdown-it looks for the "]" closing each "[" up to the end of the paragraph, so a paragraph of
# a million unclosed brackets costs a million scans of it. A bracket is therefore tried as a link
# (or an image, a footnote) only when it is closed within MAX_LINK characters, with no more than
# MAX_NESTED brackets nested inside it: one linear pass over the paragraph finds them.
MAX_LINK = 4000
MAX_NESTED = 32
_BRACKET = regex(r"\\.|[\[\]]")


def _bounded(rule: Any) -> Any:
    def bounded(state: Any, silent: bool) -> bool:
        closes = getattr(state, "_factcheck_closes", None)
        if closes is None:
            closes = state._factcheck_closes = _closing_brackets(state.src)
        start = state.pos if state.src[state.pos:state.pos + 1] == "[" else state.pos + 1
        close = closes.get(start)
        if close is None or close - start > MAX_LINK:
            return False
        end = state.posMax
        state.posMax = min(end, state.pos + MAX_LINK + 2000)  # the label, then a destination
        try:
            return rule(state, silent)
        finally:
            state.posMax = end
    return bounded


def _closing_brackets(src: str) -> dict[int, int]:
    """Where the "]" closing each "[" of ``src`` is, for brackets with few brackets nested inside."""
    closes: dict[int, int] = {}
    stack: list[list[int]] = []  # [position, depth of the brackets nested inside]
    for m in _BRACKET.finditer(src):
        if m.group() == "[":
            stack.append([m.start(), 0])
        elif m.group() == "]" and stack:
            start, inner = stack.pop()
            if inner <= MAX_NESTED:
                closes[start] = m.start()
            if stack:
                stack[-1][1] = max(stack[-1][1], inner + 1)
    return closes


parser()


# markdown-it-py reads some 1 MB of prose a second, but a tenth of that in a file of tiny lines
# or of brackets and backticks by the hundred thousand. Past these, a file is not a manuscript:
# only its front matter and fenced code are read as such (``QuickReader``), in linear time.
MAX_LINES = 30_000
MAX_INLINE_MARKS = 60_000  # the characters that open links, code, HTML, math, emphasis, notes
_INLINE_MARKS = "[`<$*_!^"
MAX_TERMINATORS = 200_000  # the characters at which markdown-it tries every inline rule (``_TERMINATORS``)


def over_budget(text: str) -> str | None:
    """Why a text is too large to parse fully (said in ``metadata.extra``), else None."""
    lines = text.count("\n")
    if lines > MAX_LINES:
        return f"only front matter and fenced code read: {lines:,} lines (the limit is {MAX_LINES:,})"
    marks = sum(text.count(ch) for ch in _INLINE_MARKS)
    if marks > MAX_INLINE_MARKS:
        return (f"only front matter and fenced code read: {marks:,} inline marks ([`<$*_!^; "
                f"the limit is {MAX_INLINE_MARKS:,})")
    stops = sum(text.count(ch) for ch in _TERMINATORS)
    if stops > MAX_TERMINATORS:
        return f"only front matter and fenced code read: {stops:,} punctuation marks (the limit is {MAX_TERMINATORS:,})"
    return None


_FENCE = regex(r"^[ ]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_FRONT_MATTER = regex(r"\A---[ \t]*\n(?![ \t]*\n)(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class QuickReader:
    """The front matter and the fenced code blocks of a text too large to parse, by lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.front_matter: tuple[int, int, str] | None = None
        self.spans: list[tuple[int, int, RegionKind]] = []
        self.fields: list[CitationField] = []
        self.anchors: list[Anchor] = []
        self.note_marks: list[NoteMark] = []

    def read(self) -> None:
        text = self.text
        m = _FRONT_MATTER.match(text)
        if m and len(m.group(1)) <= MAX_FRONT_MATTER:
            self.front_matter = (0, m.end(), m.group(1))
            self.spans.append((0, m.end() - (text[m.end() - 1:m.end()] == "\n"), "front-matter"))
        opened: re.Match | None = None
        for fence in _FENCE.finditer(text, m.end() if m else 0):
            if opened is None:
                opened = fence
            elif fence.group(1)[0] == opened.group(1)[0] and len(fence.group(1)) >= len(opened.group(1)):
                line_end = text.find("\n", fence.end())
                self.spans.append((opened.start(), len(text) if line_end < 0 else line_end, "code"))
                opened = None
        if opened is not None:  # an unclosed fence runs to the end, as in CommonMark
            self.spans.append((opened.start(), len(text.rstrip()), "code"))

    def regions(self) -> tuple[Region, ...]:
        return laminar_regions(self.spans)
