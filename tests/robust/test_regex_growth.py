"""Every compiled regex of the package scans its worst-case inputs in linear time (issue 14).

Each pattern (module and class attributes, see tests/robust/regex_growth.py) is fed runs of its
own characters and tokens and a few generic hostile shapes at 1 KB, 10 KB and 100 KB. The check
is a ratio measured in one run, not a time limit: scanning ten times the input may take at most
about thirty times as long (linear is ten; the quadratic patterns found took a hundred and more).
CPU time, best of two (of five to confirm a miss), absorbs the noise of a busy machine.
"""

from __future__ import annotations

import os
import re

import pytest

from tests.robust.regex_growth import compiled_patterns, growth, worst

LIMIT = 30.0  # linear is 10, noisy up to ~25 at a few ms (caches); quadratic ~100
RUN_KNOWN = os.environ.get("FACTCHECK_REGEX_KNOWN") == "1"
PATTERNS = compiled_patterns()

# Still super-linear on a shape (found by this test; not yet rewritten without changing their
# matches). Listed, not hidden: each is an expected failure, shown in every run's summary. Their
# quadratic shapes take minutes together, so they run only with FACTCHECK_REGEX_KNOWN=1 (`make
# fuzz` sets it), to see whether a rewrite made one linear. None left is searched over a text: each
# is used with match/fullmatch at one position, where it is linear; a pattern searched over text must
# pass (what searches a text with one of these uses a linear twin, e.g. entries._SURNAME_COMMA_INITIAL_IN).
_MATCHED = "used with match/fullmatch at one position: quadratic only if searched, as measured here"
KNOWN_SUPERLINEAR: dict[str, str] = {
    "factcheck.citations.entries.SURNAME_COMMA_INITIAL": _MATCHED,
    "factcheck.citations.entry_names._INVERTED_LIST": _MATCHED,  # author_part: linear at one position
    "factcheck.citations.entry_names._VANC_LIST": _MATCHED,
    "factcheck.citations.entry_names._ONE_INVERTED": _MATCHED,
    "factcheck.citations.entry_names._BODY_THEN_TITLE": _MATCHED,
    "factcheck.citations.entry_names._NAME_GOES_ON": _MATCHED,
    "factcheck.citations.entry_names._OPENINGS[0][1]": _MATCHED,
    "factcheck.citations.entry_names._OPENINGS[2][1]": _MATCHED,
    "factcheck.citations.note_works._OPENS_WITH_NAME": _MATCHED,
    "factcheck.claims.quote_kinds._LOWER_START": _MATCHED,
    "factcheck.claims.quotes._JOINED": _MATCHED,
    "factcheck.documents.markdown_inline._NAMED_TAG": _MATCHED,
    "factcheck.documents.markdown_inline._CLOSING_TAG": _MATCHED,
    "factcheck.documents.pdf_paragraphs._REFERENCES_HEADING": _MATCHED,
    "factcheck.documents.pdf_paragraphs._ENTRY_START": _MATCHED,
    "factcheck.documents.pdf_superscripts._SCIENTIFIC": _MATCHED,
    "factcheck.verify.values._JOINED": _MATCHED,
}


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
    # Judged by the limit the patterns are held to: about 100 against 10 on a quiet machine, and
    # the quadratic one measured 52 once under load (where twice the limit was asked before).
    assert quadratic > LIMIT and linear <= LIMIT


def test_the_known_list_names_real_patterns():
    assert set(KNOWN_SUPERLINEAR) <= set(PATTERNS)


@pytest.mark.slow
@pytest.mark.parametrize("where", [pytest.param(where, marks=pytest.mark.xfail(reason=KNOWN_SUPERLINEAR[where],
                                                                                run=RUN_KNOWN))
                                   if where in KNOWN_SUPERLINEAR else where for where in sorted(PATTERNS)])
def test_regex_time_grows_linearly(where):
    ratio, unit, times = worst(PATTERNS[where], LIMIT)
    shown = " ".join(f"{t * 1000:.2f}" for t in times)
    assert ratio <= LIMIT, f"{where} /{PATTERNS[where].pattern[:80]}/ on {unit!r} repeated: x{ratio:.0f} " \
                           f"for ten times the input ({shown} ms per 1/10/100 KB)"
