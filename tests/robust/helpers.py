"""Shared pieces of the robustness tests: a readable paper with one known finding."""

from __future__ import annotations

# A paper with exactly one finding: CIT001 on "Hale, 2017" (line 5).
PAPER = """# Harbour dredging

Published on 2 May 2025

Dredging doubled the port's depth (Okafor, 2019). Costs overran by a third (Hale, 2017).

## References

Okafor, N. (2019). Dredging the Outer Harbour. Port Economics, 12(1), 3-21.
"""
PAPER_FINDINGS = [("CIT001", "Hale, 2017")]

# Seconds each pathological input took (filled by test_pathological, printed in the summary).
PATHOLOGICAL_TIMES: dict[str, float | None] = {}
