"""Settings: one pydantic model, filled in one function in order defaults -> file -> env -> CLI.

The file is ``--config FILE``, else the nearest ``factcheck.toml`` or ``pyproject.toml`` with a
``[tool.factcheck]`` table, walking up from the working folder. Keys may be written with dashes
or underscores (``fail-on`` / ``fail_on``). Every key is checked, nested ones too: an unknown key
is an error naming the key and the file. Paths in the file (``lexicon``, ``baseline``) are
relative to the file's folder; paths given on the command line or in the environment are
relative to the working folder.
"""

from __future__ import annotations

import os
import re
import tomllib
from fnmatch import translate
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from factcheck.model import FrozenModel, Severity

FailOn = Literal["error", "warning", "info", "never"]

#: The baseline file ``factcheck audit`` reads when it exists and ``factcheck baseline`` writes.
DEFAULT_BASELINE = ".factcheck-baseline.json"


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
    force_exclude: bool = False  # apply ``exclude`` to files named on the command line too
    # Glob (matched against the end of a document's path, ``**`` for any folders) -> codes or prefixes.
    per_file_ignores: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    claims_dir: str | None = "claims"
    jobs: int | None = Field(default=None, ge=1)  # None: one per core when there are several documents
    # Seconds one document may take, loading included, before it becomes an input error and the
    # run goes on (0: no limit). Enforced where factcheck.timelimit can: POSIX, main thread.
    time_limit: float = Field(default=60.0, ge=0, allow_inf_nan=False)
    baseline: str | None = None  # a baseline file of accepted findings (see factcheck.suppress)

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


# -- reading ---------------------------------------------------------------------------------

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


_TABLES = ("thresholds", "severity", "per_file_ignores")
_ENV_LISTS = ("select", "ignore", "exclude")
_ENV_SCALARS = ("fail_on", "published", "lexicon", "claims_dir", "jobs", "time_limit", "baseline",
                "force_exclude")


def _env_values(environ: dict[str, str]) -> dict[str, Any]:
    """FACTCHECK_FAIL_ON, FACTCHECK_SELECT=CIT,FN, ...: the scalar and list settings."""
    values: dict[str, Any] = {}
    for name, value in environ.items():
        if not name.startswith("FACTCHECK_"):
            continue
        key = name[len("FACTCHECK_"):].lower()
        if key in _ENV_LISTS:
            values[key] = tuple(v.strip() for v in value.split(",") if v.strip())
        elif key in _ENV_SCALARS:
            values[key] = value
    return values


