"""The command line: parse arguments, call the API, map the result to exit codes 0/1/2.

Thin on purpose; everything it does is reachable from Python through ``factcheck.audit``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factcheck import __version__

EXAMPLES = """\
examples:
  factcheck audit paper.md                       audit one document, findings on the terminal
  factcheck audit manuscripts/ --format json     every supported file in a folder, JSON on stdout
  factcheck audit paper.md --bib refs.bib        check citations against a BibTeX bibliography
  factcheck audit . --select CIT,FN --fail-on warning   only citation and note rules; warnings fail CI
  factcheck rules                                the rule catalogue
  factcheck explain CIT003                       what a rule finds, why it matters, how to fix it

exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable input
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, as for every usage error
        self.exit(2, f"factcheck: error: {message}\n(see 'factcheck --help')\n")


def _codes(value: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() if code.strip()[:1].isalpha() and code.strip().isalnum() else code.strip()
                 for code in value.split(",") if code.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck", description="Audit the claims and citations in documents before publication.",
                     epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    audit = sub.add_parser("audit", help="audit documents (files or folders)", epilog=EXAMPLES,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    audit.add_argument("paths", nargs="+", metavar="PATH", help=".txt .md .html .pdf .docx files or folders")
    audit.add_argument("-o", "--out", default="reports", help="folder for HTML reports (default: reports/)")
    audit.add_argument("--format", choices=["text", "json"], default="text", help="what goes to stdout")
    audit.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default=None,
                       help="lowest severity that makes the exit code 1 (default: error)")
    audit.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (still 2 on bad input)")
    audit.add_argument("--bib", help="external bibliography (BibTeX .bib or CSL-JSON .json)")
    audit.add_argument("--sources", help="folder of cited works for quote verification (reserved)")
    audit.add_argument("--config", help="settings file (default: nearest pyproject.toml / factcheck.toml)")
    audit.add_argument("--select", type=_codes, default=(), help="rule codes or prefixes to run, e.g. CIT,FN001")
    audit.add_argument("--ignore", type=_codes, default=(), help="rule codes or prefixes to skip")
    audit.add_argument("--jobs", type=int, default=None, help="documents audited in parallel (reserved)")
    audit.add_argument("--no-html", action="store_true", help="do not write HTML reports")
    audit.add_argument("--claims", dest="claims_dir", default=None, help="folder for the claim ledger (default: claims/)")
    audit.add_argument("--no-claims", action="store_true", help="do not write the claim ledger")
    audit.add_argument("-q", "--quiet", action="store_true", help="print only the summary (text format)")
    sub.add_parser("rules", help="list the rules")
    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", help="rule code or name, e.g. CIT003 or author-mismatch")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - never show a traceback to a user
        print(f"factcheck: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "rules":
        return _rules()
    if args.command == "explain":
        return _explain(args.code)
    return _audit(args)


def _rules() -> int:
    from factcheck.rules.registry import all_rules

    for spec in all_rules():
        print(f"{spec.code:8} {spec.name:28} {spec.severity.value:8} {spec.summary}")
    return 0


def _explain(code: str) -> int:
    from factcheck.rules.registry import all_rules

    for spec in all_rules():
        if code.upper() == spec.code or code == spec.name:
            print(f"{spec.code} {spec.name} ({spec.severity.value})\n\n{spec.doc}")
            return 0
    print(f"factcheck: error: unknown rule '{code}' (see 'factcheck rules')", file=sys.stderr)
    return 2


def _audit(args: argparse.Namespace) -> int:
    from factcheck.config import ConfigError, load_settings
    from factcheck.gate import exit_code
    from factcheck.pipeline import audit

    try:
        settings = load_settings(cli={"fail_on": args.fail_on, "select": args.select, "ignore": args.ignore,
                                      "claims_dir": args.claims_dir}, config_path=args.config)
    except ConfigError as error:
        print(f"factcheck: error: {error}", file=sys.stderr)
        return 2
    result = audit(args.paths, settings, bib=args.bib)
    for error in result.errors:
        print(f"factcheck: {error.path}: {error.message}", file=sys.stderr)
    if not args.no_claims and settings.claims_dir:
        from factcheck.reports.ledger import ledger_name, write_ledger

        taken: set[str] = set()
        for doc in result.documents:
            write_ledger(doc, Path(settings.claims_dir), ledger_name(doc, taken))
    if args.format == "json":
        from factcheck.reports.json_report import render_json

        sys.stdout.write(render_json(result))
    else:
        from factcheck.reports.text import render_text

        sys.stdout.write(render_text(result, show_findings=not args.quiet))
    severities = [f.severity for d in result.documents for f in d.findings]
    severities += [f.severity for f in result.corpus_findings]
    return exit_code(severities, len(result.errors), settings.fail_on, args.exit_zero)
