"""What kind of writing a document is: it decides what a claim needs to count as sourced (a
scholarly paper cites each statistic; a news story names who says so and lists its facts as
claims to check). ``factcheck.claims.genre`` detects it; ``genre`` in the settings sets it.

A module of its own, apart from the records of ``factcheck.model``, so that the command line's
parser (``--genre``) is built without importing pydantic: ``factcheck --version`` and
``--help`` start in a fraction of the time.
"""

from __future__ import annotations

from typing import Literal

Genre = Literal["scholarly", "report", "news", "web"]
GENRES: tuple[str, ...] = ("scholarly", "report", "news", "web")
