"""A generated corpus of short reports that restate shared facts, with conflicts planted across them.

Each fact (a facility's completion date, an organisation's founding year, a workforce, a
shipment) has one true value, so documents that mention the same place and thing restate it
consistently; every ``conflict_every``-th document gives one fact it shares with an earlier
document another value. The planted statement is then the odd one out (or the later one), so
DATE001/NUM001 across the corpus must be reported on it, with the planted value as excerpt.

Used by the cluster tests and by ``bench/dask_scale.py`` (``--documents`` of any size).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

MONTHS = "January February March April May June July August September October November December".split()
SYLLABLES = "al bre cas dor eth fen gil har isk jor kal lum mar nev orr pim ral sev tam ulf vor wyn".split()
ENDINGS = "ford holm wick by stead mouth haven gate moor worth".split()
THINGS = "bridge dam quay granary hospital library tunnel lighthouse".split()
BODIES = "cooperative council trust guild union".split()
GOODS = "grain timber wool copper salt".split()

FACTS = [  # (sentence, kind of value): {p} place, {t} thing built, {b} body, {g} goods
    ("The new {t} at {p} was completed in {v}.", "date"),
    ("The {p} {b} was founded in {v} by a group of local families.", "year"),
    ("The {t} at {p} employs {v} workers from the surrounding villages.", "count"),
    ("Merchants of {p} shipped {v} tonnes of {g} through the harbour.", "count"),
]
FILLER = [
    "Residents of {p} describe the {t} as a turning point for the district.",
    "The {b} publishes its accounts each spring and invites comment from members.",
    "Few of the people interviewed in {p} expected the {t} to change their routine.",
]


@dataclass(frozen=True)
class Planted:
    path: str  # the document given the wrong value
    value: str  # the value as written there: the excerpt of the finding
    kind: str  # "date" or "number"


class World:
    """The true value of each fact, and which document stated it first."""

    def __init__(self, documents: int, seed: int) -> None:
        self.rng = random.Random(seed)
        names: set[str] = set()
        # Two syllables and an ending make 4,840 names; past 10,000 documents, three syllables.
        parts = 3 if documents > 10000 else 2
        while len(names) < max(12, documents // 3):
            names.add(("".join(self.rng.choice(SYLLABLES) for _ in range(parts)) + self.rng.choice(ENDINGS)).capitalize())
        self.places = sorted(names)
        self.truth: dict[tuple, str] = {}
        self.first: dict[tuple, int] = {}

    def value(self, key: tuple, kind: str, document: int) -> str:
        if key not in self.truth:
            self.truth[key], self.first[key] = self.fresh(kind), document
        return self.truth[key]

    def fresh(self, kind: str, unlike: str = "") -> str:
        while True:
            if kind == "date":
                value = f"{self.rng.choice(MONTHS)} {self.rng.randint(1950, 2024)}"
            elif kind == "year":
                value = str(self.rng.randint(1850, 2020))
            else:
                value = f"{self.rng.randint(2, 900) * 10:,}"
            if value[-4:] != unlike[-4:] and not (kind == "count" and unlike and _close(value, unlike)):
                return value


def _close(a: str, b: str) -> bool:
    """Numbers that agree within the rule's 10% tolerance (a round 6,900 is 6,930 rounded): a
    conflict planted with them would not be one. A quarter apart at least."""
    x, y = int(a.replace(",", "")), int(b.replace(",", ""))
    return abs(x - y) <= 0.25 * max(x, y)


def report(world: World, number: int, sentences: int, plant: bool) -> tuple[str, Planted | None]:
    """A report of about ``sentences`` sentences on two places; with ``plant``, one fact known
    from an earlier report gets another value."""
    rng = random.Random(number)
    places = rng.sample(world.places, 2)
    lines, planted = [f"Report {number} on {' and '.join(places)}", ""], None
    for _ in range(sentences):
        p, t, b, g = rng.choice(places), rng.choice(THINGS), rng.choice(BODIES), rng.choice(GOODS)
        if rng.random() < 0.7:
            template, kind = rng.choice(FACTS)
            key = (template, p, t if "{t}" in template else "", b if "{b}" in template else "",
                   g if "{g}" in template else "")
            value = world.value(key, kind, number)
            if plant and planted is None and world.first[key] < number:
                value = world.fresh(kind, unlike=value)
                planted = Planted(f"doc{number:05d}.txt", value, "number" if kind == "count" else "date")
            lines.append(template.format(p=p, t=t, b=b, g=g, v=value))
        else:
            lines.append(rng.choice(FILLER).format(p=p, t=t, b=b))
    return "\n".join(lines) + "\n", planted


def write_corpus(folder: Path, documents: int, seed: int = 3, conflict_every: int = 10,
                 sentences: int = 8) -> list[Planted]:
    """``documents`` reports written to ``folder`` as docNNNNN.txt; the conflicts planted."""
    folder.mkdir(parents=True, exist_ok=True)
    world = World(documents, seed)
    planted = []
    for number in range(documents):
        text, wrong = report(world, number, sentences, plant=number % conflict_every == conflict_every - 1)
        (folder / f"doc{number:05d}.txt").write_text(text, encoding="utf-8")
        if wrong is not None:
            planted.append(wrong)
    return planted
