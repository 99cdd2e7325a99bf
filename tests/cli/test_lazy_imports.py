"""A small run imports what it uses: the modules a ``--select CIT001 --no-html`` audit of a
Markdown paper with a .bib never needs stay unimported, so that such a run starts fast.

Each run is a fresh interpreter (a subprocess): the test's own imports do not count, and what the
run imported is read from its ``sys.modules`` once the command line has returned.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# A paper citing one work of its .bib and one that is missing from it; no front matter.
PAPER = """# Sediment budgets

Dams trap most of the sand a river carries [@mbeki2018]. The delta has shrunk since [@tanaka2001].
"""

BIB = """@article{mbeki2018,
  author = {Mbeki, Thandi and Lund, Ola},
  title = {Trapped sediment behind large dams},
  journal = {River Research},
  year = {2018},
}
"""

# The command line, then the run's modules and its output, as JSON on the last line.
PROBE = """
import contextlib, io, json, sys
from factcheck.cli import main

out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules), "output": out.getvalue()}))
"""

# Never needed by this run: HTML reports, YAML (no front matter, no YAML config), a Dask
# cluster, the cited works' verification (no --sources), the loaders of other formats.
NOT_NEEDED = ("jinja2", "yaml", "dask", "distributed", "factcheck.reports.html", "factcheck.cluster",
              "factcheck.verify", "pdfplumber", "pdfminer", "docx", "lxml", "factcheck.documents.pdf",
              "factcheck.documents.docx", "factcheck.documents.html")


def _probe(folder: Path, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=folder, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _loaded(modules: list[str], name: str) -> list[str]:
    return [m for m in modules if m == name or m.startswith(name + ".")]


def test_a_cit001_run_without_html_imports_only_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    run = _probe(tmp_path, "audit", "paper.md", "--bib", "refs.bib", "--select", "CIT001", "--no-html",
                 "--no-claims", "--format", "json", "--isolated")

    # The audit ran and found the missing work, where it is cited.
    findings = [(f["code"], f["excerpt"]) for doc in json.loads(run["output"])["documents"] for f in doc["findings"]]
    assert findings == [("CIT001", "@tanaka2001")]
    modules = run["modules"]
    assert "factcheck.citations.pandoc" in modules and "markdown_it" in modules
    for name in NOT_NEEDED:
        assert _loaded(modules, name) == [], f"{name} imported by a --select CIT001 --no-html run"


def test_a_front_matter_brings_in_the_yaml_parser(tmp_path: Path) -> None:
    (tmp_path / "paper.md").write_text("---\ntitle: Sediment budgets\n---\n\n" + PAPER, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    run = _probe(tmp_path, "audit", "paper.md", "--bib", "refs.bib", "--select", "CIT001", "--no-html",
                 "--no-claims", "--format", "json", "--isolated")

    document = json.loads(run["output"])["documents"][0]
    assert document["title"] == "Sediment budgets"
    assert [(f["code"], f["excerpt"]) for f in document["findings"]] == [("CIT001", "@tanaka2001")]
    assert "yaml" in run["modules"]
    assert _loaded(run["modules"], "jinja2") == []
