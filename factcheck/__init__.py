"""factcheck: audit the claims and citations in documents before they are published.

The Python API::

    import factcheck

    result = factcheck.audit(["paper.md"], select=["CIT", "FN"], fail_on="warning")
    for doc in result.documents:
        for finding in doc.findings:
            print(doc.document.path, finding.code, finding.excerpt, finding.suggestion)
    print(factcheck.render(result, "sarif"))
    raise SystemExit(factcheck.exit_code(result, fail_on="warning"))

``import factcheck`` stays cheap: the pipeline loads on first use.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "audit", "exit_code", "load_document", "render"]

if TYPE_CHECKING:
    from factcheck.config import FailOn, Settings
    from factcheck.documents import Document
    from factcheck.reports import Format
    from factcheck.results import AuditResult, DocumentResult
    from factcheck.suppress import Baseline

PathLike = str | os.PathLike[str]


def audit(
    paths: PathLike | Iterable[PathLike],
    *,
    settings: Settings | None = None,
    config: PathLike | None = None,
    isolated: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    fail_on: FailOn | None = None,
    severity: Mapping[str, str] | None = None,
    thresholds: Mapping[str, float] | None = None,
    per_file_ignores: Mapping[str, Iterable[str]] | None = None,
    published: str | None = None,
    lexicon: PathLike | None = None,
    exclude: Iterable[str] | None = None,
    bib: PathLike | None = None,
    sources: PathLike | None = None,
    baseline: Baseline | PathLike | None = None,
    jobs: int | None = None,
    time_limit: float | None = None,
    memory_limit: float | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    skip: Iterable[PathLike] = (),
    prepare: Callable[[DocumentResult], str | tuple[str | None, ...] | None] | None = None,
) -> AuditResult:
    """Audit files and folders; the Python face of ``factcheck audit``.

    Settings come as for the command line, in order: defaults, then the config file
    (``config``, else the nearest ``pyproject.toml`` with ``[tool.factcheck]`` or
    ``factcheck.toml`` from the working folder, none with ``isolated=True``), then these
    keyword arguments. ``FACTCHECK_*`` environment variables are not read: a library call
    does not change with the environment. Pass ``settings`` to skip all of that.

    ``sources`` is a folder of the cited works: quotations and figures of the claims that cite
    them are checked against their texts (their extracted texts are cached on disk only when
    ``settings.sources_cache`` names a file).

    ``baseline`` is a baseline file (or a loaded ``factcheck.suppress.Baseline``); unlike the
    command line, none is read unless given. Nothing is written: no HTML, no claim ledger.
    ``on_progress(done, total, path)`` is called as each document is done, and
    ``on_stage(label)`` once they all are, before the checks across documents (when two
    documents or more were audited and such a check is selected; the command's progress bar
    shows both).
    Raises ``factcheck.config.ConfigError`` for invalid settings; unreadable inputs are listed
    in ``result.errors``, and so is a document that takes longer than ``time_limit`` seconds
    (default 60, 0 for none; enforced only when called from the main thread on POSIX, see
    ``factcheck.timelimit``). Folders are walked as ``factcheck.walk`` says, never entering the
    ``skip`` folders (where reports and ledgers are written).

    ``result.documents`` is a sequence of the documents' results: a tuple for a small run; from
    200 documents on, and on a cluster, a ``factcheck.store.ResultStore`` that reads each result
    back from a temporary file when it is asked for (the file has no name, and is freed with the
    result). Go through it in order (``for doc in result.documents``) rather than keeping every
    result; ``result.summaries()`` gives each document's path, rules and counts without reading it.
    The findings across documents of such a run, ``result.corpus_findings`` and
    ``result.suppressed_corpus``, are a ``factcheck.spool.ItemSpool`` too, read back in order
    from a temporary file (a sequence: ``len``, an index, a slice as a list; ``list(...)`` for
    a list of them), a tuple otherwise.

    ``prepare=factcheck.reports.json_report.DocumentJSON(indent)``, for a result to be rendered as
    JSON with that ``indent``: a large run makes each document's record of the report on the
    workers, as it audits the document, and the report copies them (faster on several cores).
    Likewise ``factcheck.reports.html.render.DocumentPage(now)`` for the HTML reports that
    ``write_reports(result, folder, now)`` writes, ``factcheck.reports.ledger.DocumentLedger()``
    for the claim ledgers of ``write_ledgers``, and several at once in a
    ``factcheck.reports.prepared.Bundle``.
    """
    from factcheck.configure import load_settings
    from factcheck.pipeline import audit as run

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if settings is None:
        options: dict[str, Any] = {
            "select": _tuple(select), "ignore": _tuple(ignore), "fail_on": fail_on, "published": published,
            "lexicon": os.fspath(lexicon) if lexicon is not None else None, "exclude": _tuple(exclude),
            "jobs": jobs, "time_limit": time_limit, "memory_limit": memory_limit,
            "sources": os.fspath(sources) if sources is not None else None,
            "severity": dict(severity) if severity is not None else None,
            "thresholds": dict(thresholds) if thresholds is not None else None,
            "per_file_ignores": {k: tuple(v) for k, v in per_file_ignores.items()} if per_file_ignores else None,
        }
        settings = load_settings(cli=options, config_path=os.fspath(config) if config is not None else None,
                                 environ={}, isolated=isolated)
    base = os.fspath(baseline) if isinstance(baseline, (str, os.PathLike)) else baseline
    return run(list(paths), settings, bib=os.fspath(bib) if bib is not None else None, on_progress=on_progress,
               jobs=jobs, baseline=base, skip=[os.fspath(folder) for folder in skip], prepare=prepare,
               on_stage=on_stage)


def _tuple(values: Iterable[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return (values,) if isinstance(values, str) else tuple(values)


def render(result: AuditResult, format: Format = "text", *, color: bool = False, quiet: bool = False,
           fail_on: FailOn = "error", indent: int | None = None) -> str:
    """The report of ``result`` as ``factcheck audit --format`` prints it: text, json, sarif, junit, github
    (``fail_on``: the JUnit failures are the findings at or above it, as for the exit code; ``indent``:
    JSON and SARIF indented by that many spaces, compact without it)."""
    from factcheck.reports import render as render_report

    return render_report(result, format, color=color, quiet=quiet, fail_on=fail_on, indent=indent)


def exit_code(result: AuditResult, fail_on: FailOn = "error", exit_zero: bool = False) -> int:
    """0, 1 or 2 as the command line would exit for ``result``."""
    from factcheck.gate import result_exit_code

    return result_exit_code(result, fail_on, exit_zero)


def __getattr__(name: str) -> Any:
    # Keep `import factcheck` (and `factcheck --version`) cheap: load the loaders on first use.
    if name == "load_document":
        from factcheck.documents import load_document

        return load_document
    raise AttributeError(name)


if TYPE_CHECKING:
    def load_document(path: PathLike) -> Document: ...
