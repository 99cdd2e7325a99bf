"""The base every record of factcheck derives from: frozen, strict, JSON-ready."""

from __future__ import annotations

from enum import Enum

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
