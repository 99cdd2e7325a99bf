"""The files a run will write (HTML reports, claim ledgers, ``--output``), checked against its inputs
before anything is written: a report must never replace the manuscript it reports on."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from factcheck.reports.ledger import ledger_names
from factcheck.results import AuditResult


def planned_outputs(result: AuditResult, output: str | None, out: str | None,
                    claims_dir: str | None) -> list[tuple[Path, str]]:
    """(file, the option that names its place) for each file the run will write."""
    planned: list[tuple[Path, str]] = []
    if output:
        planned.append((Path(output), "--output"))
    if out:
        # Only a run that writes HTML reads the HTML modules (their records cost 20-30 ms to import).
        from factcheck.reports.html.format import report_names
        from factcheck.reports.html.records import INDEX_NAME

        planned += [(Path(out) / name, "--out") for name in [*report_names(result).values(), INDEX_NAME]]
    if claims_dir:
        planned += [(Path(claims_dir) / name, "--claims") for name in ledger_names(result.summaries()).values()]
    return planned


def output_over_input(result: AuditResult, output: str | None, out: str | None, claims_dir: str | None) -> str | None:
    """Why writing this run's outputs would overwrite one of its inputs, else None. The inputs
    are read one at a time (a large run's paths are on disk) against the outputs planned."""
    planned: dict[str, tuple[Path, str]] = {}
    for path, option in planned_outputs(result, output, out, claims_dir):
        planned.setdefault(os.path.realpath(path), (path, option))
    if not planned:
        return None
    clashes = [planned[real] for real in map(os.path.realpath, itertools.chain(
        result.paths(), (e.path for e in result.errors))) if real in planned]
    if not clashes:
        return None
    first = next(entry for entry in planned.values() if entry in clashes)  # the first planned, as before
    path, option = first
    return (f"refusing to overwrite the input '{path}' with this run's output ({option}); "
            "write the outputs to another folder or file")
