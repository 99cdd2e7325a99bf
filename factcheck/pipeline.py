"""audit(paths, settings) -> AuditResult: load -> extract -> check(document) -> check(corpus) -> suppress.

Every input is audited in isolation: a file that cannot be read, a document whose audit
fails, or one whose loading and audit together take longer than ``settings.time_limit``
(see ``factcheck.timelimit`` for where that limit can be enforced), becomes an entry in
``errors`` with a one-line reason, and the run goes on. With ``jobs`` > 1 documents are audited
in worker processes (``factcheck.workers``); with ``settings.scheduler``, on a Dask cluster's workers
(``factcheck.cluster``), the conflicts between documents found there too. Each document's result
is gathered as it finishes (``factcheck.collect``): ``factcheck.suppress`` applies the inline
comments and the baseline to it, and a large run writes it to a temporary file
(``factcheck.store``) instead of holding it, so that this process does not grow with the corpus.
The corpus rules (between documents) run once every document is in, on what was kept of each
(path, rules, fact statements), and their findings are suppressed in turn. Per-file ignores turn
rules off for a document before it is checked.

With ``sources`` (``--sources``), the folder of cited works is read once up front (each file
that cannot be read is an input error, and the folder is never audited itself); each document's
claims then carry what was found of them there (``factcheck.verify``), and the texts of the
sources that findings quote are kept for the reports.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.citations.bib import Bibliography, combined_entries, read_bibliography
from factcheck.citations.resolve import LinkThresholds
from factcheck.collector import collector_paused
from factcheck.config import Settings
from factcheck.collect import Collected, Finished, Prepare
from factcheck.context import AuditContext, CorpusContext, CorpusDocument, CorpusDocuments
from factcheck.documents import Document, LoadError, load_document
from factcheck.extract import Extraction, extract
from factcheck.memlimit import memory_limit
from factcheck.results import AuditResult, DocumentResult, Finding, InputError
from factcheck.rules.registry import collect_for_corpus, corpus_findings, run_rules, select_rules
from factcheck.store import ResultStore
from factcheck.suppress import (Baseline, BaselineError, Suppressor, baseline_for_worker, forget_worker_baseline,
                               suppressed_alone)
from factcheck.timelimit import TimeLimitExceeded, time_limit
from factcheck.spool import ItemSpool, PathSpool
from factcheck.walk import expand_paths, walk_paths
from factcheck.workers import ProgressCallback, default_jobs, map_in_order

if TYPE_CHECKING:
    from factcheck.cluster.session import Cluster
    from factcheck.verify import SourceLibrary

__all__ = ["AuditContext", "Extraction", "audit", "audit_document", "audit_path", "expand_paths", "extract"]

#: From this many documents on, results are kept on disk (``factcheck.store``), their extractions packed.
STORE_MIN_DOCUMENTS = 200


def audit_document(document: Document, settings: Settings, bibliography: Bibliography | None = None) -> DocumentResult:
    """Audit one loaded document: its selected rules, less its per-file ignores. Its findings
    are not yet suppressed (``factcheck.suppress.apply`` does that for the whole run).

    Without ``bibliography`` (``--bib``), the bibliographies the document names itself (Markdown
    front matter) stand in for its reference list; a problem with such a file is an input error
    of the result, and the document is audited all the same.
    """
    with collector_paused():  # its records form no cycles: see factcheck.collector
        return _audit_document(document, settings, bibliography)


def _audit_document(document: Document, settings: Settings, bibliography: Bibliography | None) -> DocumentResult:
    if settings.published and not document.metadata.published:
        document = document.model_copy(update={"metadata": document.metadata.model_copy(
            update={"published": settings.published})})
    errors: list[InputError] = [InputError(document.path, problem) for problem in document.problems]
    if bibliography is not None:
        bibliographies: tuple[Bibliography, ...] = (bibliography,)
    else:
        bibliographies = own_bibliographies(document.metadata.bibliography, document.path, errors)
    entries = combined_entries(bibliographies) if bibliographies else None
    thresholds = LinkThresholds(author_fuzzy=settings.thresholds.author_fuzzy,
                                author_year_differs=settings.thresholds.author_year_differs)
    extraction = extract(document, entries, thresholds, settings.genre, settings.language, settings.citation_style)
    rules = select_rules(settings.select, (*settings.ignore, *settings.ignored_for(document.path)))
    # Rules that read English do not run on other languages; LNG001 says which were skipped.
    english = extraction.language_guess.english
    skipped = () if english else tuple(spec.code for spec in rules if spec.english)
    rules = [spec for spec in rules if english or not spec.english]
    ctx = AuditContext(document=document, extraction=extraction, settings=settings, bibliographies=bibliographies,
                       skipped_for_language=skipped)
    findings = run_rules(ctx, rules, settings.severity)
    if settings.sources:  # what was found in the cited works goes into the claim records
        from factcheck.verify import with_evidence  # only with --sources: a run without reads none of verify

        verification = ctx.verification
        extraction = replace(extraction, claims=with_evidence(extraction.claims, verification, document.text),
                             sources=verification.matches)
    # The texts of its own bibliographies that findings point into go with the result, for the
    # reporters (a --bib shared by the run is kept once, by the run).
    side_texts = {}
    own = [b for b in bibliographies if b is not bibliography]
    if own:  # without any, 100,000 findings need no look
        pointed = {f.path for f in findings} | {r.path for f in findings for r in f.related}
        side_texts = {b.path: b.text for b in own if b.path in pointed}
    return DocumentResult(document=document, extraction=extraction, findings=tuple(findings),
                          rules=tuple(spec.code for spec in rules), corpus_inputs=collect_for_corpus(ctx, rules),
                          errors=tuple(errors), side_texts=side_texts)


def own_bibliographies(paths: Sequence[str], document_path: str,
                       errors: list[InputError]) -> tuple[Bibliography, ...]:
    """The bibliography files a document names, read (once per run for the documents that share
    one); each problem becomes an input error naming the file."""
    found = []
    for path in paths:
        try:
            bibliography = _read_bibliography_file(path)
        except LoadError as error:
            errors.append(InputError(path, f"{error} (the bibliography named in {document_path})"))
            continue
        found.append(bibliography)
        errors.extend(InputError(path, problem) for problem in bibliography.problems)
    return tuple(found)


@lru_cache(maxsize=16)
def _cached_bibliography(path: str, stamp: tuple[int, int]) -> Bibliography:
    return read_bibliography(path)


def _read_bibliography_file(path: str) -> Bibliography:
    """A bibliography file read once per run for the documents that share it (keyed by its size
    and time of change)."""
    try:
        stat = Path(path).stat()
    except OSError:
        return read_bibliography(path)  # raises the LoadError that says what is wrong
    return _cached_bibliography(path, (stat.st_size, stat.st_mtime_ns))


def audit_path(path: str | Path, settings: Settings, bibliography: Bibliography | None = None) -> DocumentResult | InputError:
    """Load and audit one file; an unreadable file, a failed audit, or one that runs past
    ``settings.time_limit`` or ``settings.memory_limit`` becomes an InputError.

    Runs in worker processes with ``jobs`` > 1: it takes and returns only picklable values.
    """
    try:
        # Loading counts too: a parser can hang, or inflate a small file into gigabytes.
        with time_limit(settings.time_limit), memory_limit(settings.memory_limit):
            return audit_document(load_document(path), settings, bibliography)
    except TimeLimitExceeded as exceeded:
        return InputError(str(path), time_limit_message(exceeded.seconds))
    except MemoryError:
        return InputError(str(path), f"audit needed more than {settings.memory_limit:g} MB of memory (memory limit; "
                                     "raise it with --memory-limit or 'memory-limit' in the settings, 0 for none)")
    except LoadError as error:
        return InputError(str(path), str(error))
    except Exception as error:  # noqa: BLE001 - one bad document must not stop the run
        return InputError(str(path), f"internal error while auditing: {type(error).__name__}: {error}")


def audit_to_store(path: str | Path, settings: Settings, bibliography: Bibliography | None = None,
                   statements: bool = False, prepare: Prepare | None = None,
                   baseline_file: str | None = None) -> Finished | InputError:
    """``audit_path`` for a large run: the result pickled in the process that audited it, with
    what the run reads of it (``factcheck.collect.Finished``); with ``statements``, its fact
    statements apart for the corpus check; with ``prepare``, the reports' records of it, made of
    the result less what its inline comments and the run's baseline (``baseline_file``) drop
    (``suppressed_alone``: the findings a report shows). Runs in worker processes."""
    outcome = audit_path(path, settings, bibliography)
    if isinstance(outcome, InputError):
        return outcome
    prepared, dropped = None, ()
    if prepare is not None:
        shown = outcome
        if baseline_file is not None or outcome.document.suppressions:
            shown, dropped = suppressed_alone(outcome, baseline_for_worker(baseline_file) if baseline_file else None)
        try:
            prepared = prepare(shown)
        except Exception:  # noqa: BLE001 - the document was audited: the report makes its record
            prepared = None
    return Finished.of(outcome, statements, prepared, dropped)


def time_limit_message(seconds: float) -> str:
    """The one-line reason a document that ran out of time gets, saying how to give it more."""
    return (f"audit took longer than {seconds:g} s (time limit; raise it with --time-limit "
            "or 'time-limit' in the settings, 0 for none)")


def _bibliography(bib: str | None, errors: list[InputError]) -> Bibliography | None:
    """The ``--bib`` file read; each problem with it becomes an input error."""
    if not bib:
        return None
    try:
        bibliography = read_bibliography(bib)
    except LoadError as error:
        errors.append(InputError(bib, str(error)))
        return None
    # The entries that parse are used; each one that does not is named, as an input error.
    errors.extend(InputError(bib, problem) for problem in bibliography.problems)
    return bibliography


def _baseline(baseline: Baseline | str | Path | None, errors: list[InputError]) -> Baseline | None:
    if not isinstance(baseline, (str, Path)):
        return baseline
    try:
        return Baseline.load(baseline)
    except BaselineError as error:
        errors.append(InputError(str(baseline), str(error)))
        return None


def _library(settings: Settings, errors: list[InputError]) -> SourceLibrary | None:
    """The ``--sources`` folder read (into the cache when there is one); a file of it that cannot
    be read becomes an input error."""
    if not settings.sources:
        return None
    from factcheck.verify import open_library  # only with --sources: a run without reads none of verify

    @contextlib.contextmanager
    def guard() -> Iterator[None]:
        with time_limit(settings.time_limit), memory_limit(settings.memory_limit):
            yield

    library = open_library(settings.sources, settings.sources_cache, guard)
    errors.extend(InputError(path, reason) for path, reason in library.problems)
    return library


@contextlib.contextmanager
def _shared_cache(settings: Settings, jobs: int) -> Iterator[Settings]:
    """Worker processes read the sources from a cache file: without one of the user's, from a
    temporary one for the run."""
    if not settings.sources or settings.sources_cache or jobs <= 1:
        yield settings
        return
    from factcheck.verify.cache import CACHE_NAME

    folder = tempfile.mkdtemp(prefix="factcheck-sources-")
    try:
        yield settings.model_copy(update={"sources_cache": str(Path(folder) / CACHE_NAME)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_corpus(results: Sequence[DocumentResult] | Sequence[CorpusDocument] | CorpusDocuments,
                 settings: Settings, cluster: Cluster | None = None,
                 text_of: Callable[[str], str] | None = None) -> list[Finding]:
    """The findings of the selected corpus rules over every document of the run; with a
    ``cluster``, the conflicts between documents are found by its workers (``Cluster.fact_conflicts``).
    ``results`` are the documents' results, or what the run kept of them (``CorpusDocument``,
    with ``text_of(path)`` to read a document's text; or ``CorpusDocuments``)."""
    return list(_corpus_findings(results, settings, cluster, text_of))


