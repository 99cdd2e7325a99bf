"""Corpus mode at scale: time and peak memory of ``check_corpus`` for 1,000 and 10,000 documents.

Synthetic documents of about 5 KB each state dates and numbers about generated entities
(places, organisations, facilities). Each fact has one value in a global table, so documents
that share an entity restate its facts consistently (the index has real same-fact pairs to
compare); one document in ``--conflict-every`` changes one value, which must come out as a
corpus finding. The entity pool grows with the number of documents, so each fact is restated a
similar number of times at every size, as in a growing archive of reports.

Each size runs in its own subprocess: generate, extract (``audit_document`` with only DATE001
and NUM001 selected, cached as a pickle in the temp folder), then time ``check_corpus`` alone,
and measure its peak allocations with tracemalloc on a second run. ``ru_maxrss`` is the whole
subprocess (the documents and their extractions included).

    .venv/bin/python bench/corpus_scale.py [--sizes 1000 10000] [--jobs 2] [--no-cache]
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.config import Settings  # noqa: E402
from factcheck.extract import Extraction  # noqa: E402
from factcheck.documents.model import Document  # noqa: E402
from factcheck.pipeline import audit_document, check_corpus  # noqa: E402
from factcheck.results import DocumentResult  # noqa: E402

VERSION = 5  # bump when the generator or the cached results change, so old caches are not reused
MONTHS = "January February March April May June July August September October November December".split()
SYLLABLES = "an bel cor dun el far gar hol in jor kel lin mor nor os pel quin ros sel tor ul var wen yar zan".split()
ENDINGS = "ford bury wick ton stead mouth field haven port gate dale moor ley worth combe".split()
FACILITIES = "bridge dam quay reservoir granary hospital library station tunnel lighthouse market".split()
ORGS = "cooperative council mission trust guild authority company union".split()
GOODS = "grain timber wool copper salt cotton coal tea".split()
ANIMALS = "cattle sheep goats horses".split()

FACTS = [  # (template, kind of value); {p} place, {f} facility, {o} organisation, {g} good, {a} animal
    ("The new {f} at {p} was completed in {date}.", "date"),
    ("The {p} {o} opened its first office on {day}.", "day"),
    ("The old {f} of {p} was damaged by the flood of {date}.", "date"),
    ("The {f} at {p} employs {n} workers from the surrounding villages.", "count"),
    ("Merchants of {p} shipped {n} tonnes of {g} through the harbour.", "count"),
    ("Officials in {p} counted {n} {a} in the upland pastures.", "count"),
    ("The {p} {o} was founded in {year} by a group of local families.", "year"),
    ("The road between {p} and the coast is {n} kilometres long.", "count"),
]
FILLER = [
    "Residents of {p} describe the {f} as a turning point for the district.",
    "Visitors to {p} often remark on the quiet streets near the {f}.",
    "The {o} publishes its accounts each spring and invites comment from members.",
    "Local historians in {p} have collected letters and photographs from that period.",
    "Few of the people interviewed in {p} expected the {f} to change their daily routine.",
    "Critics argue that the {o} has been slow to consult the villages around {p}.",
]


def place(rng: random.Random) -> str:
    """ "Kelmorford", "Anquinselwick": 26 x 26 x 27 x 15 (about 270,000) possible names."""
    middle = rng.choice(SYLLABLES) if rng.random() < 0.96 else ""
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + middle + rng.choice(ENDINGS)).capitalize()


class World:
    """The true value of every fact, so that documents restate them consistently."""

    def __init__(self, documents: int, seed: int):
        self.rng = random.Random(seed)
        names = set()
        while len(names) < max(50, documents * 2):
            names.add(place(self.rng))
        self.places = sorted(names)
        self.truth: dict[tuple, str] = {}
        self.first: dict[tuple, int] = {}  # the document that stated a fact first

    def value(self, key: tuple, kind: str, document: int) -> str:
        if key not in self.truth:
            self.truth[key], self.first[key] = self.fresh(kind), document
        return self.truth[key]

    def fresh(self, kind: str) -> str:
        rng = self.rng
        if kind == "date":
            return f"{rng.choice(MONTHS)} {rng.randint(1950, 2024)}"
        if kind == "day":
            return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1950, 2024)}"
        if kind == "year":
            return str(rng.randint(1850, 2020))
        return f"{rng.randint(2, 900) * 10:,}"


def document(world: World, number: int, plant: bool) -> tuple[str, bool]:
    """About 5 KB of prose about three places; with ``plant``, one fact gets a wrong value."""
    rng = random.Random(number)
    places = rng.sample(world.places, 3)
    lines, planted = [f"Report {number} on {', '.join(places)}", ""], False
    while sum(len(line) + 1 for line in lines) < 5000:
        paragraph = []
        for _ in range(5):
            p = rng.choice(places)
            f, o, g, a = rng.choice(FACILITIES), rng.choice(ORGS), rng.choice(GOODS), rng.choice(ANIMALS)
            if rng.random() < 0.6:
                template, kind = rng.choice(FACTS)
                slots = {"p": p, "f": f, "o": o, "g": g, "a": a}
                key = (template, *(slots[name] for name in sorted(slots) if "{" + name + "}" in template))
                known = world.first.get(key, number) < number  # stated in an earlier document
                value = world.value(key, kind, number)
                if plant and not planted and known:
                    value, planted = _other(world, kind, value), True
                slot = {"date": "date", "day": "day", "year": "year"}.get(kind, "n")
                paragraph.append(template.format(p=p, f=f, o=o, g=g, a=a, **{slot: value}))
            else:
                paragraph.append(rng.choice(FILLER).format(p=p, f=f, o=o))
        lines += [" ".join(paragraph), ""]
    return "\n".join(lines), planted


def _other(world: World, kind: str, value: str) -> str:
    while True:
        changed = world.fresh(kind)
        if changed[-4:] != value[-4:] and changed != value:
            return changed


def build(size: int, seed: int, conflict_every: int, jobs: int, cache: bool) -> tuple[list[DocumentResult], dict]:
    path = Path(tempfile.gettempdir()) / f"factcheck-corpus-scale-v{VERSION}-{size}-{seed}-{conflict_every}.pickle"
    if cache and path.exists():
        with path.open("rb") as handle:
            results, info = pickle.load(handle)
        return results, {**info, "cached": True}
    world = World(size, seed)
    texts, planted = [], []
    started = time.perf_counter()
    for number in range(size):
        text, did = document(world, number, plant=number % conflict_every == conflict_every - 1)
        texts.append(text)
        if did:
            planted.append(f"synthetic/doc{number:05d}.txt")
    generate = time.perf_counter() - started
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(_extract, enumerate(texts), chunksize=50))
    info = {"generate_seconds": round(generate, 2), "extract_seconds": round(time.perf_counter() - started, 2),
            "planted": planted, "megabytes": round(sum(len(t) for t in texts) / 1e6, 1), "cached": False}
    if cache:
        with path.open("wb") as handle:
            pickle.dump((results, info), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return results, info


def _extract(item: tuple[int, str]) -> DocumentResult:
    """The parts of a DocumentResult that check_corpus reads: path, text and the fact statements
    the document's audit built (as the pipeline carries them from its workers)."""
    number, text = item
    document = Document(path=f"synthetic/doc{number:05d}.txt", format="txt", text=text)
    result = audit_document(document, Settings(select=("DATE001", "NUM001")))
    return DocumentResult(document=document, extraction=Extraction(), findings=(),
                          rules=result.rules, corpus_inputs=result.corpus_inputs)


