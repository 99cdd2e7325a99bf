"""The text of a node of a parsed web page (selectolax): its own text, a comment's content, an
element's words on one line."""

from __future__ import annotations

import re
from typing import Any


def node_text(node: Any) -> str:
    value = getattr(node, "text_content", None)
    if isinstance(value, str):
        return value
    return node.text(deep=False) or ""


def comment_text(node: Any) -> str | None:
    """The text of a comment node, or None when ``node`` is not a comment."""
    if node.tag not in ("-comment", "_comment"):
        return None
    content = getattr(node, "comment_content", None)
    if content is None:
        content = (node.html or "").removeprefix("<!--").removesuffix("-->")
    return content


def collapsed(text: str) -> str:
    return " ".join(text.split())


# "(?<!\s)": a run of spaces is taken from where it starts (the same replacements; a plain "\s+"
# rescanned a long run from each of its positions, quadratic).
_SPACE_BEFORE = re.compile(r"(?<!\s)\s+([\]).,;:!?])")
_SPACE_AFTER = re.compile(r"([\[(])\s+")


def element_text(node: Any) -> str:
    """An element's text on one line, its text nodes apart (blocks do not run together) but no
    space inside brackets or before punctuation ("[edit]", not "[ edit ]")."""
    text = collapsed(node.text(separator=" "))
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))
