"""For a stylematrix set (``../shared/eval/stylematrix/build.py`` output): audit each planted copy and
its clean render, and count per style and defect kind whether the planted finding appears and
how many OTHER findings the copy has that the clean render does not (the issue's "≤ 0.1 other new
findings per copy").

    .venv/bin/python tools/planted_delta.py --set ../shared/realdocs/stylematrix [--rules CIT,REF,FN]

A finding is "the planted one" when its rule slug is the defect kind and its excerpt overlaps a
must anchor of the gold; a new finding the gold accepts without requiring it (a group citation that
includes a deleted entry) is not counted as another; findings are compared between the two runs by
(rule, excerpt), so a finding that only moved is not new. Prints one table and writes nothing.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document


def findings_of(path: Path, prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    result = audit_document(load_document(path), Settings(select=prefixes))
    return [(f.rule, " ".join(f.excerpt.split())) for f in result.findings]


def overlaps(anchor: str, excerpt: str) -> bool:
    a, e = " ".join(anchor.split()), excerpt
    return bool(a and e) and (a in e or e in a)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, help="a folder written by build.py")
    ap.add_argument("--rules", default="CIT,REF,FN", help="rule prefixes compared (default CIT,REF,FN)")
    args = ap.parse_args()
    root = Path(args.set)
    prefixes = tuple(p.strip() for p in args.rules.split(",") if p.strip())
    rows: dict[tuple[str, str], Counter] = defaultdict(Counter)
    clean_cache: dict[Path, Counter] = {}
    examples: list[str] = []
    for gold_file in sorted((root / "planted" / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        meta = gold["stylematrix"]
        copy = root / "planted" / "docs" / gold["document"]
        clean = root / "docs" / f"{meta['paper']}__{meta['style']}.{meta['format']}"
        if not copy.exists() or not clean.exists():
            continue
        if clean not in clean_cache:
            clean_cache[clean] = Counter(findings_of(clean, prefixes))
        planted = Counter(findings_of(copy, prefixes))
        new = planted - clean_cache[clean]
        musts = [f for f in gold["findings"] if f.get("must") and f["rule"] == meta["variant"]]
        # findings the gold accepts without requiring them ("a group citation that includes it")
        accepted = [f for f in gold["findings"] if f["rule"] == meta["variant"]]
        found = sum(1 for m in musts if any(rule == m["rule"] and overlaps(m["anchor"], ex) for rule, ex in planted))
        others = [(rule, ex) for rule, ex in new.elements()
                  if not any(rule == m["rule"] and overlaps(m["anchor"], ex) for m in accepted)]
        if found < len(musts):
            examples.append(f"{gold['document']}: missed {[m['anchor'] for m in musts]}")
        row = rows[(meta["style"], meta["variant"])]
        row.update(copies=1, must=len(musts), found=found, others=len(others))
        examples.extend(f"{gold['document']}: {rule} '{ex[:70]}'" for rule, ex in others[:2])
    print(f"{'style':14s} {'defect':18s} {'copies':>6s} {'found':>9s} {'recall':>6s} {'other new/copy':>14s}")
    total = Counter()
    for (style, variant), c in sorted(rows.items()):
        total.update(c)
        recall = c["found"] / c["must"] if c["must"] else float("nan")
        print(f"{style:14s} {variant:18s} {c['copies']:6d} {c['found']:4d}/{c['must']:<4d} {recall:6.2f} "
              f"{c['others'] / c['copies']:14.2f}")
    if total["copies"]:
        print(f"{'all':14s} {'':18s} {total['copies']:6d} {total['found']:4d}/{total['must']:<4d} "
              f"{total['found'] / max(1, total['must']):6.2f} {total['others'] / total['copies']:14.2f}")
    for line in examples[:40]:
        print("  ", line)


if __name__ == "__main__":
    main()
