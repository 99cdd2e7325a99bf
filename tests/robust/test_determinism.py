"""The same inputs give byte-identical reports, whatever the hash seed of the process.

Sets and dicts keyed by strings iterate in an order that changes with PYTHONHASHSEED; a rule
that picks "the first" of a set (a suggestion among equally good spellings, a candidate entry)
would give a different report on every run. Two subprocesses with different seeds must agree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"

# Two lexicon words one slip from the same rare word are equally good suggestions: only a fixed
# order makes the choice stable ("Marlw" took "Marlow" or "Marlew" by the hash seed until
# typos.py sorted the candidates).
LEXICON = "Marlow\nMarlew\n"
TIES = "# Notes\n\nOfficials in the Marlw basin said the basin shares one catchment with the delta.\n"


def _audit(paths: list[str], seed: str, cwd: Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("FACTCHECK_JOBS", None)
    proc = subprocess.run([sys.executable, "-m", "factcheck", "audit", *paths, "--format", "json", "--no-html",
                           "--no-claims", "--jobs", "1"], cwd=cwd, env=env, capture_output=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.stdout


@pytest.mark.slow
def test_json_report_is_byte_identical_across_hash_seeds():
    paths = ["sources/"] + ([str(CORPUS)] if CORPUS.is_dir() else [])
    first = _audit(paths, "1", ROOT)
    assert first, "no report"
    assert _audit(paths, "2", ROOT) == first


@pytest.mark.slow
def test_tied_suggestions_do_not_depend_on_the_hash_seed(tmp_path):
    (tmp_path / "lexicon.txt").write_text(LEXICON, encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('lexicon = "lexicon.txt"\n', encoding="utf-8")
    (tmp_path / "ties.md").write_text(TIES, encoding="utf-8")
    reports = {_audit(["ties.md"], seed, tmp_path) for seed in ("1", "2", "3", "4")}
    assert len(reports) == 1
    assert b'"suggestion":"Marlew"' in reports.pop()  # compact JSON
