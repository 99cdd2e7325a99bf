"""What a raised group of characters is read as, from the text before it (``pdf_superscripts``)."""

from __future__ import annotations

import pytest

from factcheck.documents.pdf_superscripts import classify


@pytest.mark.parametrize(("before", "raised", "role"), [
    ("as the survey showed", "3", "note"),  # a note marker or a numeric citation after a word
    ("as the survey showed.", "2,3", "note"),
    ("faster than predicted", "4–6", "note"),
    ("a basin of 2", "20", "exponent"),  # a power of a number
    ("lost 4 × 10", "8", "exponent"),
    ("where x", "2", "exponent"),  # a single-letter variable
    ("an area of 40 km", "2", "exponent"),  # a unit after a number
    ("an area of 1,250.5 km", "2", "exponent"),
    ("an area of .5 km", "3", "exponent"),  # the number's run may open with a point
    ("room 4b km", "2", "note"),  # the unit follows a word, not a number
    ("dots ... km", "2", "note"),  # a run of points with no digit is no number
    ("a rate of 3 s", "-1", "exponent"),
    ("ten times 10", "-3", "exponent"),
    ("a total of 2e", "7", "exponent"),
    ("on the 19", "th", "plain"),  # an ordinal suffix
    ("since 2019", "3", "note"),  # a year takes a note, not a power
    ("the model KRV07", "31", "note"),  # a name ending in digits takes a marker, not a power
    ("and Probe12", "33", "note"),
    ("the index x1", "2", "exponent"),  # a variable with an index is still squared
    ("the authors", "a", "plain"),
])
def test_role_from_context(before, raised, role):
    assert classify(before, raised) == role
