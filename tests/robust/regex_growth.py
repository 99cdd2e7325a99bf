"""Every compiled regex of the package, and the inputs most likely to make each one super-linear.

Backtracking regexes go quadratic (or worse) when, from each of n start positions, a greedy part
runs over the rest of a long run and then fails: ``\\s+and\\s+`` on n spaces, ``(\\w+,\\s*)+\\d``
on "Smith, " repeated. So each pattern is fed runs of the characters of its own classes and
literals, repeated tokens of its alternations, repeated pairs of its characters, and a few
generic shapes (unclosed brackets and quotes, citation-like repeats), at 1 KB, 10 KB and 100 KB.
The scan is ``finditer`` over the whole text: what ``search``, ``findall`` and ``sub`` do too.

Used by tests/robust/test_regex_growth.py; run as a script it prints the slowest growth found:
``.venv/bin/python -m tests.robust.regex_growth [NAME-SUBSTRING]``.
"""

from __future__ import annotations

import gc
import importlib
from collections import deque
import inspect
import pkgutil
import re
import sys
import time
from collections.abc import Iterator

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

import factcheck
from factcheck.text.lazy_regex import LazyPattern

SIZES = (1_000, 10_000, 100_000)
# A scan of 1 KB this slow is already far from linear (a linear pattern takes well under a
# millisecond): its growth is then measured from 100 characters to 1 KB, not beyond.
SLOW_AT_1K = 0.02
TINY = 100
# Below this a timing is noise on a busy machine: ratios are taken against at least this (per
# 100 KB scanned: a timing block covers about 100 KB whatever the text's size).
FLOOR = 0.0002
# Scans of 100 KB in all this slow at a size would take seconds at the next if quadratic: the
# growth is then measured between the smaller sizes (linear: about 10; quadratic: about 100).
SLOW_AT_10K = 0.05

GENERIC = ("a", " ", "\n", "1", "A", ".", "(", "[", "“", "\"", "(Smith, ", "Smith and ", "[1] ", "1, ", "A. ",
           "Smith (2020) ", "(Smith 2020; ", "<p>", "\u00a0", "et al. ", "2020 ", "@")
_CATEGORY_CHARS = {
    sre_constants.CATEGORY_DIGIT: "1", sre_constants.CATEGORY_NOT_DIGIT: "a",
    sre_constants.CATEGORY_SPACE: " \n", sre_constants.CATEGORY_NOT_SPACE: "a.",
    sre_constants.CATEGORY_WORD: "aA1_", sre_constants.CATEGORY_NOT_WORD: " .",
}


