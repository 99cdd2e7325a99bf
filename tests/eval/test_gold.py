"""Score the tool against ../shared/gold and enforce the floors the issues set."""

from __future__ import annotations

import pytest

from tests.eval.scoring import CORPUS, GOLD, family_totals, score_document, table

NAMES = ["taliban-foreign-policy-paper", "zero-sum-diplomacy-news", "regional-diplomacy-report"]

pytestmark = pytest.mark.skipif(not CORPUS.is_dir() or not GOLD.is_dir(),
                                reason="../shared/corpus or ../shared/gold is absent")


@pytest.fixture(scope="module")
def scores():
    return [score_document(name) for name in NAMES]


def test_print_table(scores, capsys):
    with capsys.disabled():
        print(table(scores))


def test_linking_f1_on_the_paper(scores):
    paper = scores[0]
    assert paper.link_f1 >= 0.97, (paper.link_tp, paper.link_gold, paper.link_pred)


def test_every_reference_found_with_its_cited_status(scores):
    for s in scores:
        assert s.reference_problems == [], (s.name, s.reference_problems)


def test_note_blocks_as_in_the_gold(scores):
    for s in scores:
        assert s.note_problems == [], (s.name, s.note_problems)


def test_citation_reference_note_rules_meet_the_floor(scores):
    gold_must, found, tool, matched = family_totals(scores, ("CIT", "REF", "FN"))
    missed = {s.name: {c: r.missed for c, r in s.rules.items() if c.startswith(("CIT", "REF", "FN")) and r.missed}
              for s in scores}
    false = {s.name: {c: r.false_alarms for c, r in s.rules.items()
                      if c.startswith(("CIT", "REF", "FN")) and r.false_alarms} for s in scores}
    assert found / gold_must >= 0.9, missed
    assert matched / tool >= 0.8, false
