"""Settings: one pydantic model of every option, with its default, and path matching for them.

Every stage reads a ``Settings``; ``factcheck.configure.load_settings`` fills one from the
defaults, the config file, ``FACTCHECK_*`` variables and the command line, in that order.
"""

from __future__ import annotations

import os
import re
from datetime import date
from fnmatch import translate
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator

from factcheck.genres import Genre
from factcheck.model import FrozenModel, Severity

FailOn = Literal["error", "warning", "info", "never"]
# The citation family of the documents (``factcheck.citations.style``); "auto" detects it per document.
CitationStyleSetting = Literal["auto", "author-date", "author-page", "numeric", "superscript", "notes", "pandoc"]

_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_SCHEDULER = re.compile(r"dask|(?:tcp|tls|ws|wss)://[^\s/]+:\d+")

#: The baseline file ``factcheck audit`` reads when it exists and ``factcheck baseline`` writes.
DEFAULT_BASELINE = ".factcheck-baseline.json"


class ConfigError(Exception):
    """A settings problem; the message names the key and the file."""


# Scores of rapidfuzz are 0-100; check-worthiness and tolerances are fractions.
_SCORE = {"ge": 0, "le": 100, "allow_inf_nan": False}
_FRACTION = {"ge": 0, "le": 1, "allow_inf_nan": False}


class Thresholds(FrozenModel):
    author_fuzzy: float = Field(default=80.0, **_SCORE)
    author_year_differs: float = Field(default=90.0, **_SCORE)
    checkworthiness: float = Field(default=0.6, **_FRACTION)
    # DATE001 / NUM001: two statements are about the same fact when rapidfuzz token_set_ratio of
    # their context phrases reaches fact_match, they share fact_min_shared content words, and no
    # word of one is replaced by another (words at fact_word_match or above are spelling variants).
    fact_match: float = Field(default=85.0, **_SCORE)
    fact_word_match: float = Field(default=90.0, **_SCORE)
    fact_min_shared: int = Field(default=3, ge=1)
    # Approximate numbers ("about 190,000") agree within this fraction; a round number is read
    # as rounded to at most this fraction of itself ("1.9 million" agrees with "1,894,000").
    number_tolerance: float = Field(default=0.1, **_FRACTION)


class Settings(FrozenModel):
    fail_on: FailOn = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    thresholds: Thresholds = Thresholds()
    # When a document does not state its own publication date: YYYY, YYYY-MM or YYYY-MM-DD.
    published: str | None = None
    lexicon: str | None = None
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False  # apply ``exclude`` to files named on the command line too
    # Glob (matched against the end of a document's path, ``**`` for any folders) -> codes or prefixes.
    per_file_ignores: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    claims_dir: str | None = "claims"
    jobs: int | None = Field(default=None, ge=1)  # None: one per core when there are several documents
    # Seconds one document may take, loading included, before it becomes an input error and the
    # run goes on (0: no limit). Enforced where factcheck.timelimit can: POSIX, main thread.
    time_limit: float = Field(default=60.0, ge=0, allow_inf_nan=False)
    # Megabytes of memory one document's loading and audit may take on top of what the process
    # holds, before it becomes an input error (0: no limit). See factcheck.memlimit.
    memory_limit: float = Field(default=2048.0, ge=0, allow_inf_nan=False)
    baseline: str | None = None  # a baseline file of accepted findings (see factcheck.suppress)
    # The kind of writing every document is ("news": facts listed as claims to check, quotes
    # need a named speaker); None detects it per document (factcheck.claims.genre).
    genre: Genre | None = None
    # The language of every document (an ISO 639-1 code such as "en", "es"); None detects it per
    # document. Rules that read English (attribution, check-worthiness, spelling) run only on "en".
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    # A folder of the cited works (--sources): quotations and figures are checked against them.
    sources: str | None = None
    # Where their extracted texts are cached (SQLite, by content hash); None: not on disk. The
    # command line puts it beside the claim ledger (claims/.sources-cache.sqlite3).
    sources_cache: str | None = None
    # Audit on a Dask cluster (factcheck.cluster): "dask" starts one on this machine with ``jobs``
    # workers; "tcp://HOST:PORT" is the scheduler of a running one. None: this machine, --jobs.
    scheduler: str | None = None

    @field_validator("scheduler")
    @classmethod
    def _a_scheduler(cls, value: str | None) -> str | None:
        if value is not None and not _SCHEDULER.fullmatch(value):
            raise ValueError("not 'dask' nor a scheduler address such as tcp://HOST:8786")
        return value

    @field_validator("published")
    @classmethod
    def _a_real_date(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not _ISO_DATE.fullmatch(value):
            raise ValueError("not a date written YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            date(parts[0], parts[1], parts[2])
        except ValueError as error:
            raise ValueError(f"not a real date ({error})") from None
        return value
    citation_style: CitationStyleSetting = "auto"
    # CIT002 for an entry of a --bib / front-matter bibliography that no citation uses: such files
    # are shared between papers and hold more than one paper cites (as checkcites reports them).
    uncited_bib_severity: Severity = Severity.INFO

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Codes and prefixes ``per-file-ignores`` turns off for the document at ``path``."""
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores.items():
            if path_matches(pattern, path):
                codes.extend(ignored)
        return tuple(codes)


# -- paths -----------------------------------------------------------------------------------

def path_matches(pattern: str, path: str | os.PathLike[str]) -> bool:
    """Glob ``pattern`` against the end of ``path`` at a folder boundary, with forward slashes.

    ``drafts/*.md`` matches ``drafts/a.md`` and ``book/drafts/a.md`` (not ``drafts/x/a.md``);
    ``**`` spans folders (``drafts/**/*.md``); ``*`` stays within one folder; a pattern starting
    with ``/`` or ``./`` is anchored at the start of the path.
    """
    posix = str(path).replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return _glob(pattern).match(posix) is not None


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    pattern = pattern.replace("\\", "/")
    anchored = pattern.startswith(("/", "./"))
    pattern = pattern[2:] if pattern.startswith("./") else pattern.lstrip("/")
    parts: list[str] = []
    for index, piece in enumerate(pattern.split("/")):
        last = index == len(pattern.split("/")) - 1
        if piece == "**":
            parts.append(".*" if last else "(?:[^/]*/)*")
            continue
        # fnmatch.translate gives "(?s:...)\Z"; keep the body, and keep '*' inside one folder.
        body = translate(piece)[4:-3].replace(".*", "[^/]*")
        parts.append(body + ("" if last else "/"))
    head = "^" if anchored else r"(?:^|.*/)"
    return re.compile(head + "".join(parts) + r"\Z", re.DOTALL)


def excluded(path: str | os.PathLike[str], patterns: tuple[str, ...] | list[str]) -> bool:
    return any(path_matches(pattern, path) for pattern in patterns)


__all__ = ["CitationStyleSetting", "ConfigError", "DEFAULT_BASELINE", "FailOn", "Settings", "Thresholds", "excluded", "path_matches"]
