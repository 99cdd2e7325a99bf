"""The free pages of a worker's heap handed back to the system after each step of the check.

A step of the cross-document check unpickles its inputs, builds its dicts and lists, pickles its
output and lets the rest go. Python hands objects of more than 512 bytes (dict tables, lists,
the pickled pieces under 128 KB) to the C allocator, and glibc keeps what they leave free inside
its heap, giving back only the free space at the heap's top. How much stays depends on how the
inputs are cut: at 100,000 documents a partition's pieces are smaller than at 30,000 (more
partitions), fall under glibc's threshold for a mapping of their own, and a worker's heap was
left with 17 MB free inside it after the check against 6.5 MB at 30,000 (``bench/cli_memory.py
--probe``, ``heap``): memory the worker had no use for that still grew with the corpus.
``malloc_trim(0)`` after a task returns every whole free page inside the heap to the system. On a
system without glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable
from typing import Any


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def trim_heap() -> None:
    """The free pages of the process's heap back to the system (glibc's ``malloc_trim(0)``)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def run_then_trim_heap(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)``, then ``trim_heap()``: how a step of the check runs on a worker."""
    try:
        return function(*args)
    finally:
        trim_heap()