def _corpus_findings(results: Sequence[DocumentResult] | Sequence[CorpusDocument] | CorpusDocuments,
                     settings: Settings, cluster: Cluster | None = None,
                     text_of: Callable[[str], str] | None = None) -> Generator[Finding, None, None]:
    """``check_corpus`` as a stream, in the same order (``factcheck.rules.registry.corpus_findings``);
    what the checks kept on disk is let go once it is gone through, or closed."""
    rules = _corpus_rules(settings)
    if len(results) < 2 or not rules:  # a document alone has only document findings
        return
    conflicts = None if cluster is None else partial(cluster.fact_conflicts, thresholds=settings.thresholds)
    corpus = CorpusContext(results, settings, conflicts, text_of)
    try:
        yield from corpus_findings(corpus, rules, settings.severity)
    finally:
        corpus.close()


def _files(paths: Iterable[str | Path], settings: Settings, skip: Iterable[str | Path],
           stack: contextlib.ExitStack) -> tuple[list[str | Path] | PathSpool, list[InputError]]:
    """The files to audit and the paths that cannot be. A large run's (``STORE_MIN_DOCUMENTS``
    or more, or any on a cluster) are written to a temporary file as the walk finds them (a
    ``PathSpool``, closed with ``stack``): the list lasts the whole run, and 100,000 paths as
    strings were 11 MB."""
    errors: list[InputError] = []
    files: list[str | Path] = []
    spool: PathSpool | None = None
    for found in walk_paths(paths, settings.exclude, settings.force_exclude, skip):
        if isinstance(found, InputError):
            errors.append(found)
        elif spool is not None:
            spool.append(str(found))
        else:
            files.append(found)
            if settings.scheduler or len(files) >= STORE_MIN_DOCUMENTS:
                spool = stack.enter_context(contextlib.closing(PathSpool()))
                spool.extend(str(path) for path in files)
                files = []
    return (files if spool is None else spool), errors


