"""WordprocessingML elements in reading order: paragraphs (body, tables, content controls, text
boxes), the runs and simple fields of a paragraph, its raised marks. Only the chosen branch of
``mc:AlternateContent`` is read, never its fallback (a duplicate)."""

from __future__ import annotations

from typing import Any, Iterator

from factcheck.documents.docx_marks import is_raised

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CONTAINERS = frozenset(W + t for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "txbxContent"))
_INLINE = frozenset(W + t for t in ("hyperlink", "ins", "smartTag", "customXml", "sdt", "sdtContent",
                                     "moveTo", "dir", "bdo"))
NOTE_REFERENCES = frozenset((W + "footnoteReference", W + "endnoteReference"))


def plain_text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(W + "t"))


def raised_marks(paragraph: Any) -> list[tuple[str, str]]:
    """(text before, raised text) of each raised group of a paragraph's runs."""
    marks: list[tuple[str, str]] = []
    before: list[str] = []
    raised: list[str] = []
    for event, run in inline_events(paragraph):
        if event != "run":
            continue
        props = run.find(W + "rPr")
        text = plain_text(run)
        if props is not None and is_raised(props):
            raised.append(text)
            continue
        if raised and "".join(raised).strip():
            marks.append(("".join(before), "".join(raised)))
            before.append("".join(raised))
        raised = []
        before.append(text)
    if raised and "".join(raised).strip():
        marks.append(("".join(before), "".join(raised)))
    return marks


def inline_events(paragraph: Any) -> Iterator[tuple[str, Any]]:
    """("run", w:r), ("field", w:fldSimple) and ("field-end", w:fldSimple) in document order,
    looking into the inline containers and the chosen branch of ``mc:AlternateContent``."""
    stack: list[tuple[bool, Any]] = [(False, el) for el in reversed(paragraph)]
    while stack:
        closing, el = stack.pop()
        if closing:
            yield "field-end", el
            continue
        tag = el.tag
        if tag == W + "r":
            yield "run", el
        elif tag == W + "fldSimple":
            yield "field", el
            stack.append((True, el))
            stack.extend((False, child) for child in reversed(el))
        elif tag in _INLINE:
            stack.extend((False, child) for child in reversed(el))
        elif tag == _MC + "AlternateContent":
            choice = el.find(_MC + "Choice")
            if choice is not None:
                stack.extend((False, child) for child in reversed(choice))


def body_paragraphs(body: Any) -> Iterator[Any]:
    """Every ``w:p`` in reading order: body, table cells, content controls, then text boxes."""
    return _walk(body, W + "p", _CONTAINERS, inside=text_boxes)


def _walk(root: Any, wanted: str, containers: Any, inside: Any = None) -> Iterator[Any]:
    """The ``wanted`` elements under ``root`` in document order, looking into ``containers`` and
    into the chosen branch of ``mc:AlternateContent`` (never its fallback, a duplicate); after each
    element found, what ``inside(element)`` lists (a paragraph's text boxes)."""
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == wanted:
            yield el
            if inside is not None:
                stack.extend(reversed(inside(el)))
        elif tag in containers:
            stack.extend(reversed(el))
        elif tag == _MC + "AlternateContent":
            choice = el.find(_MC + "Choice")
            if choice is not None:
                stack.extend(reversed(choice))


def text_boxes(paragraph: Any) -> list[Any]:
    """Top-level ``w:txbxContent`` inside a paragraph, skipping ``mc:Fallback`` duplicates."""
    found = []
    stack = list(reversed(paragraph))
    while stack:
        el = stack.pop()
        if el.tag == W + "txbxContent":
            found.append(el)
        elif el.tag != _MC + "Fallback" and el.tag != W + "p":
            stack.extend(reversed(el))
    return found
