"""Speed figures of issue 6, each against a baseline run in the same process or on the same files.

Prints medians of several runs; asserts nothing (tests never time the code, this script does):

* throughput   text audit on one core, no HTML, over ~5 MB of our sources/ texts audited document
               by document (and the same texts as 25 KB documents), against one regex pass; and
               issue 15's line as written: ../shared/corpus repeated to ~3 MB (copies of three
               documents: the cross-document checks see repeats), the files read and the JSON
               report encoded (as ``--format json`` encodes it, not written to disk);
* cold-start   ``factcheck --version`` in a subprocess, against ``python -c pass``;
* linking      ``factcheck.citations.resolve.resolve``: 5,000 citations against 2,000 entries;
* pandoc       the missing-citation check (``--select CIT001``) of a Markdown paper with a .bib,
               against ``pandoc --citeproc`` on the same files, the two run in turn, with the share
               of the run spent importing (skipped without pandoc);
* markdown     loading a Markdown paper with its structure (markdown-it-py: regions, notes, front
               matter), against reading the same file as plain text, and the audit that follows;
* pdf          loading and auditing a 20-page PDF and a 12-page two-column article, against
               pdfplumber's ``extract_text``;
* corpus       10,000 documents of ~5 KB with the cross-document checks, ``--jobs 2``: wall
               time and peak memory (in a subprocess, ``resource.getrusage``);
* pathological the inputs of tests/robust/pathological.py, one by one.

    .venv/bin/python bench/speed.py [--runs 5] [--only throughput,pdf] [--docs 10000] [--mb 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.config import Settings  # noqa: E402
from factcheck.documents import Document, load_document  # noqa: E402
from factcheck.pipeline import audit_document  # noqa: E402
from bench.timing import median_seconds, regex_pass_seconds  # noqa: E402

SOURCES = ROOT / "sources"
CORPUS = ROOT.parent / "shared" / "corpus"
SECTIONS: dict[str, Callable[[argparse.Namespace], None]] = {}


def section(name: str):
    def register(function: Callable[[argparse.Namespace], None]):
        SECTIONS[name] = function
        return function
    return register


def title(text: str) -> None:
    print(f"\n== {text}", flush=True)


def source_texts() -> list[Document]:
    """The demo documents of sources/ as loaded (README.md describes them; it is not one)."""
    paths = [p for p in sorted(SOURCES.iterdir()) if p.suffix in (".txt", ".md", ".html", ".pdf", ".docx")
             and p.name != "README.md"]
    return [load_document(p) for p in paths]


# -- throughput ---------------------------------------------------------------------------------

def _throughput(label: str, docs: list[Document], runs: int) -> None:
    settings = Settings()
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    for doc in docs[:20]:
        audit_document(doc, settings)  # warm-up: imports, regex compilation

    def audit_all() -> None:
        for doc in docs:
            audit_document(doc, settings)

    seconds = median_seconds(audit_all, runs)
    regex = regex_pass_seconds([d.text for d in docs], runs)
    print(f"{label:44} {megabytes:5.2f} MB in {len(docs):5} documents: audit {seconds:6.2f} s = "
          f"{megabytes / seconds:5.2f} MB/s; one regex pass {regex:6.3f} s = {megabytes / regex:6.1f} MB/s; "
          f"audit / regex {seconds / regex:5.0f}x   (target >= 5 MB/s)", flush=True)


@section("throughput")
def throughput(args: argparse.Namespace) -> None:
    title(f"text audit throughput, one core, no HTML (median of {args.runs} runs)")
    sources = source_texts()
    unit = sum(len(d.text.encode("utf-8")) for d in sources)
    copies = max(1, round(args.mb * 1e6 / unit))
    docs = [Document(path=f"{d.path}#{i}", format=d.format, text=d.text, segments=d.segments,
                     metadata=d.metadata) for i in range(copies) for d in sources]
    _throughput("sources/ documents (about 5 KB each)", docs, args.runs)
    joined = "\n\n".join(d.text for d in sources)
    big = [Document(path=f"joined#{i}", format="txt", text=joined) for i in range(copies)]
    _throughput("sources/ joined into 25 KB documents", big, args.runs)
    if CORPUS.is_dir():
        real = [load_document(p) for p in sorted(CORPUS.glob("*.txt"))]
        _throughput(f"../shared/corpus ({len(real)} documents)", real, args.runs)
        _corpus_with_json(real, args.runs)


def _corpus_with_json(real: list[Document], runs: int, megabytes: float = 3.0) -> None:
    """Issue 15's line as it reads: ../shared/corpus repeated to ~3 MB, every rule, one process,
    the files read and the JSON report encoded (``audit`` with ``jobs=1``, then the report as
    ``--format json`` encodes it, without ``--indent``; not written to disk), no HTML."""
    from factcheck.pipeline import audit
    from factcheck.reports.json_report import render_json

    unit = sum(len(d.text.encode("utf-8")) for d in real)
    copies = max(1, round(megabytes * 1e6 / unit))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for i in range(copies):
            for d in real:
                (folder / f"{i:03d}-{Path(d.path).name}").write_text(d.text, encoding="utf-8")
        settings = Settings()

        def audit_and_report() -> int:
            """The size of the JSON report of an audit of the folder."""
            return len(render_json(audit([folder], settings, jobs=1)))

        encoded = audit_and_report()  # also the warm-up
        seconds = median_seconds(audit_and_report, runs)
    regex = regex_pass_seconds([d.text for d in real] * copies, runs)
    size = unit * copies / 1e6
    print(f"{'../shared/corpus x' + str(copies) + ', files read, JSON encoded':44} {size:5.2f} MB in "
          f"{len(real) * copies:5} documents: audit {seconds:6.2f} s = {size / seconds:5.2f} MB/s; one regex pass "
          f"{regex:6.3f} s = {size / regex:6.1f} MB/s; audit / regex {seconds / regex:5.0f}x   "
          f"(target >= 5 MB/s, <= 65x; {encoded / 1e6:.1f} MB of JSON)", flush=True)


# -- cold start ---------------------------------------------------------------------------------

@section("cold-start")
def cold_start(args: argparse.Namespace) -> None:
    runs = max(10, args.runs)
    title(f"CLI cold start (median of {runs} subprocess runs)")
    script = Path(sys.executable).with_name("factcheck")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "factcheck"]

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, check=True, capture_output=True)

    run(command + ["--version"])
    version = median_seconds(lambda: run(command + ["--version"]), runs)
    bare = median_seconds(lambda: run([sys.executable, "-c", "pass"]), runs)
    print(f"{' '.join(Path(c).name for c in command)} --version  {version:6.3f} s   python -c pass {bare:6.3f} s   "
          f"difference {version - bare:6.3f} s   (target <= 0.25 s)")


# -- linking ------------------------------------------------------------------------------------

SYLLABLES = "an bel cor dun el far gar hol in jor kel lin mor nor os pel quin ros sel tor ul var wen yar".split()


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_links(entries: int, citations: int, seed: int = 6):
    from factcheck.citations.model import Author, Citation, ReferenceEntry

    rng = random.Random(seed)
    refs = []
    for i in range(entries):
        authors = tuple(Author(surname=_surname(rng), initials="J") for _ in range(rng.choice((1, 1, 2, 3))))
        year = str(rng.randint(1990, 2024))
        refs.append(ReferenceEntry(id=f"r{i + 1}", start=0, end=0, text="", authors=authors, year=year,
                                   title=f"Title {i}"))
    cites = []
    for i in range(citations):
        ref = rng.choice(refs)
        names = [a.surname for a in ref.authors]
        year = ref.year or "2000"
        roll = rng.random()
        if roll < 0.1:  # a misspelt author
            k = rng.randrange(1, len(names[0]))
            names[0] = names[0][:k] + names[0][k + 1:]
        elif roll < 0.15:  # a wrong year
            year = str(int(year) + 1)
        elif roll < 0.25:  # a work not in the list
            names, year = [_surname(rng)], str(rng.randint(1990, 2024))
        cites.append(Citation(id=f"k{i + 1}", style="author-year", start=0, end=0, text="", authors=tuple(names),
                              et_al=len(names) > 2 and rng.random() < 0.5, year=year))
    return cites, refs


@section("linking")
def linking(args: argparse.Namespace) -> None:
    from factcheck.citations.resolve import resolve

    title(f"linking 5,000 citations against 2,000 entries (median of {args.runs} runs)")
    cites, refs = synthetic_links(2000, 5000)
    resolve(cites[:10], refs, [])
    seconds = median_seconds(lambda: resolve(cites, refs, []), args.runs)
    links = resolve(cites, refs, [])
    hows = {how: sum(1 for link in links if link.how == how) for how in sorted({link.how for link in links})}
    print(f"resolve  {seconds:6.3f} s = {seconds / len(cites) * 1e6:5.1f} µs per citation   {hows}   "
          f"(target <= 0.5 s)")


# -- pandoc -------------------------------------------------------------------------------------

def pandoc_paper(folder: Path, entries: int = 200, citations: int = 400, seed: int = 3) -> tuple[Path, Path]:
    """A Markdown paper of pandoc citations ``[@key, p. 3]`` and a .bib, a few keys missing from it."""
    rng = random.Random(seed)
    keys = [f"{_surname(rng).lower()}{rng.randint(1990, 2024)}{chr(97 + i % 26)}" for i in range(entries)]
    bib = []
    for key in keys:
        bib.append(f"@article{{{key},\n  author = {{{_surname(rng)}, Jo and {_surname(rng)}, Al}},\n"
                   f"  title = {{On the {rng.choice(SYLLABLES)} of rivers}},\n  journal = {{Hydrology}},\n"
                   f"  year = {{{key[-5:-1]}}},\n  volume = {{{rng.randint(1, 40)}}},\n  pages = {{1--20}},\n}}\n")
    paragraphs = ["---\ntitle: A synthetic paper\n---\n", "# Introduction\n"]
    sentence = ("The {w} of the basin changed after the dam was built, and the flow fell by {n} per cent "
                "in the dry season [@{k}, p. {p}].")
    for i in range(citations):
        key = rng.choice(keys) if rng.random() < 0.97 else f"missing{i}"
        paragraphs.append(sentence.format(w=rng.choice(SYLLABLES), n=rng.randint(2, 60), k=key, p=rng.randint(1, 300))
                          + ("\n" if i % 4 == 3 else " "))
    paragraphs.append("\n# References\n")
    paper, refs = folder / "paper.md", folder / "refs.bib"
    paper.write_text("".join(paragraphs), encoding="utf-8")
    refs.write_text("\n".join(bib), encoding="utf-8")
    return paper, refs


REAL_PAPERS = ROOT.parent / "shared" / "realdocs" / "papers" / "docs"  # journal PDFs, a preprint
JOSS_PAPERS = ROOT.parent / "shared" / "realdocs" / "stylematrix" / "src"  # real Markdown papers with their .bib


def user_env() -> dict[str, str]:
    """The environment of a user's shell: Python keeps its compiled bytecode (some sandboxes set
    PYTHONDONTWRITEBYTECODE, which makes every start compile the package again)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@section("pandoc")
