"""Which paragraphs of a walked page are the article, and which are the page's chrome.

trafilatura (measured against jusText, readability-lxml and our walk alone on real news pages:
``bench/html_extractors.py``; figures in the README) reads the page and returns the article's
text. It is used as a classifier only: our walk has already written every paragraph with its
source map, and a paragraph is the article when the library's text holds it (the same lines, or
most of its word trigrams). The library's choice is then widened to the page structure, as an
editor reads a page:

- the *article container* is the deepest element holding 80% of the words the library kept;
  every paragraph inside it is kept too (lists, tables, bylines and captions that the library
  drops), unless it sits in a part of the container whose class or id names chrome ("share",
  "related", "newsletter", "comments"...);
- the title, notes and bibliography entries are always kept, and a byline between the title
  and the container;
- everything else is left out and recorded as chrome.

Without the library, or when it keeps next to nothing (a short page, an error), the container is
the whole content and only the chrome-named parts are left out.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

from factcheck.documents.assemble import PARAGRAPH_SEPARATOR
from factcheck.documents.html_walk import WalkContext, chain_ids
from factcheck.documents.model import Segment

# Above this size the page is not given to the library (it parses into a second tree).
MAX_LIBRARY_CHARS = 8_000_000
# A page whose text is longer than this is a book or a report put on the web, not an article in
# a site's chrome (the longest news and encyclopedia pages hold about 120,000 characters): the
# library, which takes seconds on it, is not asked, and only chrome-named parts are left out.
MAX_ARTICLE_TEXT = 400_000
_CONTAINER_SHARE = 0.8
_SHINGLE_SHARE = 0.5
_SHORT = 6  # words; a shorter paragraph must be a line of the library's text
_MIN_KEPT_WORDS = 25  # the library kept less: it did not find the article
_WRAPPER_SHARE = 0.5
_LONG = 12  # words; shorter text in a chrome-named element is chrome even when the library kept it
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STRUCTURAL = ("notes", "references", "title")

Paragraph = tuple[int, int, Any]  # (start, end, WalkContext) as the walk wrote them


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def library_text(markup: str) -> str | None:
    """The article text trafilatura finds, or None (not installed, failed, page too large)."""
    if len(markup) > MAX_LIBRARY_CHARS:
        return None
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    for name in ("trafilatura", "htmldate", "courlan"):  # its complaints about bad markup are not ours
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    try:
        return trafilatura.extract(markup, include_comments=False, include_tables=True, include_images=False,
                                   include_links=False, favor_recall=True, deduplicate=False,
                                   with_metadata=False)
    except Exception:  # noqa: BLE001 - a library failing on hostile markup must not fail the load
        return None


class _LibraryText:
    """The library's text as lines and word trigrams, for matching our paragraphs against it."""

    def __init__(self, text: str) -> None:
        lines = [" ".join(words(line)) for line in text.split("\n")]
        self.lines = {line for line in lines if line}
        self.joined = " " + " ".join(line for line in lines if line) + " "
        flat = self.joined.split()
        self.trigrams = {tuple(flat[i:i + 3]) for i in range(len(flat) - 2)}

    def holds(self, paragraph: list[str]) -> bool:
        if len(paragraph) < _SHORT:
            line = " ".join(paragraph)
            return line in self.lines or (len(paragraph) >= 3 and f" {line} " in self.joined)
        grams = [tuple(paragraph[i:i + 3]) for i in range(len(paragraph) - 2)]
        return sum(gram in self.trigrams for gram in grams) >= _SHINGLE_SHARE * len(grams)


def _weights(paragraphs: Sequence[Paragraph], counts: Sequence[int], chosen: Sequence[bool]) -> dict[int, int]:
    """Words of the chosen paragraphs under each element (serial)."""
    weight: dict[int, int] = {}
    for (_, _, ctx), n, keep in zip(paragraphs, counts, chosen):
        if keep and n and ctx is not None:
            for serial in chain_ids(ctx.chain):
                weight[serial] = weight.get(serial, 0) + n
    return weight


def _container(paragraphs: Sequence[Paragraph], counts: Sequence[int], chosen: Sequence[bool]) -> int | None:
    """The serial of the deepest element holding ``_CONTAINER_SHARE`` of the chosen words."""
    weight = _weights(paragraphs, counts, chosen)
    total = sum(n for n, keep in zip(counts, chosen) if keep)
    if not total:
        return None
    best = max(((n, i) for i, n in enumerate(counts) if chosen[i]), default=None)
    if best is None or paragraphs[best[1]][2] is None:
        return None
    for serial in chain_ids(paragraphs[best[1]][2].chain):  # innermost first
        if weight.get(serial, 0) >= _CONTAINER_SHARE * total:
            return serial
    return None


def _sentence(text: str, count: int) -> bool:
    """Prose: a few words (``count``, of ``words``) ending a sentence (a standfirst), not a link or a label."""
    return count >= 4 and text.rstrip().endswith((".", "!", "?", "”", '"'))


