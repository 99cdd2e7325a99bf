"""How factcheck reads the citations of Markdown papers, against pandoc's own reading.

For each ``PAPER.md`` with a ``PAPER.bib`` beside it in the folder given (by default the JOSS
papers of ``../shared/realdocs/stylematrix/src``), pandoc's AST (``pandoc -t json``) gives every
citation key the paper uses; factcheck's JSON gives the pandoc citations it found and the .bib
entry each links to. A citation agrees when factcheck links it to the entry of the key pandoc
read there (counted per key: Markdown has no offsets in pandoc's AST). Prints per paper and in
all: precision, recall and F1 of the links, and how many cited entries factcheck marks cited.

    .venv/bin/python tools/pandoc_agreement.py [FOLDER] [--cmd .venv/bin/factcheck]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_BIB_KEY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,")


def pandoc_keys(paper: Path) -> Counter[str]:
    ast = json.loads(subprocess.run(["pandoc", "-t", "json", str(paper)], capture_output=True, text=True,
                                    check=True).stdout)
    keys: Counter[str] = Counter()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Cite":
                keys.update(c["citationId"] for c in node["c"][0])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ast["blocks"])
    return keys


def factcheck_links(command: list[str], paper: Path, bib: Path) -> tuple[Counter[str | None], set[str]]:
    """The .bib key each pandoc citation links to (None: no entry), and the keys marked cited."""
    out = subprocess.run([*command, "audit", str(paper), "--bib", str(bib), "--format", "json", "--no-html",
                          "--no-claims", "--fail-on", "never", "--isolated"], capture_output=True, text=True).stdout
    document = json.loads(out)["documents"][0]
    key_of = {}
    for ref in document["references"]:
        m = _BIB_KEY.match(ref["text"])
        key_of[ref["id"]] = m.group(1) if m else None
    linked = Counter(key_of.get(c.get("reference")) for c in document["citations"] if c["style"] == "pandoc")
    cited = {key_of[r["id"]] for r in document["references"] if r.get("cited_by") and key_of.get(r["id"])}
    return linked, cited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "realdocs" / "stylematrix" / "src"))
    parser.add_argument("--cmd", default=str(ROOT / ".venv" / "bin" / "factcheck"))
    args = parser.parse_args()
    agree = ours = theirs = cited_found = cited_all = 0
    for paper in sorted(Path(args.folder).glob("*.md")):
        bib = paper.with_suffix(".bib")
        if not bib.exists():
            continue
        keys = pandoc_keys(paper)
        linked, cited = factcheck_links(args.cmd.split(), paper, bib)
        both = sum((keys & linked).values())
        agree, ours, theirs = agree + both, ours + sum(linked.values()), theirs + sum(keys.values())
        cited_found, cited_all = cited_found + len(set(keys) & cited), cited_all + len(set(keys))
        print(f"{paper.stem:24} pandoc {sum(keys.values()):4}  factcheck {sum(linked.values()):4}  agree {both:4}  "
              f"cited entries marked cited {len(set(keys) & cited)}/{len(set(keys))}")
    if not theirs:
        print("no Markdown paper with a .bib found")
        return
    precision, recall = agree / max(ours, 1), agree / theirs
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"all: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}; cited entries {cited_found}/{cited_all}")


if __name__ == "__main__":
    main()
