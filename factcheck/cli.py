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

from factcheck import __version__
from factcheck.model import GENRES
from factcheck.terminal import Progress, ReportTimeError, color_wanted, report_time

if TYPE_CHECKING:
    from factcheck.config import Settings
    from factcheck.results import AuditResult

EXAMPLES = """\
examples:
  factcheck audit paper.md                       audit one document, findings on the terminal
  factcheck audit manuscripts/ --format json     every supported file in a folder, JSON on stdout
  factcheck audit paper.md --bib refs.bib        check citations against a BibTeX bibliography
  factcheck audit paper.md --sources cited/      check quotations and figures against the cited works' texts
  factcheck audit . --select CIT,FN --fail-on warning   only citation and note rules; warnings fail CI
  factcheck audit docs/ --format sarif --output factcheck.sarif   SARIF for code scanning, summary on the terminal
  factcheck audit docs/ --format github          annotations on a pull request (GitHub Actions)
  factcheck audit docs/ --format junit --output factcheck.xml     a test report for GitLab, Jenkins, ...
  factcheck audit big-folder/ --jobs 4           audit documents in four processes
  factcheck audit archive/ --scheduler dask      audit on a Dask cluster (tcp://HOST:8786: a running one)
  factcheck baseline docs/                       accept today's findings (.factcheck-baseline.json)
  factcheck extract paper.pdf                     the text factcheck reads from a document (--format json: its parts)
  factcheck rules                                the rule catalogue (--format json, markdown)
  factcheck explain CIT003                       what a rule finds, why it matters, how to fix it

suppress a finding on its line (Markdown, HTML, text):  <!-- factcheck: ignore CIT002 -->
settings: [tool.factcheck] in pyproject.toml, or factcheck.toml, or --config FILE; then FACTCHECK_* variables

exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable input
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, as for every usage error
        self.exit(2, f"factcheck: error: {message}\n(see 'factcheck --help')\n")


def _codes(value: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() if code.strip()[:1].isalpha() and code.strip().isalnum() else code.strip()
                 for code in value.split(",") if code.strip())


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: '{value}'") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return jobs


def _indent(value: str) -> int:
    if not value.isdigit() or int(value) > 16:
        raise argparse.ArgumentTypeError(f"not a number of spaces from 0 to 16: '{value}'")
    return int(value)


def _non_negative(what: str):
    """An argument type: a number of ``what`` (seconds, megabytes), 0 for no limit or more."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number of {what}: '{value}'") from None
        if not 0 <= number < float("inf"):  # also refuses nan
            raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
        return number

    return parse


_seconds = _non_negative("seconds")
_megabytes = _non_negative("megabytes")


