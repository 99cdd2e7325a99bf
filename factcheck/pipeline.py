"""audit(paths, settings) -> AuditResult: load -> extract -> resolve -> check -> suppress.

Every input is audited in isolation: a file that cannot be read, a document whose audit
fails, or one whose loading and audit together take longer than ``settings.time_limit``
(see ``factcheck.timelimit`` for where that limit can be enforced), becomes an entry in
``errors`` with a one-line reason, and the run goes on. With
``jobs`` > 1 documents are audited in worker processes; results come back in input order, so
the output is the same as with one job. Corpus findings (between documents) are computed once
every document is in, then suppressions are applied: per-file ignores turn rules off for a
document, inline comments and the baseline drop findings (counted as suppressed).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from factcheck.claims.attribution import find_attributions
from factcheck.claims.extract import extract_claims
from factcheck.claims.facts import Statement
from factcheck.claims.layout import layout, mark_regions
from factcheck.claims.sentences import split_sentences
from factcheck.config import Settings, excluded
from factcheck.context import AuditContext, Extraction
from factcheck.documents import SUFFIXES, Document, LoadError, load_document
from factcheck.packing import pack, unpack
from factcheck.rules.facts import document_statements
from factcheck.rules.model import Finding
from factcheck.rules.registry import run_rules, select_rules
from factcheck.sources.citations import find_citations
from factcheck.sources.model import ReferenceEntry
from factcheck.sources.notes import find_notes
from factcheck.sources.references import find_references
from factcheck.sources.resolve import LinkThresholds, resolve
from factcheck.spans import LineIndex
from factcheck.suppress import (Baseline, BaselineError, BaselineMatcher, InlineSuppression, UnusedSuppression,
                                apply_inline, find_inline, unused_inline)
from factcheck.timelimit import TimeLimitExceeded, time_limit

#: Below this many documents a run stays in one process unless ``jobs`` is set: starting
#: workers costs more than it saves.
AUTO_JOBS_MIN_DOCUMENTS = 8

ProgressCallback = Callable[[int, int, str], None]

#: From this many documents on, results are kept with their extractions packed (memory).
PACK_MIN_DOCUMENTS = 200

#: The rules the corpus check (between documents) reports for.
FACT_RULES = frozenset({"DATE001", "NUM001"})


@dataclass(frozen=True)
class InputError:
    path: str
    message: str


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    extraction: Extraction
    findings: tuple[Finding, ...]
    # Findings an inline comment or the baseline dropped: not reported, counted in the summary.
    suppressed: tuple[Finding, ...] = ()
    # Codes of the rules run on the document (selected, less its per-file ignores).
    rules: tuple[str, ...] = ()
    inline: tuple[InlineSuppression, ...] = ()
    inline_used: frozenset[int] = field(default_factory=frozenset)
    # The document's fact statements (DATE001 / NUM001), built once by its audit, in the worker:
    # the corpus check reads them instead of the whole extraction. None: not built.
    facts: tuple[Statement, ...] | None = None

    # A result sent from a worker, or kept in a large run, holds its extraction packed (see
    # factcheck.packing): ``extraction`` is then missing from the instance and unpacked on read.
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if "extraction" in state:
            state["_packed_extraction"] = pack(state.pop("extraction"))
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str):
        packed = self.__dict__.get("_packed_extraction")
        if name == "extraction" and packed is not None:
            return unpack(packed)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def packed(self) -> "DocumentResult":
        """The same result with its extraction packed: a few KB instead of ~200 KB of objects."""
        if "extraction" not in self.__dict__:
            return self
        copy = object.__new__(DocumentResult)
        copy.__setstate__(self.__getstate__())
        return copy


@dataclass(frozen=True)
class AuditResult:
    documents: tuple[DocumentResult, ...]
    errors: tuple[InputError, ...] = ()
    corpus_findings: tuple[Finding, ...] = ()
    suppressed_corpus: tuple[Finding, ...] = ()
    unused_suppressions: tuple[UnusedSuppression, ...] = ()

    @property
    def suppressed(self) -> int:
        """How many findings suppressions dropped."""
        return sum(len(d.suppressed) for d in self.documents) + len(self.suppressed_corpus)

    def all_findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings] + list(self.corpus_findings)


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


def extract(document: Document, bib_entries: Sequence[ReferenceEntry] | None = None,
            thresholds: LinkThresholds = LinkThresholds()) -> Extraction:
    """Find structure, citations, references, notes and claims; link citations to targets."""
    text = document.text
    blocks = layout(text)
    region, references = find_references(text, blocks)
    note_blocks, notes = find_notes(text, blocks)
    regions = [(nb.notes_start, nb.notes_end, "notes") for nb in note_blocks]
    if region:
        regions.append((region[0], region[1], "references"))
    blocks = mark_regions(blocks, regions)
    if bib_entries is not None:
        references = list(bib_entries)
    citations = find_citations(text, blocks, note_blocks)
    sentences = split_sentences(text, blocks)
    attributions = find_attributions(text, sentences)
    all_citations = sorted([*citations, *attributions], key=lambda c: (c.start, c.end))
    links = resolve(citations, references, notes, thresholds)
    claims = extract_claims(text, blocks, sentences, all_citations)
    return Extraction(blocks=tuple(blocks), sentences=tuple(sentences), claims=tuple(claims),
                      citations=tuple(all_citations), references=tuple(references), reference_region=region,
                      note_blocks=tuple(note_blocks), notes=tuple(notes), links=tuple(links))


def audit_document(document: Document, settings: Settings, bib_entries: Sequence[ReferenceEntry] | None = None,
                   bib_path: str | None = None) -> DocumentResult:
    """Audit one loaded document: its selected rules (less per-file ignores), then its inline
    suppressions."""
    if settings.published and not document.metadata.published:
        document = document.model_copy(update={"metadata": document.metadata.model_copy(
            update={"published": settings.published})})
    thresholds = LinkThresholds(author_fuzzy=settings.thresholds.author_fuzzy,
                                author_year_differs=settings.thresholds.author_year_differs)
    extraction = extract(document, bib_entries, thresholds)
    ctx = AuditContext(document=document, extraction=extraction, settings=settings, bib_path=bib_path)
    rules = select_rules(settings.select, (*settings.ignore, *settings.ignored_for(document.path)))
    findings = run_rules(ctx, rules, settings.severity)
    lines = LineIndex(document.text)
    inline = find_inline(document, lines)
    used: set[int] = set()
    kept, dropped = apply_inline(findings, inline, lines, used)
    codes = tuple(spec.code for spec in rules)
    facts = document_statements(ctx) if FACT_RULES.intersection(codes) else None  # built by the rules already
    return DocumentResult(document=document, extraction=extraction, findings=tuple(kept), suppressed=tuple(dropped),
                          rules=codes, inline=inline, inline_used=frozenset(used), facts=facts)


def audit_path(path: Path, settings: Settings, bib_entries: Sequence[ReferenceEntry] | None = None,
               bib_path: str | None = None) -> DocumentResult | InputError:
    """Load and audit one file; an unreadable file, a failed audit, or one that runs past
    ``settings.time_limit`` becomes an InputError.

    Runs in worker processes with ``jobs`` > 1: it takes and returns only picklable values.
    """
    try:
        with time_limit(settings.time_limit):  # loading counts too: a parser can hang as well
            return audit_document(load_document(path), settings, bib_entries, bib_path)
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


def default_jobs(documents: int) -> int:
    """One job per core for a large enough run, else one."""
    if documents < AUTO_JOBS_MIN_DOCUMENTS:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, documents))


def _warm_up(files: Sequence[Path]) -> None:
    """Import the rules and the loaders the files need before forking, so that workers inherit
    them instead of each importing them again."""
    import importlib

    from factcheck.rules.registry import all_rules

    all_rules()
    formats = {SUFFIXES.get(path.suffix.lower()) for path in files}
    for fmt, module in (("pdf", "pdf"), ("docx", "docx"), ("html", "html"), ("txt", "text"), ("md", "text")):
        if fmt in formats:
            importlib.import_module(f"factcheck.documents.{module}")


def _audit_files(files: Sequence[Path], settings: Settings, bib_entries: Sequence[ReferenceEntry] | None,
                 bib: str | None, jobs: int, on_progress: ProgressCallback | None) -> list[DocumentResult | InputError]:
    work = partial(audit_path, settings=settings, bib_entries=bib_entries, bib_path=bib)
    outcomes: list[DocumentResult | InputError] = []
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, len(files))
        chunksize = max(1, len(files) // (workers * 4))
        _warm_up(files)
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for outcome in pool.map(work, files, chunksize=chunksize):
                    outcomes.append(outcome)
                    if on_progress:
                        on_progress(len(outcomes), len(files), str(files[len(outcomes) - 1]))
        except Exception:  # noqa: BLE001 - a worker died (killed, out of memory), a result would not pickle:
            pass  # finish what is left in this process, where every failure is one document's error
    large = len(files) >= PACK_MIN_DOCUMENTS
    for path in files[len(outcomes):]:
        outcome = work(path)
        outcomes.append(outcome.packed() if large and isinstance(outcome, DocumentResult) else outcome)
        if on_progress:
            on_progress(len(outcomes), len(files), str(path))
    return outcomes


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
    bib_entries = None
    if bib:
        from factcheck.sources.bib import load_bibliography

        try:
            bib_entries, problems = load_bibliography(bib)
            # The entries that parse are used; each one that does not is named, as an input error.
            errors.extend(InputError(bib, problem) for problem in problems)
        except LoadError as error:
            errors.append(InputError(bib, str(error)))
    jobs = jobs or settings.jobs or default_jobs(len(files))
    results: list[DocumentResult] = []
    for outcome in _audit_files(files, settings, bib_entries, bib, jobs, on_progress):
        if isinstance(outcome, InputError):
            errors.append(outcome)
        else:
            results.append(outcome)
    corpus_findings: list[Finding] = []
    selected = {spec.code for spec in select_rules(settings.select, settings.ignore)}
    if len(results) > 1 and selected & FACT_RULES:  # the corpus check finds nothing else
        from factcheck.rules.facts import check_corpus

        rules_of = {r.document.path: set(r.rules) for r in results}
        corpus_findings = [f for f in check_corpus(results, settings)
                           if f.code in selected and f.code in rules_of.get(f.path or "", selected)]
    baseline = baseline if baseline is not None else settings.baseline
    if isinstance(baseline, (str, Path)):
        try:
            baseline = Baseline.load(baseline)
        except BaselineError as error:
            errors.append(InputError(str(baseline), str(error)))
            baseline = None
    return suppress(results, corpus_findings, errors, baseline)


def suppress(results: Sequence[DocumentResult], corpus_findings: Sequence[Finding], errors: Sequence[InputError],
             baseline: Baseline | None = None) -> AuditResult:
    """Apply what is left of the inline suppressions (to corpus findings) and the baseline;
    collect the suppressions that matched nothing."""
    by_path = {r.document.path: index for index, r in enumerate(results)}
    used = {r.document.path: set(r.inline_used) for r in results}
    lines = {r.document.path: LineIndex(r.document.text) for r in results if r.inline}
    kept_corpus: list[Finding] = []
    dropped_corpus: list[Finding] = []
    for finding in corpus_findings:
        index = by_path.get(finding.path or "")
        if index is not None and results[index].inline:
            kept, dropped = apply_inline([finding], results[index].inline, lines[finding.path or ""],
                                         used[finding.path or ""])
            kept_corpus += kept
            dropped_corpus += dropped
        else:
            kept_corpus.append(finding)
    documents = list(results)
    unused: list[UnusedSuppression] = []
    if baseline is not None and baseline.entries:
        matcher = BaselineMatcher(baseline)
        for index, result in enumerate(documents):
            kept, dropped = matcher.split(result.document.path, result.findings)
            if dropped:
                documents[index] = replace(result, findings=tuple(kept), suppressed=(*result.suppressed, *dropped))
        kept_corpus, dropped = matcher.split_each(kept_corpus)
        dropped_corpus += dropped
        unused += matcher.unused({baseline.path_key(r.document.path): (r.document.path, r.rules) for r in results})
    inline_unused = [u for r in documents
                     for u in unused_inline(r.document.path, r.inline, used[r.document.path], r.rules)]
    return AuditResult(documents=tuple(documents), errors=tuple(errors), corpus_findings=tuple(kept_corpus),
                       suppressed_corpus=tuple(dropped_corpus), unused_suppressions=tuple(inline_unused + unused))
