"""Where settings come from: one function, ``load_settings``, in order defaults -> file -> env -> CLI.

The file is ``--config FILE``, else the nearest ``factcheck.toml`` or ``pyproject.toml`` with a
``[tool.factcheck]`` table, walking up from the working folder. Keys may be written with dashes
or underscores (``fail-on`` / ``fail_on``). Every key is checked, nested ones too: an unknown key
is an error naming the key and the file, and so is a rule code that names no rule of the
registry. Paths in the file (``lexicon``, ``baseline``, ``sources``, ``sources-cache``) are relative to the file's folder; paths
given on the command line or in the environment are relative to the working folder.

The settings themselves (``Settings``) live in ``factcheck.config``, below every stage; this
module sits above the rules, whose registry it reads.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factcheck.config import ConfigError, Settings, Thresholds
from factcheck.documents.files import read_bounded
from factcheck.documents.model import LoadError
from factcheck.rules.registry import all_rules

__all__ = ["find_config_file", "load_settings"]


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


# A settings file is a few hundred bytes; past this it is not one.
MAX_CONFIG_BYTES = 10 * 1024 * 1024


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: a run with no settings file (--isolated) does not need the parser

    try:
        return tomllib.loads(read_bounded(path, MAX_CONFIG_BYTES, "settings file").decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except LoadError as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None


_TABLES = ("thresholds", "severity", "per_file_ignores")
_ENV_LISTS = ("select", "ignore", "exclude")
_ENV_SCALARS = ("fail_on", "published", "lexicon", "claims_dir", "jobs", "time_limit", "memory_limit", "baseline",
                "force_exclude", "genre", "language", "sources", "sources_cache", "citation_style",
                "uncited_bib_severity", "scheduler")
_PATHS = ("lexicon", "baseline", "sources", "sources_cache")


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


_LIST_EXAMPLES = {"select": '["CIT", "FN001"]', "ignore": '["CLM005"]', "exclude": '["drafts/**", "*.html"]'}


def _explained(error: dict[str, Any]) -> str:
    """pydantic's message about a value, in the words of a settings file where its own are about
    Python ("Input should be a valid tuple")."""
    if error["type"] in ("tuple_type", "list_type"):
        example = _LIST_EXAMPLES.get(str(error["loc"][0]) if len(error["loc"]) == 1 else "", '["..."]')
        return f"expected a list, such as {example}"
    if error["type"] == "string_pattern_mismatch" and error["loc"] == ("language",):
        return f"expected a language code such as \"en\" or \"es\" (ISO 639-1), not {error.get('input')!r}"
    return error["msg"]


def _file_values(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The file's table with keys normalized, nested tables checked key by key."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [tool.factcheck] must be a table")
    values = _normalize_keys(data)
    unknown = sorted(set(values) - set(Settings.model_fields))
    if unknown:
        # A factcheck.toml copied from a pyproject.toml keeps its table's header.
        if "tool" in unknown:
            raise ConfigError(f"{source}: unknown setting 'tool' (outside pyproject.toml the settings stand at "
                              "the top level: remove the [tool.factcheck] line)")
        raise ConfigError(f"{source}: unknown setting '{_written(data, unknown[0])}'")
    if "thresholds" in values:
        if not isinstance(values["thresholds"], dict):
            raise ConfigError(f"{source}: 'thresholds' must be a table")
        written = data.get("thresholds", {}) if isinstance(data.get("thresholds"), dict) else {}
        values["thresholds"] = _normalize_keys(values["thresholds"])
        unknown = sorted(set(values["thresholds"]) - set(Thresholds.model_fields))
        if unknown:
            raise ConfigError(f"{source}: unknown setting 'thresholds.{_written(written, unknown[0])}'")
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
    file_data: dict[str, Any] = {}  # as written, for naming keys in messages
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
        file_data = data if isinstance(data, dict) else {}
        source = str(Path(config_path) if config_path else _shown(path, cwd))
        file_values = _file_values(data, source)
        for key in _PATHS:
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
    for key in _PATHS:
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
        where = origin.get(str(first["loc"][0]), "settings")
        # A key from the file is named as written there ("author-fuzzy"); others with dashes, as
        # the command line and the docs write them.
        key = _shown_key(first["loc"], file_data) if where not in ("command line", "settings") \
            and not where.startswith("FACTCHECK_") else ".".join(str(p) for p in first["loc"]).replace("_", "-")
        raise ConfigError(f"{where}: invalid value for '{key}': {_explained(first)}") from None
    _check_codes(settings, origin)
    if settings.lexicon and not Path(settings.lexicon).is_file():
        shown = (cli or {}).get("lexicon") or settings.lexicon
        raise ConfigError(f"{origin.get('lexicon', 'settings')}: lexicon file '{shown}' not found")
    if settings.sources and not Path(settings.sources).is_dir():
        shown = (cli or {}).get("sources") or settings.sources
        what = "is not a folder" if Path(settings.sources).exists() else "not found"
        raise ConfigError(f"{origin.get('sources', 'settings')}: sources folder '{shown}' {what}")
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
    specs = all_rules()
    for key, code in named:
        exact = key == "severity"
        if not any(spec.code == code or spec.name == code or (not exact and spec.code.startswith(code))
                   for spec in specs):
            what = "rule code" if exact else "rule code or prefix"
            raise ConfigError(f"{origin.get(key, 'settings')}: unknown {what} '{code}' in "
                              f"'{key.replace('_', '-')}' (see 'factcheck rules')")


def _written(data: dict[str, Any], key: str) -> str:
    """A normalized key (``fail_onn``) as the user wrote it in ``data`` (``fail-onn``)."""
    return next((raw for raw in data if str(raw).replace("-", "_") == key), key)


def _shown_key(location: tuple, file_data: dict[str, Any]) -> str:
    """The dotted key of a validation error, each part as written in the file when it is there."""
    parts, table = [], file_data
    for part in location:
        parts.append(_written(table, str(part)) if isinstance(table, dict) else str(part))
        nxt = next((v for k, v in table.items() if str(k).replace("-", "_") == str(part)), None) \
            if isinstance(table, dict) else None
        table = nxt if isinstance(nxt, dict) else {}
    return ".".join(parts)


def _normalize_keys(data: dict[str, Any]) -> dict[str, Any]:
    return {key.replace("-", "_"): value for key, value in data.items()}
