"""Property-based fuzzing of what goes out and of the side files that come in (issue 14).

* Outputs: whatever the documents hold and whatever their file names are (control characters,
  bidi overrides, newlines, long names), the JSON report parses and names every document, the
  SARIF validates against the SARIF 2.1.0 schema, the JUnit XML parses with a strict XML parser,
  the HTML pages parse, and no human-facing output carries a raw control or bidi character.
* Side files: the .bib and CSL-JSON reader, the settings file and the baseline file, fed random
  and half-formed contents, return what they read or refuse with their one-line error type.
* The command line end to end (``cli.main`` with random argv over random files in a folder):
  exit code 0, 1 or 2, never an internal error.

Same settings as tests/robust/test_fuzz.py: few random examples in ``make test``, and
``FACTCHECK_FUZZ_EXAMPLES`` per suite in ``make fuzz``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from factcheck import render
from factcheck.citations.bib import read_bibliography
from factcheck.cli import main
from factcheck.config import ConfigError, Settings
from factcheck.configure import load_settings
from factcheck.documents import LoadError
from factcheck.pipeline import audit
from factcheck.reports.html import write_reports
from factcheck.suppress import Baseline, BaselineError
from tests.robust.test_fuzz import fuzz, texts

SCHEMA = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
# What a person must never see raw: C0/C1 controls but newline (and tab in the text report's own
# layout), and the bidi controls and separators (factcheck.reports.visible).
_RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_NAME_CHARS = st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))
_NASTY = ["\x1b[2J", "\n", "\r", "\t", "\u202e", "\u2066", "\x01", "\x7f", "\x9b", "\u2028", " ", "..", "-", "&",
          "<", ">", "\"", "'", "%", "#", "?", "é", "中"]
names = (st.lists(st.sampled_from(_NASTY) | st.text(_NAME_CHARS, min_size=1, max_size=5), min_size=1, max_size=12)
         .map("".join) | st.just("r" * 200))


def _file_name(stem: str, suffix: str) -> str:
    """A legal file name: ``stem`` cut to fit 255 bytes with the suffix, never '.' or '..'."""
    stem = stem.encode("utf-8")[:240].decode("utf-8", errors="ignore") or "x"
    return ("_" + stem if stem in (".", "..") else stem) + suffix


_SARIF_VALIDATOR = None


def _sarif_errors(report: dict) -> list[str]:
    global _SARIF_VALIDATOR
    if _SARIF_VALIDATOR is None:
        if not SCHEMA.is_file():
            return []
        import jsonschema

        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        _SARIF_VALIDATOR = jsonschema.Draft4Validator(schema)
    return [f"{list(e.path)}: {e.message}" for e in _SARIF_VALIDATOR.iter_errors(report)][:3]


class _StrictHTML(HTMLParser):
    """Parses a page and keeps its text; every tag opened in the body is closed (void ones aside)."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "col", "wbr", "source", "area", "base"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse_html(page: str) -> str:
    parser = _StrictHTML()
    parser.feed(page)
    parser.close()
    assert not parser.stack, parser.stack
    return "".join(parser.text)


# -- outputs ------------------------------------------------------------------------------------

@fuzz(15)
@given(documents=st.lists(st.tuples(names, texts, st.sampled_from([".md", ".txt", ".html", ".docx"])),
                          min_size=1, max_size=3))
def test_every_output_parses_whatever_the_documents_and_names(documents):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, (stem, text, suffix) in enumerate(documents):
            path = Path(folder) / f"{i}" / _file_name(stem, suffix)
            path.parent.mkdir()
            path.write_bytes(text.encode("utf-8"))  # as .docx: not a zip, an input error
            paths.append(path)
        result = audit(paths, Settings(time_limit=0), jobs=1)
        shown = {d.document.path for d in result.documents} | {e.path for e in result.errors}
        assert shown == {str(p) for p in paths}

        report = json.loads(render(result, "json"))
        assert {d["path"] for d in report["documents"]} | {e["path"] for e in report["errors"]} == shown
        sarif = json.loads(render(result, "sarif"))
        assert not _sarif_errors(sarif)
        junit = render(result, "junit", fail_on="info")
        suites = ET.fromstring(junit)
        assert len(suites.findall("testsuite")) >= len(result.documents)
        text = render(result, "text")
        assert not _RAW_UNSAFE.search(text), repr(_RAW_UNSAFE.search(text).group())
        # GitHub's workflow commands: one per line whatever the names hold (a name keeps its bytes
        # there, for the annotation to land on its file; a newline would forge a second command).
        github = render(result, "github")
        assert all(line.startswith("::") for line in github.split("\n") if line), github
        assert "\r" not in github  # the runner reads lines split at \n, \r and \r\n
        written = write_reports(result, Path(folder) / "reports", datetime(2025, 1, 2, tzinfo=timezone.utc))
        for page in written:
            text = _parse_html(page.read_text(encoding="utf-8"))
            if page.name == "index.html":
                assert not _RAW_UNSAFE.search(text), repr(_RAW_UNSAFE.search(text).group())
            assert len(page.name.encode("utf-8")) <= 255


