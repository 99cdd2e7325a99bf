"""What the bench scripts time by: medians of several runs, and the same-process regex baseline.

A single regex pass over the same texts (``regex_pass_seconds``) is the baseline every
throughput figure is given against, so that a ratio says how far the audit is from a bare scan
whatever the machine and its load.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Sequence

# What a citation scanner looks for at its simplest: a parenthesis or a numbered marker.
BASELINE = re.compile(r"\(([^()\n]{4,400})\)|\[\d{1,3}\]")


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``action``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def regex_pass_seconds(texts: Sequence[str], runs: int) -> float:
    """The median time of one ``BASELINE`` pass over every text."""
    return median_seconds(lambda: [sum(1 for _ in BASELINE.finditer(text)) for text in texts], runs)