def classify(markup: str, paragraphs: Sequence[Paragraph], text: str, title_index: int | None,
             inside: Callable[[int, int], bool], use_library: bool = True) -> list[bool]:
    """One flag per paragraph: True when it is the article. ``inside(serial, container)`` says
    whether an element is inside another (``Walker.inside``); element 0 is the content root, the
    container when the library finds nothing."""
    library = library_text(markup) if use_library and len(text) <= MAX_ARTICLE_TEXT else None
    chosen = [False] * len(paragraphs)
    # The words of each paragraph (``len(words(...))``) and under each element are counted only
    # when something asks: without the library's text, a page whose elements name no chrome asks
    # for neither (a page may hold 40,000 paragraphs).
    counts: list[int] | None = None
    words_under: dict[int, int] | None = None

    def all_counts() -> list[int]:
        nonlocal counts
        if counts is None:
            counts = [len(_WORD.findall(text, start, end)) for start, end, _ in paragraphs]
        return counts

    def under(serial: int) -> int:
        nonlocal words_under
        if words_under is None:
            words_under = _weights(paragraphs, all_counts(), [True] * len(paragraphs))
        return words_under.get(serial, 0)

    container = None
    if library:
        lib = _LibraryText(library)
        chosen = [bool(n) and ctx is not None and lib.holds(words(text[start:end]))
                  for (start, end, ctx), n in zip(paragraphs, all_counts())]
        if sum(n for n, keep in zip(all_counts(), chosen) if keep) >= _MIN_KEPT_WORDS:
            container = _container(paragraphs, all_counts(), chosen)
    if container is None:
        container = 0
        chosen = [False] * len(paragraphs)

    def chrome_named(ctx: WalkContext) -> bool:
        """In a chrome-named element that is not the container or one of its ancestors, nor holds
        half of its words (a wrapper may carry any name: ``<div class="wrap has-sidebar">``)."""
        return (ctx.hint is not None and not inside(container, ctx.hint)
                and under(ctx.hint) < _WRAPPER_SHARE * under(container))

    first_inside = next((i for i, (_, _, ctx) in enumerate(paragraphs)
                         if ctx is not None and inside(ctx.serial, container)), None)
    keep = []
    for i, (start, end, ctx) in enumerate(paragraphs):
        if (ctx is None or ctx.serial < 0 or i == title_index or ctx.kind in _STRUCTURAL
                or ctx.origin == "note"):  # serial -1: written by the loader (the heading of notes it moved)
            keep.append(True)
            continue
        # Whether it reads as prose is asked only where it decides (a page may hold 40,000 paragraphs).
        if inside(ctx.serial, container):
            # a share bar, a comment count, a teaser box inside the article: only long prose stays
            keep.append(not chrome_named(ctx) or (chosen[i] and _sentence(text[start:end], all_counts()[i])
                                                  and all_counts()[i] >= _LONG))
        elif title_index is not None and first_inside is not None and title_index < i < first_inside:
            # between the headline and the article: its byline, dateline and standfirst
            keep.append(not chrome_named(ctx) and (ctx.kind == "byline" or _sentence(text[start:end], all_counts()[i])))
        else:
            # outside the article: what the library kept, when it reads as prose
            keep.append(chosen[i] and _sentence(text[start:end], all_counts()[i]) and not chrome_named(ctx))
    return keep


def keep_paragraphs(text: str, segments: Sequence[Segment], anchors: Sequence[tuple[str, int]],
                    paragraphs: Sequence[Paragraph], keep: Sequence[bool]
                    ) -> tuple[str, tuple[Segment, ...], tuple[tuple[str, int], ...], list[Paragraph]]:
    """The text without the paragraphs not kept, its segments and anchors shifted to match.

    Segments never cross a paragraph (the builder writes runs per paragraph); an anchor inside a
    dropped paragraph moves to the start of the next kept one.
    """
    if all(keep):
        return text, tuple(segments), tuple(anchors), list(paragraphs)
    parts: list[str] = []
    kept: list[Paragraph] = []
    shifts: list[tuple[int, int, int]] = []  # (old start, old end, new start)
    length = 0
    for (start, end, ctx), flag in zip(paragraphs, keep):
        if not flag:
            continue
        if parts:
            parts.append(PARAGRAPH_SEPARATOR)
            length += len(PARAGRAPH_SEPARATOR)
        shifts.append((start, end, length))
        kept.append((length, length + end - start, ctx))
        parts.append(text[start:end])
        length += end - start
    out_segments = []
    k = 0
    for segment in segments:
        while k < len(shifts) and shifts[k][1] <= segment.start:
            k += 1
        if k < len(shifts) and shifts[k][0] <= segment.start:
            delta = shifts[k][2] - shifts[k][0]
            out_segments.append(segment.model_copy(update={"start": segment.start + delta,
                                                           "end": segment.end + delta}))
    ends = [old_end for _, old_end, _ in shifts]
    out_anchors = []
    for value, offset in anchors:
        k = bisect_left(ends, offset)  # the first kept paragraph ending at or after the anchor
        if k == len(shifts):
            out_anchors.append((value, length))
        else:
            old_start, _, new_start = shifts[k]
            out_anchors.append((value, new_start + max(0, offset - old_start)))
    return "".join(parts), tuple(out_segments), tuple(out_anchors), kept
