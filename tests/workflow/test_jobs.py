"""--jobs N audits in worker processes with the same output, in the same order, as --jobs 1."""

from __future__ import annotations

import json
import os
import pickle

from factcheck.pipeline import audit, default_jobs
from tests.workflow.corpus_variants import make_corpus


def _outputs(cli, workdir, jobs: str) -> dict[str, str | bytes]:
    """Every report one --jobs value writes, by kind and name: JSON, SARIF, the text report,
    the HTML pages and the claim ledger."""
    unreadable = "factcheck: docs/unreadable.pdf: not a PDF file (starts with 'GIF89a n')\n"
    code, json_out, err = cli("audit", "docs", "--format", "json", "--jobs", jobs, "--out", f"reports-{jobs}",
                              "--claims", f"claims-{jobs}")
    written = (f"factcheck: HTML reports in reports-{jobs} (open reports-{jobs}/index.html); "
               f"50 claim ledger(s) in claims-{jobs}\n")
    assert code == 2 and err == unreadable + written
    code, text_out, err = cli("audit", "docs", "--format", "sarif", "--output", f"report-{jobs}.sarif",
                              "--jobs", jobs, "--no-html", "--no-claims")
    assert code == 2 and err == unreadable
    outputs = {"json": json_out, "text": text_out,
               "sarif": (workdir / f"report-{jobs}.sarif").read_bytes()}
    for kind in ("reports", "claims"):
        outputs.update({f"{kind}/{p.name}": p.read_bytes() for p in sorted((workdir / f"{kind}-{jobs}").iterdir())})
    return outputs


def test_jobs_2_gives_byte_identical_reports_on_50_documents(cli, workdir, monkeypatch):
    # The time a page says it was audited is the one thing two runs may rightly differ in.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    paths = make_corpus(workdir / "docs", count=50)
    (workdir / "docs" / "unreadable.pdf").write_bytes(b"GIF89a not a pdf")  # errors keep their place too
    one, two = _outputs(cli, workdir, "1"), _outputs(cli, workdir, "2")
    assert len([name for name in one if name.startswith("reports/")]) == 51  # 50 pages and the index
    assert len([name for name in one if name.startswith("claims/")]) == 50
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    data = json.loads(one["json"])
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


def _pid_of(item: str) -> tuple[str, int]:
    return item, os.getpid()


def test_work_is_handed_out_in_small_chunks_and_comes_back_in_order(monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    from factcheck.workers import MAX_CHUNK, chunk_size, map_in_order

    # Four chunks a worker at least; at most MAX_CHUNK documents each, however large the run.
    assert (chunk_size(10_000, 2), chunk_size(100_000, 8), chunk_size(50, 2), chunk_size(3, 2)) == (32, 32, 6, 1)
    assert MAX_CHUNK == 32
    asked = []
    pool_map = ProcessPoolExecutor.map

    def recorded(pool, fn, *iterables, chunksize=1, **kwargs):
        asked.append(chunksize)
        return pool_map(pool, fn, *iterables, chunksize=chunksize, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "map", recorded)
    items = [f"doc{n:03d}" for n in range(300)]
    outcomes = list(map_in_order(_pid_of, items, jobs=2))
    assert asked == [32]  # 300 documents, 2 workers: chunks of 32, not of 37 (a quarter of a share)
    assert [item for item, _ in outcomes] == items
    assert os.getpid() not in {pid for _, pid in outcomes}  # all of it done by the workers