def _file_values(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The file's table with keys normalized, nested tables checked key by key."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [tool.factcheck] must be a table")
    values = _normalize_keys(data)
    unknown = sorted(set(values) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(f"{source}: unknown setting '{unknown[0]}'")
    if "thresholds" in values:
        if not isinstance(values["thresholds"], dict):
            raise ConfigError(f"{source}: 'thresholds' must be a table")
        values["thresholds"] = _normalize_keys(values["thresholds"])
        unknown = sorted(set(values["thresholds"]) - set(Thresholds.model_fields))
        if unknown:
            raise ConfigError(f"{source}: unknown setting 'thresholds.{unknown[0]}'")
    for table in ("severity", "per_file_ignores"):
        if table in values and not isinstance(values[table], dict):
            raise ConfigError(f"{source}: '{table.replace('_', '-')}' must be a table")
    if "severity" in values:
        values["severity"] = {str(code).upper(): value for code, value in values["severity"].items()}
    if "per_file_ignores" in values:
        values["per_file_ignores"] = {pattern: _code_list(codes) for pattern, codes in values["per_file_ignores"].items()}
    return values


def _code_list(value: Any) -> Any:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, (list, tuple)):
        return tuple(_code(v) if isinstance(v, str) else v for v in value)
    return value


def _code(value: str) -> str:
    value = value.strip()
    return value.upper() if value.isalnum() else value


def load_settings(cli: dict[str, Any] | None = None, config_path: str | None = None,
                  cwd: Path | None = None, environ: dict[str, str] | None = None,
                  isolated: bool = False) -> Settings:
    """Defaults, then the config file, then FACTCHECK_* variables, then the command line.

    ``isolated`` skips the search for a config file (an explicit ``config_path`` is still read).
    Raises ConfigError naming the key and where its value came from.
    """
    cwd = cwd or Path.cwd()
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    if config_path:
        path = Path(config_path)
        if not path.is_absolute():
            path = cwd / path
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("factcheck", {})
        found: tuple[Path, dict[str, Any]] | None = (path, data)
    else:
        found = None if isolated else find_config_file(cwd)
    if found:
        path, data = found
        source = str(Path(config_path) if config_path else _shown(path, cwd))
        file_values = _file_values(data, source)
        for key in ("lexicon", "baseline"):
            if isinstance(file_values.get(key), str):
                file_values[key] = _shown(path.parent / file_values[key], cwd)
        values.update(file_values)
        origin.update(dict.fromkeys(file_values, source))
    env = _env_values(dict(os.environ if environ is None else environ))
    values.update(env)
    origin.update({key: f"FACTCHECK_{key.upper()}" for key in env})
    cli_values = {k: v for k, v in (cli or {}).items() if v is not None and v != ()}
    unknown = sorted(set(cli_values) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(f"unknown setting '{unknown[0]}'")
    if isinstance(cli_values.get("thresholds"), dict):
        cli_values["thresholds"] = _normalize_keys(cli_values["thresholds"])
        unknown = sorted(set(cli_values["thresholds"]) - set(Thresholds.model_fields))
        if unknown:
            raise ConfigError(f"unknown setting 'thresholds.{unknown[0]}'")
    for key in ("lexicon", "baseline"):
        if isinstance(cli_values.get(key), str) and not Path(cli_values[key]).is_absolute() and cwd != Path.cwd():
            cli_values[key] = str(cwd / cli_values[key])
    for key, value in cli_values.items():
        # Tables merge key by key: a threshold given on top of the file keeps the file's others.
        values[key] = {**values[key], **value} if key in _TABLES and isinstance(values.get(key), dict) \
            and isinstance(value, dict) else value
    origin.update(dict.fromkeys(cli_values, "command line"))
    try:
        settings = Settings(**values)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        where = origin.get(str(first["loc"][0]), "settings")
        raise ConfigError(f"{where}: invalid value for '{key}': {first['msg']}") from None
    _check_codes(settings, origin)
    if settings.lexicon and not Path(settings.lexicon).is_file():
        shown = (cli or {}).get("lexicon") or settings.lexicon
        raise ConfigError(f"{origin.get('lexicon', 'settings')}: lexicon file '{shown}' not found")
    return settings


def _shown(path: Path, cwd: Path) -> str:
    """``path`` relative to the working folder when inside it (short messages), else absolute."""
    absolute = path if path.is_absolute() else cwd / path
    if cwd.resolve() != Path.cwd().resolve():
        return str(absolute)
    try:
        relative = absolute.resolve().relative_to(cwd.resolve())
    except ValueError:
        return str(absolute)
    return str(relative) if str(relative) != "." else str(absolute)


def _check_codes(settings: Settings, origin: dict[str, str]) -> None:
    """Every code or prefix named in the settings selects at least one rule."""
    named = [("select", c) for c in settings.select] + [("ignore", c) for c in settings.ignore]
    named += [("severity", c) for c in settings.severity]
    named += [("per_file_ignores", c) for codes in settings.per_file_ignores.values() for c in codes]
    if not named:
        return
    from factcheck.rules.registry import all_rules

    specs = all_rules()
    for key, code in named:
        exact = key == "severity"
        if not any(spec.code == code or spec.name == code or (not exact and spec.code.startswith(code))
                   for spec in specs):
            what = "rule code" if exact else "rule code or prefix"
            raise ConfigError(f"{origin.get(key, 'settings')}: unknown {what} '{code}' in "
                              f"'{key.replace('_', '-')}' (see 'factcheck rules')")


def _normalize_keys(data: dict[str, Any]) -> dict[str, Any]:
    return {key.replace("-", "_"): value for key, value in data.items()}


__all__ = ["ConfigError", "DEFAULT_BASELINE", "FailOn", "Settings", "Thresholds", "excluded", "find_config_file",
           "load_settings", "path_matches"]
