"""The command line: parse arguments, call the API, map the result to exit codes 0/1/2.

Thin on purpose; everything it does is reachable from Python through ``factcheck.audit`` and
``factcheck.render``.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.arguments import build_parser
from factcheck.terminal import Progress, ReportTimeError, color_wanted, report_time

if TYPE_CHECKING:
    from factcheck.collect import Prepare
    from factcheck.config import Settings
    from factcheck.results import AuditResult

def _say(message: str) -> None:
    """One line on stderr; file names and messages from documents cannot forge another line or
    drive the terminal (control and bidi characters are shown as escapes)."""
    from factcheck.reports.visible import visible

    print(visible(message), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        _say("factcheck: interrupted")
        return 130
    except BrokenPipeError:
        try:  # keep Python from complaining again when it flushes stdout at exit
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 0
    except Exception as error:  # noqa: BLE001 - never show a traceback to a user
        _say(f"factcheck: internal error: {type(error).__name__}: {error}")
        return 2


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "rules":
        return _rules(args.format)
    if args.command == "explain":
        return _explain(args.code)
    if args.command == "baseline":
        return _baseline(args)
    if args.command == "extract":
        return _extract(args.file, args.format)
    return _audit(args)


def _extract(path: str, fmt: str) -> int:
    from factcheck.documents import LoadError, load_document
    from factcheck.extract import extract
    from factcheck.reports.extracted import render_extracted

    try:
        document = load_document(path)
    except LoadError as error:
        _say(f"factcheck: {path}: {error}")
        return 2
    sys.stdout.write(render_extracted(document, extract(document), fmt))
    return 0


def _rules(fmt: str = "text") -> int:
    from factcheck.rules.registry import all_rules

    if fmt == "json":
        import json

        from factcheck.rules.docs import rule_record

        sys.stdout.write(json.dumps([rule_record(s) for s in all_rules()], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "markdown":
        from factcheck.rules.docs import render_rules_markdown

        sys.stdout.write(render_rules_markdown())
    else:
        for spec in all_rules():
            print(f"{spec.code:8} {spec.name:28} {spec.severity.value:8} {spec.summary}")
    return 0


def _explain(code: str) -> int:
    from factcheck.rules.registry import all_rules

    for spec in all_rules():
        if code.upper() == spec.code or code.lower() == spec.name or code.upper() in spec.aliases:
            print(f"{spec.code} {spec.name} ({spec.severity.value})\n\n{spec.doc}")
            return 0
    _say(f"factcheck: error: unknown rule '{code}' (see 'factcheck rules')")
    return 2


def _settings(args: argparse.Namespace, **extra: object) -> Settings:
    from factcheck.configure import load_settings

    cli = {"select": args.select, "ignore": args.ignore, "jobs": args.jobs, "scheduler": args.scheduler,
           "time_limit": args.time_limit,
           "memory_limit": args.memory_limit,
           "published": args.published, "force_exclude": args.force_exclude, "genre": args.genre,
           "language": args.language, "sources": args.sources, **extra}
    return load_settings(cli=cli, config_path=args.config, isolated=args.isolated)


# -- audit and baseline ----------------------------------------------------------------------

def _run(args: argparse.Namespace, settings: Settings, baseline: object = None,
         prepare: Prepare | None = None) -> AuditResult:
    import factcheck

    progress = Progress(sys.stderr) if Progress.wanted(sys.stderr, args.quiet) else None
    try:
        # Never audit the run's own output: the HTML reports and the claim ledger.
        skip = [folder for folder in (getattr(args, "out", "reports"), settings.claims_dir) if folder]
        return factcheck.audit(args.paths, settings=settings, bib=args.bib, on_progress=progress, baseline=baseline,
                               skip=skip, prepare=prepare, on_stage=progress.stage if progress else None)
    finally:
        if progress:
            progress.close()


def _baseline_for(args: argparse.Namespace, settings: Settings):
    """The baseline to read: --baseline, else the setting, else the default file when it exists."""
    from factcheck.config import DEFAULT_BASELINE
    from factcheck.suppress import Baseline

    if args.no_baseline:
        return None
    path = args.baseline or settings.baseline
    if path is None:
        if not Path(DEFAULT_BASELINE).is_file():
            return None
        path = DEFAULT_BASELINE
    return Baseline.load(path)


def _audit(args: argparse.Namespace) -> int:
    from factcheck import exit_code
    from factcheck.config import ConfigError
    from factcheck.suppress import Baseline, BaselineError

    try:
        settings = _settings(args, fail_on=args.fail_on, claims_dir=args.claims_dir)
        if settings.sources and not settings.sources_cache and not args.no_claims and settings.claims_dir:
            from factcheck.verify.cache import CACHE_NAME

            # The texts of the cited works are cached beside the claim ledger: a second audit
            # does not read them again.
            settings = settings.model_copy(update={"sources_cache": str(Path(settings.claims_dir) / CACHE_NAME)})
        baseline = _baseline_for(args, settings) or Baseline(root=Path.cwd())
        audited_at = None if args.no_html else report_time()
        if settings.scheduler:  # a cluster that cannot be used is a usage error, as a bad setting is
            from factcheck.cluster import require_dask

            require_dask()
            # Given on the command line, they would be believed: say that they do not hold there.
            given = [flag for flag, value in (("--time-limit", args.time_limit), ("--memory-limit", args.memory_limit))
                     if value is not None]
            if given:
                _say(f"factcheck: warning: {' and '.join(given)} {'does' if len(given) == 1 else 'do'} not apply on a "
                     "Dask cluster (its workers audit in threads, where they cannot be set; a worker's own memory "
                     "limit still stops a runaway document)")
        result = _run(args, settings, baseline, _prepare(args, settings, audited_at))
    except (ConfigError, BaselineError, ReportTimeError) as error:
        _say(f"factcheck: error: {error}")
        return 2
    except OSError as error:  # of the machine, a full disk say: a document that cannot be read is an input error
        _say(f"factcheck: error: the audit stopped: {error.strerror or error}{_temporary_hint(error)}")
        return 2
    for error in result.errors:
        _say(f"factcheck: {error.path}: {error.message}")
    if not result.documents and not result.errors:  # a green run of nothing says so
        _say(f"factcheck: warning: {_nothing_found(args.paths)}")
    from factcheck.reports.outputs import output_over_input

    try:
        clash = output_over_input(result, args.output, None if args.no_html else args.out,
                                  None if args.no_claims else settings.claims_dir)
    except OSError as error:  # the names looked up (a large run's on disk): a full disk, say
        _say(f"factcheck: error: cannot check the outputs against the inputs: {error.strerror or error}"
             f"{_temporary_hint(error)}")
        return 2
    if clash:
        _say(f"factcheck: error: {clash}")
        return 2
    status = 0
    written = []
    if not args.no_claims and settings.claims_dir and result.documents:
        from factcheck.reports.ledger import LedgerError, write_ledgers

        try:
            ledgers = write_ledgers(result.documents, Path(settings.claims_dir))
            written.append(f"{len(ledgers)} claim ledger(s) in {settings.claims_dir}")
            ledgers.close()
        except LedgerError as error:
            for line in str(error).splitlines():
                _say(f"factcheck: error: claim ledger {line}")
            status = 2
        except OSError as error:
            _say(f"factcheck: error: cannot write the claim ledger to {settings.claims_dir}: "
                 f"{error.strerror or error}")
            status = 2
    if audited_at is not None:
        html_status = _write_html(result, Path(args.out), audited_at)
        if html_status == 0:
            written.insert(0, f"HTML reports in {args.out} (open {Path(args.out) / 'index.html'})")
        status = max(status, html_status)
    if written and not args.quiet:  # one line saying where the outputs are
        _say("factcheck: " + "; ".join(written))
    color = color_wanted(args.color, sys.stdout)
    if args.output:
        from factcheck.reports import write_report
        from factcheck.reports.atomic import open_text_atomic, remove_stale_temporaries

        output = Path(args.output)
        try:
            with open_text_atomic(output) as stream:
                write_report(result, stream, args.format, fail_on=settings.fail_on, indent=args.indent)
            remove_stale_temporaries(output.parent, of=output.name)  # only ours: the folder may be anyone's
        except OSError as error:
            _say(f"factcheck: error: cannot write {args.output}: {error.strerror or error}")
            status = 2
        write_report(result, sys.stdout, "text", color=color, quiet=args.quiet)
    else:
        from factcheck.reports import write_report

        write_report(result, sys.stdout, args.format, color=color, quiet=args.quiet, fail_on=settings.fail_on,
                     indent=args.indent)
    sys.stdout.flush()
    return max(status, exit_code(result, settings.fail_on, args.exit_zero))


def _prepare(args: argparse.Namespace, settings: Settings, audited_at: datetime | None) -> Prepare | None:
    """What the workers of a large run make of each document beside its result, for the reports
    this command writes to copy (``factcheck.reports.prepared``): its JSON record, its HTML report,
    its claim ledger."""
    parts: list[Prepare] = []
    if args.format == "json":
        from factcheck.reports.json_report import DocumentJSON

        parts.append(DocumentJSON(args.indent))
    if audited_at is not None:
        from factcheck.reports.html.render import DocumentPage

        parts.append(DocumentPage(audited_at))
    if not args.no_claims and settings.claims_dir:
        from factcheck.reports.ledger import DocumentLedger

        parts.append(DocumentLedger())
    if len(parts) < 2:
        return parts[0] if parts else None
    from factcheck.reports.prepared import Bundle

    return Bundle(tuple(parts))


def _temporary_hint(error: OSError) -> str:
    """Where a full disk's temporary files were, and how to put them elsewhere."""
    import errno
    import tempfile

    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f" (its temporary files are in {tempfile.gettempdir()}; TMPDIR sets another folder)"
    return ""


