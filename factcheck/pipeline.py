"""audit(paths, settings) -> AuditResult: load -> extract -> check(document) -> check(corpus) -> suppress.

Every input is audited in isolation: a file that cannot be read, a document whose audit
fails, or one whose loading and audit together take longer than ``settings.time_limit``
(see ``factcheck.timelimit`` for where that limit can be enforced), becomes an entry in
``errors`` with a one-line reason, and the run goes on. With ``jobs`` > 1 documents are audited
in worker processes (``factcheck.workers``). The corpus rules (between documents) run once
every document is in; then ``factcheck.suppress`` applies the inline comments and the
baseline. Per-file ignores turn rules off for a document before it is checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from factcheck.citations.model import ReferenceEntry
from factcheck.citations.resolve import LinkThresholds
from factcheck.config import Settings, excluded
from factcheck.context import AuditContext, CorpusContext
from factcheck.documents import SUFFIXES, Document, LoadError, load_document
from factcheck.extract import Extraction, extract
from factcheck.results import AuditResult, DocumentResult, Finding, InputError
from factcheck.rules.registry import collect_for_corpus, run_corpus_rules, run_rules, select_rules
from factcheck.suppress import Baseline, BaselineError, apply
from factcheck.timelimit import TimeLimitExceeded, time_limit
from factcheck.workers import ProgressCallback, default_jobs, map_in_order

__all__ = ["AuditContext", "Extraction", "audit", "audit_document", "audit_path", "expand_paths", "extract"]

#: From this many documents on, results are kept with their extractions packed (memory).
PACK_MIN_DOCUMENTS = 200


def expand_paths(paths: Iterable[str | Path], exclude: Sequence[str] = (),
                 force_exclude: bool = False) -> tuple[list[Path], list[InputError]]:
    """Files to audit (folders recursed, supported suffixes, sorted) and paths that cannot be.

    ``exclude`` globs (see ``factcheck.config.path_matches``) apply to files found in folders,
    and to files named explicitly too with ``force_exclude`` (for pre-commit, which names them).
    """
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and path.suffix.lower() not in SUFFIXES:
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            files.extend(p for p in found if not excluded(p, tuple(exclude)))
        elif force_exclude and excluded(path, tuple(exclude)):
            continue
        elif not path.exists() and not path.is_symlink():
            errors.append(InputError(str(path), "no such file or directory"))
        else:
            files.append(path)  # load_document explains what is wrong with odd files
    return files, errors


def audit_document(document: Document, settings: Settings, bib_entries: Sequence[ReferenceEntry] | None = None,
                   bib_path: str | None = None) -> DocumentResult:
    """Audit one loaded document: its selected rules, less its per-file ignores. Its findings
    are not yet suppressed (``factcheck.suppress.apply`` does that for the whole run)."""
    if settings.published and not document.metadata.published:
        document = document.model_copy(update={"metadata": document.metadata.model_copy(
            update={"published": settings.published})})
    thresholds = LinkThresholds(author_fuzzy=settings.thresholds.author_fuzzy,
                                author_year_differs=settings.thresholds.author_year_differs)
    extraction = extract(document, bib_entries, thresholds, settings.citation_style)
    ctx = AuditContext(document=document, extraction=extraction, settings=settings, bib_path=bib_path)
    rules = select_rules(settings.select, (*settings.ignore, *settings.ignored_for(document.path)))
    findings = run_rules(ctx, rules, settings.severity)
    return DocumentResult(document=document, extraction=extraction, findings=tuple(findings),
                          rules=tuple(spec.code for spec in rules), corpus_inputs=collect_for_corpus(ctx, rules))


def audit_path(path: Path, settings: Settings, bib_entries: Sequence[ReferenceEntry] | None = None,
               bib_path: str | None = None) -> DocumentResult | InputError:
    """Load and audit one file; an unreadable file, a failed audit, or one that runs past
    ``settings.time_limit`` becomes an InputError.

    Runs in worker processes with ``jobs`` > 1: it takes and returns only picklable values.
    """
    try:
        with time_limit(settings.time_limit):  # loading counts too: a parser can hang as well
            document = load_document(path)
            problems: list[InputError] = []
            if bib_entries is None:  # no --bib: the bibliography the document's front matter names
                bib_entries, bib_path = _front_matter_bibliography(path, document, problems)
            result = audit_document(document, settings, bib_entries, bib_path)
            return replace(result, input_errors=tuple(problems)) if problems else result
    except TimeLimitExceeded as exceeded:
        return InputError(str(path), time_limit_message(exceeded.seconds))
    except LoadError as error:
        return InputError(str(path), str(error))
    except Exception as error:  # noqa: BLE001 - one bad document must not stop the run
        return InputError(str(path), f"internal error while auditing: {type(error).__name__}: {error}")


def time_limit_message(seconds: float) -> str:
    """The one-line reason a document that ran out of time gets, saying how to give it more."""
    return (f"audit took longer than {seconds:g} s (time limit; raise it with --time-limit "
            "or 'time-limit' in the settings, 0 for none)")


def _front_matter_bibliography(path: Path, document: Document,
                               problems: list[InputError]) -> tuple[list[ReferenceEntry] | None, str | None]:
    """The entries of the bibliography files a Markdown document's front matter names (relative
    to the document), and the first file's path; each file that cannot be read is a problem."""
    from factcheck.citations.bib import front_matter_bibliographies, load_bibliography

    names = front_matter_bibliographies(document.text) if document.format in ("md", "txt") else []
    entries: list[ReferenceEntry] = []
    found: list[str] = []
    for name in names:
        bib = Path(name) if Path(name).is_absolute() else Path(path).parent / name
        try:
            loaded, issues = load_bibliography(bib)
        except LoadError as error:
            problems.append(InputError(str(bib), f"bibliography named in {path.name}: {error}"))
            continue
        problems.extend(InputError(str(bib), issue) for issue in issues)
        entries.extend(e.model_copy(update={"id": f"b{len(entries) + i}"}) for i, e in enumerate(loaded, 1))
        found.append(str(bib))
    return (entries, found[0]) if found else (None, None)


