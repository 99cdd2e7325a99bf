"""audit(paths, settings) -> AuditResult: load -> extract -> resolve -> check.

Every input is audited in isolation: a file that cannot be read, or a document whose audit
fails, becomes an entry in ``errors`` with a one-line reason, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.claims.attribution import find_attributions
from factcheck.claims.extract import extract_claims
from factcheck.claims.layout import layout, mark_regions
from factcheck.claims.sentences import split_sentences
from factcheck.config import Settings
from factcheck.context import AuditContext, Extraction
from factcheck.documents import SUFFIXES, Document, LoadError, load_document
from factcheck.rules.model import Finding
from factcheck.rules.registry import run_rules, select_rules
from factcheck.sources.citations import find_citations
from factcheck.sources.model import ReferenceEntry
from factcheck.sources.notes import find_notes
from factcheck.sources.references import find_references
from factcheck.sources.resolve import LinkThresholds, resolve


@dataclass(frozen=True)
class InputError:
    path: str
    message: str


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    extraction: Extraction
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class AuditResult:
    documents: tuple[DocumentResult, ...]
    errors: tuple[InputError, ...] = ()
    corpus_findings: tuple[Finding, ...] = ()


def expand_paths(paths: Iterable[str | Path], exclude: Sequence[str] = ()) -> tuple[list[Path], list[InputError]]:
    """Files to audit (folders recursed, supported suffixes, sorted) and paths that cannot be."""
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and path.suffix.lower() not in SUFFIXES:
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            files.extend(p for p in found if not any(p.match(pattern) for pattern in exclude))
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
    if settings.published and not document.metadata.published:
        document = document.model_copy(update={"metadata": document.metadata.model_copy(
            update={"published": settings.published})})
    thresholds = LinkThresholds(author_fuzzy=settings.thresholds.author_fuzzy,
                                author_year_differs=settings.thresholds.author_year_differs)
    extraction = extract(document, bib_entries, thresholds)
    ctx = AuditContext(document=document, extraction=extraction, settings=settings, bib_path=bib_path)
    rules = select_rules(settings.select, settings.ignore)
    findings = run_rules(ctx, rules, settings.severity)
    return DocumentResult(document=document, extraction=extraction, findings=tuple(findings))


def audit(paths: Iterable[str | Path], settings: Settings | None = None, bib: str | None = None,
          on_progress: Callable[[int, int, str], None] | None = None) -> AuditResult:
    settings = settings or Settings()
    files, errors = expand_paths(paths, settings.exclude)
    bib_entries = None
    if bib:
        from factcheck.sources.bib import load_bibliography

        try:
            bib_entries, _problems = load_bibliography(bib)
        except LoadError as error:
            errors.append(InputError(bib, str(error)))
    results: list[DocumentResult] = []
    for number, path in enumerate(files, 1):
        if on_progress:
            on_progress(number, len(files), str(path))
        try:
            document = load_document(path)
            results.append(audit_document(document, settings, bib_entries, bib))
        except LoadError as error:
            errors.append(InputError(str(path), str(error)))
        except Exception as error:  # noqa: BLE001 - one bad document must not stop the run
            errors.append(InputError(str(path), f"internal error while auditing: {type(error).__name__}: {error}"))
    corpus_findings: list[Finding] = []
    if len(results) > 1:
        from factcheck.rules.facts import check_corpus

        selected = {spec.code for spec in select_rules(settings.select, settings.ignore)}
        corpus_findings = [f for f in check_corpus(results, settings) if f.code in selected]
    return AuditResult(documents=tuple(results), errors=tuple(errors), corpus_findings=tuple(corpus_findings))