def pandoc(args: argparse.Namespace) -> None:
    title(f"missing-citation check of a Markdown paper with a .bib, against pandoc --citeproc (median of {args.runs}, "
          "the two run in turn)")
    if not shutil.which("pandoc"):
        print("pandoc not installed: skipped (apt-get install pandoc)")
        return
    script = Path(sys.executable).with_name("factcheck")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "factcheck"]
    env = user_env()
    print(f"[{_pandoc_version()}]")

    def compare(label: str, folder: Path, paper: Path, refs: Path) -> tuple[float, float]:
        audit = ["audit", paper.name, "--bib", refs.name, "--select", "CIT001", "--no-html", "--no-claims", "--isolated"]

        def ours() -> subprocess.CompletedProcess:
            return subprocess.run(command + audit, cwd=folder, capture_output=True, text=True, env=env)

        def theirs() -> subprocess.CompletedProcess:
            return subprocess.run(["pandoc", "--citeproc", "--bibliography", refs.name, paper.name, "-o", os.devnull],
                                  cwd=folder, capture_output=True, text=True)

        found, warned = ours(), theirs()  # also the warm-up: bytecode written, files in the page cache
        missing = sum(1 for line in found.stdout.splitlines() if "CIT001" in line)
        pandoc_missing = sum(1 for line in warned.stderr.splitlines() if "not found" in line.lower())
        # In turn, so that a change in the machine's load falls on both alike.
        mine, base = [], []
        for _ in range(args.runs):
            mine.append(median_seconds(ours, 1))
            base.append(median_seconds(theirs, 1))
        seconds, base_seconds = statistics.median(mine), statistics.median(base)
        share = import_share([sys.executable, "-X", "importtime", "-m", "factcheck", *audit], folder, env)
        print(f"{label:34} {paper.stat().st_size / 1e3:5.0f} KB  factcheck {seconds:6.3f} s ({missing} CIT001)   "
              f"pandoc --citeproc {base_seconds:6.3f} s ({pandoc_missing} not found)   "
              f"ratio {seconds / base_seconds:5.2f}x   imports {share:4.0%}   (target <= 1.0x)", flush=True)
        return seconds / base_seconds, share

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paper, refs = pandoc_paper(folder)
        compare("synthetic, 400 citations", folder, paper, refs)
    measured = [compare(f"JOSS {paper.stem}", JOSS_PAPERS, paper, paper.with_suffix(".bib"))
                for paper in sorted(JOSS_PAPERS.glob("*.md")) if paper.with_suffix(".bib").exists()]
    if measured:
        ratios = sorted(ratio for ratio, _ in measured)
        shares = sorted(share for _, share in measured)
        print(f"real papers: {len(ratios)}, median ratio {ratios[len(ratios) // 2]:5.2f}x, "
              f"worst {ratios[-1]:5.2f}x (target <= 1.0x); imports a median {shares[len(shares) // 2]:.0%} of the run")