# -- side files ---------------------------------------------------------------------------------

BIB_PIECES = ["@article{", "@book{", "@misc{", "@string{", "@comment{", "@preamble{", "key1,", "key2,", "}", "{",
              "\n", " ", "author = {", "author = \"", "\"", "title = {", "year = {2020}", "year = 2020", ",", "=",
              " and ", "Smith, J.", "van der Berg, A.", "{\\\"o}", "\\&", "%", "#", "month = jan", "doi = {10.1/x}",
              "date = {2020-01-02}", "editor = {", "others", "{{", "}}", "@", "\x00", "é"]
bib_texts = st.lists(st.sampled_from(BIB_PIECES) | st.text(max_size=4), max_size=60).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "type", "title", "author", "family", "given", "literal", "issued", "date-parts",
                         "DOI", "URL", "container-title", "items", "version", "findings", "path", "code",
                         "excerpt", "count"]) | st.text(max_size=4), inner, max_size=5),
    max_leaves=25)


def _check_entries(bibliography) -> None:
    text = bibliography.text
    for entry in bibliography.entries:
        assert 0 <= entry.start <= entry.end <= len(text), entry
    assert all(problem and "\n" not in problem for problem in bibliography.problems)


def _write(folder: str, name: str, data: bytes) -> Path:
    path = Path(folder) / name
    path.write_bytes(data)
    return path


@fuzz(150)
@given(text=bib_texts | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_bibtex_reader(text):
    with tempfile.TemporaryDirectory() as folder:
        _read_and_check(_write(folder, "refs.bib", text.encode("utf-8", errors="replace")))


@fuzz(150)
@given(value=json_values, cut=st.none() | st.integers(0, 200))
def test_csl_json_reader(value, cut):
    data = json.dumps(value)
    if cut is not None:
        data = data[:cut]  # half-written JSON
    with tempfile.TemporaryDirectory() as folder:
        _read_and_check(_write(folder, "refs.json", data.encode("utf-8")))


def _read_and_check(path):
    """A bibliography file is read, or refused with one line; what is read is well formed."""
    try:
        bibliography = read_bibliography(path)
    except LoadError as error:
        assert str(error) and "\n" not in str(error)
        return
    _check_entries(bibliography)


CONFIG_KEYS = ["select", "ignore", "fail-on", "fail_on", "published", "jobs", "time-limit", "memory-limit", "exclude",
               "genre", "language", "citation-style", "severity", "thresholds", "per-file-ignores", "lexicon",
               "baseline", "force-exclude", "author-fuzzy", "sources", "claims-dir", "fail-onn", "x"]
toml_scalars = (st.integers(-10**6, 10**6) | st.floats(allow_nan=True) | st.booleans() | st.text(max_size=12)
                | st.sampled_from(["error", "warning", "CIT001", "CIT", "2025-13-45", "2024-02-29", "en", "news"]))


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(value), repr(value))
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string is a JSON string for these characters
    return str(value)


@fuzz(150)
@given(entries=st.lists(st.tuples(st.sampled_from(CONFIG_KEYS), toml_scalars | st.lists(toml_scalars, max_size=3)
                                  | st.dictionaries(st.sampled_from(["CIT001", "x", "fuzzy", "*.md"]), toml_scalars,
                                                    max_size=2)), max_size=6, unique_by=lambda e: e[0]),
       table=st.sampled_from(["[tool.factcheck]\n", "", "[tool]\n"]), junk=st.sampled_from(["", "=", "[[", "\x00"]))
