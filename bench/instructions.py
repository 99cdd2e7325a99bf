"""Instructions an audit executes, counted by valgrind: a speed figure the machine's load cannot move.

Wall times on this machine move by 1.4x within minutes (another job, the host), more than most
changes do; the instructions a run executes barely move (the hash seed is fixed, ``PYTHONHASHSEED=0``,
and every module compiled before the count). Each workload runs twice under ``valgrind
--tool=callgrind`` (Debian's ``valgrind``), once to its set-up (imports, documents built, a warm-up
audit) and once through the audit as well; the difference is the audit's. Give other checkouts
(a clone at the commit before a change) to count theirs the same way, side by side:

    .venv/bin/python bench/instructions.py [--workload reports,corpus] [OTHER_CHECKOUT ...]

Workloads:

* ``reports``  40 generated reports (``bench/corpus_scale.py``, ~5 KB each, dense in dates and
               numbers) and the demo documents of ``sources/`` twice, ``audit_document`` each
               (about 2.7-3.3 G instructions);
* ``corpus``   ``../shared/corpus`` three times over, read from files by ``audit`` (every rule,
               the corpus checks too, ``jobs=1``) and its JSON report encoded (about 4.6-5.1 G);
* ``slowest``  the pathological inputs nearest their 2 s (``SLOWEST``), each loaded and audited
               (about 21 G; not run unless asked for: some 10 minutes under valgrind).

The warm-ups (imports, patterns compiled) audit inputs of their own, not the ones counted. The runs
go two at a time (a core each); valgrind runs Python some 50 times slower.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
#: The pathological inputs (``tests/robust/pathological.py``) nearest issue 15's 2 s, loaded and audited.
SLOWEST = ("a 1 MB sentence", "a reference list of 20,000 entries")


def workload(root: str, name: str, through: bool) -> None:
    """In the child: the set-up of ``name`` with ``root``'s package, and its audit when ``through``."""
    sys.path.insert(0, root)
    from factcheck.config import Settings
    from factcheck.pipeline import audit, audit_document

    settings = Settings()
    if name == "reports":
        from bench.corpus_scale import World, document
        from bench.speed import source_texts
        from factcheck.documents import Document

        world = World(10000, 7)
        docs = [Document(path=f"doc{n:05d}.txt", format="txt", text=document(world, n, plant=n % 200 == 199)[0])
                for n in range(40)]
        docs += [Document(path=f"{d.path}#{i}", format=d.format, text=d.text, segments=d.segments,
                          metadata=d.metadata) for i in range(2) for d in source_texts()]
        for n in range(40, 43):  # warm-up (imports, patterns compiled) on reports not counted
            audit_document(Document(path="warm.txt", format="txt", text=document(world, n, plant=False)[0]), settings)
        if through:
            for doc in docs:
                audit_document(doc, settings)
        return
    if name == "slowest":
        from factcheck.documents import load_document
        from tests.robust.pathological import build

        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for number, title in enumerate(SLOWEST):
                suffix, text = build(title)
                paths.append(Path(folder) / f"{number}.{suffix}")
                paths[-1].write_text(text, encoding="utf-8")
            warm = Path(folder) / "warm.md"  # warm-up (the loaders imported) on an input not counted
            warm.write_text(build("a reference list of 10,000 entries")[1][:20_000], encoding="utf-8")
            audit_document(load_document(warm), settings)
            if through:
                for path in paths:
                    audit_document(load_document(path), settings)
        return
    # (As ``bench/speed.py``'s row of the corpus with its JSON, written out here: the workload runs
    # against older checkouts too, whose bench has no such row.)
    from factcheck.reports.json_report import write_json

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as warm:
        for i in range(3):
            for number, text in enumerate(texts):
                (Path(folder) / f"{i}-{number}.txt").write_text(text, encoding="utf-8")
        (Path(warm) / "warm.txt").write_text(texts[0][:3000], encoding="utf-8")
        write_json(audit([Path(warm)], settings, jobs=1), lambda piece: None)  # encoded, not kept
        if through:
            write_json(audit([Path(folder)], settings, jobs=1), lambda piece: None)


def counted(root: str, name: str, through: bool) -> int:
    """Instructions valgrind counted running the workload in a child process."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
               "--child", root, name, "run" if through else "setup"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or not found:
        error = [line for line in done.stderr.splitlines() if not line.startswith("==")]
        raise SystemExit(f"the {name} workload failed on {root}: {(error or done.stderr.splitlines())[-1:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("others", nargs="*", help="other checkouts to count the same way (e.g. a clone at a commit)")
    parser.add_argument("--workload", default="reports,corpus")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        root, name, mode = args.child
        workload(root, name, mode == "run")
        return
    if not shutil.which("valgrind"):
        print("valgrind not installed: skipped (apt-get install valgrind)")
        return
    roots = [str(ROOT), *(str(Path(o).resolve()) for o in args.others)]
    names = [n for n in args.workload.split(",") if n]
    unknown = set(names) - {"reports", "corpus", "slowest"}
    if unknown:
        parser.error(f"unknown workload(s): {', '.join(sorted(unknown))} (reports, corpus, slowest)")
    for root in roots:  # every module compiled first: the counts are not a compilation's
        subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(Path(root) / d) for d in
                        ("factcheck", "bench", "tests"))], check=False, capture_output=True)
    if "corpus" in names and not CORPUS.is_dir():
        names.remove("corpus")
        print("../shared/corpus not found: the corpus workload skipped")
    jobs = [(root, name, through) for root in roots for name in names for through in (False, True)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(jobs, pool.map(lambda job: counted(*job), jobs)))
    for name in names:
        audits = {root: results[(root, name, True)] - results[(root, name, False)] for root in roots}
        for root in roots:
            versus = "" if root == roots[0] else f"   (this checkout {audits[roots[0]] / audits[root] - 1:+.1%} against it)"
            print(f"{name:8} {root:40} {audits[root] / 1e9:7.3f} G instructions{versus}", flush=True)


if __name__ == "__main__":
    main()