def import_share(command: list[str], folder: Path, env: dict[str, str]) -> float:
    """The share of one run's wall time spent importing modules, as ``python -X importtime``
    reports it (its own overhead makes the run slower, and the share a rough one)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    # "import time: self [us] | cumulative | name": a top-level import's name is indented by one space.
    top = [int(line.split("|")[1]) for line in done.stderr.splitlines()
           if line.startswith("import time:") and line.split("|")[2].startswith(" ") and
           not line.split("|")[2].startswith("  ") and line.split("|")[1].strip().isdigit()]
    return sum(top) / 1e6 / wall if wall else 0.0


@section("markdown")
def markdown(args: argparse.Namespace) -> None:
    from factcheck.documents.text import load_text

    title(f"loading Markdown with its structure, against reading it as plain text (median of {args.runs})")
    with tempfile.TemporaryDirectory() as name:
        paper, refs = pandoc_paper(Path(name))
        data = paper.read_bytes()
        load_document(paper)  # imports the parser once
        plain = median_seconds(lambda: load_text(paper, data, "md"), args.runs)
        parsed = median_seconds(lambda: load_document(paper), args.runs)
        document = load_document(paper)
        audited = median_seconds(lambda: audit_document(document, Settings()), args.runs)
        print(f"paper {len(data) / 1e3:.0f} KB: as plain text {plain * 1e3:7.1f} ms   with its structure "
              f"{parsed * 1e3:7.1f} ms ({len(data) / 1e6 / parsed:4.2f} MB/s)   the audit after it {audited * 1e3:7.1f} ms   "
              f"loading / audit {parsed / audited:4.2f}")


def _pandoc_version() -> str:
    out = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else "pandoc"


# -- pdf ----------------------------------------------------------------------------------------

def make_report_pdf(path: Path, pages: int = 20, seed: int = 4) -> Path:
    """A 20-page report: paragraphs with author-year citations, a footnote per page, page numbers."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(False)
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        y = 25.0
        while y < 250:
            words = [rng.choice(SYLLABLES) for _ in range(rng.randint(60, 110))]
            text = (f"The {_surname(rng)} basin report of {rng.randint(1990, 2024)} found that "
                    + " ".join(words) + f" (Okafor, {rng.randint(1990, 2024)}).")
            pdf.set_xy(25, y)
            pdf.multi_cell(160, 5.5, text)
            y = pdf.get_y() + 4
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(25, 275)
        pdf.cell(160, 4, f"{page + 1} Survey of the basin authority, {rng.randint(1990, 2024)}, table {page + 1}.")
        pdf.set_xy(25, 285)
        pdf.cell(160, 4, str(page + 1), align="C")
    pdf.output(str(path))
    return path


