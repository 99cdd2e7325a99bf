"""The annotated text of a report: paragraphs cut into runs, each with the spans that cover it.

One sweep over the sorted boundaries of every span that marks the text (claims, citations,
reference entries, notes, findings, and the places findings point at): between two consecutive
boundaries the set of covering spans is constant, so each run carries that set as classes,
finding ids and a tooltip. Overlapping spans therefore nest (an inner run carries both) or clip
(a span crossing a paragraph end continues in the next paragraph) without any tree building.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factcheck.reports.html.records import LinkView, Run

# Span kinds, in the order their classes and ids are listed on a run.
REF, NOTE, CIT, FIND, CLAIM, CONTROL, POINT = range(7)
_ANCHOR_ORDER = (REF, NOTE, CIT, FIND, CLAIM, POINT, CONTROL)


@dataclass(slots=True)
class MarkSpan:
    kind: int
    start: int
    end: int
    anchor: str
    classes: str = ""
    href: str = ""
    tip: str = ""
    severity: int = 0  # findings: 3 error, 2 warning, 1 info
    backlinks: tuple[LinkView, ...] = ()
    order: int = 0
    emitted: bool = False


def paragraph_bounds(text: str, blocks: Sequence) -> list[tuple[int, int, str]]:
    """Blocks of the layout, plus any non-blank text between them as paragraphs of their own."""
    out: list[tuple[int, int, str]] = []
    pos = 0

    def gap(a: int, b: int) -> None:
        for m in re.finditer(r"\S(?:.*\S)?", text[a:b], re.DOTALL):
            out.append((a + m.start(), a + m.end(), "body"))

    for block in sorted(blocks, key=lambda b: (b.start, b.end)):
        if block.start < pos or block.end <= block.start:
            continue
        gap(pos, block.start)
        out.append((block.start, block.end, block.kind))
        pos = block.end
    gap(pos, len(text))
    return out


def build_runs(text: str, paragraphs: list[tuple[int, int, str]], spans: list[MarkSpan]) -> list[list[dict]]:
    """Sweep over sorted span boundaries; one list of run records per paragraph."""
    starts: dict[int, list[MarkSpan]] = defaultdict(list)
    ends: dict[int, list[MarkSpan]] = defaultdict(list)
    for order, span in enumerate(spans):
        span.order = order
        starts[span.start].append(span)
        ends[span.end].append(span)
    para_at: dict[int, int] = {}
    para_end: dict[int, int] = {}
    points = set(starts) | set(ends)
    for number, (a, b, _kind) in enumerate(paragraphs):
        para_at[a] = number
        para_end[b] = number
        points.update((a, b))
    out: list[list[dict]] = [[] for _ in paragraphs]
    active: dict[int, MarkSpan] = {}  # order -> span, for spans of nonzero length
    pending: list[MarkSpan] = []  # spans started, not yet given a run to anchor on
    current = -1  # paragraph we are in
    last_run: dict | None = None
    ordered = sorted(points)
    for i, point in enumerate(ordered):
        for span in ends.get(point, ()):
            if active.pop(span.order, None) is not None and span.emitted and span.backlinks and last_run is not None:
                last_run["backlinks"].extend(span.backlinks)
        if point in para_end and para_end[point] == current:
            current = -1
        if point in para_at:
            current = para_at[point]
        for span in starts.get(point, ()):
            if span.end > span.start:
                active[span.order] = span
            pending.append(span)
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if current < 0 or nxt is None or nxt <= point:
            continue
        last_run = _run(text[point:nxt], active, pending)
        pending = []
        out[current].append(last_run)
    if pending and paragraphs:  # anchors after the last text: an empty run at the very end
        out[-1].append(_run("", {}, pending))
    return out


def _run(piece: str, active: Mapping[int, MarkSpan], pending: list[MarkSpan]) -> dict:
    covering = sorted(active.values(), key=lambda s: s.order)
    anchors: list[str] = []
    heads: list[str] = []
    seen: set[str] = set()
    for span in sorted(pending, key=lambda s: (_ANCHOR_ORDER.index(s.kind), s.order)):
        if span.anchor and span.anchor not in seen:
            seen.add(span.anchor)
            anchors.append(span.anchor)
        if span.kind == FIND and span.order in active:
            heads.append(span.anchor)
        span.emitted = True
    classes: list[str] = []
    href = ""
    tips: list[str] = []
    severity = 0
    codepoint = ""
    for span in covering:
        span.emitted = True
        if span.kind == FIND:
            severity = max(severity, span.severity)
            tips.append(span.tip)
        elif span.classes and span.classes not in classes:
            classes.append(span.classes)
        if span.kind == CIT and span.href:
            href = span.href  # the innermost linked citation wins
        if span.kind == CONTROL:
            codepoint = span.tip
    if severity:
        classes.append("f sev-" + {3: "error", 2: "warning", 1: "info"}[severity])
        if heads:
            classes.append("fh")
    tag = "a" if href else "mark" if severity else "span" if classes or anchors else ""
    return {"text": piece, "tag": tag, "classes": " ".join(classes), "anchors": anchors, "href": href,
            "tip": "\n\n".join(tips), "head": bool(heads) and not href,
            "codepoint": codepoint, "backlinks": []}


def freeze_run(run: dict) -> Run:
    anchors = run["anchors"]
    if run["tag"]:
        anchor, extra = (anchors[0], tuple(anchors[1:])) if anchors else ("", ())
    else:
        anchor, extra = "", tuple(anchors)
    return Run(text=run["text"], tag=run["tag"], classes=run["classes"], anchor=anchor, extra_anchors=extra,
               href=run["href"], tip=run["tip"], head=run["head"],
               codepoint=run["codepoint"], backlinks=tuple(run["backlinks"]))
