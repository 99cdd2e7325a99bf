"""The command line's arguments: subcommands, options, their types and help with examples."""

from __future__ import annotations

import argparse

from factcheck import __version__
from factcheck.genres import GENRES

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


def _selected(value: str) -> tuple[str, ...]:
    """``--select``'s codes; none at all is refused: "--select ''" (an unset variable in a script)
    would run every rule unseen. (An empty ``--ignore`` ignores nothing, as it says.)"""
    codes = _codes(value)
    if not codes:
        raise argparse.ArgumentTypeError("no rule code given (e.g. CIT,FN001)")
    return codes


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
    # Repeated, they add up: "--select CIT003 --select CIT004" runs both.
    parser.add_argument("--select", type=_selected, action="extend", default=None,
                        help="rule codes or prefixes to run, e.g. CIT,FN001 (repeat to add more)")
    parser.add_argument("--ignore", type=_codes, action="extend", default=None,
                        help="rule codes or prefixes to skip (repeat to add more)")
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
    accepted = audit.add_mutually_exclusive_group()  # both at once: which one was meant?
    accepted.add_argument("--baseline", metavar="FILE",
                          help="accepted findings to leave out (default: .factcheck-baseline.json when it exists)")
    accepted.add_argument("--no-baseline", action="store_true", help="do not read a baseline file")
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