def make_two_column_pdf(path: Path, pages: int = 12, seed: int = 5) -> Path:
    """A 12-page two-column article: a full-width title, justified columns of author-year
    citations, a running head, page numbers and a two-column reference list at the end."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    names = [_surname(rng) for _ in range(40)]
    for page in range(pages):
        pdf.add_page()
        if page:
            pdf.set_font("Helvetica", size=8)
            pdf.set_xy(18, 10)
            pdf.cell(174, 4, "Okafor et al.: A synthetic two-column article")
        else:
            pdf.set_font("Helvetica", "B", size=16)
            pdf.set_xy(18, 18)
            pdf.multi_cell(174, 8, "Sediment, silt and the slow adjustment of regulated rivers")
        for x in (18, 108):
            y = 45.0 if not page else 20.0
            pdf.set_font("Helvetica", size=9)
            while y < 260:
                if page == pages - 1:
                    name = rng.choice(names)
                    text = (f"{name}, {name[0]}. ({rng.randint(1990, 2024)}). On the "
                            f"{rng.choice(SYLLABLES)} of rivers. Hydrology, {rng.randint(1, 40)}, 1-20.")
                else:
                    words = [rng.choice(SYLLABLES) for _ in range(rng.randint(40, 80))]
                    text = (f"The {_surname(rng)} basin report found that " + " ".join(words)
                            + f" ({rng.choice(names)} et al., {rng.randint(1990, 2024)}).")
                pdf.set_xy(x, y)
                pdf.multi_cell(84, 4.2, text, align="J")
                y = pdf.get_y() + 2
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(18, 285)
        pdf.cell(174, 4, str(page + 1), align="C")
    pdf.output(str(path))
    return path


@section("pdf")
def pdf(args: argparse.Namespace) -> None:
    import pdfplumber

    title(f"PDFs: load + audit, against pdfplumber's extract_text on every page (median of {args.runs})")
    with tempfile.TemporaryDirectory() as name:
        made = [("a 20-page report", make_report_pdf(Path(name) / "report.pdf")),
                ("a 12-page two-column article", make_two_column_pdf(Path(name) / "article.pdf"))]
        published = [(f"published: {p.stem[:21]}", p) for p in sorted(REAL_PAPERS.glob("*.pdf"))]
        for label, path in made + published:
            settings = Settings()

            def plumber() -> int:
                with pdfplumber.open(path) as document:
                    return sum(len(page.extract_text() or "") for page in document.pages)

            def ours() -> int:
                return len(audit_document(load_document(path), settings).findings)

            ours()
            plumber()
            seconds = median_seconds(ours, args.runs)
            load = median_seconds(lambda: load_document(path), args.runs)
            base = median_seconds(plumber, args.runs)
            print(f"{label:32} factcheck load + audit {seconds:6.3f} s (load {load:6.3f} s)   "
                  f"pdfplumber extract_text {base:6.3f} s   ratio {seconds / base:5.2f}x   (target <= 1.15x)")


# -- 10,000 documents ------------------------------------------------------------------------------

@section("corpus")
def corpus(args: argparse.Namespace) -> None:
    title(f"{args.docs:,} documents of ~5 KB with the cross-document checks, --jobs {args.jobs}")
    command = [sys.executable, __file__, "--corpus-child", str(args.docs), "--jobs", str(args.jobs)]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode:
        print(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"failed ({proc.returncode})")
        return
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{row['documents']:,} documents, {row['megabytes']} MB: audit {row['seconds']:6.1f} s "
          f"({row['documents'] / row['seconds']:5.0f} documents/s)   peak RSS: main process {row['rss_main_mb']:6.0f} MB, "
          f"largest worker {row['rss_worker_mb']:6.0f} MB   findings {row['findings']} in documents, "
          f"{row['corpus_findings']} across them   errors {row['errors']}   (target <= 60 s, <= 1 GB)")


def corpus_child(documents: int, jobs: int) -> None:
    """In a fresh process: write the documents, audit the folder, print one JSON line."""
    import resource

    from bench.corpus_scale import World, document
    from factcheck.pipeline import audit

    world = World(documents, 7)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        size = 0
        for number in range(documents):
            text, _ = document(world, number, plant=number % 200 == 199)
            (folder / f"doc{number:05d}.txt").write_text(text, encoding="utf-8")
            size += len(text.encode("utf-8"))
        start = time.perf_counter()
        result = audit([folder], Settings(), jobs=jobs)
        seconds = time.perf_counter() - start
    print(json.dumps({
        "documents": len(result.documents), "megabytes": round(size / 1e6, 1), "seconds": round(seconds, 2),
        "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "findings": sum(len(d.findings) for d in result.documents), "corpus_findings": len(result.corpus_findings),
        "errors": len(result.errors)}))


# -- pathological inputs ------------------------------------------------------------------------

@section("pathological")
def pathological(args: argparse.Namespace) -> None:
    from tests.robust.pathological import INPUTS
    from tests.robust.test_pathological import timed_audit

    title("pathological inputs (tests/robust/pathological.py): load + audit with all rules, one run each")
    from tests.robust.pathological import build

    with tempfile.TemporaryDirectory() as name:
        for input_name in INPUTS:
            suffix, text = build(input_name)
            path = Path(name) / f"input.{suffix}"
            path.write_text(text, encoding="utf-8")
            status, value, findings = timed_audit(path, args.limit)
            shown = f"{value:7.2f} s" if status == "ok" else f"{status} ({value})"
            flag = "" if status == "ok" and value <= 2.0 else "   over the 2 s target"
            print(f"{input_name:42} {len(text.encode('utf-8')) / 1e6:5.2f} MB  {shown}  {findings:6} findings{flag}",
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of text for the throughput figure")
    parser.add_argument("--docs", type=int, default=10_000, help="documents for the corpus figure")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the corpus figure")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a pathological input is stopped")
    parser.add_argument("--corpus-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.corpus_child:
        corpus_child(args.corpus_child, args.jobs)
        return
    chosen = [name.strip() for name in args.only.split(",") if name.strip()] or list(SECTIONS)
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {args.runs} runs where repeated")
    for name in chosen:
        SECTIONS[name](args)


if __name__ == "__main__":
    main()