def measure(size: int, seed: int, conflict_every: int, jobs: int, cache: bool) -> dict:
    results, info = build(size, seed, conflict_every, jobs, cache)
    settings = Settings()
    started, cpu = time.perf_counter(), time.process_time()
    findings = check_corpus(results, settings)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    check_corpus(results, settings)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    claims = sum(len(r.corpus_inputs.get("fact_statements") or ()) for r in results)
    planted = set(info.pop("planted"))
    touching = sum(1 for f in findings if {f.path, *(r.path for r in f.related)} & planted)
    return {"size": size, "claims": claims, "check_seconds": round(seconds, 3), "check_cpu": round(cpu, 3),
            "check_peak_mb": round(peak / 1e6, 1),
            "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1),
            "findings": len(findings), "planted": len(planted), "on_planted": touching, **info}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--conflict-every", type=int, default=200, help="one planted conflict per N documents")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the extraction")
    parser.add_argument("--no-cache", action="store_true", help="extract again even if a cached pickle exists")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size, print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.seed, args.conflict_every, args.jobs, not args.no_cache)))
        return
    rows = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed),
                   "--conflict-every", str(args.conflict_every), "--jobs", str(args.jobs)]
        if args.no_cache:
            command.append("--no-cache")
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
        row = rows[-1]
        extract = f"{row['extract_seconds']} s for {row['megabytes']} MB" + (" (cached)" if row["cached"] else "")
        print(f"{size:>6} docs  {row['claims']:>7} fact statements  check_corpus {row['check_seconds']:7.3f} s "
              f"(cpu {row['check_cpu']:.3f} s)  "
              f"peak {row['check_peak_mb']:7.1f} MB (tracemalloc)  maxrss {row['maxrss_mb']:8.1f} MB  "
              f"findings {row['findings']:>4} ({row['on_planted']} on a planted conflict, {row['planted']} planted)  "
              f"extraction {extract}")
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        time_ratio = last["check_seconds"] / first["check_seconds"]
        cpu_ratio = last["check_cpu"] / first["check_cpu"]
        print(f"growth {last['size'] / first['size']:.0f}x documents: time {time_ratio:.1f}x (cpu {cpu_ratio:.1f}x), "
              f"peak memory {last['check_peak_mb'] / first['check_peak_mb']:.1f}x")


if __name__ == "__main__":
    main()
