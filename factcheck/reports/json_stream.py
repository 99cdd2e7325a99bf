"""A JSON value written piece by piece, byte for byte what ``dump_json`` writes of it whole.

A report of a large run is one object whose ``documents`` list (or SARIF's ``results``) holds
every document: built whole it is the whole corpus in memory, twice (the records, then the
text). Here an object given as ``Members(pairs)`` is written a member at a time, and a list given
as ``Streamed(items)`` an item at a time, each item encoded (compact: by the C encoder) and
handed to ``write`` before the next is built; an ``Encoded`` value is written as it was encoded
(elsewhere: by the worker that audited a document); any other value is encoded whole. The layout is
the standard library's: compact with ``(",", ":")``, or indented as ``json.dumps(indent=n)`` lays
it out (no JSON string holds a raw newline, so a nested value's lines are indented by prefixing
them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Streamed:
    """A list whose items are produced one at a time (an item may be ``Members`` or ``Streamed``)."""

    items: Iterable[object]


@dataclass(frozen=True)
class Encoded:
    """A value encoded already, by ``encoder(indent)`` of the same ``indent`` (as a top-level value:
    it is indented here to where it stands). Only as an item of ``Streamed`` or a value of
    ``Members``: inside a plain list or dict the encoder would not know it."""

    text: str


@dataclass(frozen=True)
class Members:
    """An object whose (key, value) members are produced one at a time."""

    pairs: Iterable[tuple[str, object]]


def write_object(members: Iterable[tuple[str, object]], write: Callable[[str], object], indent: int | None) -> None:
    """Write the object of ``members`` (key, value, ``Streamed`` or ``Members``) and a final newline."""
    write_value(Members(members), write, indent)
    write("\n")


def write_value(value: object, write: Callable[[str], object], indent: int | None) -> None:
    """Write ``value`` as ``json.dumps(value, ensure_ascii=False, indent=indent)`` would (compact
    separators without ``indent``), ``Streamed`` and ``Members`` as the lists and objects they stand for,
    ``Encoded`` as the value it was encoded from."""
    _write(value, write, encoder(indent), indent, 0)


@lru_cache(maxsize=8)
def encoder(indent: int | None) -> Callable[[object], str]:
    """What encodes a value that is written whole: compact (the C encoder) without ``indent``."""
    if indent is None:
        return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return json.JSONEncoder(ensure_ascii=False, indent=indent).encode


def _write(value: object, write: Callable[[str], object], encode: Callable[[object], str],
           indent: int | None, depth: int) -> None:
    if isinstance(value, Members):
        parts: Iterable = value.pairs
        opening, closing = "{", "}"
    elif isinstance(value, Streamed):
        parts = ((None, item) for item in value.items)
        opening, closing = "[", "]"
    else:
        text = value.text if isinstance(value, Encoded) else encode(value)
        write(text if indent is None or depth == 0 else text.replace("\n", "\n" + " " * (indent * depth)))
        return
    inner = "" if indent is None else "\n" + " " * (indent * (depth + 1))
    colon = ":" if indent is None else ": "
    empty = True
    for key, item in parts:
        write((opening if empty else ",") + inner + ("" if key is None else encode(key) + colon))
        empty = False
        _write(item, write, encode, indent, depth + 1)
    if empty:
        write(opening + closing)
    else:
        write(("" if indent is None else "\n" + " " * (indent * depth)) + closing)
