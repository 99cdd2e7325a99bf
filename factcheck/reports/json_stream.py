"""A JSON object written piece by piece, byte for byte what ``dump_json`` writes of it whole.

A report of a large run is one object whose ``documents`` list holds every document: built whole
it is the whole corpus in memory, twice (the records, then the text). Here the object's members
are written in turn, and a member given as ``Streamed(records)`` is written one record at a
time, each encoded (compact: by the C encoder) and handed to ``write`` before the next is built.
The layout is the standard library's: compact with ``(",", ":")``, or indented as
``json.dumps(indent=n)`` lays it out (no JSON string holds a raw newline, so a nested value's
lines are indented by prefixing them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Streamed:
    """A list member whose items are produced one at a time."""

    items: Iterable[object]


def _encoder(indent: int | None) -> Callable[[object], str]:
    if indent is None:
        return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return json.JSONEncoder(ensure_ascii=False, indent=indent).encode


def write_object(members: Iterable[tuple[str, object]], write: Callable[[str], object], indent: int | None) -> None:
    """Write the object of ``members`` (key, value or ``Streamed``) and a final newline."""
    encode = _encoder(indent)
    if indent is None:
        write("{")
        for number, (key, value) in enumerate(members):
            write(("," if number else "") + encode(key) + ":")
            if isinstance(value, Streamed):
                write("[")
                for count, item in enumerate(value.items):
                    write(("," if count else "") + encode(item))
                write("]")
            else:
                write(encode(value))
        write("}\n")
        return
    pad = " " * indent
    empty = True
    for number, (key, value) in enumerate(members):
        empty = False
        write(("{\n" if number == 0 else ",\n") + pad + encode(key) + ": ")
        if isinstance(value, Streamed):
            inner = pad * 2
            first = True
            for item in value.items:
                write(("[\n" if first else ",\n") + inner + encode(item).replace("\n", "\n" + inner))
                first = False
            write("[]" if first else "\n" + pad + "]")
        else:
            write(encode(value).replace("\n", "\n" + pad))
    write("{}\n" if empty else "\n}\n")
