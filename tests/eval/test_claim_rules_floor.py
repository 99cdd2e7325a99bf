"""The floor issue 3 sets for the date, number, claim and spelling rules, scored against ../shared/gold:
recall of the gold's ``must`` findings at least 0.85, precision of all their findings at least 0.8."""

from __future__ import annotations

import pytest

from tests.eval.scoring import CORPUS, GOLD, family_totals, score_document

NAMES = ["taliban-foreign-policy-paper", "zero-sum-diplomacy-news", "regional-diplomacy-report"]
FAMILIES = ("DATE", "NUM", "CLM", "SPL")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir() or not GOLD.is_dir(),
                                reason="../shared/corpus or ../shared/gold is absent")


def test_date_number_claim_spelling_rules_meet_the_floor():
    scores = [score_document(name) for name in NAMES]
    gold_must, found, tool, matched = family_totals(scores, FAMILIES)
    missed = {s.name: {c: r.missed for c, r in s.rules.items() if c.startswith(FAMILIES) and r.missed}
              for s in scores}
    false = {s.name: {c: r.false_alarms for c, r in s.rules.items() if c.startswith(FAMILIES) and r.false_alarms}
             for s in scores}
    assert found / gold_must >= 0.85, missed
    assert matched / tool >= 0.8, false
