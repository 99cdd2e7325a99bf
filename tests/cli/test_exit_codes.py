"""The exit-code matrix: clean / info / warnings / errors x --fail-on x --exit-zero; 2 for bad
usage and unreadable inputs."""

from __future__ import annotations

import pytest

from tests.cli.conftest import CLEAN, ERRORS, INFO_ONLY, WARNINGS_ONLY

DOCUMENTS = {"clean": (CLEAN, 0), "info": (INFO_ONLY, 1), "warnings": (WARNINGS_ONLY, 2), "errors": (ERRORS, 3)}
THRESHOLD = {"error": 3, "warning": 2, "info": 1, "never": 99}


@pytest.mark.parametrize("exit_zero", [False, True], ids=["", "exit-zero"])
@pytest.mark.parametrize("fail_on", ["error", "warning", "info", "never"])
@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_matrix(cli, workdir, kind, fail_on, exit_zero):
    text, worst = DOCUMENTS[kind]
    (workdir / "doc.md").write_text(text, encoding="utf-8")
    args = ["audit", "doc.md", "--no-html", "--no-claims", "-q", "--fail-on", fail_on]
    code, out, err = cli(*args, *(["--exit-zero"] if exit_zero else []))
    expected = 0 if exit_zero or worst < THRESHOLD[fail_on] else 1
    assert (code, err) == (expected, "")
    assert out.rstrip().endswith("0 unreadable")


def test_the_documents_have_the_severities_the_matrix_assumes(cli, workdir):
    for kind, (text, worst) in DOCUMENTS.items():
        (workdir / f"{kind}.md").write_text(text, encoding="utf-8")
    import json

    code, out, _ = cli("audit", ".", "--no-html", "--no-claims", "--format", "json", "--fail-on", "never")
    data = json.loads(out)
    found = {d["path"]: sorted({f["severity"] for f in d["findings"]}) for d in data["documents"]}
    assert found == {"clean.md": [], "info.md": ["info"], "warnings.md": ["warning"], "errors.md": ["error"]}


@pytest.mark.parametrize("args, message", [
    (["audit"], "the following arguments are required: PATH"),
    (["audit", "doc.md", "--format", "xml"], "invalid choice: 'xml'"),
    (["audit", "doc.md", "--fail-on", "fatal"], "invalid choice: 'fatal'"),
    (["audit", "doc.md", "--jobs", "0"], "must be 1 or more"),
    (["audit", "doc.md", "--jobs", "many"], "not a number"),
    (["audit", "doc.md", "--select", "NOPE"], "unknown rule code or prefix 'NOPE' in 'select'"),
    (["audit", "doc.md", "--config", "missing.toml"], "missing.toml: cannot read"),
    (["audit", "doc.md", "--baseline", "missing.json"], "baseline file 'missing.json' not found"),
    (["rules", "--format", "yaml"], "invalid choice: 'yaml'"),
    (["explain", "NOPE999"], "unknown rule 'NOPE999'"),
    ([], ""),
])
def test_bad_usage_exits_2(cli, workdir, args, message):
    (workdir / "doc.md").write_text(CLEAN, encoding="utf-8")
    code, out, err = cli(*args, *(["--no-html", "--no-claims"] if args[:1] == ["audit"] and len(args) > 1 else []))
    assert code == 2
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("exit_zero", [False, True])
def test_unreadable_input_exits_2_even_with_exit_zero_and_the_rest_is_reported(cli, workdir, exit_zero):
    (workdir / "doc.md").write_text(ERRORS, encoding="utf-8")
    (workdir / "broken.pdf").write_bytes(b"not a pdf at all")
    code, out, err = cli("audit", "doc.md", "broken.pdf", "missing.md", "--no-html", "--no-claims",
                         "--fail-on", "never", *(["--exit-zero"] if exit_zero else []))
    assert code == 2
    assert "factcheck: missing.md: no such file or directory" in err
    assert "factcheck: broken.pdf:" in err
    assert "doc.md:5:" in out  # the readable document is still audited and reported