def _write_html(result: AuditResult, out: Path, audited_at: datetime) -> int:
    from factcheck.reports.html import write_reports

    try:
        write_reports(result, out, audited_at).close()
    except OSError as error:
        _say(f"factcheck: error: cannot write HTML reports to {out}: {error.strerror or error}")
        return 2
    return 0


def _unread_document(path: str, audited: set[str]) -> bool:
    """Whether an input error's ``path`` is a document the run could not read (or a path that names
    nothing), not a problem inside a file that was read (a bibliography's broken entry)."""
    from factcheck.documents import SUFFIXES

    return path not in audited and (Path(path).suffix.lower() in SUFFIXES or not Path(path).is_file())


def _nothing_found(paths: list[str]) -> str:
    """Why a run audited no document, for a user who expected some."""
    from factcheck.documents import SUFFIXES
    from factcheck.reports.visible import visible

    named = ", ".join(visible(path) for path in paths[:3]) + (", ..." if len(paths) > 3 else "")
    return (f"no document to audit in {named} (factcheck reads {' '.join(sorted(SUFFIXES))} files, "
            "less those the settings exclude)")


def _baseline(args: argparse.Namespace) -> int:
    from factcheck.config import DEFAULT_BASELINE, ConfigError
    from factcheck.reports.baseline import write_baseline

    try:
        settings = _settings(args)
    except ConfigError as error:
        _say(f"factcheck: error: {error}")
        return 2
    target = Path(args.baseline or settings.baseline or DEFAULT_BASELINE)
    result = _run(args, settings.model_copy(update={"baseline": None}))
    for error in result.errors:
        _say(f"factcheck: {error.path}: {error.message}")
    from factcheck.results import paths_of

    unread = []
    if result.errors:  # (a large run's paths are read from its summaries, not its stored results)
        audited = set(paths_of(result.documents))
        unread = [e for e in result.errors if _unread_document(e.path, audited)]
    if unread:
        # A baseline written without the findings of a document that could not be read would
        # accept less than the one it replaces: those findings would come back as new. (A
        # problem inside a document that was audited, or in its bibliography, is not that.)
        _say(f"factcheck: error: {target} not written: {len(unread)} input(s) above could not be read; "
             "fix or leave them out and run again")
        return 2
    if not result.documents:  # a folder moved or mistyped: an empty baseline would accept nothing
        _say(f"factcheck: error: {target} not written: {_nothing_found(args.paths)}")
        return 2
    try:
        count = write_baseline(result, target)
    except OSError as error:
        _say(f"factcheck: error: cannot write {target}: {error.strerror or error}")
        return 2
    from factcheck.reports.visible import visible

    print(visible(f"factcheck: wrote {target}: {count} finding(s) accepted in {len(result.documents)} document(s)"))
    return 2 if result.errors else 0
