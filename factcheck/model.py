"""The base every record of factcheck derives from: frozen, strict, JSON-ready."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict


class FrozenModel(BaseModel):
    """Immutable record; collections are tuples, links between records are ids."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


# What kind of writing a document is: it decides what a claim needs to count as sourced (a
# scholarly paper cites each statistic; a news story names who says so and lists its facts as
# claims to check). ``factcheck.claims.genre`` detects it; ``genre`` in the settings sets it.
Genre = Literal["scholarly", "report", "news", "web"]
GENRES: tuple[str, ...] = ("scholarly", "report", "news", "web")
