"""--jobs N audits in worker processes with the same output, in the same order, as --jobs 1."""

from __future__ import annotations

import json
import pickle

from factcheck.pipeline import audit, default_jobs
from tests.workflow.corpus_variants import make_corpus


def test_jobs_2_gives_byte_identical_json_on_50_documents(cli, workdir):
    paths = make_corpus(workdir / "docs", count=50)
    (workdir / "docs" / "unreadable.pdf").write_bytes(b"GIF89a not a pdf")  # errors keep their place too
    outputs = {}
    for jobs in ("1", "2"):
        code, out, err = cli("audit", "docs", "--no-html", "--no-claims", "--format", "json", "--jobs", jobs)
        assert code == 2 and err == "factcheck: docs/unreadable.pdf: not a PDF file (starts with 'GIF89a n')\n"
        outputs[jobs] = out
    assert outputs["1"] == outputs["2"]
    data = json.loads(outputs["1"])
    assert [d["path"] for d in data["documents"]] == sorted(p.relative_to(workdir).as_posix() for p in paths)
    assert data["corpus_findings"]  # computed once all documents are in, from either run



def test_results_pickle_and_progress_is_reported_in_order(workdir):
    paths = make_corpus(workdir / "docs", count=4, binary_every=2)
    seen = []
    result = audit(paths, jobs=2, on_progress=lambda done, total, path: seen.append((done, total, path)))
    assert seen == [(n, 4, str(p)) for n, p in enumerate(paths, 1)]
    assert pickle.loads(pickle.dumps(result.documents)) == result.documents


def test_default_jobs():
    assert default_jobs(1) == 1 and default_jobs(7) == 1
    assert 1 <= default_jobs(50) <= 50
