"""Every compiled regex of the package scans its worst-case inputs in linear time (issue 14).

Each pattern (module and class attributes, see tests/robust/regex_growth.py) is fed runs of its
own characters and tokens and a few generic hostile shapes at 1 KB, 10 KB and 100 KB. The check
is a ratio measured in one run, not a time limit: scanning ten times the input may take at most
about twenty times as long (linear is ten; the quadratic patterns found took a hundred and more).
CPU time, best of three (of seven to confirm a miss), absorbs the noise of a busy machine.
"""

from __future__ import annotations

import re

import pytest

from tests.robust.regex_growth import compiled_patterns, growth, worst

LIMIT = 20.0
PATTERNS = compiled_patterns()


def test_every_module_and_class_pattern_is_collected():
    assert len(PATTERNS) > 200
    wheres = set(PATTERNS)
    assert "factcheck.citations.bib._AND" in wheres  # module attributes
    assert "factcheck.documents.html_meta._ISO_PREFIX" in wheres
    assert "factcheck.claims.quotes._CLOSE_CANDIDATES['“']" in wheres  # inside a dict or tuple


def test_the_measure_tells_quadratic_from_linear():
    """The check can fail: the old `\\s+and\\s+` of citations/bib on a run of spaces is quadratic."""
    quadratic, _ = growth(re.compile(r"\s+and\s+", re.IGNORECASE), " ")
    linear, _ = growth(re.compile(r"(?<!\s)\s+and\s+", re.IGNORECASE), " ")
    assert quadratic > 2 * LIMIT and linear <= LIMIT


@pytest.mark.slow
@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_regex_time_grows_linearly(where):
    ratio, unit, times = worst(PATTERNS[where], LIMIT)
    shown = " ".join(f"{t * 1000:.2f}" for t in times)
    assert ratio <= LIMIT, f"{where} /{PATTERNS[where].pattern[:80]}/ on {unit!r} repeated: x{ratio:.0f} " \
                           f"for ten times the input ({shown} ms per 1/10/100 KB)"