def _common(parser: argparse.ArgumentParser) -> None:
    """Options shared by audit and baseline: what to audit, with which rules and settings."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt .md .html .pdf .docx files or folders")
    parser.add_argument("--config", help="settings file (default: nearest pyproject.toml / factcheck.toml)")
    parser.add_argument("--isolated", action="store_true", help="ignore settings files (not --config)")
    parser.add_argument("--select", type=_codes, default=(), help="rule codes or prefixes to run, e.g. CIT,FN001")
    parser.add_argument("--ignore", type=_codes, default=(), help="rule codes or prefixes to skip")
    parser.add_argument("--bib", help="external bibliography (BibTeX .bib or CSL-JSON .json)")
    parser.add_argument("--sources", metavar="DIR",
                        help="folder of the cited works (pdf, html, md, txt, docx): quotations and figures of the "
                             "claims that cite them are checked against their texts (CLM003, CLM004, CLM006, CLM007)")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for documents that do not state one")
    parser.add_argument("--genre", choices=GENRES, default=None,
                        help="the kind of writing of every document (default: detected per document)")
    parser.add_argument("--language", default=None, metavar="CODE",
                        help="the language of every document, e.g. en, es (default: detected per document)")
    parser.add_argument("--jobs", "-j", type=_jobs, default=None,
                        help="documents audited in parallel processes (default: one per core from 8 documents)")
    parser.add_argument("--scheduler", default=None, metavar="dask|tcp://HOST:PORT",
                        help="audit on a Dask cluster: 'dask' starts one here (--jobs workers), an address uses a "
                             "running one, e.g. --scheduler tcp://10.0.0.5:8786 (needs factcheck[dask])")
    parser.add_argument("--time-limit", type=_seconds, default=None, metavar="SECONDS",
                        help="seconds one document may take, loading included, before it is reported as an "
                             "input error and the run goes on; 0 for no limit (default: 60)")
    parser.add_argument("--memory-limit", type=_megabytes, default=None, metavar="MB",
                        help="megabytes of memory one document may take before it is reported as an input error "
                             "and the run goes on; 0 for no limit (default: 2048)")
    parser.add_argument("--force-exclude", action="store_true", default=None,
                        help="apply the 'exclude' setting to files named on the command line too (pre-commit)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary; no progress bar")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck", description="Audit the claims and citations in documents before publication.",
                     epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from factcheck.reports import FORMATS

    audit = sub.add_parser("audit", help="audit documents (files or folders)", epilog=EXAMPLES,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(audit)
    audit.add_argument("--format", choices=FORMATS, default="text",
                       help="what goes to stdout, or to --output (default: text)")
    audit.add_argument("--output", metavar="FILE",
                       help="write the --format report to FILE (atomically); the text report goes to the terminal")
    audit.add_argument("--indent", type=_indent, default=None, metavar="N",
                       help="indent JSON and SARIF by N spaces, for people (default: compact, for machines)")
    audit.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default=None,
                       help="lowest severity that makes the exit code 1 (default: error)")
    audit.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (still 2 on bad input)")
    audit.add_argument("--baseline", metavar="FILE",
                       help="accepted findings to leave out (default: .factcheck-baseline.json when it exists)")
    audit.add_argument("--no-baseline", action="store_true", help="do not read a baseline file")
    audit.add_argument("-o", "--out", default="reports", help="folder for HTML reports (default: reports/)")
    audit.add_argument("--no-html", action="store_true", help="do not write HTML reports")
    audit.add_argument("--claims", dest="claims_dir", default=None, help="folder for the claim ledger (default: claims/)")
    audit.add_argument("--no-claims", action="store_true", help="do not write the claim ledger")
    audit.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="colour the text report (auto: on a terminal, unless NO_COLOR is set)")

    baseline = sub.add_parser("baseline", help="write a baseline file accepting the current findings",
                              description="Audit PATHs and write every finding to a baseline file; "
                                          "'factcheck audit' then leaves them out and reports only new ones.")
    _common(baseline)
    baseline.add_argument("--baseline", metavar="FILE", default=None,
                          help="the file to write (default: .factcheck-baseline.json)")

    extract = sub.add_parser("extract", help="print the text factcheck audits in a document",
                             description="Print the text factcheck reads from FILE (the article without the "
                                         "page's navigation, a PDF's columns in reading order); with --format "
                                         "json, also its blocks and their kinds, its pages and what was left out.")
    extract.add_argument("file", metavar="FILE", help="a .txt .md .html .pdf or .docx file")
    extract.add_argument("--format", choices=["text", "json"], default="text", help="text (default) or json")

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                       help="text (default), json, or markdown (docs/rules.md)")
    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", help="rule code or name, e.g. CIT003 or author-mismatch")
    return parser


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

def _run(args: argparse.Namespace, settings: Settings, baseline: object = None) -> AuditResult:
    import factcheck

    progress = Progress(sys.stderr) if Progress.wanted(sys.stderr, args.quiet) else None
    try:
        # Never audit the run's own output: the HTML reports and the claim ledger.
        skip = [folder for folder in (getattr(args, "out", "reports"), settings.claims_dir) if folder]
        return factcheck.audit(args.paths, settings=settings, bib=args.bib, on_progress=progress, baseline=baseline,
                               skip=skip)
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
    from factcheck import exit_code, render
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
        result = _run(args, settings, baseline)
    except (ConfigError, BaselineError, ReportTimeError) as error:
        _say(f"factcheck: error: {error}")
        return 2
    for error in result.errors:
        _say(f"factcheck: {error.path}: {error.message}")
    from factcheck.reports.outputs import output_over_input

    clash = output_over_input(result, args.output, None if args.no_html else args.out,
                              None if args.no_claims else settings.claims_dir)
    if clash:
        _say(f"factcheck: error: {clash}")
        return 2
    status = 0
    written = []
    if not args.no_claims and settings.claims_dir and result.documents:
        from factcheck.reports.ledger import write_ledgers

        try:
            ledgers = write_ledgers(result.documents, Path(settings.claims_dir))
            written.append(f"{len(ledgers)} claim ledger(s) in {settings.claims_dir}")
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
        from factcheck.reports.atomic import remove_stale_temporaries, write_text_atomic

        output = Path(args.output)
        try:
            write_text_atomic(output, render(result, args.format, fail_on=settings.fail_on, indent=args.indent))
            remove_stale_temporaries(output.parent, of=output.name)  # only ours: the folder may be anyone's
        except OSError as error:
            _say(f"factcheck: error: cannot write {args.output}: {error.strerror or error}")
            status = 2
        sys.stdout.write(render(result, "text", color=color, quiet=args.quiet))
    else:
        sys.stdout.write(render(result, args.format, color=color, quiet=args.quiet, fail_on=settings.fail_on,
                                indent=args.indent))
    sys.stdout.flush()
    return max(status, exit_code(result, settings.fail_on, args.exit_zero))


def _write_html(result: AuditResult, out: Path, audited_at: datetime) -> int:
    from factcheck.reports.html import write_reports

    try:
        write_reports(result, out, audited_at)
    except OSError as error:
        _say(f"factcheck: error: cannot write HTML reports to {out}: {error.strerror or error}")
        return 2
    return 0


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
    try:
        count = write_baseline(result, target)
    except OSError as error:
        _say(f"factcheck: error: cannot write {target}: {error.strerror or error}")
        return 2
    from factcheck.reports.visible import visible

    print(visible(f"factcheck: wrote {target}: {count} finding(s) accepted in {len(result.documents)} document(s)"))
    return 2 if result.errors else 0
