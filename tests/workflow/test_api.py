"""The Python API: factcheck.audit(paths, **options), render, exit_code."""

from __future__ import annotations

import json

import pytest

import factcheck
from factcheck.config import ConfigError
from tests.cli.conftest import ERRORS, WARNINGS_ONLY


def test_audit_with_options(workdir):
    (workdir / "paper.md").write_text(ERRORS, encoding="utf-8")
    (workdir / "warn.md").write_text(WARNINGS_ONLY, encoding="utf-8")
    result = factcheck.audit(workdir, select=["CIT"], severity={"CIT002": "error"})
    findings = {d.document.path.rsplit("/", 1)[-1]: [(f.code, f.severity.value) for f in d.findings]
                for d in result.documents}
    assert findings == {"paper.md": [("CIT001", "error")], "warn.md": [("CIT002", "error")]}
    assert factcheck.exit_code(result) == 1
    assert factcheck.exit_code(factcheck.audit(workdir / "warn.md", ignore="CIT")) == 0
    assert json.loads(factcheck.render(result, "json"))["summary"]["errors"] == 2
    assert factcheck.render(result, "sarif").startswith("{")


def test_audit_reads_the_config_file_but_not_the_environment(workdir, monkeypatch):
    (workdir / "paper.md").write_text(ERRORS, encoding="utf-8")
    (workdir / "factcheck.toml").write_text('ignore = ["CIT001"]\n', encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_SELECT", "REF")
    assert factcheck.audit("paper.md").documents[0].findings == ()
    assert [f.code for f in factcheck.audit("paper.md", isolated=True).documents[0].findings] == ["CIT001"]
    with pytest.raises(ConfigError, match="unknown setting 'thresholds.nope'"):
        factcheck.audit("paper.md", thresholds={"nope": 1})


def test_audit_with_a_baseline_and_per_file_ignores(workdir):
    (workdir / "paper.md").write_text(ERRORS, encoding="utf-8")
    assert factcheck.audit("paper.md", per_file_ignores={"*.md": ["CIT"]}).documents[0].findings == ()
    from factcheck.reports.baseline import write_baseline

    write_baseline(factcheck.audit("paper.md"), workdir / "base.json")
    result = factcheck.audit("paper.md", baseline=workdir / "base.json")
    assert (result.documents[0].findings, result.suppressed) == ((), 1)


def test_import_stays_cheap():
    import subprocess
    import sys

    code = "import sys, factcheck; print('factcheck.pipeline' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