def _pack(outcome: DocumentResult | InputError) -> DocumentResult | InputError:
    return outcome.packed() if isinstance(outcome, DocumentResult) else outcome


def _bibliography(bib: str | None, errors: list[InputError]) -> list[ReferenceEntry] | None:
    """The entries of ``--bib``; each problem with the file becomes an input error."""
    if not bib:
        return None
    from factcheck.citations.bib import load_bibliography

    try:
        entries, problems = load_bibliography(bib)
    except LoadError as error:
        errors.append(InputError(bib, str(error)))
        return None
    # The entries that parse are used; each one that does not is named, as an input error.
    errors.extend(InputError(bib, problem) for problem in problems)
    return entries


def _baseline(baseline: Baseline | str | Path | None, errors: list[InputError]) -> Baseline | None:
    if not isinstance(baseline, (str, Path)):
        return baseline
    try:
        return Baseline.load(baseline)
    except BaselineError as error:
        errors.append(InputError(str(baseline), str(error)))
        return None


def check_corpus(results: Sequence[DocumentResult], settings: Settings) -> list[Finding]:
    """The findings of the selected corpus rules over every document of the run."""
    rules = [spec for spec in select_rules(settings.select, settings.ignore) if spec.corpus_check]
    if len(results) < 2 or not rules:  # a document alone has only document findings
        return []
    return run_corpus_rules(CorpusContext(results, settings), rules, settings.severity)


def audit(paths: Iterable[str | Path], settings: Settings | None = None, bib: str | None = None,
          on_progress: ProgressCallback | None = None, *, jobs: int | None = None,
          baseline: Baseline | str | Path | None = None) -> AuditResult:
    """Audit files and folders.

    ``on_progress(done, total, path)`` is called as each document is finished. ``jobs``
    (else ``settings.jobs``, else one per core for eight documents or more) sets the number of
    worker processes. ``baseline`` (else ``settings.baseline``) is a Baseline or the path of a
    baseline file; one that cannot be read is reported in ``errors``.
    """
    settings = settings or Settings()
    files, errors = expand_paths(paths, settings.exclude, settings.force_exclude)
    bib_entries = _bibliography(bib, errors)
    work = partial(audit_path, settings=settings, bib_entries=bib_entries, bib_path=bib)
    keep = _pack if len(files) >= PACK_MIN_DOCUMENTS else (lambda outcome: outcome)
    results: list[DocumentResult] = []
    for outcome in map_in_order(work, files, jobs or settings.jobs or default_jobs(len(files)), on_progress, keep):
        (errors if isinstance(outcome, InputError) else results).append(outcome)
        if isinstance(outcome, DocumentResult):
            errors.extend(outcome.input_errors)
    corpus_findings = check_corpus(results, settings)
    return apply(results, corpus_findings, errors, _baseline(baseline if baseline is not None else settings.baseline,
                                                              errors))