def _corpus_rules(settings: Settings) -> list:
    return [spec for spec in select_rules(settings.select, settings.ignore) if spec.corpus_check]


def audit(paths: Iterable[str | Path], settings: Settings | None = None, bib: str | None = None,
          on_progress: ProgressCallback | None = None, *, jobs: int | None = None,
          baseline: Baseline | str | Path | None = None, skip: Iterable[str | Path] = (),
          prepare: Prepare | None = None, on_stage: Callable[[str], None] | None = None) -> AuditResult:
    """Audit files and folders.

    ``on_progress(done, total, path)`` is called as each document is finished, and
    ``on_stage(label)`` once they all are, before the checks across documents. ``jobs``
    (else ``settings.jobs``, else one per core for eight documents or more) sets the number of
    worker processes. ``baseline`` (else ``settings.baseline``) is a Baseline or the path of a
    baseline file; one that cannot be read is reported in ``errors``. Folders walked never enter
    the ``skip`` folders (the run's own reports and ledgers; see ``factcheck.walk``).

    ``prepare`` (picklable) makes each document's records of the reports to come where the document
    is audited, on the workers of a large run, kept with its result in the store (a small run
    keeps its results whole and does not call it): the reporter then writes those records as
    they are, instead of this process reading every result back to make them one by one.

    From ``STORE_MIN_DOCUMENTS`` documents on, and always on a cluster, each document's result is
    written to a temporary file as it finishes (``factcheck.store``) and ``documents`` reads them
    back one at a time: go through them rather than gathering them all.
    """
    settings = settings or Settings()
    # The cited works are not documents to audit, even inside a folder that is.
    skip = [*skip, settings.sources] if settings.sources else skip
    with contextlib.ExitStack() as stack:
        files, errors = _files(paths, settings, skip, stack)
        bibliography = _bibliography(bib, errors)
        workers = jobs or settings.jobs or default_jobs(len(files))
        baseline_errors: list[InputError] = []  # listed last, as the baseline is read for the suppressions
        baseline = _baseline(baseline if baseline is not None else settings.baseline, baseline_errors)
        settings = stack.enter_context(_shared_cache(settings, 2 if settings.scheduler else workers))
        library = _library(settings, errors)
        quoted = None if library is None else {s.path: s.document.text for s in library.sources}
        large = isinstance(files, PathSpool) or bool(settings.scheduler)
        # Whether this process finds the conflicts between documents (on a cluster its workers
        # do, the statements kept apart by ``factcheck.cluster.session``).
        statements = not settings.scheduler and bool(_corpus_rules(settings))
        baseline_file = None
        if large:  # each result pickled where it was audited, and written to the store as it came
            # The workers read the baseline file themselves, for the records they make (a
            # Baseline given as an object, or a large file, is applied here alone).
            baseline_file = (str(baseline.source.resolve()) if prepare is not None and baseline is not None
                             and baseline.source is not None and baseline.entries else None)
            work = partial(audit_to_store, settings=settings, bibliography=bibliography,
                           statements=bool(_corpus_rules(settings)), prepare=prepare,
                           baseline_file=baseline_file)
        else:
            work = partial(audit_path, settings=settings, bibliography=bibliography)
        collected = Collected(Suppressor(baseline), store=large, statements=statements,
                              quoted=None if quoted is None else quoted.__contains__,
                              prepared_as=prepare if large else None)
        cluster = None
        if settings.scheduler and files:  # on Dask's workers (factcheck.cluster), imported only then
            from factcheck.cluster import open_cluster

            cluster = stack.enter_context(open_cluster(settings.scheduler, workers))
            outcomes: Iterable[DocumentResult | Finished | InputError] = cluster.audit(work, files, on_progress)
        else:
            outcomes = map_in_order(work, files, workers, on_progress)
        spooled: tuple[ItemSpool[Finding], ItemSpool[Finding]] | tuple[None, None] = (None, None)
        findings: Generator[Finding, None, None] | None = None
        try:
            for outcome in outcomes:
                collected.add(outcome)
            if large:  # its corpus findings to temporary files as they are made, as its results
                spooled = (ItemSpool("factcheck-corpus-findings-"), ItemSpool("factcheck-corpus-suppressed-"))
            if on_stage is not None and len(collected.documents) > 1 and _corpus_rules(settings):
                on_stage("checking across documents")
            findings = _corpus_findings(collected.corpus(), settings, cluster)
            kept, dropped, unused = collected.suppressor.finish(findings, collected.audited(), *spooled)
        except BaseException:
            if findings is not None:  # the conflicts' file, when the error came from the findings' reader
                findings.close()
            if isinstance(collected.documents, ResultStore):
                collected.documents.close()
            for spool in spooled:
                if spool is not None:
                    spool.close()
            raise
        finally:
            if baseline_file is not None:
                forget_worker_baseline()  # read here too when the work ran in this process
    # The texts that findings point into besides the documents: the cited works quoted, the run's
    # --bib, the documents' own bibliographies.
    side_texts = {path: quoted[path] for path in collected.quoted_paths} if quoted is not None else {}
    if bibliography is not None:
        side_texts[bibliography.path] = bibliography.text
    side_texts.update(collected.side_texts)
    documents = collected.documents if isinstance(collected.documents, ResultStore) else tuple(collected.documents)
    return AuditResult(documents=documents, errors=tuple([*errors, *collected.errors, *baseline_errors]),
                       corpus_findings=kept if large else tuple(kept),
                       suppressed_corpus=dropped if large else tuple(dropped),
                       unused_suppressions=tuple(unused), side_texts=side_texts)
