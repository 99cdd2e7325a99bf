"""pandoc / Markdown citations: ``[@key]``, ``[-@key]``, ``[see @a, p. 3; @b]``, a bare ``@key`` in
running text ("@smith2019 shows", also at the start of a line), and link-style ``[Smith
2019](#ref-smith2019)`` / ``[key](#key)``.

Each finder yields field dicts for ``Citation``. A bracket may wrap onto the next line (Markdown
sources are often hard-wrapped) but never crosses a blank line. A bare ``@word`` is also how
social-media handles are written, so the caller keeps bare keys only in a document that cites with
pandoc brackets too or whose bibliography holds the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.text.lazy_regex import regex

_KEY = r"[\w][\w:.#$%&+?<>~/-]*[\w]|\w"
_BRACKET = regex(r"\[((?:[^\[\]\n]|\n(?![ \t]*\n)){0,300}?@(?:[^\[\]\n]|\n(?![ \t]*\n)){1,300}?)\](?!\()")
_KEY_IN_BRACKET = regex(rf"(?:(?<=^)|(?<=[\s\[;,-]))(?P<suppress>-?)@(?P<key>{_KEY})")
# A bare key: at the start of a line or after a space or an opening parenthesis, never inside a
# word (an e-mail address) or a bracket (handled above).
_BARE_KEY = regex(rf"(?:(?<=^)|(?<=[\s(]))@(?P<key>{_KEY})", re.MULTILINE)
_LINK = regex(r"\[(?P<label>[^\[\]\n]{1,200})\]\(#(?:ref-)?(?P<key>[\w][\w:.$%&+?~/-]{0,120})\)")


def split_parts(inner: str) -> list[tuple[int, str]]:
    """The ";"-separated parts of a bracket or parenthesis, with their offsets in ``inner``."""
    parts, pos = [], 0
    for piece in inner.split(";"):
        parts.append((pos, piece))
        pos += len(piece) + 1
    return parts


def find_bracketed(text: str, start: int, end: int) -> Iterator[dict]:
    """``[@key]`` groups: one citation per key, from the key to the end of its part."""
    for bm in _BRACKET.finditer(text, start, end):
        inner_start = bm.start(1)
        for part_start, part in split_parts(bm.group(1)):
            keys = list(_KEY_IN_BRACKET.finditer(part))
            for i, km in enumerate(keys):
                part_end = keys[i + 1].start() if i + 1 < len(keys) else len(part.rstrip())
                locator = part[km.end():part_end].strip(" ,\n") or None
                s = inner_start + part_start + km.start()
                e = inner_start + part_start + len(part[:part_end].rstrip(" ,\n"))
                yield dict(style="pandoc", kind="bracket", start=s, end=e, text=text[s:e], key=km.group("key"),
                           locator=locator, narrative=False)


def find_bare(text: str, start: int, end: int) -> Iterator[dict]:
    """Bare ``@key`` in running text (narrative: "@vargaSaltRoads2019 developed ...")."""
    for km in _BARE_KEY.finditer(text, start, end):
        s, e = km.start(), km.end()
        yield dict(style="pandoc", kind="key", start=s, end=e, text=text[s:e], key=km.group("key"), narrative=True)


def find_links(text: str, start: int, end: int) -> Iterator[dict]:
    """Link-style citations to an entry's anchor: ``[Smith 2019](#ref-smith2019)``."""
    for lm in _LINK.finditer(text, start, end):
        s, e = lm.start(), lm.end()
        yield dict(style="pandoc", kind="link", start=s, end=e, text=text[s:e], key=lm.group("key"), narrative=True)
