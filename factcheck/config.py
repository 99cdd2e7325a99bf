"""Settings: one pydantic model, filled in one function in order defaults -> file -> env -> CLI."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from factcheck.model import FrozenModel, Severity

FailOn = Literal["error", "warning", "info", "never"]


class ConfigError(Exception):
    """A settings problem; the message names the key and the file."""


class Thresholds(FrozenModel):
    author_fuzzy: float = 80.0
    author_year_differs: float = 90.0
    checkworthiness: float = 0.6
    # DATE001 / NUM001: two statements are about the same fact when rapidfuzz token_set_ratio of
    # their context phrases reaches fact_match, they share fact_min_shared content words, and no
    # word of one is replaced by another (words at fact_word_match or above are spelling variants).
    fact_match: float = 85.0
    fact_word_match: float = 90.0
    fact_min_shared: int = 3
    # Approximate numbers ("about 190,000") agree within this fraction; a round number is read
    # as rounded to at most this fraction of itself ("1.9 million" agrees with "1,894,000").
    number_tolerance: float = 0.1


class Settings(FrozenModel):
    fail_on: FailOn = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    thresholds: Thresholds = Thresholds()
    published: str | None = None  # when a document does not state its own publication date
    lexicon: str | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    claims_dir: str | None = "claims"
    jobs: int = 1


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest pyproject.toml with [tool.factcheck], or factcheck.toml, walking up from start."""
    for folder in [start, *start.parents]:
        candidate = folder / "factcheck.toml"
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            if "factcheck" in data.get("tool", {}):
                return pyproject, data["tool"]["factcheck"]
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def _env_values(environ: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in environ.items():
        if not name.startswith("FACTCHECK_"):
            continue
        key = name[len("FACTCHECK_"):].lower()
        if key in ("select", "ignore", "exclude"):
            values[key] = tuple(v.strip() for v in value.split(",") if v.strip())
        elif key in Settings.model_fields:
            values[key] = value
    return values


def load_settings(cli: dict[str, Any] | None = None, config_path: str | None = None,
                  cwd: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults, then the config file, then FACTCHECK_* variables, then the command line."""
    values: dict[str, Any] = {}
    source = "defaults"
    if config_path:
        path = Path(config_path)
        data = _read_toml(path)
        file_values = data.get("tool", {}).get("factcheck", data) if path.name == "pyproject.toml" else data
        values.update(_normalize_keys(file_values))
        source = str(path)
    else:
        found = find_config_file(cwd or Path.cwd())
        if found:
            values.update(_normalize_keys(found[1]))
            source = str(found[0])
    values.update(_env_values(dict(os.environ if environ is None else environ)))
    values.update({k: v for k, v in (cli or {}).items() if v is not None and v != ()})
    unknown = sorted(set(values) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(f"{source}: unknown setting '{unknown[0]}'")
    try:
        settings = Settings(**values)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{source}: invalid value for '{key}': {first['msg']}") from None
    if settings.lexicon and not Path(settings.lexicon).is_file():
        raise ConfigError(f"{source}: lexicon file '{settings.lexicon}' not found")
    return settings


def _normalize_keys(data: dict[str, Any]) -> dict[str, Any]:
    return {key.replace("-", "_"): value for key, value in data.items()}
