"""The floors of issue 16 on the fixture set (tests/verify/fixture_set.py): each kind of planted
defect found by its rule at a recall of 0.95 or more, and at most 0.02 false findings per verified
quotation or figure on the unaltered copies. ``bench/verify_sources.py`` prints the table."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.verify.fixture_set import DEFECTS, SOURCES, counts
from tests.verify.measure import Score, measure


@pytest.fixture(scope="module")
def score(tmp_path_factory) -> Score:
    return measure(tmp_path_factory.mktemp("fixture-set"))


def test_the_set_is_large_enough_and_varied():
    found = counts()
    assert found["quotations"] >= 20 and found["figures"] >= 20
    assert all(found[kind] >= 20 for kind in DEFECTS)
    formats = Counter(source.name.rsplit(".", 1)[1] for source in SOURCES)
    assert formats["pdf"] >= 2 and len(formats) >= 5


@pytest.mark.parametrize("kind", list(DEFECTS))
def test_each_kind_of_planted_defect_is_found_by_its_rule(score, kind):
    assert score.planted[kind] >= 20
    assert score.recall(kind) >= 0.95, score.missed


def test_the_unaltered_copies_have_almost_no_findings(score):
    assert score.verified["quote"] >= 20 and score.verified["figure"] >= 20
    assert score.false_rate <= 0.02, score.false
    assert len(score.formats) >= 4  # the manuscripts: Markdown (with and without .bib), text, Word, HTML
