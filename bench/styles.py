"""Linking in every citation family: 5,000 citations against 2,000 entries (issue 12: ≤ 0.5 s).

Prints, per family, the median time of ``factcheck.citations.resolve.resolve`` (and of
``note_works.link_note_works`` for the works cited in notes), the time per citation, how the
links came out, and how many candidate entries the blocking compared per citation against the
2,000 an all-pairs comparison would: linking is blocked, never citations x entries.

    .venv/bin/python bench/styles.py [--runs 5] [--citations 5000] [--entries 2000]

Families: author-date (10 % misspelt, 5 % wrong year, 10 % missing), author-page (MLA: no year,
co-authors and short titles tell works apart), numeric (numbers, 3 % beyond the list), pandoc
keys, and notes (full and short citations inside notes linked to a bibliography by title).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.citations.model import Author, Citation, Note, ReferenceEntry  # noqa: E402
from factcheck.citations.names import fold  # noqa: E402
from factcheck.citations.note_works import _Index, link_note_works  # noqa: E402
from bench.timing import median_seconds  # noqa: E402
from factcheck.citations.resolve import Resolver, resolve  # noqa: E402

SYLLABLES = "an bel cor dun el far gar hol in jor kel lin mor nor os pel quin ros sel tor ul var wen yar".split()
WORDS = ("river basin delta tide salt road canal lock barge ferry toll guild harbour ledger silt weir sluice "
         "flood drought irrigation dam reservoir estuary channel levee dredging quay wharf port").split()


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()


def entries(n: int, rng: random.Random) -> list[ReferenceEntry]:
    out = []
    for i in range(n):
        authors = tuple(Author(surname=_surname(rng), initials="J") for _ in range(rng.choice((1, 1, 2, 3, 4))))
        title = _title(rng) + f" {i}"
        year = str(rng.randint(1990, 2024))
        text = f"{authors[0].surname}, J. ({year}). {title}. Harbour Press."
        out.append(ReferenceEntry(id=f"r{i + 1}", start=0, end=len(text), text=text, authors=authors, year=year,
                                  title=title, key=f"{authors[0].surname.lower()}{year}x{i}", label=str(i + 1)))
    return out


def author_date(refs: list[ReferenceEntry], n: int, rng: random.Random) -> list[Citation]:
    cites = []
    for i in range(n):
        ref = rng.choice(refs)
        names, year = [a.surname for a in ref.authors], ref.year or "2000"
        roll = rng.random()
        if roll < 0.1:
            k = rng.randrange(1, len(names[0]))
            names[0] = names[0][:k] + names[0][k + 1:]
        elif roll < 0.15:
            year = str(int(year) + 1)
        elif roll < 0.25:
            names, year = [_surname(rng)], str(rng.randint(1990, 2024))
        et_al = len(names) > 2
        cites.append(Citation(id=f"k{i + 1}", style="author-year", kind="parenthetical", start=0, end=0, text="",
                              authors=tuple(names[:1] if et_al else names), et_al=et_al, year=year))
    return cites


def author_page(refs: list[ReferenceEntry], n: int, rng: random.Random) -> list[Citation]:
    cites = []
    for i in range(n):
        ref = rng.choice(refs)
        names = [a.surname for a in ref.authors]
        et_al = len(names) > 2
        cites.append(Citation(id=f"k{i + 1}", style="author-year", kind="parenthetical", start=0, end=0, text="",
                              authors=tuple(names[:1] if et_al else names), et_al=et_al,
                              title=(ref.title or "").split()[0] if rng.random() < 0.3 else None))
    return cites


def numeric(refs: list[ReferenceEntry], n: int, rng: random.Random) -> list[Citation]:
    top = len(refs) + len(refs) // 30
    return [Citation(id=f"k{i + 1}", style="numeric", kind="bracket", start=0, end=0, text="[n]",
                     number=rng.randint(1, top)) for i in range(n)]


def pandoc(refs: list[ReferenceEntry], n: int, rng: random.Random) -> list[Citation]:
    return [Citation(id=f"k{i + 1}", style="pandoc", kind="bracket", start=0, end=0, text="@k",
                     key=rng.choice(refs).key if rng.random() < 0.97 else f"missing{i}") for i in range(n)]


def notes_text(refs: list[ReferenceEntry], n: int, rng: random.Random) -> tuple[str, list[Note]]:
    """n notes, each citing one work in full or in short, or Ibid."""
    parts, notes, pos = [], [], 0
    for i in range(n):
        ref = rng.choice(refs)
        roll = rng.random()
        if roll < 0.1 and i:
            body = "Ibid., 12."
        elif roll < 0.5:
            body = f"{ref.authors[0].surname}, “{' '.join((ref.title or '').split()[:3])},” 45."
        else:
            body = f"Jo {ref.authors[0].surname}, “{ref.title},” Harbour Review 3 ({ref.year}): 1–9."
        label = f"[{i + 1}] "
        text = label + body
        notes.append(Note(id=f"n1.{i + 1}", block=1, number=i + 1, start=pos, end=pos + len(text), text=text,
                          body_start=pos + len(label)))
        parts.append(text)
        pos += len(text) + 2
    return "\n\n".join(parts), notes


def candidates_per_citation(refs: list[ReferenceEntry], cites: list[Citation]) -> float:
    resolver = Resolver(refs)
    named = [c for c in cites if c.authors]
    return sum(len(resolver.candidates(c)) for c in named) / max(1, len(named))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--citations", type=int, default=5000)
    ap.add_argument("--entries", type=int, default=2000)
    args = ap.parse_args()
    rng = random.Random(12)
    refs = entries(args.entries, rng)
    print(f"linking {args.citations:,} citations against {args.entries:,} entries, median of {args.runs} runs "
          f"(target <= 0.5 s per family)")
    print(f"{'family':12s} {'seconds':>8s} {'µs/citation':>12s} {'compared/citation':>18s}  links")
    for family, make in (("author-date", author_date), ("author-page", author_page), ("numeric", numeric),
                         ("pandoc", pandoc)):
        cites = make(refs, args.citations, rng)
        resolve(cites[:10], refs, [])
        seconds = median_seconds(lambda: resolve(cites, refs, []), args.runs)
        links = resolve(cites, refs, [])
        hows = {how: sum(1 for link in links if link.how == how) for how in sorted({link.how for link in links})}
        compared = candidates_per_citation(refs, cites) if family.startswith("author") else 1.0
        print(f"{family:12s} {seconds:8.3f} {seconds / len(cites) * 1e6:12.1f} {compared:18.1f}  {hows}")
    text, notes = notes_text(refs, args.citations, rng)
    seconds = median_seconds(lambda: link_note_works(text, notes, refs), args.runs)
    linked = link_note_works(text, notes, refs)
    works = [w for n in linked for w in n.works]
    index = _Index(refs)
    compared = statistics.mean(len(index.candidates({w for w in fold(text[n.body_start:n.end]).split()
                                                     if len(w) > 3})) for n in notes[:500])
    print(f"{'notes':12s} {seconds:8.3f} {seconds / len(notes) * 1e6:12.1f} {compared:18.1f}  "
          f"{{'linked': {sum(1 for w in works if w.reference_id)}, 'unlinked': "
          f"{sum(1 for w in works if not w.reference_id)}, 'no work read': {len(notes) - len(works)}}}")
    print(f"(all pairs would compare {args.entries:,} entries per citation)")


if __name__ == "__main__":
    main()