def test_settings_file_reader(entries, table, junk):
    lines = [table]
    for key, value in entries:
        if isinstance(value, dict):
            inner = ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
            lines.append(f"{key} = {{ {inner} }}\n")
        elif isinstance(value, list):
            lines.append(f"{key} = [{', '.join(_toml_value(v) for v in value)}]\n")
        else:
            lines.append(f"{key} = {_toml_value(value)}\n")
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, "pyproject.toml" if table.startswith("[tool") else "factcheck.toml",
                      ("".join(lines) + junk).encode("utf-8", errors="replace"))
        try:
            settings = load_settings(config_path=str(path), cwd=Path(folder), environ={})
        except ConfigError as error:
            assert str(error) and "\n" not in str(error).strip()
            assert "fail_onn" not in str(error)  # keys are named as written
            return
        assert isinstance(settings, Settings)
        assert settings.time_limit >= 0 and settings.memory_limit >= 0


@fuzz(150)
@given(value=json_values | st.fixed_dictionaries(
    {"version": st.sampled_from([1, 2, "1", None]),
     "findings": st.lists(st.fixed_dictionaries({"path": json_values, "code": json_values, "excerpt": json_values},
                                                optional={"count": json_values}), max_size=3) | json_values}),
       cut=st.none() | st.integers(0, 120))
def test_baseline_reader(value, cut):
    data = json.dumps(value)
    if cut is not None:
        data = data[:cut]
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, "base.json", data.encode("utf-8"))
        try:
            baseline = Baseline.load(path)
        except BaselineError as error:
            assert str(error) and "\n" not in str(error)
            return
        assert all(len(key) == 3 and all(isinstance(part, str) for part in key) for key in baseline.entries)


# -- the command line end to end ----------------------------------------------------------------

OPTIONS = [["--format", "json"], ["--format", "sarif"], ["--format", "junit"], ["--format", "github"],
           ["--format", "text"], ["--no-html"], ["--no-claims"], ["--fail-on", "never"], ["--fail-on", "info"],
           ["--exit-zero"], ["--select", "CIT"], ["--ignore", "CLM,NUM"], ["--select", "X9"], ["--bib", "refs.bib"],
           ["--bib", "refs.json"], ["--baseline", "base.json"], ["--no-baseline"], ["--config", "factcheck.toml"],
           ["--published", "2024-02-30"], ["--published", "2024-05-01"], ["--genre", "news"], ["--language", "xx"],
           ["--time-limit", "0"], ["--time-limit", "-1"], ["--memory-limit", "0"], ["--isolated"], ["-q"],
           ["--output", "out.json"], ["--output", "paper.md"], ["--out", "site"], ["--claims", "ledger"],
           ["--jobs", "0"], ["--color", "always"], ["--force-exclude"], ["--nonsense"]]
COMMANDS = [["audit"], ["baseline"], ["extract"], ["rules"], ["explain"], []]


@fuzz(25)
@given(command=st.sampled_from(COMMANDS), options=st.lists(st.sampled_from(OPTIONS), max_size=5),
       paths=st.lists(st.sampled_from(["paper.md", "notes.txt", "page.html", "bad.docx", "missing.md", ".", "refs.bib",
                                       "CIT001", "x.pdf"]), max_size=3),
       paper=texts, bib=bib_texts, side=json_values)
def test_command_line_end_to_end(command, options, paths, paper, bib, side):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        written = paper.encode("utf-8", errors="replace")
        (root / "paper.md").write_bytes(written)
        (root / "notes.txt").write_text("The dam cost $3 million (Okafor, 2019).\n", encoding="utf-8")
        (root / "page.html").write_text(f"<p>{paper}</p>", encoding="utf-8", errors="replace")
        (root / "bad.docx").write_bytes(b"PK\x03\x04 not really")
        (root / "x.pdf").write_bytes(b"%PDF-1.4 cut")
        (root / "refs.bib").write_text(bib, encoding="utf-8", errors="replace")
        (root / "refs.json").write_text(json.dumps(side), encoding="utf-8")
        (root / "base.json").write_text(json.dumps(side), encoding="utf-8")
        (root / "factcheck.toml").write_text("fail-on = \"warning\"\nauthor-fuzzy = 1000\n", encoding="utf-8")
        argv = [*command, *(part for option in options for part in option), *paths]
        out, err = io.StringIO(), io.StringIO()
        cwd = os.getcwd()
        os.chdir(root)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(argv)
                except SystemExit as exit_:  # argparse's usage errors
                    code = exit_.code
        finally:
            os.chdir(cwd)
        assert code in (0, 1, 2), (argv, code, err.getvalue()[-300:])
        assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue(), (argv, err.getvalue())
        # An input is never overwritten; "--output paper.md" may replace it only when it is not
        # one of the documents audited (the user asked for that file).
        if any(path in ("paper.md", ".") for path in paths) or ["--output", "paper.md"] not in options:
            assert (root / "paper.md").read_bytes() == written