def compiled_patterns() -> dict[str, re.Pattern]:
    """Every re.Pattern held by a module of factcheck (or compiled on first use, a ``LazyPattern``):
    module attributes, class attributes, and inside the tuples, lists, sets and dicts those hold.
    Keyed by where it lives."""
    found: dict[str, re.Pattern] = {}
    seen: set[int] = set()

    def walk(value: object, where: str, depth: int = 0) -> None:
        if isinstance(value, LazyPattern):  # a pattern compiled on first use: measured as compiled
            value = value.compiled
        if isinstance(value, re.Pattern):
            if id(value) not in seen:
                seen.add(id(value))
                found[where] = value
            return
        if depth >= 3:
            return
        if isinstance(value, (tuple, list, set, frozenset)):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]", depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}[{key!r}]", depth + 1)

    for info in pkgutil.walk_packages(factcheck.__path__, "factcheck."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                for attr, item in vars(value).items():
                    walk(item, f"{info.name}.{name}.{attr}")
            else:
                walk(value, f"{info.name}.{name}")
    return found


def _chars_and_tokens(pattern: re.Pattern) -> tuple[list[str], list[str]]:
    """The characters the pattern's literals and classes accept, and its literal words."""
    chars: list[str] = []
    tokens: list[str] = []

    def add(char: str) -> None:
        if char not in chars:
            chars.append(char)

    def visit(items) -> None:
        literal: list[str] = []
        for op, arg in items:
            if op is sre_constants.LITERAL:
                add(chr(arg))
                literal.append(chr(arg))
                continue
            if len(literal) >= 2:
                tokens.append("".join(literal))
            literal = []
            if op is sre_constants.IN:
                for kind, value in arg:
                    if kind is sre_constants.LITERAL:
                        add(chr(value))
                    elif kind is sre_constants.RANGE:
                        add(chr(value[0]))
                        add(chr(value[1]))
                    elif kind is sre_constants.CATEGORY:
                        for char in _CATEGORY_CHARS.get(value, ""):
                            add(char)
            elif op is sre_constants.BRANCH:
                for branch in arg[1]:
                    visit(branch)
            elif op is sre_constants.SUBPATTERN:
                visit(arg[-1])
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
                        getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
                visit(arg[2])
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                visit(arg[1])
            elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
                visit(arg)
            elif op is sre_constants.GROUPREF_EXISTS:
                visit(arg[1])
                if arg[2] is not None:
                    visit(arg[2])
            elif op is sre_constants.ANY:
                add("a")
        if len(literal) >= 2:
            tokens.append("".join(literal))

    source = pattern.pattern
    visit(sre_parse.parse(source.decode("latin-1") if isinstance(source, bytes) else source,
                          pattern.flags & ~re.UNICODE))
    return chars, tokens


def shapes(pattern: re.Pattern) -> list[str]:
    """Repeat units for this pattern's worst cases: each is repeated to the size measured."""
    chars, tokens = _chars_and_tokens(pattern)
    units = list(GENERIC)
    units += chars[:16]
    units += [a + b for i, a in enumerate(chars[:6]) for b in chars[i + 1:6]]
    for token in tokens[:8]:
        units += [token, token + " ", token + ", "]
    return list(dict.fromkeys(unit for unit in units if unit))


def text_of(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters, ending in a character no pattern completes on."""
    return (unit * (size // len(unit) + 1))[:size - 1] + "\x00"


def scan_seconds(pattern: re.Pattern, texts: list[str], runs: int = 3) -> float:
    """CPU seconds per text: the best of ``runs`` timings of a full scan (finditer to the end) of
    each of ``texts`` in turn, with the garbage collector paused (its passes are not the regex's).
    Each size is timed over ~100 KB of distinct strings, so over the same amount of memory and
    cache: only the length each scan runs over changes."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(runs):
            started = time.process_time()
            for text in texts:
                _drain(pattern.finditer(text))
            best = min(best, time.process_time() - started)
    finally:
        if enabled:
            gc.enable()
    return best / len(texts)


def _drain(matches) -> None:
    deque(matches, maxlen=0)  # consumed in C: the time is the regex's, not a Python loop's


def _copies(unit: str, size: int, count: int, pattern: re.Pattern | None = None) -> list:
    """``count`` distinct strings (each its own memory) of ``unit`` to ``size``; bytes for a
    bytes pattern."""
    if pattern is not None and isinstance(pattern.pattern, bytes):
        return [text_of(unit, size).encode("utf-8")[:size] for _ in range(count)]
    return [text_of(unit, size) for _ in range(count)]


def growth(pattern: re.Pattern, unit: str, runs: int = 2) -> tuple[float, tuple[float, ...]]:
    """(time ratio for ten times the input, seconds per scan of 1, 10 and 100 KB): about 10 when
    linear, about 100 when quadratic."""
    small, medium, large = SIZES
    t1 = scan_seconds(pattern, _copies(unit, small, 2, pattern), runs=1)
    if t1 > SLOW_AT_1K:
        t01 = scan_seconds(pattern, _copies(unit, TINY, 20, pattern), runs)
        t1 = scan_seconds(pattern, _copies(unit, small, 2, pattern), runs)
        return t1 / max(t01, FLOOR / 1000), (t01, t1)
    t1 = scan_seconds(pattern, _copies(unit, small, large // small, pattern), runs)
    if t1 * 100 > SLOW_AT_10K:  # quadratic would take seconds beyond: judge from 1 KB to 10 KB
        t10 = scan_seconds(pattern, _copies(unit, medium, 1, pattern), runs)
        return t10 / max(t1, FLOOR / 100), (t1, t10)
    t10 = scan_seconds(pattern, _copies(unit, medium, large // medium, pattern), runs)
    if t10 * 10 > SLOW_AT_10K:
        return t10 / max(t1, FLOOR / 100), (t1, t10)
    t100 = scan_seconds(pattern, _copies(unit, large, 1, pattern), runs)
    return t100 / max(t10, FLOOR / 10), (t1, t10, t100)


def confirmed_growth(pattern: re.Pattern, unit: str, limit: float) -> tuple[float, tuple[float, ...]]:
    """``growth``, measured again with more runs when it passes ``limit``: a busy machine's pause
    can make one timing slow, but not the best of five."""
    ratio, times = growth(pattern, unit)
    if ratio > limit:
        ratio, times = growth(pattern, unit, runs=5)
    return ratio, times


def _small_growth(pattern: re.Pattern, unit: str) -> tuple[float, float, float]:
    """(ratio, seconds per 1 KB, per 10 KB) on a few copies: a cheap first look at every shape."""
    t1 = scan_seconds(pattern, _copies(unit, SIZES[0], 1, pattern), runs=1)
    if t1 > SLOW_AT_1K:  # far from linear already: compare with 100 characters, go no further
        t01 = scan_seconds(pattern, _copies(unit, TINY, 10, pattern), runs=1)
        return t1 / max(t01, FLOOR / 1000), t01, t1
    t1 = scan_seconds(pattern, _copies(unit, SIZES[0], 10, pattern), runs=1)
    t10 = scan_seconds(pattern, _copies(unit, SIZES[1], 2, pattern), runs=1)
    return t10 / max(t1, FLOOR / 100), t1, t10


def worst(pattern: re.Pattern, limit: float = 20.0, candidates: int = 2) -> tuple[float, str, tuple[float, ...]]:
    """The pattern's largest growth ratio over its shapes, with the shape and its times (the first
    shape past ``limit`` when there is one).

    Every shape is first timed cheaply at 1 KB and 10 KB; the ``candidates`` shapes that grew most
    there, and the slowest at 10 KB, are then measured in full (``confirmed_growth``) up to 100 KB.
    A pattern that backtracks over a run from every start position is already quadratic at these
    sizes; one that turns super-linear only past 10 KB would have to hide it in both rankings."""
    first = []
    for unit in shapes(pattern):
        small = _small_growth(pattern, unit)
        if small[0] > limit:  # super-linear already at these sizes: confirm it, and stop there if so
            ratio, times = confirmed_growth(pattern, unit, limit)
            if ratio > limit:
                return ratio, unit, times
        first.append((small, unit))
    by_growth = sorted(first, key=lambda item: -item[0][0])[:candidates]
    by_time = sorted(first, key=lambda item: -item[0][2])[:1]
    result = (0.0, "", ())
    for _first, unit in dict.fromkeys(by_growth + by_time):
        ratio, times = confirmed_growth(pattern, unit, limit)
        if ratio > result[0]:
            result = (ratio, unit, times)
        if ratio > limit:
            break  # one super-linear shape is enough to fail: the others would cost seconds each
    return result


def _main(argv: list[str]) -> None:
    wanted = next((arg for arg in argv if not arg.startswith("-")), "")
    rows = []
    for where, pattern in compiled_patterns().items():
        if wanted in where:
            ratio, unit, times = worst(pattern)
            rows.append((ratio, where, unit, times))
            if ratio > 20 or "-v" in argv:
                print(f"{ratio:7.1f}  {where}  {unit!r}  {' '.join(f'{t * 1000:.2f}' for t in times)} ms",
                      flush=True)
    rows.sort(reverse=True)
    print(f"{len(rows)} patterns; slowest growth:")
    for ratio, where, unit, times in rows[:15]:
        print(f"{ratio:7.1f}  {where}  {unit!r}  {' '.join(f'{t * 1000:.2f}' for t in times)} ms")


if __name__ == "__main__":
    _main(sys.argv[1:])
